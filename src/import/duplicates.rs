//! Whether a row is already in the ledger: by its uid when it has one, else
//! by its content (the claim on its metric and first day with its content
//! hash).
//!
//! A first load drops the (metric, day, hash) index and builds it once the
//! rows are in (bench/README.md: keeping it up to date in random key order
//! dominated the load). Meanwhile a Bloom filter of the content hashes the
//! load added answers "new" for certain; a "maybe" (a row repeated in the
//! file, or rarely a look-alike hash) builds the indexes again, and the
//! index answers from then on.

use super::seen::Seen;
use crate::ledger::{DeferredIndexes, Ledger, NewClaim};
use anyhow::Result;

/// Page cache while indexes are deferred: rows only append, and the sorter
/// that builds the indexes afterwards takes as much again.
const BULK_CACHE_KIB: i64 = 2 * 1024;

pub(super) struct Duplicates {
    deferred: Option<Deferred>,
}

/// Indexes dropped for a first load, and the content hashes it added.
struct Deferred {
    indexes: DeferredIndexes,
    seen: Seen,
}

impl Duplicates {
    /// Inside the load's transaction: a first load drops the indexes.
    pub(super) fn new(ledger: &Ledger, first_load: bool) -> Result<Self> {
        let deferred = if first_load { ledger.defer_indexes()? } else { None };
        if deferred.is_some() {
            ledger.set_cache_kib(BULK_CACHE_KIB)?;
        }
        Ok(Duplicates { deferred: deferred.map(|indexes| Deferred { indexes, seen: Seen::new() }) })
    }

    /// The claim already holding this row, if any.
    pub(super) fn find(
        &mut self,
        ledger: &Ledger,
        uid: Option<&str>,
        claim: &NewClaim,
    ) -> Result<Option<i64>> {
        if let Some(uid) = uid {
            return ledger.claim_id_by_uid(uid);
        }
        if let Some(deferred) = &self.deferred {
            if !deferred.seen.may_contain(&claim.content_hash) {
                return Ok(None);
            }
            self.restore_indexes(ledger)?;
        }
        ledger.claim_id_by_content(claim.metric_id, &claim.as_of_start, &claim.content_hash)
    }

    /// Notes a claim the load has just added.
    pub(super) fn added(&mut self, claim: &NewClaim) {
        if let Some(deferred) = self.deferred.as_mut() {
            deferred.seen.insert(&claim.content_hash);
        }
    }

    /// Builds the dropped indexes again, before the transaction commits.
    pub(super) fn restore_indexes(&mut self, ledger: &Ledger) -> Result<()> {
        if let Some(Deferred { indexes, seen }) = self.deferred.take() {
            drop(seen); // its memory is the sorter's
            ledger.restore_indexes(indexes)?;
        }
        Ok(())
    }
}
