/**
 * The one place the editor puts HTML into the page: the sanitized fragment
 * rhizome-render returns (`render_fragment`: ammonia with a strict
 * allowlist and a per-render nonce, the reader's pipeline). It is parsed in
 * an inert template and moved in; nothing derived from note text reaches
 * the DOM any other way than `textContent`. Fragments are cached by their
 * Markdown for the editor's life, until `forgetRendered()`.
 */

/** Puts `html` (from `render_fragment`, sanitized in Rust) into `target`. */
export function showRendered(target: HTMLElement, html: string): void {
  const template = document.createElement("template");
  template.innerHTML = html;
  target.replaceChildren(template.content);
}

/** A cache of rendered fragments by Markdown text (one per editor). */
export class FragmentCache {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly render: (markdown: string) => Promise<string>) {}

  get(markdown: string): Promise<string> {
    let hit = this.cache.get(markdown);
    if (!hit) {
      hit = this.render(markdown).catch((error: unknown) => {
        this.cache.delete(markdown);
        throw error;
      });
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(markdown, hit);
    }
    return hit;
  }

  /** Drops every fragment (a file they may show changed). */
  forget(): void {
    this.cache.clear();
  }
}
