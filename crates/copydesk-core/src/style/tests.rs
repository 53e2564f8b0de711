use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::vale::{Kind, Rule};
use super::*;
use crate::article::{Article, Image};

fn rule(name: &str, yaml: &str) -> Rule {
    Style::parse_rule(&PathBuf::from(format!("/desk/style/{name}.yml")), yaml)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn style(rules: Vec<Rule>) -> Style {
    Style {
        rules,
        ..Style::default()
    }
}

/// (words found, first replacement) in `text` read in `scope`.
fn found(style: &Style, text: &str, scope: Scope) -> Vec<(String, Option<String>)> {
    style
        .check(text, scope)
        .into_iter()
        .map(|f| (text[f.range].to_owned(), f.replacements.first().cloned()))
        .collect()
}

fn words(list: &[&str]) -> Vec<(String, Option<String>)> {
    list.iter().map(|w| ((*w).to_owned(), None)).collect()
}

#[test]
fn existence_finds_whole_words_any_case_and_says_which() {
    let r = rule(
        "Hype",
        "extends: existence\nmessage: \"'%s' takes sides\"\nlevel: error\nignorecase: true\ntokens:\n  - slammed\n  - hit out at\n",
    );
    assert_eq!(r.level, Level::Error);
    let s = style(vec![r]);
    assert_eq!(
        found(
            &s,
            "He Slammed it, then hit out at them; unslammed.",
            Scope::Body
        ),
        words(&["Slammed", "hit out at"])
    );
    let f = &s.check("They slammed it.", Scope::Body)[0];
    assert_eq!(f.message, "'slammed' takes sides");
    assert_eq!(f.rule, "Hype");
    assert_eq!(f.source, Source::Style);
}

#[test]
fn existence_is_case_sensitive_unless_told_and_reads_raw_patterns_as_they_are() {
    let s = style(vec![rule(
        "Caps",
        "extends: existence\nmessage: x\ntokens: [Government]\nraw:\n  - '[0-9]+ ?mph'\n",
    )]);
    assert_eq!(
        found(
            &s,
            "the government and the Government at 30mph",
            Scope::Body
        ),
        words(&["Government", "30mph"])
    );
}

#[test]
fn substitution_offers_the_house_word_in_the_case_found() {
    let s = style(vec![rule(
        "Words",
        "extends: substitution\nmessage: \"Use '%s', not '%s'.\"\nlevel: warning\nignorecase: true\nswap:\n  percent: per cent\n  whilst: while\n  airplane: aeroplane|plane\n",
    )]);
    assert_eq!(
        found(&s, "Whilst 5 percent flew by airplane.", Scope::Body),
        vec![
            ("Whilst".to_owned(), Some("While".to_owned())),
            ("percent".to_owned(), Some("per cent".to_owned())),
            ("airplane".to_owned(), Some("aeroplane".to_owned())),
        ]
    );
    let f = s.check("by airplane", Scope::Body).remove(0);
    assert_eq!(f.replacements, ["aeroplane", "plane"]);
    assert_eq!(f.message, "Use 'aeroplane or plane', not 'airplane'.");
    assert_eq!(f.level, Level::Warning);
}

#[test]
fn substitution_leaves_words_already_as_the_house_writes_them() {
    let s = style(vec![rule(
        "Parties",
        "extends: substitution\nmessage: x\nswap:\n  Labour party: Labour Party\n",
    )]);
    assert_eq!(
        found(&s, "the Labour Party and the Labour party", Scope::Body),
        vec![("Labour party".to_owned(), Some("Labour Party".to_owned()))]
    );
}

#[test]
fn occurrence_counts_in_one_text_and_marks_what_is_over() {
    let s = style(vec![rule(
        "Shouts",
        "extends: occurrence\nmessage: No shouting\nscope: headline\nmax: 1\ntoken: '!'\n",
    )]);
    assert_eq!(found(&s, "Win!", Scope::Headline), vec![]);
    assert_eq!(
        found(&s, "Win! Now! Really!", Scope::Headline),
        words(&["! Really!"])
    );
    assert_eq!(found(&s, "Win! Now!", Scope::Body), vec![], "headline only");
    let min = style(vec![rule(
        "Quoted",
        "extends: occurrence\nmessage: Quote someone\nmin: 1\ntoken: '[“\"]'\n",
    )]);
    assert_eq!(
        found(&min, "  Nobody said anything. ", Scope::Body),
        words(&["Nobody said anything."])
    );
    assert_eq!(found(&min, "“Yes,” she said.", Scope::Body), vec![]);
}

#[test]
fn capitalization_reads_sentence_and_title_case_with_exceptions() {
    let sentence = style(vec![rule(
        "HeadlineCase",
        "extends: capitalization\nmessage: \"Sentence case: '%s'\"\nscope: heading\nmatch: $sentence\nthreshold: 0.5\nexceptions: [Corbyn]\n",
    )]);
    assert_eq!(
        found(
            &sentence,
            "Corbyn calls for unity in Labour",
            Scope::Headline
        ),
        vec![]
    );
    assert_eq!(
        found(
            &sentence,
            "Council Votes To Close Three Libraries",
            Scope::Headline
        ),
        words(&["Council Votes To Close Three Libraries"])
    );
    assert_eq!(
        found(&sentence, "council votes", Scope::Headline),
        words(&["council votes"]),
        "the first word takes a capital"
    );
    assert_eq!(
        found(&sentence, "BBC and NHS agree a deal", Scope::Headline),
        vec![],
        "capitals of an acronym are not a capitalised word"
    );
    let title = style(vec![rule(
        "Title",
        "extends: capitalization\nmessage: x\nmatch: $title\nthreshold: 1\n",
    )]);
    assert_eq!(
        found(&title, "War and Peace in the Balkans", Scope::Body),
        vec![]
    );
    assert_eq!(
        found(&title, "War And peace", Scope::Body),
        words(&["War And peace"])
    );
    let upper = style(vec![rule(
        "Up",
        "extends: capitalization\nmessage: x\nmatch: $upper\n",
    )]);
    assert_eq!(
        found(&upper, "Breaking", Scope::Body),
        vec![("Breaking".to_owned(), Some("BREAKING".to_owned()))]
    );
    let pattern = style(vec![rule(
        "Kicker",
        "extends: capitalization\nmessage: x\nmatch: '[A-Z][a-z]+:.*'\n",
    )]);
    assert_eq!(found(&pattern, "Exclusive: a story", Scope::Body), vec![]);
    assert_eq!(found(&pattern, "a story", Scope::Body), words(&["a story"]));
}

#[test]
fn scopes_are_read_in_copydesks_names_and_vales() {
    for (scope, expect) in [
        ("headline", vec![Scope::Headline]),
        ("heading", vec![Scope::Headline]),
        ("summary", vec![Scope::Standfirst]),
        ("[body, caption]", vec![Scope::Body, Scope::Caption]),
        ("text", vec![]),
    ] {
        let r = rule(
            "S",
            &format!("extends: existence\nmessage: x\nscope: {scope}\ntokens: [a]\n"),
        );
        assert_eq!(r.scopes, expect, "{scope}");
    }
    let r = rule("S", "extends: existence\nmessage: x\ntokens: [a]\n");
    assert!(r.scopes.is_empty(), "everywhere by default");
    assert_eq!(r.level, Level::Suggestion, "Vale's default level");
}

#[test]
fn a_bad_pattern_names_the_file_the_line_and_the_rule() {
    let e = Style::parse_rule(
        Path::new("/desk/style/Broken.yml"),
        "extends: existence\nmessage: x\ntokens:\n  - fine\n  - 'bad(pattern'\n",
    )
    .unwrap_err();
    assert_eq!(e.file, Path::new("/desk/style/Broken.yml"));
    assert_eq!(e.line, 5, "{e}");
    assert_eq!(e.rule, "Broken");
    let said = e.to_string();
    assert!(
        said.starts_with("/desk/style/Broken.yml, line 5: the rule Broken has a pattern that cannot be read (\"bad(pattern\""),
        "{said}"
    );
    assert!(said.ends_with("; fix or remove it"), "{said}");
    // in a swap too, at the swap's line
    let e = Style::parse_rule(
        Path::new("/s/Swap.yml"),
        "extends: substitution\nmessage: x\nswap:\n  good: fine\n  '[unclosed': x\n",
    )
    .unwrap_err();
    assert_eq!((e.line, e.rule.as_str()), (5, "Swap"), "{e}");
}

#[test]
fn an_unknown_kind_is_named_with_the_kinds_that_are_read() {
    let e = Style::parse_rule(
        Path::new("/desk/style/Terms.yml"),
        "# terms\nmessage: x\nextends: consistency\neither:\n  advisor: adviser\n",
    )
    .unwrap_err();
    assert_eq!(e.line, 3);
    assert_eq!(
        e.to_string(),
        "/desk/style/Terms.yml, line 3: the rule Terms is of kind “consistency”, which Copydesk \
         does not read; it reads existence, substitution, occurrence and capitalization (remove \
         the rule, or run it in Vale)"
    );
}

#[test]
fn other_mistakes_are_said_with_what_to_do() {
    for (yaml, line, says) in [
        (
            "message: x\ntokens: [a]\n",
            1,
            "says no kind; add `extends: existence`",
        ),
        (
            "extends: existence\nmessage: x\n",
            1,
            "lists nothing to look for",
        ),
        (
            "extends: existence\nlevel: fatal\ntokens: [a]\n",
            2,
            "has level “fatal”; use error, warning or suggestion",
        ),
        (
            "extends: existence\nscope: footer\ntokens: [a]\n",
            2,
            "has scope “footer”",
        ),
        (
            "extends: occurrence\ntoken: '!'\n",
            1,
            "has no limit; add `max:` or `min:`",
        ),
        (
            "extends: occurrence\ntoken: '!'\nmax: -1\n",
            3,
            "not a whole number",
        ),
        (
            "extends: substitution\nswap: [a, b]\n",
            2,
            "not a list of `found: use instead` lines",
        ),
        (
            "extends: capitalization\nmatch: $sentence\nthreshold: 2\n",
            3,
            "not a number from 0 to 1",
        ),
        (
            "extends: existence\n  tokens: [\n",
            2,
            "is not YAML Copydesk can read",
        ),
        ("", 1, "is empty"),
        ("- a\n- b\n", 1, "is not a list of `key: value` lines"),
    ] {
        let e = Style::parse_rule(Path::new("/s/R.yml"), yaml).unwrap_err();
        assert!(e.to_string().contains(says), "{yaml:?}: {e}");
        assert_eq!(e.line, line, "{yaml:?}: {e}");
    }
}

#[test]
fn deeply_nested_yaml_is_an_error_not_a_crash() {
    let deep = format!(
        "extends: existence\ntokens: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let e = Style::parse_rule(Path::new("/s/Deep.yml"), &deep).unwrap_err();
    assert_eq!(e.rule, "Deep");
}

#[test]
fn a_style_folder_keeps_its_good_rules_beside_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk");
    let mine = dir.path().join("mine");
    std::fs::create_dir_all(&desk).unwrap();
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(
        desk.join("Hype.yml"),
        "extends: existence\nmessage: x\ntokens: [slammed]\n",
    )
    .unwrap();
    std::fs::write(
        desk.join("Broken.yml"),
        "extends: existence\nmessage: x\ntokens: ['(']\n",
    )
    .unwrap();
    std::fs::write(
        desk.join("Repeat.yml"),
        "extends: repetition\nmessage: x\ntokens: ['[^\\s]+']\n",
    )
    .unwrap();
    std::fs::write(desk.join("notes.txt"), "not a rule").unwrap();
    std::fs::write(
        desk.join("grammar-off.txt"),
        "# harper rules this desk does not want\nPassiveVoice\n\n  LongSentences # too many\n",
    )
    .unwrap();
    std::fs::write(
        desk.join("PerCent.yml"),
        "extends: substitution\nmessage: x\nswap:\n  percent: per cent\n",
    )
    .unwrap();
    // the user's own rule of the same name replaces the desk's
    std::fs::write(
        mine.join("PerCent.yml"),
        "extends: substitution\nmessage: x\nswap:\n  percent: '%'\n",
    )
    .unwrap();
    let s = Style::load(&[desk.clone(), mine, dir.path().join("missing")]);
    let names: Vec<&str> = s.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Hype", "PerCent"]);
    assert_eq!(s.grammar_off, ["PassiveVoice", "LongSentences"]);
    let broken: Vec<&str> = s.errors.iter().map(|e| e.rule.as_str()).collect();
    assert_eq!(broken, ["Broken", "Repeat"]);
    assert_eq!(
        found(&s, "They slammed a 5 percent rise.", Scope::Body),
        vec![
            ("slammed".to_owned(), None),
            ("percent".to_owned(), Some("%".to_owned()))
        ]
    );
    // Vale's styles folder: one folder per style, read one level down
    let vale = Style::load(&[dir.path().to_path_buf()]);
    let names: Vec<&str> = vale.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Hype", "PerCent"]);
    assert_eq!(vale.errors.len(), 2);
}

#[test]
fn the_sample_style_reads_whole() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/styles/CopydeskNews");
    let s = Style::load(&[dir]);
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert!(s.rules.len() >= 18, "{}", s.rules.len());
    for kind in ["existence", "substitution", "occurrence", "capitalization"] {
        assert!(
            s.rules.iter().any(|r| matches!(
                (&r.kind, kind),
                (Kind::Existence { .. }, "existence")
                    | (Kind::Substitution { .. }, "substitution")
                    | (Kind::Occurrence { .. }, "occurrence")
                    | (Kind::Capitalization { .. }, "capitalization")
            )),
            "the sample shows {kind}"
        );
    }
}

