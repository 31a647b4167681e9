//! Writing claims: a new claim with its source and document found or
//! added, and the status changes a correction or retraction makes.

use super::{integrity, Ledger};
use crate::error::InputError;
use anyhow::Result;
use rusqlite::types::ValueRef;
use rusqlite::{OptionalExtension, Row};

/// The claimant as given with a claim.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewSource {
    pub name: String,
    pub kind: Option<String>,
    pub affiliation: Option<String>,
}

/// Where a claim was read, as given with it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewDocument {
    pub url: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub retrieved: Option<String>,
}

/// A checked claim, ready to be written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewClaim {
    pub uid: String,
    pub metric_id: i64,
    pub value: String,
    pub qualifier: String,
    pub best: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: String,
    pub as_of: String,
    pub as_of_precision: String,
    pub as_of_start: String,
    pub as_of_end: String,
    pub from_date: Option<String>,
    pub from_precision: Option<String>,
    pub from_start: Option<String>,
    pub stated: Option<String>,
    pub source: Option<NewSource>,
    pub document: Option<NewDocument>,
    pub quote: Option<String>,
    pub place: Option<String>,
    pub note: Option<String>,
    /// The uid of the claim this one is a change of.
    pub change_of: Option<String>,
    /// The uid of the claim this one is a share of.
    pub share_of: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    pub entered_by: Option<String>,
    pub entered_at: String,
    pub batch_id: Option<i64>,
    pub batch_line: Option<i64>,
    pub content_hash: Vec<u8>,
}

/// A new claim's values in the order of `integrity::FULL_HASHED`, borrowed
/// from it: the row hash reads them once, so nothing is copied for it.
fn hashed_values(
    claim: &NewClaim,
    [source_id, document_id, change_of, share_of]: [Option<i64>; 4],
) -> [ValueRef<'_>; 30] {
    fn text(t: &str) -> ValueRef<'_> {
        ValueRef::Text(t.as_bytes())
    }
    fn optional(t: &Option<String>) -> ValueRef<'_> {
        t.as_deref().map_or(ValueRef::Null, text)
    }
    let int = |i: Option<i64>| i.map_or(ValueRef::Null, ValueRef::Integer);
    let real = |f: Option<f64>| f.map_or(ValueRef::Null, ValueRef::Real);
    [
        text(&claim.uid),
        ValueRef::Integer(claim.metric_id),
        text(&claim.value),
        text(&claim.qualifier),
        real(claim.best),
        real(claim.low),
        real(claim.high),
        text(&claim.unit),
        text(&claim.as_of),
        text(&claim.as_of_precision),
        optional(&claim.from_date),
        optional(&claim.stated),
        int(source_id),
        int(document_id),
        optional(&claim.quote),
        optional(&claim.place),
        optional(&claim.note),
        int(change_of),
        int(share_of),
        text(&claim.status),
        optional(&claim.reason),
        optional(&claim.entered_by),
        text(&claim.entered_at),
        int(claim.batch_id),
        int(claim.batch_line),
        text(&claim.as_of_start),
        text(&claim.as_of_end),
        optional(&claim.from_precision),
        optional(&claim.from_start),
        ValueRef::Blob(&claim.content_hash),
    ]
}

// Positional parameters, in column order: named ones cost a lookup each,
// thirty times a row, on the import's hot path.
const INSERT_CLAIM: &str = "INSERT INTO claims (uid, metric_id, value, qualifier, best, low, high,
        unit, as_of, as_of_precision, as_of_start, as_of_end, from_date, from_precision,
        from_start, stated, source_id, document_id, quote, place, note, change_of, share_of,
        status, reason, entered_by, entered_at, batch_id, batch_line, row_hash, content_hash)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
        ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)";

/// What the ledger holds of a source or document, filled in with what an
/// entry gives. A detail given that contradicts the one held is an error,
/// worded by `conflict(field, held, given)`: never an overwrite.
fn fill_recorded<const N: usize>(
    fields: [&str; N],
    held: &[Option<String>; N],
    given: [&Option<String>; N],
    conflict: impl Fn(&str, &str, &str) -> InputError,
) -> Result<[Option<String>; N]> {
    for ((field, held), given) in fields.iter().zip(held).zip(given) {
        if let (Some(held), Some(given)) = (held, given) {
            if held != given {
                return Err(conflict(field, held, given).field(field).into());
            }
        }
    }
    Ok(std::array::from_fn(|i| held[i].clone().or_else(|| given[i].clone())))
}

