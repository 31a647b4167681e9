//! Claims: writing one, reading one, listing with filters.

use super::{integrity, Ledger};
use crate::error::InputError;
use crate::model::{Claim, ClaimDetail};
use anyhow::Result;
use rusqlite::types::Value;
use rusqlite::{named_params, OptionalExtension, Row};

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

/// A new claim's values in the order of `integrity::FULL_HASHED`.
fn hashed_values(
    claim: &NewClaim,
    [source_id, document_id, change_of, share_of]: [Option<i64>; 4],
) -> Vec<Value> {
    let text = |t: &Option<String>| t.clone().map_or(Value::Null, Value::Text);
    let int = |i: Option<i64>| i.map_or(Value::Null, Value::Integer);
    let real = |f: Option<f64>| f.map_or(Value::Null, Value::Real);
    vec![
        Value::Text(claim.uid.clone()),
        Value::Integer(claim.metric_id),
        Value::Text(claim.value.clone()),
        Value::Text(claim.qualifier.clone()),
        real(claim.best),
        real(claim.low),
        real(claim.high),
        Value::Text(claim.unit.clone()),
        Value::Text(claim.as_of.clone()),
        Value::Text(claim.as_of_precision.clone()),
        text(&claim.from_date),
        text(&claim.stated),
        int(source_id),
        int(document_id),
        text(&claim.quote),
        text(&claim.place),
        text(&claim.note),
        int(change_of),
        int(share_of),
        Value::Text(claim.status.clone()),
        text(&claim.reason),
        text(&claim.entered_by),
        Value::Text(claim.entered_at.clone()),
        int(claim.batch_id),
        int(claim.batch_line),
        Value::Text(claim.as_of_start.clone()),
        Value::Text(claim.as_of_end.clone()),
        text(&claim.from_precision),
        text(&claim.from_start),
        Value::Blob(claim.content_hash.clone()),
    ]
}

/// Which claims `list` and `export` show.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub metric: Option<String>,
    pub source: Option<String>,
    /// First day of `--since`: claims ending on or after it.
    pub since: Option<String>,
    /// Last day of `--until`: claims starting on or before it.
    pub until: Option<String>,
    pub search: Option<String>,
    /// Every status, not only active claims.
    pub all: bool,
}

// Positional parameters, in column order: named ones cost a lookup each,
// thirty times a row, on the import's hot path.
const INSERT_CLAIM: &str = "INSERT INTO claims (uid, metric_id, value, qualifier, best, low, high,
        unit, as_of, as_of_precision, as_of_start, as_of_end, from_date, from_precision,
        from_start, stated, source_id, document_id, quote, place, note, change_of, share_of,
        status, reason, entered_by, entered_at, batch_id, batch_line, row_hash, content_hash)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
        ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)";

const SELECT_CLAIMS: &str =
    "SELECT c.id, c.uid, m.key, m.label, m.kind, m.unit, c.value, c.unit, c.as_of, c.from_date,
        c.stated, s.name, s.kind, s.affiliation, d.url, d.title, d.publisher, d.published,
        d.retrieved, c.quote, c.place, c.note, rc.uid, rs.uid, c.status, c.reason, sb.uid,
        c.entered_by, c.entered_at, c.qualifier, c.best, c.low, c.high,
        c.as_of_precision, c.as_of_start, c.as_of_end, c.from_start,
        c.change_of, c.share_of, b.file_name, c.batch_line, c.document_id,
        (SELECT a.at FROM audit_log a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1),
        (SELECT a.by FROM audit_log a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1),
        c.superseded_by
    FROM claims c
    JOIN metrics m ON m.id = c.metric_id
    LEFT JOIN sources spelt ON spelt.id = c.source_id
    LEFT JOIN sources s ON s.id = coalesce(spelt.merged_into, spelt.id)
    LEFT JOIN documents d ON d.id = c.document_id
    LEFT JOIN claims rc ON rc.id = c.change_of
    LEFT JOIN claims rs ON rs.id = c.share_of
    LEFT JOIN claims sb ON sb.id = c.superseded_by
    LEFT JOIN import_batches b ON b.id = c.batch_id";

/// A claim's figure and where it sits in time: all of it read from the
/// (metric, day) index, never from the table (migration 2).
const SELECT_FIGURES: &str = "SELECT c.id, c.value, c.unit, c.as_of, c.from_date, c.stated, c.source_id,
        c.status, c.qualifier, c.best, c.low, c.high, c.as_of_precision, c.as_of_start, c.as_of_end,
        c.from_start, c.change_of, c.share_of, c.document_id
    FROM claims c INDEXED BY claims_by_metric_date";

