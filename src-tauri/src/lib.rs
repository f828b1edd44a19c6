//! Rhizome's desktop shell: a thin Tauri v2 layer over the note engine.
//!
//! - `contract` lists every command and event with its types (and generates
//!   the TypeScript in `ui/src/ipc/generated/`);
//! - `commands` are the Tauri entry points, running `reading`, `editing` and
//!   `recovering` (copies of unsaved edits) bodies off the main thread;
//! - `events` is the only module that emits to the webview;
//! - `state` holds the open vault (`rhizome_fs::LiveVault`), `recent` the
//!   recent-vaults list;
//! - `graphing`, `graph_dto`, `graph_wire` (scenes in binary) and
//!   `graph_views` wire the graph view's layout runners (`rhizome-graph`)
//!   to the webview;
//! - `workspacing` and `workspace_dto` save and load the window's layout per
//!   vault (and pick a first-opened vault's home note), and render page previews;
//! - `dto` and `error` are what crosses the boundary, `validate` checks what
//!   comes in, `protocol` serves attachments on `vault://localhost/...`;
//! - `attachments` opens attachments (and, for the file explorer, notes and
//!   folders) in the system's apps (never programs) and reads and saves the
//!   per-vault settings;
//! - `settings` and `settings_dto` serve the settings window's About, the
//!   hotkeys and the bookmarks; `tools` the core tools (file times, note
//!   composer, copies, where attachments go);
//! - `live_editing` (with `live_dto`) serves the editor: fragments rendered
//!   for Live Preview, the vault's tags (also the tags view's), pasted files;
//! - `windows` opens pop-out windows (a note in a window of its own) and
//!   keeps every window's navigation inside the app;
//! - `mentioning` answers a note's unlinked mentions (after its backlinks),
//!   a newer request stopping an older one;
//! - `rendering` turns WebKitGTK's compositing off on machines with no GPU
//!   (it made every frame three times slower there).
//!
//! Domain logic lives in the engine crates (`rhizome-core`, `rhizome-fs`,
//! `rhizome-render`, `rhizome-query`), never here.

#[cfg(test)]
mod attachment_tests;
mod attachments;
#[cfg(test)]
mod command_tests;
mod commands;
pub mod contract;
pub mod dto;
mod editing;
pub mod error;
mod events;
pub mod graph_dto;
mod graph_views;
mod graph_wire;
mod graphing;
pub mod live_dto;
mod live_editing;
#[cfg(test)]
mod live_editing_tests;
mod mentioning;
pub mod protocol;
mod reading;
mod recent;
mod recovering;
mod rendering;
pub mod search_dto;
pub mod searching;
mod settings;
pub mod settings_dto;
pub mod state;
pub mod switch_dto;
mod switching;
#[cfg(test)]
mod tool_tests;
mod tools;
mod tracing;
pub mod validate;
pub mod windows;
pub mod workspace_dto;
mod workspacing;

use state::AppState;
use std::path::PathBuf;
use tauri::{Manager, RunEvent, Url, WebviewWindowBuilder, WindowEvent};

pub const USAGE: &str = "Usage: rhizome [VAULT]\n\nOpens the Rhizome window on the vault folder VAULT (default: the last vault opened, else the sample vault).";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Cli {
    Run { vault: Option<PathBuf> },
    Help,
    Version,
}

/// Parses the arguments after the program name.
pub fn parse_cli(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Cli, String> {
    let mut vault = None;
    for arg in args {
        match arg.to_str() {
            Some("-h" | "--help") => return Ok(Cli::Help),
            Some("-V" | "--version") => return Ok(Cli::Version),
            Some(flag) if flag.starts_with('-') && flag != "-" => return Err(format!("unknown option {flag}")),
            _ if vault.is_some() => return Err("only one vault folder can be given".into()),
            _ => vault = Some(PathBuf::from(arg)),
        }
    }
    Ok(Cli::Run { vault })
}

/// Vaults to open when neither the command line nor the recent list names
/// one: the sample vault next to the binary, else the repository's `seeds/`.
fn fallback_vaults() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(dir) = std::env::current_exe().ok().and_then(|exe| exe.parent().map(|p| p.to_path_buf())) {
        out.push(dir.join("seeds"));
    }
    out.push(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../seeds")));
    out
}

/// In-window navigation stays on the app's own pages; links leave through
/// `open_external`.
pub(crate) fn navigation_allowed(url: &Url) -> bool {
    let app_page = match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    };
    let dev_server = cfg!(dev) && url.scheme() == "http" && url.host_str() == Some("localhost");
    app_page || dev_server
}

