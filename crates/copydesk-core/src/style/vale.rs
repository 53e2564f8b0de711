//! House style: a desk's style book written as Vale rules.
//!
//! A style is a folder of rule files, one rule per `.yml` file named after the rule, as Vale
//! lays one out, so a desk can point Copydesk at a Vale style it already keeps. Copydesk reads
//! four of Vale's kinds (`extends:`) and these keys:
//!
//! | kind | keys |
//! |---|---|
//! | every kind | `extends`, `message` (`%s`: the words found; for `substitution` the first `%s` is the replacement, the second the words found), `level` (`error`, `warning`, `suggestion`), `scope`, `ignorecase`, `nonword` |
//! | `existence` | `tokens` (words or patterns, any one found is a problem), `raw` (a pattern used as it is) |
//! | `substitution` | `swap` (a map: what is found → what to use; `a\|b` offers both) |
//! | `occurrence` | `token` (a pattern), `max`, `min` (how many times it may appear in one text) |
//! | `capitalization` | `match` (`$sentence`, `$title`, `$lower`, `$upper`, or a pattern the whole text must match), `exceptions`, `threshold` |
//!
//! `scope` is one name or a list: Copydesk's `headline`, `standfirst`, `body`, `caption`, or
//! Vale's `heading`/`title` (the headline), `summary` (the standfirst), `text`, `paragraph`,
//! `sentence` (everything, the default). Other keys (`link`, `description`, `action`, …) are
//! read past. A rule Copydesk cannot use — another kind, a pattern that does not compile, a
//! missing key — is a [`StyleError`] naming the file, the line and the rule; the other rules
//! still run. Patterns are Rust `regex` patterns, which read Vale's (Go RE2) patterns the same
//! way: no look-around, no back-references.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use regex::{Regex, RegexBuilder};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};

use super::{Finding, Level, Scope, Source};

/// Copydesk's sample style (`assets/styles/CopydeskNews`), built in: twenty rules a British
/// news desk would recognise, for a desk that has no style book of its own yet.
pub const SAMPLE: &[(&str, &str)] = &[
    (
        "Americanisms",
        include_str!("../../../../assets/styles/CopydeskNews/Americanisms.yml"),
    ),
    (
        "Claimed",
        include_str!("../../../../assets/styles/CopydeskNews/Claimed.yml"),
    ),
    (
        "Cliches",
        include_str!("../../../../assets/styles/CopydeskNews/Cliches.yml"),
    ),
    (
        "DateOrdinals",
        include_str!("../../../../assets/styles/CopydeskNews/DateOrdinals.yml"),
    ),
    (
        "Email",
        include_str!("../../../../assets/styles/CopydeskNews/Email.yml"),
    ),
    (
        "HeadlineCase",
        include_str!("../../../../assets/styles/CopydeskNews/HeadlineCase.yml"),
    ),
    (
        "HeadlineLength",
        include_str!("../../../../assets/styles/CopydeskNews/HeadlineLength.yml"),
    ),
    (
        "HeadlineShouts",
        include_str!("../../../../assets/styles/CopydeskNews/HeadlineShouts.yml"),
    ),
    (
        "Honorifics",
        include_str!("../../../../assets/styles/CopydeskNews/Honorifics.yml"),
    ),
    (
        "Hype",
        include_str!("../../../../assets/styles/CopydeskNews/Hype.yml"),
    ),
    (
        "Jargon",
        include_str!("../../../../assets/styles/CopydeskNews/Jargon.yml"),
    ),
    (
        "OxfordComma",
        include_str!("../../../../assets/styles/CopydeskNews/OxfordComma.yml"),
    ),
    (
        "PartyNames",
        include_str!("../../../../assets/styles/CopydeskNews/PartyNames.yml"),
    ),
    (
        "PerCent",
        include_str!("../../../../assets/styles/CopydeskNews/PerCent.yml"),
    ),
    (
        "Redundancy",
        include_str!("../../../../assets/styles/CopydeskNews/Redundancy.yml"),
    ),
    (
        "Sensational",
        include_str!("../../../../assets/styles/CopydeskNews/Sensational.yml"),
    ),
    (
        "SmallNumbers",
        include_str!("../../../../assets/styles/CopydeskNews/SmallNumbers.yml"),
    ),
    (
        "StandfirstLength",
        include_str!("../../../../assets/styles/CopydeskNews/StandfirstLength.yml"),
    ),
    (
        "Times",
        include_str!("../../../../assets/styles/CopydeskNews/Times.yml"),
    ),
    (
        "WhilstAmongst",
        include_str!("../../../../assets/styles/CopydeskNews/WhilstAmongst.yml"),
    ),
];

