//! The bytes of an import: from a file or stdin, counted and hashed as they
//! pass, decoded from the encoding asked for, with the delimiter sniffed.
//! What no file of claims holds is refused as it passes, so that memory
//! stays bounded whatever the input (`/dev/zero`, a file without line
//! breaks, a double quote left open): a NUL byte, a line longer than
//! [`LINE_LIMIT`], a row longer than [`ROW_LIMIT`].

use crate::error::InputError;
use anyhow::Result;
use sha2::{Digest, Sha256};
use std::cell::{Cell, RefCell};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

/// What has gone through the reader so far.
#[derive(Default)]
pub struct Tally {
    pub bytes: u64,
    hasher: Sha256,
}

impl Tally {
    pub fn sha256(&self) -> String {
        hex::encode(self.hasher.clone().finalize())
    }
}

/// Passes bytes through, counting and hashing them.
struct Tallied<R> {
    inner: R,
    tally: Rc<RefCell<Tally>>,
}

impl<R: Read> Read for Tallied<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut tally = self.tally.borrow_mut();
        tally.bytes += n as u64;
        tally.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// The longest line, and the longest field, an import reads: 1 MiB.
pub const LINE_LIMIT: usize = 1 << 20;

/// The longest row, its quoted line breaks included: 4 MiB.
pub const ROW_LIMIT: u64 = 4 << 20;

/// How far the readers above the guard may read ahead of the row being
/// parsed: the buffer below, and the CSV reader's own.
const READ_AHEAD: u64 = 512 << 10;

/// Where the row being read starts: its byte offset in the decoded text, and
/// its line. The CSV reader moves it on after each row.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowStart {
    pub byte: u64,
    pub line: u64,
}

/// Refuses, as bytes pass, what no text file of claims holds.
struct Guarded<R> {
    inner: R,
    /// Bytes passed so far.
    bytes: u64,
    /// The line being read (1-based), its length so far in bytes and in characters.
    line: u64,
    line_bytes: usize,
    line_chars: u64,
    row_start: Rc<Cell<RowStart>>,
}

impl<R: Read> Read for Guarded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        for &byte in &buf[..n] {
            if byte == b'\n' {
                self.line += 1;
                self.line_bytes = 0;
                self.line_chars = 0;
                continue;
            }
            self.line_bytes += 1;
            // a character starts at every byte but a UTF-8 continuation byte
            if byte & 0xC0 != 0x80 {
                self.line_chars += 1;
            }
            if byte == 0 {
                return Err(self.refuse(Some(self.line_chars), nul_error()));
            }
            if self.line_bytes > LINE_LIMIT {
                return Err(self.refuse(None, long_line_error(self.line)));
            }
        }
        let start = self.row_start.get();
        if self.bytes.saturating_sub(start.byte) > ROW_LIMIT + READ_AHEAD {
            return Err(Refused { line: start.line, column: None, error: long_row_error(start.line) }.into());
        }
        Ok(n)
    }
}

impl<R> Guarded<R> {
    fn refuse(&self, column: Option<u64>, error: InputError) -> io::Error {
        Refused { line: self.line, column, error }.into()
    }
}

fn nul_error() -> InputError {
    InputError::new("a NUL byte: this is not a text file; nothing was imported").hint(
        "claims imports CSV or JSON Lines text; a UTF-16 file without its byte-order mark needs --encoding utf-16le (or utf-16be)",
    )
}

fn long_line_error(line: u64) -> InputError {
    InputError::new(format!(
        "line {line} is longer than 1 MiB, the longest line an import reads; nothing was imported"
    ))
    .hint("a row of claims is short: is this the right file, or is it missing its line breaks?")
}

/// A row too long to be one: a double quote left open makes the rest of the file one field.
pub fn long_row_error(line: u64) -> InputError {
    InputError::new(format!(
        "the row starting on line {line} is longer than 4 MiB, the longest row an import reads; nothing was imported"
    ))
    .hint("a field that opens a double quote and never closes it runs on to the end of the file: check the quotes of this row")
}

