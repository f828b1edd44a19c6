/**
 * The webview's entry point: the styles, the Tauri backend and the shell.
 * The shell draws the window at once, then opens the vault.
 */
import "./styles/theme.css";
import "./styles/layout.css";
import "./styles/panels.css";
import "./styles/reader.css";
import "./styles/reader-ofm.css";
import "./styles/overlays.css";
import "./styles/workspace.css";
import "./styles/tools.css";
import "./graph/graph.css";
import { TauriBackend } from "./ipc/tauri";
import { Shell } from "./shell/shell";
import { popOutFromQuery } from "./store/workspace/popouts";

// Start-up marks, read by the launch-time measurement (tests/e2e).
performance.mark("rhizome:main");
const app = document.querySelector<HTMLElement>("#app");
if (app) {
  // A pop-out window's address names its note (`?popout=popout-2&path=…`, src-tauri/src/windows.rs).
  const shell = new Shell(app, new TauriBackend(), window.localStorage, popOutFromQuery(window.location.search));
  performance.mark("rhizome:shell-built");
  void shell.start();
}