#[test]
fn the_built_in_sample_is_the_shipped_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/styles/CopydeskNews");
    let folder = Style::load(&[dir]);
    let built_in = Style::sample(&[]);
    assert!(built_in.errors.is_empty(), "{:?}", built_in.errors);
    let names = |s: &Style| s.rules.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&built_in),
        names(&folder),
        "every file of the folder is built in"
    );
}

#[test]
fn paragraphs_are_split_at_blank_lines() {
    let body = "\n\nFirst line\nsame paragraph.\n\n  \n\nSecond.\n \nThird.\n\n";
    let p: Vec<&str> = paragraphs(body).into_iter().map(|r| &body[r]).collect();
    assert_eq!(p, ["First line\nsame paragraph.", "Second.", "Third."]);
    assert!(paragraphs("").is_empty());
}

#[test]
fn prose_blanks_markup_and_addresses_byte_for_byte() {
    let body =
        "**Fury** at [the council](https://example.com/fury) — see www.fury.org\n\n[[related:x]]";
    let p = prose(body, true);
    assert_eq!(p.len(), body.len());
    assert!(p.contains("  Fury   at  the council "), "{p:?}");
    assert!(!p.contains("example") && !p.contains("www") && !p.contains("related"));
    assert_eq!(&p[p.find('—').unwrap()..][..3], "—");
}

