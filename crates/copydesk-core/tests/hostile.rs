//! Files that try to crash or hang Copydesk: markup and HTML nested tens of thousands deep,
//! NITF bodies, control characters. Each must finish with a sensible result, nesting capped.
//! Every case runs on a thread with a 1 MB stack, half of what a test thread gets and an
//! eighth of the window's, so a recursion that follows the input fails here.
//!
//! Nothing here is timed: a test must not depend on the machine's speed. What is checked
//! instead is that what Copydesk makes of each input (the page, the ninjs item, the blocks
//! and their nodes, the editor's colours, an import's body) grows at most linearly with the
//! input, counted at 0, n and 2n pieces (see [`linear`]). The claim that each input takes
//! time linear in its size lives in the benchmark: `benches/core.rs`, group "hostile", runs
//! the same inputs at n and 4n pieces.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

mod common;

use chrono::Utc;
use copydesk_core::article::Article;
use copydesk_core::checks;
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::export;
use copydesk_core::import::ninjs::import_bytes;
use copydesk_core::markup::{self, Block, Inline, MAX_BLOCK_DEPTH, MAX_INLINE_DEPTH};
use serde_json::json;

/// Runs `f` on a thread with a 1 MB stack.
fn small_stack<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap_or_else(|_| panic!("{what} crashed"))
}

/// Sizes of what Copydesk made of an input, by name: bytes, blocks, nodes, spans.
type Sizes = Vec<(&'static str, usize)>;

/// Runs `case` on `input(k)` for k = 0, `n` and 2`n` pieces, each on a small stack, and
/// checks that every size it reports grows at most linearly: the second `n` pieces add at
/// most a tenth more than the first `n` did. Quadratic growth (each level of nesting writing
/// out the levels around it again, say) would add three times as much. These are counts, not
/// time; a blow-up in time alone does not show here but in the benchmark. Returns what `case`
/// made of `input(n)`.
fn linear<T: Send + 'static>(
    what: &'static str,
    n: usize,
    input: fn(usize) -> String,
    case: fn(&str) -> (T, Sizes),
) -> T {
    let [(_, none), (made, first), (_, second)] =
        [0, n, 2 * n].map(|k| small_stack(what, move || case(&input(k))));
    for (((name, at_0), (_, at_n)), (_, at_2n)) in none.iter().zip(&first).zip(&second) {
        let (at_0, at_n, at_2n) = (*at_0 as i64, *at_n as i64, *at_2n as i64);
        assert!(
            10 * (at_2n - at_n) <= 11 * (at_n - at_0).max(0),
            "{what}: {name} is {at_0} for 0 pieces, {at_n} for {n}, {at_2n} for {}",
            2 * n
        );
    }
    made
}

/// How deeply quotations and lists nest in `blocks`, how deeply bold, italic and links, and
/// how many blocks and inlines there are in all.
fn shape(blocks: &[Block]) -> (usize, usize, usize) {
    fn inl(i: &[Inline]) -> (usize, usize) {
        i.iter()
            .map(|x| match x {
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { content: c, .. } => {
                    let (depth, nodes) = inl(c);
                    (1 + depth, 1 + nodes)
                }
                _ => (0, 1),
            })
            .fold((0, 0), |a, d| (a.0.max(d.0), a.1 + d.1))
    }
    let mut b = 0;
    let mut i = 0;
    let mut nodes = 0;
    for x in blocks {
        let (db, di, dn) = match x {
            Block::Quote(inner) => {
                let (db, di, dn) = shape(inner);
                (db + 1, di, dn)
            }
            Block::List { items, .. } => {
                let (db, di, dn) = items
                    .iter()
                    .map(|item| shape(item))
                    .fold((0, 0, 0), |a, d| (a.0.max(d.0), a.1.max(d.1), a.2 + d.2));
                (db + 1, di, dn)
            }
            Block::Paragraph(c) | Block::Subheading(c) => {
                let (di, dn) = inl(c);
                (0, di, dn)
            }
            _ => (0, 0, 0),
        };
        b = b.max(db);
        i = i.max(di);
        nodes += 1 + dn;
    }
    (b, i, nodes)
}

