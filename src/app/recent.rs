//! The Open Recent list: newest first, no duplicates, a fixed length.

use std::path::{Path, PathBuf};

/// How many files the list keeps.
pub const MAX_RECENT: usize = 10;

/// The recently opened and saved files.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Recent {
    paths: Vec<PathBuf>,
}

impl Recent {
    /// Puts `path` first (once).
    pub fn add(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.paths.retain(|p| *p != path);
        self.paths.insert(0, path);
        self.paths.truncate(MAX_RECENT);
    }

    /// Takes `path` off the list.
    pub fn remove(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
    }

    /// The files, newest first.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_unique_bounded() {
        let mut r = Recent::default();
        for i in 0..15 {
            r.add(Path::new(&format!("/nowhere/{i}.json")));
        }
        r.add(Path::new("/nowhere/12.json"));
        assert_eq!(r.paths().len(), MAX_RECENT);
        assert_eq!(r.paths()[0], Path::new("/nowhere/12.json"));
        assert_eq!(r.paths()[1], Path::new("/nowhere/14.json"));
        r.remove(Path::new("/nowhere/12.json"));
        assert_eq!(r.paths()[0], Path::new("/nowhere/14.json"));
    }
}
