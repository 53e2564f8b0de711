//! Two versions of a story side by side: which fields differ and how, and how many words
//! were added or taken out. The window uses it to show a recovered story against its saved
//! file, and "my version" against one a colleague saved over it.

use std::ops::Range;

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::article::{Article, DateStyle, Stamp};
use crate::field::{Field, StampField, TextField};

/// One field that differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The field.
    pub field: Field,
    /// What the field is called in the window ("Headline", "Body, paragraph 4").
    pub label: String,
    /// The field in the first version ("mine"); empty when it has none.
    pub mine: String,
    /// The field in the second version ("theirs", or the saved file).
    pub theirs: String,
}

/// How two versions differ, in a line: words added and removed, fields changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Words in the first version's body and texts that the second lacks.
    pub words_added: usize,
    /// Words in the second that the first lacks.
    pub words_removed: usize,
    /// The fields that differ, named as in the window, in panel order, each once.
    pub fields: Vec<String>,
    /// The end of the last changed text in the first version ("…the last words typed"), so
    /// a person recognises what they were writing; empty when nothing changed.
    pub excerpt: String,
}

impl Summary {
    /// Whether the two versions are the same in everything a person edits.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// "+12 −3 words; headline, body", "+2 words; body", "status" — or "no changes".
    pub fn describe(&self) -> String {
        if self.fields.is_empty() {
            return "no changes".to_owned();
        }
        let fields = self.fields.join(", ").to_lowercase();
        match words_changed(self.words_added, self.words_removed) {
            Some(words) => format!("{words}; {fields}"),
            None => fields,
        }
    }
}

/// Whether words are counted in `field`: in what people write, not in a status or a date.
pub fn counts_words(field: Field) -> bool {
    !matches!(
        field,
        Field::Status | Field::Published | Field::Updated | Field::Embargo
    )
}

/// "+12 −3 words", "+12 words", "−3 words", or `None` when no word changed.
pub fn words_changed(added: usize, removed: usize) -> Option<String> {
    match (added, removed) {
        (0, 0) => None,
        (a, 0) => Some(format!("+{a} words")),
        (0, r) => Some(format!("−{r} words")),
        (a, r) => Some(format!("+{a} −{r} words")),
    }
}

fn stamp_text(s: Option<Stamp>) -> String {
    s.map(|s| {
        let time = s
            .time
            .map(|t| format!(" {}", t.format("%H:%M")))
            .unwrap_or_default();
        format!(
            "{}{time} {}",
            s.format_date(DateStyle::OrdinalDayMonthYear),
            s.zone
        )
    })
    .unwrap_or_else(|| "not set".to_owned())
}

/// Every field that differs between `mine` and `theirs`, in panel order; the body by
/// paragraphs, each changed run of paragraphs one difference.
pub fn differences(mine: &Article, theirs: &Article) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut push = |field: Field, label: &str, a: String, b: String| {
        if a != b {
            out.push(Difference {
                field,
                label: label.to_owned(),
                mine: a,
                theirs: b,
            });
        }
    };
    let text = |a: &Article, f: TextField| f.get(a).unwrap_or_default().to_owned();
    for (f, label) in [
        (TextField::Headline, "Headline"),
        (TextField::SeoHeadline, "SEO headline"),
        (TextField::Standfirst, "Standfirst"),
        (TextField::Slug, "Slug"),
        (TextField::Language, "Language"),
    ] {
        push(f.into(), label, text(mine, f), text(theirs, f));
    }
    for which in StampField::ALL {
        push(
            which.into(),
            which.label(),
            stamp_text(which.get(mine)),
            stamp_text(which.get(theirs)),
        );
    }
    push(
        Field::Status,
        "Status",
        mine.status.label().to_owned(),
        theirs.status.label().to_owned(),
    );
    push(
        Field::EditorNotes,
        "Editor notes",
        mine.editor_notes.clone(),
        theirs.editor_notes.clone(),
    );
    push(
        Field::Byline,
        "Byline",
        mine.byline.join(", "),
        theirs.byline.join(", "),
    );
    push(
        Field::Section,
        "Section",
        mine.section.clone(),
        theirs.section.clone(),
    );
    push(
        Field::Tags,
        "Tags",
        mine.tags.join(", "),
        theirs.tags.join(", "),
    );
    for (f, label) in [
        (TextField::ImageSource, "Image file or URL"),
        (TextField::ImageCaption, "Image caption"),
        (TextField::ImageCredit, "Image credit"),
        (TextField::ImageAlt, "Image alt text"),
    ] {
        push(f.into(), label, text(mine, f), text(theirs, f));
    }
    let links = |a: &Article| {
        a.related
            .iter()
            .map(|l| format!("{} <{}>", l.title, l.url))
            .collect::<Vec<_>>()
            .join("\n")
    };
    push(
        Field::Related(0),
        "Related links",
        links(mine),
        links(theirs),
    );
    out.extend(body_differences(&mine.body, &theirs.body));
    out
}

