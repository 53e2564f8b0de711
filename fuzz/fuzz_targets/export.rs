//! Body markup and headline → reader's view → HTML page and ninjs item. The page holds no
//! active content whatever the input: one script element (the JSON-LD), no event handlers,
//! only http(s) and mailto addresses; the ninjs item is JSON.
#![no_main]

use copydesk_core::article::Article;
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::{checks, export, markup};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (headline, body) = text.split_once('\n').unwrap_or((&text, ""));
    let mut a = Article::new();
    a.headline = headline.to_owned();
    a.standfirst = headline.chars().rev().collect();
    a.body = body.to_owned();
    let style = HouseStyle::default();
    let doc = Document::build(&a, &style);
    let _ = doc.body_plain_text();
    let _ = markup::highlight(&a.body);
    let _ = checks::check(&a, chrono::Utc::now());
    let page = export::html::render(&a, &style);
    let lower = page.to_ascii_lowercase();
    assert_eq!(
        lower.matches("<script").count(),
        1,
        "one script: the JSON-LD"
    );
    assert!(lower.contains("<script type=\"application/ld+json\">"));
    for (name, value) in attributes(&lower) {
        assert!(!name.starts_with("on"), "an event handler: {name}={value:?}");
        if name == "href" || name == "src" {
            assert!(
                value.starts_with("https://")
                    || value.starts_with("http://")
                    || value.starts_with("mailto:"),
                "an address that is not a web or mail address: {name}={value:?}"
            );
        }
    }
    let item: serde_json::Value =
        serde_json::from_str(&export::ninjs::to_string(&a, &style)).expect("ninjs is JSON");
    assert!(item.is_object());
});

/// Every attribute of every tag in `html`, as the page writes them (double-quoted values),
/// outside the JSON-LD script. Text inside values is not taken for attributes.
fn attributes(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if rest.starts_with("script") {
            // the JSON-LD: skip to its end
            let end = rest.find("</script>").map_or(rest.len(), |e| e + 9);
            rest = &rest[end..];
            continue;
        }
        let mut chars = rest.char_indices().peekable();
        // the element's name
        while chars
            .next_if(|(_, c)| !c.is_whitespace() && *c != '>')
            .is_some()
        {}
        let mut end = rest.len();
        loop {
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            let Some(&(i, c)) = chars.peek() else { break };
            if c == '>' {
                end = i + 1;
                break;
            }
            let mut name = String::new();
            while let Some((_, c)) =
                chars.next_if(|(_, c)| *c != '=' && *c != '>' && !c.is_whitespace())
            {
                name.push(c);
            }
            let mut value = String::new();
            if chars.next_if(|(_, c)| *c == '=').is_some() {
                if chars.next_if(|(_, c)| *c == '"').is_some() {
                    for (_, c) in chars.by_ref() {
                        if c == '"' {
                            break;
                        }
                        value.push(c);
                    }
                } else {
                    while let Some((_, c)) = chars.next_if(|(_, c)| *c != '>' && !c.is_whitespace())
                    {
                        value.push(c);
                    }
                }
            }
            if name.is_empty() {
                chars.next();
            } else {
                out.push((name, value));
            }
        }
        rest = &rest[end.min(rest.len())..];
    }
    out
}
