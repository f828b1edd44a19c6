/**
 * Obsidian's formatting commands, over CodeMirror state: toggle bold
 * (`**`), italics (`*`), strikethrough (`~~`), highlight (`==`) and inline
 * code (`` ` ``) around each selection, and "Insert Markdown link" (Ctrl+K).
 * Every command is one transaction: one undo step for all cursors.
 *
 * Toggling, as in Obsidian: a selection already wrapped (inside or just
 * outside the marks) is unwrapped; otherwise it is wrapped; an empty
 * selection gets the pair with the cursor between, or, between an empty
 * pair, the pair is removed.
 */
import type { EditorState, StateCommand, TransactionSpec } from "@codemirror/state";
import { EditorSelection } from "@codemirror/state";

/** One toggle's change for a selection range (pure, for tests and the command). */
export function toggleMarkup(state: EditorState, mark: string): TransactionSpec {
  const n = mark.length;
  return state.changeByRange((range) => {
    const before = state.sliceDoc(range.from - n, range.from);
    const after = state.sliceDoc(range.to, range.to + n);
    const inside = state.sliceDoc(range.from, range.to);
    // `**|**` or `**text**` selected from the inside: unwrap around.
    if (before === mark && after === mark) {
      return {
        changes: [
          { from: range.from - n, to: range.from },
          { from: range.to, to: range.to + n },
        ],
        range: EditorSelection.range(range.anchor - n, range.head - n),
      };
    }
    // `**text**` selected whole: unwrap inside.
    if (!range.empty && inside.length >= 2 * n && inside.startsWith(mark) && inside.endsWith(mark)) {
      return {
        changes: [
          { from: range.from, to: range.from + n },
          { from: range.to - n, to: range.to },
        ],
        range: EditorSelection.range(range.from, range.to - 2 * n),
      };
    }
    return {
      changes: [
        { from: range.from, insert: mark },
        { from: range.to, insert: mark },
      ],
      range: EditorSelection.range(range.from + n, range.to + n),
    };
  });
}

/** The command that toggles `mark` around every selection. */
export function toggleWrap(mark: string, event: string): StateCommand {
  return ({ state, dispatch }) => {
    if (state.readOnly) return false;
    dispatch(state.update(toggleMarkup(state, mark), { userEvent: `input.format.${event}`, scrollIntoView: true }));
    return true;
  };
}

export const toggleBold = toggleWrap("**", "bold");
export const toggleItalic = toggleWrap("*", "italic");
export const toggleStrikethrough = toggleWrap("~~", "strikethrough");
export const toggleHighlight = toggleWrap("==", "highlight");
export const toggleCode = toggleWrap("`", "code");

const URL_LIKE = /^(https?:\/\/|mailto:)\S+$/i;

/**
 * "Insert Markdown link" for each selection: selected text becomes
 * `[text](url)` with `url` (from the clipboard, when it holds one) or
 * `[text]()` with the cursor in the parentheses; a selected URL becomes
 * `[](url)` with the cursor in the brackets; nothing selected gives `[]()`.
 */
export function insertLink(state: EditorState, clipboard: string | null): TransactionSpec {
  const url = clipboard !== null && URL_LIKE.test(clipboard.trim()) ? clipboard.trim() : "";
  return state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    if (text !== "" && URL_LIKE.test(text.trim())) {
      const insert = `[](${text.trim()})`;
      return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(range.from + 1) };
    }
    const insert = `[${text}](${url})`;
    // With a URL the link is done: the cursor goes after it; else into the parentheses (or brackets).
    const cursor = url !== "" ? range.from + insert.length : text === "" ? range.from + 1 : range.from + text.length + 3;
    return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(cursor) };
  });
}