/// The sample style's name, as the window shows it.
pub const SAMPLE_NAME: &str = "CopydeskNews";

/// The file in a style folder naming the grammar rules a desk switches off.
pub const GRAMMAR_OFF: &str = "grammar-off.txt";

/// The largest rule file read: a style book's rule is a few lines.
const MAX_RULE_FILE: u64 = 256 * 1024;
/// How far patterns may grow once compiled (the `regex` crate's limit, smaller): a rule can
/// never take the checker's memory.
const MAX_PATTERN: usize = 1 << 20;

/// A rule that cannot be used, said so a desk editor can fix it: the file, the line, the
/// rule and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}, line {line}: the rule {rule} {problem}", file.display())]
pub struct StyleError {
    /// The rule's file.
    pub file: PathBuf,
    /// The line in it (from 1).
    pub line: usize,
    /// The rule's name (its file name without `.yml`).
    pub rule: String,
    /// What is wrong and what to do, after "the rule NAME".
    pub problem: String,
}

/// One rule of a style.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Its name: the file name without `.yml`.
    pub name: String,
    /// What it looks for.
    pub kind: Kind,
    /// What it says, with `%s` for the words found.
    pub message: String,
    /// How much it matters.
    pub level: Level,
    /// Where it applies; empty for everywhere.
    pub scopes: Vec<Scope>,
    /// The file it was read from.
    pub file: PathBuf,
}

/// What a rule looks for.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Words or phrases that should not be there.
    Existence {
        /// Any of the tokens.
        pattern: Regex,
    },
    /// Words to be replaced: each swap's pattern is a group of one pattern.
    Substitution {
        /// All the swaps' patterns, each in a group of its own, in order.
        pattern: Regex,
        /// What to use for each group, alternatives split at `|`.
        swaps: Vec<Vec<String>>,
    },
    /// Something that may appear only so many times in one text.
    Occurrence {
        /// What is counted.
        pattern: Regex,
        /// At most this many.
        max: Option<usize>,
        /// At least this many.
        min: Option<usize>,
    },
    /// The case of the whole text (a headline).
    Capitalization {
        /// Which case.
        case: Case,
        /// Words taken as they are written.
        exceptions: Vec<String>,
        /// The share of words that must follow the case (Vale's default 0.8).
        threshold: f64,
    },
}

/// A case a capitalization rule asks for.
#[derive(Debug, Clone)]
pub enum Case {
    /// First word capitalised, the rest in lower case (names aside, through `threshold`).
    Sentence,
    /// Every word capitalised but the short ones (a, and, of, the…).
    Title,
    /// All lower case.
    Lower,
    /// All capitals.
    Upper,
    /// A pattern the whole text must match.
    Pattern(Regex),
}

/// A desk's style book: its rules and the rules it could not read.
#[derive(Debug, Clone, Default)]
pub struct Style {
    /// The rules, by name.
    pub rules: Vec<Rule>,
    /// The rules that could not be read, each said.
    pub errors: Vec<StyleError>,
    /// Harper's grammar rules the desk switches off, from the `grammar-off.txt` of its style
    /// folders (one rule name a line, `#` for a comment).
    pub grammar_off: Vec<String>,
}

