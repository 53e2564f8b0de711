//! The story's picture, loaded in the background: read from disk or fetched from the web,
//! prepared by [`copydesk_core::picture`] (decoded within limits, upright, scaled to what a
//! pane shows), and kept in a small cache keyed by the source and, for files, their size and
//! time, so a picture replaced on disk is loaded again. The metadata panel's thumbnail and the
//! preview show the same prepared picture.
//!
//! Nothing here blocks the window: a source is loaded on a thread of its own once it has
//! stood unchanged for [`SETTLE`] (typing an address does not fetch every prefix of it), and
//! the window is woken when it is ready.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant, SystemTime};

use copydesk_core::picture::{self, MAX_FILE_BYTES, PictureError, Prepared};

/// A source is loaded once it has stood this long unchanged.
pub const SETTLE: Duration = Duration::from_millis(400);
/// Pictures fetched from the web larger than this are refused.
pub const MAX_DOWNLOAD_BYTES: u64 = 64 * 1024 * 1024;
/// How long a fetch may take.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(20);
/// How many prepared pictures are kept.
const CACHE: usize = 6;

/// Where a picture stands.
#[derive(Debug, Clone)]
pub enum Picture {
    /// Nothing to show: no source.
    None,
    /// Being read, fetched or prepared.
    Loading,
    /// Ready to show.
    Ready(Arc<Prepared>),
    /// Cannot be shown, and why.
    Failed(PictureError),
}

/// What identifies a loaded picture: its source, and for a file its size and time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PictureKey {
    /// The file path (resolved) or web address.
    pub source: String,
    stamp: Option<FileStamp>,
}

/// A file's size and modification time.
type FileStamp = (u64, Option<SystemTime>);

/// A finished load: which picture, and the prepared picture or why not.
type Done = (PictureKey, Result<Prepared, PictureError>);

enum Source {
    File(PathBuf),
    Web(String),
}

/// The background loader and its cache.
pub struct Pictures {
    cache: Vec<(PictureKey, Picture)>,
    in_flight: HashMap<PictureKey, ()>,
    done_tx: Sender<Done>,
    done_rx: Receiver<Done>,
    wake: Arc<dyn Fn() + Send + Sync>,
    /// The largest side of a prepared picture, in pixels.
    max_side: u32,
    /// A source seen but not yet settled, and since when.
    pending: Option<(String, Instant)>,
    /// File stamps looked up recently, so a frame does not `stat` every time.
    stamps: HashMap<PathBuf, (Instant, Option<FileStamp>)>,
}

impl Pictures {
    /// A loader that calls `wake` (from any thread) when a picture is ready, preparing
    /// pictures up to `max_side` pixels a side.
    pub fn new(wake: Arc<dyn Fn() + Send + Sync>, max_side: u32) -> Self {
        let (done_tx, done_rx) = mpsc::channel();
        Pictures {
            cache: Vec::new(),
            in_flight: HashMap::new(),
            done_tx,
            done_rx,
            wake,
            max_side: max_side.max(64),
            pending: None,
            stamps: HashMap::new(),
        }
    }

    /// Sets the largest side of prepared pictures (the renderer's texture limit, the pane).
    pub fn set_max_side(&mut self, max_side: u32) {
        if max_side.max(64) != self.max_side {
            self.max_side = max_side.max(64);
            self.cache.clear();
        }
    }

