//! Runs a [`Layout`] on its own thread: ticks while the layout moves, hands
//! positions to an injected sink at most every [`FRAME_INTERVAL`] and once
//! more when it settles, then sleeps until told something. The sink decides
//! where frames go (the app sends them to the webview; tests collect them).

use crate::layout::{Layout, SceneChange};
use crate::scene::Scene;
use crate::sim::Forces;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// At most this often a moving layout sends a frame (60 per second), for
/// small graphs; see [`frame_interval`].
pub const FRAME_INTERVAL: Duration = Duration::from_millis(16);
/// The longest wait between frames of a moving layout.
pub const SLOWEST_FRAMES: Duration = Duration::from_millis(400);

/// How often a moving layout of `nodes` nodes sends a frame. Drawing a
/// frame of a large graph costs the webview far more than a tick costs the
/// layout (software GL shares the same cores), so large graphs get fewer
/// frames while they settle: 60 per second up to about 800 nodes, 5 at 10k,
/// 2.5 from 20k. The layout itself never waits for them.
pub fn frame_interval(nodes: usize) -> Duration {
    Duration::from_millis(
        (nodes as u64 / 50).clamp(FRAME_INTERVAL.as_millis() as u64, SLOWEST_FRAMES.as_millis() as u64),
    )
}
/// Below this many nodes a [`Priority::Background`] layout runs at normal
/// priority: its ticks take the webview next to nothing, while a
/// `SCHED_IDLE` thread on a machine kept busy by other programs can wait
/// seconds for each (a local graph of a dozen notes then took over 40 s to
/// come to rest, with other builds running on two cores).
pub const SMALL_LAYOUT: usize = 2000;
/// How warm a drag holds the layout, as in d3's drag examples.
const DRAG_ALPHA_TARGET: f32 = 0.3;
/// Alpha after "reheat" and after the sliders move.
const REHEAT_ALPHA: f32 = 0.5;
const FORCES_ALPHA: f32 = 0.3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DragPhase {
    Start,
    Move,
    End,
}

/// What the runner can be told.
#[derive(Debug)]
pub enum Control {
    Pause,
    Resume,
    Reheat,
    Forces(Forces),
    /// Drag the node with this key to `at` (world units).
    Drag {
        key: String,
        at: [f32; 2],
        phase: DragPhase,
    },
    /// The scene changed; keep what stays, place what is new. A scene with
    /// the same nodes and edges and only other groups or highlight changes
    /// the look alone ([`Output::Look`]).
    SetScene(Scene),
}

/// Positions of one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The scene version these positions belong to.
    pub version: u32,
    pub alpha: f32,
    /// The last frame until something changes.
    pub settled: bool,
    /// `[x0, y0, x1, y1, …]` in scene order.
    pub positions: Vec<f32>,
}

impl Frame {
    /// The binary form sent to the webview, little-endian: u32 version,
    /// u32 node count, f32 alpha, u32 flags (bit 0 = settled), then the
    /// positions as f32 pairs.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.positions.len() * 4);
        out.extend_from_slice(&self.version.to_le_bytes());
        out.extend_from_slice(&((self.positions.len() / 2) as u32).to_le_bytes());
        out.extend_from_slice(&self.alpha.to_le_bytes());
        out.extend_from_slice(&u32::from(self.settled).to_le_bytes());
        for v in &self.positions {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }
}

/// A scene change, with the positions the new scene starts from.
#[derive(Clone, Debug)]
pub struct SceneUpdate {
    pub version: u32,
    pub scene: Scene,
    pub positions: Vec<f32>,
    pub change: SceneChange,
    pub running: bool,
}

/// New colour groups or highlight for the same scene (nothing moved).
#[derive(Clone, Debug)]
pub struct LookUpdate {
    pub version: u32,
    /// As [`Scene::groups`] and [`Scene::matched`].
    pub groups: Vec<i32>,
    pub matched: Vec<bool>,
}

#[derive(Clone, Debug)]
pub enum Output {
    Frame(Frame),
    Scene(Box<SceneUpdate>),
    Look(Box<LookUpdate>),
    /// The layout stopped moving (cooled down or paused): every node's key
    /// and position, worth saving.
    Settled(Vec<(Arc<str>, [f32; 2])>),
}

