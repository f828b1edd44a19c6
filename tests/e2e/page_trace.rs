//! The page's own record of where an interaction's time went
//! (`ui/src/ipc/trace.ts`): commands (sent to answered), events, store
//! updates and frames. Measurements start it before an interaction and
//! print it after; the app's side is `RHIZOME_TRACE` (src-tauri/src/tracing.rs),
//! whose lines carry the wall clock this printout starts at.

use crate::harness::App;

/// Starts the record, with each frame for `frames_ms` (a gap between two
/// frames is the page busy: script, style, layout or paint).
pub async fn start(app: &App, frames_ms: u64) {
    const SCRIPT: &str = "const t = window.__rzTrace = []; const t0 = performance.now(); const ms = arguments[0]; \
                          const tick = (now) => { if (window.__rzTrace !== t) return; t.push(['frame', now, now]); \
                          if (now - t0 < ms) requestAnimationFrame(tick); }; \
                          requestAnimationFrame(tick); return null;";
    app.client.execute(SCRIPT, vec![serde_json::json!(frames_ms)]).await.expect("start the trace");
}

/// Prints and ends the record (ms from its first entry): commands and
/// events always, store updates and named steps of 2 ms or more, frames
/// after a gap of more than 25 ms. Answers the first entry's page time, to
/// place the measurement's own marks on the same scale.
pub async fn print(app: &App, tag: &str, phase: &str) -> f64 {
    const SCRIPT: &str = "const t = window.__rzTrace || []; window.__rzTrace = undefined; return t;";
    let trace = app.client.execute(SCRIPT, vec![]).await.unwrap_or_default();
    let rows = trace.as_array().cloned().unwrap_or_default();
    let origin = rows.iter().filter_map(|r| r[1].as_f64()).fold(f64::INFINITY, f64::min);
    let epoch = app.client.execute("return performance.timeOrigin;", vec![]).await.ok().and_then(|v| v.as_f64());
    println!("e2e[{tag}] trace {phase}: starts at {:.1} ms after the epoch", epoch.unwrap_or(f64::NAN) + origin);
    let mut last_frame = 0.0;
    for row in rows {
        let (name, start, end) = (row[0].as_str().unwrap_or("?"), row[1].as_f64(), row[2].as_f64());
        let (start, end) = (start.unwrap_or(f64::NAN) - origin, end.unwrap_or(f64::NAN) - origin);
        if (name.starts_with("set ") || name.contains(':')) && end - start < 2.0 {
            continue;
        }
        if name == "frame" {
            let gap = start - std::mem::replace(&mut last_frame, start);
            if gap > 25.0 {
                println!("e2e[{tag}] trace {phase}: {start:>7.1} frame after {gap:.0} ms");
            }
            continue;
        }
        println!("e2e[{tag}] trace {phase}: {start:>7.1} → {end:>7.1} ms  {name}");
    }
    origin
}
