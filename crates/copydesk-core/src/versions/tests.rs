use super::*;
use chrono::TimeZone;

fn sample() -> Article {
    format::from_bytes(crate::SAMPLE_STORY.as_bytes()).unwrap()
}

fn ann() -> Signature {
    Signature::new("Ann Reporter", Kind::Save)
}

#[test]
fn a_save_keeps_the_version_it_wrote_and_a_save_of_the_same_text_keeps_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let mut article = sample();
    let saved = save(&path, &article, &ann()).unwrap();
    let first = saved.history.unwrap().unwrap();
    assert_eq!(first.saved_by, "Ann Reporter");
    assert_eq!(first.kind, Kind::Save);
    assert_eq!(first.status, article.status);
    assert_eq!(first.words, 456);
    assert!(first.stored < first.len * 2 / 3, "compressed: {first:?}");
    // the same story again: nothing new to keep
    assert!(
        save(&path, &article, &ann())
            .unwrap()
            .history
            .unwrap()
            .is_none()
    );
    article.status = Status::Approved;
    let desk = Signature::new("Desk Editor", Kind::Status);
    save(&path, &article, &desk)
        .unwrap()
        .history
        .unwrap()
        .unwrap();
    let listing = History::of(&path).list().unwrap();
    assert!(listing.damaged.is_empty());
    let who: Vec<(&str, Kind, Status)> = listing
        .versions
        .iter()
        .map(|v| (v.who(), v.kind, v.status))
        .collect();
    assert_eq!(
        who,
        [
            ("Desk Editor", Kind::Status, Status::Approved),
            ("Ann Reporter", Kind::Save, sample().status)
        ]
    );
    assert!(dir.path().join(FOLDER).join("story.json").is_dir());
}

#[test]
fn every_version_reads_back_byte_for_byte_by_number_or_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let mut texts = Vec::new();
    for i in 0..3 {
        let mut a = sample();
        a.headline = format!("Version {i}");
        save(&path, &a, &ann()).unwrap();
        texts.push(fs::read_to_string(&path).unwrap());
    }
    let history = History::of(&path);
    let listing = history.list().unwrap();
    for (n, text) in texts.iter().rev().enumerate() {
        let (v, read) = history.read(&(n + 1).to_string()).unwrap();
        assert_eq!(&read, text);
        assert_eq!(v, listing.versions[n]);
        let (_, by_id) = history.read(&v.id[..22]).unwrap();
        assert_eq!(&by_id, text);
    }
    assert!(matches!(history.read("4"), Err(HistoryError::NotFound(_))));
    assert!(matches!(
        history.read("1999"),
        Err(HistoryError::NotFound(_))
    ));
}

#[test]
fn a_file_written_outside_copydesk_is_kept_before_it_is_saved_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let mut a = sample();
    save(&path, &a, &ann()).unwrap();
    a.headline = "Changed in a text editor".into();
    fs::write(&path, format::to_string(&a).unwrap()).unwrap();
    a.headline = "Saved again".into();
    save(&path, &a, &ann()).unwrap();
    let v = History::of(&path).list().unwrap().versions;
    let kinds: Vec<(Kind, &str)> = v.iter().map(|v| (v.kind, v.who())).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Save, "Ann Reporter"),
            (Kind::Outside, "someone"),
            (Kind::Save, "Ann Reporter")
        ]
    );
    let (_, text) = History::of(&path).read("2").unwrap();
    assert!(text.contains("Changed in a text editor"));
}

#[test]
fn a_known_stamp_spares_reading_the_file_but_a_file_changed_since_is_still_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let mut a = sample();
    let first = save_later(&path, &a, &ann(), None).unwrap();
    first.pending.keep().unwrap();
    // saved again by the same session: its stamp says what the file holds
    a.headline = "Second".into();
    let second = save_later(&path, &a, &ann(), Some(&first.stamp)).unwrap();
    second.pending.keep().unwrap();
    assert_eq!(History::of(&path).list().unwrap().versions.len(), 2);
    // a colleague's program writes the file (another length, whatever the clock's
    // resolution): the old stamp no longer matches, so their version is read and kept
    // before ours
    a.headline = "Theirs, a longer headline".into();
    fs::write(&path, format::to_string(&a).unwrap()).unwrap();
    a.headline = "Ours".into();
    save_later(&path, &a, &ann(), Some(&second.stamp))
        .unwrap()
        .pending
        .keep()
        .unwrap();
    let kinds: Vec<Kind> = History::of(&path)
        .list()
        .unwrap()
        .versions
        .iter()
        .map(|v| v.kind)
        .collect();
    assert_eq!(kinds, [Kind::Save, Kind::Outside, Kind::Save, Kind::Save]);
}

