//! Rows read ahead on a second thread: the input decoded and guarded,
//! split into records, and each row's cells parsed as far as they can be
//! without the ledger (`entry::Parser`: dates, figure, status, source,
//! document, content hash), while the importing thread checks and writes
//! the rows before them. What the thread buys: that work (about a third of
//! a first load's CPU) no longer adds to the wall time on a second core;
//! the rows arrive in file order, and a fatal read error after the rows
//! before it, as if read on one thread.

use super::header::Columns;
use super::rows::{text_of, RowReader};
use super::Defaults;
use crate::csv_safety::unguard;
use crate::entry::{ClaimInput, Parsed, Parser};
use anyhow::Result;
use csv::ByteRecord;
use std::sync::mpsc;

/// Rows sent together: one message per row would cost more than a row's parse.
const BATCH: usize = 256;

/// Batches in flight: the reader stays this far ahead, and memory flat.
const IN_FLIGHT: usize = 2;

/// One row as read.
pub(super) struct Row {
    pub record: ByteRecord,
    pub line: u64,
    /// Its cells and what they say; none when the row has another width than the header.
    pub cells: Option<Cells>,
}

/// A row's cells by field, with the defaults for those it leaves empty.
pub(super) struct Cells {
    pub input: ClaimInput,
    /// The `metric_hint` column `claims extract` writes, for an error's hint.
    pub metric_hint: Option<String>,
    pub parsed: Parsed,
}

/// How rows are turned into cells: the file's shape and what fills it.
pub(super) struct Shape<'a> {
    pub name: &'a str,
    pub header: &'a [String],
    pub columns: &'a Columns,
    pub defaults: &'a Defaults,
    pub parser: Parser,
}

/// Reads every row on a second thread and hands each, in file order, to
/// `write` on this one; stops at the first error of either.
pub(super) fn read_rows(
    reader: RowReader,
    shape: &Shape,
    mut write: impl FnMut(Row) -> Result<()>,
) -> Result<()> {
    let (sender, receiver) = mpsc::sync_channel(IN_FLIGHT);
    std::thread::scope(|scope| {
        scope.spawn(move || send_rows(reader, shape, &sender));
        // leaving this loop drops the receiver, which stops the reader
        for batch in receiver {
            for row in batch {
                write(row?)?;
            }
        }
        Ok(())
    })
}

/// The reading thread: the rows in batches, the last ending at the end of
/// the input or at the error that stopped it.
fn send_rows(mut reader: RowReader, shape: &Shape, sender: &mpsc::SyncSender<Vec<Result<Row>>>) {
    let guarded = reader.guarded();
    loop {
        let mut batch = Vec::with_capacity(BATCH);
        let mut end = false;
        while !end && batch.len() < BATCH {
            match next_row(&mut reader, shape, guarded) {
                Some(row) => {
                    end = row.is_err();
                    batch.push(row);
                }
                None => end = true,
            }
        }
        // a send fails only when the importing thread has stopped
        if sender.send(batch).is_err() || end {
            return;
        }
    }
}

/// The next row, none at the end of the input.
fn next_row(reader: &mut RowReader, shape: &Shape, guarded: bool) -> Option<Result<Row>> {
    let mut record = ByteRecord::new();
    match reader.next(&mut record, shape.name, shape.header) {
        Ok(true) => Some(row(record, shape, guarded)),
        Ok(false) => None,
        Err(e) => Some(Err(e)),
    }
}

fn row(record: ByteRecord, shape: &Shape, guarded: bool) -> Result<Row> {
    let line = record.position().map(|p| p.line()).unwrap_or(0);
    let width = record.len() == shape.columns.fields.len();
    let cells = if width { Some(cells(&record, shape, guarded)?) } else { None };
    Ok(Row { record, line, cells })
}

/// The row's cells by field, with the defaults for those it leaves empty,
/// and what they say.
fn cells(record: &ByteRecord, shape: &Shape, guarded: bool) -> Result<Cells> {
    let mut input = ClaimInput::default();
    for (index, field) in shape.columns.fields.iter().enumerate() {
        if let Some(field) = field {
            let text = text_of(record, index, shape.name)?;
            input.set(field, if guarded { unguard(&text) } else { &text });
        }
    }
    shape.defaults.fill(&mut input);
    let metric_hint = shape.columns.metric_hint.map(|i| text_of(record, i, shape.name)).transpose()?;
    let parsed = shape.parser.parse(&input);
    Ok(Cells { input, metric_hint, parsed })
}