fn checker(style_yaml: &[(&str, &str)]) -> Checker {
    Checker {
        grammar: None,
        style: Some(Arc::new(style(
            style_yaml.iter().map(|(n, y)| rule(n, y)).collect(),
        ))),
    }
}

#[test]
fn the_body_is_read_paragraph_by_paragraph_in_its_own_bytes() {
    let mut c = checker(&[(
        "Sensational",
        "extends: existence\nmessage: x\nignorecase: true\ntokens: [fury]\n",
    )]);
    let mut a = Article::new();
    a.headline = "Fury over fares".into();
    a.body = "First paragraph.\n\n**Fury** at the [fury](https://fury.example) vote.\n\n[[related:fury]]".into();
    let found = c.check_article(&a);
    let places: Vec<(TextField, &str)> = found
        .iter()
        .map(|(f, x)| (*f, &f.get(&a).unwrap()[x.range.clone()]))
        .collect();
    assert_eq!(
        places,
        [
            (TextField::Headline, "Fury"),
            (TextField::Body, "Fury"),
            (TextField::Body, "fury")
        ]
    );
    let (_, link) = &found[2];
    assert_eq!(
        &a.body[link.range.start - 1..link.range.start],
        "[",
        "the link's words, not its address"
    );
}

#[test]
fn the_caption_is_read_only_with_a_picture() {
    let mut a = Article::new();
    assert!(!checked_fields(&a).contains(&TextField::ImageCaption));
    a.image = Some(Image::default());
    assert!(checked_fields(&a).contains(&TextField::ImageCaption));
}

