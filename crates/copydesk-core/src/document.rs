//! The story as readers see it: the one structure both the preview pane and the HTML export
//! draw from, so what the preview shows is what gets published.
//!
//! Building it parses the body once; the window rebuilds it only when the article changed.

use std::collections::HashMap;
use std::sync::Arc;

use crate::article::stats::Counts;
use crate::article::{Article, DateStyle, RelatedLink};
use crate::markup::{self as body, Block, Located};
use crate::reading::Reading;

/// House style: how the dateline is written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HouseStyle {
    /// How dates are written.
    pub date_style: DateStyle,
    /// The words before the date, such as "Posted On:"; empty for none.
    pub dateline_label: String,
}

impl Default for HouseStyle {
    fn default() -> Self {
        HouseStyle {
            date_style: DateStyle::OrdinalDayMonthYear,
            dateline_label: "Posted On:".into(),
        }
    }
}

/// The picture as readers see it: its texts trimmed.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageView {
    /// File path or web address.
    pub source: String,
    /// What it shows.
    pub caption: String,
    /// Who took it.
    pub credit: String,
    /// Text alternative.
    pub alt: String,
    /// Needs no alt text.
    pub decorative: bool,
}

/// How a byline is written, by language: the word before the names and the one before the
/// last name. Languages not listed are written in English.
const BYLINE_WORDS: &[(&str, &str, &str)] = &[
    ("en", "By", "and"),
    ("de", "Von", "und"),
    ("fr", "Par", "et"),
    ("es", "Por", "y"),
    ("pt", "Por", "e"),
    ("it", "Di", "e"),
    ("nl", "Door", "en"),
];

/// The words a byline is written with in `language` (a BCP 47 tag): `("Von", "und")` for
/// German, `("By", "and")` for English and any language not known.
pub fn byline_words(language: &str) -> (&'static str, &'static str) {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    BYLINE_WORDS
        .iter()
        .find(|(tag, ..)| tag.eq_ignore_ascii_case(primary))
        .map_or(("By", "and"), |&(_, by, and)| (by, and))
}

/// A byline as a list of names: "By A, B and C", "Von A und B", "A and B" — the word
/// before the names (in any language [`byline_words`] knows) taken off, and the names split
/// at commas and at that language's "and" ("and" when there is no such word).
pub fn parse_byline(text: &str) -> Vec<String> {
    let text = text.trim();
    let mut and = "and";
    let mut names = text;
    for &(_, by, conjunction) in BYLINE_WORDS {
        let head = names.get(..by.len() + 1);
        let word = names.get(..by.len());
        if head.is_some_and(|h| h.ends_with(' '))
            && word.is_some_and(|w| w.eq_ignore_ascii_case(by))
        {
            names = &names[by.len() + 1..];
            and = conjunction;
            break;
        }
    }
    let and = format!(" {and} ");
    let mut out = Vec::new();
    for part in names.split(',') {
        for name in part.split(and.as_str()) {
            let name = name.trim();
            let name = name.strip_prefix(and.trim_start()).unwrap_or(name).trim();
            if !name.is_empty() {
                out.push(name.to_owned());
            }
        }
    }
    out
}

/// The published form of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The headline, trimmed.
    pub headline: String,
    /// "Posted On: 4th July 2016", or `None` without a publication date.
    pub dateline: Option<String>,
    /// The standfirst, trimmed.
    pub standfirst: String,
    /// The authors, trimmed, empty names left out.
    pub byline: Vec<String>,
    /// The story's language tag (the byline is written in its words).
    pub language: String,
    /// The section, trimmed.
    pub section: String,
    /// The picture, when the story has one with anything in it.
    pub image: Option<ImageView>,
    /// The body's blocks, each with the range of body text it came from.
    pub blocks: Vec<Located>,
    /// Shared with the document before when they did not change ([`Document::share_with`]),
    /// so a view comparing the two needs not read 1,600 links at each keystroke.
    related: Arc<HashMap<String, RelatedLink>>,
    /// For each related link placed on a line of its own: how many paragraphs stand before
    /// its first anchor (0: at the top).
    placed_after: HashMap<String, usize>,
    /// Words, characters and reading time of the body.
    pub counts: Counts,
    /// A fingerprint of each block (by [`Document::blocks`]' order): a view that lays blocks
    /// out can keep what it laid out for a block whose fingerprint it has seen, without
    /// reading the block again. Worked out with the document, off the window's thread.
    pub keys: Vec<u64>,
}

