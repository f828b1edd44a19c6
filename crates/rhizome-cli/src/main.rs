//! `rhizome-cli`: the engine without a window. Indexes a vault and answers
//! from the same code the desktop app uses; builds and runs with no GUI
//! package installed.
//!
//! Exit codes: 0 success; 1 `check` found unresolved links or `search` found
//! nothing; 2 the vault or note cannot be found or read, the arguments are
//! wrong, or a search query cannot be read.

mod export;
mod picture;
mod search;

/// mimalloc: indexing makes many small allocations from several threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use rhizome_core::NodeKey;
use rhizome_fs::{LiveVault, OpenOptions, OpenReport, Vault};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "rhizome-cli", version, about = "Index a folder of Markdown notes and explore its link graph")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
pub(crate) struct VaultArgs {
    /// The vault folder.
    vault: PathBuf,
    /// Index every file afresh, neither reading nor writing the persisted index.
    #[arg(long)]
    no_cache: bool,
    /// Follow symlinks that lead outside the vault folder.
    #[arg(long)]
    follow_outside_symlinks: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Counts: notes, attachments, links, unresolved links, tags, orphans.
    Stats {
        #[command(flatten)]
        vault: VaultArgs,
        #[arg(long)]
        json: bool,
    },
    /// Lists every unresolved link as `file:line: target`; exit 1 if any.
    Check {
        #[command(flatten)]
        vault: VaultArgs,
        #[arg(long)]
        json: bool,
    },
    /// Notes linking to NOTE (with the line holding each link), and unlinked mentions.
    Backlinks {
        #[command(flatten)]
        vault: VaultArgs,
        /// A note name (`Yann LeCun`) or vault path (`People/Yann LeCun.md`).
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// The whole link graph in an exchange format, or as a laid-out picture (svg, png).
    Graph {
        #[command(flatten)]
        vault: VaultArgs,
        #[arg(long, value_enum, default_value = "json")]
        format: GraphFormat,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        out: Option<std::path::PathBuf>,
        /// Picture width in pixels (svg, png).
        #[arg(long, default_value_t = 1600)]
        width: u32,
        /// Dark colours (svg, png).
        #[arg(long)]
        dark: bool,
        /// At most this many labels, best-connected first (svg, png).
        #[arg(long, default_value_t = 60)]
        labels: usize,
    },
    /// Prints one JSON line per change applied to the vault, until interrupted.
    Watch {
        #[command(flatten)]
        vault: VaultArgs,
    },
    /// Searches with Obsidian's query language (as the app's search pane); exit 1 when nothing matches.
    Search(search::SearchArgs),
    /// Prints the sanitized HTML fragment the reader shows for NOTE (same code path).
    Render {
        #[command(flatten)]
        vault: VaultArgs,
        /// A note name or vault path.
        note: String,
    },
    /// Moves a note and rewrites every link to it.
    Rename {
        #[command(flatten)]
        vault: VaultArgs,
        /// The note to move (name or vault path).
        note: String,
        /// Its new vault path, e.g. `People/New Name.md`.
        to: String,
        /// Print the edits without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Json,
    Dot,
    Graphml,
    Svg,
    Png,
}

/// A failure a person can act on, with the exit code it maps to.
pub(crate) struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    pub(crate) fn usage(message: impl Into<String>) -> Failure {
        Failure { code: 2, message: message.into() }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(err: anyhow::Error) -> Failure {
        Failure { code: 2, message: format!("{err:#}") }
    }
}

impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Failure {
        Failure { code: 2, message: err.to_string() }
    }
}

fn main() -> ExitCode {
    rhizome_fs::pages::prefer_small_pages();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!("rhizome-cli: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

fn options(args: &VaultArgs) -> OpenOptions {
    let mut options = OpenOptions { use_cache: !args.no_cache, ..OpenOptions::default() };
    options.scan.follow_outside_symlinks = args.follow_outside_symlinks;
    // The vault's excluded files, as the app sees them (its settings, else
    // `.obsidian/app.json`): every consumer sees the same vault.
    if let Ok(root) = args.vault.canonicalize() {
        options.scan.excluded = rhizome_fs::vault_settings::SettingsStore::for_vault(&root).load().exclusions();
    }
    options
}

pub(crate) fn open(args: &VaultArgs) -> Result<(Vault, OpenReport), Failure> {
    let (vault, report) = Vault::open(&args.vault, options(args))?;
    if report.parsed > 0 || report.cache_discarded.is_some() {
        // A cache that cannot be written only costs speed next time.
        if let Err(err) = vault.save_cache() {
            eprintln!("rhizome-cli: note: the index could not be cached ({err:#})");
        }
    }
    Ok((vault, report))
}

fn run(cli: Cli) -> Result<u8, Failure> {
    match cli.command {
        Command::Stats { vault, json } => stats(&vault, json),
        Command::Check { vault, json } => check(&vault, json),
        Command::Backlinks { vault, note, json } => backlinks(&vault, &note, json),
        Command::Graph { vault, format, out, width, dark, labels } => {
            let (vault, _) = open(&vault)?;
            let bytes = match format {
                GraphFormat::Json => export::json(vault.index()).into_bytes(),
                GraphFormat::Dot => export::dot(vault.index()).into_bytes(),
                GraphFormat::Graphml => export::graphml(vault.index()).into_bytes(),
                GraphFormat::Svg => picture::graph_svg(vault.index(), width, dark, labels).into_bytes(),
                GraphFormat::Png => picture::png(&picture::graph_svg(vault.index(), width, dark, labels))
                    .map_err(|err| Failure { code: 2, message: format!("cannot draw the PNG: {err:#}") })?,
            };
            match out {
                Some(file) => std::fs::write(&file, bytes)
                    .map_err(|err| Failure { code: 2, message: format!("cannot write {}: {err}", file.display()) })?,
                None => print_bytes(&bytes)?,
            }
            Ok(0)
        }
        Command::Watch { vault } => watch(&vault),
        Command::Search(args) => search::search(&args),
        Command::Render { vault, note } => render(&vault, &note),
        Command::Rename { vault, note, to, dry_run } => rename(&vault, &note, &to, dry_run),
    }
}

/// Writes to stdout, treating a closed pipe (`| head`) as success.
pub(crate) fn print(text: &str) -> Result<(), Failure> {
    print_bytes(text.as_bytes())
}

fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

#[derive(Serialize)]
struct StatsJson {
    vault: String,
    #[serde(flatten)]
    stats: rhizome_core::Stats,
    elapsed_ms: f64,
    parsed: usize,
    from_cache: usize,
    problems: Vec<rhizome_fs::ScanProblem>,
    diagnostics: Vec<DiagnosticJson>,
    /// This process's peak resident memory so far, where the system says
    /// (Linux: VmHWM), in MB.
    #[serde(skip_serializing_if = "Option::is_none")]
    peak_rss_mb: Option<f64>,
}

/// Peak resident set of this process in MB, from /proc/self/status.
pub(crate) fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some((kb / 1024.0 * 10.0).round() / 10.0)
}

#[derive(Serialize)]
struct DiagnosticJson {
    path: String,
    code: rhizome_core::DiagnosticCode,
    message: String,
}

fn stats(args: &VaultArgs, json: bool) -> Result<u8, Failure> {
    let (vault, report) = open(args)?;
    let stats = vault.index().stats();
    let diagnostics: Vec<DiagnosticJson> = vault
        .diagnostics()
        .into_iter()
        .map(|(p, d)| DiagnosticJson { path: p.to_string(), code: d.code, message: d.message.clone() })
        .collect();
    let elapsed_ms = report.elapsed.as_secs_f64() * 1000.0;
    if json {
        let out = StatsJson {
            vault: vault.root().display().to_string(),
            stats,
            elapsed_ms: (elapsed_ms * 10.0).round() / 10.0,
            parsed: report.parsed,
            from_cache: report.from_cache,
            problems: vault.problems().to_vec(),
            diagnostics,
            peak_rss_mb: peak_rss_mb(),
        };
        print(&(serde_json::to_string_pretty(&out).expect("stats serialize") + "\n"))?;
        return Ok(0);
    }
    let mut text = format!(
        "{}\n  notes               {}\n  attachments         {}\n  links               {}\n  resolved            {}\n  unresolved          {}\n  unresolved targets  {}\n  ambiguous           {}\n  tags                {}\n  orphans             {}\n  indexed in          {:.1} ms ({} parsed, {} from cache)\n",
        vault.root().display(),
        stats.notes,
        stats.attachments,
        stats.links,
        stats.resolved,
        stats.unresolved,
        stats.unresolved_targets,
        stats.ambiguous,
        stats.tags,
        stats.orphans,
        elapsed_ms,
        report.parsed,
        report.from_cache,
    );
    for problem in vault.problems() {
        text.push_str(&format!("  skipped: {} {}\n", problem.path, problem.message));
    }
    for d in &diagnostics {
        text.push_str(&format!("  warning: {} {}\n", d.path, d.message));
    }
    print(&text)?;
    Ok(0)
}

fn check(args: &VaultArgs, json: bool) -> Result<u8, Failure> {
    let (vault, _) = open(args)?;
    let unresolved = vault.index().unresolved_links();
    if json {
        print(&(serde_json::to_string_pretty(&unresolved).expect("links serialize") + "\n"))?;
    } else {
        let text: String = unresolved.iter().map(|u| format!("{}:{}: {}\n", u.source, u.line, u.target)).collect();
        print(&text)?;
        eprintln!("{} unresolved link(s)", unresolved.len());
    }
    Ok(if unresolved.is_empty() { 0 } else { 1 })
}

#[derive(Serialize)]
struct BacklinksJson<'a> {
    note: String,
    linked: Vec<rhizome_fs::vault::BacklinkInContext>,
    unlinked: Vec<rhizome_core::Mention>,
    outgoing: Vec<OutgoingJson<'a>>,
}

#[derive(Serialize)]
struct OutgoingJson<'a> {
    line: u32,
    target: &'a str,
    resolved: rhizome_core::Resolved,
}