impl Style {
    /// Reads the style folders in order, a rule in a later folder replacing one of the same
    /// name in an earlier one (the user's own rules after the desk's). A folder with no rule
    /// files of its own is read one level down, as Vale's styles folder holds one folder per
    /// style. Folders that do not exist are skipped; unreadable rules are in
    /// [`Style::errors`].
    pub fn load(folders: &[PathBuf]) -> Style {
        let mut by_name: BTreeMap<String, Rule> = BTreeMap::new();
        let mut errors = Vec::new();
        let mut grammar_off = Vec::new();
        for folder in folders {
            if let Ok(text) = std::fs::read_to_string(folder.join(GRAMMAR_OFF)) {
                grammar_off.extend(
                    text.lines()
                        .map(|l| l.split('#').next().unwrap_or("").trim())
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned),
                );
            }
            for file in rule_files(folder) {
                match read_rule(&file) {
                    Ok(rule) => {
                        by_name.insert(rule.name.clone(), rule);
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        Style {
            rules: by_name.into_values().collect(),
            errors,
            grammar_off,
        }
    }

    /// Copydesk's built-in sample style ([`SAMPLE`]), with `own` folders read after it (a
    /// user's own rules replace the sample's of the same name).
    pub fn sample(own: &[PathBuf]) -> Style {
        let mut style = Style::default();
        for (name, text) in SAMPLE {
            let file = PathBuf::from(SAMPLE_NAME).join(format!("{name}.yml"));
            match parse_rule(&file, text) {
                Ok(rule) => style.rules.push(rule),
                Err(e) => style.errors.push(e),
            }
        }
        let mine = Style::load(own);
        style
            .rules
            .retain(|r| !mine.rules.iter().any(|m| m.name == r.name));
        style.rules.extend(mine.rules);
        style.rules.sort_by(|a, b| a.name.cmp(&b.name));
        style.errors.extend(mine.errors);
        style.grammar_off.extend(mine.grammar_off);
        style
    }

    /// Reads one rule from its text, as if from `file` (tests, and rules kept elsewhere).
    pub fn parse_rule(file: &Path, text: &str) -> Result<Rule, StyleError> {
        parse_rule(file, text)
    }

    /// What the rules that apply in `scope` find in `prose` (plain text, markup blanked out).
    pub fn check(&self, prose: &str, scope: Scope) -> Vec<Finding> {
        let mut out = Vec::new();
        for rule in &self.rules {
            if rule.scopes.is_empty() || rule.scopes.contains(&scope) {
                rule.check(prose, &mut out);
            }
        }
        out
    }
}

/// The `.yml` and `.yaml` files of `folder` in name order, or of its sub-folders when it has
/// none of its own.
fn rule_files(folder: &Path) -> Vec<PathBuf> {
    let list = |dir: &Path| -> (Vec<PathBuf>, Vec<PathBuf>) {
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("yml") || e.eq_ignore_ascii_case("yaml")
                }) {
                    files.push(path);
                }
            }
        }
        files.sort();
        dirs.sort();
        (files, dirs)
    };
    let (files, dirs) = list(folder);
    if !files.is_empty() {
        return files;
    }
    dirs.iter().flat_map(|d| list(d).0).collect()
}

fn rule_name(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_rule(file: &Path) -> Result<Rule, StyleError> {
    let error = |problem: String| StyleError {
        file: file.to_path_buf(),
        line: 1,
        rule: rule_name(file),
        problem,
    };
    let size = std::fs::metadata(file)
        .map_err(|e| error(format!("cannot be read ({e})")))?
        .len();
    if size > MAX_RULE_FILE {
        return Err(error(format!(
            "is {size} bytes long, more than a rule can be ({MAX_RULE_FILE}); split it"
        )));
    }
    let text = std::fs::read_to_string(file)
        .map_err(|e| error(format!("cannot be read ({e}); save it as UTF-8 text")))?;
    parse_rule(file, &text)
}

/// The keys of one rule file, with the line each value is on.
struct Keys<'a> {
    map: Vec<(String, &'a MarkedYaml<'a>)>,
    file: &'a Path,
    rule: String,
}