/// The body's paragraphs (split at blank lines), trimmed, empty ones left out.
fn paragraphs(body: &str) -> Vec<&str> {
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The runs of paragraphs that differ between two bodies, as ranges of each one's paragraphs
/// (an empty range where one has none: where they would go).
fn changed_runs(a: &[&str], b: &[&str]) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, a, b) {
        out.push(match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        });
    }
    out
}

fn body_differences(mine: &str, theirs: &str) -> Vec<Difference> {
    let (a, b) = (paragraphs(mine), paragraphs(theirs));
    let mut out = Vec::new();
    for (ra, rb) in changed_runs(&a, &b) {
        let first = if ra.is_empty() { rb.start } else { ra.start } + 1;
        let count = ra.len().max(rb.len());
        let label = if count > 1 {
            format!("Body, paragraphs {first}–{}", first + count - 1)
        } else {
            format!("Body, paragraph {first}")
        };
        out.push(Difference {
            field: Field::Body,
            label,
            mine: a[ra].join("\n\n"),
            theirs: b[rb].join("\n\n"),
        });
    }
    out
}

/// `now` with the `run`th changed run of body paragraphs as `version` has it, the runs
/// counted as [`differences`]`(version, now)` lists them; `None` when there is no such run.
/// Paragraphs are joined by one blank line, as the editor writes them.
pub fn take_body_run(now: &Article, version: &Article, run: usize) -> Option<Article> {
    let (a, b) = (paragraphs(&version.body), paragraphs(&now.body));
    let (ra, rb) = changed_runs(&a, &b).into_iter().nth(run)?;
    let mut body: Vec<&str> = Vec::with_capacity(b.len() + ra.len());
    body.extend_from_slice(&b[..rb.start]);
    body.extend_from_slice(&a[ra]);
    body.extend_from_slice(&b[rb.end..]);
    let mut next = now.clone();
    next.body = body.join("\n\n");
    if now.body.ends_with('\n') {
        next.body.push('\n');
    }
    Some(next)
}

/// How `mine` differs from `theirs`, in a line's worth. Words are counted in the texts, not in
/// a changed status or date.
pub fn summary(mine: &Article, theirs: &Article) -> Summary {
    let diffs = differences(mine, theirs);
    let mut fields: Vec<String> = Vec::new();
    let (mut added, mut removed) = (0, 0);
    let excerpt = diffs
        .iter()
        .rev()
        .find(|d| !d.mine.trim().is_empty())
        .map(|d| tail(&d.mine, EXCERPT_CHARS))
        .unwrap_or_default();
    for d in &diffs {
        let name = if d.field == Field::Body {
            "Body".to_owned()
        } else {
            d.label.clone()
        };
        if !fields.contains(&name) {
            fields.push(name);
        }
        if counts_words(d.field) {
            let (a, r) = word_changes(&d.mine, &d.theirs);
            added += a;
            removed += r;
        }
    }
    if mine.comments != theirs.comments {
        fields.push("Comments".to_owned());
    }
    Summary {
        words_added: added,
        words_removed: removed,
        fields,
        excerpt,
    }
}

/// How many characters an excerpt keeps.
pub const EXCERPT_CHARS: usize = 80;

