//! Benchmark tooling for Rhizome.
//!
//! - [`gen`] is a seedable generator of synthetic vaults that look like real
//!   Obsidian vaults: nested folders, lognormal note sizes, power-law link
//!   counts with popular hub notes, ghost links, mixed link syntaxes, tags,
//!   front matter, and link-like text hidden in code (`rhizome-vaultgen`).
//! - [`graphs`] makes random link graphs for the layout benchmark
//!   (`rhizome-layout-bench`, against d3-force).
//! - [`measure`] holds the measurements behind `rhizome-bench` (`make bench`).
//! - [`words`] is the generator's fixed vocabulary (the search benchmark,
//!   `rhizome-search-bench`, picks its query words from it).

pub mod gen;
pub mod graphs;
pub mod measure;

pub mod words;

mod compose;