impl<'a> Keys<'a> {
    fn get(&self, key: &str) -> Option<&'a MarkedYaml<'a>> {
        self.map.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    fn error(&self, node: Option<&MarkedYaml<'_>>, problem: impl Into<String>) -> StyleError {
        StyleError {
            file: self.file.to_path_buf(),
            line: node.map_or(1, line_of),
            rule: self.rule.clone(),
            problem: problem.into(),
        }
    }

    fn string(&self, key: &str) -> Result<Option<(String, &'a MarkedYaml<'a>)>, StyleError> {
        let Some(node) = self.get(key) else {
            return Ok(None);
        };
        match scalar_text(node) {
            Some(s) => Ok(Some((s, node))),
            None => Err(self.error(Some(node), format!("has a `{key}` that is not a text"))),
        }
    }

    fn bool(&self, key: &str) -> Result<bool, StyleError> {
        match self.get(key) {
            None => Ok(false),
            Some(node) => match &node.data {
                YamlData::Value(Scalar::Boolean(b)) => Ok(*b),
                _ => Err(self.error(
                    Some(node),
                    format!("has a `{key}` that is neither true nor false"),
                )),
            },
        }
    }

    fn count(&self, key: &str) -> Result<Option<usize>, StyleError> {
        match self.get(key) {
            None => Ok(None),
            Some(node) => match &node.data {
                YamlData::Value(Scalar::Integer(n)) if *n >= 0 => Ok(Some(*n as usize)),
                _ => Err(self.error(
                    Some(node),
                    format!("has a `{key}` that is not a whole number of 0 or more"),
                )),
            },
        }
    }

    /// A list of texts (or one text), each with its node.
    fn list(&self, key: &str) -> Result<Vec<(String, &'a MarkedYaml<'a>)>, StyleError> {
        let Some(node) = self.get(key) else {
            return Ok(Vec::new());
        };
        if let Some(s) = scalar_text(node) {
            return Ok(vec![(s, node)]);
        }
        let YamlData::Sequence(items) = &node.data else {
            return Err(self.error(Some(node), format!("has a `{key}` that is not a list")));
        };
        items
            .iter()
            .map(|item| {
                scalar_text(item).map(|s| (s, item)).ok_or_else(|| {
                    self.error(
                        Some(item),
                        format!("has an item of `{key}` that is not a text"),
                    )
                })
            })
            .collect()
    }

    /// A pattern, compiled, or an error at its line.
    fn regex(
        &self,
        pattern: &str,
        node: &MarkedYaml<'_>,
        ignorecase: bool,
    ) -> Result<Regex, StyleError> {
        RegexBuilder::new(pattern)
            .case_insensitive(ignorecase)
            .size_limit(MAX_PATTERN)
            .build()
            .map_err(|e| {
                let why = e.to_string();
                let why = why
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .trim_start_matches("error: ");
                self.error(
                    Some(node),
                    format!(
                        "has a pattern that cannot be read ({pattern:?}: {why}); fix or remove it"
                    ),
                )
            })
    }
}

fn line_of(node: &MarkedYaml<'_>) -> usize {
    node.span.start.line().max(1)
}

fn scalar_text(node: &MarkedYaml<'_>) -> Option<String> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Integer(n)) => Some(n.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        _ => None,
    }
}

/// Wraps alternatives in word boundaries unless `nonword`, as Vale does.
fn words_pattern(parts: &[String], nonword: bool) -> String {
    let joined = parts.join("|");
    if nonword {
        format!("(?:{joined})")
    } else {
        format!(r"\b(?:{joined})\b")
    }
}

