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
        Some(session) => serve(session.root(), request.uri().path()),
        None => status(StatusCode::NOT_FOUND),
    }
}

/// The response for `uri_path` (the URI's path, still percent-encoded) in
/// the vault at `root` (canonical).
pub fn serve(root: &Path, uri_path: &str) -> Response<Vec<u8>> {
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
    let Ok(bytes) = std::fs::read(&abs) else { return status(StatusCode::NOT_FOUND) };
    let mime = content_type(path.file_name());
    let mut response = Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, mime)
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
        .header(header::CACHE_CONTROL, "no-cache");
    if mime == "image/svg+xml" {
        // An SVG opened on its own must not run scripts.
        response =
            response.header(header::CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    }
    response.body(bytes).unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR))
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
