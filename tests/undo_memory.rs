//! Undo keeps inverse edits, not copies of the story: the heap the history really holds after
//! 200 typed edits on a 5 MB story, counted by the allocator (not the history's own estimate).
//! This binary installs a counting wrapper around the system allocator; nothing else runs in
//! it, so what it counts is the history's.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use std::alloc::System;
use std::time::{Duration, Instant};

use copydesk::app::history::History;
use copydesk_core::article::Article;
use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Bytes allocated and not yet freed since `region` began.
fn held(region: &Region<'_, System>) -> isize {
    let change = region.change();
    change.bytes_allocated as isize - change.bytes_deallocated as isize + change.bytes_reallocated
}

#[test]
fn two_hundred_edits_on_a_five_megabyte_story_hold_under_64_kb() {
    let mut article = Article::new();
    article.body = "word ".repeat(1_000_000);
    // Room for the typed letters, so the body itself never grows while counting.
    article.body.reserve(4096);
    let mut history = History::new();
    let t0 = Instant::now();
    let region = Region::new(GLOBAL);
    for i in 0..200u64 {
        // every tenth edit after a pause, so there are many undo steps
        let at = t0 + Duration::from_secs(i / 10 * 2) + Duration::from_millis(i % 10);
        let pos = (i as usize * 24_989) % article.body.len();
        let inverse = Edit::Splice {
            field: TextField::Body,
            range: pos..pos,
            text: "x".into(),
        }
        .apply(&mut article)
        .unwrap();
        history.record(Some(TextField::Body), inverse, at);
    }
    let bytes = held(&region);
    println!(
        "200 edits on a 5 MB story: the history holds {bytes} bytes of heap \
         (its own estimate of the text it keeps: {} bytes)",
        history.weight()
    );
    assert!(bytes > 0, "the history keeps something");
    assert!(bytes < 64 * 1024, "200 edits hold {bytes} bytes");
    // and a copy of the story per step would have shown: one copy alone is 5 MB
    let copy = article.clone();
    assert!(
        held(&region) > 5_000_000,
        "the count sees a copy of the story"
    );
    drop(copy);
    while history.undo(&mut article).is_some() {}
    assert_eq!(article.body.len(), 5_000_000);
}
