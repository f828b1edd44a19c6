//! Reading one vault file into what the core index wants: a parsed note with
//! diagnostics, or an attachment marker.
//!
//! Reading never fails: a file that cannot be read, is binary or is not UTF-8
//! still becomes a note, flagged with a diagnostic, so the rest of the vault
//! indexes and the person learns what is wrong. Nothing here writes.

use crate::folder::Folder;
use crate::scan::FileStamp;
use rhizome_core::{parse_note, Diagnostic, DiagnosticCode, FileContent, FileKind, NotePath, ParsedNote};
use std::io::Read;
use std::path::Path;

/// Notes larger than this are indexed but flagged: opening them may be slow.
pub const LARGE_NOTE_BYTES: u64 = 5 * 1024 * 1024;

/// Reads and parses the vault file `path` found at `abs`.
pub fn read_file(abs: &Path, path: &NotePath) -> FileContent {
    read_file_stamped(abs, path).0
}

/// Like [`read_file`], also returning the file's stamp, taken from the same
/// open handle (no second path lookup). A file that cannot be opened gets a
/// zero stamp, so it is read again next time.
pub fn read_file_stamped(abs: &Path, path: &NotePath) -> (FileContent, FileStamp) {
    read_with(|abs| std::fs::File::open(abs), abs, path)
}

/// Like [`read_file_stamped`], opening the file inside the folder handle
/// `folder` keeps: for reading many files, a folder's one after another.
pub fn read_file_in(folder: &mut Folder, abs: &Path, path: &NotePath) -> (FileContent, FileStamp) {
    read_with(|abs| folder.open(abs), abs, path)
}

fn read_with(
    open: impl FnOnce(&Path) -> std::io::Result<std::fs::File>,
    abs: &Path,
    path: &NotePath,
) -> (FileContent, FileStamp) {
    let zero = FileStamp { size: 0, mtime_ns: 0 };
    match path.kind() {
        FileKind::Attachment => {
            let stamp = std::fs::metadata(abs).map(|m| FileStamp::of(&m)).unwrap_or(zero);
            (FileContent::Attachment, stamp)
        }
        FileKind::Note => {
            let mut stamp = zero;
            let bytes = open(abs).and_then(|mut file| {
                let meta = file.metadata()?;
                stamp = FileStamp::of(&meta);
                read_sized(&mut file, meta.len() as usize)
            });
            (FileContent::Note(note_from(bytes)), stamp)
        }
    }
}

/// Reads all of `file`, `size` bytes as its metadata said a moment ago.
/// `File::read_to_end` would ask the file system for the size again (and
/// the position), two more system calls per file in a vault-wide read.
fn read_sized(file: &mut std::fs::File, size: usize) -> std::io::Result<Vec<u8>> {
    // One byte more than expected: a read that fills it means the file grew
    // since, and the rest is read the general way.
    let mut bytes = vec![0u8; size + 1];
    let mut filled = 0;
    loop {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                filled += n;
                if filled == bytes.len() {
                    file.read_to_end(&mut bytes)?;
                    return Ok(bytes);
                }
            }
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Reads a note's text the way the reader and editor see it: UTF-8, with
/// invalid bytes replaced. The second value says whether bytes were replaced.
pub fn read_text(abs: &Path) -> std::io::Result<(String, bool)> {
    let bytes = std::fs::read(abs)?;
    Ok(decode(bytes))
}

fn decode(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(err) => (String::from_utf8_lossy(err.as_bytes()).into_owned(), true),
    }
}

/// True when the bytes look like a binary file rather than text: a NUL byte
/// early on and many control characters around it.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    // The memchr crate's search: `<[u8]>::contains` is several times
    // slower, and nearly every note is searched to its end or 8 KiB.
    if memchr::memchr(0, head).is_none() {
        return false;
    }
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)).count();
    control * 10 > head.len()
}

fn note_from(bytes: std::io::Result<Vec<u8>>) -> ParsedNote {
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(err) => {
            return flagged(DiagnosticCode::Unreadable, format!("cannot be read: {err}"));
        }
    };
    if looks_binary(&bytes) {
        return flagged(
            DiagnosticCode::Binary,
            format!("looks like a binary file ({} bytes), not Markdown; it was not parsed", bytes.len()),
        );
    }
    let size = bytes.len() as u64;
    let (text, lossy) = decode(bytes);
    let mut note = parse_note(&text);
    if lossy {
        note.diagnostics.push(Diagnostic {
            code: DiagnosticCode::NotUtf8,
            message: "is not valid UTF-8; it was indexed with replacement characters and is shown read-only".into(),
        });
    }
    if size > LARGE_NOTE_BYTES {
        note.diagnostics.push(Diagnostic {
            code: DiagnosticCode::Large,
            message: format!("is large ({} MB); opening it may be slow", size / (1024 * 1024)),
        });
    }
    note
}

fn flagged(code: DiagnosticCode, message: String) -> ParsedNote {
    ParsedNote { diagnostics: vec![Diagnostic { code, message }], ..ParsedNote::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_grew_or_shrank_since_its_size_was_taken_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.md");
        let text: Vec<u8> = (0..20_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        std::fs::write(&path, &text).unwrap();
        for size in [0, 1, 100, 8191, 19_999, 20_000, 20_001, 50_000] {
            let mut file = std::fs::File::open(&path).unwrap();
            assert_eq!(read_sized(&mut file, size).unwrap(), text, "size {size}");
        }
    }

    #[test]
    fn binary_detection() {
        assert!(!looks_binary(b"plain text\n"));
        assert!(!looks_binary(b"text with one \0 NUL byte in a long enough line of ordinary words"));
        assert!(looks_binary(&[0u8, 1, 2, 3, 4, 5, 0, 0, 7, 8]));
    }
}
