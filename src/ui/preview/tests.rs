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
    let Block::Paragraph(inl) = &*doc.blocks[0].block else {
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

/// What an item shows, to compare two layouts of a page.
fn shown(item: &Item) -> String {
    match item {
        Item::Text { galley, indent, .. } => format!("text {indent} {}", galley.text()),
        Item::RightToLeft { typed, indent, .. } => format!("rtl {indent} {typed}"),
        Item::Pending { job, indent, .. } => format!("pending {indent} {}", job.text),
        Item::Gap(h) => format!("gap {h}"),
        Item::Rule => "rule".to_owned(),
        Item::Image { source, alt } => format!("image {source} {alt}"),
        Item::Related { title, url, rtl } => format!("related {title} {url} {}", rtl.is_some()),
        Item::Missing(id) => format!("missing {id}"),
    }
}

/// A story of `paragraphs` paragraphs, a quotation, a list, a related link and a
/// right-to-left paragraph among them.
fn story(paragraphs: usize) -> Article {
    let mut a = Article::new();
    a.headline = "Council votes".into();
    a.related.push(copydesk_core::article::RelatedLink {
        id: "r1".into(),
        title: "Earlier".into(),
        url: "https://example.com/earlier".into(),
        ..Default::default()
    });
    let mut body = String::new();
    for n in 0..paragraphs {
        body.push_str(&match n % 7 {
            1 => format!("> A quotation {n}, said *someone*."),
            3 => format!("- item {n}\n- another item"),
            4 => "[[related:r1]]".to_owned(),
            5 => format!("שלום עולם {n}"),
            _ => format!("Paragraph {n} of the story, with [a link](https://example.com/{n})."),
        });
        body.push_str("\n\n");
    }
    a.body = body;
    a
}

/// Lays `before` out, then splices in `after`, and checks the page is what laying `after`
/// out afresh gives: the same items, heights and block starts.
fn spliced_as_built(before: &Article, after: &Article) -> bool {
    let style = HouseStyle::default();
    let (old, new) = (
        Document::build(before, &style),
        Document::build(after, &style),
    );
    let ctx = egui::Context::default();
    let mut result = None;
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let mut cache = BlockCache::default();
        let mut laid = build(ui, &old, 500.0, &mut cache);
        // the old page's places, worked out as a frame would before the new document came
        laid.tops(4.0);
        let took = splice(ui, &old, &new, &mut laid, 500.0, &mut cache);
        let mut fresh = build(ui, &new, 500.0, &mut BlockCache::default());
        if took {
            // placed as the fresh page (the places below a change are moved, not added up
            // again: a float's last bit may differ)
            let (a, b) = (laid.tops(4.0).to_vec(), fresh.tops(4.0));
            assert_eq!(a.len(), b.len());
            assert!(
                a.iter().zip(b).all(|(a, b)| (a - b).abs() < 0.01),
                "placed as the fresh page"
            );
            let a: Vec<_> = laid.items.iter().map(shown).collect();
            let b: Vec<_> = fresh.items.iter().map(shown).collect();
            assert_eq!(a, b);
            assert_eq!(laid.heights, fresh.heights);
            assert_eq!(laid.starts(), fresh.starts());
            // the cache holds what the page holds, no more
            let keys: std::collections::HashSet<_> = new.keys.iter().collect();
            assert!(cache.items.keys().all(|k| keys.contains(k)));
        }
        result = Some(took);
    });
    output.textures_delta.clear();
    result.unwrap()
}

