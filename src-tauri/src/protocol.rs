//! The `vault:` URI scheme: `vault://localhost/<percent-encoded vault path>`
//! serves an attachment's bytes to the webview (images, audio, video, PDFs
//! embedded in notes). Only attachments inside the open vault are served:
//! hidden and ignored folders, notes, anything a symlink leads out of the
//! vault, and unknown paths answer with an error status and no body.

use crate::state::AppState;
use crate::validate::{disk_path, vault_path};
use percent_encoding::percent_decode_str;
use rhizome_core::FileKind;
use std::path::Path;
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{AppHandle, Manager};

/// The scheme name, as rhizome-render writes it into `src` attributes.
pub const SCHEME: &str = "vault";

pub fn handle(app: &AppHandle, request: &Request<Vec<u8>>) -> Response<Vec<u8>> {
    match app.state::<AppState>().current() {
        Some(session) => {
            let range = request.headers().get(header::RANGE).and_then(|v| v.to_str().ok());
            serve_range(session.root(), request.uri().path(), range)
        }
        None => status(StatusCode::NOT_FOUND),
    }
}

/// The response for `uri_path` (the URI's path, still percent-encoded) in
/// the vault at `root` (canonical).
pub fn serve(root: &Path, uri_path: &str) -> Response<Vec<u8>> {
    serve_range(root, uri_path, None)
}

/// [`serve`], honouring a `Range: bytes=…` request (one range) with `206
/// Partial Content`: the webview's media player asks for parts of audio and
/// video files to start and to seek, and large files are never read whole.
pub fn serve_range(root: &Path, uri_path: &str, range: Option<&str>) -> Response<Vec<u8>> {
    let Ok(decoded) = percent_decode_str(uri_path.trim_start_matches('/')).decode_utf8() else {
        return status(StatusCode::BAD_REQUEST);
    };
    let Ok(path) = vault_path(&decoded) else { return status(StatusCode::FORBIDDEN) };
    if path.kind() != FileKind::Attachment {
        return status(StatusCode::NOT_FOUND);
    }
    let Ok(abs) = disk_path(root, &path) else { return status(StatusCode::FORBIDDEN) };
    if !abs.is_file() {
        return status(StatusCode::NOT_FOUND);
    }
    let Ok(len) = abs.metadata().map(|m| m.len()) else { return status(StatusCode::NOT_FOUND) };
    let wanted = match range.map(|r| byte_range(r, len)) {
        Some(Some(wanted)) => Some(wanted),
        Some(None) => {
            let mut response = status(StatusCode::RANGE_NOT_SATISFIABLE);
            if let Ok(value) = format!("bytes */{len}").parse() {
                response.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            return response;
        }
        None => None,
    };
    let bytes = match &wanted {
        Some((start, end)) => read_part(&abs, *start, end - start + 1),
        None => std::fs::read(&abs).ok(),
    };
    let Some(bytes) = bytes else { return status(StatusCode::NOT_FOUND) };
    let mime = content_type(path.file_name());
    let mut response = Response::builder()
        .status(if wanted.is_some() { StatusCode::PARTIAL_CONTENT } else { StatusCode::OK })
        .header(header::CONTENT_TYPE, mime)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::ACCEPT_RANGES, "bytes")
        // pdf.js fetches PDFs from the app's page (another origin than vault:).
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    if let Some((start, end)) = wanted {
        response = response.header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}"));
    }
    if mime == "image/svg+xml" {
        // An SVG opened on its own must not run scripts.
        response =
            response.header(header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    }
    response.body(bytes).unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR))
}

/// The inclusive byte range `bytes=a-b`, `bytes=a-` or `bytes=-n` asks for
/// in a file of `len` bytes; `None` when it is not satisfiable or not one
/// range.
fn byte_range(header: &str, len: u64) -> Option<(u64, u64)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') || len == 0 {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let (first, last) = (first.trim(), last.trim());
    let (start, end) = if first.is_empty() {
        let suffix: u64 = last.parse().ok()?;
        (len.saturating_sub(suffix), len - 1)
    } else {
        let start: u64 = first.parse().ok()?;
        let end = if last.is_empty() { len - 1 } else { last.parse::<u64>().ok()?.min(len - 1) };
        (start, end)
    };
    (start <= end && start < len).then_some((start, end))
}

