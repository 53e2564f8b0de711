//! The file loader: any bytes either fail with a `LoadError` or give a story that saves and
//! loads back identical.
#![no_main]

use copydesk_core::format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = format::from_bytes(data) {
        let text = format::to_string(&article).expect("a loaded story serialises");
        let again = format::from_bytes(text.as_bytes()).expect("a saved story loads");
        assert_eq!(article, again, "save then load changed the story");
        assert_eq!(format::to_string(&again).expect("serialises"), text);
    }
});
