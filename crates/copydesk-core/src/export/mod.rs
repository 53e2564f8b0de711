//! Publishing and interop: the story as a standalone web page, and as IPTC ninjs for
//! agencies and other newsroom systems (export and import).
//!
//! Both exports draw from [`crate::document::Document`], the structure the preview pane draws
//! from, so what the desk sees is what gets published. Nothing here touches the window.
//!
//! - [`html`]: one readable page per story, with schema.org JSON-LD.
//! - [`ninjs`]: IPTC ninjs 3.1.
//!
//! Reading other formats in is [`crate::import`].

pub mod html;
pub mod ninjs;

use url::{Host, Position, Url};

/// The URL schemes a link may use to become a clickable address in an export.
pub const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Whether `url` may become an `href` in an export: only `http:` and `https:` addresses with
/// a host, and `mailto:` addresses, are allowed. Anything else (`javascript:`, `data:`,
/// relative paths, text that is not a URL) is shown as text without a link.
pub fn link_allowed(url: &str) -> bool {
    safe_href(url).is_some()
}

/// The address to write in an `href`, in its normalised form, or `None` when the link is not
/// allowed (see [`link_allowed`]). The address is parsed and written again by the `url`
/// crate, then every character a strict URL checker (the Nu HTML Checker) refuses is
/// percent-encoded, so the `href` is always a valid URL: spaces, quotes, `[ ] \ ^ | { }`, a
/// second `#`, a `%` not starting an escape. A web address whose host is not a domain name
/// (`https://../`) or that holds control characters is not a link.
pub fn safe_href(url: &str) -> Option<String> {
    let trimmed = url.trim();
    if trimmed.is_empty() || trimmed.chars().any(char::is_control) {
        return None;
    }
    let parsed = Url::parse(trimmed).ok()?;
    match parsed.scheme() {
        "http" | "https" => match parsed.host()? {
            Host::Domain(d) if !is_domain_name(d) => None,
            _ => Some(strict(&parsed)),
        },
        "mailto" => {
            let address = parsed.path();
            (!address.is_empty()).then(|| strict(&parsed))
        }
        _ => None,
    }
}

/// Whether `d` is a domain name: dot-separated labels of letters, digits and inner hyphens
/// (an internationalised name arrives here in its `xn--` form), a final dot allowed.
fn is_domain_name(d: &str) -> bool {
    let d = d.strip_suffix('.').unwrap_or(d);
    !d.is_empty()
        && d.len() <= 253
        && d.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// `url` as text, with what follows the host percent-encoded where a strict checker would
/// refuse it.
fn strict(url: &Url) -> String {
    let head = &url[..Position::BeforePath];
    let tail = &url[Position::BeforePath..];
    let mut out = String::with_capacity(url.as_str().len() + 8);
    out.push_str(head);
    let bytes = tail.as_bytes();
    let mut seen_hash = false;
    for (i, c) in tail.char_indices() {
        let escape = match c {
            '[' | ']' | '\\' | '^' | '|' | '{' | '}' | '`' | '"' | '<' | '>' | ' ' => true,
            '#' if seen_hash => true,
            '#' => {
                seen_hash = true;
                false
            }
            '%' => {
                !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                    && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
            }
            _ => false,
        };
        if escape {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        assert_eq!(
            safe_href("https://example.com/a b").as_deref(),
            Some("https://example.com/a%20b")
        );
        assert!(link_allowed("http://example.com"));
        assert!(link_allowed("  HTTPS://Example.com/x  "));
        assert!(link_allowed("mailto:desk@example.com"));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "/relative/path",
            "example.com",
            "http://",
            "mailto:",
            "",
            "   ",
            "\"><script>alert(1)</script>",
            "https://../",
            "https://a..b/",
            "https://-x.com/",
            "https://exa mple.com/",
            "https://example.com/\u{85}x",
        ] {
            assert!(!link_allowed(bad), "{bad:?} must not become a link");
        }
    }

    #[test]
    fn hrefs_hold_only_what_a_strict_checker_accepts() {
        for (typed, written) in [
            ("https://example.com/a]b[c", "https://example.com/a%5Db%5Bc"),
            (
                "https://example.com/q?x=|^{}",
                "https://example.com/q?x=%7C%5E%7B%7D",
            ),
            (
                "https://example.com/a\\b?c\\d",
                "https://example.com/a/b?c%5Cd",
            ),
            ("https://example.com/#a#b", "https://example.com/#a%23b"),
            ("https://example.com/100%", "https://example.com/100%25"),
            (
                "https://example.com/ok%20fine",
                "https://example.com/ok%20fine",
            ),
            ("https://bücher.example/", "https://xn--bcher-kva.example/"),
            ("https://[::1]:8080/x", "https://[::1]:8080/x"),
            ("https://example.com./", "https://example.com./"),
        ] {
            assert_eq!(safe_href(typed).as_deref(), Some(written), "{typed}");
        }
    }

    #[test]
    fn normalised_href_has_no_quote_or_angle_bracket() {
        for url in [
            "https://example.com/\"onmouseover=\"x",
            "https://example.com/<script>",
            "https://example.com/?q=\"'<>",
            "https://example.com/#\"<>",
        ] {
            let href = safe_href(url).unwrap();
            assert!(!href.contains(['"', '<', '>']), "{href}");
        }
    }
}
