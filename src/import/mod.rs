//! CSV import, all or nothing: every row is read and checked inside one
//! transaction, which is kept only when no row is bad (or, with
//! `--skip-bad`, after the bad rows are set aside in a rejects file).

mod carry;
mod defaults;
mod header;
mod input;
mod json;
mod metric_facts;
mod replay;
mod seen;

pub use defaults::Defaults;
pub use header::parse_maps;
pub use input::parse_delimiter;

use crate::context::Context;
use crate::csv_safety::unguard;
use crate::entry::{check_metric_key, Checker, ClaimInput, StatusChange};
use crate::error::{InputError, Problems};
use crate::figure;
use crate::files::{OutputFile, Protected};
use crate::ledger::{Batch, DeferredIndexes, Ledger, NewClaim};
use crate::model::{Claim, MetricKind};
use crate::output::plain;
use crate::units;
use anyhow::Result;
use csv::ByteRecord;
use header::Columns;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use input::RowStart;
use seen::Seen;
use serde::Serialize;
use std::cell::Cell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// Page cache for an import into a ledger with claims: the hot pages of its
/// indexes. (32 MB was no faster into a million claims, and 18 MB bigger:
/// the indexes outgrow any cache an import may have under 64 MB.)
const IMPORT_CACHE_KIB: i64 = 16 * 1024;

/// Page cache while indexes are deferred: the sorter that builds them
/// afterwards takes as much again, beside the set of content fingerprints.
const BULK_CACHE_KIB: i64 = 8 * 1024;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub maps: Vec<(String, Option<&'static str>)>,
    pub ignore_unknown: bool,
    pub dry_run: bool,
    pub skip_bad: Option<PathBuf>,
    pub delimiter: Option<u8>,
    pub encoding: Option<String>,
    pub new_metrics: Option<MetricKind>,
    pub max_errors: usize,
    /// How to read numeric dates like 12/11/2024.
    pub date_format: Option<crate::when::DayOrder>,
    /// The name errors and the batch give the input, instead of its path.
    pub name: Option<String>,
    /// Files the rejects file must never replace, besides the ledger and the input.
    pub protect: Vec<PathBuf>,
    /// Values for the cells a row leaves empty (`--doc`, `--stated`, `--metric`...).
    pub defaults: Defaults,
    /// A merge: a row that retracts or supersedes a claim we hold active,
    /// and differs from it in nothing else, is carried as a status change.
    pub carry_status: bool,
    /// A merge: claims the other ledger returned to active (reinstated),
    /// by uid, with when it last did, from its history.
    pub reinstated_there: std::collections::HashMap<String, String>,
    /// `--force`: the rejects file may replace an existing one.
    pub force: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub file: String,
    pub rows: u64,
    pub added: u64,
    pub present: u64,
    pub rejected: u64,
    /// Rows whose retraction or correction of a claim here was carried in
    /// (a merge only).
    pub carried: u64,
    pub batch: Option<i64>,
    pub dry_run: bool,
}

enum Outcome {
    Added,
    Present,
    /// Present, with the row's retraction, correction or reinstatement carried over.
    Carried,
}

/// Imports one CSV file (or `-`) into the ledger.
pub fn import(ledger: &mut Ledger, ctx: &Context, path: &str, options: &Options) -> Result<Summary> {
    let rejects = rejects_file(ledger, Some(path), options)?;
    import_from(ledger, ctx, input::open(path, options.encoding.as_deref())?, options, rejects)
}

/// Imports CSV held in memory (the fuzzer and property tests use it).
pub fn import_bytes(
    ledger: &mut Ledger,
    ctx: &Context,
    name: &str,
    bytes: Vec<u8>,
    options: &Options,
) -> Result<Summary> {
    let rejects = rejects_file(ledger, None, options)?;
    import_from(ledger, ctx, input::from_bytes(name, bytes, options.encoding.as_deref())?, options, rejects)
}

