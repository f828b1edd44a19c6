/**
 * The front matter as Live Preview's properties editor sees it: where the
 * YAML block is, whether it parses, its properties with Obsidian's types
 * (text, list, number, checkbox, date, date & time), and edits that change
 * one property while keeping the rest of the YAML as written (comments,
 * order, quoting), through the `yaml` package's document model. Pure; no
 * DOM, no CodeMirror views.
 *
 * Types are inferred from values as the reader does (Obsidian keeps chosen
 * types in `.obsidian/types.json`; without one it infers the same way).
 */
import type { Text } from "@codemirror/state";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";

export interface FrontMatterBlock {
  /** The end of the closing `---` line. */
  to: number;
  /** The YAML between the fences, and where it starts and ends in the document. */
  yaml: string;
  yamlFrom: number;
  yamlTo: number;
  /** It parses to a mapping (or is empty). */
  valid: boolean;
  /** Why it does not, for the marker. */
  error: string;
}

/** Longest front matter looked for (in lines). */
const MAX_LINES = 5000;

/** The front matter block at the top of `doc`, or null when there is none (or it is never closed). */
export function frontMatterBlock(doc: Text): FrontMatterBlock | null {
  if (doc.lines < 2 || doc.line(1).text.trimEnd() !== "---") return null;
  const last = Math.min(doc.lines, MAX_LINES);
  for (let n = 2; n <= last; n += 1) {
    const line = doc.line(n);
    const text = line.text.trimEnd();
    if (text !== "---" && text !== "...") continue;
    const yamlFrom = doc.line(2).from;
    const yamlTo = n === 2 ? yamlFrom : doc.line(n - 1).to;
    const yaml = doc.sliceString(yamlFrom, yamlTo);
    const check = validate(yaml);
    return { to: line.to, yaml, yamlFrom, yamlTo, valid: check === "", error: check };
  }
  return null;
}

function validate(yaml: string): string {
  if (yaml.trim() === "") return "";
  const document = parseDocument(yaml, { prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error) return error.message.split("\n")[0] ?? "invalid YAML";
  if (document.contents !== null && !isMap(document.contents)) return "the properties are not a list of names and values";
  return "";
}

export type PropertyType = "text" | "list" | "number" | "checkbox" | "date" | "datetime";

export interface Property {
  key: string;
  type: PropertyType;
  /** text/date/datetime: a string; list: strings; number: a number; checkbox: a boolean; null when empty. */
  value: string | string[] | number | boolean | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

function typed(value: unknown): Pick<Property, "type" | "value"> {
  if (Array.isArray(value)) return { type: "list", value: value.map((v) => (v === null || v === undefined ? "" : String(v))) };
  if (typeof value === "boolean") return { type: "checkbox", value };
  if (typeof value === "number") return { type: "number", value };
  if (value === null || value === undefined) return { type: "text", value: null };
  const text = String(value);
  if (DATE.test(text)) return { type: "date", value: text };
  if (DATETIME.test(text)) return { type: "datetime", value: text };
  if (typeof value === "object") return { type: "text", value: JSON.stringify(value) };
  return { type: "text", value: text };
}

/** The properties of valid front matter YAML, in order. */
export function readProperties(yaml: string): Property[] {
  const document = parseDocument(yaml);
  if (!isMap(document.contents)) return [];
  return document.contents.items.map((pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value: unknown = isScalar(pair.value) ? pair.value.value : isSeq(pair.value) ? pair.value.toJSON() : pair.value ? (pair.value as { toJSON(): unknown }).toJSON() : null;
    return { key, ...typed(value) };
  });
}

/** `yaml` with `key` set to `value` (added at the end when missing); the rest kept as written. */
export function setProperty(yaml: string, key: string, value: Property["value"]): string {
  const document = parseDocument(yaml);
  if (document.contents === null || !isMap(document.contents)) document.contents = document.createNode({}) as never;
  let node: unknown = value;
  if (Array.isArray(value)) {
    // Obsidian writes lists as block sequences.
    const seq = document.createNode(value);
    if (isSeq(seq)) seq.flow = false;
    node = seq;
  }
  document.set(key, node);
  return finish(document.toString({ flowCollectionPadding: false }));
}

/** `yaml` without `key`. */
export function removeProperty(yaml: string, key: string): string {
  const document = parseDocument(yaml);
  document.delete(key);
  return finish(document.toString({ flowCollectionPadding: false }));
}

/** The empty value of a new property of `type`. */
export function emptyValue(type: PropertyType): Property["value"] {
  switch (type) {
    case "list":
      return [];
    case "checkbox":
      return false;
    case "number":
      return 0;
    default:
      return null;
  }
}

/** `yaml`'s text without the trailing newline (the closing fence has its own line); `{}` for no properties. */
function finish(text: string): string {
  const trimmed = text.replace(/\n+$/, "");
  return trimmed === "{}" ? "" : trimmed;
}