/// A claim as `SELECT_FIGURES` reads it, with its source's name: the uid,
/// metric, document, quote, place, note and entry fields are left empty.
fn figures_from_row(r: &Row, sources: &mut SourceNames) -> Result<Claim> {
    Ok(Claim {
        id: r.get(0)?,
        value: r.get(1)?,
        unit: r.get(2)?,
        as_of: r.get(3)?,
        from: r.get(4)?,
        stated: r.get(5)?,
        source: sources.name(r.get(6)?)?,
        status: r.get(7)?,
        qualifier: r.get(8)?,
        best: r.get(9)?,
        low: r.get(10)?,
        high: r.get(11)?,
        detail: ClaimDetail {
            as_of_precision: r.get(12)?,
            as_of_start: r.get(13)?,
            as_of_end: r.get(14)?,
            from_start: r.get(15)?,
            change_of_id: r.get(16)?,
            share_of_id: r.get(17)?,
            document_id: r.get(18)?,
            ..Default::default()
        },
        ..Default::default()
    })
}

/// A source's name, or the name of the source it was merged into.
pub(crate) const MERGED_NAME: &str =
    "SELECT coalesce(t.name, s.name) FROM sources s LEFT JOIN sources t ON t.id = s.merged_into WHERE s.id = ?1";

/// Source names by id, each looked up once: a metric's thousands of
/// claims come from a few hundred sources.
struct SourceNames<'a> {
    lookup: rusqlite::CachedStatement<'a>,
    names: std::collections::HashMap<i64, String>,
}

impl SourceNames<'_> {
    fn name(&mut self, id: Option<i64>) -> Result<Option<String>> {
        let Some(id) = id else { return Ok(None) };
        if let Some(name) = self.names.get(&id) {
            return Ok(Some(name.clone()));
        }
        let name: String = self.lookup.query_row([id], |r| r.get(0))?;
        self.names.insert(id, name.clone());
        Ok(Some(name))
    }
}

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

/// How much of each claim a query reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Full,
    /// What figures and their timing need (`SELECT_FIGURES`): a metric's
    /// claims from neighbouring index pages, not one table page each.
    Figures,
}

const FILTER: &str = "
    WHERE (:metric IS NULL OR m.key = :metric OR m.id IN (SELECT metric_id FROM metric_aliases WHERE key = :metric))
      AND (:source IS NULL OR s.name = :source COLLATE NOCASE OR spelt.name = :source COLLATE NOCASE)
      AND (:since IS NULL OR c.as_of_end >= :since)
      AND (:until IS NULL OR c.as_of_start <= :until)
      AND (:search IS NULL OR instr(lower(c.value || ' ' || coalesce(c.quote, '') || ' '
           || coalesce(c.note, '') || ' ' || coalesce(c.place, '') || ' ' || coalesce(s.name, '')
           || ' ' || coalesce(d.title, '') || ' ' || m.key || ' ' || coalesce(m.label, '')), lower(:search)) > 0)
      AND (:all OR c.status = 'active')";

fn claim_from_row(r: &Row) -> rusqlite::Result<Claim> {
    Ok(Claim {
        id: r.get(0)?,
        uid: r.get(1)?,
        metric: r.get(2)?,
        metric_label: r.get(3)?,
        metric_kind: r.get(4)?,
        metric_unit: r.get(5)?,
        value: r.get(6)?,
        unit: r.get(7)?,
        as_of: r.get(8)?,
        from: r.get(9)?,
        stated: r.get(10)?,
        source: r.get(11)?,
        source_kind: r.get(12)?,
        affiliation: r.get(13)?,
        doc_url: r.get(14)?,
        doc_title: r.get(15)?,
        publisher: r.get(16)?,
        published: r.get(17)?,
        retrieved: r.get(18)?,
        quote: r.get(19)?,
        place: r.get(20)?,
        note: r.get(21)?,
        change_of: r.get(22)?,
        share_of: r.get(23)?,
        status: r.get(24)?,
        reason: r.get(25)?,
        superseded_by: r.get(26)?,
        status_at: r.get(42)?,
        status_by: r.get(43)?,
        entered_by: r.get(27)?,
        entered_at: r.get(28)?,
        qualifier: r.get(29)?,
        best: r.get(30)?,
        low: r.get(31)?,
        high: r.get(32)?,
        detail: ClaimDetail {
            as_of_precision: r.get(33)?,
            as_of_start: r.get(34)?,
            as_of_end: r.get(35)?,
            from_start: r.get(36)?,
            change_of_id: r.get(37)?,
            share_of_id: r.get(38)?,
            superseded_by_id: r.get(44)?,
            batch: r.get(39)?,
            batch_line: r.get(40)?,
            document_id: r.get(41)?,
        },
    })
}

