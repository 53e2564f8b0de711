//! Grammar and house style for `copydesk check`: harper in each story's dialect and the
//! desk's Vale style given with `--style`, so a desk can run its style book over yesterday's
//! stories.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use copydesk_core::article::Article;
use copydesk_core::checks::Problem;
use copydesk_core::style::{self, Checker, Grammar, Style, grammar};

/// The checkers of one `copydesk check` run: one grammar checker per dialect met, built when
/// a story first needs it, and the style read once.
pub struct Language {
    grammar: bool,
    style: Option<Arc<Style>>,
    checkers: HashMap<String, Checker>,
    noted: Vec<String>,
}

impl Language {
    /// Reads the style folders (none: no house style); a folder that does not exist is an
    /// error, a rule that cannot be used a warning on standard error (the others still run).
    pub fn new(grammar: bool, style_dirs: &[PathBuf]) -> Result<Language, String> {
        for dir in style_dirs {
            if !dir.is_dir() {
                return Err(format!(
                    "copydesk: error: {}: no such style folder; give a folder of Vale rules (.yml files)",
                    dir.display()
                ));
            }
        }
        let style = if style_dirs.is_empty() {
            None
        } else {
            let style = Style::load(style_dirs);
            for e in &style.errors {
                eprintln!("copydesk: warning: {e}");
            }
            Some(Arc::new(style))
        };
        Ok(Language {
            grammar,
            style,
            checkers: HashMap::new(),
            noted: Vec::new(),
        })
    }

    /// What grammar and style find in `article`, as problems of the checks.
    pub fn check(&mut self, article: &Article) -> Vec<Problem> {
        let dialect = if self.grammar {
            grammar::dialect(&article.language)
        } else {
            None
        };
        if self.grammar && dialect.is_none() && !self.noted.contains(&article.language) {
            self.noted.push(article.language.clone());
            eprintln!(
                "copydesk: note: grammar not checked for language “{}”: the grammar checker reads English only",
                article.language
            );
        }
        if dialect.is_none() && self.style.is_none() {
            return Vec::new();
        }
        let key = dialect.map_or_else(String::new, |d| format!("{d:?}"));
        let (style, off) = (
            self.style.clone(),
            self.style
                .as_ref()
                .map(|s| s.grammar_off.clone())
                .unwrap_or_default(),
        );
        let checker = self.checkers.entry(key).or_insert_with(|| Checker {
            grammar: dialect.map(|d| Grammar::new(d, &off)),
            style,
        });
        checker
            .check_article(article)
            .iter()
            .filter_map(|(field, finding)| {
                field
                    .get(article)
                    .map(|text| style::problem(*field, text, finding))
            })
            .collect()
    }
}

/// `copydesk check --list-grammar`: every grammar rule, on or off, with what it looks for.
pub fn list_grammar(out: &mut impl Write, style_dirs: &[PathBuf]) -> std::io::Result<()> {
    let off = Style::load(style_dirs).grammar_off;
    let g = Grammar::new(grammar::Dialect::British, &off);
    for (name, description, on) in g.rules() {
        let first = description.lines().next().unwrap_or("").trim();
        writeln!(out, "{name}\t{}\t{first}", if on { "on" } else { "off" })?;
    }
    Ok(())
}
