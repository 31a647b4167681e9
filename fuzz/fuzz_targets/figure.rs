//! The figure parser never panics, and bounds come out ordered.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(f) = claims::figure::parse(text) {
        if let (Some(low), Some(high)) = (f.low, f.high) {
            assert!(low <= high, "{text:?}");
        }
        if let (Some(low), Some(best)) = (f.low, f.best) {
            assert!(low <= best, "{text:?}");
        }
        if let (Some(best), Some(high)) = (f.best, f.high) {
            assert!(best <= high, "{text:?}");
        }
    }
});
