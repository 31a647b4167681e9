//! One import inside its transaction: each row read, checked, matched
//! against the ledger and added, or rejected with its errors.

use super::duplicates::Duplicates;
use super::header::Columns;
use super::rejects::Rejects;
use super::rows::{str_of, text_of};
use super::{defaults, input, Options, Summary};
use crate::context::Context;
use crate::csv_safety::unguard;
use crate::entry::{Checked, Checker, ClaimInput, StatusChange};
use crate::error::{InputError, Problems};
use crate::files::OutputFile;
use crate::ledger::{Batch, Ledger};
use crate::model::Claim;
use crate::output::plain;
use crate::units;
use anyhow::Result;
use csv::ByteRecord;

/// What became of one row.
pub(super) enum RowOutcome {
    Added,
    Present,
    /// Present, with the row's retraction, correction or reinstatement carried over.
    Carried,
    /// Bad: nothing of it is kept, and its errors are reported.
    Rejected(Vec<InputError>),
}

/// A claim the file says is superseded, by the uid of its correction.
pub(super) struct PendingSupersede {
    pub claim: i64,
    pub by: String,
    pub reason: Option<String>,
    pub line: u64,
    /// When and by whom it was superseded, as the file records it.
    pub change: Option<StatusChange>,
}

/// The file a run reads: its name, columns and header.
pub(super) struct Place<'a> {
    pub name: &'a str,
    pub columns: &'a Columns,
    pub header: &'a [String],
    /// CSV cells carry the spreadsheet guard; JSON values are verbatim.
    pub guarded: bool,
}

/// One import run inside its transaction.
pub(super) struct Run<'a> {
    pub(super) ledger: &'a Ledger,
    pub(super) checker: Checker<'a>,
    pub(super) ctx: &'a Context,
    pub(super) options: &'a Options,
    name: &'a str,
    columns: &'a Columns,
    header: &'a [String],
    guarded: bool,
    batch_id: i64,
    batch: Batch,
    errors: Vec<InputError>,
    error_total: usize,
    pub(super) bad_rows: u64,
    rejects: Option<Rejects>,
    duplicates: Duplicates,
    /// Corrections named in the file, linked once all rows are in.
    pub(super) supersede: Vec<PendingSupersede>,
    /// Status histories to replay once all rows are in.
    pub(super) replays: Vec<super::replay::Replay>,
    /// What the file says of the metrics it declared, given once all rows are in.
    pub(super) metric_facts: Vec<super::metric_facts::Facts>,
    /// Rows whose status change was carried (`Options::carry_status`).
    carried: u64,
}

impl<'a> Run<'a> {
    /// Starts the batch; a first load drops the indexes it would keep up to date.
    pub(super) fn new(
        ledger: &'a Ledger,
        ctx: &'a Context,
        options: &'a Options,
        place: Place<'a>,
        first_load: bool,
        rejects: Option<OutputFile>,
    ) -> Result<Self> {
        let batch_id = ledger.start_batch(place.name, &ctx.timestamp(), ctx.user.as_deref())?;
        Ok(Run {
            ledger,
            checker: Checker::new(ledger, ctx)?.with_date_format(options.date_format),
            ctx,
            options,
            name: place.name,
            columns: place.columns,
            header: place.header,
            guarded: place.guarded,
            batch_id,
            batch: Batch { file_name: place.name.to_string(), ..Default::default() },
            errors: Vec::new(),
            error_total: 0,
            bad_rows: 0,
            rejects: rejects.map(Rejects::new),
            duplicates: Duplicates::new(ledger, first_load)?,
            supersede: Vec::new(),
            replays: Vec::new(),
            metric_facts: Vec::new(),
            carried: 0,
        })
    }

    pub(super) fn rows_read(&self) -> u64 {
        self.batch.rows_read
    }

