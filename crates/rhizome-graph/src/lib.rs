//! The graph view's engine, without any GUI: which nodes and edges a view
//! shows ([`scene`]) and which of them a query matches ([`query`]), a
//! Barnes-Hut force layout ([`quadtree`], [`sim`]) that keeps positions
//! across changes ([`layout`]), the background thread that runs it and
//! hands out frames through a callback ([`runner`]), the order of the
//! time-lapse ([`timeline`]), and an SVG picture of a laid-out scene
//! ([`picture`]).
//!
//! It knows the index (`rhizome-core`) but not the disk, the watcher, Tauri
//! or the webview: the shell feeds it scenes and forwards its frames.

mod fold;
pub mod layout;
pub mod picture;
mod quadtree;
pub mod query;
pub mod runner;
pub mod scene;
pub mod sim;
pub mod timeline;

pub use fold::FOLD_FROM;
pub use layout::{Layout, SceneChange};
pub use runner::{Control, Frame, LayoutRunner, Output};
pub use scene::{Filters, LocalLinks, NodeKind, Scene, SceneNode, SceneQuery, Scope};
pub use sim::{Forces, Simulation};