fn backlinks(args: &VaultArgs, name: &str, json: bool) -> Result<u8, Failure> {
    let (vault, _) = open(args)?;
    let Some(note) = vault.find_note(name) else {
        return Err(Failure::usage(format!("no note named {name:?} in {}", vault.root().display())));
    };
    let linked = vault.backlinks(&NodeKey::file(&note));
    let unlinked = vault.unlinked_mentions(&note);
    if json {
        let outgoing = vault
            .index()
            .links_of(&note)
            .into_iter()
            .map(|(l, r)| OutgoingJson { line: l.line, target: &l.target, resolved: r })
            .collect();
        let out = BacklinksJson { note: note.to_string(), linked, unlinked, outgoing };
        print(&(serde_json::to_string_pretty(&out).expect("backlinks serialize") + "\n"))?;
        return Ok(0);
    }
    let mut text = format!("{note}: {} linked mention(s)\n", linked.len());
    for b in &linked {
        text.push_str(&format!("  {}:{}: {}\n", b.backlink.source, b.backlink.link.line, b.context));
    }
    text.push_str(&format!("{} unlinked mention(s)\n", unlinked.len()));
    for m in &unlinked {
        text.push_str(&format!("  {}:{}: {}\n", m.source, m.line, m.context));
    }
    print(&text)?;
    Ok(0)
}

