//! A background copy of a story that could not follow an edit.
//!
//! The journal, spelling and derive workers keep their own copy of the story and apply the
//! same edits as the window, in the same order, so an edit that applied in the window applies
//! in the copy. If one ever did not (a bug), the copy would silently be another story: the
//! journal would keep the wrong text for recovery, spelling would underline the wrong words.
//! Instead the worker drops its copy, says so on standard error, and raises this flag; the
//! story session sees it on its next tick and sends the worker the whole story again.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use copydesk_core::edit::EditError;

/// Raised by a worker whose copy of the story fell out of step with the window's.
#[derive(Debug, Clone, Default)]
pub struct OutOfStep(Arc<AtomicBool>);

impl OutOfStep {
    /// The worker `who` could not apply an edit (`error`) to its copy: tell the session.
    pub fn raise(&self, who: &str, error: &EditError) {
        eprintln!(
            "copydesk: the {who} copy of the story could not follow an edit ({error}); \
             it is sent the whole story again"
        );
        self.0.store(true, Ordering::Release);
    }

    /// Whether a worker raised the flag since the last call (and lowers it).
    pub fn take(&self) -> bool {
        self.0.swap(false, Ordering::AcqRel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raised_once_taken_once() {
        let flag = OutOfStep::default();
        assert!(!flag.take());
        flag.clone().raise("test", &EditError::NoImage);
        assert!(flag.take());
        assert!(!flag.take());
    }
}
