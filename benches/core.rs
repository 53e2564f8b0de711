//! How long the core takes on the reference story and on a ~5 MB story: loading and saving,
//! reading the body markup, colouring it for the editor, building the reader's view and
//! running the checks; and spelling (the window's worker): reading a dictionary, checking a
//! story from cold, and checking again after a keystroke; and the hostile inputs of
//! `crates/copydesk-core/tests/hostile.rs` (nesting tens of thousands deep) at two sizes,
//! where the claim that each takes time linear in its size is measured.
//!
//! Run in release: `cargo bench --bench core -- --warm-up-time 1 --measurement-time 3`.
//! Under `cargo test --all-targets` each benchmark runs once, as a smoke test, on a smaller
//! generated story so the test suite stays quick.

use std::hint::black_box;

use chrono::{DateTime, TimeZone, Utc};
use copydesk::app::spelling::{Lists, Worker, dictionary_dirs};
use copydesk_core::article::Article;
use copydesk_core::checks;
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::edit::Edit;
use copydesk_core::export;
use copydesk_core::field::TextField;
use copydesk_core::format;
use copydesk_core::import::ninjs::import_bytes;
use copydesk_core::markup as body;
use copydesk_core::spelling::Dictionary;
use copydesk_core::versions::{self, Kind, Signature};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::json;

mod common;
use common::generated;

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
            // spelling alone: grammar and style have a group of their own
            language: Default::default(),
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

/// A checking worker with grammar (en-GB) and Copydesk's sample style on, spelling off, its
/// grammar checker built and nothing checked yet.
fn language_worker() -> Worker {
    let mut w = Worker::new(
        dictionary_dirs(),
        Lists {
            enabled: false,
            desk: None,
            personal: None,
            language: copydesk::app::grammar::Choice {
                grammar: true,
                style: copydesk::app::grammar::StyleBook::Sample,
                own: None,
            },
        },
    );
    w.take_story(Article::new(), 0);
    let _ = w.check();
    w
}

/// `story` with every paragraph made new and unlike any other (two numbers after its last
/// word): the worker keeps what it found per paragraph text and harper per stretch of text,
/// and the generated story repeats its paragraphs, so a first check must meet none it has
/// seen.
fn fresh(story: &Article, n: usize) -> Article {
    let mut a = story.clone();
    a.body = a
        .body
        .split("\n\n")
        .enumerate()
        .map(|(i, p)| format!("{p} {n} {i}"))
        .collect::<Vec<_>>()
        .join("\n\n");
    a
}

/// Grammar and the house style on the checking thread (issue 24): the first check of a
/// 2,000-word and of a 100,000-word story, and the check after a keystroke, which reads the
/// paragraph typed in alone (budget 5 ms at any length).
fn grammar(c: &mut Criterion) {
    let mut g = c.benchmark_group("grammar");
    let sizes: &[usize] = if benchmarking() {
        &[12_000, 600_000]
    } else {
        &[12_000]
    };
    let mut n = 0;
    for &size in sizes {
        let story = generated(size);
        let words = story.body.split_whitespace().count();
        g.bench_function(format!("first check, {words} words"), |b| {
            b.iter_batched(
                || {
                    n += 1;
                    (language_worker(), fresh(&story, n))
                },
                |(mut w, story)| {
                    w.take_story(story, 1);
                    w.check()
                },
                BatchSize::PerIteration,
            )
        });
        // a letter typed in the middle of the story, a new one each time
        let mut w = language_worker();
        let story = fresh(&story, 0);
        w.take_story(story.clone(), 1);
        let first = w.check();
        assert!(first.complete);
        let middle = story.body[..story.body.len() / 2]
            .rfind("\n\n")
            .map_or(0, |i| i + 2)
            + 3;
        let mut typed = 0usize;
        g.bench_function(format!("after a keystroke, {words} words"), |b| {
            b.iter(|| {
                let letter = char::from(b'a' + (typed % 26) as u8);
                typed += 1;
                w.take_edit(Edit::Splice {
                    field: TextField::Body,
                    range: middle..middle,
                    text: letter.to_string(),
                });
                w.check()
            })
        });
    }
    g.finish();
}