fn watch(args: &VaultArgs) -> Result<u8, Failure> {
    let (live, report) = LiveVault::open(&args.vault, options(args), |applied| {
        let line = serde_json::to_string(applied).expect("delta serializes");
        let mut out = std::io::stdout().lock();
        if writeln!(out, "{line}").and_then(|_| out.flush()).is_err() {
            std::process::exit(0); // the reader went away
        }
    })?;
    {
        let vault = live.vault().read().expect("vault lock");
        let stats = vault.index().stats();
        eprintln!(
            "watching {}: {} notes, {} links ({} unresolved), indexed in {:.0} ms. Ctrl+C stops.",
            vault.root().display(),
            stats.notes,
            stats.links,
            stats.unresolved,
            report.elapsed.as_secs_f64() * 1000.0
        );
    }
    loop {
        std::thread::park();
    }
}

fn render(args: &VaultArgs, name: &str) -> Result<u8, Failure> {
    let (vault, _) = open(args)?;
    let Some(note) = vault.find_note(name) else {
        return Err(Failure::usage(format!("no note named {name:?} in {}", vault.root().display())));
    };
    let parsed = vault.index().note(&note);
    if parsed.is_some_and(|n| n.diagnostics.iter().any(|d| d.code == rhizome_core::DiagnosticCode::Binary)) {
        eprintln!("rhizome-cli: {note} looks binary; the reader shows no content for it");
        return Ok(0);
    }
    let (text, _) = rhizome_fs::read::read_text(&vault.abs_path(&note))?;
    let text_of = |p: &rhizome_core::NotePath| vault.text_of(p);
    // The vault's reader settings, as the app uses them.
    let settings = rhizome_fs::vault_settings::SettingsStore::for_vault(vault.root()).load();
    let options = rhizome_render::RenderOptions {
        strict_line_breaks: settings.strict_line_breaks,
        external_images: settings.external_images,
        ..rhizome_render::RenderOptions::default()
    };
    let rendered = rhizome_render::render_note(vault.index(), &note, &text, &text_of, &options);
    print(&(rendered.html + "\n"))?;
    Ok(0)
}

fn rename(args: &VaultArgs, name: &str, to: &str, dry_run: bool) -> Result<u8, Failure> {
    let (vault, _) = open(args)?;
    let Some(old) = vault.find_note(name) else {
        return Err(Failure::usage(format!("no note named {name:?} in {}", vault.root().display())));
    };
    let new = rhizome_core::NotePath::new(to.trim_start_matches("./"))
        .filter(|p| p.kind() == old.kind())
        .ok_or_else(|| Failure::usage(format!("{to:?} is not a valid vault path for {old}")))?;
    if dry_run {
        for edit in vault.rename_edits(&old, &new) {
            print(&format!("{}:{}-{}: {}\n", edit.path, edit.start, edit.end, edit.replacement))?;
        }
        return Ok(0);
    }
    let rewritten = vault.rename_note(&old, &new)?;
    eprintln!("moved {old} to {new}; links rewritten in {} file(s)", rewritten.len());
    Ok(0)
}
