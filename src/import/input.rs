//! The bytes of an import: from a file or stdin, counted and hashed as they
//! pass, decoded from the encoding asked for, with the delimiter sniffed.

use crate::error::InputError;
use anyhow::{Context as _, Result};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
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

pub struct Opened {
    /// The name errors and the batch use: the path, or `stdin`.
    pub name: String,
    /// The size on disk, when it is a file.
    pub size: Option<u64>,
    pub reader: Box<dyn BufRead>,
    pub tally: Rc<RefCell<Tally>>,
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

fn decode(name: String, size: Option<u64>, raw: Box<dyn Read>, encoding: Option<&str>) -> Result<Opened> {
    let tally = Rc::new(RefCell::new(Tally::default()));
    let tallied = Tallied { inner: raw, tally: tally.clone() };
    let encoding = encoding.map(find_encoding).transpose()?;
    let decoded =
        encoding_rs_io::DecodeReaderBytesBuilder::new().encoding(encoding).strip_bom(true).build(tallied);
    let reader = Box::new(BufReader::with_capacity(256 * 1024, decoded));
    Ok(Opened { name, size, reader, tally })
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
pub fn first_line(mut reader: Box<dyn BufRead>) -> Result<(Vec<u8>, Box<dyn BufRead>)> {
    let mut head = Vec::new();
    reader.read_until(b'\n', &mut head).context("reading the first line")?;
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
