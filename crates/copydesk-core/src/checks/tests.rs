use chrono::{NaiveDate, NaiveTime, TimeZone};
use proptest::prelude::*;

use super::*;
use crate::article::{Image, RelatedLink};

/// Noon UTC on 4 July 2016, the reference story's day.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2016, 7, 4, 12, 0, 0).unwrap()
}

fn london(y: i32, m: u32, d: u32, time: Option<(u32, u32)>) -> Stamp {
    Stamp::new(
        NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        time.map(|(h, min)| NaiveTime::from_hms_opt(h, min, 0).unwrap()),
        chrono_tz::Europe::London,
    )
}

fn link(id: &str, url: &str) -> RelatedLink {
    RelatedLink {
        id: id.into(),
        title: format!("Story {id}"),
        url: url.into(),
        ..Default::default()
    }
}

/// A story that passes every check.
fn good() -> Article {
    let mut a = Article::new();
    a.headline = "Corbyn appeals to Labour MPs for unity".into();
    a.published = Some(london(2016, 7, 4, None));
    a.status = Status::Published;
    a.image = Some(Image {
        source: "corbyn.jpg".into(),
        caption: "Jeremy Corbyn".into(),
        credit: "Labour Party".into(),
        alt: "Jeremy Corbyn speaking to camera".into(),
        ..Default::default()
    });
    a.related = vec![link("eagle", "https://example.com/eagle")];
    a.body = "He said: \"Now.\"\n\n[[related:eagle]]\n\nMore text.\n".into();
    a
}

fn run(a: &Article) -> Vec<Problem> {
    check(a, now())
}

/// The problems concerning one field.
fn on(a: &Article, field: Field) -> Vec<Problem> {
    run(a).into_iter().filter(|p| p.field == field).collect()
}

/// The problems concerning the picture, whichever of its fields.
fn on_image(a: &Article) -> Vec<Problem> {
    run(a)
        .into_iter()
        .filter(|p| {
            matches!(
                p.field,
                Field::Image
                    | Field::ImageSource
                    | Field::ImageCaption
                    | Field::ImageCredit
                    | Field::ImageAlt
            )
        })
        .collect()
}

/// The problems concerning related link `i`, whichever of its fields.
fn on_link(a: &Article, i: usize) -> Vec<Problem> {
    run(a)
        .into_iter()
        .filter(|p| {
            matches!(p.field, Field::Related(n) | Field::RelatedTitle(n) | Field::RelatedUrl(n) if n == i)
        })
        .collect()
}

fn body_problems(a: &Article) -> Vec<Problem> {
    run(a)
        .into_iter()
        .filter(|p| p.field == Field::Body)
        .collect()
}

fn with_body(body: &str) -> Article {
    let mut a = good();
    a.body = format!("{body}\n\n[[related:eagle]]\n");
    a
}

#[test]
fn a_good_story_has_no_problems() {
    assert_eq!(run(&good()), vec![]);
}

#[test]
fn the_reference_story_has_no_problems_but_its_missing_picture() {
    let mut a = crate::format::from_bytes(crate::SAMPLE_STORY.as_bytes()).unwrap();
    // Its caption and credit stand for a picture it does not have (issue: "the sample itself
    // says No problems"): that one warning, and nothing else.
    let found = run(&a);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].field, Field::ImageSource);
    assert!(
        found[0]
            .message
            .contains("caption or credit but no picture")
    );
    // with a picture: no problems, on the day it ran, nor years later
    a.image.as_mut().unwrap().source = "https://example.com/corbyn.jpg".into();
    assert_eq!(run(&a), vec![]);
    assert_eq!(check(&a, Utc::now()), vec![]);
}

// --- headlines -------------------------------------------------------------------------------

fn headline_of(chars: usize) -> String {
    // Words of four letters and a space, cut to length, never ending in a space.
    let mut h: String = "Word ".repeat(chars).chars().take(chars).collect();
    if h.ends_with(' ') {
        h.pop();
        h.push('!');
    }
    assert_eq!(char_count(&h), chars);
    h
}

#[test]
fn headline_missing_is_an_error() {
    for h in ["", "   ", "\n\t"] {
        let mut a = good();
        a.headline = h.into();
        let p = on(&a, Field::Headline);
        assert_eq!(p.len(), 1, "{h:?}");
        assert_eq!(p[0].severity, Severity::Error);
        assert_eq!(p[0].message, "headline is missing; write one");
    }
}

