//! Rows as they come: CSV records, JSON objects one a line, or the objects
//! of a JSON array, each a `ByteRecord` of the header's columns, refused
//! with its line and column when too long or not UTF-8.

use super::input::{self, RowStart};
use super::json;
use crate::error::InputError;
use anyhow::Result;
use csv::ByteRecord;
use std::cell::Cell;
use std::rc::Rc;

/// Where rows come from: CSV records, or JSON objects one a line; each
/// tells the input's guard where its row starts.
pub(super) enum RowReader {
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
    /// Reads the header: JSON Lines and a JSON array (an export's other
    /// forms) are rows of the export's columns; CSV names its own.
    pub(super) fn open(
        name: &str,
        reader: Box<dyn std::io::BufRead>,
        row_start: &Rc<Cell<RowStart>>,
        delimiter: Option<u8>,
    ) -> Result<(RowReader, Vec<String>)> {
        let (head, rest) = input::first_line(name, reader)?;
        let export_columns = json::columns;
        let row_start = row_start.clone();
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'[') => Ok((
                RowReader::Array { objects: json::read_array(name, rest)?.into_iter() },
                export_columns(),
            )),
            Some(b'{') => {
                Ok((RowReader::Jsonl { lines: rest, line: 0, byte: 0, row_start }, export_columns()))
            }
            _ => {
                let delimiter = delimiter.unwrap_or_else(|| input::sniff_delimiter(&head));
                let mut reader = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .flexible(true)
                    .has_headers(false)
                    .from_reader(rest);
                let mut record = ByteRecord::new();
                if !read_record(&mut reader, &mut record, name, &[], &row_start)? {
                    return Err(InputError::new(format!("{name} is empty"))
                        .hint("the first line must be a header naming at least metric, value and as_of")
                        .into());
                }
                let header = (0..record.len()).map(|i| text_of(&record, i, name)).collect::<Result<_>>()?;
                Ok((RowReader::Csv { reader, row_start }, header))
            }
        }
    }

    /// CSV cells carry the spreadsheet guard; JSON values are verbatim.
    pub(super) fn guarded(&self) -> bool {
        matches!(self, RowReader::Csv { .. })
    }

    pub(super) fn next(&mut self, record: &mut ByteRecord, name: &str, header: &[String]) -> Result<bool> {
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
pub(super) fn read_record(
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
pub(super) fn text_of(record: &ByteRecord, index: usize, name: &str) -> Result<String> {
    str_of(record, index, name).map(str::to_string)
}

/// A field as text borrowed from its record (no copy a cell), or the
/// error of `text_of`.
pub(super) fn str_of<'r>(record: &'r ByteRecord, index: usize, name: &str) -> Result<&'r str> {
    let bytes = &record[index];
    std::str::from_utf8(bytes).map_err(|e| {
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or(0);
        InputError::new(format!("not valid UTF-8 (byte 0x{bad:02X}); nothing was imported"))
            .at(format!("{name}:{line}:{}", index + 1))
            .hint("if it came from Excel or an older system, try --encoding windows-1252 (or latin-1, utf-16le)")
            .into()
    })
}