/// The `--skip-bad` file, started before any row is read: never the ledger,
/// the input or another protected file, never standard output.
fn rejects_file(ledger: &Ledger, input: Option<&str>, options: &Options) -> Result<Option<OutputFile>> {
    let Some(path) = &options.skip_bad else { return Ok(None) };
    if path.as_os_str() == "-" {
        return Err(InputError::new("--skip-bad needs a file: standard output carries the summary")
            .at("--skip-bad")
            .hint("name a CSV file for the rejected rows, e.g. --skip-bad rejects.csv")
            .into());
    }
    let mut protected = Protected::ledger(&ledger.path);
    for read in input
        .filter(|p| *p != "-")
        .map(Path::new)
        .into_iter()
        .chain(options.protect.iter().map(PathBuf::as_path))
    {
        protected = protected.reading(read);
    }
    OutputFile::create(path, &protected.overwrite(options.force)).map(Some)
}

/// Imports CSV read from a stream (a merge's export of the other ledger).
pub fn import_reader(
    ledger: &mut Ledger,
    ctx: &Context,
    name: &str,
    reader: Box<dyn std::io::Read>,
    options: &Options,
) -> Result<Summary> {
    let rejects = rejects_file(ledger, None, options)?;
    import_from(ledger, ctx, input::from_reader(name, reader, options.encoding.as_deref())?, options, rejects)
}

fn import_from(
    ledger: &mut Ledger,
    ctx: &Context,
    opened: input::Opened,
    options: &Options,
    mut rejects: Option<OutputFile>,
) -> Result<Summary> {
    let name = options.name.clone().unwrap_or_else(|| opened.name.clone());
    let (head, rest) = input::first_line(&name, opened.reader)?;
    let mut record = ByteRecord::new();
    // JSON Lines and a JSON array (an export's other forms) are read as rows
    // of the export's columns
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    let jsonl = matches!(first, Some(b'{' | b'['));
    let row_start = opened.row_start.clone();
    let export_columns = json::columns;
    let (mut reader, header): (RowReader, Vec<String>) = if first == Some(&b'[') {
        (RowReader::Array { objects: json::read_array(&name, rest)?.into_iter() }, export_columns())
    } else if jsonl {
        (RowReader::Jsonl { lines: rest, line: 0, byte: 0, row_start }, export_columns())
    } else {
        let delimiter = options.delimiter.unwrap_or_else(|| input::sniff_delimiter(&head));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(rest);
        if !read_record(&mut reader, &mut record, &name, &[], &row_start)? {
            return Err(InputError::new(format!("{name} is empty"))
                .hint("the first line must be a header naming at least metric, value and as_of")
                .into());
        }
        let header = (0..record.len()).map(|i| text_of(&record, i, &name)).collect::<Result<_>>()?;
        (RowReader::Csv { reader, row_start }, header)
    };
    let columns = header::map_header(
        &name,
        &header,
        &options.maps,
        options.ignore_unknown,
        &options.defaults.fields(),
    )?;

    // the page cache an import may use (a first load narrows it, below)
    ledger.set_cache_kib(IMPORT_CACHE_KIB)?;
    let progress = progress_bar(opened.size);
    // the first load into a ledger: no reader has anything to wait for
    let first_load = options.skip_bad.is_none() && !ledger.has_claims()?;
    let bulk_journal = if first_load { Some(ledger.begin_bulk_load()?) } else { None };

    let summary = ledger.write_if(|ledger| {
        let batch_id = ledger.start_batch(&name, &ctx.timestamp(), ctx.user.as_deref())?;
        // (not with --skip-bad: a row it undoes would undo an index built meanwhile)
        let deferred = if first_load { ledger.defer_indexes()? } else { None };
        if deferred.is_some() {
            // rows only append now, and building an index sorts in cache-sized runs
            ledger.set_cache_kib(BULK_CACHE_KIB)?;
        }
        let mut run = Run {
            ledger,
            checker: Checker::new(ledger, ctx)?.with_date_format(options.date_format),
            ctx,
            options,
            name: &name,
            columns: &columns,
            header: &header,
            batch_id,
            errors: Vec::new(),
            error_total: 0,
            bad_rows: 0,
            rejects: rejects
                .take()
                .map(|file| Rejects { writer: csv::Writer::from_writer(file), started: false }),
            batch: Batch { file_name: name.clone(), ..Default::default() },
            supersede: Vec::new(),
            replays: Vec::new(),
            metric_facts: Vec::new(),
            carried: 0,
            guarded: !jsonl,
            bulk: deferred.map(|indexes| Bulk { indexes, seen: Seen::new() }),
        };
        while reader.next(&mut record, &name, &header)? {
            run.row(&record)?;
            if run.batch.rows_read.is_multiple_of(4096) {
                progress.set_position(opened.tally.borrow().bytes);
            }
        }
        progress.finish_and_clear();
        if run.batch.rows_read == 0 {
            return Err(InputError::new(format!("{name} has a header but no rows")).into());
        }
        run.link_superseded()?;
        run.replay_histories()?;
        run.apply_metric_facts()?;
        run.finish(&opened.tally.borrow())
    });
    if let Some(journal_changed) = bulk_journal {
        ledger.end_bulk_load(journal_changed)?;
    }
    let (summary, rejects) = summary?;
    if let Some(file) = rejects.filter(|_| !summary.dry_run) {
        file.commit()?;
    }
    Ok(summary)
}

