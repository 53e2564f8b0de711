//! What the desk remembers between runs: the folders used, each with its filters, order,
//! selection and the story under review.

use std::path::{Path, PathBuf};

use copydesk_core::desk::{Filter, Sort};

/// What is remembered of one desk folder between runs: how it was filtered and sorted, and
/// what was selected.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FolderMemory {
    /// The folder.
    pub folder: PathBuf,
    /// Its filters.
    pub filter: Filter,
    /// Its order.
    pub sort: Sort,
    /// The files selected, by path inside the folder.
    pub selected: Vec<String>,
    /// The file under review, by path inside the folder.
    pub review: Option<String>,
}

/// What the desk remembers between runs (eframe's storage, beside the window's settings).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DeskMemory {
    /// The desk folder the window was showing when it closed, to show it again.
    pub open: Option<PathBuf>,
    /// Folders used, the last used first.
    pub folders: Vec<FolderMemory>,
}

/// Folders remembered at most.
const REMEMBERED_FOLDERS: usize = 20;

impl DeskMemory {
    /// What is remembered of `folder`.
    pub fn of(&self, folder: &Path) -> Option<&FolderMemory> {
        self.folders.iter().find(|m| m.folder == folder)
    }

    /// Keeps `memory` as the latest, dropping the oldest past the limit.
    pub fn keep(&mut self, memory: FolderMemory) {
        self.folders.retain(|m| m.folder != memory.folder);
        self.folders.insert(0, memory);
        self.folders.truncate(REMEMBERED_FOLDERS);
    }

    /// The folder the folder dialog starts in: the last desk folder.
    pub fn last_folder(&self) -> Option<&Path> {
        self.folders.first().map(|m| m.folder.as_path())
    }
}
