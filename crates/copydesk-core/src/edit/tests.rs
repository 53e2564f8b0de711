use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::article::RelatedLink;

fn sample() -> Article {
    crate::format::from_bytes(crate::SAMPLE_STORY.as_bytes()).expect("the sample loads")
}

/// Applies `edit`, checks the story changed, undoes it and checks the story is as before;
/// then redoes it and checks it is as after.
fn round_trip(start: &Article, edit: &Edit) -> Article {
    let mut a = start.clone();
    let inverse = edit.clone().apply(&mut a).expect("the edit applies");
    let after = a.clone();
    assert_ne!(&after, start, "{edit:?} changed nothing");
    // what the edit says it cannot change, it did not
    if !edit.may_change_body() {
        assert_eq!(after.body, start.body, "{edit:?} changed the body");
    }
    if !edit.may_change_fields() {
        let mut fields = after.clone();
        fields.body.clone_from(&start.body);
        assert_eq!(&fields, start, "{edit:?} changed a field but the body");
    }
    if edit.only_changes_text() {
        // every text field given back its text: the story as it was
        let mut texts = after.clone();
        for field in TextField::every(start) {
            if let (Some(was), Some(is)) = (field.get(start), field.get_mut(&mut texts)) {
                was.clone_into(is);
            }
        }
        assert_eq!(
            &texts, start,
            "{edit:?} changed more than the text of fields"
        );
    }
    let redo = inverse.apply(&mut a).expect("the inverse applies");
    assert_eq!(&a, start, "undoing {edit:?}");
    redo.apply(&mut a).expect("redo applies");
    assert_eq!(a, after, "redoing {edit:?}");
    after
}

#[test]
fn every_edit_undoes_back_to_the_original() {
    let start = sample();
    let stamp = Stamp::new(
        NaiveDate::from_ymd_opt(2016, 7, 5).expect("a date"),
        None,
        chrono_tz::Europe::Paris,
    );
    let first_para_end = start.body.find("\n\n").expect("two paragraphs");
    let edits = vec![
        Edit::SetText(TextField::Headline, "New headline".into()),
        Edit::SetText(TextField::ImageCredit, "PA".into()),
        Edit::SetText(TextField::RelatedUrl(1), "https://example.com/".into()),
        Edit::Splice {
            field: TextField::Body,
            range: 0..0,
            text: "Breaking: ".into(),
        },
        Edit::Splice {
            field: TextField::Standfirst,
            range: 0..5,
            text: String::new(),
        },
        Edit::SetStamp(StampField::Embargo, Some(stamp)),
        Edit::SetStamp(StampField::Published, None),
        Edit::SetStatus(Status::InReview),
        Edit::SetSpellingIgnore(vec!["Qwrtp".into()]),
        Edit::SetChecksIgnore(vec![crate::article::IgnoredFinding {
            rule: "AnA".into(),
            words: "a".into(),
        }]),
        Edit::SetDecorative(true),
        Edit::SetImage(None),
        Edit::InsertAuthor {
            at: 0,
            name: "Ann".into(),
        },
        Edit::InsertTag {
            at: 0,
            tag: "Politics".into(),
        },
        Edit::InsertRelated {
            at: 1,
            link: RelatedLink {
                id: "new".into(),
                title: "New link".into(),
                url: "https://example.com/new".into(),
                ..Default::default()
            },
        },
        Edit::RemoveRelated(1),
        Edit::MoveRelated { from: 0, to: 2 },
        Edit::PlaceRelated {
            index: 2,
            cursor: first_para_end,
        },
        Edit::ReplaceAll {
            query: "corbyn".into(),
            replacement: "Mr C".into(),
            match_case: false,
        },
        Edit::Replace(Box::default()),
        Edit::Group(vec![
            Edit::SetText(TextField::Section, "News".into()),
            Edit::SetStatus(Status::InReview),
        ]),
    ];
    for edit in edits {
        round_trip(&start, &edit);
    }
    // Authors and tags, once there are some to change and remove.
    let mut people = start.clone();
    people.byline = vec!["Ann".into(), "Bo".into()];
    people.tags = vec!["a".into(), "b".into()];
    round_trip(
        &people,
        &Edit::SetText(TextField::Author(1), "A. N. Other".into()),
    );
    round_trip(&people, &Edit::RemoveAuthor(0));
    round_trip(&people, &Edit::RemoveTag(0));
}

