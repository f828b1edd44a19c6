import { formatCount } from "./format";

/** Renders the placeholder page into `root`. Uses textContent only, never innerHTML. */
export function render(root: HTMLElement): void {
  const heading = document.createElement("h1");
  heading.textContent = "Rhizome";

  const paragraph = document.createElement("p");
  paragraph.textContent = `Your notes as a living graph. The desktop shell arrives with the next milestone (${formatCount(0, "note")} loaded).`;

  root.replaceChildren(heading, paragraph);
}

const app = document.querySelector<HTMLElement>("#app");
if (app) {
  render(app);
}