/// Everything Copydesk does with a story's body: the reader's view, the checks, the
/// editor's colouring, the HTML page and the ninjs item. Returns the page, and the sizes of
/// all of it.
fn everything(body: &str) -> (String, Sizes) {
    let mut a = Article::new();
    a.headline = "Deep".into();
    a.body = body.into();
    let style = HouseStyle::default();
    let doc = Document::build(&a, &style);
    let blocks: Vec<Block> = doc.blocks.iter().map(|l| (*l.block).clone()).collect();
    let (b, i, nodes) = shape(&blocks);
    assert!(b <= MAX_BLOCK_DEPTH && i <= MAX_INLINE_DEPTH, "{b} {i}");
    let plain = doc.body_plain_text();
    assert!(plain.contains('x'));
    let problems = checks::check(&a, Utc::now());
    let colours = markup::highlight(&a.body);
    let rewritten = markup::write::write(&blocks);
    assert!(rewritten.contains('x'));
    let ninjs = export::ninjs::to_string(&a, &style);
    let item: serde_json::Value = serde_json::from_str(&ninjs).unwrap();
    assert!(item["bodies"].is_array());
    let page = export::html::render(&a, &style);
    let sizes = vec![
        ("blocks", blocks.len()),
        ("block and inline nodes", nodes),
        ("plain text bytes", plain.len()),
        ("problems", problems.len()),
        ("colour spans", colours.len()),
        ("rewritten markup bytes", rewritten.len()),
        ("ninjs bytes", ninjs.len()),
        ("page bytes", page.len()),
    ];
    (page, sizes)
}

#[test]
fn thirty_thousand_nested_quotations() {
    let page = linear(
        "nested quotations",
        30_000,
        |n| format!("{}x", "> ".repeat(n)),
        everything,
    );
    assert!(page.contains("<p dir=\"auto\">x</p>"));
    assert_eq!(page.matches("<blockquote>").count(), MAX_BLOCK_DEPTH);
}

#[test]
fn deep_lists_emphasis_and_links() {
    let page = linear(
        "nested list items",
        30_000,
        |n| format!("{}x", "- ".repeat(n)),
        everything,
    );
    assert!(page.contains("<p dir=\"auto\">x</p>"));
    assert_eq!(page.matches("<ul>").count(), MAX_BLOCK_DEPTH);

    let page = linear(
        "nested emphasis marks",
        10_000,
        |n| format!("{}x{}", "*".repeat(n), "*".repeat(n)),
        everything,
    );
    let marks = page.matches("<strong>").count() + page.matches("<em>").count();
    assert_eq!(marks, MAX_INLINE_DEPTH, "{page}");

    // A link holds no link: the innermost is one, the other brackets stay as typed.
    let page = linear(
        "nested links",
        10_000,
        |n| format!("{}x{}", "[".repeat(n), "](https://example.com/)".repeat(n)),
        everything,
    );
    assert_eq!(
        page.matches("<a href=\"https://example.com/\">x</a>")
            .count(),
        1
    );
    assert_eq!(page.matches("](https://example.com/)").count(), 10_000 - 1);

    let page = linear(
        "quotations and lists in turn",
        10_000,
        |n| format!("{}x", "> - ".repeat(n)),
        everything,
    );
    let levels = page.matches("<blockquote>").count() + page.matches("<ul>").count();
    assert_eq!(levels, MAX_BLOCK_DEPTH, "{page}");
}

fn ninjs_with_html(html: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "uri": "urn:test:deep",
        "headlines": [{"role": "main", "value": "Deep HTML"}],
        "bodies": [{"role": "main", "contentType": "text/html", "value": html}],
    }))
    .unwrap()
}

