//! `rhizome-cli search VAULT QUERY`: the app's search (Obsidian's query
//! language, `rhizome_query::search`) over the same in-memory corpus the app
//! keeps, printed as text or, with `--json`, as an array of
//! `{"path": "<vault path>", "matches": [{"line": N, "text": "…"}]}` (the
//! lines of the text with matches; a file found by its path alone has none).

use crate::{open, peak_rss_mb, print, Failure, VaultArgs};
use clap::ValueEnum;
use rhizome_query::search::{collect, Detail, Request};
use rhizome_query::{Corpus, Query, Sort};
use serde::Serialize;

/// Obsidian's sort orders.
#[derive(Clone, Copy, ValueEnum)]
pub enum SortArg {
    /// File name, A to Z.
    Name,
    /// File name, Z to A.
    NameDesc,
    /// Modified time, new to old.
    Modified,
    /// Modified time, old to new.
    ModifiedOldest,
    /// Created time, new to old.
    Created,
    /// Created time, old to new.
    CreatedOldest,
}

impl From<SortArg> for Sort {
    fn from(s: SortArg) -> Sort {
        match s {
            SortArg::Name => Sort::FileNameAsc,
            SortArg::NameDesc => Sort::FileNameDesc,
            SortArg::Modified => Sort::ModifiedNewest,
            SortArg::ModifiedOldest => Sort::ModifiedOldest,
            SortArg::Created => Sort::CreatedNewest,
            SortArg::CreatedOldest => Sort::CreatedOldest,
        }
    }
}

#[derive(clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    vault: VaultArgs,
    /// The query, e.g. `path:Concepts -llama`, `tag:#work "exact phrase"`, `[status:draft]`.
    query: String,
    #[arg(long)]
    json: bool,
    /// Match case (terms ignore case unless `match-case:` says otherwise).
    #[arg(long)]
    match_case: bool,
    #[arg(long, value_enum, default_value = "name")]
    sort: SortArg,
    /// Print the query in words ("Explain search term") and exit.
    #[arg(long)]
    explain: bool,
    /// Print what the search keeps in memory and the peak RSS to stderr.
    #[arg(long)]
    stats: bool,
}

#[derive(Serialize)]
struct FileJson {
    path: String,
    matches: Vec<MatchJson>,
}

#[derive(Serialize)]
struct MatchJson {
    line: u32,
    text: String,
}

/// Exit 0 when files were found, 1 when none, 2 for a malformed query.
pub fn search(args: &SearchArgs) -> Result<u8, Failure> {
    let query = Query::parse(&args.query, args.match_case).map_err(|err| {
        let caret_at = args.query[..err.span.start.min(args.query.len())].chars().count();
        let width = args.query.get(err.span.clone()).map_or(1, |s| s.chars().count().max(1));
        Failure::usage(format!(
            "the query cannot be read: {}\n  {}\n  {}{}",
            err.message,
            args.query,
            " ".repeat(caret_at),
            "^".repeat(width)
        ))
    })?;
    if args.explain {
        print(&(query.explain() + "\n"))?;
        return Ok(0);
    }
    let (vault, _) = open(&args.vault)?;
    let corpus = Corpus::load(&vault);
    let request =
        Request { sort: args.sort.into(), detail: Detail { max_lines: usize::MAX, context: 0 }, ..Request::default() };
    let (files, summary) = collect(&corpus, &query, &request);
    if args.json {
        let out: Vec<FileJson> = files
            .iter()
            .map(|f| FileJson {
                path: f.path.as_str().to_string(),
                matches: f
                    .lines
                    .iter()
                    .filter(|l| l.line > 0)
                    .map(|l| MatchJson { line: l.line, text: l.text.clone() })
                    .collect(),
            })
            .collect();
        print(&(serde_json::to_string_pretty(&out).expect("results serialize") + "\n"))?;
    } else {
        let mut text = String::new();
        for f in &files {
            text.push_str(&format!("{} ({} {})\n", f.path, f.count, if f.count == 1 { "match" } else { "matches" }));
            for l in f.lines.iter().filter(|l| l.line > 0) {
                text.push_str(&format!("  {}: {}\n", l.line, l.text));
            }
        }
        print(&text)?;
        eprintln!("{} file(s), {} match(es)", summary.files, summary.matches);
    }
    if args.stats {
        let stats = serde_json::json!({
            "files": corpus.len(),
            "text_mb": corpus.text_bytes() as f64 / 1e6,
            "search_mb": corpus.heap_bytes() as f64 / 1e6,
            "peak_rss_mb": peak_rss_mb(),
        });
        eprintln!("{stats}");
    }
    Ok(if files.is_empty() { 1 } else { 0 })
}
