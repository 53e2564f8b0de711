//! Writes body blocks back as Copydesk body markup, so that reading the text again gives
//! the same blocks. The ninjs import uses it to turn an agency's HTML body into a story.
//!
//! Text is escaped wherever CommonMark would read it as markup (`*`, `_`, `[`, a `#` or `-`
//! at the start of a line, `2016.` at the start of a line, ...). Each block written is read
//! back and compared with what was meant; when the two differ (emphasis that CommonMark cannot
//! express at that spot, say) the block is written again as plain text, so no words are lost.

use crate::markup::{self as body, Block, Inline, RELATED_PREFIX};

/// The body markup for `blocks`, ending in a newline (empty for no blocks).
pub fn write(blocks: &[Block]) -> String {
    let blocks = normalise_blocks(blocks.to_vec());
    let alts = list_markers(&blocks);
    let parts: Vec<String> = blocks
        .iter()
        .zip(alts)
        .map(|(b, alt)| write_checked(b, alt))
        .filter(|t| !t.is_empty())
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        let mut s = parts.join("\n\n");
        s.push('\n');
        s
    }
}

/// For each block, whether a list uses the other marker (`*` or `)`), so that two lists of
/// the same kind in a row stay two lists.
fn list_markers(blocks: &[Block]) -> Vec<bool> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut prev: Option<(bool, bool)> = None; // (ordered, alt) of the block before, if a list
    for b in blocks {
        match b {
            Block::List { start, .. } => {
                let ordered = start.is_some();
                let alt = matches!(prev, Some((o, a)) if o == ordered && !a);
                out.push(alt);
                prev = Some((ordered, alt));
            }
            _ => {
                out.push(false);
                prev = None;
            }
        }
    }
    out
}

/// Writes one top-level block and checks that it reads back the same; otherwise falls back to
/// its words as plain paragraphs.
fn write_checked(b: &Block, alt_marker: bool) -> String {
    let lines = block_lines(b, alt_marker);
    let text = lines.join("\n");
    let back: Vec<Block> = body::parse_blocks(&text);
    if back.len() == 1 && &back[0] == b {
        return text;
    }
    // Plain words, one paragraph per line of text the block had.
    let plain = plain_of(b);
    let paras: Vec<String> = plain
        .split('\n')
        .map(collapse)
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .map(|p| escape_line_start(&escape_text(&p)))
        .collect();
    paras.join("\n\n")
}

fn plain_of(b: &Block) -> String {
    match b {
        Block::Related(id) => body::related_anchor(id),
        other => body::plain_block(other),
    }
}

fn block_lines(b: &Block, alt_marker: bool) -> Vec<String> {
    match b {
        Block::Paragraph(inlines) => inline_text(inlines)
            .split('\n')
            .map(escape_line_start)
            .collect(),
        Block::Subheading(inlines) => {
            let t = inline_text(inlines);
            if t.is_empty() {
                vec!["##".to_owned()]
            } else {
                vec![format!("## {t}")]
            }
        }
        Block::Quote(blocks) => {
            let inner = container_lines(blocks);
            if inner.is_empty() {
                return vec![">".to_owned()];
            }
            inner
                .into_iter()
                .map(|l| {
                    if l.is_empty() {
                        ">".to_owned()
                    } else {
                        format!("> {l}")
                    }
                })
                .collect()
        }
        Block::List { start, items } => {
            let mut out = Vec::new();
            for (n, item) in items.iter().enumerate() {
                let marker = match start {
                    None => (if alt_marker { "*" } else { "-" }).to_owned(),
                    Some(s) => format!(
                        "{}{}",
                        s.saturating_add(n as u64),
                        if alt_marker { ")" } else { "." }
                    ),
                };
                let pad = " ".repeat(marker.len() + 1);
                let inner = container_lines(item);
                if inner.is_empty() {
                    out.push(marker);
                    continue;
                }
                for (i, l) in inner.into_iter().enumerate() {
                    if i == 0 {
                        out.push(format!("{marker} {l}"));
                    } else if l.is_empty() {
                        out.push(String::new());
                    } else {
                        out.push(format!("{pad}{l}"));
                    }
                }
            }
            out
        }
        Block::Related(id) => vec![body::related_anchor(id)],
        Block::Break => vec!["---".to_owned()],
    }
}

/// Lines of blocks inside a quotation or list item, a blank line between blocks.
fn container_lines(blocks: &[Block]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, (b, alt)) in blocks.iter().zip(list_markers(blocks)).enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(block_lines(b, alt));
    }
    out
}

/// The inline markup; hard line breaks become a backslash and a line end.
fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    write_inlines(inlines, None, &mut out);
    out
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace() && !c.is_control())
}

