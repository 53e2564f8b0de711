//! The preview's layout, tested headless.
use copydesk_core::article::Article;
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::markup::Block;

use egui::{Color32, FontId, TextFormat};

use super::build::inlines;
use super::rtl::{RtlLine, right_to_left};
use super::*;

/// The texts of `job` drawn as links (underlined, in the link colour).
fn links(job: &LayoutJob, t: &Tokens) -> Vec<String> {
    job.sections
        .iter()
        .filter(|s| s.format.underline.width > 0.0 && s.format.color == t.link)
        .map(|s| job.text[s.byte_range.start.0..s.byte_range.end.0].to_owned())
        .collect()
}

#[test]
fn every_link_of_a_paragraph_is_drawn_as_a_link() {
    let mut a = Article::new();
    a.body = "Made by [Dell](https://dell.com), a [Dell Precision workstation]\
              (https://dell.com/precision) and *[a third](https://example.com/3)*."
        .into();
    let doc = Document::build(&a, &HouseStyle::default());
    let Block::Paragraph(inl) = &doc.blocks[0].block else {
        panic!("a paragraph");
    };
    let t = &Tokens::LIGHT;
    let job = inlines(&doc, inl, 16.0, false, false, t, 400.0);
    assert_eq!(
        links(&job, t),
        ["Dell", "Dell Precision workstation", "a third"],
        "{:?}",
        job.sections
    );
    // the text between them is plain
    assert!(job.sections.iter().any(|s| {
        &job.text[s.byte_range.start.0..s.byte_range.end.0] == ", a "
            && s.format.underline.width == 0.0
    }));
}

#[test]
fn right_to_left_paragraphs_are_set_in_reading_order_against_the_right_edge() {
    let ctx = egui::Context::default();
    let mut found = None;
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let mut job = LayoutJob::default();
        let f = TextFormat::simple(FontId::proportional(16.0), Color32::WHITE);
        let mut link = f.clone();
        link.underline = egui::Stroke::new(1.0, Color32::BLUE);
        // "hello world." in Hebrew, its second word a link, then a long paragraph that wraps
        job.append("שלום ", 0.0, f.clone());
        job.append("עולם", 0.0, link);
        job.append(&". מילה".repeat(60), 0.0, f);
        job.wrap.max_width = 200.0;
        found = Some(ui.fonts_mut(|fonts| right_to_left(fonts, &job)));
    });
    output.textures_delta.clear();
    let lines = found.unwrap();
    assert!(lines.lines.len() > 2, "it wraps");
    let texts = |l: &RtlLine| -> Vec<String> {
        l.pieces.iter().map(|(g, _)| g.text().to_owned()).collect()
    };
    // the first line read from the right: שלום, then the link עולם, then its full stop
    let first = texts(&lines.lines[0]);
    assert_eq!(first.last().map(String::as_str), Some("שלום"), "{first:?}");
    let olam = first.iter().position(|p| p == "עולם").unwrap();
    assert_eq!(first[olam - 1], ".", "{first:?}");
    let (link, _) = &lines.lines[0].pieces[olam];
    assert!(
        link.job.sections[0].format.underline.width > 0.0,
        "the link keeps its line"
    );
    // no line is wider than the column, and the lines add up to the height
    for l in &lines.lines {
        assert!(l.width <= 200.0 + 0.5, "{}", l.width);
    }
    let sum: f32 = lines.lines.iter().map(|l| l.height).sum();
    assert!((sum - lines.height).abs() < 0.01);
}