/// Imports `html` as an agency item's body; the size is the body's bytes.
fn import(html: &str) -> (Article, Sizes) {
    let a = import_bytes(&ninjs_with_html(html)).unwrap();
    let sizes = vec![("body bytes", a.body.len())];
    (a, sizes)
}

#[test]
fn ten_thousand_nested_inline_tags_import() {
    let a = linear(
        "nested <b><i>",
        10_000,
        |n| {
            format!(
                "<p>{}deep text{}</p>",
                "<b><i>".repeat(n),
                "</i></b>".repeat(n)
            )
        },
        import,
    );
    assert_eq!(a.body.trim(), "deep text");
}

#[test]
fn a_hundred_thousand_nested_blockquotes_import() {
    let a = linear(
        "nested <blockquote>",
        100_000,
        |n| {
            format!(
                "{}<p>deep text</p>{}",
                "<blockquote>".repeat(n),
                "</blockquote>".repeat(n)
            )
        },
        import,
    );
    assert_eq!(a.body.trim(), "deep text");
    // unclosed and misnested, deep enough to be read structurally
    let (a, _) = small_stack("200 nested quotations, never closed", || {
        import(&format!(
            "{}<p>x</p><script>alert(1)</script>",
            "<blockquote>".repeat(200)
        ))
    });
    assert_eq!(a.body.matches('>').count(), MAX_BLOCK_DEPTH, "{}", a.body);
}

#[test]
fn many_unclosed_paragraphs_stay_paragraphs() {
    let a = linear(
        "paragraphs without </p>",
        2_000,
        |n| (0..n).map(|i| format!("<p>Paragraph {i}.")).collect(),
        import,
    );
    assert_eq!(a.body.split("\n\n").count(), 2_000);
}

const NITF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.6//EN">
 <head><title>Cambrios named Cool Vendor</title></head>
 <body>
  <body.head>
   <hedline><hl1>Cambrios Named a Cool Vendor by Gartner</hl1></hedline>
   <byline>By Business Wire</byline>
  </body.head>
  <body.content>
   <p>SUNNYVALE, Calif. -- Cambrios Technologies Corporation today announced it has been
   included in the <em>Cool Vendors</em> report.</p>
   <p>See <a href="http://www.cambrios.com">cambrios.com</a> &amp; more.</p>
  </body.content>
 </body>
</nitf>"#;

#[test]
fn a_nitf_body_imports_as_paragraphs_not_markup() {
    for content_type in ["application/nitf+xml", "text/html", "application/xml"] {
        let item = json!({
            "uri": "urn:test:nitf",
            "bodies": [
                {"role": "main", "contentType": content_type, "value": NITF},
                {"role": "main", "contentType": "text/plain", "value": "Plain version."}
            ],
        });
        let a = import_bytes(&serde_json::to_vec(&item).unwrap()).unwrap();
        assert_eq!(
            a.headline, "Cambrios Named a Cool Vendor by Gartner",
            "{content_type}"
        );
        assert_eq!(a.byline, vec!["Business Wire"]);
        assert!(
            a.body.starts_with(
                "SUNNYVALE, Calif. -- Cambrios Technologies Corporation today announced"
            ),
            "{content_type}: {}",
            a.body
        );
        assert!(a.body.contains("*Cool Vendors*"));
        assert!(a.body.contains("[cambrios.com](http://www.cambrios.com/)"));
        for tag in ["<nitf", "<?xml", "<p>", "hedline", "\\<"] {
            assert!(!a.body.contains(tag), "{content_type}: {tag} in {}", a.body);
        }
    }
}

