//! The layout thread: frames while moving, one settled frame at the end,
//! scene changes reported with what was added and removed, drags pinning.

use rhizome_graph::runner::{Control, DragPhase, Frame, Output, Priority};
use rhizome_graph::sim::Forces;
use rhizome_graph::{Layout, LayoutRunner, NodeKind, Scene, SceneNode};
use rustc_hash::FxHashMap;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

fn scene(keys: &[&str], edges: &[(u32, u32)]) -> Scene {
    let mut nodes: Vec<SceneNode> = keys
        .iter()
        .map(|k| SceneNode {
            key: Arc::from(*k),
            label: Arc::from(*k),
            kind: NodeKind::Note,
            path: None,
            folder: Arc::from(""),
            tags: Vec::new(),
            degree: 0,
        })
        .collect();
    nodes.sort_by(|a, b| a.key.cmp(&b.key));
    Scene { nodes, edges: edges.to_vec(), center: None, ..Scene::default() }
}

fn start(scene: Scene) -> (LayoutRunner, mpsc::Receiver<Output>) {
    let (tx, rx) = mpsc::channel();
    let layout = Layout::new(scene, Forces::default(), 1, &FxHashMap::default());
    let runner = LayoutRunner::start(layout, move |out| {
        let _ = tx.send(out);
    });
    (runner, rx)
}

/// Frames until (and including) the settled one.
fn until_settled(rx: &mpsc::Receiver<Output>) -> Vec<Frame> {
    let mut frames = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(20)).expect("the layout never settled") {
            Output::Frame(f) => {
                let settled = f.settled;
                frames.push(f);
                if settled {
                    return frames;
                }
            }
            Output::Scene(_) | Output::Look(_) | Output::Settled(_) => {}
        }
    }
}

#[test]
fn a_layout_sends_frames_then_settles_and_sleeps() {
    let (runner, rx) = start(scene(&["a", "b", "c"], &[(0, 1), (1, 2)]));
    let frames = until_settled(&rx);
    assert!(frames.iter().all(|f| f.version == 1 && f.positions.len() == 6));
    assert!(frames.iter().rev().skip(1).all(|f| !f.settled), "only the last frame is marked settled");
    match rx.recv_timeout(Duration::from_secs(5)).unwrap() {
        Output::Settled(positions) => assert_eq!(positions.len(), 3),
        other => panic!("expected the settled positions, got {other:?}"),
    }
    assert!(rx.recv_timeout(Duration::from_millis(300)).is_err(), "a settled layout sends nothing");
    let layout = runner.stop().unwrap();
    assert_eq!(layout.flat_positions(), frames.last().unwrap().positions);
}

#[test]
fn scene_changes_report_added_and_removed_nodes() {
    let (runner, rx) = start(scene(&["a", "b", "c"], &[(0, 1), (1, 2)]));
    until_settled(&rx);
    // "c" goes, "d" arrives linked to "a".
    runner.send(Control::SetScene(scene(&["a", "b", "d"], &[(0, 1), (0, 2)])));
    let update = loop {
        if let Output::Scene(update) = rx.recv_timeout(Duration::from_secs(5)).unwrap() {
            break update;
        }
    };
    assert_eq!(update.version, 2);
    assert_eq!(update.change.added, [2]);
    assert_eq!(update.change.removed.iter().map(|(k, _)| &**k).collect::<Vec<_>>(), ["c"]);
    let frames = until_settled(&rx);
    assert!(frames.iter().all(|f| f.version == 2));
    assert!(matches!(rx.recv_timeout(Duration::from_secs(5)).unwrap(), Output::Settled(_)));
    // The same scene again is not a change.
    runner.send(Control::SetScene(scene(&["a", "b", "d"], &[(0, 1), (0, 2)])));
    assert!(rx.recv_timeout(Duration::from_millis(300)).is_err());
    // Only other colour groups: the look changes, nothing moves, the version stays.
    let coloured = Scene { groups: vec![0, -1, 1], ..scene(&["a", "b", "d"], &[(0, 1), (0, 2)]) };
    runner.send(Control::SetScene(coloured));
    match rx.recv_timeout(Duration::from_secs(5)).unwrap() {
        Output::Look(look) => assert_eq!((look.version, look.groups, look.matched), (2, vec![0, -1, 1], vec![])),
        other => panic!("expected a new look, got {other:?}"),
    }
    assert!(rx.recv_timeout(Duration::from_millis(300)).is_err(), "no frame: nothing moved");
    let layout = runner.stop().unwrap();
    assert_eq!(layout.flat_positions(), frames.last().unwrap().positions);
    assert_eq!((layout.version(), &layout.scene().groups[..]), (2, &[0, -1, 1][..]));
}