/// What the guard refused, and where; the name of the input is added by
/// [`read_error`], which knows it.
#[derive(Debug)]
struct Refused {
    line: u64,
    column: Option<u64>,
    error: InputError,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

impl std::error::Error for Refused {}

impl From<Refused> for io::Error {
    fn from(refused: Refused) -> Self {
        io::Error::new(io::ErrorKind::InvalidData, refused)
    }
}

/// An error reading `name`: what the guard refused, at its line and column,
/// or the reading error itself.
pub fn read_error(name: &str, error: &io::Error) -> InputError {
    match error.get_ref().and_then(|inner| inner.downcast_ref::<Refused>()) {
        Some(Refused { line, column: Some(column), error }) => {
            error.clone().at(format!("{name}:{line}:{column}"))
        }
        Some(Refused { line, column: None, error }) => error.clone().at(format!("{name}:{line}")),
        None => InputError::new(format!("cannot read {name}: {error}")),
    }
}

pub struct Opened {
    /// The name errors and the batch use: the path, or `stdin`.
    pub name: String,
    /// The size on disk, when it is a file.
    pub size: Option<u64>,
    pub reader: Box<dyn BufRead>,
    pub tally: Rc<RefCell<Tally>>,
    /// Where the row being read starts, for the guard's limit on a row.
    pub row_start: Rc<Cell<RowStart>>,
}

/// Opens a file (or `-` for stdin), decoded to UTF-8 from `encoding` when
/// given; without one, a BOM says UTF-8 or UTF-16 and anything else passes
/// through for the reader to check.
pub fn open(path: &str, encoding: Option<&str>) -> Result<Opened> {
    let (name, size, raw): (String, Option<u64>, Box<dyn Read>) = if path == "-" {
        ("stdin".into(), None, Box::new(io::stdin()))
    } else {
        let file = File::open(path).map_err(|e| {
            InputError::new(format!("cannot open {path}: {e}"))
                .hint("give the path of a CSV file, or - to read standard input")
        })?;
        let size = file.metadata().map(|m| m.len()).ok();
        (path.to_string(), size, Box::new(file))
    };
    decode(name, size, raw, encoding)
}

/// Reads bytes already in memory, named `name` in errors.
pub fn from_bytes(name: &str, bytes: Vec<u8>, encoding: Option<&str>) -> Result<Opened> {
    let size = Some(bytes.len() as u64);
    decode(name.to_string(), size, Box::new(io::Cursor::new(bytes)), encoding)
}

/// Reads a stream of unknown size, named `name` in errors.
pub fn from_reader(name: &str, reader: Box<dyn Read>, encoding: Option<&str>) -> Result<Opened> {
    decode(name.to_string(), None, reader, encoding)
}

fn decode(name: String, size: Option<u64>, raw: Box<dyn Read>, encoding: Option<&str>) -> Result<Opened> {
    let tally = Rc::new(RefCell::new(Tally::default()));
    let tallied = Tallied { inner: raw, tally: tally.clone() };
    let encoding = encoding.map(find_encoding).transpose()?;
    let decoded =
        encoding_rs_io::DecodeReaderBytesBuilder::new().encoding(encoding).strip_bom(true).build(tallied);
    let row_start = Rc::new(Cell::new(RowStart { byte: 0, line: 1 }));
    let guarded = Guarded {
        inner: decoded,
        bytes: 0,
        line: 1,
        line_bytes: 0,
        line_chars: 0,
        row_start: row_start.clone(),
    };
    let reader = Box::new(BufReader::with_capacity(256 * 1024, guarded));
    Ok(Opened { name, size, reader, tally, row_start })
}

fn find_encoding(label: &str) -> Result<&'static encoding_rs::Encoding> {
    let label = match label.to_ascii_lowercase().as_str() {
        "latin-1" | "latin1" => "iso-8859-1".to_string(),
        other => other.to_string(),
    };
    encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
        InputError::new(format!("unknown encoding \"{label}\""))
            .at("--encoding")
            .hint("utf-8, windows-1252, latin-1, utf-16le, utf-16be, or any WHATWG label")
            .into()
    })
}

/// Reads the first line, so that the delimiter can be sniffed from it, and
/// gives back a reader that still starts at the beginning.
pub fn first_line(name: &str, mut reader: Box<dyn BufRead>) -> Result<(Vec<u8>, Box<dyn BufRead>)> {
    let mut head = Vec::new();
    reader.read_until(b'\n', &mut head).map_err(|e| read_error(name, &e))?;
    let rest = Box::new(io::Cursor::new(head.clone()).chain(reader));
    Ok((head, rest))
}

/// The delimiter of the header line among `,`, `;` and tab: the most common
/// outside quotes, a comma when none appears.
pub fn sniff_delimiter(peek: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &byte in peek {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(slot) = counts.iter_mut().find(|(d, _)| *d == byte) {
                    slot.1 += 1;
                }
            }
            _ => {}
        }
    }
    let best = counts.iter().max_by_key(|(_, n)| *n).expect("three candidates");
    if best.1 == 0 {
        b','
    } else {
        best.0
    }
}

/// Reads `--delimiter`: one character, or `tab`.
pub fn parse_delimiter(text: &str) -> Result<u8> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        t if t.len() == 1 && t.is_ascii() => Ok(t.as_bytes()[0]),
        _ => Err(InputError::new(format!("\"{text}\" is not a delimiter"))
            .at("--delimiter")
            .hint("one character such as , or ; or the word tab")
            .into()),
    }
}
