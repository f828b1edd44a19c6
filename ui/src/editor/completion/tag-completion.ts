/**
 * `#` completion: the vault's tags (`list_tags`, fetched on first use and
 * kept 30 s or until a file changes), most used first, after a `#` that
 * starts a tag (at a line's start or after a space).
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from "@codemirror/autocomplete";
import type { Backend } from "../../ipc/backend";
import type { TagCountDto } from "../../ipc/generated";

/** The tag being typed before `column`: where its name starts and what is typed. */
export function tagContextAt(line: string, column: number): { from: number; query: string } | null {
  const before = line.slice(0, column);
  const match = /(^|\s)#([\p{L}\p{N}_/-]*)$/u.exec(before);
  if (!match) return null;
  const query = match[2] ?? "";
  return { from: column - query.length, query };
}

export class TagCatalog {
  private cached: Promise<TagCountDto[]> | null = null;
  private fetchedAt = 0;

  constructor(
    private readonly backend: Backend,
    private readonly maxAgeMs = 30_000,
  ) {}

  tags(): Promise<TagCountDto[]> {
    const now = Date.now();
    if (this.cached && now - this.fetchedAt < this.maxAgeMs) return this.cached;
    this.fetchedAt = now;
    const fetched = this.backend.call("list_tags", null).catch(() => {
      if (this.cached === fetched) this.cached = null;
      return [] as TagCountDto[];
    });
    this.cached = fetched;
    return fetched;
  }

  invalidate(): void {
    this.cached = null;
  }
}

export function tagCompletionSource(catalog: TagCatalog): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const line = context.state.doc.lineAt(context.pos);
    const at = tagContextAt(line.text, context.pos - line.from);
    if (!at) return null;
    // A bare `#` at a line's start is probably a heading until a letter follows.
    if (at.query === "" && !context.explicit && line.text.slice(0, context.pos - line.from).trim() === "#") return null;
    const tags = await catalog.tags();
    if (context.aborted) return null;
    // The tags notes carry, not the parents only nesting implies (`a` of `#a/b`).
    const options: Completion[] = tags.filter((tag) => tag.written).map((tag, index) => ({
      label: tag.tag,
      detail: `${tag.notes} note${tag.notes === 1 ? "" : "s"}`,
      type: "tag",
      apply: `${tag.tag} `,
      boost: Math.max(-99, -index),
    }));
    return { from: line.from + at.from, options, validFor: /^[\p{L}\p{N}_/-]*$/u };
  };
}
