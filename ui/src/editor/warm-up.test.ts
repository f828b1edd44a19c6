// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from "vitest";
import { warmUp, WARM_UP_SAMPLE } from "./warm-up";

function frames(): { run: () => void; pending: () => number } {
  const queue: FrameRequestCallback[] = [];
  vi.spyOn(window, "requestAnimationFrame").mockImplementation((callback) => queue.push(callback));
  return {
    run: () => {
      for (const callback of queue.splice(0)) callback(performance.now());
    },
    pending: () => queue.length,
  };
}

describe("warmUp", () => {
  afterEach(() => vi.restoreAllMocks());

  it("draws the sample in Live Preview inside a shadow root, out of the page's styles, then removes it", () => {
    const frame = frames();
    const typeset: string[] = [];
    const stylesBefore = document.head.querySelectorAll("style").length;
    warmUp({ typesetMath: (_element, tex) => typeset.push(tex) }, 2);

    const host = document.querySelector<HTMLElement>(".rz-warm-up");
    expect(host).not.toBeNull();
    expect(host?.getAttribute("aria-hidden")).toBe("true");
    const shadow = host?.shadowRoot;
    // Live Preview drew the constructs: the properties editor, a heading, a rendered link, math.
    expect(shadow?.querySelector(".cm-live-preview")).not.toBeNull();
    expect(shadow?.querySelector("[data-testid=lp-properties]")).not.toBeNull();
    expect(shadow?.querySelector(".cm-lp-h1")).not.toBeNull();
    expect(shadow?.querySelector(".cm-lp-link")?.textContent).toBe("a link");
    expect(typeset).toContain("e^{i\\pi}+1=0");
    // Nothing reached the page's own style sheets or its queries.
    expect(document.head.querySelectorAll("style").length).toBe(stylesBefore);
    expect(document.querySelector(".cm-editor")).toBeNull();

    frame.run();
    expect(document.querySelector(".rz-warm-up")).not.toBeNull();
    frame.run();
    expect(document.querySelector(".rz-warm-up")).toBeNull();
    expect(frame.pending()).toBe(0);
  });

  it("samples what Live Preview draws", () => {
    for (const piece of ["---\ntitle:", "# ", "**bold**", "[[", "- [ ]", "> [!note]", "$$", "```"]) expect(WARM_UP_SAMPLE).toContain(piece);
  });
});
