//! Related-link anchors in the body: finding them, placing one after a paragraph, taking
//! them out when their link goes.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use super::{RELATED_PREFIX, options, related_anchor};

/// Every related-link id the body anchors, in order, with the byte range of each anchor.
pub fn anchors(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Event::Start(Tag::Link {
            link_type: LinkType::WikiLink { .. },
            dest_url,
            ..
        }) = event
            && let Some(id) = dest_url.strip_prefix(RELATED_PREFIX)
        {
            out.push((id.trim().to_owned(), range));
        }
    }
    out
}

/// Places the related link `id` at the paragraph holding byte `cursor`: any anchors it had are
/// taken out, and a new one goes on a line of its own after that paragraph. Returns the new
/// text and the byte range of the new anchor.
pub fn place_anchor(text: &str, cursor: usize, id: &str) -> (String, Range<usize>) {
    // Take out the old anchors, keeping track of where the cursor ends up.
    let mut cursor = cursor.min(text.len());
    while !text.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let mut new_cursor = cursor;
    let mut out = String::with_capacity(text.len() + id.len() + 16);
    let mut last = 0;
    for (anchor_id, range) in anchors(text) {
        if anchor_id != id {
            continue;
        }
        // remove the anchor and the blank line that set it apart
        let mut end = range.end;
        while text[end..].starts_with('\n') {
            end += 1;
        }
        out.push_str(&text[last..range.start]);
        if end <= cursor {
            new_cursor -= end - range.start;
        } else if range.start < cursor {
            new_cursor -= cursor - range.start;
        }
        last = end;
    }
    out.push_str(&text[last..]);
    let text = out;
    let cursor = new_cursor.min(text.len());
    // The end of the paragraph holding the cursor: the next blank line, or the end.
    let end = match text[cursor..].find("\n\n") {
        Some(i) => cursor + i,
        None => text
            .trim_end_matches('\n')
            .len()
            .max(cursor.min(text.len())),
    };
    let end = end.min(text.len());
    let anchor = related_anchor(id);
    let before = text[..end].trim_end_matches('\n');
    let after = text[end..].trim_start_matches('\n');
    let mut new = String::with_capacity(text.len() + anchor.len() + 4);
    new.push_str(before);
    if !before.is_empty() {
        new.push_str("\n\n");
    }
    let start = new.len();
    new.push_str(&anchor);
    let range = start..new.len();
    if after.is_empty() {
        new.push('\n');
    } else {
        new.push_str("\n\n");
        new.push_str(after);
    }
    (new, range)
}

/// Takes every anchor for `id` out of the body (when its link is deleted).
pub fn remove_anchors(text: &str, id: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (anchor_id, range) in anchors(text) {
        if anchor_id == id {
            let mut end = range.end;
            while text[end..].starts_with('\n') {
                end += 1;
            }
            out.push_str(&text[last..range.start]);
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::Block;

    fn blocks(text: &str) -> Vec<Block> {
        crate::markup::parse_blocks(text)
    }

    #[test]
    fn anchors_survive_edits_elsewhere() {
        let before = "First.\n\n[[related:a]]\n\nSecond.";
        let after = "A new first paragraph.\n\nFirst, longer.\n\n[[related:a]]\n\nSecond.";
        let place = |text: &str| {
            blocks(text)
                .iter()
                .position(|b| *b == Block::Related("a".into()))
        };
        assert_eq!(place(before), Some(1));
        assert_eq!(place(after), Some(2));
        assert_eq!(anchors(after)[0].0, "a");
        assert_eq!(&after[anchors(after)[0].1.clone()], "[[related:a]]");
    }

    #[test]
    fn placing_an_anchor_puts_it_after_the_paragraph() {
        let src = "One two.\n\nThree four.\n\nFive.";
        let at = src.find("two").unwrap();
        let (out, r) = place_anchor(src, at, "x");
        assert_eq!(out, "One two.\n\n[[related:x]]\n\nThree four.\n\nFive.");
        assert_eq!(&out[r], "[[related:x]]");
        // placing again moves it
        let at = out.find("Five").unwrap();
        let (again, _) = place_anchor(&out, at, "x");
        assert_eq!(again, "One two.\n\nThree four.\n\nFive.\n\n[[related:x]]\n");
        assert_eq!(
            remove_anchors(&again, "x"),
            "One two.\n\nThree four.\n\nFive.\n\n"
        );
        // into an empty body
        assert_eq!(place_anchor("", 0, "y").0, "[[related:y]]\n");
    }
}