    fn stamp(&mut self, path: &Path, now: Instant) -> Option<FileStamp> {
        if let Some((at, s)) = self.stamps.get(path)
            && now.duration_since(*at) < Duration::from_secs(1)
        {
            return *s;
        }
        let s = std::fs::metadata(path)
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|m| (m.len(), m.modified().ok()));
        self.stamps.insert(path.to_path_buf(), (now, s));
        s
    }

    /// The picture at `source` (a file path, relative ones from `base`, or an http(s)
    /// address): ready, loading, or why it cannot be shown. Starts loading when needed;
    /// returns how soon to ask again when the source is still settling.
    pub fn get(&mut self, source: &str, base: Option<&Path>) -> (Picture, Option<Duration>) {
        let now = Instant::now();
        let source = source.trim();
        if source.is_empty() {
            return (Picture::None, None);
        }
        let (key, src) = if source.starts_with("http://") || source.starts_with("https://") {
            (
                PictureKey {
                    source: source.to_owned(),
                    stamp: None,
                },
                Source::Web(source.to_owned()),
            )
        } else {
            let path = Path::new(source.strip_prefix("file://").unwrap_or(source));
            let path = match base {
                Some(b) if path.is_relative() => b.join(path),
                _ => path.to_path_buf(),
            };
            let stamp = self.stamp(&path, now);
            (
                PictureKey {
                    source: path.display().to_string(),
                    stamp,
                },
                Source::File(path),
            )
        };
        if let Some(i) = self.cache.iter().position(|(k, _)| *k == key) {
            // Most recently used last.
            let entry = self.cache.remove(i);
            let picture = entry.1.clone();
            self.cache.push(entry);
            return (picture, None);
        }
        if self.in_flight.contains_key(&key) {
            return (Picture::Loading, None);
        }
        match &self.pending {
            Some((s, since)) if *s == key.source => {
                let waited = now.duration_since(*since);
                if waited < SETTLE {
                    return (Picture::Loading, Some(SETTLE - waited));
                }
            }
            _ => {
                self.pending = Some((key.source.clone(), now));
                return (Picture::Loading, Some(SETTLE));
            }
        }
        self.pending = None;
        self.start(key, src);
        (Picture::Loading, None)
    }

    fn start(&mut self, key: PictureKey, src: Source) {
        self.in_flight.insert(key.clone(), ());
        let failed_key = key.clone();
        let tx = self.done_tx.clone();
        let wake = self.wake.clone();
        let max_side = self.max_side;
        let spawned = std::thread::Builder::new()
            .name("copydesk-picture".into())
            .spawn(move || {
                let bytes = match src {
                    Source::File(p) => picture::read_file(&p),
                    Source::Web(url) => fetch(&url),
                };
                let result = bytes.and_then(|b| picture::prepare(&b, max_side));
                let _ = tx.send((key, result));
                wake();
            });
        if let Err(e) = spawned {
            self.in_flight.remove(&failed_key);
            self.insert(
                failed_key,
                Picture::Failed(PictureError::Unreadable(e.to_string())),
            );
        }
    }

    fn insert(&mut self, key: PictureKey, picture: Picture) {
        self.cache.retain(|(k, _)| *k != key);
        self.cache.push((key, picture));
        if self.cache.len() > CACHE {
            self.cache.remove(0);
        }
    }

    /// Takes pictures that finished loading. Returns whether any did.
    pub fn poll(&mut self) -> bool {
        let mut any = false;
        while let Ok((key, result)) = self.done_rx.try_recv() {
            self.in_flight.remove(&key);
            let picture = match result {
                Ok(p) => Picture::Ready(Arc::new(p)),
                Err(e) => Picture::Failed(e),
            };
            self.insert(key, picture);
            any = true;
        }
        any
    }

    /// Waits (up to `timeout`) until nothing is loading; for tests.
    pub fn wait_idle(&mut self, timeout: Duration) {
        let start = Instant::now();
        while !self.in_flight.is_empty() && start.elapsed() < timeout {
            if let Ok((key, result)) = self.done_rx.recv_timeout(Duration::from_millis(20)) {
                self.in_flight.remove(&key);
                let picture = match result {
                    Ok(p) => Picture::Ready(Arc::new(p)),
                    Err(e) => Picture::Failed(e),
                };
                self.insert(key, picture);
            }
        }
    }
}

/// Fetches a picture from the web, within [`MAX_DOWNLOAD_BYTES`] and [`FETCH_TIMEOUT`].
fn fetch(url: &str) -> Result<Vec<u8>, PictureError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(FETCH_TIMEOUT))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| match e {
        ureq::Error::StatusCode(code) => {
            PictureError::Unreadable(format!("the web server answered {code}; check the address"))
        }
        other => PictureError::Unreadable(format!(
            "it could not be fetched ({other}); check the address and the connection"
        )),
    })?;
    let mut bytes = Vec::new();
    response
        .body_mut()
        .as_reader()
        .take(MAX_DOWNLOAD_BYTES.min(MAX_FILE_BYTES) + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| PictureError::Unreadable(format!("the download broke off ({e})")))?;
    if bytes.len() as u64 > MAX_DOWNLOAD_BYTES {
        return Err(PictureError::FileTooLarge(bytes.len() as u64 / 1_048_576));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests;
