//! One output layer for every read command: table, CSV, JSON, JSON Lines or
//! Markdown from the same rows.
//!
//! Text from a ledger or an input file is never trusted to be harmless:
//! tables and messages show control characters as escapes (`inert`), CSV
//! cells carry the spreadsheet guard (`csv_safety::guard`), Markdown cells
//! are escaped (`markdown_cell`).

pub(crate) mod flat;
pub mod json;

use crate::csv_safety::guard;
mod fit;

use comfy_table::{
    presets, CellAlignment, ColumnConstraint, ContentArrangement, Table, TableComponent, Width,
};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// Comma-separated, every field, header first; nested fields as prefixed columns.
    Csv,
    /// Tab-separated, as CSV.
    Tsv,
    /// One JSON array of objects.
    Json,
    /// One JSON object a line.
    Jsonl,
    /// A Markdown table.
    Md,
}

/// Records with the columns every format shows; the table and Markdown
/// views may show fewer, chosen for reading.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub columns: Vec<String>,
    pub table_columns: Vec<String>,
    pub records: Vec<Map<String, Value>>,
}

impl Rows {
    pub fn new(columns: &[&str]) -> Self {
        let columns: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
        Rows { table_columns: columns.clone(), columns, records: Vec::new() }
    }

    /// Shows only these columns in the table and Markdown views.
    pub fn table_columns(mut self, columns: &[&str]) -> Self {
        self.table_columns = columns.iter().map(|c| c.to_string()).collect();
        self
    }

    pub fn push(&mut self, record: Map<String, Value>) {
        self.records.push(record);
    }
}

/// A number as JSON: whole numbers without a trailing ".0".
pub fn number(value: Option<f64>) -> Value {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9e15 => Value::from(v as i64),
        Some(v) => serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number),
        None => Value::Null,
    }
}

/// A value rounded to at most `digits` significant figures and at most
/// `decimals` decimals: a figure shown no more precisely than it was known.
pub fn rounded(value: f64, digits: Option<u32>, decimals: Option<u32>) -> f64 {
    rounded_toward(value, digits, decimals, Toward::Nearest)
}

/// Which way a number is rounded: a bound rounds away from the figure's
/// inside ("more than 123,553" shows as "more than 123,000", never
/// 124,000), so that it stays true as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    Nearest,
    Down,
    Up,
}

/// `rounded`, in the direction given.
pub fn rounded_toward(value: f64, digits: Option<u32>, decimals: Option<u32>, toward: Toward) -> f64 {
    // a hair of slack, so that 1.1 × 500 = 550.0000000000001 rounds down to 550
    let round = |v: f64| match toward {
        Toward::Nearest => v.round(),
        Toward::Down => (v + 1e-9 * v.abs().max(1.0)).floor(),
        Toward::Up => (v - 1e-9 * v.abs().max(1.0)).ceil(),
    };
    let to_places = |v: f64, places: i32| {
        let scale = 10f64.powi(places.abs());
        if places >= 0 {
            round(v * scale) / scale
        } else {
            round(v / scale) * scale
        }
    };
    let mut v = value;
    if let Some(digits) = digits.filter(|_| v != 0.0 && v.is_finite()) {
        let magnitude = v.abs().log10().floor() as i32;
        v = to_places(v, digits as i32 - 1 - magnitude);
    }
    if let Some(decimals) = decimals {
        v = to_places(v, decimals as i32);
    }
    v
}

/// A number for reading: thousands separated, at most two decimals.
pub fn pretty_number(value: f64) -> String {
    // in hundredths, as an integer (beyond i64, whole numbers only)
    let hundredths = (value * 100.0).round();
    // the digits put down by hand, not by `to_string` and `format!`: a
    // timeline's table reads three thousand numbers (1.3 -> 0.5 M instructions)
    let (mut small, big);
    let (digits, fraction): (&[u8], u64) = if hundredths.abs() < 9e18 {
        let hundredths = hundredths.abs() as u64;
        small = [0u8; 20];
        let (mut whole, mut at) = (hundredths / 100, small.len());
        loop {
            at -= 1;
            small[at] = b'0' + (whole % 10) as u8;
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        (&small[at..], hundredths % 100)
    } else {
        big = format!("{:.0}", value.abs());
        (big.as_bytes(), 0)
    };
    let mut text = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    if hundredths < 0.0 && (digits != b"0" || fraction != 0) {
        text.push('-');
    }
    for (i, digit) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            text.push(',');
        }
        text.push(char::from(*digit));
    }
    if fraction != 0 {
        text.push('.');
        text.push(char::from(b'0' + (fraction / 10) as u8));
        if fraction % 10 != 0 {
            text.push(char::from(b'0' + (fraction % 10) as u8));
        }
    }
    text
}

