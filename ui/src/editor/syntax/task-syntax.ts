/**
 * Task list items with any status, as Obsidian and the reader read them
 * (rhizome-render's `tasks.rs`): one character between the brackets makes
 * a task, `[ ]` open and anything else done or special (`[x]`, `[/]`,
 * `[-]`, `[>]`, `[!]`, `[?]`…). GFM's parser (lang-markdown) only knows
 * `[ ]` and `[x]`; this runs before it and makes the same `Task` and
 * `TaskMarker` nodes, so Live Preview draws a box for every status.
 */
import type { BlockContext, LeafBlock, LeafBlockParser, MarkdownConfig } from "@lezer/markdown";

/** `[c]` then a space, a tab or the end of the item; `c` is one character but a bracket. */
const MARKER = /^\[([^[\]\n\r])\](?=[ \t]|$)/u;

class AnyStatusTask implements LeafBlockParser {
  constructor(private readonly marker: number) {}

  nextLine(): boolean {
    return false;
  }

  finish(cx: BlockContext, leaf: LeafBlock): boolean {
    const start = leaf.start;
    cx.addLeafElement(
      leaf,
      cx.elt("Task", start, start + leaf.content.length, [
        cx.elt("TaskMarker", start, start + this.marker),
        ...cx.parser.parseInline(leaf.content.slice(this.marker), start + this.marker),
      ]),
    );
    return true;
  }
}

/** Any single-character status makes a task (the `Task`/`TaskMarker` nodes GFM defines). */
export const anyStatusTasks: MarkdownConfig = {
  parseBlock: [
    {
      name: "AnyStatusTask",
      before: "TaskList",
      leaf(cx, leaf) {
        if (cx.parentType().name !== "ListItem") return null;
        const marker = MARKER.exec(leaf.content);
        return marker ? new AnyStatusTask(marker[0].length) : null;
      },
    },
  ],
};