fn parse_rule(file: &Path, text: &str) -> Result<Rule, StyleError> {
    let name = rule_name(file);
    let fail = |line: usize, problem: String| StyleError {
        file: file.to_path_buf(),
        line,
        rule: name.clone(),
        problem,
    };
    let docs = MarkedYaml::load_from_str(text).map_err(|e| {
        fail(
            e.marker().line().max(1),
            format!("is not YAML Copydesk can read ({}); fix the file", e.info()),
        )
    })?;
    let Some(doc) = docs.first() else {
        return Err(fail(
            1,
            "is empty; give it `extends:` and `message:`".into(),
        ));
    };
    let YamlData::Mapping(mapping) = &doc.data else {
        return Err(fail(
            line_of(doc),
            "is not a list of `key: value` lines; start with `extends:`".into(),
        ));
    };
    let keys = Keys {
        map: mapping
            .iter()
            .filter_map(|(k, v)| scalar_text(k).map(|k| (k, v)))
            .collect(),
        file,
        rule: name.clone(),
    };
    let Some((extends, extends_node)) = keys.string("extends")? else {
        return Err(keys.error(
            Some(doc),
            "says no kind; add `extends: existence` (or substitution, occurrence, capitalization)",
        ));
    };
    let message = keys
        .string("message")?
        .map(|(m, _)| m)
        .unwrap_or_else(|| format!("Against the house style ({name})"));
    let level = match keys.string("level")? {
        None => Level::Suggestion,
        Some((l, node)) => match l.trim().to_ascii_lowercase().as_str() {
            "error" => Level::Error,
            "warning" => Level::Warning,
            "suggestion" => Level::Suggestion,
            other => {
                return Err(keys.error(
                    Some(node),
                    format!("has level “{other}”; use error, warning or suggestion"),
                ));
            }
        },
    };
    let mut scopes = Vec::new();
    for (s, node) in keys.list("scope")? {
        let these: &[Scope] = match s.trim().to_ascii_lowercase().as_str() {
            "headline" | "heading" | "title" | "heading.h1" => &[Scope::Headline],
            "standfirst" | "summary" => &[Scope::Standfirst],
            "body" | "list" | "blockquote" => &[Scope::Body],
            "caption" => &[Scope::Caption],
            "text" | "paragraph" | "sentence" | "raw" => &[],
            other => {
                return Err(keys.error(
                    Some(node),
                    format!("has scope “{other}”; use headline, standfirst, body, caption or text"),
                ));
            }
        };
        if these.is_empty() {
            scopes.clear();
            break;
        }
        scopes.extend_from_slice(these);
    }
    let ignorecase = keys.bool("ignorecase")?;
    let nonword = keys.bool("nonword")?;
    let kind = match extends.trim() {
        "existence" => {
            let tokens = keys.list("tokens")?;
            let raw = keys.list("raw")?;
            if tokens.is_empty() && raw.is_empty() {
                return Err(keys.error(
                    Some(doc),
                    "lists nothing to look for; add `tokens:` with the words",
                ));
            }
            // each pattern is checked alone first, so an error names its own line
            for (t, node) in tokens.iter().chain(&raw) {
                keys.regex(t, node, ignorecase)?;
            }
            let mut parts = Vec::new();
            if !tokens.is_empty() {
                let t: Vec<String> = tokens.into_iter().map(|(t, _)| t).collect();
                parts.push(words_pattern(&t, nonword));
            }
            parts.extend(raw.into_iter().map(|(r, _)| format!("(?:{r})")));
            let node = keys.get("tokens").or(keys.get("raw")).unwrap_or(doc);
            Kind::Existence {
                pattern: keys.regex(&parts.join("|"), node, ignorecase)?,
            }
        }
        "substitution" => {
            let Some(node) = keys.get("swap") else {
                return Err(keys.error(
                    Some(doc),
                    "has nothing to swap; add `swap:` with `found: use instead` lines",
                ));
            };
            let YamlData::Mapping(swap) = &node.data else {
                return Err(keys.error(
                    Some(node),
                    "has a `swap` that is not a list of `found: use instead` lines",
                ));
            };
            let mut groups = Vec::new();
            let mut swaps = Vec::new();
            for (k, v) in swap.iter() {
                let (Some(found), Some(instead)) = (scalar_text(k), scalar_text(v)) else {
                    return Err(
                        keys.error(Some(k), "has a swap line that is not `found: use instead`")
                    );
                };
                keys.regex(&found, k, ignorecase)?;
                groups.push(format!("({})", words_pattern(&[found], nonword)));
                swaps.push(instead.split('|').map(|s| s.trim().to_owned()).collect());
            }
            if swaps.is_empty() {
                return Err(keys.error(Some(node), "has an empty `swap`; add a line"));
            }
            Kind::Substitution {
                pattern: keys.regex(&groups.join("|"), node, ignorecase)?,
                swaps,
            }
        }
        "occurrence" => {
            let Some((token, node)) = keys.string("token")? else {
                return Err(keys.error(Some(doc), "counts nothing; add `token:` with a pattern"));
            };
            let (max, min) = (keys.count("max")?, keys.count("min")?);
            if max.is_none() && min.is_none() {
                return Err(keys.error(Some(doc), "has no limit; add `max:` or `min:`"));
            }
            Kind::Occurrence {
                pattern: keys.regex(&token, node, ignorecase)?,
                max,
                min,
            }
        }
        "capitalization" => {
            let Some((m, node)) = keys.string("match")? else {
                return Err(keys.error(
                    Some(doc),
                    "asks for no case; add `match: $sentence` (or $title, $lower, $upper)",
                ));
            };
            let case = match m.trim() {
                "$sentence" => Case::Sentence,
                "$title" => Case::Title,
                "$lower" => Case::Lower,
                "$upper" => Case::Upper,
                pattern => Case::Pattern(keys.regex(&format!("^(?:{pattern})$"), node, false)?),
            };
            let threshold = match keys.get("threshold") {
                None => 0.8,
                Some(node) => match &node.data {
                    YamlData::Value(Scalar::FloatingPoint(f)) if (0.0..=1.0).contains(&f.0) => f.0,
                    YamlData::Value(Scalar::Integer(n)) if (0..=1).contains(n) => *n as f64,
                    _ => {
                        return Err(keys.error(
                            Some(node),
                            "has a `threshold` that is not a number from 0 to 1",
                        ));
                    }
                },
            };
            Kind::Capitalization {
                case,
                exceptions: keys
                    .list("exceptions")?
                    .into_iter()
                    .map(|(e, _)| e)
                    .collect(),
                threshold,
            }
        }
        other => {
            return Err(keys.error(
                Some(extends_node),
                format!(
                    "is of kind “{other}”, which Copydesk does not read; it reads existence, \
                     substitution, occurrence and capitalization (remove the rule, or run it \
                     in Vale)"
                ),
            ));
        }
    };
    Ok(Rule {
        name,
        kind,
        message,
        level,
        scopes,
        file: file.to_path_buf(),
    })
}

