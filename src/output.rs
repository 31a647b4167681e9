//! One output layer for every read command: table, CSV, JSON, JSON Lines or
//! Markdown from the same rows.

use comfy_table::{presets, CellAlignment, ContentArrangement, Table, TableComponent};
use serde_json::{Map, Value};
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// Comma-separated, every field, header first.
    Csv,
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

/// A number for reading: thousands separated, at most two decimals.
pub fn pretty_number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{:.2}", rounded.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let fraction = fraction.trim_end_matches('0');
    let sign = if rounded < 0.0 { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
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

fn readable(value: &Value) -> String {
    match value {
        Value::Number(n) => n.as_f64().map(pretty_number).unwrap_or_else(|| n.to_string()),
        Value::Array(items) => items.iter().map(readable).collect::<Vec<_>>().join(", "),
        // a figure or change object reads as its words
        Value::Object(map) => map.get("text").map(readable).unwrap_or_else(|| value.to_string()),
        other => plain(other),
    }
}

pub fn render(out: &mut dyn Write, format: Format, rows: &Rows) -> io::Result<()> {
    match format {
        Format::Table => render_table(out, rows),
        Format::Md => render_markdown(out, rows),
        Format::Csv => render_csv(out, rows),
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
                let value = value.replace('\n', &format!("\n{:width$}  ", ""));
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

fn cells<'a>(rows: &'a Rows, record: &'a Map<String, Value>) -> impl Iterator<Item = String> + 'a {
    rows.table_columns.iter().map(|c| record.get(c).map(readable).unwrap_or_default())
}

fn render_table(out: &mut dyn Write, rows: &Rows) -> io::Result<()> {
    if rows.records.is_empty() {
        return writeln!(out, "(nothing to show)");
    }
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_style(TableComponent::HeaderLines, '─')
        .set_style(TableComponent::MiddleHeaderIntersections, '─')
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(&rows.table_columns);
    if let Some(width) = terminal_width() {
        table.set_width(width);
    }
    for record in &rows.records {
        table.add_row(cells(rows, record));
    }
    for (i, column) in rows.table_columns.iter().enumerate() {
        let numeric = rows
            .records
            .iter()
            .all(|r| matches!(r.get(column), Some(Value::Number(_)) | Some(Value::Null) | None));
        if numeric {
            if let Some(col) = table.column_mut(i) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    for line in table.to_string().lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The terminal's width when stdout is one; else a wide page so that piped
/// tables are not wrapped.
fn terminal_width() -> Option<u16> {
    use std::io::IsTerminal;
    if io::stdout().is_terminal() {
        None
    } else {
        Some(std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).unwrap_or(160))
    }
}

fn render_markdown(out: &mut dyn Write, rows: &Rows) -> io::Result<()> {
    let escape = |s: String| s.replace('|', "\\|").replace('\n', "<br>");
    writeln!(out, "| {} |", rows.table_columns.join(" | "))?;
    writeln!(out, "|{}|", rows.table_columns.iter().map(|_| "---").collect::<Vec<_>>().join("|"))?;
    for record in &rows.records {
        let line: Vec<String> = cells(rows, record).map(escape).collect();
        writeln!(out, "| {} |", line.join(" | "))?;
    }
    Ok(())
}

fn render_csv(out: &mut dyn Write, rows: &Rows) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&rows.columns)?;
    for record in &rows.records {
        writer.write_record(rows.columns.iter().map(|c| record.get(c).map(plain).unwrap_or_default()))?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_well() {
        assert_eq!(pretty_number(1000.0), "1,000");
        assert_eq!(pretty_number(1_234_567.891), "1,234,567.89");
        assert_eq!(pretty_number(-152.0), "-152");
        assert_eq!(pretty_number(984.196), "984.2");
        assert_eq!(pretty_number(0.0), "0");
        assert_eq!(number(Some(380.0)), Value::from(380));
        assert_eq!(number(Some(1121.6)).to_string(), "1121.6");
        assert_eq!(number(None), Value::Null);
    }
}
