/**
 * Reordering the right sidebar's sections by dragging their titles onto
 * another section (it goes before that one; below the last one: to the
 * end), as Obsidian's sidebar tabs are rearranged by dragging. Pointer
 * events; the click that ends a drag does not fold the section.
 */
import { el } from "../dom";

const THRESHOLD = 6;

export class SectionDrag {
  private press: { id: string; x: number; y: number; pointerId: number } | null = null;
  private dragging: { id: string; line: HTMLElement; before: string | null } | null = null;
  private suppress = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly drop: (id: string, before: string | null) => void,
  ) {
    window.addEventListener("pointermove", (event) => this.onMove(event));
    window.addEventListener("pointerup", (event) => this.onUp(event));
    window.addEventListener("pointercancel", () => this.cancel());
  }

  /** Makes section `id` draggable by its `title`. */
  attach(title: HTMLElement, id: string): void {
    title.addEventListener("pointerdown", (event) => {
      if (event.button === 0) this.press = { id, x: event.clientX, y: event.clientY, pointerId: event.pointerId };
    });
    title.addEventListener("click", (event) => {
      if (this.suppress) {
        event.preventDefault();
        this.suppress = false;
      }
    });
  }

  private sections(): HTMLElement[] {
    return [...this.container.children].filter((c): c is HTMLElement => c instanceof HTMLElement && c.classList.contains("panel-section"));
  }

  private onMove(event: PointerEvent): void {
    if (!this.press || event.pointerId !== this.press.pointerId) return;
    if (!this.dragging) {
      if (Math.hypot(event.clientX - this.press.x, event.clientY - this.press.y) < THRESHOLD) return;
      const line = el("div", { class: "section-drop-line", testid: "section-drop-line" });
      document.body.append(line);
      this.dragging = { id: this.press.id, line, before: null };
    }
    const sections = this.sections();
    const over = sections.find((s) => {
      const r = s.getBoundingClientRect();
      return event.clientY >= r.top && event.clientY < r.bottom;
    });
    const index = over ? sections.indexOf(over) : sections.length;
    const target = sections[index];
    this.dragging.before = target?.dataset["testid"] ?? null;
    const r = (target ?? sections[sections.length - 1])?.getBoundingClientRect();
    if (r) Object.assign(this.dragging.line.style, { left: `${r.left}px`, width: `${r.width}px`, top: `${target ? r.top : r.bottom}px` });
  }

  private onUp(event: PointerEvent): void {
    if (!this.press || event.pointerId !== this.press.pointerId) return;
    const dragging = this.dragging;
    this.cancel();
    if (!dragging) return;
    this.suppress = true;
    setTimeout(() => (this.suppress = false), 0);
    this.drop(dragging.id, dragging.before);
  }

  private cancel(): void {
    this.press = null;
    this.dragging?.line.remove();
    this.dragging = null;
  }
}
