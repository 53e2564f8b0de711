use std::path::PathBuf;
use std::sync::OnceLock;

use super::*;
use crate::article::Article;
use crate::checks::spelling::check_spelling;

/// The dictionaries shipped in `assets/dictionaries` (the same files as Debian's).
fn shipped() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/dictionaries")
}

fn en_gb() -> &'static Dictionary {
    static D: OnceLock<Dictionary> = OnceLock::new();
    D.get_or_init(|| Dictionary::for_language("en-GB", &[shipped()]).expect("en_GB is shipped"))
}

fn en_us() -> &'static Dictionary {
    static D: OnceLock<Dictionary> = OnceLock::new();
    D.get_or_init(|| Dictionary::for_language("en-US", &[shipped()]).expect("en_US is shipped"))
}

fn misspelt(speller: &Speller<'_>, text: &str, kind: Text) -> Vec<String> {
    speller
        .misspellings(text, kind)
        .into_iter()
        .map(|r| text[r].to_owned())
        .collect()
}

#[test]
fn the_language_picks_the_dictionary() {
    let dirs = [shipped()];
    assert!(find("en-GB", &dirs).unwrap().0.ends_with("en_GB.aff"));
    assert!(find("en_us", &dirs).unwrap().0.ends_with("en_US.aff"));
    assert!(find("en", &dirs).unwrap().0.ends_with("en_US.aff"));
    assert!(
        find("en-AU", &dirs).unwrap().0.ends_with("en_US.aff"),
        "the nearest English"
    );
    assert!(find("fr-FR", &dirs).is_none());
    assert!(find("", &dirs).is_none());
    assert!(find("../x", &dirs).is_none());
    let e = Dictionary::for_language("fr-FR", &dirs).unwrap_err();
    let message = e.to_string();
    assert!(
        message.contains("“fr-FR”") && message.contains("install"),
        "{message}"
    );
    assert_eq!(en_gb().script(), Script::Latin);
}

#[test]
fn british_and_american_spellings() {
    let gb = Speller::new(en_gb());
    let us = Speller::new(en_us());
    for word in ["honoured", "colour", "programme"] {
        assert!(gb.is_correct(word), "{word} in en-GB");
        assert!(!us.is_correct(word), "{word} in en-US");
    }
    assert!(us.is_correct("color"));
    assert!(!gb.is_correct("goverment"));
    assert!(
        gb.suggest("goverment", 5)
            .contains(&"government".to_owned())
    );
    assert!(gb.suggest("goverment", 1).len() <= 1);
    assert!(
        us.suggest("colour", 5).iter().all(|s| !s.contains(' ')),
        "no split words"
    );
}

#[test]
fn apostrophes_straight_and_typographic() {
    let gb = Speller::new(en_gb());
    assert_eq!(
        misspelt(
            &gb,
            "Labour’s plans won't wait; Labour's won’t.",
            Text::Plain
        ),
        Vec::<String>::new()
    );
    let words: Vec<&str> = gb
        .words("Labour’s ‘quoted’ won't", Text::Plain)
        .into_iter()
        .map(|r| &"Labour’s ‘quoted’ won't"[r])
        .collect();
    assert_eq!(words, ["Labour’s", "quoted", "won't"]);
}

#[test]
fn markup_addresses_numbers_and_capitals_are_not_words() {
    let gb = Speller::new(en_gb());
    let body = "**Goverment** said [see the xyzzy page](https://example.com/qwrtp) and \
                [[related:abcdefg-hijk]] www.qwrtp.org mail qwrtp@example.com in 2024 \
                the BBC and NATO, 3rd time, ZZZX.";
    assert_eq!(misspelt(&gb, body, Text::Markup), ["Goverment", "xyzzy"]);
    // as plain text the anchor is text (a headline has no markup)
    assert!(!misspelt(&gb, "[[related:qwrtp]]", Text::Plain).is_empty());
    // other scripts are not misspelt English
    assert!(misspelt(&gb, "東京 Москва مرحبا", Text::Plain).is_empty());
}

