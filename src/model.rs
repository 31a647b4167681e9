//! Plain data: metrics, sources, claims as the ledger holds them.

use serde::Serialize;

/// What a metric counts over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum MetricKind {
    /// A quantity at a moment (territory held, troops deployed).
    Level,
    /// A running total that should never go down (killed since the start).
    Cumulative,
    /// An amount during an interval (killed during one week).
    Period,
}

impl MetricKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MetricKind::Level => "level",
            MetricKind::Cumulative => "cumulative",
            MetricKind::Period => "period",
        }
    }

    pub fn parse(text: &str) -> Option<MetricKind> {
        match text {
            "level" => Some(MetricKind::Level),
            "cumulative" => Some(MetricKind::Cumulative),
            "period" => Some(MetricKind::Period),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    #[serde(skip)]
    pub id: i64,
    pub key: String,
    pub label: Option<String>,
    pub kind: MetricKind,
    pub unit: String,
    pub claims: i64,
    pub first: Option<String>,
    pub last: Option<String>,
    /// For a period metric: the cumulative metric that totals it.
    pub part_of: Option<String>,
    /// When it was retired as a mistake (`claims metrics retire`).
    pub retired_at: Option<String>,
}

/// The kinds of claimant a source can be.
pub const SOURCE_KINDS: &[&str] =
    &["person", "office", "agency", "outlet", "government", "military", "organisation", "other"];

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub name: String,
    pub kind: Option<String>,
    pub affiliation: Option<String>,
    pub claims: i64,
    pub metrics: i64,
    pub last_stated: Option<String>,
    /// Other spellings merged into it (`claims sources merge`), "; " between.
    pub also_named: Option<String>,
}

/// One claim with its metric, source and document, in the field names of
/// DESIGN.md. Relations are given by uid so that exports re-import.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Claim {
    pub id: i64,
    pub uid: String,
    pub metric: String,
    pub metric_label: Option<String>,
    pub metric_kind: String,
    pub metric_unit: String,
    pub value: String,
    pub unit: String,
    pub as_of: String,
    pub from: Option<String>,
    pub stated: Option<String>,
    pub source: Option<String>,
    pub source_kind: Option<String>,
    pub affiliation: Option<String>,
    pub doc_url: Option<String>,
    pub doc_title: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub retrieved: Option<String>,
    pub quote: Option<String>,
    pub place: Option<String>,
    pub note: Option<String>,
    pub change_of: Option<String>,
    pub share_of: Option<String>,
    pub status: String,
    pub reason: Option<String>,
    pub superseded_by: Option<String>,
    /// When the claim took its status, and who gave it: the newest entry of
    /// its audit log (none while it has the status it was entered with).
    pub status_at: Option<String>,
    pub status_by: Option<String>,
    pub entered_by: Option<String>,
    pub entered_at: String,
    pub qualifier: String,
    pub best: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    #[serde(skip)]
    pub detail: ClaimDetail,
}

/// What the ledger knows of a claim beyond its fields: used by `show` and
/// the reports, not exported.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimDetail {
    pub as_of_precision: String,
    pub as_of_start: String,
    pub as_of_end: String,
    pub from_start: Option<String>,
    pub change_of_id: Option<i64>,
    pub share_of_id: Option<i64>,
    pub superseded_by_id: Option<i64>,
    pub batch: Option<String>,
    pub batch_id: Option<i64>,
    pub batch_line: Option<i64>,
    pub document_id: Option<i64>,
    /// The source as entered, before any merge.
    pub source_id: Option<i64>,
    pub metric_id: i64,
}

/// The fields a claim is entered with, in export order: the CSV header, the
/// JSON keys and the `add` flags all use these names.
pub const ENTRY_FIELDS: &[&str] = &[
    "uid",
    "metric",
    "metric_label",
    "metric_kind",
    "metric_unit",
    "value",
    "unit",
    "unit_same_as",
    "as_of",
    "from",
    "stated",
    "source",
    "source_kind",
    "affiliation",
    "doc_url",
    "doc_title",
    "publisher",
    "published",
    "retrieved",
    "quote",
    "place",
    "note",
    "change_of",
    "share_of",
    "status",
    "reason",
    "superseded_by",
    "status_at",
    "status_by",
    "entered_by",
    "entered_at",
    "metric_part_of",
    "metric_retired_at",
    "metric_old_keys",
    "status_history",
];

/// The fields that say when and by whom a claim's status was given: its
/// history, not its content (an import replays them into the audit log).
pub const STATUS_CHANGE_FIELDS: &[&str] = &["status_at", "status_by", "status_history"];

/// What the tool derives and prints beside the entered fields; ignored when
/// read back in.
pub const DERIVED_FIELDS: &[&str] = &["id", "qualifier", "best", "low", "high"];
