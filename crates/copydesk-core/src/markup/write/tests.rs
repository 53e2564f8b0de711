//! Tests of the markup writer.

use super::*;

fn t(s: &str) -> Inline {
    Inline::Text(s.into())
}

fn round(blocks: &[Block]) -> (String, Vec<Block>) {
    let text = write(blocks);
    let back = body::parse_blocks(&text);
    (text, back)
}

#[test]
fn markup_characters_are_escaped() {
    let b = vec![
        Block::Paragraph(vec![t(
            "# not a heading *or* _this_ [[related:x]] <b> &amp; `c`",
        )]),
        Block::Paragraph(vec![t("2016. A year")]),
        Block::Paragraph(vec![t("- not a list")]),
        Block::Paragraph(vec![t("> not a quote \\ backslash")]),
    ];
    let (_, back) = round(&b);
    assert_eq!(back, b);
}

#[test]
fn structure_survives() {
    let b = vec![
        Block::Subheading(vec![t("Head "), Inline::Emphasis(vec![t("line")])]),
        Block::Quote(vec![
            Block::Paragraph(vec![t("“Quoted,” "), Inline::Strong(vec![t("loud")])]),
            Block::Paragraph(vec![t("Second.")]),
        ]),
        Block::List {
            start: None,
            items: vec![
                vec![Block::Paragraph(vec![t("a")])],
                vec![Block::Paragraph(vec![t("b")])],
            ],
        },
        Block::List {
            start: None,
            items: vec![vec![Block::Paragraph(vec![t("c")])]],
        },
        Block::List {
            start: Some(3),
            items: vec![vec![
                Block::Paragraph(vec![t("c")]),
                Block::Paragraph(vec![t("more")]),
            ]],
        },
        Block::Related("eagle".into()),
        Block::Break,
        Block::Paragraph(vec![
            t("See "),
            Inline::Link {
                url: "https://example.com/a_(b)".into(),
                content: vec![t("the *site*")],
            },
            t(" and "),
            Inline::Related("x".into()),
            Inline::LineBreak,
            t("after"),
        ]),
    ];
    let (text, back) = round(&b);
    assert_eq!(back, b, "{text}");
}

#[test]
fn emphasis_that_cannot_be_written_keeps_its_words() {
    let b = vec![Block::Paragraph(vec![
        t("word"),
        Inline::Strong(vec![t("\"quoted\"")]),
        t("word"),
    ])];
    let (_, back) = round(&b);
    assert_eq!(back, vec![Block::Paragraph(vec![t("word\"quoted\"word")])]);
}

#[test]
fn normal_form() {
    let b = normalise_blocks(vec![
        Block::Paragraph(vec![
            Inline::LineBreak,
            t("  a  "),
            Inline::Strong(vec![t(" b ")]),
            Inline::Emphasis(vec![]),
            Inline::LineBreak,
            Inline::LineBreak,
            t(" c "),
            Inline::LineBreak,
        ]),
        Block::Paragraph(vec![t("   ")]),
        Block::Paragraph(vec![Inline::Related("r".into())]),
    ]);
    assert_eq!(
        b,
        vec![
            Block::Paragraph(vec![
                t("a "),
                Inline::Strong(vec![t("b")]),
                Inline::LineBreak,
                t("c")
            ]),
            Block::Related("r".into()),
        ]
    );
}
