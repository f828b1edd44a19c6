/**
 * Foldable callouts in Live Preview, as Obsidian's help describes them
 * ("Callouts", Foldable callouts): a `+` or `-` right after the type makes
 * a callout foldable, `+` expanded and `-` collapsed at first. The chevron
 * at the end of the title line folds and unfolds the body; folding is view
 * state (the text does not change), and the body stays editable text while
 * open. A folded body is hidden by a replace decoration over its lines
 * (atomic, so the cursor steps over it); a selection that lands inside it
 * (a search match) shows it. Changing the `+`/`-` in the text resets the
 * fold to what the new sign says.
 *
 * Decorations that hide line breaks must come from a state field, so this
 * is one: it walks the top-level blocks (and list items) only, like the
 * block widgets.
 */
import { syntaxTree } from "@codemirror/language";
import type { EditorState, Extension, Range, RangeSet, Transaction } from "@codemirror/state";
import { RangeSetBuilder, RangeValue, StateEffect, StateField } from "@codemirror/state";
import type { DecorationSet } from "@codemirror/view";
import { Decoration, EditorView, WidgetType } from "@codemirror/view";
import { CALLOUT } from "./inline-decorations";

/** A foldable callout: where it starts, its title line's end, its last line's end, and whether it is folded. */
export interface FoldableCallout {
  from: number;
  titleEnd: number;
  to: number;
  sign: "+" | "-";
  folded: boolean;
}

/** Folds or unfolds the callout whose first line starts at the given position. */
export const toggleCalloutFold = StateEffect.define<number>({ map: (pos, mapping) => mapping.mapPos(pos) });

/** A person's fold of one callout, valid while its sign stays `sign`. */
class FoldChoice extends RangeValue {
  constructor(
    readonly folded: boolean,
    readonly sign: string,
  ) {
    super();
  }

  override eq(other: FoldChoice): boolean {
    return other.folded === this.folded && other.sign === this.sign;
  }
}

interface FoldState {
  choices: RangeSet<FoldChoice>;
  callouts: FoldableCallout[];
  decorations: DecorationSet;
  hidden: DecorationSet;
}

const CONTAINERS = new Set(["Document", "BulletList", "OrderedList", "ListItem"]);

function choiceAt(choices: RangeSet<FoldChoice>, pos: number): FoldChoice | null {
  let found: FoldChoice | null = null;
  choices.between(pos, pos, (from, _to, value) => {
    if (from === pos) found = value;
  });
  return found;
}

/** The foldable callouts of `state`, folded as their sign and the person's choices say. */
export function foldableCallouts(state: EditorState, choices: RangeSet<FoldChoice> = emptyChoices()): FoldableCallout[] {
  const found: FoldableCallout[] = [];
  syntaxTree(state).iterate({
    enter: (node) => {
      if (CONTAINERS.has(node.name)) return undefined;
      if (node.name !== "Blockquote") return false;
      const first = state.doc.lineAt(node.from);
      const sign = CALLOUT.exec(first.text)?.[3];
      if (sign !== "+" && sign !== "-") return false;
      const choice = choiceAt(choices, first.from);
      const folded = choice && choice.sign === sign ? choice.folded : sign === "-";
      found.push({ from: first.from, titleEnd: first.to, to: state.doc.lineAt(node.to).to, sign, folded });
      return false;
    },
  });
  return found;
}

function emptyChoices(): RangeSet<FoldChoice> {
  return new RangeSetBuilder<FoldChoice>().finish();
}

/** The chevron at the end of a foldable callout's title: a click folds or unfolds the body. */
export class CalloutFoldWidget extends WidgetType {
  constructor(readonly folded: boolean) {
    super();
  }

  override eq(other: CalloutFoldWidget): boolean {
    return other.folded === this.folded;
  }

