/**
 * The right sidebar's data as it is shown: backlinks and unlinked mentions
 * (which arrive after the backlinks) grouped by the note they come from (with the mention marked in its line),
 * outgoing links with where they lead, and the outline. Pure.
 */
import type { BacklinksDto, LinkedRefDto, MentionDto, OutgoingLinkDto } from "../ipc/generated";
import type { Segment } from "./search-view-model";
import { fileTitle } from "./search-view-model";

export interface BacklinkGroup<T> {
  source: string;
  sourceTitle: string;
  items: T[];
}

export interface MentionRow {
  mention: MentionDto;
  /** The context line with the mention marked. */
  segments: Segment[];
}

export interface LinkedRow {
  ref: LinkedRefDto;
  /** The context line with the links to the note marked. */
  segments: Segment[];
}

export interface BacklinksView {
  linked: Array<BacklinkGroup<LinkedRow>>;
  /** Null while the unlinked mentions are being looked for. */
  unlinked: Array<BacklinkGroup<MentionRow>> | null;
  linkedCount: number;
  unlinkedCount: number | null;
}

/**
 * `localeCompare`'s order, from one collator: calling `localeCompare` sets
 * one up per comparison, about 30 ms for the 1,600 backlinks of a hub note.
 */
const collator = new Intl.Collator();

function group<T extends { source: string; source_title: string; line: number }, R>(
  refs: readonly T[],
  row: (ref: T) => R,
): Array<BacklinkGroup<R>> {
  const groups = new Map<string, BacklinkGroup<R>>();
  const sorted = [...refs].sort(
    (a, b) => collator.compare(a.source_title, b.source_title) || collator.compare(a.source, b.source) || a.line - b.line,
  );
  for (const ref of sorted) {
    let entry = groups.get(ref.source);
    if (!entry) {
      entry = { source: ref.source, sourceTitle: ref.source_title, items: [] };
      groups.set(ref.source, entry);
    }
    entry.items.push(row(ref));
  }
  return [...groups.values()];
}

/** Marks the first occurrence of `needle` (ignoring case) in `context`. */
export function markMention(context: string, needle: string): Segment[] {
  const at = needle === "" ? -1 : context.toLowerCase().indexOf(needle.toLowerCase());
  if (at < 0 || context.toLowerCase().length !== context.length) return [{ text: context, match: false }];
  const out: Segment[] = [];
  if (at > 0) out.push({ text: context.slice(0, at), match: false });
  out.push({ text: context.slice(at, at + needle.length), match: true });
  if (at + needle.length < context.length) out.push({ text: context.slice(at + needle.length), match: false });
  return out;
}

function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/**
 * Marks the links in `context` that lead to the note at `path`: wikilinks
 * naming it (by title, or by path without `.md`, ignoring case, `#heading`
 * and `|alias`) and Markdown links whose destination ends with its path.
 */
export function markLinks(context: string, path: string): Segment[] {
  const title = fileTitle(path).toLowerCase();
  const bare = path.replace(/\.md$/i, "").toLowerCase();
  const names = (target: string): boolean =>
    target === title || target === bare || target === `${bare}.md` || bare.endsWith(`/${target}`) || `${bare}.md`.endsWith(`/${target}`);
  const out: Segment[] = [];
  let at = 0;
  for (const match of context.matchAll(/!?\[\[([^\]]+)\]\]|!?\[[^\]]*\]\(<?([^)>\s]+)>?[^)]*\)/g)) {
    let target: string;
    if (match[1] !== undefined) {
      // Inside tables the alias pipe is escaped (`[[Note\|alias]]`).
      target = match[1].split(/[|#]/)[0]?.replace(/\\$/, "").trim().toLowerCase() ?? "";
    } else {
      target = decoded((match[2] ?? "").split("#")[0] ?? "")
        .replace(/^(\.\.?\/)+/, "")
        .toLowerCase();
    }
    if (!names(target) || match.index === undefined) continue;
    if (match.index > at) out.push({ text: context.slice(at, match.index), match: false });
    out.push({ text: match[0], match: true });
    at = match.index + match[0].length;
  }
  if (at < context.length || out.length === 0) out.push({ text: context.slice(at), match: false });
  return out;
}

/**
 * Groups the backlinks of the note at `path` (a `backlinks` answer) and its
 * unlinked mentions (an `unlinked_mentions` answer, or null while it is
 * awaited) by source note, sorted by the source's title.
 */
export function backlinksView(dto: BacklinksDto, unlinked: readonly MentionDto[] | null, path: string): BacklinksView {
  return {
    // Marked when a row is drawn: a long list is drawn a slice at a time.
    linked: group(dto.linked, (ref) => ({
      ref,
      get segments() {
        return markLinks(ref.context, path);
      },
    })),
    unlinked:
      unlinked &&
      group(unlinked, (mention) => ({
        mention,
        get segments() {
          return markMention(mention.context, mention.text);
        },
      })),
    linkedCount: dto.linked.length,
    unlinkedCount: unlinked?.length ?? null,
  };
}

export interface OutgoingRow {
  /** The file's title (the target as written when unresolved), with the subpath. */
  label: string;
  /** The file it opens, or null when it resolves to none. */
  path: string | null;
  /** The note to create for an unresolved link (target as written), or null. */
  ghost: string | null;
  subpath: string | null;
  embed: boolean;
  line: number;
}

/** One row per distinct destination, in the order the note first links to each. */
export function outgoingRows(links: readonly OutgoingLinkDto[], selfPath: string): OutgoingRow[] {
  const seen = new Set<string>();
  const rows: OutgoingRow[] = [];
  for (const link of links) {
    const path = link.resolved.to === "file" ? link.resolved.path : link.resolved.to === "self_link" ? selfPath : null;
    const ghost = link.resolved.to === "unresolved" ? link.target : null;
    const key = `${path ?? `?${ghost ?? ""}`}#${link.subpath ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const name = path !== null ? fileTitle(path) : link.target;
    rows.push({
      label: `${name}${link.subpath ?? ""}`,
      path,
      ghost,
      subpath: link.subpath,
      embed: link.kind === "wiki_embed" || link.kind === "markdown_embed",
      line: link.line,
    });
  }
  return rows;
}