/// How the layout's threads share the CPU with the rest of the machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// As any other thread; the layout's parallel steps run on rayon's
    /// global pool.
    Normal,
    /// Only on CPU time nothing else wants: the layout's thread and a pool of
    /// its own are `SCHED_IDLE` on Linux (elsewhere, `Normal`). Meant for an
    /// app whose view draws the frames: on two cores, a layout that kept
    /// both busy left the webview 17-21 fps at 10k nodes.
    Background,
}

pub struct LayoutRunner {
    tx: Sender<Control>,
    thread: Option<JoinHandle<Layout>>,
}

impl LayoutRunner {
    /// Starts running `layout`, sending to `sink` from the runner's thread.
    pub fn start(layout: Layout, sink: impl FnMut(Output) + Send + 'static) -> LayoutRunner {
        LayoutRunner::start_with(layout, Priority::Normal, sink)
    }

    /// [`LayoutRunner::start`] at `priority`; a background layout smaller
    /// than [`SMALL_LAYOUT`] runs at normal priority.
    pub fn start_with(layout: Layout, priority: Priority, sink: impl FnMut(Output) + Send + 'static) -> LayoutRunner {
        let priority = if layout.scene().nodes.len() < SMALL_LAYOUT { Priority::Normal } else { priority };
        let (tx, rx) = mpsc::channel();
        // Linux shows a thread's first 15 bytes: names that tell the two apart there.
        let name = if priority == Priority::Background { "rhizome-idle" } else { "rhizome-layout" };
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                let pool = background_pool(priority);
                if pool.is_some() {
                    yield_to_others();
                }
                run(layout, rx, sink, pool)
            })
            .expect("cannot start the layout thread");
        LayoutRunner { tx, thread: Some(thread) }
    }

    pub fn send(&self, control: Control) {
        // The thread only ends when this runner is stopped or dropped.
        let _ = self.tx.send(control);
    }

    /// Stops the thread and hands back the layout (to save its positions).
    pub fn stop(mut self) -> Option<Layout> {
        self.finish()
    }

    fn finish(&mut self) -> Option<Layout> {
        let thread = self.thread.take()?;
        let (dead, _) = mpsc::channel();
        // Dropping the only sender wakes the thread, which then returns.
        drop(std::mem::replace(&mut self.tx, dead));
        thread.join().ok()
    }
}

impl Drop for LayoutRunner {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The pool background layouts' parallel steps run on: as many threads as
/// rayon's global pool, each yielding to others, made once and shared by
/// every background layout (the app restarts a view's layout at each new
/// scope). None for `Normal`, or when the pool cannot be made (the global
/// pool then serves).
fn background_pool(priority: Priority) -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    if priority != Priority::Background || !cfg!(target_os = "linux") {
        return None;
    }
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(rayon::current_num_threads())
            .thread_name(|i| format!("rhizome-idle-{i}"))
            .start_handler(|_| yield_to_others())
            .build()
            .ok()
    })
    .as_ref()
}

/// Makes the calling thread run only when no other thread wants its CPU.
/// Unlike `nice 19`, which still took its share and gained the webview
/// nothing, a `SCHED_IDLE` thread is preempted as soon as another wakes, and
/// the kernel counts a core running only such threads as idle when it
/// places the other.
fn yield_to_others() {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: pid 0 is the calling thread; the call reads `param` and
        // changes only how that thread is scheduled.
        unsafe {
            libc::sched_setscheduler(0, libc::SCHED_IDLE, &param);
        }
    }
}

struct State {
    layout: Layout,
    paused: bool,
    last_frame: Instant,
    /// A frame is owed (something moved while not ticking).
    dirty: bool,
}

