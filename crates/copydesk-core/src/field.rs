//! Names for every part of a story.
//!
//! One vocabulary for the whole program: an [`crate::edit::Edit`] says which field it changes,
//! a [`crate::checks::Problem`] says which field it concerns, and the window finds the widget
//! that edits a field by the same name — so clicking a problem puts the cursor in the field
//! the problem is about, and undo knows which field a change touched.

use serde::Serialize;

use crate::article::{Article, Stamp};

/// A part of a story a person edits and a check can point at.
///
/// The order of the variants is the order of the metadata panel, top to bottom, then the
/// body; problems are listed in this order (after severity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "field", content = "index")]
pub enum Field {
    /// The headline.
    Headline,
    /// The shorter headline for search results.
    SeoHeadline,
    /// The summary under the headline.
    Standfirst,
    /// The URL slug.
    Slug,
    /// The story's language (BCP 47).
    Language,
    /// The publication date and time.
    Published,
    /// The date and time of the last update.
    Updated,
    /// The embargo: not to be published before this moment.
    Embargo,
    /// Draft, in review, approved or published.
    Status,
    /// Notes for the desk, never published.
    EditorNotes,
    /// The byline as a whole (its list of authors).
    Byline,
    /// One author of the byline, by position.
    Author(usize),
    /// The section the story runs in.
    Section,
    /// The story's tags.
    Tags,
    /// The lead picture as a whole.
    Image,
    /// The picture's file path or web address.
    ImageSource,
    /// What the picture shows.
    ImageCaption,
    /// Who took or owns the picture.
    ImageCredit,
    /// The picture's text alternative.
    ImageAlt,
    /// A related link as a whole, by position in the list.
    Related(usize),
    /// A related link's title.
    RelatedTitle(usize),
    /// A related link's web address.
    RelatedUrl(usize),
    /// The story body.
    Body,
}

/// A field whose value is text, edited in a text box.
///
/// Every [`TextField`] is also a [`Field`] (see [`From`]); the split lets
/// [`crate::edit::Edit::SetText`] take only fields that hold text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextField {
    /// The headline.
    Headline,
    /// The shorter headline for search results.
    SeoHeadline,
    /// The summary under the headline.
    Standfirst,
    /// The URL slug.
    Slug,
    /// The story's language tag.
    Language,
    /// Notes for the desk.
    EditorNotes,
    /// One author of the byline.
    Author(usize),
    /// The section.
    Section,
    /// The picture's file path or web address.
    ImageSource,
    /// The picture's caption.
    ImageCaption,
    /// The picture's credit.
    ImageCredit,
    /// The picture's alt text.
    ImageAlt,
    /// A related link's title.
    RelatedTitle(usize),
    /// A related link's web address.
    RelatedUrl(usize),
    /// The story body, in body markup.
    Body,
}

/// Which of the story's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StampField {
    /// The publication date.
    Published,
    /// The update date.
    Updated,
    /// The embargo.
    Embargo,
}

impl StampField {
    /// Every date, in the order the metadata panel shows them.
    pub const ALL: [StampField; 3] = [
        StampField::Published,
        StampField::Updated,
        StampField::Embargo,
    ];

    /// The label of the date in the window.
    pub fn label(self) -> &'static str {
        match self {
            StampField::Published => "Publication date",
            StampField::Updated => "Updated",
            StampField::Embargo => "Embargo until",
        }
    }

    /// The date's value in `article`.
    pub fn get(self, article: &Article) -> Option<Stamp> {
        match self {
            StampField::Published => article.published,
            StampField::Updated => article.updated,
            StampField::Embargo => article.embargo,
        }
    }

    /// The date's slot in `article`.
    pub fn get_mut(self, article: &mut Article) -> &mut Option<Stamp> {
        match self {
            StampField::Published => &mut article.published,
            StampField::Updated => &mut article.updated,
            StampField::Embargo => &mut article.embargo,
        }
    }
}

impl From<StampField> for Field {
    fn from(s: StampField) -> Field {
        match s {
            StampField::Published => Field::Published,
            StampField::Updated => Field::Updated,
            StampField::Embargo => Field::Embargo,
        }
    }
}

