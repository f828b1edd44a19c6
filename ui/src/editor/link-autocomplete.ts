/**
 * `[[` completion in CodeMirror: the pure logic of `link-completion.ts` fed
 * with the note catalog (`quick_switch_items`) and, after `[[Title#`, the
 * note's headings (`resolve_link` from the current note, then `outline`).
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from "@codemirror/autocomplete";
import { autocompletion, insertCompletionText, pickedCompletion } from "@codemirror/autocomplete";
import type { Extension } from "@codemirror/state";
import type { Backend } from "../ipc/backend";
import type { LinkOption } from "./link-completion";
import { headingOptions, linkContextAt, noteOptions, replacementEnd } from "./link-completion";
import type { NoteCatalog } from "./note-catalog";
import { newBlockId, noteBlocks, withBlockId } from "./completion/block-ids";
import type { TagCatalog } from "./completion/tag-completion";
import { tagCompletionSource } from "./completion/tag-completion";

/** What may follow the typed query while the same options stay valid. */
const VALID_QUERY = /^[^\]|#^[]*$/;

function toCompletion(option: LinkOption, index: number): Completion {
  return {
    label: option.label,
    detail: option.detail,
    type: option.type,
    // Headings keep their document order (the list is otherwise sorted by match, then label).
    boost: option.type === "heading" ? Math.max(-99, -index) : 0,
    apply: (view, completion, from, to) => {
      const end = replacementEnd(view.state.sliceDoc(to, to + 2), to);
      view.dispatch({
        ...insertCompletionText(view.state, option.apply, from, end),
        annotations: pickedCompletion.of(completion),
      });
    },
  };
}

export interface LinkCompletionDeps {
  backend: Backend;
  catalog: NoteCatalog;
  /** The path of the note being edited (for `resolve_link` and `[[#`). */
  path: () => string;
  /** The vault's tags for `#` completion (none when absent). */
  tags?: TagCatalog;
  /** Says why a block id could not be added to another note. */
  report?: (message: string) => void;
}

/**
 * The `[[note#^` options: the note's blocks. Picking one without an id
 * gives it one, as Obsidian does: in this note within the same edit, in
 * another note through `save_note` (refused if that note changed meanwhile).
 */
async function blockOptions(deps: LinkCompletionDeps, context: CompletionContext, target: string): Promise<Completion[] | null> {
  const own = target.trim() === "";
  const path = own ? deps.path() : await deps.backend.call("resolve_link", { from: deps.path(), target: target.trim() });
  if (path === null || context.aborted) return null;
  const note = path === deps.path() ? null : await deps.backend.call("read_note_source", { path });
  if (context.aborted) return null;
  const text = note ? note.text : context.state.doc.toString();
  const blocks = noteBlocks(text);
  const taken = new Set(blocks.flatMap((b) => (b.id ? [b.id] : [])));
  const give = (): string => {
    const id = newBlockId(taken);
    taken.add(id);
    return id;
  };
  return blocks.map((block, index) => ({
    label: block.text,
    detail: block.id ? `^${block.id}` : "",
    type: "block",
    boost: Math.max(-99, -index),
    apply: (view, completion, from, to) => {
      const end = replacementEnd(view.state.sliceDoc(to, to + 2), to);
      const id = block.id ?? give();
      const insert = { from, to: end, insert: `${id}]]` };
      if (block.id === null && note === null) {
        // This note: the id and the link in one undoable edit.
        const line = view.state.doc.line(block.line + 1);
        const added = withBlockId(line.text, { ...block, line: 0 }, id);
        const changes = [{ from: line.from, to: line.to, insert: added }, insert].sort((a, b) => a.from - b.from);
        view.dispatch({ changes, selection: { anchor: from + id.length + 2 + (line.from < from ? added.length - line.text.length : 0) }, annotations: pickedCompletion.of(completion) });
        return;
      }
      view.dispatch({ changes: insert, selection: { anchor: from + id.length + 2 }, annotations: pickedCompletion.of(completion) });
      if (block.id === null && note !== null) {
        const next = withBlockId(note.text, block, id);
        deps.backend.call("save_note", { path, text: next, base_hash: note.hash }).then(
          (result) => {
            if (result.status !== "saved") deps.report?.(`${path} changed meanwhile; the block id ^${id} was not added to it.`);
          },
          (error: unknown) => deps.report?.(`Could not add the block id to ${path}: ${error instanceof Error ? error.message : String((error as { message?: string }).message ?? error)}`),
        );
      }
    },
  }));
}

export function linkCompletionSource(deps: LinkCompletionDeps): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const line = context.state.doc.lineAt(context.pos);
    const link = linkContextAt(line.text, context.pos - line.from);
    if (!link) return null;
    const from = line.from + link.from;
    if (link.kind === "block") {
      try {
        const options = await blockOptions(deps, context, link.target);
        return options ? { from, options, validFor: /^[^\]|]*$/ } : null;
      } catch {
        return null;
      }
    }
    if (link.kind === "note") {
      const items = await deps.catalog.items();
      if (context.aborted) return null;
      return { from, options: noteOptions(items).map(toCompletion), validFor: VALID_QUERY };
    }
    const target = link.target.trim();
    let path: string | null = deps.path();
    try {
      if (target !== "") path = await deps.backend.call("resolve_link", { from: deps.path(), target });
      if (path === null || context.aborted) return null;
      const outline = await deps.backend.call("outline", { path });
      if (context.aborted) return null;
      return { from, options: headingOptions(outline).map(toCompletion), validFor: VALID_QUERY };
    } catch {
      return null; // an unresolved or vanished note simply has no headings to offer
    }
  };
}

/** The autocompletion extension: `[[` links (and `![[` embeds, `#^` blocks) and `#` tags. */
export function linkAutocomplete(deps: LinkCompletionDeps): Extension {
  return autocompletion({
    override: [linkCompletionSource(deps), ...(deps.tags ? [tagCompletionSource(deps.tags)] : [])],
    activateOnTyping: true,
    icons: false,
    maxRenderedOptions: 100,
  });
}
