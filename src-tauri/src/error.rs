//! The one error type commands return: `{code, message}` on the wire, where
//! `code` is a stable snake_case identifier the UI can switch on and
//! `message` is a sentence for a person.

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// Why a command failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The vault folder does not exist or is not a folder.
    VaultNotFound,
    /// The vault folder exists but cannot be read or watched.
    VaultUnreadable,
    /// No vault is open yet: call `open_vault` first.
    NoVault,
    /// No note, attachment or folder at that path.
    NoteNotFound,
    /// The path leaves the vault (`..`, absolute) or lies in a hidden or ignored folder.
    OutsideVault,
    /// The note changed on disk in a way that makes the request stale.
    Conflict,
    /// The path or name is not allowed (empty, backslash, NUL, `:|#^[]` in a name, wrong extension).
    InvalidName,
    /// Something already exists at the destination.
    AlreadyExists,
    /// The note cannot be edited by Rhizome (not valid UTF-8, or binary).
    ReadOnly,
    /// A range does not select text in the note.
    InvalidRange,
    /// Only http, https and mailto URLs are opened.
    InvalidUrl,
    /// The file system refused; the message says why.
    Io,
}

/// A failed command, as the webview receives it (the rejected promise's value).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

pub type IpcResult<T> = Result<T, IpcError>;

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> IpcError {
        IpcError { code, message: message.into() }
    }

    /// An I/O failure, with the whole cause chain in the message.
    pub fn io(context: impl fmt::Display, err: impl Into<anyhow::Error>) -> IpcError {
        IpcError::new(ErrorCode::Io, format!("{context}: {:#}", err.into()))
    }

    pub fn not_found(path: impl fmt::Display) -> IpcError {
        IpcError::new(ErrorCode::NoteNotFound, format!("{path} is not in the vault"))
    }

    pub fn no_vault() -> IpcError {
        IpcError::new(ErrorCode::NoVault, "no vault is open")
    }
}

impl fmt::Display for IpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}

impl std::error::Error for IpcError {}

impl From<rhizome_query::MentionError> for IpcError {
    fn from(err: rhizome_query::MentionError) -> Self {
        let code = match err {
            rhizome_query::MentionError::BadRange => ErrorCode::InvalidRange,
            rhizome_query::MentionError::Changed { .. } => ErrorCode::Conflict,
        };
        IpcError::new(code, err.to_string())
    }
}

/// Maps a failure to open a vault folder. The folder is checked before the
/// engine opens it, so the engine's own error is a read or watch failure.
pub fn vault_open_error(root: &std::path::Path, err: &std::io::Error) -> IpcError {
    match err.kind() {
        std::io::ErrorKind::NotFound => {
            IpcError::new(ErrorCode::VaultNotFound, format!("vault folder {} does not exist", root.display()))
        }
        std::io::ErrorKind::NotADirectory => {
            IpcError::new(ErrorCode::VaultNotFound, format!("{} is not a folder", root.display()))
        }
        _ => {
            IpcError::new(ErrorCode::VaultUnreadable, format!("vault folder {} cannot be read: {err}", root.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let err = IpcError::new(ErrorCode::OutsideVault, "nope");
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json, serde_json::json!({"code": "outside_vault", "message": "nope"}));
        let json = serde_json::to_value(IpcError::no_vault()).unwrap();
        assert_eq!(json["code"], "no_vault");
    }

    #[test]
    fn io_errors_keep_their_cause() {
        let cause = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let err = IpcError::io("writing a.md", cause);
        assert_eq!(err.code, ErrorCode::Io);
        assert_eq!(err.message, "writing a.md: denied");
    }

    #[test]
    fn vault_open_errors() {
        let root = std::path::Path::new("/x");
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(vault_open_error(root, &missing).code, ErrorCode::VaultNotFound);
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(vault_open_error(root, &denied).code, ErrorCode::VaultUnreadable);
    }

    #[test]
    fn mention_errors() {
        assert_eq!(IpcError::from(rhizome_query::MentionError::BadRange).code, ErrorCode::InvalidRange);
        let changed = rhizome_query::MentionError::Changed { found: "x".into() };
        assert_eq!(IpcError::from(changed).code, ErrorCode::Conflict);
    }
}