fn progress_bar(size: Option<u64>) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(size, ProgressDrawTarget::stderr());
    if !std::io::stderr().is_terminal() || crate::terminal::quiet() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) = ProgressStyle::with_template("importing {bar:40} {bytes}/{total_bytes} ({eta})") {
        bar.set_style(style);
    }
    bar
}

/// Where rows come from: CSV records, or JSON objects one a line; each
/// tells the input's guard where its row starts.
enum RowReader {
    Csv {
        reader: csv::Reader<Box<dyn std::io::BufRead>>,
        row_start: Rc<Cell<RowStart>>,
    },
    Jsonl {
        lines: Box<dyn std::io::BufRead>,
        line: u64,
        /// The offset of the next line.
        byte: u64,
        row_start: Rc<Cell<RowStart>>,
    },
    /// The objects of a JSON array, each with the line it starts on.
    Array {
        objects: std::vec::IntoIter<(u64, json::Object)>,
    },
}

impl RowReader {
    fn next(&mut self, record: &mut ByteRecord, name: &str, header: &[String]) -> Result<bool> {
        let (lines, line, byte, row_start) = match self {
            RowReader::Csv { reader, row_start } => {
                return read_record(reader, record, name, header, row_start)
            }
            RowReader::Jsonl { lines, line, byte, row_start } => (lines, line, byte, row_start),
            RowReader::Array { objects } => {
                let Some((line, object)) = objects.next() else { return Ok(false) };
                json::to_record(&object, header, record, line, &format!("{name}:{line}:1"))?;
                return Ok(true);
            }
        };
        let mut text = String::new();
        loop {
            text.clear();
            *line += 1;
            row_start.set(RowStart { byte: *byte, line: *line });
            let read = lines.read_line(&mut text).map_err(|e| input::read_error(name, &e))?;
            if read == 0 {
                return Ok(false);
            }
            *byte += read as u64;
            if !text.trim().is_empty() {
                break;
            }
        }
        let at = |column: usize| format!("{name}:{line}:{column}");
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&text).map_err(|e| {
                InputError::new(format!("not a JSON object: {e}"))
                    .at(at(e.column()))
                    .hint("one JSON object a line, as claims export --format jsonl writes")
            })?;
        json::to_record(&object, header, record, *line, &at(1))?;
        Ok(true)
    }
}