#[test]
fn a_dragged_node_follows_the_pointer_and_is_released() {
    let (runner, rx) = start(scene(&["a", "b", "c"], &[(0, 1), (1, 2)]));
    until_settled(&rx);
    runner.send(Control::Pause);
    runner.send(Control::Drag { key: "b".into(), at: [500.0, -40.0], phase: DragPhase::Start });
    let frame = loop {
        if let Output::Frame(f) = rx.recv_timeout(Duration::from_secs(5)).unwrap() {
            break f;
        }
    };
    assert_eq!(&frame.positions[2..4], &[500.0, -40.0], "paused, the node still moves with the pointer");
    runner.send(Control::Resume);
    runner.send(Control::Drag { key: "b".into(), at: [520.0, -40.0], phase: DragPhase::Move });
    std::thread::sleep(Duration::from_millis(100));
    runner.send(Control::Drag { key: "nope".into(), at: [0.0, 0.0], phase: DragPhase::Move });
    runner.send(Control::Drag { key: "b".into(), at: [520.0, -40.0], phase: DragPhase::End });
    let frames = until_settled(&rx);
    let last = frames.last().unwrap();
    // Released, the spring pulls b back towards its neighbours.
    assert_ne!(&last.positions[2..4], &[520.0, -40.0]);
    let layout = runner.stop().unwrap();
    assert_eq!(layout.sim().pinned(1), None);
}

#[test]
fn frames_encode_little_endian_with_a_header() {
    let frame = Frame { version: 7, alpha: 0.5, settled: true, positions: vec![1.0, -2.0] };
    let bytes = frame.to_bytes();
    assert_eq!(bytes.len(), 16 + 8);
    assert_eq!(&bytes[0..4], &7u32.to_le_bytes());
    assert_eq!(&bytes[4..8], &1u32.to_le_bytes());
    assert_eq!(&bytes[8..12], &0.5f32.to_le_bytes());
    assert_eq!(&bytes[12..16], &1u32.to_le_bytes());
    assert_eq!(&bytes[16..20], &1.0f32.to_le_bytes());
    assert_eq!(&bytes[20..24], &(-2.0f32).to_le_bytes());
}

/// A ring of `n` nodes with a chord from each to the one `n / 3` on: large
/// enough for the layout's parallel steps.
fn ring(n: usize) -> Scene {
    let keys: Vec<String> = (0..n).map(|i| format!("n{i:05}")).collect();
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    let edges: Vec<(u32, u32)> =
        (0..n as u32).flat_map(|i| [(i, (i + 1) % n as u32), (i, (i + n as u32 / 3) % n as u32)]).collect();
    scene(&keys, &edges)
}

/// The scheduling policy of this process's threads whose names start with
/// `prefix` (field 41 of /proc/self/task/*/stat; 5 is SCHED_IDLE).
#[cfg(target_os = "linux")]
fn policies(prefix: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for task in std::fs::read_dir("/proc/self/task").unwrap().flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if !comm.starts_with(prefix) {
            continue;
        }
        let stat = std::fs::read_to_string(task.path().join("stat")).unwrap_or_default();
        // The name may hold spaces: count fields after its closing parenthesis (field 2).
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        out.push(after.split(' ').nth(41 - 3).unwrap().parse().unwrap());
    }
    out
}

