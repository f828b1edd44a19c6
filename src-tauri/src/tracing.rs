//! `RHIZOME_TRACE`: one line per command (how long it waited for a thread
//! and how long it ran) and per applied batch of changes (the engine's
//! time, then the shell's steps before the event leaves). A measurement aid:
//! the end-to-end `app_scale` sets it to say where an interaction's time
//! goes. `RHIZOME_TRACE=1` writes to stderr; any other value is a file the
//! lines are appended to. Off unless the variable is set.

use std::io::Write;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

enum Sink {
    Off,
    Stderr,
    File(Mutex<std::fs::File>),
}

fn sink() -> &'static Sink {
    static SINK: OnceLock<Sink> = OnceLock::new();
    SINK.get_or_init(|| match std::env::var_os("RHIZOME_TRACE") {
        None => Sink::Off,
        Some(v) if v.is_empty() || v == "0" => Sink::Off,
        Some(v) if v == "1" => Sink::Stderr,
        Some(path) => match std::fs::OpenOptions::new().create(true).append(true).open(&path) {
            Ok(file) => Sink::File(Mutex::new(file)),
            Err(err) => {
                eprintln!("rhizome: cannot write the trace to {}: {err}", std::path::Path::new(&path).display());
                Sink::Stderr
            }
        },
    })
}

/// True when tracing is on (so callers can skip gathering what they'd log).
pub(crate) fn enabled() -> bool {
    !matches!(sink(), Sink::Off)
}

/// One line, stamped with the wall clock in ms (the page's
/// `performance.timeOrigin + performance.now()` is on the same clock).
fn line(text: std::fmt::Arguments) {
    let at = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let at = at.as_secs_f64() * 1000.0;
    match sink() {
        Sink::Off => {}
        Sink::Stderr => eprintln!("[rhizome:trace {at:.1}] {text}"),
        Sink::File(file) => {
            let mut file = file.lock().unwrap_or_else(|p| p.into_inner());
            let _ = writeln!(file, "[rhizome:trace {at:.1}] {text}");
        }
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// The command's name out of its body's closure type:
/// `rhizome_app::commands::read_note::{{closure}}::{{closure}}` → `read_note`.
pub(crate) fn command_name(closure: &str) -> &str {
    let path = closure.split("::{{closure}}").next().unwrap_or(closure);
    path.rsplit("::").next().unwrap_or(path)
}

/// Logs a finished command.
pub(crate) fn command(closure: &'static str, queued: Instant, started: Instant) {
    if enabled() {
        let waited = started.duration_since(queued).as_secs_f64() * 1000.0;
        line(format_args!("command {} ran {:.1} ms, waited {waited:.1} ms", command_name(closure), ms(started)));
    }
}

/// Logs one step of handling an applied batch.
pub(crate) fn step(what: &str, started: Instant) {
    if enabled() {
        line(format_args!("{what} {:.1} ms", ms(started)));
    }
}

#[cfg(test)]
mod tests {
    use super::command_name;

    #[test]
    fn names_the_command_from_its_closure() {
        assert_eq!(command_name("rhizome_app::commands::read_note::{{closure}}::{{closure}}"), "read_note");
        assert_eq!(command_name("rhizome_app::commands::stats::{{closure}}"), "stats");
        assert_eq!(command_name("plain"), "plain");
    }
}
