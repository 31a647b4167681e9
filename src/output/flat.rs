//! Records made flat for CSV and TSV: no JSON inside a cell. A nested
//! object becomes prefixed columns (`figure` → `figure_text`,
//! `figure_best`, …, `change_percent_best`); a list becomes one cell, its
//! items joined by "; " (an object in a list is named by its id, else its
//! words, else its detail, else its source).

use serde_json::{Map, Value};

/// The columns of the flat records: each of `columns`, or, where any record
/// holds an object, that object's keys under the column's name.
pub fn columns(columns: &[String], records: &[Map<String, Value>]) -> Vec<String> {
    let mut flat = Vec::new();
    for column in columns {
        let values: Vec<&Value> = records.iter().filter_map(|r| r.get(column)).collect();
        expand(column, &values, &mut flat);
    }
    flat
}

fn expand(name: &str, values: &[&Value], flat: &mut Vec<String>) {
    let mut keys: Vec<&String> = Vec::new();
    for value in values {
        if let Value::Object(map) = value {
            for key in map.keys() {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    if keys.is_empty() {
        flat.push(name.to_string());
        return;
    }
    for key in keys {
        let inner: Vec<&Value> = values.iter().filter_map(|v| v.get(key)).collect();
        expand(&format!("{name}_{key}"), &inner, flat);
    }
}

/// The cell of a flat column in a record: the value at its path, as text.
pub fn cell(record: &Map<String, Value>, column: &str) -> String {
    match find(record, column) {
        Some(value) => text(value),
        None => String::new(),
    }
}

/// The value a flat column names: a key of the record, or a key inside an
/// object under a prefix (keys may hold `_` themselves: the longest key
/// that matches is tried first).
fn find<'a>(record: &'a Map<String, Value>, column: &str) -> Option<&'a Value> {
    if let Some(value) = record.get(column) {
        return Some(value);
    }
    let mut cut = column.len();
    while let Some(at) = column[..cut].rfind('_') {
        if let Some(Value::Object(inner)) = record.get(&column[..at]) {
            if let Some(value) = find(inner, &column[at + 1..]) {
                return Some(value);
            }
        }
        cut = at;
    }
    None
}

/// A value as one cell of text.
fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(item).collect::<Vec<_>>().join("; "),
        Value::Object(map) => map.get("text").map(text).unwrap_or_default(),
        other => other.to_string(),
    }
}

fn item(value: &Value) -> String {
    match value {
        Value::Object(map) => ["id", "text", "detail", "source"]
            .iter()
            .find_map(|k| map.get(*k).filter(|v| !v.is_null()))
            .map(text)
            .unwrap_or_default(),
        other => text(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nested_objects_become_prefixed_columns_and_lists_one_cell() {
        let record = |v: Value| v.as_object().cloned().unwrap();
        let records = vec![
            record(json!({"id": 6, "figure": {"text": "about 228 sq mi", "best": 228},
                          "change": {"text": "about -152", "percent": {"best": -40}}, "claims": [6, 2]})),
            record(
                json!({"id": 2, "figure": {"text": "about 380", "best": 380}, "change": null, "claims": [2]}),
            ),
        ];
        let names: Vec<String> = ["id", "figure", "change", "claims"].iter().map(|c| c.to_string()).collect();
        let flat = columns(&names, &records);
        assert_eq!(
            flat,
            ["id", "figure_text", "figure_best", "change_text", "change_percent_best", "claims"]
        );
        let cells: Vec<String> = flat.iter().map(|c| cell(&records[0], c)).collect();
        assert_eq!(cells, ["6", "about 228 sq mi", "228", "about -152", "-40", "6; 2"]);
        let cells: Vec<String> = flat.iter().map(|c| cell(&records[1], c)).collect();
        assert_eq!(cells, ["2", "about 380", "380", "", "", "2"]);
    }

    #[test]
    fn keys_with_underscores_are_found() {
        let record = json!({"change": {"from_claim": 2, "low_strict": false}});
        let record = record.as_object().unwrap();
        assert_eq!(cell(record, "change_from_claim"), "2");
        assert_eq!(cell(record, "change_low_strict"), "false");
    }
}
