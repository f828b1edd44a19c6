//! When a vault's files were made, for the graph's time-lapse: the file's
//! creation (birth) time, its modification time, and the date its front
//! matter gives in `created` or `date`. Which one counts is the graph's
//! choice (`rhizome_graph::timeline`); this only reads them.

use rhizome_core::NotePath;
use std::path::Path;
use std::time::SystemTime;

/// Milliseconds since the Unix epoch; None when unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileTimes {
    /// The file's birth time (`statx` on Linux; None where the file system keeps none).
    pub created: Option<i64>,
    /// The front matter's `created` (else `date`), read only when `created` is None.
    pub front_matter: Option<i64>,
    pub modified: Option<i64>,
}

/// How much of a note is read for its front matter.
const FRONT_MATTER_BYTES: usize = 16 * 1024;

/// The times of `path` in the vault at `root` (all None when it cannot be read).
pub fn file_times(root: &Path, path: &NotePath) -> FileTimes {
    let full = root.join(path.as_str());
    let Ok(meta) = std::fs::metadata(&full) else { return FileTimes::default() };
    let ms = |t: std::io::Result<SystemTime>| t.ok().and_then(epoch_ms);
    let created = ms(meta.created());
    let front_matter = if created.is_none() && path.as_str().to_lowercase().ends_with(".md") {
        read_head(&full).and_then(|text| front_matter_date(&text))
    } else {
        None
    };
    FileTimes { created, front_matter, modified: ms(meta.modified()) }
}

/// [`file_times`] of many files at once (in parallel); None paths (a node
/// with no file) get no times.
pub fn many_file_times(root: &Path, paths: &[Option<&NotePath>]) -> Vec<FileTimes> {
    use rayon::prelude::*;
    paths.par_iter().map(|p| p.map_or_else(FileTimes::default, |p| file_times(root, p))).collect()
}

fn epoch_ms(t: SystemTime) -> Option<i64> {
    match t.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).ok(),
        Err(before) => i64::try_from(before.duration().as_millis()).ok().map(|v| -v),
    }
}

fn read_head(full: &Path) -> Option<String> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(FRONT_MATTER_BYTES);
    std::fs::File::open(full).ok()?.take(FRONT_MATTER_BYTES as u64).read_to_end(&mut buf).ok()?;
    Some(String::from_utf8_lossy(&buf).into_owned())
}

/// The date in a note's front matter: its `created` field, else its `date`
/// (Obsidian users' usual names), as `YYYY-MM-DD`, optionally with a time
/// (`T` or a space, then `HH:MM[:SS]`), taken as UTC; quotes allowed.
pub fn front_matter_date(text: &str) -> Option<i64> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let (mut created, mut date) = (None, None);
    for line in lines {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            break;
        }
        let Some((key, value)) = line.split_once(':') else { continue };
        let slot = match key.trim() {
            "created" => &mut created,
            "date" => &mut date,
            _ => continue,
        };
        if slot.is_none() {
            *slot = parse_date(value);
        }
    }
    created.or(date)
}

fn parse_date(value: &str) -> Option<i64> {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    let v = v.strip_suffix('Z').unwrap_or(v);
    let civil = if v.len() <= 10 {
        v.parse::<jiff::civil::Date>().ok()?.to_datetime(jiff::civil::Time::midnight())
    } else {
        v.replacen(' ', "T", 1).parse::<jiff::civil::DateTime>().ok()?
    };
    Some(jiff::tz::TimeZone::UTC.to_timestamp(civil).ok()?.as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_dates() {
        assert_eq!(front_matter_date("---\ncreated: 1970-01-02\n---\nbody"), Some(86_400_000));
        assert_eq!(front_matter_date("---\ndate: \"2024-03-01 10:30\"\n---\n"), Some(1_709_289_000_000));
        // `created` wins over `date`, whatever their order.
        assert_eq!(
            front_matter_date("---\ndate: 2024-01-01\ncreated: 2023-01-01T00:00:00Z\n---\n"),
            Some(1_672_531_200_000)
        );
        assert_eq!(front_matter_date("---\ncreated: soon\ndate: 2000-01-01\n---\n"), Some(946_684_800_000));
        assert_eq!(front_matter_date("no front matter\ncreated: 2020-01-01"), None);
        assert_eq!(front_matter_date("---\ntitle: x\n---\ncreated: 2020-01-01"), None);
    }

    #[test]
    fn a_file_has_a_modification_time_and_maybe_a_birth_time() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ncreated: 2001-02-03\n---\n").unwrap();
        let times = file_times(dir.path(), &NotePath::new("a.md").unwrap());
        let now = epoch_ms(SystemTime::now()).unwrap();
        assert!(times.modified.is_some_and(|m| (now - m).abs() < 60_000), "{times:?}");
        // The front matter is read only where the file system keeps no birth time.
        match times.created {
            Some(c) => assert!((now - c).abs() < 60_000 && times.front_matter.is_none(), "{times:?}"),
            None => assert_eq!(times.front_matter, Some(981_158_400_000)),
        }
        assert_eq!(file_times(dir.path(), &NotePath::new("gone.md").unwrap()), FileTimes::default());
    }
}
