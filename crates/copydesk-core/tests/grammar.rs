//! The held test set of grammar and house style (`tests/data/grammar/held.txt`): every
//! sentence gives exactly the findings written beside it, in British and in American English,
//! with Copydesk's sample style; and the sample story's findings are the real ones.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk_core::style::{Checker, Grammar, Scope, Style, grammar};

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets")
}

fn sample_style() -> Arc<Style> {
    let style = Style::load(&[assets().join("styles/CopydeskNews")]);
    assert!(style.errors.is_empty(), "{:?}", style.errors);
    Arc::new(style)
}

/// `Rule "words" -> "replacement"` for each finding, as the held set writes them.
fn described(checker: &mut Checker, sentence: &str) -> Vec<String> {
    checker
        .check_text(sentence, Scope::Body, true)
        .iter()
        .map(|f| {
            let words = &sentence[f.range.clone()];
            match f.replacements.first() {
                Some(r) => format!("{} {words:?} -> {r:?}", f.rule),
                None => format!("{} {words:?}", f.rule),
            }
        })
        .collect()
}

/// The held set's lines for `dialect`: (line number, sentence, expected findings).
fn held(dialect: &str) -> Vec<(usize, String, Vec<String>)> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/grammar/held.txt"),
    )
    .unwrap();
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.splitn(3, '|').map(str::trim).collect();
        let [who, sentence, expected] = parts[..] else {
            panic!(
                "line {}: not `DIALECT | SENTENCE | FINDINGS`: {line}",
                n + 1
            );
        };
        if who != "both" && who != dialect {
            continue;
        }
        let expected = expected
            .split(';')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_owned)
            .collect();
        out.push((n + 1, sentence.to_owned(), expected));
    }
    out
}

fn run(dialect: &str) {
    let mut checker = Checker {
        grammar: Some(Grammar::new(grammar::dialect(dialect).unwrap(), &[])),
        style: Some(sample_style()),
    };
    let set = held(dialect);
    assert!(set.len() >= 40, "the held set has {} sentences", set.len());
    assert!(
        set.iter().filter(|(_, _, e)| e.is_empty()).count() >= 15,
        "and sentences that must pass"
    );
    let mut wrong = Vec::new();
    for (line, sentence, expected) in &set {
        let mut found = described(&mut checker, sentence);
        let mut expected = expected.clone();
        found.sort();
        expected.sort();
        if found != expected {
            wrong.push(format!(
                "line {line}: {sentence}\n    expected {expected:?}\n    found    {found:?}"
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{dialect}: {} of {} sentences differ:\n{}",
        wrong.len(),
        set.len(),
        wrong.join("\n")
    );
}

#[test]
fn the_held_set_in_british_english() {
    run("en-GB");
}

#[test]
fn the_held_set_in_american_english() {
    run("en-US");
}

/// The sample story with the sample style: what is found is what a sub-editor on this desk
/// would change — "Labour party" twice in the body, for "Labour Party" — and nothing else.
#[test]
fn the_sample_story_has_only_real_findings() {
    let article =
        copydesk_core::format::load(&assets().join("samples/corbyn-unity-appeal.json")).unwrap();
    let mut checker = Checker {
        grammar: Some(Grammar::new(
            grammar::dialect(&article.language).unwrap(),
            &[],
        )),
        style: Some(sample_style()),
    };
    let found: Vec<String> = checker
        .check_article(&article)
        .iter()
        .map(|(field, f)| {
            let text = field.get(&article).unwrap();
            format!("{field:?} {} {:?}", f.rule, &text[f.range.clone()])
        })
        .collect();
    assert_eq!(
        found,
        [
            "Body PartyNames \"Labour party\"",
            "Body PartyNames \"Labour party\""
        ]
    );
}