/// Writes inlines; `after` is the first character that will follow them (for the flanking
/// rules of emphasis delimiters).
fn write_inlines(inlines: &[Inline], after: Option<char>, out: &mut String) {
    let rendered: Vec<String> = inlines
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let mut s = String::new();
            write_inline(&inlines[i], &mut s);
            s
        })
        .collect();
    for (i, inline) in inlines.iter().enumerate() {
        let next = rendered[i + 1..]
            .iter()
            .find_map(|s| s.chars().next())
            .or(after);
        match inline {
            Inline::Strong(c) | Inline::Emphasis(c) => {
                let delim = if matches!(inline, Inline::Strong(_)) {
                    "**"
                } else {
                    "*"
                };
                let mut content = String::new();
                write_inlines(c, Some('*'), &mut content);
                let prev = out.chars().last();
                let (first, last) = (content.chars().next(), content.chars().last());
                let opens = first.is_some_and(|f| {
                    !f.is_whitespace()
                        && (!is_punct(f) || prev.is_none_or(|p| p.is_whitespace() || is_punct(p)))
                });
                let closes = last.is_some_and(|l| {
                    !l.is_whitespace()
                        && (!is_punct(l) || next.is_none_or(|n| n.is_whitespace() || is_punct(n)))
                });
                if opens && closes {
                    out.push_str(delim);
                    out.push_str(&content);
                    out.push_str(delim);
                } else {
                    out.push_str(&content);
                }
            }
            _ => out.push_str(&rendered[i]),
        }
    }
}

