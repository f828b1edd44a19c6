//! The persisted index: parsed notes saved outside the vault, keyed by path,
//! size and modification time, so reopening a vault re-reads only files that
//! changed.
//!
//! The cache lives in the user's cache directory (`$XDG_CACHE_HOME/rhizome`,
//! or `RHIZOME_CACHE_DIR` when set), one file per vault. It is a hint, never
//! trusted: a file with the wrong magic, version, vault or checksum, or that
//! does not decode, is discarded and the vault is indexed from its files.

use crate::scan::FileStamp;
use anyhow::{bail, Context, Result};
use rhizome_core::{NotePath, ParsedNote};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"RHZIDX\0\0";
/// Bump whenever `ParsedNote`, `CacheEntry` or parsing rules change.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CacheEntry {
    pub path: NotePath,
    pub stamp: FileStamp,
    /// `None` for attachments.
    pub note: Option<ParsedNote>,
}

/// The same fields as [`CacheEntry`], borrowed, so saving copies nothing.
#[derive(Serialize)]
pub struct CacheEntryRef<'a> {
    pub path: &'a NotePath,
    pub stamp: FileStamp,
    pub note: Option<&'a ParsedNote>,
}

#[derive(Deserialize)]
struct CacheBody {
    vault: String,
    entries: Vec<CacheEntry>,
}

#[derive(Serialize)]
struct CacheBodyRef<'a> {
    vault: &'a str,
    entries: Vec<CacheEntryRef<'a>>,
}

/// Where the cache for the vault at `root` (canonical) lives.
pub fn cache_file(root: &Path) -> Option<PathBuf> {
    let dir = match std::env::var_os("RHIZOME_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::cache_dir()?.join("rhizome"),
    };
    let name = root.to_string_lossy();
    Some(dir.join(format!("index-{:016x}.bin", fnv1a(name.as_bytes()))))
}

/// Loads the cache for `root`. Any problem means "no cache".
pub fn load(file: &Path, root: &Path) -> Result<Vec<CacheEntry>> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    decode(&bytes, root)
}

fn decode(bytes: &[u8], root: &Path) -> Result<Vec<CacheEntry>> {
    if bytes.len() < 16 || &bytes[..8] != MAGIC {
        bail!("not a Rhizome index file");
    }
    let version = u32::from_le_bytes(bytes[8..12].try_into()?);
    if version != FORMAT_VERSION {
        bail!("index format {version}, expected {FORMAT_VERSION}");
    }
    let checksum = u32::from_le_bytes(bytes[12..16].try_into()?);
    let body = &bytes[16..];
    if crc32fast::hash(body) != checksum {
        bail!("index checksum mismatch");
    }
    let body: CacheBody = postcard::from_bytes(body).context("index does not decode")?;
    if body.vault != root.to_string_lossy() {
        bail!("index belongs to another vault ({})", body.vault);
    }
    Ok(body.entries)
}

fn encode(entries: Vec<CacheEntryRef<'_>>, root: &Path) -> Result<Vec<u8>> {
    let vault = root.to_string_lossy();
    let body = CacheBodyRef { vault: &vault, entries };
    let payload = postcard::to_stdvec(&body)?;
    let mut bytes = Vec::with_capacity(payload.len() + 16);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// Saves the cache atomically: a reader sees the old file or the new one.
pub fn save(file: &Path, root: &Path, entries: Vec<CacheEntryRef<'_>>) -> Result<()> {
    let bytes = encode(entries, root)?;
    let dir = file.parent().context("cache file has no folder")?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).with_context(|| format!("writing in {}", dir.display()))?;
    tmp.write_all(&bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(file).with_context(|| format!("replacing {}", file.display()))?;
    Ok(())
}

/// 64-bit FNV-1a: stable across runs and platforms (unlike `DefaultHasher`).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |hash, &b| (hash ^ b as u64).wrapping_mul(0x100000001b3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rhizome_core::parse_note;

    fn sample() -> Vec<CacheEntry> {
        vec![CacheEntry {
            path: NotePath::new("a/Note.md").unwrap(),
            stamp: FileStamp { size: 10, mtime_ns: 42 },
            note: Some(parse_note("# T\n[[Other]] #tag")),
        }]
    }

    fn encode(entries: Vec<CacheEntry>, root: &Path) -> Result<Vec<u8>> {
        let refs = entries.iter().map(|e| CacheEntryRef { path: &e.path, stamp: e.stamp, note: e.note.as_ref() });
        super::encode(refs.collect(), root)
    }

    #[test]
    fn round_trip() {
        let root = Path::new("/v");
        let entries = decode(&encode(sample(), root).unwrap(), root).unwrap();
        assert_eq!(entries[0].note, sample()[0].note);
        assert_eq!(entries[0].stamp, sample()[0].stamp);
    }

    #[test]
    fn corrupt_old_or_foreign_caches_are_refused() {
        let root = Path::new("/v");
        let good = encode(sample(), root).unwrap();
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0xff;
        assert!(decode(&flipped, root).is_err());
        assert!(decode(&good[..good.len() / 2], root).is_err());
        let mut old = good.clone();
        old[8] = 0;
        assert!(decode(&old, root).is_err());
        assert!(decode(b"garbage", root).is_err());
        assert!(decode(&good, Path::new("/other")).is_err());
    }
}