/// How long after opening a vault its index cache is written (see
/// [`state::Session::save_cache_later`]).
const CACHE_SAVE_DELAY: std::time::Duration = std::time::Duration::from_secs(5);

/// Starts the app.
pub fn run() {
    let vault = match parse_cli(std::env::args_os().skip(1)) {
        Ok(Cli::Run { vault }) => vault,
        Ok(Cli::Help) => {
            println!("{USAGE}");
            return;
        }
        Ok(Cli::Version) => {
            println!("rhizome {}", env!("CARGO_PKG_VERSION"));
            return;
        }
        Err(err) => {
            eprintln!("rhizome: {err}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    rendering::choose_compositing();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::new(vault, fallback_vaults()))
        .register_asynchronous_uri_scheme_protocol(protocol::SCHEME, |ctx, request, responder| {
            let app = ctx.app_handle().clone();
            tauri::async_runtime::spawn_blocking(move || responder.respond(protocol::handle(&app, &request)));
        })
        .invoke_handler(contract::handler())
        .setup(|app| {
            if let Ok(dir) = app.path().app_config_dir() {
                app.state::<AppState>().set_config_dir(dir);
            }
            // The webview is waited for longest, so its window is built first;
            // the startup vault is then indexed on a thread while the webview
            // loads (indexing first slowed the window down: both want the CPU).
            // The UI's first open_vault(null) and list_files find the vault
            // open, or wait for it (see AppState::expect_startup). A failure
            // here is reported by open_vault.
            let config = app.config().app.windows.iter().find(|w| w.label == "main").cloned();
            let config = config.ok_or("tauri.conf.json has no window labelled main")?;
            windows::guarded(WebviewWindowBuilder::from_config(app.handle(), &config)?).build()?;
            app.state::<AppState>().expect_startup();
            app.state::<AppState>().set_progress_reporter(events::progress_reporter(app.handle().clone()));
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                let state = handle.state::<AppState>();
                if let Ok((session, true)) = state.open_startup(events::subscriber(handle.clone())) {
                    session.clone().save_cache_later(CACHE_SAVE_DELAY);
                    // The quick switcher's index, ready before the first Ctrl+O.
                    session.switcher().warm(&state, &session);
                }
            });
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("error while building the Rhizome app");
    app.run(|app, event| match event {
        RunEvent::Exit => {
            if let Some(session) = app.state::<AppState>().current() {
                session.save_cache();
            }
        }
        // Closing the vault's window closes its pop-outs (as in Obsidian); a
        // closed pop-out is struck off the main window's workspace.
        RunEvent::WindowEvent { label, event: WindowEvent::Destroyed, .. } => {
            if label == "main" {
                windows::close_popouts(app);
            } else if windows::is_popout_label(&label) {
                events::window_closed(app, &label);
            }
        }
        _ => {}
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(args: &[&str]) -> Result<Cli, String> {
        parse_cli(args.iter().map(std::ffi::OsString::from))
    }

    #[test]
    fn command_line() {
        assert_eq!(cli(&[]), Ok(Cli::Run { vault: None }));
        assert_eq!(cli(&["seeds"]), Ok(Cli::Run { vault: Some("seeds".into()) }));
        assert_eq!(cli(&["--help"]), Ok(Cli::Help));
        assert_eq!(cli(&["-V"]), Ok(Cli::Version));
        assert!(cli(&["--frobnicate"]).is_err());
        assert!(cli(&["a", "b"]).is_err());
    }

    #[test]
    fn navigation_stays_in_the_app() {
        let url = |s: &str| Url::parse(s).unwrap();
        assert!(navigation_allowed(&url("tauri://localhost/index.html")));
        assert!(navigation_allowed(&url("http://tauri.localhost/")));
        for bad in
            ["https://example.org/", "tauri://evil/", "file:///etc/passwd", "vault://localhost/a.png", "about:blank"]
        {
            assert!(!navigation_allowed(&url(bad)), "{bad}");
        }
    }
}
