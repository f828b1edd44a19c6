/**
 * Words and characters of a note's text (or of the selected part), as the
 * status bar shows them. Like Obsidian since 1.5, the YAML front matter
 * (properties) is not counted (isaaclyman/novel-word-count-obsidian#41,
 * lukeleppan/better-word-count#50 record the change); a word is a run of
 * letters, digits, apostrophes or hyphens, and each CJK ideograph or kana
 * counts as a word of its own; characters are every character but line
 * breaks. Pure.
 */

export interface Counts {
  words: number;
  characters: number;
}

const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const WORDS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{M}][\p{L}\p{N}\p{M}'’_-]*/gu;

/** The text without a leading front matter block. */
export function withoutFrontMatter(text: string): string {
  return text.replace(FRONT_MATTER, "");
}

/** Counts `text` (a whole note: its front matter is left out; a selection: counted as it is). */
export function countWords(text: string, whole = true): Counts {
  const body = whole ? withoutFrontMatter(text) : text;
  // Counted without building arrays: a long note is a few hundred thousand characters.
  let words = 0;
  WORDS.lastIndex = 0;
  while (WORDS.exec(body) !== null) words += 1;
  let characters = 0;
  for (let i = 0; i < body.length; i += 1) {
    const code = body.charCodeAt(i);
    if (code === 10 || (code === 13 && body.charCodeAt(i + 1) === 10)) continue; // line breaks are not characters
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < body.length) {
      const next = body.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1; // a surrogate pair is one character
    }
    characters += 1;
  }
  return { words, characters };
}
