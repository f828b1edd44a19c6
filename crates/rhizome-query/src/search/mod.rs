//! Obsidian's search language, one implementation for the search pane, the
//! graph view's filter, embedded ```` ```query ```` blocks and
//! `rhizome-cli search` (help page "Search", obsidianmd/obsidian-help
//! `en/Plugins/Search.md`; every example on it is a row of
//! `tests/language.rs`).
//!
//! A query is cut into tokens (`lexer`), parsed (`parse`, to an `ast::Expr`
//! that `explain` puts in words), compiled (`compile`: fields, case and
//! regexes fixed), narrowed to candidate files with the corpus's indexes
//! (`plan`), evaluated file by file (`eval`, over the `scope` units for
//! `line:`/`block:`/`section:`/tasks and the `props` for `[property]`), and
//! described (`results`). `run` does the last three in display order,
//! chunk by chunk, so results stream and a newer query cancels an older one.

pub mod ast;
mod compile;
mod eval;
mod explain;
mod lexer;
mod parse;
mod plan;
pub mod props;
mod regex_js;
mod results;
mod run;
mod scope;
mod term;
pub mod text;

pub use results::{excerpt, Detail, FileMatch, LineMatch, MAX_TEXT_CHARS};
pub use run::{collect, matching_paths, run, Batch, Request, Source, Summary};

use std::ops::Range;

/// A query that cannot be read: what is wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    pub message: String,
    /// Byte offsets into the query.
    pub span: Range<usize>,
}

impl QueryError {
    pub fn new(message: impl Into<String>, span: Range<usize>) -> QueryError {
        QueryError { message: message.into(), span }
    }
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for QueryError {}

/// A parsed and compiled query.
#[derive(Clone, Debug)]
pub struct Query {
    expr: Option<ast::Expr>,
    node: Option<compile::Node>,
    ignore_case: bool,
}

impl Query {
    /// Reads `source`. `match_case` is the pane's "Match case" toggle (off:
    /// terms ignore case unless `match-case:` says otherwise).
    pub fn parse(source: &str, match_case: bool) -> Result<Query, QueryError> {
        let expr = parse::parse(source)?;
        let node = expr.as_ref().map(|e| compile::compile(e, !match_case)).transpose()?;
        Ok(Query { expr, node, ignore_case: !match_case })
    }

    /// True for a query with no terms: it matches nothing.
    pub fn is_empty(&self) -> bool {
        self.expr.is_none()
    }

    /// The parsed query.
    pub fn expr(&self) -> Option<&ast::Expr> {
        self.expr.as_ref()
    }

    /// "Explain search term": the query in words.
    pub fn explain(&self) -> String {
        match &self.expr {
            None => "An empty search matches nothing.".to_string(),
            Some(expr) => explain::explain(expr, self.ignore_case),
        }
    }

    fn node(&self) -> Option<&compile::Node> {
        self.node.as_ref()
    }
}