/// One change to a claim, as the audit log holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub id: i64,
    pub claim: i64,
    /// JSON: each changed field with its old and new value.
    pub changes: String,
    pub at: String,
    pub by: Option<String>,
}

/// What a relation needs to know of the claim it points at.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRef {
    pub id: i64,
    pub uid: String,
    pub metric: String,
    pub unit: String,
    pub metric_unit: String,
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

    /// Every version of a claim: those it corrected and those correcting it,
    /// oldest first.
    pub fn lineage(&self, id: i64) -> Result<Vec<i64>> {
        let mut earlier = self
            .conn
            .prepare_cached("SELECT id FROM claims WHERE superseded_by IS NOT NULL AND superseded_by = ?1")?;
        let mut later = self.conn.prepare_cached("SELECT superseded_by FROM claims WHERE id = ?1")?;
        let mut ids = vec![id];
        while let Some(before) = earlier.query_row([ids[0]], |r| r.get::<_, i64>(0)).optional()? {
            if ids.contains(&before) {
                break;
            }
            ids.insert(0, before);
        }
        while let Some(Some(after)) =
            later.query_row([*ids.last().unwrap_or(&id)], |r| r.get::<_, Option<i64>>(0)).optional()?
        {
            if ids.contains(&after) {
                break;
            }
            ids.push(after);
        }
        Ok(ids)
    }

    /// Keeps another ledger's audit entry; returns whether it was new.
    pub fn keep_merged_history(&self, ledger: &str, uid: &str, entry: &AuditEntry) -> Result<bool> {
        let added = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO merged_history (ledger, claim_uid, changes, at, by) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute((ledger, uid, &entry.changes, &entry.at, &entry.by))?;
        Ok(added > 0)
    }

    /// The history merged in from other ledgers for these uids, oldest first.
    pub fn merged_history(&self, uids: &[String]) -> Result<Vec<(String, String, AuditEntry)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ledger, claim_uid, changes, at, by FROM merged_history WHERE claim_uid = ?1 ORDER BY at, id",
        )?;
        let mut found = Vec::new();
        for uid in uids {
            let rows = stmt.query_map([uid], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    AuditEntry { id: 0, claim: 0, changes: r.get(2)?, at: r.get(3)?, by: r.get(4)? },
                ))
            })?;
            found.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        Ok(found)
    }

    /// The audit entries of these claims, oldest first.
    pub fn audit_entries(&self, ids: &[i64]) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, claim_id, changes, at, by FROM audit_log WHERE claim_id = ?1")?;
        let mut entries = Vec::new();
        for id in ids {
            let rows = stmt.query_map([id], |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    claim: r.get(1)?,
                    changes: r.get(2)?,
                    at: r.get(3)?,
                    by: r.get(4)?,
                })
            })?;
            entries.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        entries.sort_by_key(|e| e.id);
        Ok(entries)
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
        let cached = doc.url.as_ref().and_then(|url| self.cache.borrow().documents.get(url).cloned());
        let found = match &doc.url {
            Some(_) if cached.is_some() => cached,
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
            self.remember_document(
                doc,
                id,
                [doc.title.clone(), doc.publisher.clone(), doc.published.clone(), doc.retrieved.clone()],
            );
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
        self.remember_document(doc, id, filled);
        Ok(id)
    }

    fn remember_document(&self, doc: &NewDocument, id: i64, held: [Option<String>; 4]) {
        let mut cache = self.cache.borrow_mut();
        if let Some(url) = &doc.url {
            if cache.documents.len() < super::CACHED_DOCUMENTS || cache.documents.contains_key(url) {
                cache.documents.insert(url.clone(), (id, held));
            }
        }
    }

    pub fn claim(&self, id: i64) -> Result<Option<Claim>> {
        let sql = format!("{SELECT_CLAIMS} WHERE c.id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], claim_from_row).optional()?)
    }

    pub fn claim_by_uid(&self, uid: &str) -> Result<Option<Claim>> {
        let sql = format!("{SELECT_CLAIMS} WHERE c.uid = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([uid], claim_from_row).optional()?)
    }

    fn relation_id(&self, uid: Option<&str>) -> Result<Option<i64>> {
        Ok(match uid {
            Some(uid) => self.claim_id_by_uid(uid)?,
            None => None,
        })
    }

    /// The claim entered last, whose document and dates a guided entry offers.
    pub fn last_claim(&self) -> Result<Option<Claim>> {
        let id: Option<i64> = self.conn.query_row("SELECT max(id) FROM claims", [], |r| r.get(0))?;
        id.map(|id| self.claim(id)).transpose().map(Option::flatten)
    }

    /// The id of the claim with this uid, if there is one.
    pub fn claim_id_by_uid(&self, uid: &str) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM claims WHERE uid = ?1")?;
        Ok(stmt.query_row([uid], |r| r.get(0)).optional()?)
    }

    /// A claim on this metric and first day with this content hash.
    pub fn claim_id_by_content(&self, metric_id: i64, as_of_start: &str, hash: &[u8]) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM claims WHERE metric_id = ?1 AND as_of_start = ?2 AND content_hash = ?3 LIMIT 1",
        )?;
        Ok(stmt.query_row((metric_id, as_of_start, hash), |r| r.get(0)).optional()?)
    }

    /// A claim named by its id ("12") or its uid.
    pub fn claim_ref(&self, id_or_uid: &str) -> Result<Option<ClaimRef>> {
        const SQL: &str =
            "SELECT c.id, c.uid, m.key, c.unit, m.unit FROM claims c JOIN metrics m ON m.id = c.metric_id
            WHERE c.uid = ?1 OR (c.id = CAST(?1 AS INTEGER) AND ?1 GLOB '[0-9]*' AND ?1 NOT GLOB '*[^0-9]*')";
        let row = self.conn.prepare_cached(SQL)?.query_row([id_or_uid], |r| {
            Ok(ClaimRef {
                id: r.get(0)?,
                uid: r.get(1)?,
                metric: r.get(2)?,
                unit: r.get(3)?,
                metric_unit: r.get(4)?,
            })
        });
        Ok(row.optional()?)
    }

    /// Claims in time order (as_of, then entry), filtered.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        self.query_claims(filter, "ORDER BY c.as_of_start, c.as_of_end, c.id")
    }

    /// Calls `each` on the active claims of one metric by first day, by its
    /// index; with `latest_only`, only those that no claim comes after: whose
    /// span ends on or after the latest first day (`latest_first_days`).
    pub fn for_each_metric_claim(
        &self,
        metric_id: i64,
        latest_only: bool,
        detail: Detail,
        mut each: impl FnMut(Claim) -> Result<()>,
    ) -> Result<()> {
        const ALL: &str = "WHERE c.metric_id = ?1 AND c.status = 'active' ORDER BY c.as_of_start";
        // a span that began before the latest first day and ends after it is
        // a month, quarter or year: it began on the first of one of the 12
        // months up to that day, so 12 index lookups find it
        const LATEST: &str = "WHERE c.metric_id = ?1 AND c.status = 'active' AND c.as_of_end >= ?2
            AND (c.as_of_start >= ?2 OR c.as_of_start IN (?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))";
        let select = if detail == Detail::Full { SELECT_CLAIMS } else { SELECT_FIGURES };
        // in index order: the caller sorts each day's claims (a sort here
        // would copy every row into a temporary B-tree)
        let sql = format!("{select} {}", if latest_only { LATEST } else { ALL });
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut params: Vec<rusqlite::types::Value> = vec![metric_id.into()];
        if latest_only {
            let Some(last) = self.latest_first_day(metric_id)? else { return Ok(()) };
            params.push(last.to_string().into());
            params.extend(month_firsts_before(last).map(|d| d.to_string().into()));
        }
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        let mut sources = match detail {
            Detail::Full => None,
            Detail::Figures => Some(SourceNames {
                lookup: self.conn.prepare_cached(MERGED_NAME)?,
                names: Default::default(),
            }),
        };
        while let Some(row) = rows.next()? {
            each(match sources.as_mut() {
                None => claim_from_row(row)?,
                Some(sources) => figures_from_row(row, sources)?,
            })?;
        }
        Ok(())
    }

    /// The latest day an active claim of the metric begins on.
    fn latest_first_day(&self, metric_id: i64) -> Result<Option<chrono::NaiveDate>> {
        const SQL: &str = "SELECT as_of_start FROM claims WHERE metric_id = ?1 AND status = 'active'
            ORDER BY as_of_start DESC LIMIT 1";
        let day: Option<String> =
            self.conn.prepare_cached(SQL)?.query_row([metric_id], |r| r.get(0)).optional()?;
        Ok(day.and_then(|d| d.parse().ok()))
    }

    /// Absolute claims said together with this one: same metric, source,
    /// dates, active.
    pub fn siblings(&self, id: i64) -> Result<Vec<Claim>> {
        let sql = format!(
            "{SELECT_CLAIMS} JOIN claims o ON o.id = ?1
             WHERE c.metric_id = o.metric_id AND c.as_of_start = o.as_of_start AND c.as_of = o.as_of
               AND (SELECT coalesce(merged_into, id) FROM sources WHERE id = c.source_id)
                   IS (SELECT coalesce(merged_into, id) FROM sources WHERE id = o.source_id)
               AND c.from_date IS o.from_date AND c.id <> o.id
               AND c.status = 'active' AND c.change_of IS NULL AND c.share_of IS NULL
             ORDER BY c.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], claim_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Claims in entry order, filtered: the order exports keep.
    pub fn claims_in_entry_order(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        self.query_claims(filter, "ORDER BY c.id")
    }

    /// Calls `each` on every claim in entry order, without holding them all:
    /// read on a second thread, in batches, while `each` writes them out.
    pub fn for_each_claim(
        &self,
        filter: &ClaimFilter,
        mut each: impl FnMut(&Claim) -> Result<()>,
    ) -> Result<()> {
        self.read_alongside(
            |reader, sender| reader.send_claims(filter, sender),
            |batch: Vec<Claim>| batch.iter().try_for_each(&mut each),
        )
    }

    fn send_claims(
        &self,
        filter: &ClaimFilter,
        sender: &std::sync::mpsc::SyncSender<Vec<Claim>>,
    ) -> Result<()> {
        const BATCH: usize = 512;
        let sql = format!("{SELECT_CLAIMS} {FILTER} ORDER BY c.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(named_params! {
            ":metric": filter.metric, ":source": filter.source, ":since": filter.since,
            ":until": filter.until, ":search": filter.search, ":all": filter.all,
        })?;
        let mut batch = Vec::with_capacity(BATCH);
        while let Some(row) = rows.next()? {
            batch.push(claim_from_row(row)?);
            if batch.len() == BATCH
                && sender.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_err()
            {
                return Ok(());
            }
        }
        let _ = sender.send(batch);
        Ok(())
    }

    fn query_claims(&self, filter: &ClaimFilter, order: &'static str) -> Result<Vec<Claim>> {
        let sql = format!("{SELECT_CLAIMS} {FILTER} {order}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            named_params! {
                ":metric": filter.metric, ":source": filter.source, ":since": filter.since,
                ":until": filter.until, ":search": filter.search, ":all": filter.all,
            },
            claim_from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Active share claims whose base is a claim on this metric.
    pub fn shares_of_metric(&self, metric_id: i64) -> Result<Vec<Claim>> {
        // from the few shares to their bases, never from the metric's many claims
        const SQL: &str =
            "SELECT s.id FROM claims s INDEXED BY claims_shares CROSS JOIN claims b ON b.id = s.share_of
            WHERE s.share_of IS NOT NULL AND b.metric_id = ?1 AND s.status = 'active' ORDER BY s.id";
        let ids: Vec<i64> = self
            .conn
            .prepare_cached(SQL)?
            .query_map([metric_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().filter_map(|id| self.claim(id).transpose()).collect()
    }

    pub fn count_claims(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM claims", [], |r| r.get(0))?)
    }
}

/// The first days of the 12 months up to `day`: where a month, quarter or
/// year that holds `day` can begin.
fn month_firsts_before(day: chrono::NaiveDate) -> impl Iterator<Item = chrono::NaiveDate> {
    use chrono::{Datelike, Months};
    let first = day.with_day(1).unwrap_or(day);
    (0..12).filter_map(move |n| first.checked_sub_months(Months::new(n)))
}