#[test]
fn a_style_error_blocks_publishing_and_the_rest_are_warnings() {
    let f = |source, level| Finding {
        range: 4..11,
        rule: "Hype".into(),
        source,
        level,
        message: "It takes sides.".into(),
        replacements: vec!["said".into()],
    };
    let text = "She slammed it.";
    let p = problem(TextField::Body, text, &f(Source::Style, Level::Error));
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(
        p.message,
        "“slammed” in the body: It takes sides. (house style: Hype); use “said”"
    );
    assert_eq!((p.offset, p.length), (Some(4), Some(7)));
    assert_eq!(
        problem(TextField::Body, text, &f(Source::Style, Level::Warning)).severity,
        Severity::Warning
    );
    let s = problem(TextField::Body, text, &f(Source::Style, Level::Suggestion));
    assert_eq!(s.severity, Severity::Warning);
    assert!(
        s.message.contains("(house style suggestion: Hype)"),
        "a suggestion says so: {}",
        s.message
    );
    let g = problem(TextField::Headline, text, &f(Source::Grammar, Level::Error));
    assert_eq!(g.severity, Severity::Warning, "grammar never blocks");
    assert!(g.message.contains("(grammar: Hype)"), "{}", g.message);
}

#[test]
fn dialects_follow_the_language_tag() {
    use harper_core::Dialect;
    assert_eq!(grammar::dialect("en-GB"), Some(Dialect::British));
    assert_eq!(grammar::dialect("en_gb"), Some(Dialect::British));
    assert_eq!(grammar::dialect("en-US"), Some(Dialect::American));
    assert_eq!(grammar::dialect("en"), Some(Dialect::American));
    assert_eq!(grammar::dialect("en-AU"), Some(Dialect::Australian));
    assert_eq!(grammar::dialect("en-CA"), Some(Dialect::Canadian));
    assert_eq!(grammar::dialect("de"), None);
    assert_eq!(grammar::dialect(""), None);
}

/// A related-link anchor with words after it in its paragraph read as a run of spaces to
/// harper ("French spaces"): nothing found on markup is kept, or its fix (a blank) would
/// delete the link.
#[test]
fn nothing_is_found_on_an_anchor() {
    let mut c = Checker {
        grammar: Some(Grammar::new(grammar::Dialect::British, &[])),
        style: None,
    };
    for para in [
        "[[related:eagle-challenge]] The council met.",
        "[[related:eagle-challenge]]\nThe council met.",
        "The council met. [[related:eagle-challenge]]  Then it voted.",
    ] {
        let found = c.check_text(para, Scope::Body, true);
        assert!(
            found
                .iter()
                .all(|f| f.range.end <= para.find('[').unwrap_or(0)
                    || f.range.start >= para.find(']').map_or(0, |i| i + 2)),
            "{para:?}: {found:?}"
        );
    }
}