#[test]
fn a_damaged_or_unwritable_history_never_stops_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let a = sample();
    save(&path, &a, &ann()).unwrap();
    let history = History::of(&path);
    let bad = history
        .dir()
        .join("20200101T000000.000Z-0000000000000000.json.gz");
    fs::write(&bad, b"not gzip at all").unwrap();
    let mut b = a.clone();
    b.headline = "Second".into();
    let saved = save(&path, &b, &ann()).unwrap();
    assert!(saved.history.unwrap().is_some());
    let listing = history.list().unwrap();
    assert_eq!(listing.versions.len(), 2);
    assert_eq!(listing.damaged.len(), 1);
    assert!(
        listing.damaged[0].to_string().contains("is damaged"),
        "{}",
        listing.damaged[0]
    );

    // a file where the history folder should be: the story is saved all the same
    let other = tempfile::tempdir().unwrap();
    let path = other.path().join("story.json");
    fs::write(other.path().join(FOLDER), b"in the way").unwrap();
    let saved = save(&path, &b, &ann()).unwrap();
    let error = saved.history.unwrap_err().to_string();
    assert!(error.contains("the story itself is saved"), "{error}");
    assert_eq!(format::load(&path).unwrap().headline, "Second");
}

#[test]
fn every_version_of_the_week_is_kept_then_one_a_day() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let history = History::of(&path);
    let now = Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).unwrap();
    let mut a = sample();
    // three versions a day, for twenty days
    for day in 0..20 {
        for hour in [9, 13, 17] {
            let at = now - chrono::Duration::days(day) + chrono::Duration::hours(hour - 12);
            a.headline = format!("day {day} hour {hour}");
            history
                .keep(&format::to_string(&a).unwrap(), &ann(), at)
                .unwrap();
        }
    }
    history.prune(&Policy::default(), now).unwrap();
    let kept = history.list().unwrap().versions;
    let recent = kept
        .iter()
        .filter(|v| now - v.saved_at < chrono::Duration::days(7))
        .count();
    // days 0-6 whole (day 0's 17:00 is in the future of `now` but kept: the newest), day 7's
    // 13:00 and 17:00 are within the week too; then one a day for days 7-19
    assert_eq!(recent, 7 * 3 + 2);
    assert_eq!(kept.len() - recent, 12);
    let old: Vec<String> = kept
        .iter()
        .filter(|v| now - v.saved_at >= chrono::Duration::days(7))
        .map(|v| v.saved_at.format("%d %H").to_string())
        .collect();
    assert_eq!(old.first().map(String::as_str), Some("27 17"));
    assert!(old.iter().all(|t| t.ends_with("17")), "{old:?}");
}

#[test]
fn the_size_cap_holds_and_the_newest_version_always_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let history = History::of(&path);
    let policy = Policy {
        keep_all_for: chrono::Duration::days(7),
        cap_bytes: 64 * 1024,
    };
    let mut a = sample();
    let start = Utc::now();
    for i in 0..1000 {
        a.headline = format!("save {i}");
        history
            .keep(
                &format::to_string(&a).unwrap(),
                &ann(),
                start + chrono::Duration::milliseconds(i),
            )
            .unwrap();
        history.prune(&policy, start).unwrap();
        let total: u64 = fs::read_dir(history.dir())
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum();
        assert!(total <= policy.cap_bytes, "{total} after save {i}");
    }
    let kept = history.list().unwrap().versions;
    assert!(kept.len() > 5, "{}", kept.len());
    let (_, newest) = history.read("1").unwrap();
    assert!(newest.contains("save 999"));

    // a single version larger than the cap is still kept
    let tiny = Policy {
        cap_bytes: 10,
        ..policy
    };
    history.prune(&tiny, start).unwrap();
    assert_eq!(history.list().unwrap().versions.len(), 1);
}

#[test]
fn a_known_pair_of_texts_gives_the_expected_word_diff() {
    let older = "The council met on Tuesday night to agree the budget.";
    let newer = "The council met late on Wednesday night to agree the budget.";
    let pieces = diff_text(older, newer);
    let mut out = String::new();
    for p in &pieces {
        match p.mark {
            Mark::Same => out.push_str(&p.text),
            Mark::Removed => out.push_str(&format!("[-{}-]", p.text)),
            Mark::Added => out.push_str(&format!("{{+{}+}}", p.text)),
        }
    }
    assert_eq!(
        out,
        "The council met {+late +}on [-Tuesday-]{+Wednesday+} night to agree the budget."
    );

    let mut a = sample();
    let b = {
        let mut b = a.clone();
        b.headline = "Corbyn makes a defiant appeal".into();
        b.body = b.body.replacen("a defiant", "an angry and defiant", 1);
        b
    };
    a.headline = "Corbyn makes appeal".into();
    let lines = changes(&a, &b);
    let labels: Vec<&str> = lines.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["Headline", "Body, paragraph 1"]);
    assert_eq!(lines[0].counts(), (2, 0));
    assert_eq!(lines[1].counts(), (3, 1));
    assert_eq!(lines[1].run, Some(0));
    let mut printed = Vec::new();
    write_diff(&mut printed, &lines[..1], false).unwrap();
    assert_eq!(
        String::from_utf8(printed).unwrap(),
        "Headline:\n  Corbyn makes {+a defiant +}appeal\n"
    );
}
