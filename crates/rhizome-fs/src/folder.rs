//! Opening and stat-ing vault files by name inside their folder's handle.
//!
//! Opening or stat-ing a file by its absolute path makes the kernel walk
//! every folder of the path again: for a 100k-note vault that walk was the
//! largest cost of a stat scan, and a tenth of a cold index's CPU time went
//! to opening files. The walk and the read visit a folder's files one after
//! another on one thread, so each walker and read task keeps a handle of
//! the last folder it saw ([`Folder`]) and names files inside it (`openat`,
//! `fstatat`). The handle closes with its task: none outlives a walk or a
//! read (an open handle would keep a removable drive busy).
//!
//! Only on Linux; elsewhere, and for anything unusual (a folder that cannot
//! be opened, a name with a NUL byte), callers fall back to the path.

use crate::scan::FileStamp;
use std::path::Path;

/// The last folder a task opened files in; its handle closes on drop.
#[derive(Default)]
pub struct Folder {
    #[cfg(target_os = "linux")]
    inner: linux::Folder,
}

impl Folder {
    /// Opens `abs` for reading, following a symlink as `File::open` does.
    pub fn open(&mut self, abs: &Path) -> std::io::Result<std::fs::File> {
        #[cfg(target_os = "linux")]
        if let Some(opened) = self.inner.open(abs) {
            return opened;
        }
        std::fs::File::open(abs)
    }

    /// The stamp of `abs` itself (a symlink is not followed); `None` when
    /// the caller should stat by path instead.
    pub fn stamp(&mut self, abs: &Path) -> Option<std::io::Result<FileStamp>> {
        #[cfg(target_os = "linux")]
        return self.inner.stamp(abs);
        #[cfg(not(target_os = "linux"))]
        {
            let _ = abs;
            None
        }
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use super::FileStamp;
    use std::ffi::CStr;
    use std::os::fd::{AsRawFd, FromRawFd};
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::OpenOptionsExt;
    use std::path::{Path, PathBuf};

    #[derive(Default)]
    pub struct Folder {
        pub(super) path: PathBuf,
        handle: Option<std::fs::File>,
        /// The file name being asked about, NUL-terminated.
        name: Vec<u8>,
    }

    impl Folder {
        /// The folder's handle and the file's name as a C string; `None`
        /// when the folder cannot be opened.
        fn enter(&mut self, abs: &Path) -> Option<(i32, &CStr)> {
            let (parent, name) = (abs.parent()?, abs.file_name()?);
            if self.handle.is_none() || self.path != parent {
                self.handle = None;
                let handle = std::fs::OpenOptions::new()
                    .read(true)
                    .custom_flags(libc::O_PATH | libc::O_DIRECTORY | libc::O_CLOEXEC)
                    .open(parent)
                    .ok()?;
                self.path = parent.to_path_buf();
                self.handle = Some(handle);
            }
            self.name.clear();
            self.name.extend_from_slice(name.as_bytes());
            self.name.push(0);
            let name = CStr::from_bytes_with_nul(&self.name).ok()?;
            Some((self.handle.as_ref()?.as_raw_fd(), name))
        }

        pub fn open(&mut self, abs: &Path) -> Option<std::io::Result<std::fs::File>> {
            let (folder, name) = self.enter(abs)?;
            // SAFETY: `folder` is an open folder handle and `name` a
            // NUL-terminated string; a returned descriptor is ours alone.
            let fd = unsafe { libc::openat(folder, name.as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC) };
            if fd < 0 {
                return Some(Err(std::io::Error::last_os_error()));
            }
            // SAFETY: `fd` was just opened and is owned by nothing else.
            Some(Ok(unsafe { std::fs::File::from_raw_fd(fd) }))
        }

        pub fn stamp(&mut self, abs: &Path) -> Option<std::io::Result<FileStamp>> {
            let (folder, name) = self.enter(abs)?;
            // SAFETY: a zeroed `stat` is a valid value; fstatat only writes
            // the struct we own.
            let mut stat: libc::stat = unsafe { std::mem::zeroed() };
            if unsafe { libc::fstatat(folder, name.as_ptr(), &mut stat, libc::AT_SYMLINK_NOFOLLOW) } != 0 {
                return Some(Err(std::io::Error::last_os_error()));
            }
            // As `FileStamp::of` computes it: nanoseconds since the epoch,
            // 0 before it.
            let mtime_ns = match u64::try_from(stat.st_mtime) {
                Ok(secs) => secs * 1_000_000_000 + stat.st_mtime_nsec as u64,
                Err(_) => 0,
            };
            Some(Ok(FileStamp { size: stat.st_size as u64, mtime_ns }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name is opened and stat-ed through the folder handle (the
    /// Linux path is asserted taken, not just tolerated), and gives what
    /// opening and stat-ing by path gives.
    #[test]
    #[cfg(target_os = "linux")]
    fn files_opened_and_stamped_in_their_folder_are_the_files_at_their_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        let names = ["top.md", "a/one.md", "a/b/two.md", "a/odd name #1.md", "a/b/three.png"];
        for (at, name) in names.iter().enumerate() {
            std::fs::write(root.join(name), format!("file {at}")).unwrap();
        }
        let old = std::fs::File::options().write(true).open(root.join("a/one.md")).unwrap();
        old.set_modified(std::time::UNIX_EPOCH + std::time::Duration::new(1_000_000_000, 123_456_789)).unwrap();
        std::os::unix::fs::symlink(root.join("a/b/two.md"), root.join("a/link.md")).unwrap();
        let mut folder = Folder::default();
        // Twice round, so that folders are entered again after others.
        for name in names.iter().chain(&names).chain(&["a/link.md"]) {
            let abs = root.join(name);
            let mut text = String::new();
            let opened = folder.inner.open(&abs).expect("opened through the folder handle, not by path");
            std::io::Read::read_to_string(&mut opened.unwrap(), &mut text).unwrap();
            assert_eq!(text, std::fs::read_to_string(&abs).unwrap(), "{name}");
            assert_eq!(folder.inner.path, abs.parent().unwrap(), "{name}: the handle is the file's folder");
            let stamp = folder.stamp(&abs).expect("stat-ed through the folder handle, not by path");
            let meta = std::fs::symlink_metadata(&abs).unwrap();
            assert_eq!(stamp.unwrap(), FileStamp::of(&meta), "{name}");
            let mut public = String::new();
            std::io::Read::read_to_string(&mut folder.open(&abs).unwrap(), &mut public).unwrap();
            assert_eq!(public, text, "{name}");
        }
        let missing = root.join("a/missing.md");
        let missing_open =
            folder.inner.open(&missing).expect("a missing file in an open folder is asked of the handle");
        assert_eq!(missing_open.unwrap_err().kind(), std::io::ErrorKind::NotFound);
        assert_eq!(folder.open(&missing).unwrap_err().kind(), std::io::ErrorKind::NotFound);
        assert!(folder.stamp(&missing).expect("asked of the handle").is_err());
        // A folder that does not exist has no handle: the caller falls back.
        assert!(folder.inner.open(&root.join("gone/x.md")).is_none());
        assert!(folder.open(&root.join("gone/x.md")).is_err());
    }
}
