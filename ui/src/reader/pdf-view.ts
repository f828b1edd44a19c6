/**
 * PDFs drawn with pdf.js (`pdfjs-dist`): a PDF embedded in a note
 * (`![[file.pdf#page=3]]`, `#height=400`) shows one page with page buttons;
 * a PDF opened in a tab shows every page, each drawn when it scrolls into
 * view. The bytes come from the vault protocol (`vault://localhost/…`,
 * inside the vault only) and the worker is bundled with the app: nothing
 * is fetched from the network. Loaded on first use.
 */
import { getDocument, GlobalWorkerOptions } from "pdfjs-dist";
import type { PDFDocumentProxy } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

GlobalWorkerOptions.workerSrc = workerUrl;

/** The most pages a tab lays out (each is drawn only when seen). */
const MAX_PAGES = 2000;

async function load(url: string): Promise<PDFDocumentProxy> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the file could not be read (${response.status})`);
  const data = new Uint8Array(await response.arrayBuffer());
  return getDocument({ data, isEvalSupported: false, enableXfa: false, useSystemFonts: true }).promise;
}

/** Draws page `number` of `doc` into a new canvas `width` CSS pixels wide. */
async function drawPage(doc: PDFDocumentProxy, number: number, width: number): Promise<HTMLCanvasElement> {
  const page = await doc.getPage(number);
  const base = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const scale = Math.max(0.1, Math.min(4, width / base.width));
  const viewport = page.getViewport({ scale: scale * ratio });
  const canvas = document.createElement("canvas");
  canvas.className = "pdf-page";
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.dataset["page"] = String(number);
  await page.render({ canvas, viewport }).promise;
  return canvas;
}

function message(text: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "pdf-message muted";
  p.textContent = text;
  return p;
}

/** Fills a `.pdf-embed` hook (`data-href`, optional `data-page`, `data-height`) with its page. */
export async function renderEmbed(hook: HTMLElement, url: string): Promise<void> {
  hook.dataset["rendered"] = "pending";
  const fallback = [...hook.childNodes];
  try {
    const doc = await load(url);
    let current = Math.min(Math.max(1, Number(hook.dataset["page"] ?? "1") || 1), doc.numPages);
    const frame = document.createElement("div");
    frame.className = "pdf-frame";
    const height = Number(hook.dataset["height"]);
    if (Number.isFinite(height) && height > 0) frame.style.height = `${height}px`;
    const bar = document.createElement("div");
    bar.className = "pdf-bar";
    const label = document.createElement("span");
    const button = (text: string, title: string, step: number): HTMLButtonElement => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "pdf-step";
      b.textContent = text;
      b.title = title;
      b.addEventListener("click", () => void show(current + step));
      return b;
    };
    const show = async (number: number): Promise<void> => {
      if (number < 1 || number > doc.numPages) return;
      current = number;
      label.textContent = `Page ${current} of ${doc.numPages}`;
      const width = Math.max(200, (hook.clientWidth || 600) - 2);
      frame.replaceChildren(await drawPage(doc, current, width));
    };
    bar.append(button("‹", "Previous page", -1), label, button("›", "Next page", 1), ...fallback);
    hook.replaceChildren(bar, frame);
    await show(current);
    hook.dataset["rendered"] = "yes";
  } catch (error) {
    hook.replaceChildren(...fallback, message(`The PDF could not be shown: ${error instanceof Error ? error.message : String(error)}`));
    hook.dataset["rendered"] = "error";
  }
}

/** Shows every page of the PDF at `url` in `container` (a tab), drawing pages as they scroll into view. */
export async function renderDocument(container: HTMLElement, url: string): Promise<void> {
  container.dataset["rendered"] = "pending";
  try {
    const doc = await load(url);
    const pages = Math.min(doc.numPages, MAX_PAGES);
    const first = await doc.getPage(1);
    const base = first.getViewport({ scale: 1 });
    const width = Math.max(200, Math.min(1000, (container.clientWidth || 800) - 32));
    const slots: HTMLElement[] = [];
    for (let n = 1; n <= pages; n++) {
      const slot = document.createElement("div");
      slot.className = "pdf-slot";
      slot.dataset["page"] = String(n);
      slot.style.width = `${width}px`;
      slot.style.height = `${Math.round((width * base.height) / base.width)}px`;
      slots.push(slot);
    }
    container.replaceChildren(...slots);
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const slot = entry.target as HTMLElement;
          if (!entry.isIntersecting || slot.dataset["drawn"]) continue;
          slot.dataset["drawn"] = "yes";
          observer.unobserve(slot);
          void drawPage(doc, Number(slot.dataset["page"]), width).then(
            (canvas) => {
              slot.style.height = "";
              slot.replaceChildren(canvas);
            },
            () => slot.replaceChildren(message(`Page ${slot.dataset["page"]} could not be drawn.`)),
          );
        }
      },
      { rootMargin: "400px" },
    );
    for (const slot of slots) observer.observe(slot);
    container.dataset["rendered"] = "yes";
    container.dataset["pages"] = String(doc.numPages);
  } catch (error) {
    container.replaceChildren(message(`The PDF could not be shown: ${error instanceof Error ? error.message : String(error)}`));
    container.dataset["rendered"] = "error";
  }
}
