//! Watching the open story's file for changes made by others.
//!
//! The folder holding the file is watched, not the file itself: editors, `git` and Copydesk
//! itself replace a file by renaming a new one over it, which a watch on the old file would
//! miss. An event for the file sets a flag and wakes the window; the window then compares
//! the file with the stamp it has (see `AppState::check_disk`), so an event that changed
//! nothing (a touch, our own save) costs a `stat`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// A watch on one file.
pub struct FileWatch {
    path: PathBuf,
    changed: Arc<AtomicBool>,
    _watcher: RecommendedWatcher,
}

impl FileWatch {
    /// Watches `path`; `wake` is called (from the watcher's thread) when it may have changed.
    pub fn new(path: &Path, wake: Arc<dyn Fn() + Send + Sync>) -> notify::Result<FileWatch> {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let changed = Arc::new(AtomicBool::new(false));
        let flag = changed.clone();
        let name = path.file_name().map(ToOwned::to_owned);
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let ours = match &event {
                    // Reading the file (ours, to compare it) is not a change.
                    Ok(e) if matches!(e.kind, notify::EventKind::Access(_)) => false,
                    Ok(e) => e.paths.iter().any(|p| p.file_name() == name.as_deref()),
                    // An error (the folder went away, too many events): look at the file anyway.
                    Err(_) => true,
                };
                if ours {
                    flag.store(true, Ordering::Release);
                    wake();
                }
            })?;
        let folder = path.parent().unwrap_or(Path::new("."));
        watcher.watch(folder, RecursiveMode::NonRecursive)?;
        Ok(FileWatch {
            path,
            changed,
            _watcher: watcher,
        })
    }

    /// The file watched.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether an event came for the file since the last call.
    pub fn take_changed(&self) -> bool {
        self.changed.swap(false, Ordering::AcqRel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_write_to_the_file_is_noticed_and_others_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("story.json");
        std::fs::write(&p, "one").unwrap();
        let w = FileWatch::new(&p, Arc::new(|| {})).unwrap();
        std::fs::write(dir.path().join("other.json"), "x").unwrap();
        std::thread::sleep(Duration::from_millis(200));
        assert!(!w.take_changed(), "another file in the folder");
        copydesk_core::format::atomic::write(&p, b"two").unwrap();
        let start = Instant::now();
        while !w.take_changed() {
            assert!(start.elapsed() < Duration::from_secs(5), "no event");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
