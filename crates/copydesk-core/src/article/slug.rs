//! URL slugs: lowercase ASCII words joined by hyphens, such as `corbyn-tells-labour-mps`.

/// Longest slug we make from a headline; long enough to say what the story is, short enough
/// for a URL.
const MAX_DERIVED_LEN: usize = 80;

/// Makes a slug from any text: accents are folded to ASCII ("Pâté" becomes "pate"), and every
/// run of other characters becomes one hyphen.
pub fn slugify(text: &str) -> String {
    let folded = deunicode::deunicode(text).to_lowercase();
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