/// Round-trips one sample of every kind of edit (see [`round_trip`]), each on a story it
/// applies to. The kinds are written as the patterns of one `match` on [`Edit`] with no `_`
/// arm, each beside its sample: a new variant of [`Edit`] does not compile until it has a
/// pattern here, a pattern comes only with a sample, and the sample must be of its pattern's
/// kind (two patterns for one kind are an unreachable pattern, which clippy refuses).
macro_rules! round_trip_every_kind {
    ($($kind:pat => ($story:expr, $edit:expr $(,)?)),+ $(,)?) => {{
        /// Which kind `edit` is: the pattern it matches, as written.
        fn kind(edit: &Edit) -> &'static str {
            match edit {
                $($kind => stringify!($kind),)+
            }
        }
        $(
            let story: Article = $story;
            let edit: Edit = $edit;
            assert_eq!(kind(&edit), stringify!($kind), "the sample {edit:?}");
            round_trip(&story, &edit);
        )+
    }};
}

#[test]
fn every_kind_of_edit_round_trips() {
    let start = sample();
    assert!(start.image.as_ref().is_some_and(|i| !i.decorative));
    assert!(start.related.len() >= 3);
    // The sample's byline is empty: one to take from.
    let mut people = start.clone();
    people.byline = vec!["Ann".into(), "Bo".into()];
    let stamp = Stamp::new(
        NaiveDate::from_ymd_opt(2016, 7, 5).expect("a date"),
        None,
        chrono_tz::Europe::Paris,
    );
    let first_word = start.body.find(' ').expect("words");
    let first_para_end = start.body.find("\n\n").expect("two paragraphs");
    let link = RelatedLink {
        id: "new".into(),
        title: "New link".into(),
        url: "https://example.com/new".into(),
        ..Default::default()
    };
    round_trip_every_kind! {
        Edit::SetText(..) => (
            start.clone(),
            Edit::SetText(TextField::Headline, "New headline".into()),
        ),
        Edit::Splice { .. } => (
            start.clone(),
            Edit::Splice {
                field: TextField::Body,
                range: 0..first_word,
                text: "Überall".into(),
            },
        ),
        Edit::SetStamp(..) => (
            start.clone(),
            Edit::SetStamp(StampField::Embargo, Some(stamp)),
        ),
        Edit::SetStatus(_) => (start.clone(), Edit::SetStatus(Status::InReview)),
        Edit::SetDecorative(_) => (start.clone(), Edit::SetDecorative(true)),
        Edit::SetPostLink(_) => (
            start.clone(),
            Edit::SetPostLink(Some(Box::new(PostLink::new(
                "https://news.example.org",
                42,
                "https://news.example.org/2016/07/corbyn/",
                "2016-07-04T09:00:00",
            )))),
        ),
        Edit::SetSpellingIgnore(_) => (
            start.clone(),
            Edit::SetSpellingIgnore(vec!["Qwrtp".into()]),
        ),
        Edit::SetChecksIgnore(_) => (
            start.clone(),
            Edit::SetChecksIgnore(vec![crate::article::IgnoredFinding {
                rule: "PerCent".into(),
                words: "percent".into(),
            }]),
        ),
        Edit::SetComments(_) => (
            start.clone(),
            Edit::SetComments(vec![Comment::new(
                "c1".into(),
                comments::Place::Headline,
                0..5,
                &start.headline,
                "Desk",
                "Which video?",
                chrono::Utc::now(),
            )]),
        ),
        Edit::SetImage(_) => (
            start.clone(),
            Edit::SetImage(Some(Box::new(Image {
                source: "pictures/rally.jpg".into(),
                caption: "A rally".into(),
                credit: "PA".into(),
                alt: "People with placards".into(),
                ..Default::default()
            }))),
        ),
        Edit::InsertAuthor { .. } => (
            people.clone(),
            Edit::InsertAuthor {
                at: 2,
                name: "Cy".into(),
            },
        ),
        Edit::RemoveAuthor(_) => (people.clone(), Edit::RemoveAuthor(1)),
        Edit::InsertTag { .. } => (
            start.clone(),
            Edit::InsertTag {
                at: 0,
                tag: "Politics".into(),
            },
        ),
        Edit::RemoveTag(_) => (start.clone(), Edit::RemoveTag(0)),
        Edit::InsertRelated { .. } => (start.clone(), Edit::InsertRelated { at: 1, link }),
        Edit::RemoveRelated(_) => (start.clone(), Edit::RemoveRelated(0)),
        Edit::MoveRelated { .. } => (start.clone(), Edit::MoveRelated { from: 0, to: 2 }),
        Edit::PlaceRelated { .. } => (
            start.clone(),
            Edit::PlaceRelated {
                index: 2,
                cursor: first_para_end,
            },
        ),
        Edit::ReplaceAll { .. } => (
            start.clone(),
            Edit::ReplaceAll {
                query: "corbyn".into(),
                replacement: "Mr C".into(),
                match_case: false,
            },
        ),
        Edit::Replace(_) => (start.clone(), Edit::Replace(Box::default())),
        Edit::Group(_) => (
            people.clone(),
            Edit::Group(vec![
                Edit::SetText(TextField::Section, "News".into()),
                Edit::RemoveAuthor(0),
                Edit::Splice {
                    field: TextField::Body,
                    range: 0..0,
                    text: "Breaking: ".into(),
                },
            ]),
        ),
    }
}

