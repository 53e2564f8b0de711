//! The checks on stories whose every field is arbitrary text: no panic, and every problem
//! that points into a field's text points at a character boundary inside it.
#![no_main]

use copydesk_core::article::{Article, Image, RelatedLink};
use copydesk_core::checks;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}').map(str::to_owned);
    let mut next = || parts.next().unwrap_or_default();
    let mut a = Article::new();
    a.headline = next();
    a.seo_headline = next();
    a.standfirst = next();
    a.slug = next();
    a.body = next();
    a.image = Some(Image {
        source: next(),
        caption: next(),
        credit: next(),
        alt: next(),
        ..Image::default()
    });
    for _ in 0..2 {
        a.related.push(RelatedLink {
            id: next(),
            title: next(),
            url: next(),
            ..RelatedLink::default()
        });
    }
    for p in checks::check(&a, chrono::Utc::now()) {
        if let (Some(at), Some(field)) = (p.offset, p.field.text_field()) {
            let t = field
                .get(&a)
                .expect("a problem names a field the story has");
            assert!(at <= t.len() && t.is_char_boundary(at), "{p:?}");
        }
    }
});
