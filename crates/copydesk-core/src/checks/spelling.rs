//! Misspellings as problems: one warning per misspelt word, with suggestions.

use crate::article::Article;
use crate::field::{Field, TextField};
use crate::spelling::{Speller, Text};

use super::Problem;

/// The fields whose words are checked, and how each is read: the headlines, standfirst,
/// picture caption and related-link titles as plain text, the body as markup. Not checked:
/// names, tags, addresses, slugs, alt text and the editor's notes.
pub fn spelled_fields(article: &Article) -> Vec<(TextField, Text)> {
    let mut out = vec![
        (TextField::Headline, Text::Plain),
        (TextField::SeoHeadline, Text::Plain),
        (TextField::Standfirst, Text::Plain),
    ];
    if article.image.is_some() {
        out.push((TextField::ImageCaption, Text::Plain));
    }
    out.extend((0..article.related.len()).map(|i| (TextField::RelatedTitle(i), Text::Plain)));
    out.push((TextField::Body, Text::Markup));
    out
}

/// How a checked field is named in a problem: "the standfirst", "related link 2's title".
fn field_name(field: TextField) -> String {
    match field {
        TextField::Headline => "the headline".to_owned(),
        TextField::SeoHeadline => "the SEO headline".to_owned(),
        TextField::Standfirst => "the standfirst".to_owned(),
        TextField::ImageCaption => "the picture's caption".to_owned(),
        TextField::RelatedTitle(i) => format!("related link {}'s title", i + 1),
        TextField::Body => "the body".to_owned(),
        other => format!("{:?}", Field::from(other)).to_lowercase(),
    }
}

/// A warning for a misspelt word at `range` of `field`'s text, with the suggestions shown.
pub fn misspelling(
    field: TextField,
    text: &str,
    range: std::ops::Range<usize>,
    suggestions: &[String],
) -> Problem {
    let word = &text[range.clone()];
    let place = field_name(field);
    let message = match suggestions {
        [] => format!(
            "“{word}” in {place} may be misspelt; no suggestion (if it is right, add it to the desk dictionary)"
        ),
        [one] => format!("“{word}” in {place} may be misspelt; did you mean “{one}”?"),
        many => format!(
            "“{word}” in {place} may be misspelt; did you mean {}?",
            many.iter()
                .map(|s| format!("“{s}”"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Problem::warning(Field::from(field), message)
        .at(range.start)
        .spanning(range.len())
}

/// The misspellings of `article`'s checked fields, each with up to `suggestions` suggestions,
/// in field order. The speller should ignore the story's own ignored words
/// ([`Speller::ignoring`] with `article.spelling_ignore`).
pub fn check_spelling(
    article: &Article,
    speller: &Speller<'_>,
    suggestions: usize,
) -> Vec<Problem> {
    let mut out = Vec::new();
    for (field, kind) in spelled_fields(article) {
        let Some(text) = field.get(article) else {
            continue;
        };
        for range in speller.misspellings(text, kind) {
            let found = if suggestions > 0 {
                speller.suggest(&text[range.clone()], suggestions)
            } else {
                Vec::new()
            };
            out.push(misspelling(field, text, range, &found));
        }
    }
    out
}
