//! Excluded files: the person's patterns (Settings → Files and links →
//! Excluded files, or Obsidian's `userIgnoreFilters` in `.obsidian/app.json`)
//! that keep files out of the vault. The scan and the watcher's updates both
//! ask [`Exclusions::excludes`], so an excluded file never enters the index:
//! the file tree, search, the quick switcher, the graph, backlinks and the
//! CLI all see the same vault.
//!
//! A pattern is one of:
//! - `/regex/`: a regular expression tested against the vault path (Obsidian
//!   writes regex filters this way);
//! - a glob when it holds `*`, `?`, `[` or `{` (`*` stays inside one folder,
//!   `**` crosses folders; `*.pdf` matches at any depth): the path, or any of
//!   its folders, matches;
//! - otherwise a path prefix, as Obsidian matches its plain filters
//!   (`Templates/` excludes that folder, `README.md` that file, `Archive`
//!   both `Archive/…` and `Archive 2020.md`).
//!
//! Obsidian itself only hides excluded files from search, the graph and
//! unlinked mentions ("Settings" help page, "Excluded files"); Rhizome keeps
//! them out of every view, as its issue asks, so one answer holds everywhere.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use regex::Regex;

/// Compiled exclusion patterns. Empty by default: nothing is excluded.
#[derive(Clone, Debug, Default)]
pub struct Exclusions {
    patterns: Vec<String>,
    prefixes: Vec<String>,
    globs: Option<GlobSet>,
    regexes: Vec<Regex>,
}

/// A pattern that could not be compiled, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadPattern {
    pub pattern: String,
    pub message: String,
}

impl Exclusions {
    /// Compiles `patterns`; blank ones are skipped and broken ones are
    /// returned beside the rest (which still apply).
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> (Exclusions, Vec<BadPattern>) {
        let mut out = Exclusions::default();
        let mut bad = Vec::new();
        let mut globs = GlobSetBuilder::new();
        let mut any_glob = false;
        for raw in patterns {
            let pattern = raw.as_ref().trim();
            if pattern.is_empty() {
                continue;
            }
            out.patterns.push(pattern.to_string());
            if pattern.len() >= 2 && pattern.starts_with('/') && pattern.ends_with('/') {
                match Regex::new(&pattern[1..pattern.len() - 1]) {
                    Ok(re) => out.regexes.push(re),
                    Err(err) => bad.push(BadPattern { pattern: pattern.into(), message: err.to_string() }),
                }
            } else if pattern.contains(['*', '?', '[', '{']) {
                let pattern = pattern.trim_start_matches("./").trim_start_matches('/').trim_end_matches('/');
                // A glob without a folder matches a name at any depth, as in .gitignore.
                let full = if pattern.contains('/') { pattern.to_string() } else { format!("**/{pattern}") };
                match GlobBuilder::new(&full).literal_separator(true).build() {
                    Ok(glob) => {
                        globs.add(glob);
                        any_glob = true;
                    }
                    Err(err) => bad.push(BadPattern { pattern: pattern.into(), message: err.kind().to_string() }),
                }
            } else {
                out.prefixes.push(pattern.trim_start_matches("./").trim_start_matches('/').to_string());
            }
        }
        if any_glob {
            match globs.build() {
                Ok(set) => out.globs = Some(set),
                Err(err) => bad.push(BadPattern { pattern: String::new(), message: err.to_string() }),
            }
        }
        (out, bad)
    }

    /// The patterns as given (trimmed, blanks left out).
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// True when the vault path `relative` (a file or a folder, `/`
    /// separated, no leading slash) is excluded.
    pub fn excludes(&self, relative: &str) -> bool {
        if self.patterns.is_empty() {
            return false;
        }
        if self.prefixes.iter().any(|p| relative.starts_with(p.as_str())) {
            return true;
        }
        if self.regexes.iter().any(|re| re.is_match(relative)) {
            return true;
        }
        if let Some(globs) = &self.globs {
            // The path itself, then each folder it lies in: a glob naming a
            // folder excludes everything inside it.
            if globs.is_match(relative) {
                return true;
            }
            let mut end = relative.len();
            while let Some(slash) = relative[..end].rfind('/') {
                if globs.is_match(&relative[..slash]) {
                    return true;
                }
                end = slash;
            }
        }
        false
    }