/// A cell as plain text: nulls empty, numbers without exponent.
pub fn plain(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Text as it is safe to show on a terminal: every control character (C0,
/// DEL, C1), bidirectional override, isolate or mark and line separator is
/// written as a visible escape (`\e`, `\r`, `\t`, `\u{202E}`), so that data
/// can neither move the cursor, recolour the screen nor reorder what is read.
/// A line break is kept (a quote over two lines reads as two lines), and a
/// CR LF is a line break too. A backslash is left as it is.
pub fn inert(text: &str) -> Cow<'_, str> {
    // printable ASCII and line breaks are shown as they are, tested by byte:
    // most cells are only that (a timeline's table: 5.5 M -> 1.2 M instructions)
    let plain = |b: u8| b == b'\n' || (b' '..=b'~').contains(&b);
    // and of the rest, only the other characters are looked up (a line with
    // one dash: its ASCII was tested against the list of bidi marks too)
    let escaped = |c: char| !(c.is_ascii() && plain(c as u8)) && escape_of(c).is_some();
    if text.bytes().all(plain) || !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        match escape_of(c) {
            Some(escape) => shown.push_str(&escape),
            None => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// The visible form of a character that must not reach a terminal as it is.
fn escape_of(c: char) -> Option<Cow<'static, str>> {
    let named = match c {
        '\n' => return None,
        '\0' => "\\0",
        '\x07' => "\\a",
        '\x08' => "\\b",
        '\t' => "\\t",
        '\x0b' => "\\v",
        '\x0c' => "\\f",
        '\r' => "\\r",
        '\x1b' => "\\e",
        c if c.is_control() || BIDI_AND_SEPARATORS.contains(&c) => {
            return Some(Cow::Owned(format!("\\u{{{:X}}}", c as u32)))
        }
        _ => return None,
    };
    Some(Cow::Borrowed(named))
}

/// Invisible characters that reorder or break text: bidi embeddings,
/// overrides, isolates and marks, and the Unicode line separators.
const BIDI_AND_SEPARATORS: &[char] = &[
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{2028}', '\u{2029}', '\u{202A}', '\u{202B}', '\u{202C}',
    '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// How many items of a list a table cell shows.
const LISTED: usize = 5;

/// The first `shown` items joined by `separator`, then "and N more": a long
/// list that stays readable where people read it.
pub fn first_few(items: impl ExactSizeIterator<Item = String>, shown: usize, separator: &str) -> String {
    let more = items.len().saturating_sub(shown);
    let listed = items.take(shown).collect::<Vec<_>>().join(separator);
    if more > 0 {
        format!("{listed} and {more} more")
    } else {
        listed
    }
}

fn readable(value: &Value) -> String {
    match value {
        Value::Number(n) => n.as_f64().map(pretty_number).unwrap_or_else(|| n.to_string()),
        // a long list reads as its first few (every item is in the other
        // formats); a list of numbers is one of claim ids
        Value::Array(items) => {
            let item = |v: &Value| if v.is_number() { plain(v) } else { readable(v) };
            first_few(items.iter().map(item), LISTED, ", ")
        }
        // a figure or change object reads as its words
        Value::Object(map) => map.get("text").map(readable).unwrap_or_else(|| value.to_string()),
        other => plain(other),
    }
}

pub fn render(out: &mut dyn Write, format: Format, rows: &Rows) -> io::Result<()> {
    match format {
        Format::Table => render_table(out, rows),
        Format::Md => render_markdown(out, rows),
        Format::Csv => render_csv(out, rows, b','),
        Format::Tsv => render_csv(out, rows, b'\t'),
        Format::Json => {
            let records: Vec<Map<String, Value>> = rows.records.iter().map(|r| project(rows, r)).collect();
            serde_json::to_writer_pretty(&mut *out, &records)?;
            writeln!(out)
        }
        Format::Jsonl => {
            for record in &rows.records {
                serde_json::to_writer(&mut *out, &project(rows, record))?;
                writeln!(out)?;
            }
            Ok(())
        }
    }
}

/// One record: a list of `field: value` lines as a table, else as `render`.
pub fn render_one(out: &mut dyn Write, format: Format, rows: &Rows) -> io::Result<()> {
    match (format, rows.records.first()) {
        (Format::Table, Some(record)) => {
            let width = rows.table_columns.iter().map(|c| c.len()).max().unwrap_or(0);
            for column in &rows.table_columns {
                let value = record.get(column).map(readable).unwrap_or_default();
                if value.is_empty() {
                    continue;
                }
                let value = inert(&value).replace('\n', &format!("\n{:width$}  ", ""));
                writeln!(out, "{column:>width$}  {value}")?;
            }
            Ok(())
        }
        (Format::Json, Some(record)) => {
            serde_json::to_writer_pretty(&mut *out, &project(rows, record))?;
            writeln!(out)
        }
        _ => render(out, format, rows),
    }
}

/// A record with exactly the columns of `rows`, in their order: what
/// scripts read, whatever the table view adds for people.
fn project(rows: &Rows, record: &Map<String, Value>) -> Map<String, Value> {
    rows.columns.iter().map(|c| (c.clone(), record.get(c).cloned().unwrap_or(Value::Null))).collect()
}

/// The key of a cell the table and Markdown views show in place of
/// `column`'s: words for people where scripts keep the typed value.
pub fn table_only(column: &str) -> String {
    format!("{TABLE_ONLY}{column}")
}

const TABLE_ONLY: &str = "table:";

/// What the table and Markdown views show of `column`.
fn shown<'a>(record: &'a Map<String, Value>, column: &str) -> Option<&'a Value> {
    record.get(&table_only(column)).or_else(|| record.get(column))
}

fn cells<'a>(rows: &'a Rows, record: &'a Map<String, Value>) -> impl Iterator<Item = String> + 'a {
    rows.table_columns.iter().map(|c| match shown(record, c) {
        // an id is typed back as it is shown: no thousands separators
        Some(id @ Value::Number(_)) if ID_COLUMNS.contains(&c.as_str()) => plain(id),
        Some(value) => readable(value),
        None => String::new(),
    })
}

/// Columns of claim ids.
const ID_COLUMNS: &[&str] = &["id", "claim"];

/// Rows already in words, for the table and Markdown views only: what a
/// report of thousands of rows builds instead of a record per row.
#[derive(Debug, Clone, Default)]
pub struct TextRows {
    pub columns: Vec<String>,
    /// Columns of numbers, lined up on the right.
    pub right: Vec<bool>,
    pub cells: Vec<Vec<String>>,
}

impl TextRows {
    pub fn new(columns: &[&str], right: &[&str]) -> Self {
        TextRows {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            right: columns.iter().map(|c| right.contains(c)).collect(),
            cells: Vec::new(),
        }
    }
}

/// Text rows as a table or in Markdown.
pub fn render_text(out: &mut dyn Write, format: Format, rows: &TextRows) -> io::Result<()> {
    match format {
        Format::Md => write_markdown(out, &rows.columns, &rows.cells),
        _ => write_table(out, rows),
    }
}

fn render_table(out: &mut dyn Write, rows: &Rows) -> io::Result<()> {
    let text = TextRows {
        columns: rows.table_columns.clone(),
        // numbers line up on the right
        right: rows
            .table_columns
            .iter()
            .map(|c| {
                rows.records
                    .iter()
                    .all(|r| matches!(shown(r, c), Some(Value::Number(_)) | Some(Value::Null) | None))
            })
            .collect(),
        cells: rows.records.iter().map(|r| cells(rows, r).collect()).collect(),
    };
    write_table(out, &text)
}

fn write_table(out: &mut dyn Write, rows: &TextRows) -> io::Result<()> {
    let rows = &*inert_rows(rows);
    if rows.cells.is_empty() {
        return writeln!(out, "(nothing to show)");
    }
    let width = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    if width.is_none() && !io::stdout().is_terminal() {
        // piped, lines are never wrapped: columns padded, without measuring
        // every cell for wrapping (a timeline of thousands of claims)
        return aligned::write(out, rows);
    }
    let mut table = comfy_table(rows, ContentArrangement::Dynamic);
    if let Some(width) = width {
        table.set_width(width);
    }
    let mut dropped = Vec::new();
    if let Some(width) = table.width() {
        let fitted = fit::fit(rows, usize::from(width));
        table = comfy_table(&fitted.rows, ContentArrangement::Dynamic);
        table.set_width(width);
        // the widths fit worked out, so that comfy-table wraps only words
        for (i, w) in fitted.widths.iter().flatten().enumerate() {
            let fixed = Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX));
            table.column_mut(i).map(|c| c.set_constraint(ColumnConstraint::Absolute(fixed)));
        }
        dropped = fitted.dropped;
    }
    for line in table.to_string().lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    if !dropped.is_empty() {
        writeln!(out, "(not shown at this width: {}; --format csv has every column)", dropped.join(", "))?;
    }
    Ok(())
}

