//! The window's first frame before the background work.
//!
//! When a story opens, its workers start at once: spelling loads its dictionary, grammar
//! builds harper's checker (a few hundred milliseconds of work and ~150 MB), the reader's
//! view and checks of a long story are worked out, the colour-emoji font is looked for. On a
//! machine with two cores that work took turns with the window's first frame and its
//! painting, and the window showed later than it had to. The window now holds that work
//! until its first frame has been painted ([`hold`] before the window opens, [`shown`] from
//! the second frame on), and the workers [`wait`] for it — never for longer than
//! [`LONGEST_WAIT`], so a window that never paints (or a test that never opens one) does not
//! keep them waiting.
//!
//! Without [`hold`] (the command line, tests that build state without a window) nothing
//! waits.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// The longest a worker waits for the first frame.
pub const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// Whether the work is held, and the workers' bell.
static GATE: (Mutex<bool>, Condvar) = (Mutex::new(false), Condvar::new());

fn lock() -> std::sync::MutexGuard<'static, bool> {
    GATE.0
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Holds the background work until [`shown`] (called before the window opens).
pub fn hold() {
    *lock() = true;
}

/// The first frame has been painted: the work held goes on.
pub fn shown() {
    let mut held = lock();
    if *held {
        *held = false;
        GATE.1.notify_all();
    }
}

/// Waits until the first frame has been painted, or [`LONGEST_WAIT`] at most; at once when
/// nothing is held.
pub fn wait() {
    wait_at_most(LONGEST_WAIT);
}

fn wait_at_most(limit: Duration) {
    let until = Instant::now() + limit;
    let mut held = lock();
    while *held {
        let now = Instant::now();
        if now >= until {
            return;
        }
        held = match GATE.1.wait_timeout(held, until - now) {
            Ok((guard, _)) => guard,
            Err(poisoned) => poisoned.into_inner().0,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the work is held now.
    fn held() -> bool {
        *lock()
    }

    // One test for the whole module: the gate is the process's, and tests run in parallel.
    #[test]
    fn held_work_waits_for_the_first_frame_and_never_longer_than_the_limit() {
        // nothing held: no wait
        wait_at_most(Duration::from_secs(60));
        assert!(!held());

        // held, and never shown: the wait ends at its limit
        hold();
        let t = Instant::now();
        wait_at_most(Duration::from_millis(50));
        assert!(t.elapsed() >= Duration::from_millis(50));
        assert!(held());

        // held, then shown from another thread: the waiting worker goes on
        let t = Instant::now();
        let waiter = std::thread::spawn(|| wait_at_most(Duration::from_secs(60)));
        std::thread::sleep(Duration::from_millis(20));
        shown();
        waiter.join().unwrap();
        assert!(!held());
        assert!(
            t.elapsed() < Duration::from_secs(60),
            "went on at the limit, not when shown"
        );
    }
}