    /// Reads one row; with `--skip-bad`, a rejected row is undone alone
    /// (a metric or alias it declared with it).
    pub(super) fn row(&mut self, record: &ByteRecord) -> Result<()> {
        self.batch.rows_read += 1;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let outcome = if self.options.skip_bad.is_some() {
            let ledger = self.ledger;
            let outcome = ledger.attempt_if(|_| {
                let outcome = self.read_row(record, line)?;
                let keep = !matches!(outcome, RowOutcome::Rejected(_));
                Ok((outcome, keep))
            });
            if !matches!(outcome, Ok(RowOutcome::Added | RowOutcome::Present | RowOutcome::Carried)) {
                // what it declared is undone: read the vocabulary again
                self.checker.reload()?;
            }
            outcome?
        } else {
            self.read_row(record, line)?
        };
        match outcome {
            RowOutcome::Added => self.batch.rows_added += 1,
            RowOutcome::Present => self.batch.rows_present += 1,
            RowOutcome::Carried => {
                self.batch.rows_present += 1;
                self.carried += 1;
            }
            RowOutcome::Rejected(errors) => self.reject(record, errors)?,
        }
        Ok(())
    }

    fn read_row(&mut self, record: &ByteRecord, line: u64) -> Result<RowOutcome> {
        let width = self.columns.fields.len();
        if record.len() != width {
            let error =
                InputError::new(format!("the row has {} fields, the header has {width}", record.len()))
                    .at(format!("{}:{line}:{}", self.name, record.len().min(width) + 1))
                    .hint("a field holding the delimiter or a line break must be in double quotes");
            return Ok(RowOutcome::Rejected(vec![error]));
        }
        let input = self.input(record)?;
        let metric_hint = self.columns.metric_hint.map(|i| text_of(record, i, self.name)).transpose()?;
        let hinted = |e| defaults::hint_metric(e, &input, metric_hint.as_deref());
        if let Err(error) = self.declare_metric(&input, line).and_then(|_| self.declare_alias(&input)) {
            return Ok(self.rejected(error, line));
        }
        let checked = match self.checker.check(&input)? {
            Ok(checked) => checked,
            // a row the ledger holds as it is, refused only because its
            // metric was retired since, is present: a re-import adds nothing
            Err(_) if self.held_as_it_is(&input)? => return Ok(RowOutcome::Present),
            Err(errors) => {
                let errors = errors.into_iter().map(|e| self.locate(hinted(e), line)).collect();
                return Ok(RowOutcome::Rejected(errors));
            }
        };
        let known = self.duplicates.find(self.ledger, input.get("uid"), &checked.claim)?;
        match known.map(|id| self.ledger.claim(id)).transpose()?.flatten() {
            Some(existing) => self.held(&input, &existing, line),
            None => self.add(checked, &input, line),
        }
    }

    /// The row's cells by field, with the defaults for those it leaves empty.
    fn input(&self, record: &ByteRecord) -> Result<ClaimInput> {
        let mut input = ClaimInput::default();
        for (index, field) in self.columns.fields.iter().enumerate() {
            if let Some(field) = field {
                let text = str_of(record, index, self.name)?;
                input.set(field, if self.guarded { unguard(text) } else { text });
            }
        }
        self.options.defaults.fill(&mut input);
        Ok(input)
    }

    /// A row the ledger already holds (by uid or content): present when
    /// nothing differs, carried when a merge's status change is all that
    /// does, else a conflict.
    fn held(&mut self, input: &ClaimInput, existing: &Claim, line: u64) -> Result<RowOutcome> {
        let differences = self.differences(input, existing)?;
        if differences.is_empty() {
            return Ok(RowOutcome::Present);
        }
        if self.options.carry_status {
            if let Some(outcome) = self.carry_status(input, existing, line)? {
                return Ok(outcome);
            }
        }
        let error = InputError::new(format!(
            "claim {} (uid {}) is already in the ledger with other content: {}",
            existing.id,
            existing.uid,
            differences.join("; ")
        ))
        .field("uid")
        .hint("corrections are new claims that supersede the old one (claims edit), never an overwrite");
        Ok(self.rejected(error, line))
    }

