//! URL slugs: lowercase ASCII words joined by hyphens, such as `corbyn-tells-labour-mps`.

/// Longest slug we make from a headline; long enough to say what the story is, short enough
/// for a URL.
const MAX_DERIVED_LEN: usize = 80;

/// Whether `c` is kept in a slug made from text: letters of the Latin alphabet (accents
/// folded later), Greek and Cyrillic (transliterated, as readers of them type addresses),
/// digits and the marks that go on them. Other scripts (Chinese, Arabic, Hindi…), emoji and
/// symbols become separators: transliterated they are noise nobody would type.
fn slug_letter(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c,
            '\u{00C0}'..='\u{024F}'   // Latin-1 letters, Latin Extended-A and -B
            | '\u{0300}'..='\u{036F}' // combining accents
            | '\u{0370}'..='\u{03FF}' // Greek
            | '\u{0400}'..='\u{052F}' // Cyrillic
            | '\u{1E00}'..='\u{1EFF}' // Latin Extended Additional (Vietnamese…)
            | '\u{1F00}'..='\u{1FFF}' // Greek Extended
        ) && c != '\u{00D7}'
            && c != '\u{00F7}'
}

/// Makes a slug from any text: accents are folded to ASCII ("Pâté" becomes "pate"), Greek and
/// Cyrillic are transliterated, and every run of other characters (other scripts, emoji,
/// symbols) becomes one hyphen.
pub fn slugify(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| if slug_letter(c) { c } else { ' ' })
        .collect();
    let folded = deunicode::deunicode(&kept).to_lowercase();
    let mut out = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.len() + word.len() + 1 > MAX_DERIVED_LEN && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

/// Why a slug typed by a user cannot be used, or `None` when it is fine.
pub fn slug_problem(slug: &str) -> Option<&'static str> {
    if slug.is_empty() {
        return Some("is empty");
    }
    if slug
        .chars()
        .any(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
    {
        return Some("may contain only lowercase letters a–z, digits and hyphens");
    }
    if slug.starts_with('-') || slug.ends_with('-') {
        return Some("must not start or end with a hyphen");
    }
    if slug.contains("--") {
        return Some("must not contain two hyphens in a row");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_folds_and_joins() {
        assert_eq!(
            slugify("WATCH: Jeremy Corbyn tells Labour MPs 'now is the time'"),
            "watch-jeremy-corbyn-tells-labour-mps-now-is-the-time"
        );
        assert_eq!(slugify("Pâté à Paris — 2016"), "pate-a-paris-2016");
        assert_eq!(slugify("   "), "");
        // letters a reader would type; other scripts, emoji and symbols are not noise
        assert_eq!(
            slugify("Cambrios被Gartner評選為「最酷供應商」 🎉"),
            "cambrios-gartner"
        );
        assert_eq!(
            slugify("Beijing 北京 — دبي — हिन्दी ❤️ news"),
            "beijing-news"
        );
        assert_eq!(slugify("Москва: Ελλάδα"), "moskva-ellada");
        assert_eq!(slugify("Hà Nội 2 × 3"), "ha-noi-2-3");
        assert_eq!(
            slugify("北京"),
            "",
            "nothing a reader would type: no slug made"
        );
        assert!(slugify(&"word ".repeat(100)).len() <= MAX_DERIVED_LEN);
    }

    #[test]
    fn slug_rules() {
        assert_eq!(slug_problem("corbyn-unity-2016"), None);
        assert!(slug_problem("").is_some());
        assert!(slug_problem("Corbyn").is_some());
        assert!(slug_problem("-corbyn").is_some());
        assert!(slug_problem("corbyn-").is_some());
        assert!(slug_problem("a--b").is_some());
        assert!(slug_problem("a b").is_some());
        // every derived slug passes the rules
        assert_eq!(slug_problem(&slugify("Ünïcödé & more!")), None);
    }
}