impl Document {
    /// The reader's view of `article` in house style `style`; parses the body once.
    pub fn build(article: &Article, style: &HouseStyle) -> Document {
        Self::from_reading(article, style, &Reading::read(&article.body))
    }

    /// The reader's view of `article` from `reading`, a reading of its body (kept up to date
    /// by the caller: a long story's body is read again only where it changed).
    pub fn from_reading(article: &Article, style: &HouseStyle, reading: &Reading) -> Document {
        debug_assert_eq!(reading.len(), article.body.len(), "a reading of this body");
        let blocks = reading.blocks().to_vec();
        let keys = reading.keys().to_vec();
        let counts = reading.counts();
        let mut placed_after = HashMap::new();
        let mut paragraphs = 0;
        for b in &blocks {
            match &*b.block {
                Block::Related(id) => {
                    placed_after.entry(id.clone()).or_insert(paragraphs);
                }
                other => paragraphs += paragraph_count(other),
            }
        }
        let dateline = article.published.map(|p| {
            // The time, when one was set, as readers of the zone read it: "…, 14:30 BST".
            let date = match p.time {
                Some(t) => format!(
                    "{}, {} {}",
                    p.format_date(style.date_style),
                    t.format("%H:%M"),
                    p.zone_abbreviation()
                ),
                None => p.format_date(style.date_style),
            };
            if style.dateline_label.trim().is_empty() {
                date
            } else {
                format!("{} {date}", style.dateline_label.trim())
            }
        });
        let image = article
            .image
            .as_ref()
            .filter(|i| {
                !(i.source.trim().is_empty()
                    && i.caption.trim().is_empty()
                    && i.credit.trim().is_empty())
            })
            .map(|i| ImageView {
                source: i.source.trim().to_owned(),
                caption: i.caption.trim().to_owned(),
                credit: i.credit.trim().to_owned(),
                alt: i.alt.trim().to_owned(),
                decorative: i.decorative,
            });
        Document {
            headline: article.headline.trim().to_owned(),
            dateline,
            standfirst: article.standfirst.trim().to_owned(),
            byline: article.byline_names(),
            language: article.language.trim().to_owned(),
            section: article.section.trim().to_owned(),
            image,
            blocks,
            related: Arc::new(
                article
                    .related
                    .iter()
                    .map(|l| (l.id.clone(), l.clone()))
                    .collect(),
            ),
            placed_after,
            counts,
            keys,
        }
    }

    /// Whether `other` reads the same as this outside the body's blocks: headline, dateline,
    /// standfirst, byline, language, section, picture and the related links the body's
    /// anchors show. A view laid out from this document can then keep everything but the
    /// blocks whose [`Document::keys`] differ when it is given `other` (a keystroke in the
    /// body changes one block of thousands).
    pub fn same_around_body(&self, other: &Document) -> bool {
        self.headline == other.headline
            && self.dateline == other.dateline
            && self.standfirst == other.standfirst
            && self.byline == other.byline
            && self.language == other.language
            && self.section == other.section
            && self.image == other.image
            && self.same_for_body(other)
    }

    /// Whether `other`'s body blocks read as this one's would: the same related links for
    /// their anchors to show. (Only the headline, dateline, byline, standfirst or picture
    /// may differ: a view can set those again and keep the body's blocks.)
    pub fn same_for_body(&self, other: &Document) -> bool {
        Arc::ptr_eq(&self.related, &other.related) || self.related == other.related
    }

    /// Takes `before`'s related links when they are the same as this one's, so that
    /// [`Self::same_for_body`] finds them the same at once (a long story's worker does this
    /// for each new view, off the window's thread).
    pub fn share_with(&mut self, before: &Document) {
        if self.related == before.related {
            self.related = before.related.clone();
        }
    }

    /// The related link an anchor names, if the story has one with that id.
    pub fn related(&self, id: &str) -> Option<&RelatedLink> {
        self.related.get(id)
    }

