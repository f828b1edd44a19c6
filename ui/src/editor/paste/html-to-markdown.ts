/**
 * Pasted HTML as Markdown, as Obsidian pastes it: headings, emphasis,
 * links, lists, code, quotes and (GFM) tables become their Markdown;
 * scripts, styles and anything else that is not text are dropped. turndown
 * parses the HTML in an inert document (nothing in it loads or runs).
 */
import TurndownService from "turndown";
import { gfm } from "@joplin/turndown-plugin-gfm";

let service: TurndownService | null = null;

function converter(): TurndownService {
  if (service) return service;
  service = new TurndownService({
    headingStyle: "atx",
    codeBlockStyle: "fenced",
    bulletListMarker: "-",
    emDelimiter: "*",
    strongDelimiter: "**",
    hr: "---",
  });
  service.use(gfm);
  service.remove(["script", "style", "noscript", "template", "iframe", "object", "embed", "head", "meta", "link"]);
  // Obsidian's highlight.
  service.addRule("mark", { filter: ["mark"], replacement: (content) => `==${content}==` });
  return service;
}

/** Markdown for pasted `html`; null when it says nothing beyond its plain text. */
export function htmlToMarkdown(html: string): string | null {
  if (!/<[a-z][\s\S]*>/i.test(html)) return null;
  const markdown = converter().turndown(html).replace(/\n{3,}/g, "\n\n").trim();
  return markdown === "" ? null : markdown;
}