/// The last `max` characters of `text`, from a word's start, with "…" when cut; runs of
/// white space made one space.
pub fn tail(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<&str> = Vec::new();
    let mut len = 0;
    for w in words.iter().rev() {
        let n = w.chars().count() + usize::from(!out.is_empty());
        if len + n > max && !out.is_empty() {
            break;
        }
        out.push(w);
        len += n;
    }
    out.reverse();
    let joined = out.join(" ");
    if out.len() < words.len() {
        format!("…{joined}")
    } else {
        joined
    }
}

/// Words in `mine` not in `theirs`, and the other way round, by a diff of the word lists.
fn word_changes(mine: &str, theirs: &str) -> (usize, usize) {
    let a: Vec<&str> = mine.split_whitespace().collect();
    let b: Vec<&str> = theirs.split_whitespace().collect();
    let (mut added, mut removed) = (0, 0);
    for op in capture_diff_slices(Algorithm::Myers, &b, &a) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_len, .. } => removed += old_len,
            DiffOp::Insert { new_len, .. } => added += new_len,
            DiffOp::Replace {
                old_len, new_len, ..
            } => {
                removed += old_len;
                added += new_len;
            }
        }
    }
    (added, removed)
}

/// A run of one version's text in a word-by-word comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The text, spaces included.
    pub text: String,
    /// Whether these words are only in this version (taken out or added by the other).
    pub changed: bool,
}

/// Longest a word-by-word comparison may take before it settles for a coarser one (whole
/// runs of text marked): the window compares on its own thread's time.
const WORD_DIFF_TIME: std::time::Duration = std::time::Duration::from_millis(150);

/// Two versions of a text compared word by word: each as runs, the words only it has marked.
pub fn word_runs(mine: &str, theirs: &str) -> (Vec<Run>, Vec<Run>) {
    let diff = similar::TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(WORD_DIFF_TIME)
        .diff_words(mine, theirs);
    let (mut a, mut b): (Vec<Run>, Vec<Run>) = (Vec::new(), Vec::new());
    let push = |runs: &mut Vec<Run>, text: &str, changed: bool| match runs.last_mut() {
        // whitespace between two changed words belongs to the change, so it reads as one
        Some(last) if last.changed == changed || (changed && text.trim().is_empty()) => {
            last.text.push_str(text);
        }
        _ => runs.push(Run {
            text: text.to_owned(),
            changed,
        }),
    };
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            similar::ChangeTag::Equal => {
                push(&mut a, text, false);
                push(&mut b, text, false);
            }
            similar::ChangeTag::Delete => push(&mut a, text, true),
            similar::ChangeTag::Insert => push(&mut b, text, true),
        }
    }
    (a, b)
}

