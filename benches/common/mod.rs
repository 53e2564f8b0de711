//! What the benchmarks share: stories generated in the style of the reference story.

use copydesk_core::article::{Article, RelatedLink};
use copydesk_core::format;
use copydesk_core::markup as body;

/// Paragraphs in the style of the reference story: reported speech, quotations that run over
/// several paragraphs, apostrophes, links and emphasis.
const PARAGRAPHS: [&str; 8] = [
    "In a film posted on his Twitter page, a defiant Mr Corbyn said he was \"carrying on\" in \
     the job, despite mounting calls for him to quit.",
    "More than 60 members of Labour's frontbench have stood down in the past week, while 172 \
     MPs - three-quarters of the total - last week backed a motion of no confidence.",
    "Wearing an open-necked shirt and sitting in his office, he said: \"Only nine months ago, I \
     was very honoured to be elected leader of our party with 60% of the vote.",
    "\"I have a huge responsibility, I’m carrying out that responsibility and I’m carrying on \
     with that responsibility.",
    "\"When we do things together, we’re very strong. Now is the time to come together. \
     Membership has gone up by more than 60,000 in one week.\"",
    "PoliticsHome understands that talks are going on behind the scenes between deputy leader \
     Tom Watson and **Mr Corbyn's office** in a bid to persuade him to stand down \"with his \
     dignity intact\".",
    "The [party's rules](https://labour.org.uk/rulebook) say a challenger needs the support of \
     20% of MPs, a figure *Angela Eagle* says she has “comfortably” passed.",
    "One rebel MP said: “He is under a lot of personal pressure and is not enjoying it. Even \
     people who voted for him last year won't do it again.”",
];

/// A story of about `target` bytes of body: the paragraphs above in turn, a related-link anchor
/// every twenty paragraphs and a subheading every forty-eight (between quotations, not inside
/// one).
pub fn generated(target: usize) -> Article {
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).expect("sample loads");
    a.related.clear();
    // The sample's caption and credit stand for a picture it does not have (a warning); a
    // generated story is clean, so the checks measure the common case.
    a.image = None;
    let mut body = String::with_capacity(target + 1024);
    let mut n = 0usize;
    // Whole rounds of the paragraphs, so the story never stops inside a quotation.
    while body.len() < target || !n.is_multiple_of(PARAGRAPHS.len()) {
        if n > 0 && n.is_multiple_of(48) {
            body.push_str(&format!("## Part {}\n\n", n / 48 + 1));
        }
        if n % 20 == 19 {
            let id = format!("story-{}", n / 20);
            body.push_str(&body::related_anchor(&id));
            body.push_str("\n\n");
            a.related.push(RelatedLink {
                id: id.clone(),
                title: format!("Related story number {}", n / 20),
                url: format!("https://www.example.com/news/{id}"),
                ..Default::default()
            });
        }
        body.push_str(PARAGRAPHS[n % PARAGRAPHS.len()]);
        body.push_str("\n\n");
        n += 1;
    }
    a.body = body;
    a
}