#[test]
fn headline_hard_limit_both_sides() {
    let mut a = good();
    a.seo_headline = "Short".into();
    a.headline = headline_of(HEADLINE_HARD_LIMIT);
    assert_eq!(char_count(&a.headline), 110);
    assert_eq!(on(&a, Field::Headline), vec![]);
    a.headline = headline_of(HEADLINE_HARD_LIMIT + 1);
    assert_eq!(
        on(&a, Field::Headline),
        vec![Problem::error(
            Field::Headline,
            "headline is 111 characters; the limit is 110"
        )]
    );
    a.headline = headline_of(112);
    assert_eq!(
        on(&a, Field::Headline)[0].message,
        "headline is 112 characters; the limit is 110"
    );
}

#[test]
fn headline_search_limit_both_sides() {
    let mut a = good();
    a.headline = headline_of(HEADLINE_SEARCH_LIMIT);
    assert_eq!(on(&a, Field::Headline), vec![]);
    a.headline = headline_of(HEADLINE_SEARCH_LIMIT + 1);
    let p = on(&a, Field::Headline);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].severity, Severity::Warning);
    assert_eq!(
        p[0].message,
        "headline is 71 characters and search results show only 70; shorten it or add an SEO \
         headline"
    );
    // An SEO headline is what search results show, so the long headline is fine.
    a.seo_headline = "Corbyn appeals for unity".into();
    assert_eq!(on(&a, Field::Headline), vec![]);
    // but not past the hard limit
    a.headline = headline_of(HEADLINE_HARD_LIMIT + 1);
    assert_eq!(on(&a, Field::Headline)[0].severity, Severity::Error);
}

#[test]
fn seo_headline_limit_both_sides() {
    let mut a = good();
    a.seo_headline = headline_of(SEO_HEADLINE_LIMIT);
    assert_eq!(on(&a, Field::SeoHeadline), vec![]);
    a.seo_headline = headline_of(SEO_HEADLINE_LIMIT + 1);
    assert_eq!(
        on(&a, Field::SeoHeadline),
        vec![Problem::warning(
            Field::SeoHeadline,
            "SEO headline is 61 characters; the limit is 60"
        )]
    );
    // empty means "not set", never a problem
    a.seo_headline = String::new();
    assert_eq!(on(&a, Field::SeoHeadline), vec![]);
}

#[test]
fn characters_are_counted_as_readers_see_them() {
    // "é" as e + combining acute, a flag, a family emoji: one character each
    assert_eq!(char_count("e\u{301}"), 1);
    assert_eq!(char_count("🇬🇧"), 1);
    assert_eq!(char_count("👨‍👩‍👧"), 1);
    assert_eq!(char_count("  Café  "), 4);
    assert_eq!(char_count("“Now”"), 5);
    // 110 accented characters are within the limit even though they are 330 bytes
    let mut a = good();
    a.seo_headline = "Short".into();
    a.headline = "e\u{301}".repeat(HEADLINE_HARD_LIMIT);
    assert!(on(&a, Field::Headline).is_empty());
    a.headline.push('é');
    assert_eq!(on(&a, Field::Headline)[0].severity, Severity::Error);
}

// --- slug ------------------------------------------------------------------------------------

#[test]
fn slug_checks() {
    let mut a = good();
    a.slug = "corbyn-unity-2016".into();
    assert_eq!(on(&a, Field::Slug), vec![]);
    a.slug = "Corbyn Unity".into();
    let p = on(&a, Field::Slug);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].severity, Severity::Error);
    assert_eq!(
        p[0].message,
        "slug may contain only lowercase letters a–z, digits and hyphens; change it to \
         something like “corbyn-unity”"
    );
    for bad in ["-corbyn", "corbyn-", "a--b", " x"] {
        a.slug = bad.into();
        assert_eq!(on(&a, Field::Slug).len(), 1, "{bad:?}");
    }
    a.slug = "!!!".into();
    assert!(
        on(&a, Field::Slug)[0]
            .message
            .ends_with("digits and hyphens")
    );
    // empty: made from the headline, which is fine unless the headline makes no slug
    a.slug = String::new();
    assert_eq!(on(&a, Field::Slug), vec![]);
    a.headline = "!!! ???".into();
    assert_eq!(on(&a, Field::Slug)[0].severity, Severity::Error);
    // a missing headline is reported once, on the headline
    a.headline = String::new();
    assert_eq!(on(&a, Field::Slug), vec![]);
}