/// `message` with each `%s` replaced by the next of `args`.
fn format_message(message: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(message.len());
    let mut args = args.iter();
    let mut rest = message;
    while let Some(at) = rest.find("%s") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// `replacement` with the first letter in capitals when `found` starts with one (a swap at
/// the start of a sentence).
fn match_case(found: &str, replacement: &str) -> String {
    let starts_upper = found.chars().next().is_some_and(char::is_uppercase);
    let replacement_lower = replacement.chars().next().is_some_and(char::is_lowercase);
    if starts_upper && replacement_lower {
        let mut chars = replacement.chars();
        let first: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        first + chars.as_str()
    } else {
        replacement.to_owned()
    }
}

/// Words too small to be capitalised in title case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "over", "per", "the", "to", "up", "via", "vs", "with",
];

impl Rule {
    fn finding(&self, range: Range<usize>, message: String, replacements: Vec<String>) -> Finding {
        Finding {
            range,
            rule: self.name.clone(),
            source: Source::Style,
            level: self.level,
            message,
            replacements,
        }
    }

    /// Adds what this rule finds in `prose` to `out`.
    pub fn check(&self, prose: &str, out: &mut Vec<Finding>) {
        match &self.kind {
            Kind::Existence { pattern } => {
                for m in pattern.find_iter(prose) {
                    if m.is_empty() {
                        continue;
                    }
                    let message = format_message(&self.message, &[m.as_str()]);
                    out.push(self.finding(m.range(), message, Vec::new()));
                }
            }
            Kind::Substitution { pattern, swaps } => {
                for caps in pattern.captures_iter(prose) {
                    let Some((i, m)) = caps
                        .iter()
                        .skip(1)
                        .enumerate()
                        .find_map(|(i, m)| m.map(|m| (i, m)))
                    else {
                        continue;
                    };
                    if m.is_empty() {
                        continue;
                    }
                    let Some(instead) = swaps.get(i) else {
                        continue;
                    };
                    let found = m.as_str();
                    let replacements: Vec<String> =
                        instead.iter().map(|r| match_case(found, r)).collect();
                    if replacements.iter().any(|r| r == found) {
                        continue; // already as the house writes it
                    }
                    let message = format_message(&self.message, &[&instead.join(" or "), found]);
                    out.push(self.finding(m.range(), message, replacements));
                }
            }
            Kind::Occurrence { pattern, max, min } => {
                let found: Vec<Range<usize>> = pattern
                    .find_iter(prose)
                    .filter(|m| !m.is_empty())
                    .map(|m| m.range())
                    .collect();
                if let Some(max) = *max
                    && found.len() > max
                {
                    let range = found[max].start..found[found.len() - 1].end;
                    let message = format_message(&self.message, &[&prose[range.clone()]]);
                    out.push(self.finding(range, message, Vec::new()));
                }
                if let Some(min) = *min
                    && found.len() < min
                    && !prose.trim().is_empty()
                {
                    let text = prose.trim_end();
                    let start = text.len() - text.trim_start().len();
                    let message = format_message(&self.message, &[text.trim()]);
                    out.push(self.finding(start..text.len(), message, Vec::new()));
                }
            }
            Kind::Capitalization {
                case,
                exceptions,
                threshold,
            } => {
                let text = prose.trim();
                if text.is_empty() {
                    return;
                }
                if !follows_case(text, case, exceptions, *threshold) {
                    let start = prose.len() - prose.trim_start().len();
                    let message = format_message(&self.message, &[text]);
                    let fixed = recase(text, case);
                    let replacements = fixed.filter(|f| f != text).into_iter().collect();
                    out.push(self.finding(start..start + text.len(), message, replacements));
                }
            }
        }
    }
}

