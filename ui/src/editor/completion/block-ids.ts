/**
 * A note's blocks as `[[note#^` completion offers them (paragraphs and list
 * items, with the `^id` they already have), and adding an id to a block that
 * has none, as Obsidian does when one is picked: ` ^id` at the end of the
 * block's last line (on a line of its own after a table or a quote, where a
 * trailing id would join the last row). Pure string work.
 */

export interface NoteBlock {
  /** 0-based line where the block ends (where its id goes). */
  line: number;
  /** The block's first line, without list markers or its id, for the menu. */
  text: string;
  /** Its existing block id, or null. */
  id: string | null;
  /** A table or quote: the id goes on a line of its own after it. */
  ownLine: boolean;
}

const ID_AT_END = /\s\^([A-Za-z0-9-]+)\s*$/;
const LONE_ID = /^\s*\^([A-Za-z0-9-]+)\s*$/;
const ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(?:\[.\]\s+)?/;
const FENCE = /^\s*(```|~~~)/;

function shown(line: string): string {
  return line.replace(ITEM, "").replace(/^\s*>\s?/, "").replace(ID_AT_END, "").trim().slice(0, 120);
}

/** The blocks of a note's text, in order. */
export function noteBlocks(text: string): NoteBlock[] {
  const lines = text.split("\n");
  const blocks: NoteBlock[] = [];
  let i = 0;
  if (lines[0]?.trimEnd() === "---") {
    const close = lines.findIndex((l, n) => n > 0 && (l.trimEnd() === "---" || l.trimEnd() === "..."));
    if (close > 0) i = close + 1;
  }
  let current: NoteBlock | null = null;
  let fence: string | null = null;
  const close = (): void => {
    if (current && current.text !== "") blocks.push(current);
    current = null;
  };
  for (; i < lines.length; i += 1) {
    const line = lines[i] ?? "";
    const fenceMark = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (fenceMark === fence) fence = null;
      continue;
    }
    if (fenceMark) {
      close();
      fence = fenceMark;
      continue;
    }
    const lone = LONE_ID.exec(line);
    if (lone) {
      const previous = current ?? blocks[blocks.length - 1];
      if (previous && previous.id === null) previous.id = lone[1] ?? null;
      close();
      continue;
    }
    if (line.trim() === "" || /^#{1,6}\s/.test(line)) {
      close();
      continue;
    }
    const item = ITEM.test(line);
    const table = /^\s*\|/.test(line);
    const quote = /^\s*>/.test(line);
    if (item || !current) {
      close();
      current = { line: i, text: shown(line), id: null, ownLine: table || quote };
    }
    current.line = i;
    const id = ID_AT_END.exec(line);
    if (id) current.id = id[1] ?? null;
  }
  close();
  return blocks;
}

/** A new block id (6 lower-case letters and digits, as Obsidian makes them) not in `taken`. */
export function newBlockId(taken: ReadonlySet<string>, random: () => number = Math.random): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  for (;;) {
    let id = "";
    for (let i = 0; i < 6; i += 1) id += alphabet[Math.floor(random() * alphabet.length)] ?? "a";
    if (!taken.has(id)) return id;
  }
}

/** `text` with `id` added to `block` (which has none). */
export function withBlockId(text: string, block: NoteBlock, id: string): string {
  const lines = text.split("\n");
  const line = lines[block.line] ?? "";
  if (block.ownLine) lines.splice(block.line + 1, 0, `^${id}`);
  else lines[block.line] = `${line.replace(/\s+$/, "")} ^${id}`;
  return lines.join("\n");
}