    /// True when the folder `relative` is excluded: by a pattern naming it
    /// or one naming it with its slash (Obsidian's `Archive/`).
    pub fn excludes_folder(&self, relative: &str) -> bool {
        !self.patterns.is_empty() && (self.excludes(relative) || self.excludes(&format!("{relative}/")))
    }

    /// A number that changes when the patterns do (kept with the persisted
    /// index, which holds only the files these patterns let in).
    pub fn fingerprint(&self) -> u64 {
        let joined = self.patterns.join("\n");
        crate::cache::fnv1a(joined.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(patterns: &[&str]) -> Exclusions {
        let (ex, bad) = Exclusions::new(patterns);
        assert!(bad.is_empty(), "{bad:?}");
        ex
    }

    #[test]
    fn nothing_is_excluded_by_default() {
        let none = Exclusions::default();
        assert!(!none.excludes("a.md") && !none.excludes("Templates/Daily.md"));
        assert!(ex(&["", "  "]).is_empty());
    }

    #[test]
    fn plain_patterns_are_path_prefixes_as_in_obsidian() {
        let e = ex(&["Templates/", "README.md", "Archive"]);
        assert!(e.excludes("Templates/Daily.md"));
        assert!(e.excludes("Templates/deep/x.png"));
        assert!(!e.excludes("Templates.md"), "the slash makes it a folder");
        assert!(!e.excludes("notes/Templates/x.md"), "a prefix is anchored at the vault root");
        assert!(e.excludes("README.md"));
        assert!(!e.excludes("docs/README.md"));
        assert!(e.excludes("Archive/2020.md") && e.excludes("Archive 2020.md"));
        assert!(!e.excludes("archive/2020.md"), "prefixes are case-sensitive, as in Obsidian");
    }

    #[test]
    fn globs_match_files_and_everything_in_matching_folders() {
        let e = ex(&["*.pdf", "private/**", "drafts/*.md", "**/_build", "journal/20[0-1]?/*"]);
        assert!(e.excludes("a.pdf") && e.excludes("deep/in/b.pdf"));
        assert!(!e.excludes("a.pdf.md"));
        assert!(e.excludes("private/x.md") && e.excludes("private/a/b.md"));
        assert!(e.excludes("drafts/one.md"));
        assert!(!e.excludes("drafts/sub/one.md"), "* stays inside one folder");
        assert!(e.excludes("x/_build/out.md"), "a folder glob excludes the folder's contents");
        assert!(e.excludes("journal/2015/day.md"));
        assert!(!e.excludes("journal/2021/day.md"));
    }

    #[test]
    fn regex_patterns_between_slashes() {
        let e = ex(&["/^Daily/\\d{4}-/", "/(?i)secret/"]);
        assert!(e.excludes("Daily/2024-01-01.md"));
        assert!(!e.excludes("Daily/notes.md"));
        assert!(e.excludes("a/Top SECRET.md"));
    }

    #[test]
    fn broken_patterns_are_reported_and_the_rest_still_apply() {
        let (e, bad) = Exclusions::new(&["/([/", "a/[b", "keep/"]);
        assert_eq!(bad.len(), 2, "{bad:?}");
        assert!(e.excludes("keep/x.md"));
        assert!(!e.excludes("a/b.md"));
    }

    #[test]
    fn the_fingerprint_follows_the_patterns() {
        assert_eq!(ex(&["a/", "b"]).fingerprint(), ex(&[" a/", "b "]).fingerprint());
        assert_ne!(ex(&["a/"]).fingerprint(), ex(&["b/"]).fingerprint());
        assert_ne!(Exclusions::default().fingerprint(), ex(&["a/"]).fingerprint());
    }
}
