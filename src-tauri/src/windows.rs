//! Pop-out windows (Obsidian's "Pop-out windows": a note opened in a new
//! window, holding tabs of its own, closed with its vault's window): each
//! is a `WebviewWindow` labelled `popout-<n>` loading the same UI with the
//! query `?popout=<label>&path=<note>`, which makes the UI show a one-pane
//! workspace on that note. The main window records its pop-outs in its
//! workspace and opens them again at start; the shell only makes windows,
//! keeps every window's navigation inside the app, and tells the main window
//! when a pop-out closes (`events::window_closed`). Closing the main window
//! closes its pop-outs.

use crate::error::{ErrorCode, IpcError, IpcResult};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use tauri::webview::NewWindowResponse;
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

/// The label prefix of pop-out windows (the capability's `windows` names them as `popout-*`).
pub const POPOUT_PREFIX: &str = "popout-";

/// True for the label of a pop-out window: `popout-` and a number.
pub fn is_popout_label(label: &str) -> bool {
    label
        .strip_prefix(POPOUT_PREFIX)
        .is_some_and(|n| !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What a query value keeps as is: RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The page a pop-out loads: the app's own `index.html` with the window's label and note.
pub fn popout_page(label: &str, path: &str) -> String {
    let encode = |s: &str| utf8_percent_encode(s, QUERY_VALUE).to_string();
    format!("index.html?popout={}&path={}", encode(label), encode(path))
}

/// A window's title for note `path`: its name, then the app's.
pub fn popout_title(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let name = name.strip_suffix(".md").unwrap_or(name);
    format!("{name} — Rhizome")
}

/// Keeps a window's navigation on the app's pages and refuses new windows
/// from the page (links leave through `open_external`).
pub fn guarded<'a, R: Runtime, M: Manager<R>>(
    builder: WebviewWindowBuilder<'a, R, M>,
) -> WebviewWindowBuilder<'a, R, M> {
    builder
        .on_navigation(|url| {
            let allowed = crate::navigation_allowed(url);
            if !allowed {
                eprintln!("rhizome: blocked navigation to {url}");
            }
            allowed
        })
        .on_new_window(|url, _| {
            eprintln!("rhizome: blocked a new window for {url}");
            NewWindowResponse::Deny
        })
}

/// Opens pop-out `label` on note `path`, or brings it to the front when it is open.
pub fn open_popout<R: Runtime>(app: &AppHandle<R>, label: &str, path: &str) -> IpcResult<()> {
    if !is_popout_label(label) {
        return Err(IpcError::new(ErrorCode::InvalidName, format!("not a pop-out window's name: {label}")));
    }
    crate::validate::vault_path(path)?;
    if let Some(window) = app.get_webview_window(label) {
        return window.set_focus().map_err(|err| IpcError::new(ErrorCode::Io, format!("showing the window: {err}")));
    }
    let mut builder = WebviewWindowBuilder::new(app, label, WebviewUrl::App(popout_page(label, path).into()))
        .title(popout_title(path))
        .inner_size(WIDTH, HEIGHT)
        .min_inner_size(360.0, 300.0);
    let place = beside_main(app);
    if let Some((x, y)) = place {
        builder = builder.position(x, y);
    }
    let window =
        guarded(builder).build().map_err(|err| IpcError::new(ErrorCode::Io, format!("opening a new window: {err}")))?;
    close_with_page(&window);
    Ok(())
}

/// When the page's webview goes (WebKit's `close` signal, on which wry
/// destroys the webview widget: the page's `window.close()`, or WebDriver
/// closing the window), the window goes too; else an empty window would
/// stay open and the main window would never be told. (A handler on `close`
/// itself never runs: wry's, connected first, destroys the widget, which
/// drops the other handlers; `destroy` is emitted before that.)
#[cfg(target_os = "linux")]
fn close_with_page<R: Runtime>(window: &tauri::WebviewWindow<R>) {
    use gtk::prelude::WidgetExt;
    let owner = window.clone();
    let hooked = window.with_webview(move |webview| {
        webview.inner().connect_destroy(move |_| {
            let _ = owner.destroy();
        });
    });
    if let Err(err) = hooked {
        eprintln!("rhizome: a pop-out window will not close with its page: {err}");
    }
}

#[cfg(not(target_os = "linux"))]
fn close_with_page<R: Runtime>(_window: &tauri::WebviewWindow<R>) {}

/// A pop-out's first size, in logical pixels.
const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 720.0;

/// Where a new pop-out goes (logical pixels): right of the main window when
/// the screen has room, else a little below and right of its top-left corner.
fn beside_main<R: Runtime>(app: &AppHandle<R>) -> Option<(f64, f64)> {
    let main = app.get_webview_window("main")?;
    let scale = main.scale_factor().ok()?;
    let at = main.outer_position().ok()?.to_logical::<f64>(scale);
    // Without a window manager (a bare X server) the outer size reads 0: the inner one is next best.
    let outer = main.outer_size().ok()?.to_logical::<f64>(scale);
    let inner = main.inner_size().ok()?.to_logical::<f64>(scale);
    let width = outer.width.max(inner.width);
    let screen = main
        .current_monitor()
        .ok()
        .flatten()
        .map(|m| m.position().to_logical::<f64>(scale).x + m.size().to_logical::<f64>(scale).width);
    Some(place(at.x, at.y, width, screen))
}

/// The pop-out's top-left corner beside a main window at (`x`, `y`), `width` wide, on a screen whose right edge is `right`.
fn place(x: f64, y: f64, width: f64, right: Option<f64>) -> (f64, f64) {
    let beside = x + width + 12.0;
    match right {
        Some(right) if beside + WIDTH <= right => (beside, y),
        _ => (x + 48.0, y + 48.0),
    }
}

/// Closes every pop-out window (their vault's window closed).
pub fn close_popouts<R: Runtime>(app: &AppHandle<R>) {
    for (label, window) in app.webview_windows() {
        if is_popout_label(&label) {
            let _ = window.destroy();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn popout_labels() {
        assert!(is_popout_label("popout-1"));
        assert!(is_popout_label("popout-42"));
        for bad in ["main", "popout-", "popout-x", "popout-1/..", "Popout-1", "popout-1234567890"] {
            assert!(!is_popout_label(bad), "{bad}");
        }
    }

    #[test]
    fn popout_page_encodes_the_note() {
        assert_eq!(
            popout_page("popout-3", "People/Yann LeCun & co?.md"),
            "index.html?popout=popout-3&path=People%2FYann%20LeCun%20%26%20co%3F.md"
        );
        let url =
            tauri::Url::parse("tauri://localhost/").unwrap().join(&popout_page("popout-3", "a b/c#d.md")).unwrap();
        let query: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        assert_eq!(
            query,
            [("popout".to_string(), "popout-3".to_string()), ("path".to_string(), "a b/c#d.md".to_string())]
        );
        assert_eq!(url.path(), "/index.html");
    }

    #[test]
    fn a_popout_goes_beside_the_main_window_when_the_screen_has_room() {
        assert_eq!(place(0.0, 0.0, 1280.0, Some(2100.0)), (1292.0, 0.0));
        assert_eq!(place(0.0, 0.0, 1280.0, Some(1920.0)), (48.0, 48.0));
        assert_eq!(place(100.0, 50.0, 800.0, None), (148.0, 98.0));
    }

    #[test]
    fn popout_titles() {
        assert_eq!(popout_title("People/Yann LeCun.md"), "Yann LeCun — Rhizome");
        assert_eq!(popout_title("pic.png"), "pic.png — Rhizome");
    }
}