fn write_inline(inline: &Inline, out: &mut String) {
    match inline {
        Inline::Text(t) => out.push_str(&escape_text(t)),
        Inline::Strong(c) => {
            out.push_str("**");
            write_inlines(c, Some('*'), out);
            out.push_str("**");
        }
        Inline::Emphasis(c) => {
            out.push('*');
            write_inlines(c, Some('*'), out);
            out.push('*');
        }
        Inline::Link { url, content } => {
            out.push('[');
            write_inlines(content, Some(']'), out);
            out.push_str("](");
            if url.contains(|c: char| c.is_whitespace() || "()<>\\".contains(c)) {
                out.push('<');
                for c in url.chars() {
                    if matches!(c, '<' | '>' | '\\') {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('>');
            } else {
                out.push_str(url);
            }
            out.push(')');
        }
        Inline::Related(id) => {
            out.push_str("[[");
            out.push_str(RELATED_PREFIX);
            out.push_str(id);
            out.push_str("]]");
        }
        Inline::LineBreak => out.push_str("\\\n"),
    }
}

/// Escapes characters CommonMark would read as inline markup.
fn escape_text(t: &str) -> String {
    let mut out = String::with_capacity(t.len() + 8);
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes what would start a block at the beginning of a line: `#`, `>`, `-`, `+`, `*`,
/// `=`, `|`, `~`, and `1.` or `1)`.
fn escape_line_start(line: &str) -> String {
    let line = line.trim_start_matches([' ', '\t']);
    let Some(first) = line.chars().next() else {
        return String::new();
    };
    if matches!(first, '#' | '>' | '-' | '+' | '=' | '~' | '|') {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

/// Runs of ASCII whitespace become one space, as HTML shows them.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

// ---------- normal form ----------

/// Puts blocks in the form the markup reader gives: adjacent text merged, runs of spaces
/// collapsed, paragraphs trimmed and never empty, spaces moved outside emphasis and links,
/// no line break at the ends of a paragraph, a paragraph that is only a related anchor made
/// an anchor block.
pub fn normalise_blocks(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        match b {
            Block::Paragraph(i) => {
                let i = finish_paragraph(normalise_inlines(i, false));
                match i.as_slice() {
                    [] => {}
                    [Inline::Related(id)] => out.push(Block::Related(id.clone())),
                    _ => out.push(Block::Paragraph(i)),
                }
            }
            Block::Subheading(i) => {
                let flat: Vec<Inline> = i
                    .into_iter()
                    .map(|x| match x {
                        Inline::LineBreak => Inline::Text(" ".into()),
                        other => other,
                    })
                    .collect();
                out.push(Block::Subheading(finish_paragraph(normalise_inlines(
                    flat, false,
                ))));
            }
            Block::Quote(blocks) => out.push(Block::Quote(normalise_blocks(blocks))),
            Block::List { start, items } => out.push(Block::List {
                start,
                items: items.into_iter().map(normalise_blocks).collect(),
            }),
            other => out.push(other),
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Strong,
    Emphasis,
    Link,
}

fn normalise_inlines(inlines: Vec<Inline>, in_link: bool) -> Vec<Inline> {
    normalise_in(inlines, in_link, &[])
}

fn normalise_in(inlines: Vec<Inline>, in_link: bool, inside: &[Kind]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for i in inlines {
        match i {
            Inline::Text(t) => push_text(&mut out, &t),
            Inline::LineBreak => out.push(Inline::LineBreak),
            Inline::Related(id) => {
                if !in_link {
                    out.push(Inline::Related(id));
                }
            }
            Inline::Strong(c) | Inline::Emphasis(c) if c.is_empty() => {}
            Inline::Strong(c) => wrap(&mut out, c, Kind::Strong, in_link, inside, |c| {
                Inline::Strong(c)
            }),
            Inline::Emphasis(c) => wrap(&mut out, c, Kind::Emphasis, in_link, inside, |c| {
                Inline::Emphasis(c)
            }),
            Inline::Link { url, content } => {
                if in_link {
                    for x in normalise_in(content, true, inside) {
                        push_inline(&mut out, x);
                    }
                } else {
                    let mut k = inside.to_vec();
                    k.push(Kind::Link);
                    let c = normalise_in(content, true, &k);
                    let (lead, c, trail) = split_space(c);
                    push_text(&mut out, &lead);
                    if !c.is_empty() {
                        out.push(Inline::Link { url, content: c });
                    }
                    push_text(&mut out, &trail);
                }
            }
        }
    }
    out
}

fn wrap(
    out: &mut Vec<Inline>,
    content: Vec<Inline>,
    kind: Kind,
    in_link: bool,
    inside: &[Kind],
    make: impl Fn(Vec<Inline>) -> Inline,
) {
    let mut k = inside.to_vec();
    k.push(kind);
    let c = normalise_in(content, in_link, &k);
    if inside.contains(&kind) {
        // The same emphasis inside itself adds nothing.
        for x in c {
            push_inline(out, x);
        }
        return;
    }
    let (lead, c, trail) = split_space(c);
    push_text(out, &lead);
    let has_words = c.iter().any(|x| !matches!(x, Inline::LineBreak));
    if has_words {
        let c = trim_breaks(c);
        // merge with an identical neighbour: **a****b** reads badly
        match (out.last_mut(), make(c)) {
            (Some(Inline::Strong(prev)), Inline::Strong(new)) if kind == Kind::Strong => {
                for x in new {
                    push_inline(prev, x);
                }
            }
            (Some(Inline::Emphasis(prev)), Inline::Emphasis(new)) if kind == Kind::Emphasis => {
                for x in new {
                    push_inline(prev, x);
                }
            }
            (_, made) => out.push(made),
        }
    }
    push_text(out, &trail);
}

fn trim_breaks(mut v: Vec<Inline>) -> Vec<Inline> {
    while matches!(v.first(), Some(Inline::LineBreak)) {
        v.remove(0);
    }
    while matches!(v.last(), Some(Inline::LineBreak)) {
        v.pop();
    }
    v
}

fn push_inline(out: &mut Vec<Inline>, x: Inline) {
    match x {
        Inline::Text(t) => push_text(out, &t),
        other => out.push(other),
    }
}

fn push_text(out: &mut Vec<Inline>, t: &str) {
    if t.is_empty() {
        return;
    }
    if let Some(Inline::Text(last)) = out.last_mut() {
        last.push_str(t);
        *last = collapse(last);
    } else {
        out.push(Inline::Text(collapse(t)));
    }
}

/// Splits leading and trailing whitespace off inlines: (leading, rest, trailing).
fn split_space(mut c: Vec<Inline>) -> (String, Vec<Inline>, String) {
    let mut lead = String::new();
    let mut trail = String::new();
    if let Some(Inline::Text(t)) = c.first_mut() {
        let trimmed = t.trim_start();
        lead = t[..t.len() - trimmed.len()].to_owned();
        *t = trimmed.to_owned();
        if t.is_empty() {
            c.remove(0);
        }
    }
    if let Some(Inline::Text(t)) = c.last_mut() {
        let trimmed = t.trim_end();
        trail = t[trimmed.len()..].to_owned();
        t.truncate(trimmed.len());
        if t.is_empty() {
            c.pop();
        }
    }
    (lead, c, trail)
}

/// A paragraph's final form: no whitespace or line breaks at its ends, no two breaks in a
/// row, no spaces around a break.
fn finish_paragraph(v: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(v.len());
    for x in v {
        if matches!(x, Inline::LineBreak) {
            if let Some(Inline::Text(t)) = out.last_mut() {
                let n = t.trim_end().len();
                t.truncate(n);
                if t.is_empty() {
                    out.pop();
                }
            }
            if out.is_empty() || matches!(out.last(), Some(Inline::LineBreak)) {
                continue;
            }
            out.push(x);
        } else if let (Inline::Text(t), Some(Inline::LineBreak)) = (&x, out.last()) {
            let t = t.trim_start();
            if !t.is_empty() {
                out.push(Inline::Text(t.to_owned()));
            }
        } else {
            out.push(x);
        }
    }
    while let Some(last) = out.last_mut() {
        match last {
            Inline::LineBreak => {
                out.pop();
            }
            Inline::Text(t) => {
                let n = t.trim_end().len();
                t.truncate(n);
                if t.is_empty() {
                    out.pop();
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    if let Some(Inline::Text(t)) = out.first_mut() {
        *t = t.trim_start().to_owned();
        if t.is_empty() {
            out.remove(0);
        }
    }
    out
}

#[cfg(test)]
mod tests;