#[test]
fn removing_a_related_link_takes_its_anchors_and_undo_brings_both_back() {
    let start = sample();
    let id = start.related[0].id.clone();
    assert!(start.body.contains(&markup::related_anchor(&id)));
    let after = round_trip(&start, &Edit::RemoveRelated(0));
    assert!(!after.body.contains(&markup::related_anchor(&id)));
    assert_eq!(after.related.len(), start.related.len() - 1);
}

#[test]
fn replace_all_keeps_only_the_matches_for_undo() {
    let mut a = sample();
    let before = a.clone();
    let inverse = Edit::ReplaceAll {
        query: "Labour".into(),
        replacement: "the party".into(),
        match_case: true,
    }
    .apply(&mut a)
    .expect("applies");
    assert!(!a.body.contains("Labour"));
    // The inverse holds the replaced words, not the body.
    let Edit::Group(splices) = &inverse else {
        panic!("{inverse:?}")
    };
    let kept: usize = splices
        .iter()
        .map(|e| match e {
            Edit::Splice { text, .. } => text.len(),
            other => panic!("{other:?}"),
        })
        .sum();
    // every "Labour" in the story: the body's, and the headline's, tags', titles'…
    let everywhere =
        find::find_in_fields(&before, "Labour", true).len() + before.body.matches("Labour").count();
    assert!(everywhere > before.body.matches("Labour").count());
    assert_eq!(kept, everywhere * "Labour".len());
    assert!(!a.headline.contains("Labour"));
    inverse.apply(&mut a).expect("undo applies");
    assert_eq!(a, before);
}

#[test]
fn edits_that_do_not_fit_the_story_change_nothing() {
    let mut a = Article::new();
    a.body = "héllo".into();
    let before = a.clone();
    let bad = [
        Edit::SetText(TextField::ImageCaption, "x".into()),
        Edit::Splice {
            field: TextField::Body,
            range: 2..3, // inside "é"
            text: String::new(),
        },
        Edit::Splice {
            field: TextField::Body,
            range: 0..99,
            text: String::new(),
        },
        Edit::InsertTag {
            at: 3,
            tag: "x".into(),
        },
        Edit::MoveRelated { from: 0, to: 1 },
        Edit::PlaceRelated {
            index: 0,
            cursor: 0,
        },
        Edit::SetDecorative(true),
        // A group whose second edit fails leaves the first undone too.
        Edit::Group(vec![
            Edit::SetText(TextField::Headline, "x".into()),
            Edit::RemoveTag(5),
        ]),
    ];
    for edit in bad {
        assert!(edit.clone().apply(&mut a).is_err(), "{edit:?}");
        assert_eq!(a, before, "{edit:?}");
    }
}

#[test]
fn typing_field_names_the_field_of_a_burst() {
    let s = |f| Edit::Splice {
        field: f,
        range: 0..0,
        text: "x".into(),
    };
    assert_eq!(s(TextField::Body).typing_field(), Some(TextField::Body));
    assert_eq!(
        Edit::Group(vec![s(TextField::Body), s(TextField::Body)]).typing_field(),
        Some(TextField::Body)
    );
    assert_eq!(
        Edit::Group(vec![s(TextField::Body), s(TextField::Headline)]).typing_field(),
        None
    );
    assert_eq!(Edit::SetStatus(Status::Draft).typing_field(), None);
}

#[test]
fn difference_is_the_changed_middle() {
    assert_eq!(difference("abcdef", "abXYef"), (2..4, "XY"));
    assert_eq!(difference("abc", "abc"), (3..3, ""));
    assert_eq!(difference("", "new"), (0..0, "new"));
    assert_eq!(difference("aaa", "aa"), (2..3, ""));
    assert_eq!(difference("éé", "éaé"), (2..2, "a"));
}

proptest! {
    /// Any splice of any text at character boundaries undoes exactly, and `difference`
    /// finds a splice that makes one text from another.
    #[test]
    fn splices_and_differences_round_trip(
        old in "\\PC{0,40}",
        new in "\\PC{0,40}",
        a in 0usize..50,
        b in 0usize..50,
        text in "\\PC{0,8}",
    ) {
        let (range, part) = difference(&old, &new);
        let mut made = old.clone();
        made.replace_range(range, part);
        prop_assert_eq!(&made, &new);

        let mut art = Article::new();
        art.body = old.clone();
        let bounds: Vec<usize> = old.char_indices().map(|(i, _)| i).chain([old.len()]).collect();
        let (x, y) = (bounds[a % bounds.len()], bounds[b % bounds.len()]);
        let range = x.min(y)..x.max(y);
        let inverse = Edit::Splice { field: TextField::Body, range, text }.apply(&mut art).unwrap();
        inverse.apply(&mut art).unwrap();
        prop_assert_eq!(art.body, old);
    }
}

