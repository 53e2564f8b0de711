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

use url::Url;

/// The URL schemes a link may use to become a clickable address in an export.
pub const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// Whether `url` may become an `href` in an export: only `http:` and `https:` addresses with
/// a host, and `mailto:` addresses, are allowed. Anything else (`javascript:`, `data:`,
/// relative paths, text that is not a URL) is shown as text without a link.
pub fn link_allowed(url: &str) -> bool {
    safe_href(url).is_some()
}

/// The address to write in an `href`, in its normalised form (spaces and other characters
/// that may not stand in a URL are percent-encoded), or `None` when the link is not allowed
/// (see [`link_allowed`]).
pub fn safe_href(url: &str) -> Option<String> {
    let trimmed = url.trim();
    if trimmed.is_empty() {
        return None;
    }
    let parsed = Url::parse(trimmed).ok()?;
    match parsed.scheme() {
        "http" | "https" => parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .map(|_| parsed.as_str().to_owned()),
        "mailto" => {
            let address = parsed.path();
            (!address.is_empty()).then(|| parsed.as_str().to_owned())
        }
        _ => None,
    }
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
        ] {
            assert!(!link_allowed(bad), "{bad:?} must not become a link");
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