/// The words of a text for its case: runs of letters, digits, apostrophes and hyphens with
/// a letter in them.
fn case_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .filter(|w| w.chars().any(char::is_alphabetic))
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
}

fn follows_case(text: &str, case: &Case, exceptions: &[String], threshold: f64) -> bool {
    let is_exception = |w: &str| exceptions.iter().any(|e| e == w);
    let words: Vec<&str> = case_words(text).collect();
    match case {
        Case::Lower => text.chars().all(|c| !c.is_uppercase()),
        Case::Upper => text.chars().all(|c| !c.is_lowercase()),
        Case::Pattern(p) => p.is_match(text),
        Case::Sentence => {
            let Some((first, rest)) = words.split_first() else {
                return true;
            };
            if !is_capitalised(first) && !is_exception(first) {
                return false;
            }
            if rest.is_empty() {
                return true;
            }
            let good = rest
                .iter()
                .filter(|w| !is_capitalised(w) || is_acronym(w) || is_exception(w))
                .count();
            good as f64 / rest.len() as f64 >= threshold
        }
        Case::Title => {
            if words.is_empty() {
                return true;
            }
            let good = words
                .iter()
                .enumerate()
                .filter(|(i, w)| {
                    is_exception(w)
                        || is_acronym(w)
                        || if *i > 0 && SMALL_WORDS.contains(&w.to_lowercase().as_str()) {
                            !is_capitalised(w)
                        } else {
                            is_capitalised(w)
                        }
                })
                .count();
            good as f64 / words.len() as f64 >= threshold
        }
    }
}

/// `text` in `case`, for the case the checker can write itself: sentence case keeps names it
/// cannot tell from words, so it offers only lower and upper case.
fn recase(text: &str, case: &Case) -> Option<String> {
    match case {
        Case::Lower => Some(text.to_lowercase()),
        Case::Upper => Some(text.to_uppercase()),
        _ => None,
    }
}