#[test]
fn new_texts_are_what_an_edit_brings_in() {
    let splice = Edit::Splice {
        field: TextField::Body,
        range: 0..0,
        text: "新しい".into(),
    };
    assert_eq!(splice.new_texts(), ["新しい"]);
    let group = Edit::Group(vec![
        Edit::InsertTag {
            at: 0,
            tag: "한국어".into(),
        },
        Edit::Group(vec![Edit::SetText(TextField::Headline, "שלום".into())]),
        Edit::RemoveTag(3),
    ]);
    assert_eq!(group.new_texts(), ["한국어", "שלום"]);
    let mut a = Article::new();
    a.body = "मुख्य".into();
    assert!(Edit::Replace(Box::new(a)).new_texts().contains(&"मुख्य"));
    assert!(Edit::RemoveRelated(0).new_texts().is_empty());
}

/// A comment keeps its words through typing before, inside and after them, a deletion that
/// detaches it, undo and redo of each (exactly as it was), and a save and reload.
#[test]
fn comments_keep_their_words_through_edits_undo_redo_and_a_reload() {
    use crate::comments::{Comment, Place};
    let mut a = Article::new();
    a.body = "The minister said no. Then he left.".into();
    let at = a.body.find("said no").unwrap();
    let c = Comment::new(
        "c1".into(),
        Place::Body,
        at..at + 7,
        &a.body,
        "Desk",
        "Who heard him?",
        chrono::Utc::now(),
    );
    let undo_add = Edit::SetComments(vec![c]).apply(&mut a).unwrap();
    let words = |a: &Article| a.body[a.comments[0].range()].to_owned();
    let splice = |range: Range<usize>, text: &str| Edit::Splice {
        field: TextField::Body,
        range,
        text: text.into(),
    };
    let mut undos = Vec::new();
    for edit in [
        splice(0..0, "Late: "),
        splice(at + 6..at + 6, "firmly "),
        splice(at + 18..at + 18, "a clear "),
        splice(a.body.len() + 21..a.body.len() + 21, " Again."),
    ] {
        let before = a.clone();
        let inverse = edit.clone().apply(&mut a).unwrap();
        undos.push((before, inverse, edit));
    }
    assert_eq!(words(&a), "said a clear no");
    // the words deleted: detached, kept
    let s = a.comments[0].start;
    let before = a.clone();
    let inverse = splice(s..s + 15, "").apply(&mut a).unwrap();
    assert!(a.comments[0].detached);
    undos.push((before, inverse, splice(s..s + 15, "")));
    // undo every edit: the story and its comment exactly as they were, attached again
    let after = a.clone();
    let mut redos = Vec::new();
    for (before, inverse, _) in undos.iter().rev() {
        let redo = inverse.clone().apply(&mut a).unwrap();
        assert_eq!(&a, before);
        redos.push(redo);
    }
    assert_eq!(words(&a), "said no");
    assert!(!a.comments[0].detached);
    for redo in redos.into_iter().rev() {
        redo.apply(&mut a).unwrap();
    }
    assert_eq!(a, after);
    // saved and read back
    let text = crate::format::to_string(&a).unwrap();
    assert!(text.contains("\"comments\""));
    assert_eq!(crate::format::from_bytes(text.as_bytes()).unwrap(), a);
    undo_add.apply(&mut a).unwrap();
    assert!(a.comments.is_empty());
    assert!(!crate::format::to_string(&a).unwrap().contains("comments"));
}

#[test]
fn only_typing_in_the_body_leaves_the_fields_alone() {
    let body = |text: &str| Edit::Splice {
        field: TextField::Body,
        range: 0..0,
        text: text.into(),
    };
    assert!(!body("x").may_change_fields());
    assert!(!Edit::SetText(TextField::Body, "x".into()).may_change_fields());
    assert!(!Edit::Group(vec![body("x"), body("y")]).may_change_fields());
    assert!(Edit::Group(vec![body("x"), Edit::SetStatus(Status::InReview)]).may_change_fields());
    assert!(Edit::SetText(TextField::Headline, "x".into()).may_change_fields());
    // typing in any field changes only text; adding or taking away does more
    assert!(
        Edit::Group(vec![
            body("x"),
            Edit::SetText(TextField::Headline, "x".into())
        ])
        .only_changes_text()
    );
    assert!(!Edit::Group(vec![body("x"), Edit::SetStatus(Status::InReview)]).only_changes_text());
    assert!(!Edit::RemoveTag(0).only_changes_text());
    // placing a link writes its anchor in the body and its place in the link
    assert!(
        Edit::PlaceRelated {
            index: 0,
            cursor: 0
        }
        .may_change_fields()
    );
}
