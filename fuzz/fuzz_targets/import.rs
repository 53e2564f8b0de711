//! ninjs import (JSON, with HTML and NITF bodies): any bytes either fail with an
//! `ImportError` or give a story that saves and loads back identical, and exports.
#![no_main]

use copydesk_core::document::HouseStyle;
use copydesk_core::import::ninjs::import_bytes;
use copydesk_core::{export, format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = import_bytes(data) {
        let text = format::to_string(&article).expect("an imported story serialises");
        let again = format::from_bytes(text.as_bytes()).expect("an imported story loads");
        assert_eq!(article, again, "save then load changed the imported story");
        let _ = export::html::render(&article, &HouseStyle::default());
        let _ = export::ninjs::to_string(&article, &HouseStyle::default());
    }
});