// --- dates -----------------------------------------------------------------------------------

#[test]
fn publication_date_is_required() {
    let mut a = good();
    a.published = None;
    assert_eq!(
        on(&a, Field::Published),
        vec![Problem::error(
            Field::Published,
            "the story has no publication date; add one"
        )]
    );
}

#[test]
fn published_under_a_future_embargo_is_an_error() {
    let mut a = good();
    // 13:01 BST is 12:01 UTC: a minute after `now`
    a.embargo = Some(london(2016, 7, 4, Some((13, 1))));
    let p = on(&a, Field::Embargo);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].severity, Severity::Error);
    assert_eq!(
        p[0].message,
        "the story is marked published but is embargoed until 4th July 2016, 13:01 BST; set it \
         back to approved or lift the embargo"
    );
    assert_eq!(embargo_in_force(&a, now()), a.embargo);
    // not yet published: the embargo is in force but nothing is wrong
    a.status = Status::Approved;
    assert_eq!(on(&a, Field::Embargo), vec![]);
    assert!(embargo_in_force(&a, now()).is_some());
    // exactly now: lifted
    a.status = Status::Published;
    a.embargo = Some(london(2016, 7, 4, Some((13, 0))));
    assert_eq!(on(&a, Field::Embargo), vec![]);
    assert_eq!(embargo_in_force(&a, now()), None);
    // a day without a time means midnight in that zone
    a.embargo = Some(london(2016, 7, 5, None));
    assert!(
        on(&a, Field::Embargo)[0]
            .message
            .contains("5th July 2016 (Europe/London)")
    );
    a.embargo = None;
    assert_eq!(embargo_in_force(&a, now()), None);
}

// --- image -----------------------------------------------------------------------------------

#[test]
fn image_caption_and_credit() {
    let cases = [
        (
            "",
            "",
            Some("the image has no caption or credit; add a caption and credit"),
        ),
        (
            "",
            "PA",
            Some("the image has no caption; add one saying what it shows"),
        ),
        (
            "Cap",
            " ",
            Some("the image has no credit; add who took or owns it"),
        ),
        ("Cap", "PA", None),
    ];
    for (caption, credit, want) in cases {
        let mut a = good();
        let img = a.image.as_mut().unwrap();
        img.caption = caption.into();
        img.credit = credit.into();
        let got: Vec<String> = on_image(&a).into_iter().map(|p| p.message).collect();
        assert_eq!(got, want.into_iter().map(String::from).collect::<Vec<_>>());
        assert!(on_image(&a).iter().all(|p| p.severity == Severity::Warning));
    }
}

#[test]
fn image_alt_text_or_decorative() {
    let mut a = good();
    a.image.as_mut().unwrap().alt = " ".into();
    let p = on_image(&a);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].severity, Severity::Warning);
    assert!(p[0].message.contains("no alt text"));
    a.image.as_mut().unwrap().decorative = true;
    assert_eq!(on_image(&a), vec![]);
}

#[test]
fn no_image_or_an_empty_one_is_fine() {
    let mut a = good();
    a.image = None;
    assert_eq!(run(&a), vec![]);
    a.image = Some(Image::default());
    assert_eq!(run(&a), vec![]);
}

// --- related links ---------------------------------------------------------------------------

#[test]
fn related_urls_must_be_http_with_a_host() {
    let ok = [
        "https://example.com/eagle",
        "http://example.com",
        "  https://www.politicshome.com/news/x  ",
        "HTTPS://EXAMPLE.COM/A",
    ];
    for url in ok {
        let mut a = good();
        a.related[0].url = url.into();
        assert_eq!(on_link(&a, 0), vec![], "{url}");
    }
    let bad = [
        ("", "has no URL"),
        ("   ", "has no URL"),
        ("example.com/eagle", "invalid URL"),
        ("not a url", "spaces in it"),
        ("https://example.com/a b", "spaces in it"),
        ("https://", "invalid URL"),
        ("ftp://example.com/x", "not a web address (ftp:)"),
        ("mailto:desk@example.com", "not a web address (mailto:)"),
        ("javascript:alert(1)", "not a web address (javascript:)"),
        ("file:///etc/passwd", "not a web address (file:)"),
    ];
    for (url, says) in bad {
        let mut a = good();
        a.related[0].url = url.into();
        let p = on_link(&a, 0);
        assert_eq!(p.len(), 1, "{url}: {p:?}");
        assert_eq!(p[0].severity, Severity::Error);
        assert!(
            p[0].message.starts_with("related link 1 (“Story eagle”) "),
            "{}",
            p[0].message
        );
        assert!(p[0].message.contains(says), "{url}: {}", p[0].message);
    }
}