/// A hostile input: its name, how many pieces the test gives it, and the input of `n` pieces.
type Hostile = (&'static str, usize, fn(usize) -> String);

/// The bodies of `crates/copydesk-core/tests/hostile.rs`, with the sizes it uses.
const HOSTILE_BODIES: [Hostile; 5] = [
    ("nested quotations", 30_000, |n| {
        format!("{}x", "> ".repeat(n))
    }),
    ("nested list items", 30_000, |n| {
        format!("{}x", "- ".repeat(n))
    }),
    ("nested emphasis marks", 10_000, |n| {
        format!("{}x{}", "*".repeat(n), "*".repeat(n))
    }),
    ("nested links", 10_000, |n| {
        format!("{}x{}", "[".repeat(n), "](https://example.com/)".repeat(n))
    }),
    ("quotations and lists in turn", 10_000, |n| {
        format!("{}x", "> - ".repeat(n))
    }),
];

/// The HTML bodies of agency items in `crates/copydesk-core/tests/hostile.rs`.
const HOSTILE_HTML: [Hostile; 3] = [
    ("import nested <b><i>", 10_000, |n| {
        format!(
            "<p>{}deep text{}</p>",
            "<b><i>".repeat(n),
            "</i></b>".repeat(n)
        )
    }),
    ("import nested <blockquote>", 100_000, |n| {
        format!(
            "{}<p>deep text</p>{}",
            "<blockquote>".repeat(n),
            "</blockquote>".repeat(n)
        )
    }),
    ("import paragraphs without </p>", 2_000, |n| {
        (0..n).map(|i| format!("<p>Paragraph {i}.")).collect()
    }),
];

/// Everything the core does with a story's body, as the hostile test's `everything` does:
/// the reader's view, the checks, the editor's colours, the markup written back, the ninjs
/// item and the HTML page.
fn everything(article: &Article, style: &HouseStyle, now: DateTime<Utc>) -> usize {
    let doc = Document::build(article, style);
    let blocks: Vec<body::Block> = doc.blocks.iter().map(|l| (*l.block).clone()).collect();
    checks::check(article, now).len()
        + body::highlight(&article.body).len()
        + body::write::write(&blocks).len()
        + export::ninjs::to_string(article, style).len()
        + export::html::render(article, style).len()
}

/// The hostile inputs at `n` and `4n` pieces. The claim that each takes time linear in its
/// size lives here, not in `tests/hostile.rs` (a test must not depend on the machine's
/// speed; that one checks what is made grows linearly, by counting). Throughput is bytes of
/// input, so linear time reads as the same throughput at `n` and `4n`; quadratic time as a
/// quarter of it at `4n`.
fn hostile(c: &mut Criterion) {
    let style = HouseStyle::default();
    let now = Utc.with_ymd_and_hms(2016, 7, 4, 12, 0, 0).unwrap();
    // Under `cargo test`, a tenth of the sizes, so the smoke test stays quick.
    let scale = if benchmarking() { 1 } else { 10 };
    let mut g = c.benchmark_group("hostile");
    for (name, n, input) in HOSTILE_BODIES {
        for pieces in [n / scale, 4 * n / scale] {
            let mut article = Article::new();
            article.headline = "Deep".into();
            article.body = input(pieces);
            g.throughput(Throughput::Bytes(article.body.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, pieces), &article, |b, a| {
                b.iter(|| everything(black_box(a), &style, now))
            });
        }
    }
    for (name, n, input) in HOSTILE_HTML {
        for pieces in [n / scale, 4 * n / scale] {
            let item = serde_json::to_vec(&json!({
                "uri": "urn:test:deep",
                "headlines": [{"role": "main", "value": "Deep HTML"}],
                "bodies": [{"role": "main", "contentType": "text/html", "value": input(pieces)}],
            }))
            .expect("serialises");
            g.throughput(Throughput::Bytes(item.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, pieces), &item, |b, item| {
                b.iter(|| import_bytes(black_box(item)).expect("imports"))
            });
        }
    }
    g.finish();
}

/// Two versions of a long story a desk editor has worked over: three paragraphs rewritten,
/// one cut, one added, the headline changed.
fn worked_over(a: &Article) -> Article {
    let mut b = a.clone();
    b.headline.push_str(", the desk says");
    let mut paragraphs: Vec<String> = b.body.split("\n\n").map(str::to_owned).collect();
    let n = paragraphs.len();
    for i in [n / 5, n / 2, 4 * n / 5] {
        paragraphs[i] = paragraphs[i].replacen("the", "a rewritten", 2);
    }
    paragraphs.remove(n / 3);
    paragraphs.insert(2 * n / 3, "A late paragraph from the lobby.".to_owned());
    b.body = paragraphs.join("\n\n");
    b
}

/// The story's history: what the History panel waits for when a version is chosen (two
/// versions of a 100,000-word story compared word by word; budget 300 ms, off the window's
/// thread), and what keeping a version adds to a save (budget: less than twice a save): in
/// the window, which keeps the version on a thread of its own, and on the command line,
/// which keeps it before it exits.
fn history(c: &mut Criterion) {
    let size = if benchmarking() { 600_000 } else { 60_000 };
    let a = generated(size);
    let b = worked_over(&a);
    let words = a.body.split_whitespace().count();
    let lines = versions::changes(&a, &b);
    // the headline, then the runs of paragraphs rewritten, cut and added
    assert!(
        lines.len() >= 4 && lines[0].label == "Headline",
        "{}",
        lines.len()
    );
    let mut g = c.benchmark_group("history");
    g.bench_function(format!("compare two versions, {words} words"), |bench| {
        bench.iter(|| versions::changes(black_box(&a), black_box(&b)))
    });
    let dir = tempfile::tempdir().expect("temporary folder");
    let plain = dir.path().join("plain.json");
    let kept = dir.path().join("kept.json");
    let by = Signature::new("Benchmark", Kind::Save);
    // each save writes the other version, so every save with history keeps a new one
    let mut flip = false;
    g.bench_function(format!("save without history, {words} words"), |bench| {
        bench.iter(|| {
            flip = !flip;
            format::save_stamped(&plain, if flip { &a } else { &b }).expect("saves")
        })
    });
    // What the window waits for: the story's write and the check of the file it replaces.
    // The version is kept afterwards on the session's own thread (here: after the clock
    // stops, so one save's keeping does not crowd the next save's write).
    g.bench_function(format!("save in the window, {words} words"), |bench| {
        // the window knows its file's stamp from its last save
        let mut stamp: Option<format::DiskStamp> = None;
        bench.iter_custom(|iterations| {
            let mut waited = std::time::Duration::ZERO;
            for _ in 0..iterations {
                flip = !flip;
                let started = std::time::Instant::now();
                let written =
                    versions::save_later(&kept, if flip { &a } else { &b }, &by, stamp.as_ref())
                        .expect("saves");
                waited += started.elapsed();
                let _ = written.pending.keep();
                stamp = Some(written.stamp);
            }
            waited
        })
    });
    g.bench_function(
        format!("save keeping a version at once, {words} words"),
        |bench| {
            bench.iter(|| {
                flip = !flip;
                versions::save(&kept, if flip { &a } else { &b }, &by).expect("saves")
            })
        },
    );
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = core, spelling, grammar, hostile, history
}
criterion_main!(benches);