#[test]
fn a_background_layout_yields_the_cpu_and_settles_where_a_normal_one_does() {
    let settle = |priority: Priority| {
        let (tx, rx) = mpsc::channel();
        let layout = Layout::new(ring(3000), Forces::default(), 1, &FxHashMap::default());
        let runner = LayoutRunner::start_with(layout, priority, move |out| {
            let _ = tx.send(out);
        });
        let frames = until_settled(&rx);
        #[cfg(target_os = "linux")]
        if priority == Priority::Background {
            let seen = policies("rhizome-idle");
            assert!(seen.len() >= 2, "the runner and its pool: {seen:?}");
            assert!(seen.iter().all(|&p| p == 5), "layout threads not SCHED_IDLE: {seen:?}");
        }
        runner.stop().unwrap();
        frames.last().unwrap().positions.clone()
    };
    let normal = settle(Priority::Normal);
    let background = settle(Priority::Background);
    assert_eq!(normal.len(), 6000);
    assert!(normal.iter().all(|v| v.is_finite()));
    assert_eq!(normal, background, "the same seed settles the same way on either pool");
}

/// A small background layout (a local graph) is not left to idle time: on
/// a busy machine it would hardly move.
#[cfg(target_os = "linux")]
#[test]
fn a_small_background_layout_runs_at_normal_priority() {
    let (tx, rx) = mpsc::channel();
    let layout =
        Layout::new(ring(rhizome_graph::runner::SMALL_LAYOUT / 10), Forces::default(), 1, &FxHashMap::default());
    let runner = LayoutRunner::start_with(layout, Priority::Background, move |out| {
        let _ = tx.send(out);
    });
    rx.recv_timeout(Duration::from_secs(20)).expect("a first output");
    let seen = policies("rhizome-layout");
    assert!(!seen.is_empty() && seen.iter().all(|&p| p == 0), "a small layout's thread: {seen:?}");
    runner.stop().unwrap();
}

/// More open views than the background pool has threads: each layout still
/// runs and settles (a runner waiting for messages must not hold a thread of
/// the pool; the app has a global, a sidebar and a tab view).
#[test]
fn more_background_layouts_than_pool_threads_all_settle() {
    let views = rayon::current_num_threads() + 2;
    let runs: Vec<(LayoutRunner, mpsc::Receiver<Output>)> = (0..views)
        .map(|_| {
            let (tx, rx) = mpsc::channel();
            let layout =
                Layout::new(ring(rhizome_graph::runner::SMALL_LAYOUT), Forces::default(), 1, &FxHashMap::default());
            let runner = LayoutRunner::start_with(layout, Priority::Background, move |out| {
                let _ = tx.send(out);
            });
            (runner, rx)
        })
        .collect();
    // The earlier ones settle and sleep, holding on to nothing; the last one settles too.
    for (_, rx) in &runs {
        assert!(until_settled(rx).last().unwrap().settled);
    }
}

/// A large layout sends frames only every few hundred milliseconds, but
/// its first tick's frame at once: the view starts moving from the first
/// tick, not a frame interval later.
#[test]
fn a_large_layout_sends_its_first_ticks_frame_at_once() {
    let n = 20_000u32;
    let names: Vec<String> = (0..n).map(|i| format!("n{i:05}")).collect();
    let keys: Vec<&str> = names.iter().map(String::as_str).collect();
    let edges: Vec<(u32, u32)> = (1..n).map(|i| (i / 2, i)).collect();
    let scene = scene(&keys, &edges);
    assert!(rhizome_graph::runner::frame_interval(keys.len()) >= Duration::from_millis(300));
    // The alpha one tick leaves.
    let mut one_tick = Layout::new(scene.clone(), Forces::default(), 1, &FxHashMap::default());
    one_tick.sim_mut().tick();
    let (runner, rx) = start(scene);
    let first = loop {
        if let Output::Frame(f) = rx.recv_timeout(Duration::from_secs(60)).expect("no frame came") {
            break f;
        }
    };
    assert_eq!(first.alpha, one_tick.sim().alpha(), "the first frame came after more than one tick");
    drop(runner);
}
