//! Grammar: Automattic's harper (`harper-core`), run on the computer, in the dialect of the
//! story's language.
//!
//! Harper's curated rules, less its spelling rule (Hunspell checks spelling, with the desk's
//! word list) and the rules in [`OFF_FOR_NEWS`], which misfire on news copy; a desk can switch
//! more off by name ([`Grammar::new`]). Building the checker reads harper's dictionary and
//! costs a moment, so the window builds one per checking thread and keeps it.

use std::sync::Arc;

use harper_core::Document;
use harper_core::linting::{LintGroup, Suggestion};
use harper_core::spell::FstDictionary;

/// The English a grammar checker reads (harper's).
pub use harper_core::Dialect;

use super::{Finding, Level, Source};

/// Harper's rules Copydesk switches off: spelling (Hunspell's job), and rules that read news
/// copy wrongly — headlines and names in capitals, quoted speech kept as it was said.
pub const OFF_FOR_NEWS: &[&str] = &[
    // spelling is Hunspell's, with the desk's dictionary
    "SpellCheck",
    "SpelledNumbers",
    // a headline's or a name's capitals are the desk's business (style: capitalization)
    "SentenceCapitalization",
    "TitleCase",
    // a quotation is printed as it was said
    "BoringWords",
    // a quotation running over several paragraphs opens each and closes only the last, and
    // the story's own checks already find a quotation left open
    "UnclosedQuotes",
    // an Oxford comma or not is the desk's call: its style book says which
    "OxfordComma",
];

/// The English a story is written in, from its language tag: `en-GB` British, `en-US` and
/// plain `en` American, `en-CA`, `en-AU`, `en-IN`; `None` for a story not in English (harper
/// reads English only).
pub fn dialect(language: &str) -> Option<Dialect> {
    let tag = language.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = tag.split('-');
    if parts.next() != Some("en") {
        return None;
    }
    Some(match parts.next() {
        Some("gb" | "uk" | "ie" | "nz") => Dialect::British,
        Some("ca") => Dialect::Canadian,
        Some("au") => Dialect::Australian,
        Some("in") => Dialect::Indian,
        _ => Dialect::American,
    })
}

/// Harper's checker for one dialect, with its rules switched on or off.
pub struct Grammar {
    group: LintGroup,
    dictionary: Arc<FstDictionary>,
}

impl Grammar {
    /// A checker for `dialect`, with [`OFF_FOR_NEWS`] and the rules named in `off` switched
    /// off (names as harper gives them, `RepeatedWords`; unknown names are ignored).
    pub fn new(dialect: Dialect, off: &[String]) -> Self {
        let dictionary = FstDictionary::curated();
        let mut group = LintGroup::new_curated(dictionary.clone(), dialect);
        for name in OFF_FOR_NEWS
            .iter()
            .copied()
            .chain(off.iter().map(String::as_str))
        {
            group.config.set_rule_enabled(name, false);
        }
        Grammar { group, dictionary }
    }

    /// Every rule's name with what it looks for, in name order, and whether it is on.
    pub fn rules(&self) -> Vec<(String, String, bool)> {
        let descriptions = self.group.all_descriptions();
        let mut out: Vec<(String, String, bool)> = self
            .group
            .iter_keys()
            .map(|name| {
                (
                    name.to_owned(),
                    descriptions.get(name).copied().unwrap_or("").to_owned(),
                    self.group.config.is_rule_enabled(name),
                )
            })
            .collect();
        out.sort();
        out
    }

    /// What harper finds in `prose` (plain text, markup already blanked out), with byte
    /// ranges of `prose`.
    pub fn check(&mut self, prose: &str) -> Vec<Finding> {
        if prose.trim().is_empty() {
            return Vec::new();
        }
        let document = Document::new_plain_english(prose, &*self.dictionary);
        // harper counts in characters: the byte where each character starts
        let starts: Vec<usize> = prose
            .char_indices()
            .map(|(i, _)| i)
            .chain([prose.len()])
            .collect();
        let byte = |c: usize| starts.get(c).copied().unwrap_or(prose.len());
        let mut out: Vec<Finding> = Vec::new();
        for (rule, lints) in self.group.organized_lints(&document) {
            for lint in lints {
                let range = byte(lint.span.start)..byte(lint.span.end);
                let replacements = replacements(&lint.suggestions, &prose[range.clone()]);
                // two of harper's rules often find the same thing ("more better"): one is
                // enough
                if out
                    .iter()
                    .any(|f| f.range == range && f.replacements.first() == replacements.first())
                {
                    continue;
                }
                out.push(Finding {
                    range,
                    rule: rule.clone(),
                    source: Source::Grammar,
                    level: Level::Warning,
                    message: plain(&lint.message),
                    replacements,
                });
            }
        }
        out
    }
}

/// Harper's suggestions as the texts to put in place of `found`, without repeats.
fn replacements(suggestions: &[Suggestion], found: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in suggestions {
        let text = match s {
            Suggestion::ReplaceWith(chars) => chars.iter().collect(),
            Suggestion::InsertAfter(chars) => {
                format!("{found}{}", chars.iter().collect::<String>())
            }
            Suggestion::Remove => String::new(),
        };
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// Harper's message with its Markdown backticks as typographic quotes: `there` → “there”.
fn plain(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut open = true;
    for c in message.chars() {
        if c == '`' {
            out.push(if open { '“' } else { '”' });
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}
