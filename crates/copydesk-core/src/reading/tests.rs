use proptest::prelude::*;

use super::*;

/// Lines that make CommonMark read differently from line to line: lists that go on across
/// blank lines, fences, indented code, quotations, setext underlines, HTML blocks, link
/// definitions, anchors, placeholders and quotation marks.
const LINES: &[&str] = &[
    "",
    "",
    "",
    "Words of a paragraph, one after another.",
    "More “quoted words",
    "closing words.” Then TK.",
    "- item",
    "* other item",
    "1. one",
    "2) two",
    "  - nested",
    "   3. deep",
    "    indented code",
    "\tcode after a tab",
    "```",
    "~~~",
    "> quoted",
    "> > deeper",
    "# Heading",
    "## Subheading",
    "---",
    "===",
    "***",
    "[a]: https://example.com/a",
    "see [a] and [b][a]",
    "[[related:x]]",
    "Read [[related:y]] here",
    "<div>",
    "</div>",
    "<!-- note",
    "-->",
    "XXX and TKTK",
    "  ",
    "two spaces at the end  ",
    "a backslash\\",
    "*italic* and **bold**",
    "é 中文 😀 שלום",
    "- a list item\r  going on after a carriage return",
    "a line\r\rafter a blank one\r\n> quoted after both",
];

/// What an edit puts in.
const PIECES: &[&str] = &[
    "",
    "\n",
    "\n\n",
    " ",
    "x",
    "-",
    "> ",
    "`",
    "“",
    "\n- new item\n",
    "\n\n```\n",
    "\n    code\n",
    "\n[a]: https://example.com/b\n",
    "Typed words",
    "\n===\n",
    "\n\n1. first\n\n2. second\n\n",
    "\r",
    "\r\n",
];

fn body() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(LINES), 0..40).prop_map(|l| l.join("\n"))
}

/// An edit: where (a fraction of the body), how much to take out, what to put in.
fn edit() -> impl Strategy<Value = (f64, usize, String)> {
    (
        0.0..=1.0f64,
        prop_oneof![Just(0usize), 0..3usize, 0..80usize],
        prop_oneof![
            prop::sample::select(PIECES).prop_map(str::to_owned),
            prop::collection::vec(prop::sample::select(LINES), 1..4).prop_map(|l| l.join("\n")),
        ],
    )
}

