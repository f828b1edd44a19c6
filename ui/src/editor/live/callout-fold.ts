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
 * block widgets, and after an edit only the stretches it may have changed
 * (`block-dirty.ts`).
 */
import { syntaxTree } from "@codemirror/language";
import type { EditorState, Extension, Range, RangeSet, Transaction } from "@codemirror/state";
import { RangeSetBuilder, RangeValue, StateEffect, StateField } from "@codemirror/state";
import type { DecorationSet } from "@codemirror/view";
import { Decoration, EditorView, WidgetType } from "@codemirror/view";
import { dirtyStretches } from "./block-dirty";
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

/** The foldable callouts of `state` (those touching `from`–`to`), folded as their sign and the person's choices say. */
export function foldableCallouts(state: EditorState, choices: RangeSet<FoldChoice> = emptyChoices(), from = 0, to = state.doc.length): FoldableCallout[] {
  const found: FoldableCallout[] = [];
  syntaxTree(state).iterate({
    from,
    to,
    enter: (node) => {
      if (CONTAINERS.has(node.name)) return undefined;
      if (node.name !== "Blockquote") return false;
      const first = state.doc.lineAt(node.from);
      const sign = CALLOUT.exec(first.text)?.[3];
      if (sign !== "+" && sign !== "-") return false;
      found.push({ from: first.from, titleEnd: first.to, to: state.doc.lineAt(node.to).to, sign, folded: foldedBy(choices, first.from, sign) });
      return false;
    },
  });
  return found;
}

/** Whether a callout starting at `from` with `sign` is folded: the person's choice made under that sign, else the sign. */
function foldedBy(choices: RangeSet<FoldChoice>, from: number, sign: "+" | "-"): boolean {
  const choice = choiceAt(choices, from);
  return choice && choice.sign === sign ? choice.folded : sign === "-";
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

function build(state: EditorState, choices: RangeSet<FoldChoice>, callouts = foldableCallouts(state, choices)): FoldState {
  const { all, hidden } = calloutFoldDecorations(state, callouts);
  return { choices, callouts, decorations: Decoration.set(all, true), hidden: Decoration.set(hidden, true) };
}

/**
 * The callouts after an edit: those outside the stretches the edit may have
 * changed (`block-dirty.ts`) are mapped, the stretches looked at again,
 * so typing in a long note does not walk all of it.
 */
function calloutsAfter(value: FoldState, tr: Transaction, choices: RangeSet<FoldChoice>): FoldableCallout[] {
  const dirty = dirtyStretches(tr, [], []);
  if (dirty === "all") return foldableCallouts(tr.state, choices);
  const touched = (from: number, to: number): boolean => dirty.some((s) => from <= s.to && to >= s.from);
  const out: FoldableCallout[] = [];
  for (const c of value.callouts) {
    const moved = { ...c, from: tr.changes.mapPos(c.from), titleEnd: tr.changes.mapPos(c.titleEnd), to: tr.changes.mapPos(c.to) };
    if (!touched(moved.from, moved.to)) out.push({ ...moved, folded: foldedBy(choices, moved.from, moved.sign) });
  }
  for (const s of dirty) {
    for (const c of foldableCallouts(tr.state, choices, s.from, s.to)) if (!out.some((o) => o.from === c.from)) out.push(c);
  }
  return out.sort((a, b) => a.from - b.from);
}

/**
 * The person's fold choices, kept outside Live Preview (the editor installs
 * this in Source mode too), so a callout folded in Live Preview is still
 * folded after a trip through Source mode, as the cursor and the undo
 * history are.
 */
const foldChoices = StateField.define<RangeSet<FoldChoice>>({
  create: emptyChoices,
  update: (value, tr) => {
    let choices = value;
    if (tr.docChanged && value.size > 0) {
      // A choice lasts while its callout keeps the sign it was made under.
      const signs = new Map(foldableCallouts(tr.state).map((c) => [c.from, c.sign as string]));
      choices = value.map(tr.changes).update({ filter: (from, _to, choice) => signs.get(from) === choice.sign });
    }
    for (const effect of tr.effects) {
      if (!effect.is(toggleCalloutFold)) continue;
      const pos = effect.value;
      const callout = foldableCallouts(tr.state, choices).find((c) => c.from === pos);
      if (!callout) continue;
      choices = choices.update({
        filter: (from) => from !== pos,
        add: [new FoldChoice(!callout.folded, callout.sign).range(pos)],
      });
    }
    return choices;
  },
});

function choicesOf(state: EditorState): RangeSet<FoldChoice> {
  return state.field(foldChoices, false) ?? emptyChoices();
}

function update(value: FoldState, tr: Transaction): FoldState {
  const choices = choicesOf(tr.state);
  if (tr.docChanged || syntaxTree(tr.state) !== syntaxTree(tr.startState)) return build(tr.state, choices, calloutsAfter(value, tr, choices));
  if (choices !== choicesOf(tr.startState)) return build(tr.state, choices);
  // A moved selection can enter or leave a folded body.
  if (tr.selection && value.callouts.some((c) => c.folded)) return build(tr.state, choices, value.callouts);
  return value;
}

const calloutFolds = StateField.define<FoldState>({
  create: (state) => build(state, choicesOf(state)),
  update,
  provide: (field) => [
    EditorView.decorations.from(field, (value) => value.decorations),
    EditorView.atomicRanges.of((view) => view.state.field(field).hidden),
  ],
});

/** Folding of `+`/`-` callouts in Live Preview. */
export const calloutFolding: Extension = [foldChoices, calloutFolds];

/** Keeps the fold choices while Live Preview is off (install it outside the mode's compartment). */
export const calloutFoldMemory: Extension = foldChoices;

/** The foldable callouts of a state with `calloutFolding`, and the decorations drawn for them. */
export function calloutFoldsOf(state: EditorState): { callouts: readonly FoldableCallout[]; decorations: DecorationSet } {
  const value = state.field(calloutFolds);
  return { callouts: value.callouts, decorations: value.decorations };
}