/// Reads the next CSV record (of `header`, empty for the header itself):
/// a field longer than `LINE_LIMIT`, or a row longer than `ROW_LIMIT`, is
/// refused with its line and column.
fn read_record(
    reader: &mut csv::Reader<Box<dyn std::io::BufRead>>,
    record: &mut ByteRecord,
    name: &str,
    header: &[String],
    row_start: &Cell<RowStart>,
) -> Result<bool> {
    let read = reader.read_byte_record(record).map_err(|e| match e.kind() {
        csv::ErrorKind::Io(io) => input::read_error(name, io),
        _ => {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            InputError::new(format!("cannot read the CSV: {e}")).at(format!("{name}:{line}"))
        }
    })?;
    let start =
        row_start.replace(RowStart { byte: reader.position().byte(), line: reader.position().line() });
    let line = record.position().map_or(start.line, |p| p.line());
    if reader.position().byte().saturating_sub(start.byte) > input::ROW_LIMIT {
        return Err(input::long_row_error(line).at(format!("{name}:{line}")).into());
    }
    if let Some(index) = record.iter().position(|field| field.len() > input::LINE_LIMIT) {
        let mut error = InputError::new(format!(
            "the field is {} bytes long, more than 1 MiB, the longest field an import reads; nothing was imported",
            record[index].len()
        ))
        .at(format!("{name}:{line}:{}", index + 1))
        .hint("a field holds one quote, note or title: is a double quote left open in this row?");
        if let Some(column) = header.get(index) {
            error = error.field(column);
        }
        return Err(error.into());
    }
    Ok(read)
}

/// A field as text; bytes that are not UTF-8 stop the import at once.
fn text_of(record: &ByteRecord, index: usize, name: &str) -> Result<String> {
    let bytes = &record[index];
    std::str::from_utf8(bytes).map(str::to_string).map_err(|e| {
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
        InputError::new(format!("not valid UTF-8 (byte 0x{bad:02X}); nothing was imported"))
            .at(format!("{name}:{line}:{}", index + 1))
            .hint("if it came from Excel or an older system, try --encoding windows-1252 (or latin-1, utf-16le)")
            .into()
    })
}

/// A claim the file says is superseded, by the uid of its correction.
struct PendingSupersede {
    claim: i64,
    by: String,
    reason: Option<String>,
    line: u64,
    /// When and by whom it was superseded, as the file records it.
    change: Option<StatusChange>,
}

/// One import run inside its transaction.
struct Run<'a> {
    ledger: &'a Ledger,
    checker: Checker<'a>,
    ctx: &'a Context,
    options: &'a Options,
    name: &'a str,
    columns: &'a Columns,
    header: &'a [String],
    batch_id: i64,
    errors: Vec<InputError>,
    error_total: usize,
    bad_rows: u64,
    rejects: Option<Rejects>,
    batch: Batch,
    /// CSV cells carry the spreadsheet guard; JSON values are verbatim.
    guarded: bool,
    /// Corrections named in the file, linked once all rows are in.
    supersede: Vec<PendingSupersede>,
    /// Status histories to replay once all rows are in.
    replays: Vec<replay::Replay>,
    /// What the file says of the metrics it declared, given once all rows are in.
    metric_facts: Vec<metric_facts::Facts>,
    /// Rows whose status change was carried (`Options::carry_status`).
    carried: u64,
    /// A load into a ledger without claims, while its indexes are dropped.
    bulk: Option<Bulk>,
}

/// The `--skip-bad` file: each rejected row as it was, with its errors.
struct Rejects {
    writer: csv::Writer<OutputFile>,
    started: bool,
}

impl Rejects {
    fn write(&mut self, header: &[String], record: &ByteRecord, errors: &[InputError]) -> Result<()> {
        if !self.started {
            self.writer.write_record(header.iter().map(String::as_str).chain(["error"]))?;
            self.started = true;
        }
        let message: Vec<String> = errors.iter().map(one_line).collect();
        let joined = message.join("; ");
        // a CSV written for a spreadsheet: formula cells neutralised, as in every CSV output
        let cells = record.iter().chain([joined.as_bytes()]).map(|cell| match std::str::from_utf8(cell) {
            Ok(text) => crate::csv_safety::guard(text).into_owned().into_bytes(),
            Err(_) => cell.to_vec(),
        });
        self.writer.write_record(cells)?;
        Ok(())
    }

