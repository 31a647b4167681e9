//! Matching a CSV header to the field names of DESIGN.md.

use crate::cmd::common::REFERENCES;
use crate::error::InputError;
use crate::model::{DERIVED_FIELDS, ENTRY_FIELDS};
use anyhow::Result;

/// Header names people use for a field, beside the field names themselves.
const ALIASES: &[(&str, &str)] = &[
    ("date", "as_of"),
    ("asof", "as_of"),
    ("figure", "value"),
    ("url", "doc_url"),
    ("link", "doc_url"),
    ("document", "doc_url"),
    ("title", "doc_title"),
    ("claimant", "source"),
    ("said_by", "source"),
    ("start", "from"),
    ("notes", "note"),
    ("location", "place"),
];

/// What each column of the file holds: a field, or nothing (ignored).
#[derive(Debug, Clone)]
pub struct Columns {
    pub fields: Vec<Option<&'static str>>,
    /// The 0-based column of `metric_hint` (extract's suggestion), read for error hints only.
    pub metric_hint: Option<usize>,
}

impl Columns {
    /// The 1-based column of a field, if the file has it.
    pub fn column_of(&self, field: &str) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field)).map(|i| i + 1)
    }

    pub fn has(&self, field: &str) -> bool {
        self.column_of(field).is_some()
    }
}

/// "As Of " → "as_of".
fn normalise(name: &str) -> String {
    name.trim().to_lowercase().replace([' ', '-'], "_")
}

/// The field a column of that name holds. A claim reference's `*_uid`
/// column (`change_of_uid`) holds the field itself: the uid is what an
/// import reads, never the other ledger's id beside it.
fn field_named(name: &str) -> Option<&'static str> {
    let name = normalise(name);
    if let Some(reference) = REFERENCES.iter().find(|r| name.strip_suffix("_uid") == Some(**r)) {
        return Some(reference);
    }
    ENTRY_FIELDS
        .iter()
        .chain(DERIVED_FIELDS)
        .find(|f| **f == name)
        .copied()
        .or_else(|| ALIASES.iter().find(|(alias, _)| *alias == name).map(|(_, f)| *f))
}

/// Reads `--map COL=FIELD` flags.
pub fn parse_maps(maps: &[String]) -> Result<Vec<(String, Option<&'static str>)>> {
    maps.iter()
        .map(|map| {
            let bad = || {
                InputError::new(format!("cannot read --map {map}")).at("--map").hint(format!(
                    "write COLUMN=FIELD with a field among: {}, or ignore",
                    ENTRY_FIELDS.join(", ")
                ))
            };
            let (column, field) = map.split_once('=').ok_or_else(bad)?;
            if field.trim() == "ignore" {
                return Ok((normalise(column), None));
            }
            let field = ENTRY_FIELDS.iter().find(|f| **f == normalise(field)).ok_or_else(bad)?;
            Ok((normalise(column), Some(*field)))
        })
        .collect()
}

/// The column `claims extract` writes beside the fields: no field, but a
/// hint when the row's metric is missing.
const METRIC_HINT: &str = "metric_hint";

/// Maps every column of the header, or says which are unknown or missing;
/// a field in `defaulted` (given by a flag) may be missing.
pub fn map_header(
    file: &str,
    header: &[String],
    maps: &[(String, Option<&'static str>)],
    ignore_unknown: bool,
    defaulted: &[&str],
) -> Result<Columns> {
    let mut fields = Vec::with_capacity(header.len());
    let mut unknown = Vec::new();
    let mut metric_hint = None;
    let has_uid_of = |reference: &str| header.iter().any(|h| normalise(h) == format!("{reference}_uid"));
    for (index, name) in header.iter().enumerate() {
        let mapped = maps.iter().find(|(column, _)| *column == normalise(name));
        let field = match mapped {
            Some((_, field)) => *field,
            None if normalise(name) == METRIC_HINT => {
                metric_hint = Some(index);
                None
            }
            // the figure the tool read from the value, and an export's
            // ids beside the uids it reads: derived, never read back
            None if normalise(name).starts_with("figure_") => None,
            None if REFERENCES.contains(&normalise(name).as_str()) && has_uid_of(&normalise(name)) => None,
            None => match field_named(name) {
                // what the tool derives is never read back
                Some(f) if DERIVED_FIELDS.contains(&f) => None,
                Some(f) => Some(f),
                None => {
                    if !ignore_unknown {
                        unknown.push(name.trim().to_string());
                    }
                    None
                }
            },
        };
        if let Some(f) = field {
            if fields.contains(&Some(f)) {
                return Err(InputError::new(format!("two columns hold the field {f}"))
                    .at(format!("{file}:1"))
                    .hint("rename one, or drop it with --map COLUMN=ignore")
                    .into());
            }
        }
        fields.push(field);
    }
    if !unknown.is_empty() {
        return Err(InputError::new(format!("unknown columns: {}", unknown.join(", ")))
            .at(format!("{file}:1"))
            .hint(format!(
                "name them with --map COLUMN=FIELD, or pass --ignore-unknown; the fields are: {}",
                ENTRY_FIELDS.join(", ")
            ))
            .into());
    }
    let columns = Columns { fields, metric_hint };
    let missing: Vec<&str> = ["metric", "value", "as_of"]
        .into_iter()
        .filter(|f| !columns.has(f) && !defaulted.contains(f))
        .collect();
    if !missing.is_empty() {
        return Err(InputError::new(format!("missing required columns: {}", missing.join(", ")))
            .at(format!("{file}:1"))
            .hint("the header must name metric, value and as_of (or map a column with --map COLUMN=FIELD; --metric KEY fills a missing metric)")
            .into());
    }
    Ok(columns)
}
