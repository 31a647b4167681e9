//! The date parser never panics, and a span never ends before it starts.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(w) = claims::when::parse(text) {
        assert!(w.start <= w.end, "{text:?}");
    }
});