    /// Adds a new claim: entered active, then retracted or (once its
    /// correction is in) superseded as the row says.
    fn add(&mut self, checked: Checked, input: &ClaimInput, line: u64) -> Result<RowOutcome> {
        let history = match super::replay::read(input) {
            Ok(history) => history,
            Err(error) => return Ok(self.rejected(error, line)),
        };
        let mut claim = checked.claim;
        let mut retraction = None;
        if let Some((status, reason)) = super::replay::entered_as(&history) {
            // entered as it first was; its later statuses replayed at the end
            (claim.status, claim.reason) = (status, reason);
        } else {
            if checked.superseded_by.is_some() {
                // entered active; marked superseded once its correction is in
                claim.status = "active".into();
            }
            // a retraction with its moment: entered active, retracted then
            retraction = match (&checked.status_change, claim.status.as_str()) {
                (Some(change), "retracted") => {
                    Some((change.clone(), claim.reason.take().unwrap_or_default()))
                }
                _ => None,
            };
            if retraction.is_some() {
                claim.status = "active".into();
            }
        }
        claim.batch_id = Some(self.batch_id);
        claim.batch_line = Some(line as i64);
        let id = match self.ledger.insert_claim(&claim) {
            Ok(id) => id,
            Err(e) => return e.downcast::<InputError>().map(|error| self.rejected(error, line)),
        };
        self.duplicates.added(&claim);
        if let Some((change, reason)) = retraction {
            self.at_moment(Some(&change), |ledger| ledger.retract(id, &reason))?;
        }
        if !history.is_empty() {
            self.replays.extend(super::replay::pending(id, history, line));
        } else if let Some(by) = checked.superseded_by {
            self.supersede.push(PendingSupersede {
                claim: id,
                by,
                reason: None,
                line,
                change: checked.status_change,
            });
        }
        Ok(RowOutcome::Added)
    }

    /// Whether the ledger holds the row's uid with the same content.
    fn held_as_it_is(&self, input: &ClaimInput) -> Result<bool> {
        let Some(id) = input.get("uid").map(|uid| self.ledger.claim_id_by_uid(uid)).transpose()?.flatten()
        else {
            return Ok(false);
        };
        match self.ledger.claim(id)? {
            Some(existing) => Ok(self.differences(input, &existing)?.is_empty()),
            None => Ok(false),
        }
    }

    /// What differs between a row and the claim with its uid, field by field.
    fn differences(&self, input: &ClaimInput, existing: &Claim) -> Result<Vec<String>> {
        Ok(self.differing(input, existing)?.into_iter().map(|(_, text)| text).collect())
    }

    /// The fields that differ between a row and the claim with its uid,
    /// each with the difference in words.
    pub(super) fn differing(
        &self,
        input: &ClaimInput,
        existing: &Claim,
    ) -> Result<Vec<(&'static str, String)>> {
        let record = crate::cmd::common::entry_record(existing);
        let mut differences = Vec::new();
        for field in crate::model::ENTRY_FIELDS {
            let history = crate::model::STATUS_CHANGE_FIELDS.contains(field);
            if !self.columns.has(field) || field.starts_with("metric_") || *field == "unit_same_as" || history
            {
                continue;
            }
            let held = record.get(*field).map(plain).unwrap_or_default();
            let given = match (*field, input.get(field)) {
                // derived when absent: an empty cell says nothing about them
                ("unit" | "status" | "entered_by" | "entered_at" | "uid", None) => continue,
                ("unit", Some(u)) => units::parse(u).map(|u| u.symbol).unwrap_or_else(|_| u.to_string()),
                // "5 May 2021" is the 2021-05-05 the claim holds
                (field, Some(day)) if crate::entry::DATE_FIELDS.contains(&field) => {
                    self.checker.stored_date(day).unwrap_or_else(|| day.to_string())
                }
                ("change_of" | "share_of" | "superseded_by", Some(r)) => {
                    self.ledger.claim_ref(r)?.map(|c| c.uid).unwrap_or_else(|| r.to_string())
                }
                (_, given) => given.unwrap_or_default().to_string(),
            };
            if held != given {
                differences.push((*field, format!("{field} \"{held}\" here, \"{given}\" in the file")));
            }
        }
        Ok(differences)
    }