/// Applies an edit to `text` on character boundaries; returns the range replaced.
fn apply(text: &mut String, (at, cut, put): &(f64, usize, String)) -> Range<usize> {
    let start = text.floor_char_boundary((text.len() as f64 * at) as usize);
    let end = text
        .floor_char_boundary((start + cut).min(text.len()))
        .max(start);
    text.replace_range(start..end, put);
    start..end
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Edited and read again where it changed, the reading is the reading of the whole new
    /// body: blocks, their places and keys, counts, the checks' paragraphs and the anchors.
    #[test]
    fn reading_again_where_it_changed_reads_as_reading_it_all(
        text in body(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let mut text = text;
        let mut reading = Reading::read(&text);
        let mut change = BodyChange::None;
        for e in &edits {
            let range = apply(&mut text, e);
            change.splice(range, e.2.len());
        }
        reading.update(&text, &change);
        prop_assert_eq!(reading, Reading::read(&text), "{:?}", text);
    }

    /// One edit at a time, as the worker takes them when the window is quick.
    #[test]
    fn a_reading_kept_up_edit_by_edit_reads_as_reading_it_all(
        text in body(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let mut text = text;
        let mut reading = Reading::read(&text);
        for e in &edits {
            let was = text.clone();
            let range = apply(&mut text, e);
            let mut change = BodyChange::None;
            change.splice(range, e.2.len());
            reading.update(&text, &change);
            prop_assert_eq!(
                &reading,
                &Reading::read(&text),
                "{:?} was {:?} ({:?})",
                text,
                was,
                change
            );
        }
    }

    /// What a run of edits is noted as changing: before `from` and from `to` on, the text is
    /// what it was.
    #[test]
    fn a_noted_change_covers_every_edit(
        text in body(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let before = text.clone();
        let mut text = text;
        let mut change = BodyChange::None;
        for e in &edits {
            let range = apply(&mut text, e);
            change.note(&Edit::Splice { field: TextField::Body, range, text: e.2.clone() });
        }
        let BodyChange::Span { from, to, delta } = change else {
            panic!("splices are noted as a span");
        };
        prop_assert_eq!(text.len() as isize - before.len() as isize, delta);
        prop_assert_eq!(&text[..from], &before[..from]);
        prop_assert_eq!(&text[to..], &before[(to as isize - delta) as usize..]);
    }
}

#[test]
fn an_edit_elsewhere_than_the_body_changes_nothing_and_a_whole_text_everything() {
    let mut change = BodyChange::None;
    change.note(&Edit::SetText(TextField::Headline, "New".into()));
    change.note(&Edit::Splice {
        field: TextField::Standfirst,
        range: 0..0,
        text: "x".into(),
    });
    assert_eq!(change, BodyChange::None);
    change.note(&Edit::SetText(TextField::Body, "All new".into()));
    assert_eq!(change, BodyChange::Whole);
    change.splice(0..0, 3);
    assert_eq!(change, BodyChange::Whole, "whole stays whole");
}

/// A keystroke in the middle of a long story reads a few blocks, not the story: the blocks
/// on either side are the very ones it had (shared, not read again).
#[test]
fn a_keystroke_in_a_long_story_reads_only_its_paragraph_again() {
    let mut text: String = (0..3_000)
        .map(|n| format!("Paragraph {n} of a long report.\n\n"))
        .collect();
    let mut reading = Reading::read(&text);
    let before: Vec<_> = reading.blocks().iter().map(|b| b.block.clone()).collect();
    let at = text.find("Paragraph 1500 ").unwrap() + "Paragraph 1500".len();
    text.insert_str(at, " (typed)");
    let mut change = BodyChange::None;
    change.splice(at..at, " (typed)".len());
    reading.update(&text, &change);
    assert_eq!(reading, Reading::read(&text));
    let kept = reading
        .blocks()
        .iter()
        .zip(&before)
        .filter(|(now, was)| std::sync::Arc::ptr_eq(&now.block, was))
        .count();
    assert!(
        kept >= 2_997,
        "all but the typed paragraph and its neighbour kept: {kept}"
    );
}

/// Found by the property test: the last line, cut short, is not a line left as it was. Here
/// `<!--` began an HTML block that broke off the paragraph; `<!-` does not.
#[test]
fn a_last_line_cut_short_is_read_again() {
    let was = "`\n[a]: https://example.com/b\n``\n<!-- \n    code\note";
    let mut reading = Reading::read(was);
    assert_eq!(reading.blocks().len(), 2);
    let now = &was[..35];
    let mut change = BodyChange::None;
    change.splice(35..was.len(), 0);
    reading.update(now, &change);
    assert_eq!(reading, Reading::read(now));
    assert_eq!(reading.blocks().len(), 1);
}

/// A body that defines a link reference is read whole: the definition gives its address to
/// links anywhere in the body.
#[test]
fn a_link_definition_typed_far_from_its_link_is_read_with_it() {
    let mut text: String = (0..200)
        .map(|n| format!("Paragraph {n}, see [the report].\n\n"))
        .collect();
    let mut reading = Reading::read(&text);
    let at = text.len();
    let definition = "[the report]: https://example.com/report\n";
    text.push_str(definition);
    let mut change = BodyChange::None;
    change.splice(at..at, definition.len());
    reading.update(&text, &change);
    assert_eq!(reading, Reading::read(&text));
    assert!(matches!(
        &*reading.blocks()[0].block,
        markup::Block::Paragraph(inlines)
            if inlines.iter().any(|i| matches!(i, markup::Inline::Link { .. }))
    ));
}