/// `mine` with one field as `theirs` has it: "take theirs" for that field alone. A body
/// difference takes their whole body; a related link, their list.
pub fn take_field(mine: &Article, theirs: &Article, field: Field) -> Article {
    let mut next = mine.clone();
    match field {
        Field::Headline => next.headline.clone_from(&theirs.headline),
        Field::SeoHeadline => next.seo_headline.clone_from(&theirs.seo_headline),
        Field::Standfirst => next.standfirst.clone_from(&theirs.standfirst),
        Field::Slug => next.slug.clone_from(&theirs.slug),
        Field::Language => next.language.clone_from(&theirs.language),
        Field::Published => next.published = theirs.published,
        Field::Updated => next.updated = theirs.updated,
        Field::Embargo => next.embargo = theirs.embargo,
        Field::Status => next.status = theirs.status,
        Field::EditorNotes => next.editor_notes.clone_from(&theirs.editor_notes),
        Field::Byline | Field::Author(_) => next.byline.clone_from(&theirs.byline),
        Field::Section => next.section.clone_from(&theirs.section),
        Field::Tags => next.tags.clone_from(&theirs.tags),
        Field::Image
        | Field::ImageSource
        | Field::ImageCaption
        | Field::ImageCredit
        | Field::ImageAlt => next.image.clone_from(&theirs.image),
        Field::Related(_) | Field::RelatedTitle(_) | Field::RelatedUrl(_) => {
            next.related.clone_from(&theirs.related);
        }
        Field::Body => next.body.clone_from(&theirs.body),
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Article {
        crate::format::from_bytes(crate::SAMPLE_STORY.as_bytes()).unwrap()
    }

    #[test]
    fn the_same_story_has_no_differences() {
        let a = sample();
        assert!(differences(&a, &a).is_empty());
        assert_eq!(summary(&a, &a).describe(), "no changes");
    }

    #[test]
    fn fields_and_paragraphs_that_differ_are_named() {
        let theirs = sample();
        let mut mine = theirs.clone();
        mine.headline.push_str(" today");
        mine.body = mine.body.replacen("a defiant", "an angry and defiant", 1);
        mine.body.push_str("\n\nA new last paragraph here.\n");
        mine.image.as_mut().unwrap().credit = "PA".into();
        let d = differences(&mine, &theirs);
        let labels: Vec<&str> = d.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(
            labels,
            vec![
                "Headline",
                "Image credit",
                "Body, paragraph 1",
                "Body, paragraph 17"
            ]
        );
        assert_eq!(d[3].theirs, "");
        assert_eq!(d[3].mine, "A new last paragraph here.");
        let s = summary(&mine, &theirs);
        // "today", "an", "angry", "and", "PA", and five new words; "a", "Labour Party" gone
        assert_eq!((s.words_added, s.words_removed), (10, 3));
        assert_eq!(s.describe(), "+10 −3 words; headline, image credit, body");
        assert_eq!(s.excerpt, "A new last paragraph here.");
        assert_eq!(tail("one two   three four", 10), "…three four");
        assert_eq!(tail("short", 10), "short");
    }

    #[test]
    fn words_are_compared_one_by_one_and_marked_on_their_own_side() {
        let (mine, theirs) = word_runs(
            "The council met on Tuesday night.",
            "The council met late on Wednesday night.",
        );
        let marked = |runs: &[Run]| {
            runs.iter()
                .filter(|r| r.changed)
                .map(|r| r.text.trim().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(marked(&mine), ["Tuesday"]);
        assert_eq!(marked(&theirs), ["late", "Wednesday"]);
        let whole = |runs: &[Run]| runs.iter().map(|r| r.text.as_str()).collect::<String>();
        assert_eq!(whole(&mine), "The council met on Tuesday night.");
        assert_eq!(whole(&theirs), "The council met late on Wednesday night.");
    }

    #[test]
    fn one_run_of_paragraphs_is_taken_from_a_version_and_the_rest_stays() {
        let version = sample();
        let mut now = version.clone();
        now.body = now.body.replacen("a defiant", "an angry and defiant", 1);
        now.body.push_str("\n\nA new last paragraph here.\n");
        // the runs as differences(version, now) lists them: paragraph 1, then the new one
        let back = take_body_run(&now, &version, 0).unwrap();
        assert!(back.body.contains("a defiant") && back.body.contains("A new last paragraph"));
        let back = take_body_run(&now, &version, 1).unwrap();
        assert!(back.body.contains("an angry and") && !back.body.contains("A new last"));
        assert!(take_body_run(&now, &version, 2).is_none());
        let both = take_body_run(&take_body_run(&now, &version, 1).unwrap(), &version, 0);
        assert!(differences(&both.unwrap(), &version).is_empty());
    }

    #[test]
    fn one_field_is_taken_from_theirs_and_the_rest_stays_mine() {
        let mut mine = Article::new();
        mine.headline = "Mine".into();
        mine.standfirst = "My standfirst".into();
        let mut theirs = mine.clone();
        theirs.headline = "Theirs".into();
        theirs.standfirst = "Their standfirst".into();
        theirs.tags = vec!["Politics".into()];
        let next = take_field(&mine, &theirs, Field::Headline);
        assert_eq!(next.headline, "Theirs");
        assert_eq!(next.standfirst, "My standfirst");
        assert!(next.tags.is_empty());
        let next = take_field(&next, &theirs, Field::Tags);
        assert_eq!(next.tags, ["Politics"]);
        assert_eq!(next.standfirst, "My standfirst");
    }
}