#[test]
fn word_lists_add_remove_and_persist() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk").join("words.txt");
    let mut desk = WordList::load(&path).unwrap();
    assert_eq!(desk.words().count(), 0, "a list not yet written is empty");
    desk.add("PoliticsHome").unwrap();
    desk.add("academise").unwrap();
    // a colleague adds a word to the shared file meanwhile
    let mut theirs = WordList::load(&path).unwrap();
    theirs.add("McDonnell").unwrap();
    desk.add("Qwrtp").unwrap();
    let again = WordList::load(&path).unwrap();
    assert_eq!(
        again.words().collect::<Vec<_>>(),
        ["McDonnell", "PoliticsHome", "Qwrtp", "academise"],
        "nobody's word is lost"
    );
    assert!(
        again.contains("Academise"),
        "a lower-case word, capitalised"
    );
    assert!(!again.contains("politicshome"), "a name only as written");
    desk.remove("Qwrtp").unwrap();
    assert!(!WordList::load(&path).unwrap().contains("Qwrtp"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# Copydesk word list"));
    // comments and blank lines are not words; typographic apostrophes match straight ones
    std::fs::write(&path, "# names\n\nO’Brien\n").unwrap();
    let list = WordList::load(&path).unwrap();
    assert!(list.contains("O'Brien") && list.contains("O’Brien"));
    assert_eq!(list.words().count(), 1);

    let speller = Speller::new(en_gb()).with_lists(Some(&list), None);
    assert!(speller.is_correct("O’Brien"));
}

#[test]
fn ignored_words_hold_for_their_story() {
    let ignored = vec!["Qwrtp".to_owned()];
    let speller = Speller::new(en_gb()).ignoring(&ignored);
    assert!(speller.is_correct("Qwrtp"));
    assert!(!Speller::new(en_gb()).is_correct("Qwrtp"));
}

#[test]
fn the_sample_has_no_misspelling_with_the_desk_list() {
    let sample = crate::format::from_bytes(crate::SAMPLE_STORY.as_bytes()).unwrap();
    let desk_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/samples/desk-dictionary.txt");
    let desk = WordList::load(&desk_path).unwrap();
    assert!(desk.words().count() > 0, "the example desk list ships");
    let speller = Speller::new(en_gb()).with_lists(Some(&desk), None);
    let problems = check_spelling(&sample, &speller, 0);
    assert!(problems.is_empty(), "{problems:#?}");
    // without the desk's list: the words Debian's en-GB lacks
    let bare = check_spelling(&sample, &Speller::new(en_gb()), 0);
    let words: Vec<&str> = bare
        .iter()
        .filter_map(|p| p.message.split(['“', '”']).nth(1))
        .collect();
    assert_eq!(words, ["frontbench", "academise", "PoliticsHome"]);
}

#[test]
fn a_misspelling_is_a_warning_pointing_at_the_word() {
    let mut a = Article::new();
    a.standfirst = "The goverment said no.".into();
    a.body = "Fine text.\n\nAnother goverment line.".into();
    let problems = check_spelling(&a, &Speller::new(en_gb()), 3);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    let p = &problems[0];
    assert_eq!(p.field, crate::field::Field::Standfirst);
    assert_eq!((p.offset, p.length), (Some(4), Some(9)));
    assert!(
        p.message
            .starts_with("“goverment” in the standfirst may be misspelt"),
        "{}",
        p.message
    );
    assert!(
        p.message.contains("did you mean “government”"),
        "{}",
        p.message
    );
    assert_eq!(problems[1].field, crate::field::Field::Body);
    assert_eq!(&a.body[problems[1].offset.unwrap()..][..9], "goverment");
}

#[test]
fn ignored_words_survive_the_file() {
    let mut a = Article::new();
    a.spelling_ignore = vec!["Qwrtp".into(), "O’Brien".into()];
    let text = crate::format::to_string(&a).unwrap();
    let bytes = text.as_bytes();
    assert!(text.contains("\"version\": \"1.4\""), "{text}");
    assert!(text.contains("\"spelling_ignore\""));
    let back = crate::format::from_bytes(bytes).unwrap();
    assert_eq!(back.spelling_ignore, a.spelling_ignore);
    // a story with none leaves the field out
    let plain = crate::format::to_string(&Article::new()).unwrap();
    assert!(!plain.contains("spelling_ignore"));
}