    /// A row rejected for one error, placed in the file.
    fn rejected(&self, error: InputError, line: u64) -> RowOutcome {
        RowOutcome::Rejected(vec![self.locate(error, line)])
    }

    /// Points an error at its file, line and column.
    pub(super) fn locate(&self, mut error: InputError, line: u64) -> InputError {
        let column = error
            .field
            .as_deref()
            .and_then(|f| self.columns.column_of(f))
            .or_else(|| self.columns.column_of("value"));
        error.place = Some(match column {
            Some(column) => format!("{}:{line}:{column}", self.name),
            None => format!("{}:{line}", self.name),
        });
        error
    }

    fn reject(&mut self, record: &ByteRecord, errors: Vec<InputError>) -> Result<()> {
        self.bad_rows += 1;
        if let Some(rejects) = self.rejects.as_mut() {
            rejects.write(self.header, record, &errors)?;
        }
        for error in errors {
            self.keep(error);
        }
        Ok(())
    }

    pub(super) fn keep(&mut self, error: InputError) {
        self.error_total += 1;
        if self.errors.len() < self.options.max_errors {
            self.errors.push(error);
        }
    }

    /// Makes a status change as of `change` (its moment and author in the
    /// audit log), or as of now.
    pub(super) fn at_moment(
        &self,
        change: Option<&StatusChange>,
        write: impl FnOnce(&Ledger) -> Result<()>,
    ) -> Result<()> {
        let Some(change) = change else { return write(self.ledger) };
        self.ledger.set_actor(change.by.as_deref(), &change.at)?;
        let done = write(self.ledger);
        self.ledger.set_actor(self.ctx.user.as_deref(), &self.ctx.timestamp())?;
        done
    }

    /// Marks claims superseded by corrections named in the file.
    pub(super) fn link_superseded(&mut self) -> Result<()> {
        for PendingSupersede { claim: id, by, reason, line, change } in std::mem::take(&mut self.supersede) {
            match self.ledger.claim_ref(&by)? {
                Some(target) if target.id != id => self.at_moment(change.as_ref(), |ledger| {
                    ledger.supersede(id, target.id, reason.as_deref())
                })?,
                _ => {
                    self.bad_rows += 1;
                    let error = InputError::new(format!("superseded_by names no other claim: {by}"))
                        .field("superseded_by")
                        .hint("give the uid of the correcting claim, in the ledger or in this file");
                    let error = self.locate(error, line);
                    self.keep(error);
                }
            }
        }
        Ok(())
    }

    /// The summary and the rejects file to put in place once the
    /// transaction is committed (and whether to commit it).
    pub(super) fn finish(mut self, tally: &input::Tally) -> Result<((Summary, Option<OutputFile>), bool)> {
        self.batch.file_size = tally.bytes;
        self.batch.sha256 = tally.sha256();
        if self.bad_rows > 0 && self.options.skip_bad.is_none() {
            let errors = std::mem::take(&mut self.errors);
            return Err(Problems {
                summary: format!(
                    "{}: nothing imported: {} bad row{} of {}",
                    self.name,
                    self.bad_rows,
                    if self.bad_rows == 1 { "" } else { "s" },
                    self.batch.rows_read
                ),
                more: self.error_total - errors.len(),
                errors,
            }
            .into());
        }
        if !self.options.dry_run {
            self.duplicates.restore_indexes(self.ledger)?;
        }
        self.ledger.finish_batch(self.batch_id, &self.batch)?;
        let summary = Summary {
            file: self.name.to_string(),
            rows: self.batch.rows_read,
            added: self.batch.rows_added,
            present: self.batch.rows_present - self.carried,
            rejected: self.bad_rows,
            carried: self.carried,
            batch: (!self.options.dry_run).then_some(self.batch_id),
            dry_run: self.options.dry_run,
        };
        // no rejected row, no rejects file
        let rejects = self.rejects.take().map(Rejects::into_file).transpose()?.flatten();
        Ok(((summary, rejects), !self.options.dry_run))
    }
}