#[test]
fn a_body_edit_is_spliced_into_the_page_as_a_fresh_layout_would_set_it() {
    // short (laid out now) and long (laid out as it comes into sight)
    for paragraphs in [20, 300] {
        let before = story(paragraphs);
        let edit = |f: &dyn Fn(&mut String)| {
            let mut a = before.clone();
            f(&mut a.body);
            a
        };
        let middle = before.body.len() / 2;
        let middle = before.body[..middle].rfind("\n\n").unwrap();
        let cases: Vec<(&str, Article)> = vec![
            (
                "typed in a paragraph",
                edit(&|b| b.insert_str(middle, " more")),
            ),
            (
                "a paragraph grown by lines",
                edit(&|b| b.insert_str(middle, &" more".repeat(60))),
            ),
            (
                "a paragraph split",
                edit(&|b| b.insert_str(middle - 3, "\n\n")),
            ),
            (
                "paragraphs joined",
                edit(&|b| b.replace_range(middle..middle + 2, " ")),
            ),
            (
                "a list item added",
                edit(&|b| *b = b.replacen("- another item", "- another item\n- a third", 1)),
            ),
            (
                "the first paragraph gone",
                edit(&|b| *b = b.split_once("\n\n").unwrap().1.to_owned()),
            ),
            (
                "a paragraph at the end",
                edit(&|b| b.push_str("The end.\n\n")),
            ),
            (
                "the last paragraph gone",
                edit(&|b| {
                    let t = b.trim_end();
                    let cut = t.rfind("\n\n").unwrap();
                    b.truncate(cut);
                }),
            ),
            (
                "a paragraph repeated",
                edit(&|b| {
                    let first = b.split("\n\n").next().unwrap().to_owned();
                    b.insert_str(middle, &format!("\n\n{first}"));
                }),
            ),
        ];
        for (what, after) in cases {
            assert!(spliced_as_built(&before, &after), "{paragraphs}: {what}");
        }
    }
}

/// A new headline, byline, standfirst or picture sets the page's head again and keeps the
/// body (a headline keystroke in a 5 MB story walked all its blocks), as a fresh layout
/// would set it: with no standfirst, or a picture, the head has another number of items.
#[test]
fn a_change_to_the_head_keeps_the_body() {
    for paragraphs in [20, 300] {
        let before = story(paragraphs);
        let mut cases: Vec<Article> = Vec::new();
        let mut a = before.clone();
        a.headline = "Council votes again".into();
        cases.push(a);
        let mut a = before.clone();
        a.headline.clear();
        cases.push(a);
        let mut a = before.clone();
        a.standfirst = "What the vote means.".into();
        a.byline = vec!["Ann Reporter".into()];
        cases.push(a);
        let mut a = before.clone();
        a.image = Some(copydesk_core::article::Image {
            source: "picture.jpg".into(),
            caption: "The chamber".into(),
            credit: "Labour Party".into(),
            ..Default::default()
        });
        cases.push(a);
        for (n, after) in cases.iter().enumerate() {
            assert!(spliced_as_built(&before, after), "{paragraphs}: case {n}");
            assert!(
                spliced_as_built(after, &before),
                "{paragraphs}: case {n} back"
            );
        }
    }
}

#[test]
fn a_change_to_the_related_links_or_across_lazy_layout_is_laid_out_afresh() {
    let before = story(20);
    let mut link = before.clone();
    link.related[0].title = "Earlier vote".into();
    assert!(!spliced_as_built(&before, &link));
    // grown long enough that its paragraphs are laid out as they come into sight
    assert!(!spliced_as_built(&before, &story(300)));
}

/// Items measured as drawn move the places below them, as adding the heights up again would.
#[test]
fn items_measured_as_drawn_move_what_is_below_them() {
    let doc = Document::build(&story(300), &HouseStyle::default());
    let ctx = egui::Context::default();
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        let mut laid = build(ui, &doc, 500.0, &mut BlockCache::default());
        laid.tops(4.0);
        let texts: Vec<usize> = (0..laid.items.len())
            .filter(|&i| !matches!(laid.items[i], Item::Gap(_)))
            .collect();
        let changes = [(texts[2], 7.5), (texts[5], -3.0), (texts[40], 120.0)];
        for &(i, by) in &changes {
            laid.heights[i] += by;
        }
        laid.remeasured(&changes);
        let moved = laid.tops(4.0).to_vec();
        laid.tops.0.clear();
        let added_up = laid.tops(4.0);
        assert_eq!(moved.len(), added_up.len());
        assert!(
            moved
                .iter()
                .zip(added_up)
                .all(|(a, b)| (a - b).abs() < 0.01)
        );
        assert!(moved.last().unwrap() - moved[0] > 124.0);
    });
    output.textures_delta.clear();
}
