//! Extracting candidate claims from any text never panics, and every
//! candidate's figure reads back.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let stated = chrono::NaiveDate::from_ymd_opt(2024, 12, 27);
    for candidate in claims::extract::extract(text, stated, &[("a.b".into(), "Kursk territory".into())]) {
        assert!(claims::figure::parse(&candidate.value).is_ok(), "{:?}", candidate.value);
    }
});