impl Ledger {
    /// Writes one claim, with its source and document found or added.
    pub fn insert_claim(&self, claim: &NewClaim) -> Result<i64> {
        let source_id = claim.source.as_ref().map(|s| self.source_id(s)).transpose()?;
        let document_id = claim.document.as_ref().map(|d| self.document_id(d)).transpose()?;
        // relations are resolved here: a sub-select on the table being
        // written would make SQLite build a temporary table for every row
        let change_of = self.relation_id(claim.change_of.as_deref())?;
        let share_of = self.relation_id(claim.share_of.as_deref())?;
        let hashed = hashed_values(claim, [source_id, document_id, change_of, share_of]);
        let row_hash = integrity::row_hash(&self.previous_row_hash()?, &hashed);
        self.conn.prepare_cached(INSERT_CLAIM)?.execute(rusqlite::params![
            claim.uid,
            claim.metric_id,
            claim.value,
            claim.qualifier,
            claim.best,
            claim.low,
            claim.high,
            claim.unit,
            claim.as_of,
            claim.as_of_precision,
            claim.as_of_start,
            claim.as_of_end,
            claim.from_date,
            claim.from_precision,
            claim.from_start,
            claim.stated,
            source_id,
            document_id,
            claim.quote,
            claim.place,
            claim.note,
            change_of,
            share_of,
            claim.status,
            claim.reason,
            claim.entered_by,
            claim.entered_at,
            claim.batch_id,
            claim.batch_line,
            row_hash,
            claim.content_hash,
        ])?;
        self.cache.borrow_mut().last_hash = Some(row_hash);
        Ok(self.conn.last_insert_rowid())
    }