impl From<TextField> for Field {
    fn from(t: TextField) -> Field {
        match t {
            TextField::Headline => Field::Headline,
            TextField::SeoHeadline => Field::SeoHeadline,
            TextField::Standfirst => Field::Standfirst,
            TextField::Slug => Field::Slug,
            TextField::Language => Field::Language,
            TextField::EditorNotes => Field::EditorNotes,
            TextField::Author(i) => Field::Author(i),
            TextField::Section => Field::Section,
            TextField::ImageSource => Field::ImageSource,
            TextField::ImageCaption => Field::ImageCaption,
            TextField::ImageCredit => Field::ImageCredit,
            TextField::ImageAlt => Field::ImageAlt,
            TextField::RelatedTitle(i) => Field::RelatedTitle(i),
            TextField::RelatedUrl(i) => Field::RelatedUrl(i),
            TextField::Body => Field::Body,
        }
    }
}

impl Field {
    /// The text field this names, when it names one.
    pub fn text_field(self) -> Option<TextField> {
        Some(match self {
            Field::Headline => TextField::Headline,
            Field::SeoHeadline => TextField::SeoHeadline,
            Field::Standfirst => TextField::Standfirst,
            Field::Slug => TextField::Slug,
            Field::Language => TextField::Language,
            Field::EditorNotes => TextField::EditorNotes,
            Field::Author(i) => TextField::Author(i),
            Field::Section => TextField::Section,
            Field::ImageSource => TextField::ImageSource,
            Field::ImageCaption => TextField::ImageCaption,
            Field::ImageCredit => TextField::ImageCredit,
            Field::ImageAlt => TextField::ImageAlt,
            Field::RelatedTitle(i) => TextField::RelatedTitle(i),
            Field::RelatedUrl(i) => TextField::RelatedUrl(i),
            Field::Body => TextField::Body,
            Field::Published
            | Field::Updated
            | Field::Embargo
            | Field::Status
            | Field::Byline
            | Field::Tags
            | Field::Image
            | Field::Related(_) => return None,
        })
    }

    /// How the field is named in a sentence: "the headline", "related link 2's title".
    pub fn describe(self) -> String {
        match self {
            Field::Headline => "the headline".into(),
            Field::SeoHeadline => "the SEO headline".into(),
            Field::Standfirst => "the standfirst".into(),
            Field::Slug => "the slug".into(),
            Field::Language => "the language".into(),
            Field::Published => "the publication date".into(),
            Field::Updated => "the update date".into(),
            Field::Embargo => "the embargo".into(),
            Field::Status => "the status".into(),
            Field::EditorNotes => "the editor notes".into(),
            Field::Byline => "the byline".into(),
            Field::Author(i) => format!("author {}", i + 1),
            Field::Section => "the section".into(),
            Field::Tags => "the tags".into(),
            Field::Image => "the image".into(),
            Field::ImageSource => "the image file or address".into(),
            Field::ImageCaption => "the image caption".into(),
            Field::ImageCredit => "the image credit".into(),
            Field::ImageAlt => "the image alt text".into(),
            Field::Related(i) => format!("related link {}", i + 1),
            Field::RelatedTitle(i) => format!("the title of related link {}", i + 1),
            Field::RelatedUrl(i) => format!("the address of related link {}", i + 1),
            Field::Body => "the body".into(),
        }
    }
}

impl TextField {
    /// The field's text in `article`; `None` when the story has no such field (no picture,
    /// no author or related link at that position).
    pub fn get(self, article: &Article) -> Option<&str> {
        Some(match self {
            TextField::Headline => &article.headline,
            TextField::SeoHeadline => &article.seo_headline,
            TextField::Standfirst => &article.standfirst,
            TextField::Slug => &article.slug,
            TextField::Language => &article.language,
            TextField::EditorNotes => &article.editor_notes,
            TextField::Author(i) => article.byline.get(i)?,
            TextField::Section => &article.section,
            TextField::ImageSource => &article.image.as_ref()?.source,
            TextField::ImageCaption => &article.image.as_ref()?.caption,
            TextField::ImageCredit => &article.image.as_ref()?.credit,
            TextField::ImageAlt => &article.image.as_ref()?.alt,
            TextField::RelatedTitle(i) => &article.related.get(i)?.title,
            TextField::RelatedUrl(i) => &article.related.get(i)?.url,
            TextField::Body => &article.body,
        })
    }