#[test]
fn the_same_page_twice_is_a_warning() {
    let same = [
        "https://example.com/eagle",
        "http://example.com/eagle",
        "https://EXAMPLE.com/eagle/",
        "https://example.com:443/eagle#top",
    ];
    for url in same {
        let mut a = good();
        a.related.push(link("again", url));
        a.body.push_str("\n[[related:again]]\n");
        let p = on_link(&a, 1);
        assert_eq!(p.len(), 1, "{url}");
        assert_eq!(p[0].severity, Severity::Warning);
        assert_eq!(
            p[0].message,
            "related link 2 (“Story again”) links to the same page as related link 1; remove one \
             of them"
        );
        assert_eq!(on_link(&a, 0), vec![]);
    }
    for other in [
        "https://example.com/eagle2",
        "https://example.com/eagle?page=2",
        "https://example.org/eagle",
        "https://example.com:8443/eagle",
    ] {
        let mut a = good();
        a.related.push(link("again", other));
        a.body.push_str("\n[[related:again]]\n");
        assert_eq!(run(&a), vec![], "{other}");
    }
}

#[test]
fn an_anchor_naming_no_link_is_an_error_at_the_anchor() {
    let mut a = good();
    a.body.push_str("\n[[related:gone]]\n");
    let at = a.body.find("[[related:gone]]").unwrap();
    assert_eq!(
        body_problems(&a),
        vec![
            Problem::error(
                Field::Body,
                "the body places related link “gone”, but the story has no link with that id; add \
             the link or remove [[related:gone]]"
            )
            .at(at)
            .spanning("[[related:gone]]".len())
        ]
    );
    // inside running text too
    a.body = "Read [[related:eagle]] and [[related:nope]] now.".into();
    let at = a.body.find("[[related:nope]]").unwrap();
    let p = body_problems(&a);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].place(), (Field::Body, Some(at)));
}

#[test]
fn a_link_never_placed_is_a_warning() {
    let mut a = good();
    a.related
        .push(link("mcdonnell", "https://example.com/steel"));
    assert_eq!(
        on_link(&a, 1),
        vec![Problem::warning(
            Field::Related(1),
            "related link 2 (“Story mcdonnell”) is never placed in the body; put \
             [[related:mcdonnell]] on its own line where it should appear, or remove the link"
        )]
    );
    a.body.push_str("\n[[related:mcdonnell]]\n");
    assert_eq!(run(&a), vec![]);
}

#[test]
fn link_ids_must_be_there_and_unique() {
    let mut a = good();
    a.related.push(link("eagle", "https://example.com/other"));
    let p = on_link(&a, 1);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].severity, Severity::Error);
    assert!(p[0].message.contains("same id “eagle” as related link 1"));
    a.related[1].id = " ".into();
    a.related[1].title = String::new();
    let p = on_link(&a, 1);
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].message,
        "related link 2 has no id, so the body cannot place it; give it one"
    );
}

// --- body ------------------------------------------------------------------------------------

#[test]
fn an_empty_body_is_an_error() {
    for body in [
        "",
        "  \n\n ",
        "[[related:eagle]]",
        "---\n\n[[related:eagle]]\n",
    ] {
        let mut a = good();
        a.body = body.into();
        let p: Vec<Problem> = body_problems(&a);
        assert_eq!(
            p,
            vec![Problem::error(
                Field::Body,
                "the body is empty; write the story"
            )],
            "{body:?}"
        );
    }
    let mut a = good();
    a.body = "One word.".into();
    a.related.clear();
    assert_eq!(run(&a), vec![]);
}

