//! Importing one file of any bytes never panics; a failed import writes
//! nothing.
#![no_main]
use claims::context::Context;
use claims::import::{import_bytes, Options};
use claims::ledger::Ledger;
use claims::model::MetricKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open_or_create(&dir.path().join("fuzz.db")).unwrap();
    let ctx = Context { now: "2026-11-25T12:00:00Z".parse().unwrap(), user: None };
    ledger.add_metric("a.b", None, MetricKind::Level, "soldiers", &ctx.timestamp()).unwrap();
    let options = Options { max_errors: 5, new_metrics: Some(MetricKind::Period), ..Default::default() };
    if import_bytes(&mut ledger, &ctx, "fuzz.csv", bytes.to_vec(), &options).is_err() {
        assert_eq!(ledger.count_claims().unwrap(), 0);
    }
});