    /// The field's text in `article`, to change; `None` as for [`TextField::get`].
    pub fn get_mut(self, article: &mut Article) -> Option<&mut String> {
        Some(match self {
            TextField::Headline => &mut article.headline,
            TextField::SeoHeadline => &mut article.seo_headline,
            TextField::Standfirst => &mut article.standfirst,
            TextField::Slug => &mut article.slug,
            TextField::Language => &mut article.language,
            TextField::EditorNotes => &mut article.editor_notes,
            TextField::Author(i) => article.byline.get_mut(i)?,
            TextField::Section => &mut article.section,
            TextField::ImageSource => &mut article.image.as_mut()?.source,
            TextField::ImageCaption => &mut article.image.as_mut()?.caption,
            TextField::ImageCredit => &mut article.image.as_mut()?.credit,
            TextField::ImageAlt => &mut article.image.as_mut()?.alt,
            TextField::RelatedTitle(i) => &mut article.related.get_mut(i)?.title,
            TextField::RelatedUrl(i) => &mut article.related.get_mut(i)?.url,
            TextField::Body => &mut article.body,
        })
    }
}

impl TextField {
    /// Every text field `article` has, in the metadata panel's order: the headlines,
    /// standfirst, slug and language, one per author, the section, the picture's four when it
    /// has a picture, each related link's title and address, the editor's notes and the body.
    pub fn every(article: &Article) -> Vec<TextField> {
        let mut out = vec![
            TextField::Headline,
            TextField::SeoHeadline,
            TextField::Standfirst,
            TextField::Slug,
            TextField::Language,
        ];
        out.extend((0..article.byline.len()).map(TextField::Author));
        out.push(TextField::Section);
        if article.image.is_some() {
            out.extend([
                TextField::ImageSource,
                TextField::ImageCaption,
                TextField::ImageCredit,
                TextField::ImageAlt,
            ]);
        }
        for i in 0..article.related.len() {
            out.extend([TextField::RelatedTitle(i), TextField::RelatedUrl(i)]);
        }
        out.extend([TextField::EditorNotes, TextField::Body]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields_are_fields_and_back() {
        let mut a = Article::new();
        a.byline = vec!["A".into(), "B".into(), "C".into()];
        a.image = Some(Default::default());
        a.related = vec![Default::default(), Default::default()];
        let all = TextField::every(&a);
        assert_eq!(all.len(), 19, "{all:?}");
        for t in all {
            assert_eq!(Field::from(t).text_field(), Some(t));
            assert!(t.get(&a).is_some(), "{t:?} is one the story has");
        }
        // without a picture, authors or links, only the story's own
        let plain = TextField::every(&Article::new());
        assert_eq!(plain.len(), 8, "{plain:?}");
        assert!(plain.iter().all(|t| t.get(&Article::new()).is_some()));
        assert_eq!(Field::Status.text_field(), None);
        assert_eq!(Field::Related(0).text_field(), None);
    }

    #[test]
    fn missing_parts_have_no_text() {
        let mut a = Article::new();
        assert_eq!(TextField::ImageCaption.get(&a), None);
        assert_eq!(TextField::Author(0).get(&a), None);
        assert!(TextField::RelatedTitle(3).get_mut(&mut a).is_none());
        a.headline = "Head".into();
        assert_eq!(TextField::Headline.get(&a), Some("Head"));
    }

    #[test]
    fn fields_serialise_with_an_index_where_they_have_one() {
        let j = serde_json::to_value(Field::RelatedUrl(2)).unwrap();
        assert_eq!(j, serde_json::json!({"field": "related_url", "index": 2}));
        let j = serde_json::to_value(Field::Body).unwrap();
        assert_eq!(j, serde_json::json!({"field": "body"}));
    }
}
