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
}

export function linkCompletionSource(deps: LinkCompletionDeps): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const line = context.state.doc.lineAt(context.pos);
    const link = linkContextAt(line.text, context.pos - line.from);
    if (!link) return null;
    const from = line.from + link.from;
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

/** The autocompletion extension with `[[` links as its only source. */
export function linkAutocomplete(deps: LinkCompletionDeps): Extension {
  return autocompletion({
    override: [linkCompletionSource(deps)],
    activateOnTyping: true,
    icons: false,
    maxRenderedOptions: 100,
  });
}
