//! Claims as JSON objects, the export's other forms: one a line (JSON
//! Lines), or a JSON array as `export --format json` writes it. Each object
//! becomes a row of the export's columns.

use crate::cmd::common::REFERENCES;
use crate::error::InputError;
use anyhow::Result;
use csv::ByteRecord;
use serde_json::{Map, Value};
use std::io::Read;

pub type Object = Map<String, Value>;

/// One JSON object as a row of `header`; an unknown key is an error at `at`.
pub fn to_record(
    object: &Object,
    header: &[String],
    record: &mut ByteRecord,
    line: u64,
    at: &str,
) -> Result<()> {
    if let Some(unknown) = object.keys().find(|k| !header.contains(k) && !read_aside(k)) {
        return Err(InputError::new(format!("unknown field \"{unknown}\""))
            .at(at)
            .hint(format!("the fields are: {}", header.join(", ")))
            .into());
    }
    record.clear();
    for column in header {
        let cell = match value_of(object, column) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(changes)) if column == "status_history" => {
                crate::status_history::cell_of_json(changes).map_err(|e| {
                    InputError::new(e).at(at).field("status_history").hint(crate::status_history::HINT)
                })?
            }
            Some(Value::Array(keys)) if column == "metric_old_keys" => keys
                .iter()
                .map(|k| k.as_str().map_or_else(|| k.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join("; "),
            Some(other) => other.to_string(),
        };
        record.push_field(cell.as_bytes());
    }
    let mut position = csv::Position::new();
    position.set_line(line);
    record.set_position(Some(position));
    Ok(())
}

/// Keys an export writes that are no column of their own: the `figure`
/// the tool read from the value (derived), and each claim reference's
/// `*_uid`, read in place of the id beside it.
fn read_aside(key: &str) -> bool {
    key == "figure" || REFERENCES.iter().any(|r| key.strip_suffix("_uid") == Some(*r))
}

/// The value of a column: a claim reference's uid where the object has one
/// (an export's), else the key itself (a uid, in exports before ids were
/// printed, or an id).
fn value_of<'a>(object: &'a Object, column: &str) -> Option<&'a Value> {
    if REFERENCES.contains(&column) {
        if let Some(uid) = object.get(&format!("{column}_uid")) {
            return Some(uid);
        }
    }
    object.get(column)
}

/// The columns a JSON claim is read in: the entered fields, and what the
/// tool derives (ignored), as exports before the figure object wrote it.
pub fn columns() -> Vec<String> {
    let fields = crate::model::ENTRY_FIELDS.iter().chain(crate::model::DERIVED_FIELDS);
    fields.map(|f| f.to_string()).collect()
}

/// The objects of a JSON array, each with the line it starts on. The array
/// is read whole: an export's JSON is a file of claims, not a stream.
pub fn read_array(name: &str, mut input: Box<dyn std::io::BufRead>) -> Result<Vec<(u64, Object)>> {
    let mut text = String::new();
    input.read_to_string(&mut text).map_err(|e| super::input::read_error(name, &e))?;
    let line_of = |offset: usize| 1 + text[..offset].bytes().filter(|b| *b == b'\n').count() as u64;
    let column_of = |offset: usize| 1 + offset - text[..offset].rfind('\n').map_or(0, |n| n + 1);
    let not_array = |offset: usize, what: String| -> anyhow::Error {
        InputError::new(what)
            .at(format!("{name}:{}:{}", line_of(offset), column_of(offset)))
            .hint("a JSON array of claim objects, as claims export --format json writes")
            .into()
    };
    let skip_space = |from: usize| from + text[from..].len() - text[from..].trim_start().len();
    let mut at = skip_space(0);
    if !text[at..].starts_with('[') {
        return Err(not_array(at, "not a JSON array".into()));
    }
    at = skip_space(at + 1);
    let mut objects = Vec::new();
    if text[at..].starts_with(']') {
        return Ok(objects);
    }
    loop {
        let mut stream = serde_json::Deserializer::from_str(&text[at..]).into_iter::<Object>();
        match stream.next() {
            Some(Ok(object)) => objects.push((line_of(at), object)),
            Some(Err(e)) => {
                let offset = at + stream.byte_offset();
                return Err(not_array(offset, format!("not a JSON object: {e}")));
            }
            None => return Err(not_array(at, "the array is not closed".into())),
        }
        at = skip_space(at + stream.byte_offset());
        match text[at..].chars().next() {
            Some(',') => at = skip_space(at + 1),
            Some(']') if text[at + 1..].trim().is_empty() => return Ok(objects),
            Some(']') => return Err(not_array(skip_space(at + 1), "text after the array".into())),
            _ => return Err(not_array(at, "expected , or ] after a claim".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<(u64, Object)>> {
        read_array("in.json", Box::new(std::io::Cursor::new(text.as_bytes().to_vec())))
    }

    #[test]
    fn objects_come_with_their_lines() {
        let objects = read("[\n  {\"a\": 1},\n  {\"a\": [2, 3]}\n]\n").unwrap();
        let lines: Vec<u64> = objects.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 3]);
        assert!(read("[]").unwrap().is_empty());
        assert_eq!(read("[{\"a\":1},{\"b\":2}]").unwrap().len(), 2);
    }

    #[test]
    fn what_is_not_an_array_of_objects_is_named_where_it_is() {
        for (text, said) in [
            ("[\n  {\"a\": 1},\n  7\n]", "in.json:3:3"),
            ("[\n  {\"a\": 1}\n  {\"b\": 2}\n]", "in.json:3:3"),
            ("[{\"a\": 1}", "in.json:1:10"),
            ("[{\"a\": 1}] x", "in.json:1:12"),
        ] {
            let error = read(text).unwrap_err().to_string();
            assert!(error.contains(said), "{text:?}: {error}");
        }
    }
}