    /// Points a claim at the correction that replaces it.
    pub fn supersede(&self, id: i64, by: i64, reason: Option<&str>) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE claims SET status = 'superseded', superseded_by = ?2, reason = coalesce(?3, reason)
                 WHERE id = ?1 AND status = 'active'",
            )?
            .execute((id, by, reason))?;
        self.changed_while_active(id, changed)
    }

    /// Marks a claim retracted, with why.
    pub fn retract(&self, id: i64, reason: &str) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE claims SET status = 'retracted', reason = ?2 WHERE id = ?1 AND status = 'active'",
            )?
            .execute((id, reason))?;
        self.changed_while_active(id, changed)
    }

    /// A status change applies to an active claim only, checked inside the
    /// write transaction: of two commands changing one claim at once, the
    /// second finds it changed and writes nothing.
    fn changed_while_active(&self, id: i64, changed: usize) -> Result<()> {
        if changed == 1 {
            return Ok(());
        }
        let (status, reason, by): (String, Option<String>, Option<i64>) = self
            .conn
            .prepare_cached("SELECT status, reason, superseded_by FROM claims WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let now = match (status.as_str(), by) {
            ("superseded", Some(by)) => format!("now superseded by #{by}"),
            _ => format!("now {status}: {}", reason.as_deref().unwrap_or("no reason")),
        };
        Err(InputError::new(format!("claim {id} was changed meanwhile ({now}); nothing was written"))
            .hint(format!("see it with `claims show {id}`, then decide again"))
            .into())
    }

    /// The source's id, adding it when new. A kind or affiliation that
    /// contradicts what the ledger has is an error, never an overwrite.
    fn source_id(&self, source: &NewSource) -> Result<i64> {
        let cached = self.cache.borrow().sources.get(&source.name).cloned();
        let found = match cached {
            Some(found) => Some(found),
            None => self
                .conn
                .prepare_cached(
                    "SELECT t.id, t.kind, t.affiliation FROM sources s JOIN sources t ON t.id = coalesce(s.merged_into, s.id)
                     WHERE s.name = ?1",
                )?
                .query_row([&source.name], |r| Ok((r.get::<_, i64>(0)?, [r.get(1)?, r.get(2)?])))
                .optional()?,
        };
        let Some((id, held)) = found else {
            self.conn
                .prepare_cached("INSERT INTO sources (name, kind, affiliation) VALUES (?1, ?2, ?3)")?
                .execute((&source.name, &source.kind, &source.affiliation))?;
            let id = self.conn.last_insert_rowid();
            let held = [source.kind.clone(), source.affiliation.clone()];
            self.cache.borrow_mut().sources.insert(source.name.clone(), (id, held));
            return Ok(id);
        };
        let given = [&source.kind, &source.affiliation];
        let filled = fill_recorded(["source_kind", "affiliation"], &held, given, |field, held, given| {
            InputError::new(format!(
                "the source \"{}\" is recorded with {field} \"{held}\", not \"{given}\"",
                source.name
            ))
            .hint(format!(
                "leave it empty to use the recorded one, change it for all its claims with claims sources edit \"{}\", or name the source differently",
                source.name
            ))
        })?;
        if filled != held {
            self.conn
                .prepare_cached(
                    "UPDATE sources SET kind = coalesce(kind, ?2), affiliation = coalesce(affiliation, ?3) WHERE id = ?1",
                )?
                .execute((id, &source.kind, &source.affiliation))?;
        }
        self.cache.borrow_mut().sources.insert(source.name.clone(), (id, filled));
        Ok(id)
    }

    /// The document's id by URL (or title when it has none), adding it when new.
    fn document_id(&self, doc: &NewDocument) -> Result<i64> {
        const BY_URL: &str =
            "SELECT id, title, publisher, published, retrieved FROM documents WHERE url = ?1";
        const BY_TITLE: &str = "SELECT id, title, publisher, published, retrieved FROM documents
            WHERE url IS NULL AND title = ?1 AND publisher IS ?2";
        let read = |r: &Row| -> rusqlite::Result<(i64, [Option<String>; 4])> {
            Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
        };
        let key = document_key(doc);
        if let Some(id) = self.cache.borrow().documents.get(&key) {
            return Ok(*id);
        }
        let found = match &doc.url {
            Some(url) => self.conn.prepare_cached(BY_URL)?.query_row([url], read).optional()?,
            None => self
                .conn
                .prepare_cached(BY_TITLE)?
                .query_row((&doc.title, &doc.publisher), read)
                .optional()?,
        };
        let Some((id, held)) = found else {
            self.conn
                .prepare_cached("INSERT INTO documents (url, title, publisher, published, retrieved) VALUES (?1, ?2, ?3, ?4, ?5)")?
                .execute((&doc.url, &doc.title, &doc.publisher, &doc.published, &doc.retrieved))?;
            let id = self.conn.last_insert_rowid();
            self.remember_document(key, id);
            return Ok(id);
        };
        let given = [&doc.title, &doc.publisher, &doc.published, &doc.retrieved];
        let fields = ["doc_title", "publisher", "published", "retrieved"];
        let filled = fill_recorded(fields, &held, given, |field, held, given| {
            let name = doc.url.as_deref().or(doc.title.as_deref()).unwrap_or_default();
            InputError::new(format!(
                "the document {name} is recorded with {field} \"{held}\", not \"{given}\""
            ))
            .hint("leave it empty to use the recorded one; one address is one document")
        })?;
        if filled != held {
            self.conn
                .prepare_cached(
                    "UPDATE documents SET title = coalesce(title, ?2), publisher = coalesce(publisher, ?3),
                    published = coalesce(published, ?4), retrieved = coalesce(retrieved, ?5) WHERE id = ?1",
                )?
                .execute((id, &doc.title, &doc.publisher, &doc.published, &doc.retrieved))?;
        }
        self.remember_document(key, id);
        Ok(id)
    }

    /// Fields that found or added a document find it again: a document is
    /// only ever filled in, never changed, so they can neither conflict
    /// with it later nor add to it.
    fn remember_document(&self, key: [u8; 16], id: i64) {
        let mut cache = self.cache.borrow_mut();
        if cache.documents.len() < super::CACHED_DOCUMENTS {
            cache.documents.insert(key, id);
        }
    }

    fn relation_id(&self, uid: Option<&str>) -> Result<Option<i64>> {
        Ok(match uid {
            Some(uid) => self.claim_id_by_uid(uid)?,
            None => None,
        })
    }
}

/// A digest of the fields a claim gives for its document, each with its
/// length (absent and empty differ); SHA-256's first 16 bytes, so two
/// different sets of fields never share one.
fn document_key(doc: &NewDocument) -> [u8; 16] {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for field in [&doc.url, &doc.title, &doc.publisher, &doc.published, &doc.retrieved] {
        match field {
            Some(text) => {
                hasher.update((text.len() as u64).to_le_bytes());
                hasher.update(text.as_bytes());
            }
            None => hasher.update(u64::MAX.to_le_bytes()),
        }
    }
    let mut key = [0; 16];
    key.copy_from_slice(&hasher.finalize()[..16]);
    key
}
