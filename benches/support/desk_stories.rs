//! A desk folder of generated stories, for the desk's benchmark and for trying the desk view
//! by hand (`examples/desk_stories.rs`). Nothing generated is committed.
//!
//! The stories are the reference story rewritten: varied headlines, statuses, sections,
//! bylines, dates in three time zones, embargoes, bodies of one to four times the sample's
//! length, and the usual faults of a busy desk in known proportions — a missing or overlong
//! headline, no publication date, a picture without a credit, a story marked published under
//! an embargo still in force. A quarter are in a subfolder (`wires/`), and one file in five
//! hundred is cut short, as a failed copy leaves it. The same `count` always gives the same
//! folder.

use std::io;
use std::path::Path;

use chrono::{Duration, NaiveTime, TimeZone, Utc};
use copydesk_core::article::{Stamp, Status};
use copydesk_core::format;
use uuid::Uuid;

const SUBJECTS: [&str; 12] = [
    "Council",
    "Minister",
    "Union leaders",
    "Hospital trust",
    "Police",
    "Rail operator",
    "University",
    "Water company",
    "Local firm",
    "Campaigners",
    "Head teachers",
    "Fire service",
];
const VERBS: [&str; 8] = [
    "approves",
    "rejects",
    "delays",
    "defends",
    "announces",
    "scraps",
    "questions",
    "backs",
];
const OBJECTS: [&str; 10] = [
    "plan for new bridge",
    "budget cuts",
    "pay offer",
    "rise in fares",
    "inquiry into flooding",
    "housing scheme",
    "changes to bin collections",
    "ban on late-night deliveries",
    "review of school places",
    "bid to host festival",
];
const SECTIONS: [&str; 7] = [
    "Politics", "Business", "Local", "Sport", "World", "Culture", "Science",
];
const NAMES: [&str; 9] = [
    "Ann Reporter",
    "Sam Patel",
    "Joe Bloggs",
    "Maria García",
    "Li Wei",
    "Chloé Martin",
    "Tom Okafor",
    "Priya Shah",
    "Oliver Jones",
];
const ZONES: [chrono_tz::Tz; 3] = [
    chrono_tz::Europe::London,
    chrono_tz::America::New_York,
    chrono_tz::Europe::Berlin,
];

/// Writes `count` generated stories into `dir` (and `dir/wires`), plus a settings file that
/// is not a story. Returns how many files were written.
pub fn generate(dir: &Path, count: usize) -> io::Result<usize> {
    let sample = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes())
        .map_err(|e| io::Error::other(e.to_string()))?;
    std::fs::create_dir_all(dir.join("wires"))?;
    let today = Utc::now().date_naive();
    for i in 0..count {
        let mut a = sample.clone();
        a.id = Uuid::from_u128(0xdeadbeef_0000_4000_8000_000000000000 | i as u128);
        let pick = |n: usize, salt: usize| {
            (i.wrapping_mul(2_654_435_761) >> 7).wrapping_add(salt * 31) % n
        };
        a.headline = format!(
            "{} {} {}",
            SUBJECTS[pick(SUBJECTS.len(), 1)],
            VERBS[pick(VERBS.len(), 2)],
            OBJECTS[pick(OBJECTS.len(), 3)]
        );
        a.seo_headline = String::new();
        if i % 37 == 5 {
            a.headline = String::new();
        } else if i % 23 == 7 {
            a.headline.push_str(
                ", as row over who pays grows and opposition councillors call for an urgent \
                 meeting before the summer recess",
            );
        }
        a.status = match i % 10 {
            0..=2 => Status::Draft,
            3..=5 => Status::InReview,
            6 | 7 => Status::Approved,
            _ => Status::Published,
        };
        a.section = SECTIONS[pick(SECTIONS.len(), 4)].to_owned();
        a.byline = vec![NAMES[pick(NAMES.len(), 5)].to_owned()];
        if i % 4 == 0 {
            a.byline.push(NAMES[pick(NAMES.len(), 6)].to_owned());
            a.byline.dedup();
        }
        let day = today - Duration::days((i % 400) as i64);
        let time = NaiveTime::from_hms_opt(6 + (i % 14) as u32, (i * 7 % 60) as u32, 0);
        a.published = (i % 29 != 3).then(|| Stamp::new(day, time, ZONES[i % ZONES.len()]));
        a.embargo = None;
        if i % 13 == 6 {
            // approved, under an embargo that lifts in a few days
            a.embargo = Some(Stamp::new(
                today + Duration::days(3 + (i % 5) as i64),
                NaiveTime::from_hms_opt(0, 1, 0),
                chrono_tz::Europe::London,
            ));
        } else if i % 131 == 8 {
            // published by mistake while the embargo is in force: an error
            a.embargo = Some(Stamp::new(
                today + Duration::days(10),
                NaiveTime::from_hms_opt(9, 0, 0),
                chrono_tz::Europe::London,
            ));
        }
        if i % 9 == 4
            && let Some(img) = a.image.as_mut()
        {
            img.credit = String::new();
        }
        let repeat = 1 + i % 4;
        a.body = vec![sample.body.trim_end(); repeat].join("\n\n");
        a.created = Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN));
        a.modified = a.created;
        let sub = if i % 4 == 3 { "wires/" } else { "" };
        let path = dir.join(format!("{sub}story-{i:05}.json"));
        if i % 500 == 250 {
            let text = format::to_string(&a).map_err(|e| io::Error::other(e.to_string()))?;
            std::fs::write(&path, &text.as_bytes()[..text.len() / 2])?;
        } else {
            format::save(&path, &a).map_err(|e| io::Error::other(e.to_string()))?;
        }
    }
    std::fs::write(dir.join("desk-settings.json"), "{\"theme\": \"dark\"}\n")?;
    Ok(count)
}
