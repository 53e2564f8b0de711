//! Writing a file so that it is either the old file or the new one, never half of each.
//!
//! The bytes go to a temporary file in the same folder (a rename is only atomic within one
//! file system), which is flushed and synced to disk, then renamed over the target. If any
//! step fails the temporary file is removed and the target is untouched.
//!
//! A new file gets the permissions any editor gives it (`0666` less the user's umask, so
//! colleagues on a shared folder can read it); an existing file keeps its own. A process
//! killed between creating the temporary file and renaming it leaves the temporary file
//! behind: it is named `.NAME.copydesk-XXXXXX.tmp`, and the next write into that folder
//! removes such files once they are [`STALE_AFTER`] old.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// What our temporary files' names hold between the target's name and the random part.
const TEMP_MARK: &str = ".copydesk-";
/// The end of our temporary files' names.
const TEMP_SUFFIX: &str = ".tmp";
/// How many random characters a temporary file's name has.
const TEMP_RANDOM: usize = 6;
/// A temporary file of ours older than this was left by a write that never finished: no
/// write takes minutes, so it is safe to remove.
pub const STALE_AFTER: Duration = Duration::from_secs(5 * 60);

/// Writes `bytes` to `path` atomically. A symbolic link at `path` is followed, so the file it
/// points to is replaced and the link kept; an existing file's permissions are kept.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_with(path, |file| file.write_all(bytes))
}

/// Like [`write`](fn@write), with the writing done by `fill`. If `fill` fails, the temporary file is
/// removed and `path` is untouched; tests use this to fail a save half-way.
pub fn write_with(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> io::Result<()>,
) -> io::Result<()> {
    let target: PathBuf = match fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "article".to_owned());
    let existing = fs::metadata(&target).ok().map(|m| m.permissions());
    let prefix = format!(".{name}{TEMP_MARK}");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM);
    #[cfg(unix)]
    if existing.is_none() {
        // The mode asked for when the file is created is narrowed by the umask, as for any
        // file an editor makes: 0644 under the usual umask 022.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    fill(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    if let Some(permissions) = existing {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    // Make the rename itself durable. Not every platform can open a folder; that is fine.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    remove_stale_temp_files(&dir, SystemTime::now());
    Ok(())
}

/// Whether `name` is one of our temporary files' names.
fn is_our_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some(rest) = rest.strip_suffix(TEMP_SUFFIX) else {
        return false;
    };
    let Some(at) = rest.rfind(TEMP_MARK) else {
        return false;
    };
    let random = &rest[at + TEMP_MARK.len()..];
    at > 0 && random.len() == TEMP_RANDOM && random.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Removes temporary files of ours in `dir` older than [`STALE_AFTER`] at `now`; returns how
/// many. Anything else, and anything that cannot be read or removed, is left alone.
pub fn remove_stale_temp_files(dir: &Path, now: SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_our_temp_name) {
            continue;
        }
        let old = entry
            .metadata()
            .ok()
            .filter(fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if old && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("story.json");
        write(&p, b"one").unwrap();
        write(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("nope").join("story.json");
        assert_eq!(write(&p, b"x").unwrap_err().kind(), io::ErrorKind::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn follows_symlinks_and_keeps_them() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, b"old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }

    /// A new file gets 0666 less the umask, like any editor's; this test process runs with
    /// the machine's umask, so the expected mode is read off a file made the ordinary way.
    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_and_old_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        fs::File::create(&plain).unwrap();
        let expected = fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        let p = dir.path().join("story.json");
        write(&p, b"new").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            expected
        );
        fs::set_permissions(&p, fs::Permissions::from_mode(0o640)).unwrap();
        write(&p, b"again").unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[test]
    fn stale_temp_files_of_ours_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join(".story.json.copydesk-a1B2c3.tmp");
        let fresh = dir.path().join(".other.json.copydesk-zzzzzz.tmp");
        let theirs = [
            ".story.json.swp",
            ".story.json.a1B2c3.tmp",
            "notes.copydesk-a1B2c3.tmp",
            ".x.copydesk-toolong1.tmp",
        ];
        fs::write(&ours, b"half").unwrap();
        fs::write(&fresh, b"half").unwrap();
        for t in theirs {
            fs::write(dir.path().join(t), b"keep").unwrap();
        }
        // Ten minutes from now, every file here is old.
        let later = SystemTime::now() + Duration::from_secs(600);
        assert_eq!(remove_stale_temp_files(dir.path(), later), 2);
        assert!(!ours.exists() && !fresh.exists());
        for t in theirs {
            assert!(dir.path().join(t).exists(), "{t} is not ours");
        }
        // Now, nothing is old enough.
        fs::write(&ours, b"half").unwrap();
        assert_eq!(remove_stale_temp_files(dir.path(), SystemTime::now()), 0);
    }
}