    fn into_file(self) -> Result<OutputFile> {
        self.writer.into_inner().map_err(|e| anyhow::anyhow!("writing the rejects file: {}", e.error()))
    }
}

/// A load with its indexes dropped, and the content hashes of the claims it
/// added: a row whose hash was not seen is new.
struct Bulk {
    indexes: DeferredIndexes,
    seen: Seen,
}

impl Run<'_> {
    fn row(&mut self, record: &ByteRecord) -> Result<()> {
        self.batch.rows_read += 1;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let outcome = if self.options.skip_bad.is_some() {
            let ledger = self.ledger;
            let mut result = Ok(Err(Vec::new()));
            let attempt = ledger.attempt(|_| {
                result = self.read_row(record, line);
                match &result {
                    Ok(Ok(_)) => Ok(()),
                    _ => Err(anyhow::anyhow!("row undone")),
                }
            });
            if attempt.is_err() {
                self.checker.reload()?;
            }
            result?
        } else {
            self.read_row(record, line)?
        };
        match outcome {
            Ok(Outcome::Added) => self.batch.rows_added += 1,
            Ok(Outcome::Present) => self.batch.rows_present += 1,
            Ok(Outcome::Carried) => {
                self.batch.rows_present += 1;
                self.carried += 1;
            }
            Err(errors) => self.reject(record, errors)?,
        }
        Ok(())
    }

    fn read_row(
        &mut self,
        record: &ByteRecord,
        line: u64,
    ) -> Result<std::result::Result<Outcome, Vec<InputError>>> {
        let width = self.columns.fields.len();
        if record.len() != width {
            let error =
                InputError::new(format!("the row has {} fields, the header has {width}", record.len()))
                    .at(format!("{}:{line}:{}", self.name, record.len().min(width) + 1))
                    .hint("a field holding the delimiter or a line break must be in double quotes");
            return Ok(Err(vec![error]));
        }
        let mut input = ClaimInput::default();
        for (index, field) in self.columns.fields.iter().enumerate() {
            if let Some(field) = field {
                let text = text_of(record, index, self.name)?;
                input.set(field, if self.guarded { unguard(&text) } else { &text });
            }
        }
        self.options.defaults.fill(&mut input);
        let metric_hint = self.columns.metric_hint.map(|i| text_of(record, i, self.name)).transpose()?;
        let hinted = |e| defaults::hint_metric(e, &input, metric_hint.as_deref());
        if let Err(error) = self.declare_metric(&input, line).and_then(|_| self.declare_alias(&input)) {
            return Ok(Err(vec![self.locate(error, line)]));
        }
        let checked = match self.checker.check(&input)? {
            Ok(checked) => checked,
            // a row the ledger holds as it is, refused only because its
            // metric was retired since, is present: a re-import adds nothing
            Err(_) if self.held_as_it_is(&input)? => return Ok(Ok(Outcome::Present)),
            Err(errors) => {
                return Ok(Err(errors.into_iter().map(|e| self.locate(hinted(e), line)).collect()))
            }
        };
        let claim = &checked.claim;
        let known = match input.get("uid") {
            Some(uid) => self.ledger.claim_id_by_uid(uid)?,
            None => self.known_content(claim)?,
        };
        if let Some(existing) = known.map(|id| self.ledger.claim(id)).transpose()?.flatten() {
            let differences = self.differences(&input, &existing)?;
            if differences.is_empty() {
                return Ok(Ok(Outcome::Present));
            }
            if self.options.carry_status {
                if let Some(outcome) = self.carry_status(&input, &existing, line)? {
                    return Ok(Ok(outcome));
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
            return Ok(Err(vec![self.locate(error, line)]));
        }
        let history = match replay::read(&input) {
            Ok(history) => history,
            Err(error) => return Ok(Err(vec![self.locate(error, line)])),
        };
        let mut claim = checked.claim;
        let mut retraction = None;
        if let Some((status, reason)) = replay::entered_as(&history) {
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
            Err(e) => match e.downcast::<InputError>() {
                Ok(error) => return Ok(Err(vec![self.locate(error, line)])),
                Err(e) => return Err(e),
            },
        };
        if let Some(bulk) = self.bulk.as_mut() {
            bulk.seen.insert(&claim.content_hash);
        }
        if let Some((change, reason)) = retraction {
            self.at_moment(Some(&change), |ledger| ledger.retract(id, &reason))?;
        }
        if !history.is_empty() {
            self.replays.extend(replay::pending(id, history, line));
        } else if let Some(by) = checked.superseded_by {
            self.supersede.push(PendingSupersede {
                claim: id,
                by,
                reason: None,
                line,
                change: checked.status_change,
            });
        }
        Ok(Ok(Outcome::Added))
    }

    /// The claim already holding this content, if any.
    fn known_content(&mut self, claim: &NewClaim) -> Result<Option<i64>> {
        if let Some(bulk) = &self.bulk {
            if !bulk.seen.may_contain(&claim.content_hash) {
                return Ok(None);
            }
            // a row repeated in the file (or, rarely, a look-alike hash):
            // the index answers from here on
            self.restore_indexes()?;
        }
        self.ledger.claim_id_by_content(claim.metric_id, &claim.as_of_start, &claim.content_hash)
    }

    fn restore_indexes(&mut self) -> Result<()> {
        if let Some(Bulk { indexes, seen }) = self.bulk.take() {
            drop(seen); // its memory is the sorter's
            self.ledger.restore_indexes(indexes)?;
        }
        Ok(())
    }

    /// A metric the ledger lacks is declared when the row says how (its
    /// metric_kind and metric_unit columns) or `--new-metrics` allows it.
    fn declare_metric(&mut self, input: &ClaimInput, line: u64) -> std::result::Result<(), InputError> {
        let Some(key) = input.get("metric") else {
            return Ok(());
        };
        let known = self.checker.metric(key).map_err(|e| InputError::new(e.to_string()))?;
        let kind = match input.get("metric_kind") {
            Some(text) => Some(MetricKind::parse(text).ok_or_else(|| {
                InputError::new(format!("unknown metric kind \"{text}\""))
                    .field("metric_kind")
                    .hint("level, cumulative or period")
            })?),
            None => None,
        };
        if let Some(metric) = known {
            return match (kind, input.get("metric_unit")) {
                (Some(k), _) if k != metric.kind => Err(InputError::new(format!(
                    "the metric {key} is {} in this ledger, the file says {}",
                    metric.kind.as_str(),
                    k.as_str()
                ))
                .field("metric_kind")),
                (_, Some(u))
                    if units::parse(u).map(|u| u.symbol).ok().as_deref() != Some(metric.unit.as_str()) =>
                {
                    Err(InputError::new(format!(
                        "the metric {key} is in {} in this ledger, the file says {u}",
                        metric.unit
                    ))
                    .field("metric_unit"))
                }
                _ => Ok(()),
            };
        }
        let Some(kind) = kind.or(self.options.new_metrics) else {
            return Ok(());
        };
        check_metric_key(key).map_err(|e| e.field("metric"))?;
        let written = input.get("value").and_then(|v| figure::parse(v).ok()).and_then(|f| f.unit);
        let unit_text = input.get("metric_unit").or(input.get("unit")).map(str::to_string).or(written);
        let Some(unit_text) = unit_text else {
            return Err(InputError::new(format!("cannot declare the metric {key}: no unit is given"))
                .field("metric_unit")
                .hint("add a metric_unit or unit column, or declare it first with claims metrics add"));
        };
        let unit = units::parse(&unit_text).map_err(|e| {
            InputError::new(e.to_string()).field("metric_unit").hint(units::known_units_hint())
        })?;
        self.ledger
            .add_metric(key, input.get("metric_label"), kind, &unit.symbol, None, &self.ctx.timestamp())
            .map_err(|e| InputError::new(e.to_string()))?;
        self.checker.forget(key);
        self.note_metric_facts(key, input, line);
        Ok(())
    }

    /// A row whose count noun differs from its metric's says, in its
    /// unit_same_as column, that the two are the same: an export carries
    /// the aliases of the ledger it came from.
    fn declare_alias(&mut self, input: &ClaimInput) -> std::result::Result<(), InputError> {
        let (Some(unit), Some(same_as)) = (input.get("unit"), input.get("unit_same_as")) else {
            return Ok(());
        };
        let noun = |text: &str| match units::parse(text) {
            Ok(u) if u.dimension == units::Dimension::Count => Ok(u.symbol),
            _ => Err(InputError::new(format!("\"{text}\" is not a count noun")).field("unit_same_as")),
        };
        let (unit, same_as) = (noun(unit)?, noun(same_as)?);
        if !self.checker.same_noun(&unit, &same_as) {
            self.checker.add_alias(&unit, &same_as).map_err(|e| InputError::new(e.to_string()))?;
        }
        Ok(())
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
    fn differing(&self, input: &ClaimInput, existing: &Claim) -> Result<Vec<(&'static str, String)>> {
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

    /// Points an error at its file, line and column.
    fn locate(&self, mut error: InputError, line: u64) -> InputError {
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

    fn keep(&mut self, error: InputError) {
        self.error_total += 1;
        if self.errors.len() < self.options.max_errors {
            self.errors.push(error);
        }
    }

    /// Makes a status change as of `change` (its moment and author in the
    /// audit log), or as of now.
    fn at_moment(
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
    fn link_superseded(&mut self) -> Result<()> {
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
    fn finish(mut self, tally: &input::Tally) -> Result<((Summary, Option<OutputFile>), bool)> {
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
            self.restore_indexes()?;
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
        let rejects = self.rejects.take().filter(|r| r.started).map(Rejects::into_file).transpose()?;
        Ok(((summary, rejects), !self.options.dry_run))
    }
}

/// An error on one line, for the rejects file.
fn one_line(error: &InputError) -> String {
    match &error.hint {
        Some(hint) => format!("{} (hint: {hint})", InputError { hint: None, ..error.clone() }),
        None => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ledger() -> (tempfile::TempDir, Ledger, Context) {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open_or_create(&dir.path().join("l.db")).unwrap();
        let ctx = Context { now: "2026-11-25T12:00:00Z".parse().unwrap(), user: Some("test".into()) };
        let now = ctx.timestamp();
        ledger.add_metric("a.b", None, MetricKind::Level, "soldiers", None, &now).unwrap();
        (dir, ledger, ctx)
    }

    fn row() -> impl Strategy<Value = String> {
        let field = prop_oneof![
            "[a-z0-9 ,.\"%~<>+-]{0,12}",
            Just("a.b".to_string()),
            Just("2024-08".to_string()),
            Just("about 380".to_string())
        ];
        prop::collection::vec(field, 0..6).prop_map(|fields| fields.join(","))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Any bytes: an error or an import, never a panic, and a failed
        /// import leaves the ledger as it was.
        #[test]
        fn any_bytes_import_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let (_dir, mut ledger, ctx) = ledger();
            let before = ledger.count_claims().unwrap();
            if import_bytes(&mut ledger, &ctx, "fuzz.csv", bytes, &Options { max_errors: 5, ..Default::default() }).is_err() {
                prop_assert_eq!(ledger.count_claims().unwrap(), before);
            }
        }

        #[test]
        fn csv_like_text_imports_or_fails_cleanly(rows in prop::collection::vec(row(), 0..8)) {
            let (_dir, mut ledger, ctx) = ledger();
            let text = format!("metric,value,as_of,quote\n{}", rows.join("\n"));
            match import_bytes(&mut ledger, &ctx, "rows.csv", text.into_bytes(), &Options { max_errors: 50, ..Default::default() }) {
                Ok(summary) => prop_assert_eq!(ledger.count_claims().unwrap() as u64, summary.added),
                Err(_) => prop_assert_eq!(ledger.count_claims().unwrap(), 0),
            }
        }
    }
}
