//! How long the core takes on the reference story and on a ~5 MB story: loading and saving,
//! reading the body markup, colouring it for the editor, building the reader's view and
//! running the checks; and spelling (the window's worker): reading a dictionary, checking a
//! story from cold, and checking again after a keystroke.
//!
//! Run in release: `cargo bench --bench core -- --warm-up-time 1 --measurement-time 3`.
//! Under `cargo test --all-targets` each benchmark runs once, as a smoke test, on a smaller
//! generated story so the test suite stays quick.

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use copydesk::app::spelling::{Lists, Worker, dictionary_dirs};
use copydesk_core::article::{Article, RelatedLink};
use copydesk_core::checks;
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use copydesk_core::format;
use copydesk_core::markup as body;
use copydesk_core::spelling::Dictionary;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

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
fn generated(target: usize) -> Article {
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).expect("sample loads");
    a.related.clear();
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

/// `cargo bench` passes `--bench`; `cargo test` does not.
fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn bench_story(c: &mut Criterion, name: &str, article: &Article) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("story.json");
    format::save(&path, article).expect("saves");
    let file_bytes = std::fs::metadata(&path).expect("saved").len();
    let now = Utc.with_ymd_and_hms(2016, 7, 4, 12, 0, 0).unwrap();
    let style = HouseStyle::default();

    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(file_bytes));
    g.bench_function("load", |b| {
        b.iter(|| format::load(black_box(&path)).expect("loads"))
    });
    g.bench_function("to_string", |b| {
        b.iter(|| format::to_string(black_box(article)).expect("serialises"))
    });
    g.bench_function("save (atomic, synced)", |b| {
        b.iter(|| format::save(black_box(&path), black_box(article)).expect("saves"))
    });
    g.throughput(Throughput::Bytes(article.body.len() as u64));
    g.bench_function("body::parse", |b| {
        b.iter(|| body::parse(black_box(&article.body)))
    });
    g.bench_function("body::highlight", |b| {
        b.iter(|| body::highlight(black_box(&article.body)))
    });
    g.bench_function("Document::build", |b| {
        b.iter(|| Document::build(black_box(article), &style))
    });
    g.bench_function("checks::check", |b| {
        b.iter(|| checks::check(black_box(article), now))
    });
    g.finish();
}

fn core(c: &mut Criterion) {
    let sample = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).expect("sample loads");
    bench_story(c, "sample", &sample);
    let size = if benchmarking() { 5_000_000 } else { 200_000 };
    let big = generated(size);
    let problems = checks::check(&big, Utc::now());
    assert!(
        problems.is_empty(),
        "the generated story is clean, so checks measure the common case: {:?}",
        &problems[..problems.len().min(3)]
    );
    bench_story(c, &format!("generated {} KB", size / 1000), &big);
}

/// A spelling worker with its dictionary read and nothing checked yet.
fn warm_worker() -> Worker {
    let mut w = Worker::new(
        dictionary_dirs(),
        Lists {
            enabled: true,
            desk: None,
            personal: None,
        },
    );
    w.take_story(Article::new(), 0);
    let _ = w.check();
    w
}

fn spelling(c: &mut Criterion) {
    let sample = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).expect("sample loads");
    let size = if benchmarking() { 600_000 } else { 60_000 };
    let big = generated(size);
    let words = big.body.split_whitespace().count();
    let mut g = c.benchmark_group("spelling");
    g.bench_function("read the en_GB dictionary", |b| {
        b.iter(|| Dictionary::for_language("en-GB", &dictionary_dirs()).expect("en_GB"))
    });
    for (name, story) in [("sample", &sample), (&*format!("{words} words"), &big)] {
        g.bench_function(format!("{name}, from cold"), |b| {
            b.iter_batched(
                warm_worker,
                |mut w| {
                    w.take_story(story.clone(), 1);
                    w.check()
                },
                BatchSize::PerIteration,
            )
        });
    }
    // a keystroke in the middle of the big story, then taken back: each check looks at one
    // paragraph again and takes the rest from the cache
    let mut w = warm_worker();
    w.take_story(big.clone(), 1);
    let _ = w.check();
    let middle = big.body[..big.body.len() / 2]
        .rfind("\n\n")
        .map_or(0, |i| i + 2);
    let mut typed = false;
    g.bench_function(format!("{words} words, after a keystroke"), |b| {
        b.iter(|| {
            let edit = Edit::Splice {
                field: TextField::Body,
                range: if typed {
                    middle..middle + 1
                } else {
                    middle..middle
                },
                text: if typed { String::new() } else { "x".into() },
            };
            typed = !typed;
            w.take_edit(edit);
            w.check()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = core, spelling
}
criterion_main!(benches);
