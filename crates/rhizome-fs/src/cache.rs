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
use rayon::prelude::*;
use rhizome_core::{FileContent, NotePath, ParsedNote, Snapshot};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"RHZIDX\0\0";
/// Bump whenever `ParsedNote`, `CacheEntry`, the layout, the order (entries
/// are saved sorted by path) or parsing rules change. (6: the header holds
/// the excluded-files fingerprint.)
pub const FORMAT_VERSION: u32 = 6;

/// Entries per independently encoded chunk: chunks decode in parallel.
const CHUNK: usize = 2048;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CacheEntry {
    pub path: NotePath,
    pub stamp: FileStamp,
    /// `None` for attachments.
    pub note: Option<ParsedNote>,
}

impl CacheEntry {
    /// The file as the index takes it.
    pub fn into_file(self) -> (NotePath, FileContent) {
        (self.path, self.note.map(FileContent::Note).unwrap_or(FileContent::Attachment))
    }
}

/// The same fields as [`CacheEntry`], borrowed, so saving copies nothing.
#[derive(Serialize)]
pub struct CacheEntryRef<'a> {
    pub path: &'a NotePath,
    pub stamp: FileStamp,
    pub note: Option<&'a ParsedNote>,
}

/// The body starts with this header (its length first, as a little-endian
/// u32); the chunks it lists follow, each a postcard `Vec` of entries, then
/// the snapshot of how the entries' links resolved, when there is one.
#[derive(Serialize, Deserialize)]
struct Header {
    vault: String,
    /// Byte length of each chunk, in order.
    chunks: Vec<u32>,
    /// Byte length of the postcard [`Snapshot`]; 0 for none.
    snapshot: u32,
    /// [`crate::exclude::Exclusions::fingerprint`] of the patterns the saved
    /// files were scanned with.
    filter: u64,
}

/// What a cache file holds: the entries, sorted by path, and how their links
/// resolved when they were saved (valid only while every file is unchanged).
#[derive(Debug, Default)]
pub struct Loaded {
    pub entries: Vec<CacheEntry>,
    pub snapshot: Option<Snapshot>,
    /// The excluded-files fingerprint the entries were scanned with.
    pub filter: u64,
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
pub fn load(file: &Path, root: &Path) -> Result<Loaded> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    decode(&bytes, root)
}

fn decode(bytes: &[u8], root: &Path) -> Result<Loaded> {
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
    let (header, mut rest) = split_header(body)?;
    if header.vault != root.to_string_lossy() {
        bail!("index belongs to another vault ({})", header.vault);
    }
    let mut chunks = Vec::with_capacity(header.chunks.len());
    for &len in &header.chunks {
        let len = len as usize;
        if len > rest.len() {
            bail!("index is cut short");
        }
        let (chunk, tail) = rest.split_at(len);
        chunks.push(chunk);
        rest = tail;
    }
    if rest.len() != header.snapshot as usize {
        bail!("index has {} bytes after its entries, expected {}", rest.len(), header.snapshot);
    }
    let (decoded, snapshot) = rayon::join(
        || -> Vec<Result<Vec<CacheEntry>, postcard::Error>> {
            chunks.into_par_iter().map(postcard::from_bytes::<Vec<CacheEntry>>).collect()
        },
        || (!rest.is_empty()).then(|| postcard::from_bytes::<Snapshot>(rest)).transpose(),
    );
    let mut entries = Vec::with_capacity(decoded.iter().map(|c| c.as_ref().map_or(0, Vec::len)).sum());
    for chunk in decoded {
        entries.extend(chunk.context("index does not decode")?);
    }
    let snapshot = snapshot.context("index snapshot does not decode")?;
    Ok(Loaded { entries, snapshot, filter: header.filter })
}

fn split_header(body: &[u8]) -> Result<(Header, &[u8])> {
    let len = u32::from_le_bytes(body.get(..4).context("index is cut short")?.try_into()?) as usize;
    let header = body.get(4..4 + len).context("index is cut short")?;
    let header: Header = postcard::from_bytes(header).context("index header does not decode")?;
    Ok((header, &body[4 + len..]))
}

fn encode(entries: Vec<CacheEntryRef<'_>>, snapshot: Option<&Snapshot>, root: &Path, filter: u64) -> Result<Vec<u8>> {
    let chunks: Vec<Vec<u8>> = entries.par_chunks(CHUNK).map(postcard::to_stdvec).collect::<Result<_, _>>()?;
    let snapshot = snapshot.map(postcard::to_stdvec).transpose()?.unwrap_or_default();
    let lengths = chunks.iter().map(|c| c.len() as u32).collect();
    let vault = root.to_string_lossy().into_owned();
    let header = postcard::to_stdvec(&Header { vault, chunks: lengths, snapshot: snapshot.len() as u32, filter })?;
    let mut payload =
        Vec::with_capacity(4 + header.len() + chunks.iter().map(Vec::len).sum::<usize>() + snapshot.len());
    payload.extend_from_slice(&(header.len() as u32).to_le_bytes());
    payload.extend_from_slice(&header);
    chunks.iter().for_each(|c| payload.extend_from_slice(c));
    payload.extend_from_slice(&snapshot);
    let mut bytes = Vec::with_capacity(payload.len() + 16);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// Saves the cache atomically: a reader sees the old file or the new one.
/// `entries` must be sorted by path; `snapshot`, when given, taken with them;
/// `filter` is the excluded-files fingerprint they were scanned with.
pub fn save(
    file: &Path,
    root: &Path,
    entries: Vec<CacheEntryRef<'_>>,
    snapshot: Option<&Snapshot>,
    filter: u64,
) -> Result<()> {
    let bytes = encode(entries, snapshot, root, filter)?;
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
        super::encode(refs.collect(), None, root, 7)
    }

    #[test]
    fn round_trip() {
        let root = Path::new("/v");
        let loaded = decode(&encode(sample(), root).unwrap(), root).unwrap();
        assert_eq!(loaded.filter, 7);
        let entries = loaded.entries;
        assert_eq!(entries[0].note, sample()[0].note);
        assert_eq!(entries[0].stamp, sample()[0].stamp);
    }

    #[test]
    fn many_chunks_round_trip_in_order() {
        let root = Path::new("/v");
        let entries: Vec<CacheEntry> = (0..CHUNK * 2 + 7)
            .map(|i| CacheEntry {
                path: NotePath::new(&format!("n{i}.md")).unwrap(),
                stamp: FileStamp { size: i as u64, mtime_ns: 1 },
                note: (i % 3 != 0).then(|| parse_note(&format!("[[Note {i}]]"))),
            })
            .collect();
        let decoded = decode(&encode(entries.clone(), root).unwrap(), root).unwrap().entries;
        assert_eq!(decoded.len(), entries.len());
        for (a, b) in decoded.iter().zip(&entries) {
            assert_eq!((&a.path, a.stamp, &a.note), (&b.path, b.stamp, &b.note));
        }
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