/// The runner's loop, on its own thread. With a `pool`, each tick's parallel
/// steps run on it (`install` per tick: the loop itself must not hold one of
/// the pool's threads while it waits for a message, or a few open views
/// would take every thread and the next layout would never start).
fn run(
    layout: Layout,
    rx: Receiver<Control>,
    mut sink: impl FnMut(Output),
    pool: Option<&rayon::ThreadPool>,
) -> Layout {
    // The first tick's frame goes out at once: the view shows the scene's
    // starting positions meanwhile, and at 250k nodes waiting a whole frame
    // interval for it left the picture still for the first half second.
    let due = Instant::now().checked_sub(SLOWEST_FRAMES).unwrap_or_else(Instant::now);
    let mut state = State { layout, paused: false, last_frame: due, dirty: false };
    loop {
        let moving = !state.paused && state.layout.sim().is_running();
        let control = if moving {
            match rx.try_recv() {
                Ok(c) => Some(c),
                Err(mpsc::TryRecvError::Empty) => None,
                Err(mpsc::TryRecvError::Disconnected) => return state.layout,
            }
        } else {
            match rx.recv_timeout(Duration::from_secs(3600)) {
                Ok(c) => Some(c),
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => return state.layout,
            }
        };
        if let Some(control) = control {
            apply(&mut state, control, &mut sink);
            continue;
        }
        match pool {
            Some(pool) => pool.install(|| state.layout.sim_mut().tick()),
            None => state.layout.sim_mut().tick(),
        }
        let settled = !state.layout.sim().is_running();
        if settled || state.last_frame.elapsed() >= frame_interval(state.layout.scene().nodes.len()) {
            send_frame(&mut state, settled, &mut sink);
        }
        if settled {
            sink(Output::Settled(state.layout.positions_by_key()));
        }
    }
}

fn apply(state: &mut State, control: Control, sink: &mut impl FnMut(Output)) {
    let was_moving = !state.paused && state.layout.sim().is_running();
    match control {
        Control::Pause => state.paused = true,
        Control::Resume => state.paused = false,
        Control::Reheat => {
            state.paused = false;
            let sim = state.layout.sim_mut();
            sim.set_alpha(sim.alpha().max(REHEAT_ALPHA));
        }
        Control::Forces(forces) => {
            let sim = state.layout.sim_mut();
            sim.set_forces(forces);
            sim.set_alpha(sim.alpha().max(FORCES_ALPHA));
        }
        Control::Drag { key, at, phase } => {
            if let Some(i) = state.layout.scene().index_of(&key) {
                let sim = state.layout.sim_mut();
                match phase {
                    DragPhase::Start | DragPhase::Move => {
                        sim.pin(i as usize, Some(at));
                        sim.set_alpha_target(DRAG_ALPHA_TARGET);
                        sim.set_alpha(sim.alpha().max(DRAG_ALPHA_TARGET));
                    }
                    DragPhase::End => {
                        sim.pin(i as usize, None);
                        sim.set_alpha_target(0.0);
                    }
                }
                state.dirty = true;
            }
        }
        Control::SetScene(scene) => {
            if scene.same_shape(state.layout.scene()) {
                return;
            }
            if scene.same_graph(state.layout.scene()) {
                state.layout.set_look(scene.groups, scene.matched);
                let look = state.layout.scene();
                let update = LookUpdate {
                    version: state.layout.version(),
                    groups: look.groups.clone(),
                    matched: look.matched.clone(),
                };
                sink(Output::Look(Box::new(update)));
                return;
            }
            let change = state.layout.set_scene(scene);
            let update = SceneUpdate {
                version: state.layout.version(),
                scene: state.layout.scene().clone(),
                positions: state.layout.flat_positions(),
                change,
                running: !state.paused,
            };
            sink(Output::Scene(Box::new(update)));
        }
    }
    let moving = !state.paused && state.layout.sim().is_running();
    if !moving && (was_moving || state.dirty) {
        send_frame(state, true, sink);
    }
    if was_moving && !moving {
        sink(Output::Settled(state.layout.positions_by_key()));
    }
}

fn send_frame(state: &mut State, settled: bool, sink: &mut impl FnMut(Output)) {
    let sim = state.layout.sim();
    sink(Output::Frame(Frame {
        version: state.layout.version(),
        alpha: sim.alpha(),
        settled,
        positions: state.layout.flat_positions(),
    }));
    state.last_frame = Instant::now();
    state.dirty = false;
}