#[test]
fn placeholders_are_whole_words() {
    let flagged = [
        ("The minister, TK, said.", "TK"),
        ("TKTK", "TKTK"),
        ("Turnout was TKTKTK per cent.", "TKTKTK"),
        ("Name: XXX.", "XXX"),
        ("Name: xxx.", "xxx"),
        ("(XXXX)", "XXXX"),
        ("**TK** figures", "TK"),
        ("See [TK](https://example.com).", "TK"),
    ];
    for (text, word) in flagged {
        let a = with_body(text);
        let p = body_problems(&a);
        assert_eq!(p.len(), 1, "{text:?}: {p:?}");
        assert_eq!(p[0].severity, Severity::Warning);
        let (Field::Body, Some(at)) = p[0].place() else {
            panic!()
        };
        assert_eq!(&a.body[at..at + word.len()], word, "{text:?}");
        assert!(
            p[0].message
                .starts_with(&format!("placeholder “{word}” left in the paragraph"))
        );
    }
    let clean = [
        "A TKO in the third round.",
        "Tkachenko scored twice; the tk tag.",
        "Sizes XXL and XX.",
        "XXXL jumpers",
        "The storeTK and TKs.",
        "He went to https://example.com/TK or www.example.com/XXX yesterday.",
        "[the report](https://example.com/XXX)",
    ];
    for text in clean {
        assert_eq!(body_problems(&with_body(text)), vec![], "{text:?}");
    }
}

#[test]
fn every_placeholder_is_reported_where_it_is() {
    let a = with_body("TK and TK.\n\nLater XXX.");
    let at: Vec<usize> = body_problems(&a)
        .into_iter()
        .map(|p| p.offset.unwrap())
        .collect();
    assert_eq!(at, vec![0, 7, 18]);
}

#[test]
fn placeholders_in_other_fields() {
    let mut a = good();
    a.headline = "Minister TK resigns".into();
    a.standfirst = "XXX".into();
    a.image.as_mut().unwrap().credit = "TK".into();
    a.related[0].title = "TKTK".into();
    let p = run(&a);
    let fields: Vec<&Field> = p.iter().map(|p| &p.field).collect();
    assert_eq!(
        fields,
        vec![
            &Field::Headline,
            &Field::Standfirst,
            &Field::ImageCredit,
            &Field::RelatedTitle(0)
        ]
    );
    assert!(p.iter().all(|p| p.severity == Severity::Warning));
    assert_eq!(
        p[0].message,
        "placeholder “TK” left in the headline; replace it with the missing text"
    );
}

// --- quotation marks -------------------------------------------------------------------------

#[test]
fn balanced_quotes_pass() {
    for text in [
        "He said: \"Now.\"",
        "He said “now” and “then”.",
        "\"Carrying on\", he said, \"with the job.\"",
        "(\"Steel\") was the word.",
        "He won't go; Labour's MPs and Corbyn's office say it isn’t over. ‘Steel’, he said.",
        "They called it \"the 'steel' speech\".",
        "No quotes at all.",
        "Stand down \"with his dignity intact\".",
    ] {
        assert_eq!(body_problems(&with_body(text)), vec![], "{text:?}");
    }
}

#[test]
fn the_running_quotation_convention_does_not_warn() {
    let body = "He said: \"Only nine months ago.\n\n\
                \"I have a huge responsibility, I’m carrying on.\n\n\
                \"That’s what the Labour party stands for.\"\n\n\
                One MP said: “He is under pressure.\n\n\
                “Even people who voted for him won't do it again.”";
    assert_eq!(body_problems(&with_body(body)), vec![]);
    // a related link set between the paragraphs of a quotation does not break it
    let body = "He said: \"Only nine months ago.\n\n[[related:eagle]]\n\n\"That is all.\"";
    let mut a = good();
    a.body = body.into();
    assert_eq!(run(&a), vec![]);
}

#[test]
fn a_quotation_never_closed_warns_at_its_paragraph() {
    let body = "First.\n\nHe said: \"Only nine months ago.\n\nThe MP left.";
    let a = with_body(body);
    let at = a.body.find("He said").unwrap();
    assert_eq!(
        body_problems(&a),
        vec![
            Problem::warning(
                Field::Body,
                "the paragraph starting “He said: \"Only nine months ago.” opens a quotation that \
             is never closed; close it, or open the next paragraph with a quotation mark if the \
             quotation goes on"
            )
            .at(at)
        ]
    );
    // the last paragraph of a running quotation must close it
    let a = with_body("He said: \"One.\n\n\"Two.\n\n\"Three.");
    let p = body_problems(&a);
    assert_eq!(p.len(), 1);
    assert_eq!(
        p[0].place(),
        (Field::Body, Some(a.body.find("\"Three").unwrap()))
    );
    // at the very end of the body
    let mut a = good();
    a.body = "[[related:eagle]]\n\nHe said: “Now".into();
    assert_eq!(body_problems(&a).len(), 1);
}