#[test]
fn broken_nitf_falls_back_to_the_text_body_or_its_words() {
    let broken =
        "<?xml version=\"1.0\"?><nitf><body><body.content><p a=\"unclosed>Words of the story";
    let with_text = json!({
        "uri": "urn:test:nitf",
        "headlines": [{"role": "main", "value": "H"}],
        "bodies": [
            {"contentType": "application/nitf+xml", "value": broken},
            {"contentType": "text/plain", "value": "The plain text version."}
        ],
    });
    let a = import_bytes(&serde_json::to_vec(&with_text).unwrap()).unwrap();
    assert!(!a.body.contains('<'), "{}", a.body);
    let alone = json!({
        "uri": "urn:test:nitf",
        "headlines": [{"role": "main", "value": "H"}],
        "bodies": [{"contentType": "application/nitf+xml", "value": broken}],
    });
    let a = import_bytes(&serde_json::to_vec(&alone).unwrap()).unwrap();
    assert!(
        !a.body.contains("<?xml") && !a.body.contains("<nitf"),
        "{}",
        a.body
    );
}

#[test]
fn generated_nitf_items_import_their_paragraphs() {
    for n in [1usize, 3, 40] {
        let paras: Vec<String> = (0..n)
            .map(|i| format!("Paragraph number {i} of the wire story."))
            .collect();
        let xml = format!(
            "<nitf><body><body.content>{}</body.content></body></nitf>",
            paras
                .iter()
                .map(|p| format!("<p>{p}</p>"))
                .collect::<String>()
        );
        let item = json!({
            "uri": "urn:test:gen",
            "headlines": [{"role": "main", "value": "Generated"}],
            "bodies": [{"contentType": "application/nitf+xml", "value": xml}],
        });
        let a = import_bytes(&serde_json::to_vec(&item).unwrap()).unwrap();
        assert_eq!(a.body.trim().split("\n\n").collect::<Vec<_>>(), paras);
    }
}

/// Whether every element opened in `html` is closed, in order (the page writes no void
/// element but `meta` and `hr`, and no optional end tag).
fn balanced(html: &str) -> Result<(), String> {
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').ok_or("a tag never closed")?;
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if matches!(name.as_str(), "meta" | "hr" | "br" | "img") {
            continue;
        }
        if tag.starts_with('/') {
            match open.pop() {
                Some(o) if o == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else {
            open.push(name.clone());
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}>");
            let at = rest.find(&close).ok_or("script never closed")?;
            rest = &rest[at + close.len()..];
            open.pop();
        }
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("left open: {open:?}"))
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Bodies of markup pieces nested and left open at random, up to thousands deep: every
    /// export finishes, the page's elements balance, the ninjs item is valid ninjs 3.1.
    #[test]
    fn deep_and_unbalanced_bodies_export_validly(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "> ", "- ", "1. ", "* ", "*", "**", "_", "[", "](https://e.com/)", "]", "`",
                "<b>", "</i>", "<blockquote>", "\n", "\n\n", "x", "  \n", "[[related:a]]", "## ",
                "\u{85}", "---\n",
            ]),
            0..3000,
        ),
        repeat in 1usize..20,
    ) {
        let body: String = pieces.iter().flat_map(|p| std::iter::repeat_n(*p, repeat)).collect();
        let mut a = Article::new();
        a.headline = "Generated".into();
        a.body = body;
        let style = HouseStyle::default();
        let page = export::html::render(&a, &style);
        proptest::prop_assert!(balanced(&page).is_ok(), "{:?}", balanced(&page));
        let item: serde_json::Value =
            serde_json::from_str(&export::ninjs::to_string(&a, &style)).unwrap();
        let validator = common::ninjs_validator();
        proptest::prop_assert!(validator.is_valid(&item));
        let _ = checks::check(&a, Utc::now());
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
    /// A byline of any text, in any script (an agency's, an import's, a post's) is read into
    /// names without a panic, and every name it gives is trimmed and not empty.
    #[test]
    fn any_byline_is_read_without_a_panic(
        text in "(By |Von |Por |Di |é|José |\u{301}| and | und | y |, |[a-zA-Zé ]){0,40}"
    ) {
        for name in copydesk_core::document::parse_byline(&text) {
            proptest::prop_assert!(!name.is_empty() && name.trim() == name);
        }
    }
}