/// `count` bytes of the file at `abs` from `start`.
fn read_part(abs: &Path, start: u64, count: u64) -> Option<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(abs).ok()?;
    file.seek(SeekFrom::Start(start)).ok()?;
    let mut bytes = Vec::with_capacity(count as usize);
    file.take(count).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    let mut response = Response::new(Vec::new());
    *response.status_mut() = code;
    response
}

/// The Content-Type for a file name, by extension (any case).
pub fn content_type(file_name: &str) -> &'static str {
    let ext = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "ico" => "image/x-icon",
        "svg" => "image/svg+xml",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "ogg" | "oga" => "audio/ogg",
        "m4a" => "audio/mp4",
        "flac" => "audio/flac",
        "webm" => "video/webm",
        "mp4" | "m4v" => "video/mp4",
        "ogv" => "video/ogg",
        "mov" => "video/quicktime",
        "mkv" => "video/x-matroska",
        "3gp" => "audio/3gpp",
        "pdf" => "application/pdf",
        "txt" | "csv" => "text/plain; charset=utf-8",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(content_type("a.PNG"), "image/png");
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
        assert_eq!(content_type("clip.webm"), "video/webm");
        assert_eq!(content_type("noext"), "application/octet-stream");
        assert_eq!(content_type("page.html"), "application/octet-stream");
    }

    #[test]
    fn byte_ranges() {
        assert_eq!(byte_range("bytes=0-99", 1000), Some((0, 99)));
        assert_eq!(byte_range("bytes=900-", 1000), Some((900, 999)));
        assert_eq!(byte_range("bytes=-100", 1000), Some((900, 999)));
        assert_eq!(byte_range("bytes=500-5000", 1000), Some((500, 999)));
        for bad in ["bytes=1000-", "bytes=5-2", "bytes=0-1,4-5", "items=0-1", "bytes=x-1", "bytes=0-1"] {
            let len = if bad == "bytes=0-1" { 0 } else { 1000 };
            assert_eq!(byte_range(bad, len), None, "{bad}");
        }
    }

    #[test]
    fn serves_parts_of_media_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("clip.mp4"), b"0123456789").unwrap();
        let part = serve_range(&root, "/clip.mp4", Some("bytes=2-5"));
        assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(part.body(), b"2345");
        assert_eq!(part.headers()[header::CONTENT_RANGE], "bytes 2-5/10");
        assert_eq!(part.headers()[header::CONTENT_TYPE], "video/mp4");
        let whole = serve_range(&root, "/clip.mp4", None);
        assert_eq!(whole.status(), StatusCode::OK);
        assert_eq!(whole.headers()[header::ACCEPT_RANGES], "bytes");
        assert_eq!(serve_range(&root, "/clip.mp4", Some("bytes=20-")).status(), StatusCode::RANGE_NOT_SATISFIABLE);
    }

    #[test]
    fn serves_attachments_inside_the_vault_only() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("Attachments")).unwrap();
        std::fs::create_dir_all(root.join(".obsidian")).unwrap();
        std::fs::write(root.join("Attachments/my logo.svg"), "<svg/>").unwrap();
        std::fs::write(root.join(".obsidian/x.png"), "x").unwrap();
        std::fs::write(root.join("note.md"), "text").unwrap();
        std::fs::write(outside.path().join("secret.png"), "s").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.png"), root.join("leak.png")).unwrap();

        let ok = serve(&root, "/Attachments/my%20logo.svg");
        assert_eq!(ok.status(), StatusCode::OK);
        assert_eq!(ok.body(), b"<svg/>");
        assert_eq!(ok.headers()[header::CONTENT_TYPE], "image/svg+xml");
        assert!(ok.headers().contains_key(header::CONTENT_SECURITY_POLICY));
        for (uri, code) in [
            ("/Attachments/missing.png", StatusCode::NOT_FOUND),
            ("/note.md", StatusCode::NOT_FOUND),
            ("/Attachments", StatusCode::NOT_FOUND),
            ("/.obsidian/x.png", StatusCode::FORBIDDEN),
            ("/..%2Fsecret.png", StatusCode::FORBIDDEN),
            ("/%2Fetc%2Fpasswd", StatusCode::FORBIDDEN),
            ("/leak.png", StatusCode::FORBIDDEN),
            ("/bad%ff.png", StatusCode::BAD_REQUEST),
        ] {
            let response = serve(&root, uri);
            assert_eq!(response.status(), code, "{uri}");
            assert!(response.body().is_empty(), "{uri}");
        }
    }
}