#[test]
fn a_closing_mark_with_no_opening_warns() {
    for text in [
        "He said now.” Then left.",
        "He said now,\" then left.",
        "“A” and ” b",
    ] {
        let a = with_body(text);
        let p = body_problems(&a);
        assert_eq!(p.len(), 1, "{text:?}");
        assert_eq!(p[0].place(), (Field::Body, Some(0)));
        assert!(
            p[0].message
                .contains("closes a quotation that was never opened")
        );
    }
}

#[test]
fn quotes_are_checked_in_quotations_lists_and_subheadings() {
    let body = "> Quoted \"speech\n\n- item \"one\n- item two\n\n## Sub \"head";
    let a = with_body(body);
    let at: Vec<(Field, Option<usize>)> =
        body_problems(&a).into_iter().map(|p| p.place()).collect();
    assert_eq!(
        at,
        vec![
            (Field::Body, Some(body.find("Quoted").unwrap())),
            (Field::Body, Some(body.find("- item \"one").unwrap())),
            (Field::Body, Some(body.find("## Sub").unwrap())),
        ]
    );
}

#[test]
fn quote_balance_rules() {
    use QuoteBalance::*;
    assert_eq!(quote_balance("\"a\""), Balanced);
    assert_eq!(quote_balance("x\"y\"z"), Balanced);
    assert_eq!(quote_balance("“a “b” c”"), Balanced);
    assert_eq!(quote_balance("\"a"), Unclosed);
    assert_eq!(quote_balance("a\""), StrayClose);
    assert_eq!(quote_balance("it's Labour’s ‘own’ 'goal'"), Balanced);
}

// --- order and counts ------------------------------------------------------------------------

#[test]
fn errors_first_then_field_order() {
    let mut a = good();
    a.headline = headline_of(80); // warning
    a.published = None; // error
    a.image.as_mut().unwrap().alt.clear(); // warning
    a.related.push(link("x", "ftp://example.com")); // error + never placed warning
    a.body.push_str("\n\n\"TK\n\n[[related:nope]]"); // warnings + error
    let p = run(&a);
    let got: Vec<(Severity, (Field, Option<usize>))> =
        p.iter().map(|p| (p.severity, p.place())).collect();
    let nope = a.body.find("[[related:nope]]").unwrap();
    let tk = a.body.find("\"TK").unwrap();
    assert_eq!(
        got,
        vec![
            (Severity::Error, (Field::Published, None)),
            (Severity::Error, (Field::RelatedUrl(1), None)),
            (Severity::Error, (Field::Body, Some(nope))),
            (Severity::Warning, (Field::Headline, None)),
            (Severity::Warning, (Field::ImageAlt, None)),
            (Severity::Warning, (Field::Related(1), None)),
            (Severity::Warning, (Field::Body, Some(tk))),
            (Severity::Warning, (Field::Body, Some(tk + 1))),
        ]
    );
    assert_eq!(counts(&p), (3, 5));
    assert_eq!(counts(&[]), (0, 0));
}

#[test]
fn problems_serialise_for_scripts() {
    let p = Problem::error(Field::Related(2), "m");
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        serde_json::json!({"severity": "error", "field": "related", "index": 2, "message": "m"})
    );
    let p = Problem::warning(Field::SeoHeadline, "m");
    assert_eq!(
        serde_json::to_value(&p).unwrap(),
        serde_json::json!({"severity": "warning", "field": "seo_headline", "message": "m"})
    );
}

#[test]
fn snippets_are_short_and_on_one_line() {
    assert_eq!(snippet("  Short.  "), "Short.");
    let long = "word ".repeat(20);
    let s = snippet(&long);
    assert!(s.ends_with('…'));
    assert!(char_count(&s) <= 41);
    assert_eq!(snippet("a\nb"), "a b");
}

// --- never panics ----------------------------------------------------------------------------

