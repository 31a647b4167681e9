//! The `--skip-bad` file: each rejected row as it was read, with its errors
//! in one more column, written only when a row is rejected.

use crate::error::InputError;
use crate::files::OutputFile;
use anyhow::Result;
use csv::ByteRecord;

/// The `--skip-bad` file: each rejected row as it was, with its errors.
pub(super) struct Rejects {
    writer: csv::Writer<OutputFile>,
    started: bool,
}

impl Rejects {
    pub(super) fn new(file: OutputFile) -> Self {
        Rejects { writer: csv::Writer::from_writer(file), started: false }
    }

    pub(super) fn write(
        &mut self,
        header: &[String],
        record: &ByteRecord,
        errors: &[InputError],
    ) -> Result<()> {
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

    /// The file, when a row was written to it.
    pub(super) fn into_file(self) -> Result<Option<OutputFile>> {
        if !self.started {
            return Ok(None);
        }
        self.writer
            .into_inner()
            .map(Some)
            .map_err(|e| anyhow::anyhow!("writing the rejects file: {}", e.error()))
    }
}

/// An error on one line, for the rejects file.
fn one_line(error: &InputError) -> String {
    match &error.hint {
        Some(hint) => format!("{} (hint: {hint})", InputError { hint: None, ..error.clone() }),
        None => error.to_string(),
    }
}
