//! Agency bodies alone: HTML and NITF text into body blocks, written back as body markup,
//! which must read back (the markup writer checks every block it writes).
#![no_main]

use copydesk_core::import::{html, nitf};
use copydesk_core::markup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let blocks = html::blocks(&text, &|id| (id == "a").then(|| "a".to_owned()));
    let written = markup::write::write(&blocks);
    let _ = markup::parse(&written);
    let _ = html::text(&text);
    if let Ok(n) = nitf::read(&text) {
        let _ = markup::write::write(&html::blocks(&n.body_html, &|_| None));
    }
});