/// Text with plenty of the characters the checks look at.
fn texty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 TKX\"“”„'’\\[\\]():*#>_\\n-]{0,120}",
        "(\\[\\[related:[a-z ]{0,4}\\]\\]|TK|XXX|\"|“|”|\\n\\n|> |- |## |e\u{301}|🇬🇧| |word)*",
    ]
}

fn stamp() -> impl Strategy<Value = Option<Stamp>> {
    proptest::option::of(
        (
            1900i32..2100,
            1u32..13,
            1u32..29,
            proptest::option::of((0u32..24, 0u32..60)),
        )
            .prop_map(|(y, m, d, t)| london(y, m, d, t)),
    )
}

fn related() -> impl Strategy<Value = Vec<RelatedLink>> {
    proptest::collection::vec(
        (
            "[a-z ]{0,4}",
            texty(),
            prop_oneof![
                any::<String>(),
                "(https?|ftp|mailto)://?[a-zA-Z.:/#?]{0,20}"
            ],
        )
            .prop_map(|(id, title, url)| RelatedLink {
                id,
                title,
                url,
                ..Default::default()
            }),
        0..4,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_articles_never_panic(
        headline in texty(),
        seo in texty(),
        slug_text in texty(),
        body in texty(),
        published in stamp(),
        embargo in stamp(),
        status in proptest::sample::select(Status::ALL.to_vec()),
        image in proptest::option::of((texty(), texty(), texty(), any::<bool>())),
        related in related(),
        seconds in 0i64..4_000_000_000,
    ) {
        let mut a = Article::new();
        a.headline = headline;
        a.seo_headline = seo;
        a.slug = slug_text;
        a.body = body;
        a.published = published;
        a.embargo = embargo;
        a.status = status;
        a.image = image.map(|(caption, credit, alt, decorative)| Image {
            caption, credit, alt, decorative, ..Default::default()
        });
        a.related = related;
        let now = Utc.timestamp_opt(seconds, 0).unwrap();
        let problems = check(&a, now);
        // sorted, body offsets on character boundaries, every message a sentence
        for w in problems.windows(2) {
            prop_assert!((w[0].severity, w[0].field, w[0].offset) <= (w[1].severity, w[1].field, w[1].offset));
        }
        for p in &problems {
            if let (Field::Body, Some(at)) = p.place() {
                prop_assert!(a.body.is_char_boundary(at), "{at} in {:?}", a.body);
            }
            if let Field::Related(i) | Field::RelatedTitle(i) | Field::RelatedUrl(i) = p.field {
                prop_assert!(i < a.related.len());
            }
            prop_assert!(!p.message.is_empty() && !p.message.contains('\n'));
        }
        let (e, w) = counts(&problems);
        prop_assert_eq!(e + w, problems.len());
    }
}

/// Found by the property test of deep bodies: a placeholder after a white space of two bytes
/// (NEXT LINE, U+0085) sliced inside it.
#[test]
fn placeholders_after_wide_white_space() {
    for text in ["x\u{85}TK y", "a\u{2028}TKTK", "\u{85}XXX"] {
        let a = with_body(text);
        assert_eq!(body_problems(&a).len(), 1, "{text:?}");
    }
}

/// What `text::placeholders` found before it read ASCII a byte at a time: the reference.
fn placeholders_by_chars(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut check = |start: usize, end: usize| {
        let word = &text[start..end];
        if text::is_placeholder(word) && !text::in_web_address(text, start, end) {
            found.push((start, word));
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            check(start, i);
        }
    }
    if let Some(start) = word_start {
        check(start, text.len());
    }
    found
}

proptest! {
    #[test]
    fn placeholders_are_found_as_reading_by_characters_found_them(
        text in "(TK|xxx|XX|x|T|K|é|TKé|中|[ .:/\\n\\u{a0}\\u{2028}]|www\\.|https://|١|ⅻ){0,30}"
    ) {
        prop_assert_eq!(text::placeholders(&text), placeholders_by_chars(&text));
    }
}

proptest! {
    #[test]
    fn the_checks_find_the_anchors_body_anchors_finds(
        text in "(\\[\\[related:a\\]\\]|\\[\\[related: b \\]\\]|\\[\\[other\\]\\]|\\[\\[|\\]\\]|`|```\\n|    |> |- |\\*|x|\\n|\\n\\n|[ é]){0,40}"
    ) {
        prop_assert_eq!(Reading::read(&text).anchors, crate::markup::anchors(&text));
    }
}
