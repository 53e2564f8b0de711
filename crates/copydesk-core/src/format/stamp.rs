//! What a story's file was when Copydesk last read or wrote it, so that a change made by
//! someone else (a colleague on a shared folder, a `git pull`) is noticed before it is
//! overwritten.

use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{MAX_FILE_BYTES, read_capped};

/// The size, modification time and content hash of a file's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskStamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time, when the file system gives one.
    pub modified: Option<SystemTime>,
    /// SHA-256 of the bytes, in lowercase hex.
    pub sha256: String,
}

/// How a file stands against a [`DiskStamp`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskState {
    /// The same bytes (perhaps touched: the new stamp is given).
    Unchanged(DiskStamp),
    /// Other bytes: someone changed the file. The new bytes and their stamp.
    Changed(Vec<u8>, DiskStamp),
    /// No file there any more (deleted or renamed).
    Missing,
}

impl DiskStamp {
    /// The stamp of `bytes`, read from a file with metadata `meta`.
    pub fn of(bytes: &[u8], meta: Option<&fs::Metadata>) -> Self {
        DiskStamp {
            len: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            sha256: format!("{:x}", Sha256::digest(bytes)),
        }
    }

    /// The stamp of `len` bytes whose SHA-256 (lowercase hex) is `sha256`, read from or
    /// written to a file with metadata `meta`: for a caller that has hashed them already.
    pub fn of_hashed(len: usize, sha256: String, meta: Option<&fs::Metadata>) -> Self {
        DiskStamp {
            len: len as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            sha256,
        }
    }

    /// How the file at `path` stands against this stamp. Cheap when nothing changed: the size
    /// and time are compared first, and the file is read only when either differs.
    pub fn check(&self, path: &Path) -> io::Result<DiskState> {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(DiskState::Missing),
            Err(e) => return Err(e),
        };
        if meta.len() == self.len && meta.modified().ok() == self.modified {
            return Ok(DiskState::Unchanged(self.clone()));
        }
        if meta.len() > MAX_FILE_BYTES {
            let mut stamp = self.clone();
            stamp.len = meta.len();
            stamp.sha256 = String::new();
            return Ok(DiskState::Changed(Vec::new(), stamp));
        }
        let bytes = read_capped(path).map_err(|e| match e {
            super::LoadError::Io(e) => e,
            other => io::Error::other(other.to_string()),
        })?;
        let stamp = DiskStamp::of(&bytes, Some(&meta));
        if stamp.sha256 == self.sha256 {
            Ok(DiskState::Unchanged(stamp))
        } else {
            Ok(DiskState::Changed(bytes, stamp))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::format::{load_stamped, save_stamped};

    #[test]
    fn a_stamp_tells_unchanged_touched_changed_and_missing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        let stamp = save_stamped(&p, &Article::new()).unwrap();
        assert!(matches!(stamp.check(&p).unwrap(), DiskState::Unchanged(_)));
        let (_, loaded) = load_stamped(&p).unwrap();
        assert_eq!(loaded.sha256, stamp.sha256);
        // the same bytes written again: unchanged, whatever the time says
        let bytes = fs::read(&p).unwrap();
        fs::write(&p, &bytes).unwrap();
        assert!(matches!(stamp.check(&p).unwrap(), DiskState::Unchanged(_)));
        // other bytes
        fs::write(&p, b"{}").unwrap();
        match stamp.check(&p).unwrap() {
            DiskState::Changed(b, s) => {
                assert_eq!(b, b"{}");
                assert_ne!(s.sha256, stamp.sha256);
            }
            other => panic!("{other:?}"),
        }
        fs::remove_file(&p).unwrap();
        assert_eq!(stamp.check(&p).unwrap(), DiskState::Missing);
    }
}