  toDOM(view: EditorView): HTMLElement {
    const chevron = document.createElement("span");
    chevron.className = this.folded ? "cm-lp-callout-fold is-folded" : "cm-lp-callout-fold";
    chevron.textContent = this.folded ? "▸" : "▾";
    chevron.dataset["testid"] = "lp-callout-fold";
    chevron.setAttribute("role", "button");
    chevron.setAttribute("aria-expanded", String(!this.folded));
    chevron.setAttribute("aria-label", this.folded ? "Unfold the callout" : "Fold the callout");
    chevron.title = chevron.getAttribute("aria-label") ?? "";
    chevron.addEventListener("mousedown", (event) => {
      event.preventDefault();
      event.stopPropagation();
    });
    chevron.addEventListener("click", (event) => {
      event.preventDefault();
      // The callout starts on the line the chevron is drawn on.
      const line = view.state.doc.lineAt(view.posAtDOM(chevron));
      const callout = view.state.field(calloutFolds).callouts.find((c) => c.from === line.from);
      // Folding a body the cursor is in moves the cursor to the title, or the body would stay shown.
      const inside = callout && !callout.folded && view.state.selection.ranges.some((r) => r.to > callout.titleEnd && r.from <= callout.to);
      view.dispatch({ effects: toggleCalloutFold.of(line.from), selection: inside ? { anchor: callout.titleEnd } : undefined });
    });
    return chevron;
  }

  override ignoreEvent(): boolean {
    return true;
  }
}

const foldedTitle = Decoration.line({ class: "cm-lp-callout-folded" });
const hideBody = Decoration.replace({});

/** The decorations of `callouts` on `state`: chevrons, and folded bodies hidden unless the selection is in them. */
export function calloutFoldDecorations(state: EditorState, callouts: readonly FoldableCallout[]): { all: Range<Decoration>[]; hidden: Range<Decoration>[] } {
  const all: Range<Decoration>[] = [];
  const hidden: Range<Decoration>[] = [];
  for (const callout of callouts) {
    const inside = state.selection.ranges.some((r) => r.to > callout.titleEnd && r.from <= callout.to);
    const folded = callout.folded && callout.to > callout.titleEnd && !inside;
    all.push(Decoration.widget({ widget: new CalloutFoldWidget(callout.folded), side: -1 }).range(callout.titleEnd));
    if (folded) {
      all.push(foldedTitle.range(callout.from));
      const range = hideBody.range(callout.titleEnd, callout.to);
      all.push(range);
      hidden.push(range);
    }
  }
  return { all, hidden };
}

function build(state: EditorState, given: RangeSet<FoldChoice>): FoldState {
  // A choice lasts while its callout keeps the sign it was made under.
  let choices = given;
  if (given.size > 0) {
    const signs = new Map(foldableCallouts(state).map((c) => [c.from, c.sign as string]));
    choices = given.update({ filter: (from, _to, value) => signs.get(from) === value.sign });
  }
  const callouts = foldableCallouts(state, choices);
  const { all, hidden } = calloutFoldDecorations(state, callouts);
  return { choices, callouts, decorations: Decoration.set(all, true), hidden: Decoration.set(hidden, true) };
}

function update(value: FoldState, tr: Transaction): FoldState {
  let choices = tr.docChanged ? value.choices.map(tr.changes) : value.choices;
  let changed = tr.docChanged || syntaxTree(tr.state) !== syntaxTree(tr.startState);
  for (const effect of tr.effects) {
    if (!effect.is(toggleCalloutFold)) continue;
    const pos = effect.value;
    const callout = foldableCallouts(tr.state, choices).find((c) => c.from === pos);
    if (!callout) continue;
    choices = choices.update({
      filter: (from) => from !== pos,
      add: [new FoldChoice(!callout.folded, callout.sign).range(pos)],
    });
    changed = true;
  }
  if (changed) return build(tr.state, choices);
  // A moved selection can enter or leave a folded body.
  if (tr.selection && value.callouts.some((c) => c.folded)) return build(tr.state, choices);
  return value;
}

const calloutFolds = StateField.define<FoldState>({
  create: (state) => build(state, emptyChoices()),
  update,
  provide: (field) => [
    EditorView.decorations.from(field, (value) => value.decorations),
    EditorView.atomicRanges.of((view) => view.state.field(field).hidden),
  ],
});

/** Folding of `+`/`-` callouts in Live Preview. */
export const calloutFolding: Extension = calloutFolds;

/** The foldable callouts of a state with `calloutFolding`, and the decorations drawn for them. */
export function calloutFoldsOf(state: EditorState): { callouts: readonly FoldableCallout[]; decorations: DecorationSet } {
  const value = state.field(calloutFolds);
  return { callouts: value.callouts, decorations: value.decorations };
}