    /// Where the related link `id` stands: after how many paragraphs, as a reader counts
    /// them (each paragraph of a quotation and each list item counts; subheadings and breaks
    /// do not), or `None` when no line of the body places it.
    pub fn placed_after(&self, id: &str) -> Option<usize> {
        self.placed_after.get(id).copied()
    }

    /// "By A, B and C" in the story's language ("Von A, B und C"), or `None` without
    /// authors.
    /// An author typed with the byline word already ("Von Christian Hollmann, dpa", as an
    /// agency sends it) keeps it and gets no second one.
    pub fn byline_text(&self) -> Option<String> {
        let (by, and) = byline_words(&self.language);
        let names = match self.byline.as_slice() {
            [] => return None,
            [one] => one.clone(),
            [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
        };
        let typed = BYLINE_WORDS.iter().any(|&(_, word, _)| {
            names
                .get(..word.len() + 1)
                .is_some_and(|h| h.ends_with(' ') && h[..word.len()].eq_ignore_ascii_case(word))
        });
        Some(if typed {
            names
        } else {
            format!("{by} {names}")
        })
    }

    /// Everything a reader reads, top to bottom, one block per line group. Used for tests
    /// and plain-text export.
    pub fn plain_text(&self) -> String {
        let mut parts: Vec<String> = vec![self.headline.clone()];
        parts.extend(self.dateline.clone());
        parts.extend(self.byline_text());
        parts.push(self.standfirst.clone());
        if let Some(img) = &self.image {
            parts.push(img.caption.clone());
            parts.push(img.credit.clone());
        }
        parts.push(self.body_plain_text());
        parts.retain(|p| !p.trim().is_empty());
        parts.join("\n\n")
    }

    /// The body as plain text: its blocks in order, related links by their titles, a blank
    /// line between blocks.
    pub fn body_plain_text(&self) -> String {
        let title = |id: &str| self.related(id).map(|l| l.title.trim().to_owned());
        self.blocks
            .iter()
            .map(|b| body::plain_block_with(&b.block, &title))
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// Paragraphs in a block as a reader counts them: a quotation's paragraphs one by one, a
/// list's items one by one.
fn paragraph_count(b: &Block) -> usize {
    match b {
        Block::Paragraph(_) => 1,
        Block::Quote(blocks) => blocks.iter().map(paragraph_count).sum(),
        Block::List { items, .. } => items
            .iter()
            .map(|item| item.iter().map(paragraph_count).sum::<usize>().max(1))
            .sum(),
        Block::Subheading(_) | Block::Related(_) | Block::Break => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Image, Stamp};
    use chrono::NaiveDate;

    /// A view after an edit that left the related links alone shares them with the view
    /// before, and finds them the same without reading them; after a link's edit, it does not.
    #[test]
    fn unchanged_related_links_are_shared_with_the_view_before() {
        let mut a = with_link("One.\n\n[[related:r1]]");
        let style = HouseStyle::default();
        let before = Document::build(&a, &style);
        a.headline = "New".into();
        let mut after = Document::build(&a, &style);
        assert!(!Arc::ptr_eq(&before.related, &after.related));
        after.share_with(&before);
        assert!(Arc::ptr_eq(&before.related, &after.related));
        assert!(after.same_for_body(&before));
        a.related[0].title = "Earlier vote".into();
        let mut edited = Document::build(&a, &style);
        edited.share_with(&after);
        assert!(!Arc::ptr_eq(&edited.related, &after.related));
        assert!(!edited.same_for_body(&after));
    }

    /// A story with `body` and one related link, `r1`.
    fn with_link(body: &str) -> Article {
        let mut a = Article::new();
        a.headline = "Council votes".into();
        a.body = body.into();
        a.related.push(RelatedLink {
            id: "r1".into(),
            title: "Earlier".into(),
            url: "https://example.com/earlier".into(),
            ..Default::default()
        });
        a
    }

    #[test]
    fn a_body_edit_keeps_the_document_the_same_around_the_body() {
        let mut a = with_link("One.\n\nTwo [[related:r1]].\n\nThree.");
        let style = HouseStyle::default();
        let before = Document::build(&a, &style);
        a.body = "One.\n\nTwo [[related:r1]].\n\nThree and four.".into();
        let typed = Document::build(&a, &style);
        assert!(before.same_around_body(&typed));
        assert_eq!(before.keys[..2], typed.keys[..2]);
        assert_ne!(before.keys[2], typed.keys[2]);
        // what the anchors show, and the headline, are outside the body's blocks
        a.related[0].title = "Earlier vote".into();
        assert!(!typed.same_around_body(&Document::build(&a, &style)));
        a.headline = "Council votes again".into();
        assert!(!typed.same_around_body(&Document::build(&a, &style)));
    }

    #[test]
    fn dateline_byline_and_related() {
        let mut a = Article::new();
        a.headline = " Head ".into();
        a.published = Some(Stamp::new(
            NaiveDate::from_ymd_opt(2016, 7, 4).unwrap(),
            None,
            chrono_tz::Europe::London,
        ));
        a.byline = vec!["Ann".into(), "Bo".into(), "Cy".into()];
        a.related.push(RelatedLink {
            id: "x".into(),
            title: "Other story".into(),
            url: "https://example.com/x".into(),
            ..Default::default()
        });
        a.image = Some(Image {
            caption: "Cap".into(),
            credit: "Cred".into(),
            ..Default::default()
        });
        a.body = "Para.\n\n[[related:x]]\n\n[[related:gone]]".into();
        let d = Document::build(&a, &HouseStyle::default());
        assert_eq!(d.headline, "Head");
        assert_eq!(d.dateline.as_deref(), Some("Posted On: 4th July 2016"));
        assert_eq!(d.byline_text().as_deref(), Some("By Ann, Bo and Cy"));
        let mut german = d.clone();
        german.language = "de-DE".into();
        assert_eq!(german.byline_text().as_deref(), Some("Von Ann, Bo und Cy"));
        // typed with its byline word: not a second one (a reader saw "Von Von …")
        let mut typed = german.clone();
        typed.byline = vec!["Von Christian Hollmann, dpa".into()];
        assert_eq!(
            typed.byline_text().as_deref(),
            Some("Von Christian Hollmann, dpa")
        );
        typed.byline = vec!["by Ann Reporter".into()];
        assert_eq!(typed.byline_text().as_deref(), Some("by Ann Reporter"));
        typed.byline = vec!["Vonda Shepard".into()];
        assert_eq!(typed.byline_text().as_deref(), Some("Von Vonda Shepard"));
        assert_eq!(
            parse_byline("Von Christian Hollmann und Ann Bo"),
            ["Christian Hollmann", "Ann Bo"]
        );
        assert_eq!(parse_byline("By Ann, Bo, and Cy"), ["Ann", "Bo", "Cy"]);
        // a Spanish compound surname is not split without a Spanish "Por" before it
        assert_eq!(
            parse_byline("José Ortega y Gasset"),
            ["José Ortega y Gasset"]
        );
        assert_eq!(parse_byline("Por Ana y Luis"), ["Ana", "Luis"]);
        assert_eq!(parse_byline("Byron Smith"), ["Byron Smith"], "not a 'By'");
        assert_eq!(d.related("x").unwrap().title, "Other story");
        assert!(d.related("gone").is_none());
        assert_eq!(d.placed_after("x"), Some(1));
        assert_eq!(d.placed_after("nowhere"), None);
        // paragraphs as a reader counts them: in quotations and lists too, not subheadings
        let mut counted = a.clone();
        counted.body =
            "One.\n\n> “Two.\n>\n> “Three.”\n\n## Sub\n\n- four\n- five\n\n[[related:x]]".into();
        let placed = Document::build(&counted, &HouseStyle::default()).placed_after("x");
        assert_eq!(placed, Some(5));
        assert_eq!(
            d.plain_text(),
            "Head\n\nPosted On: 4th July 2016\n\nBy Ann, Bo and Cy\n\nCap\n\nCred\n\nPara.\n\nOther story"
        );
        let style = HouseStyle {
            date_style: DateStyle::MonthDayYear,
            dateline_label: String::new(),
        };
        assert_eq!(
            Document::build(&a, &style).dateline.as_deref(),
            Some("July 4, 2016")
        );
    }
}