/// The rows with every cell `inert`; the same rows when none needs it.
fn inert_rows(rows: &TextRows) -> Cow<'_, TextRows> {
    let clean = |cell: &String| matches!(inert(cell), Cow::Borrowed(_));
    if rows.cells.iter().flatten().all(clean) {
        return Cow::Borrowed(rows);
    }
    let cells = rows.cells.iter().map(|row| row.iter().map(|c| inert(c).into_owned()).collect()).collect();
    Cow::Owned(TextRows { columns: rows.columns.clone(), right: rows.right.clone(), cells })
}

/// Our look: no borders, a rule under the header, numbers on the right.
fn comfy_table(rows: &TextRows, arrangement: ContentArrangement) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_style(TableComponent::HeaderLines, '─')
        .set_style(TableComponent::MiddleHeaderIntersections, '─')
        .set_content_arrangement(arrangement)
        .set_header(&rows.columns);
    for row in &rows.cells {
        table.add_row(row);
    }
    for (i, right) in rows.right.iter().enumerate() {
        if let (true, Some(column)) = (right, table.column_mut(i)) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// The table comfy-table draws with the preset above, when nothing wraps.
mod aligned {
    use super::TextRows;
    use std::io::{self, Write};
    use unicode_width::UnicodeWidthStr;

    pub fn write(out: &mut dyn Write, table: &TextRows) -> io::Result<()> {
        let (header, rows, right) = (&table.columns, &table.cells, &table.right);
        let header_widths = cell_widths(header);
        let row_widths: Vec<Vec<usize>> = rows.iter().map(|row| cell_widths(row)).collect();
        let mut widths = header_widths.clone();
        for cells in &row_widths {
            for (widest, width) in widths.iter_mut().zip(cells) {
                *widest = (*widest).max(*width);
            }
        }
        let mut out = io::BufWriter::new(out);
        let mut line = String::new();
        write_row(&mut out, &mut line, header, &header_widths, &widths, right)?;
        let rule = widths.iter().map(|w| w + 2).sum::<usize>() + widths.len() - 1;
        writeln!(out, "{}", "─".repeat(rule))?;
        for (row, cells) in rows.iter().zip(&row_widths) {
            write_row(&mut out, &mut line, row, cells, &widths, right)?;
        }
        out.flush()
    }

    /// Each cell's width: that of its widest line.
    fn cell_widths(row: &[String]) -> Vec<usize> {
        let widest = |cell: &String| match printable_ascii(cell) {
            // one line (a line break is not printable): not split (0.8 M instructions a timeline)
            true => cell.len(),
            false => cell.split('\n').map(width).max().unwrap_or(0),
        };
        row.iter().map(widest).collect()
    }

    fn printable_ascii(text: &str) -> bool {
        text.bytes().all(|b| (b' '..=b'~').contains(&b))
    }

    /// Columns on a terminal: printable ASCII is one column a byte.
    fn width(text: &str) -> usize {
        if printable_ascii(text) {
            text.len()
        } else {
            text.width()
        }
    }

    /// One row, over as many lines as its tallest cell.
    fn write_row(
        out: &mut impl Write,
        line: &mut String,
        row: &[String],
        cells: &[usize],
        widths: &[usize],
        right: &[bool],
    ) -> io::Result<()> {
        // lines as comfy-table splits them: a trailing line break is an empty line
        let height = 1 + row.iter().map(|c| c.bytes().filter(|b| *b == b'\n').count()).max().unwrap_or(0);
        for k in 0..height {
            line.clear();
            let parts: Vec<&str> = if height == 1 {
                row.iter().map(String::as_str).collect()
            } else {
                row.iter().map(|cell| cell.split('\n').nth(k).unwrap_or("")).collect()
            };
            // the empty cells at the end of a line are only padding, which is
            // trimmed: not written (a timeline's wide empty notes, 1.2 M instructions)
            let shown = parts.iter().rposition(|part| !part.is_empty()).map_or(0, |i| i + 1);
            for (i, part) in parts.iter().enumerate().take(shown) {
                // a one-line cell is its own line, measured already
                let part_width = if height == 1 { cells[i] } else { width(part) };
                let pad = widths[i] - part_width;
                line.push(' ');
                if right[i] {
                    pad_with_spaces(line, pad);
                    line.push_str(part);
                } else {
                    line.push_str(part);
                    if i + 1 < shown {
                        pad_with_spaces(line, pad);
                    }
                }
                line.push_str("  ");
            }
            // the padding's spaces dropped a byte at a time first: trim_end
            // alone decodes each and tests it for every kind of white space
            let padded = line.bytes().rposition(|b| b != b' ').map_or(0, |i| i + 1);
            out.write_all(line[..padded].trim_end().as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn pad_with_spaces(line: &mut String, count: usize) {
        // a slice of spaces at a time: a char at a time was a fifth of the writer
        const SPACES: &str = "                                                                ";
        let mut left = count;
        while left > 0 {
            let n = left.min(SPACES.len());
            line.push_str(&SPACES[..n]);
            left -= n;
        }
    }
}

fn render_markdown(out: &mut dyn Write, rows: &Rows) -> io::Result<()> {
    let cells: Vec<Vec<String>> = rows.records.iter().map(|r| cells(rows, r).collect()).collect();
    write_markdown(out, &rows.table_columns, &cells)
}

fn write_markdown(out: &mut dyn Write, columns: &[String], rows: &[Vec<String>]) -> io::Result<()> {
    writeln!(out, "| {} |", columns.join(" | "))?;
    writeln!(out, "|{}|", columns.iter().map(|_| "---").collect::<Vec<_>>().join("|"))?;
    for row in rows {
        let line: Vec<String> = row.iter().map(|cell| markdown_cell(cell)).collect();
        writeln!(out, "| {} |", line.join(" | "))?;
    }
    Ok(())
}

/// A Markdown table cell that stays one cell and shows its text: control
/// characters `inert`, HTML and backslashes escaped (so that `\|` stays
/// a pipe), line breaks as `<br>`.
pub fn markdown_cell(text: &str) -> String {
    let mut cell = String::with_capacity(text.len());
    for c in inert(text).chars() {
        match c {
            '|' => cell.push_str("\\|"),
            '\\' => cell.push_str("\\\\"),
            '<' => cell.push_str("&lt;"),
            '>' => cell.push_str("&gt;"),
            '&' => cell.push_str("&amp;"),
            '\n' => cell.push_str("<br>"),
            c => cell.push(c),
        }
    }
    cell
}

fn render_csv(out: &mut dyn Write, rows: &Rows, delimiter: u8) -> io::Result<()> {
    let mut writer = csv_writer(out, delimiter);
    let columns = flat::columns(&rows.columns, &rows.records);
    writer.write_record(&columns)?;
    for record in &rows.records {
        write_csv_record(&mut writer, columns.iter().map(|c| flat::cell(record, c)))?;
    }
    writer.flush()
}

/// A CSV writer, or a TSV one with `b'\t'`.
pub fn csv_writer<W: Write>(out: W, delimiter: u8) -> csv::Writer<W> {
    csv::WriterBuilder::new().delimiter(delimiter).from_writer(out)
}

/// One CSV record of text, each cell with the spreadsheet guard: what every
/// CSV output but `export` (which guards its own cells the same way) writes.
pub fn write_csv_record<W: Write, S: AsRef<str>>(
    writer: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    for cell in cells {
        writer.write_field(guard(cell.as_ref()).as_bytes())?;
    }
    writer.write_record(None::<&[u8]>)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What comfy-table draws for the same rows when nothing wraps.
    fn comfy(rows: &TextRows) -> String {
        let table = comfy_table(rows, ContentArrangement::Disabled);
        table.to_string().lines().map(|l| format!("{}\n", l.trim_end())).collect()
    }

    #[test]
    fn piped_tables_are_drawn_as_comfy_table_draws_them() {
        let text = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let header = text(&["id", "when", "figure", "quote"]);
        let rows = vec![
            text(&["889,945", "2024-08", "about 1,121.6 km²", "«Курськ», he said,\nthen: \"more\""]),
            text(&["7", "2024-12-21..2024-12-27", "3,000–5,000 soldiers", ""]),
            text(&["12", "2025", "", "東京 reported\n"]),
            text(&["13", "2025-01", "up to 12,000", "a line\r\nand a\ttab"]),
            // empty cells at the end of a line, and a line of nothing
            text(&["14", "", "", ""]),
            text(&["", "", "", ""]),
        ];
        let rows = TextRows { columns: header, right: vec![true, false, false, false], cells: rows };
        let mut ours = Vec::new();
        aligned::write(&mut ours, &rows).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), comfy(&rows));
    }

    #[test]
    fn control_characters_are_shown_as_escapes() {
        for (text, shown) in [
            ("plain «текст» 東京", "plain «текст» 東京"),
            ("red\x1b[31m", "red\\e[31m"),
            ("bell\x07 vt\x0b ff\x0c nul\0 bs\x08", "bell\\a vt\\v ff\\f nul\\0 bs\\b"),
            ("two\nlines", "two\nlines"),
            ("crlf\r\nline", "crlf\nline"),
            ("lone\rcr\ttab", "lone\\rcr\\ttab"),
            ("\u{202E}evil\u{2066}\u{2069}\u{200F}", "\\u{202E}evil\\u{2066}\\u{2069}\\u{200F}"),
            ("c1\u{9b}del\x7f", "c1\\u{9B}del\\u{7F}"),
        ] {
            assert_eq!(inert(text), shown, "inert of {text:?}");
        }
        assert!(matches!(inert("as it is"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_cells_stay_one_cell() {
        assert_eq!(markdown_cell("a|b\nc <b>&"), "a\\|b<br>c &lt;b&gt;&amp;");
        assert_eq!(markdown_cell("\\|"), "\\\\\\|");
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(pretty_number(1000.0), "1,000");
        assert_eq!(pretty_number(1_234_567.891), "1,234,567.89");
        assert_eq!(pretty_number(-152.0), "-152");
        assert_eq!(pretty_number(984.196), "984.2");
        assert_eq!(pretty_number(0.0), "0");
        assert_eq!(pretty_number(-0.001), "0");
        assert_eq!(pretty_number(-0.5), "-0.5");
        assert_eq!(pretty_number(0.05), "0.05");
        assert_eq!(pretty_number(-24.614), "-24.61");
        assert_eq!(pretty_number(1.2e20), "120,000,000,000,000,000,000");
        assert_eq!(number(Some(380.0)), Value::from(380));
        for (value, digits, decimals, shown) in [
            (999.74, Some(3), None, "1,000"),
            (984.196, Some(3), None, "984"),
            (825.6, Some(4), Some(0), "826"),
            (825.6, Some(4), None, "825.6"),
            (-152.0, Some(3), Some(0), "-152"),
            (0.057_91, Some(2), None, "0.06"),
            (1_234_567.0, Some(2), None, "1,200,000"),
            (12.0, None, None, "12"),
        ] {
            assert_eq!(
                pretty_number(rounded(value, digits, decimals)),
                shown,
                "{value} to {digits:?} {decimals:?}"
            );
        }
        assert_eq!(number(Some(1121.6)).to_string(), "1121.6");
        assert_eq!(number(None), Value::Null);
    }
}
