//! Checking one claim as entered, by `add` or by a row of `import`: every
//! field is read and every problem named, before anything is written.

use crate::context::Context;
use crate::error::InputError;
use crate::figure;
use crate::ledger::{ClaimRef, Ledger, NewClaim, NewDocument, NewSource};
use crate::model::{Metric, ENTRY_FIELDS, SOURCE_KINDS};
use crate::report::estimate::Estimate;
use crate::units::{self, Aliases, Dimension, Unit};
use crate::when::{self, When, WHEN_HINT};
use anyhow::Result;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::rc::Rc;

/// A claim's fields as the user gave them, in the order of
/// `model::ENTRY_FIELDS`; blanks are absent.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimInput {
    values: Vec<Option<String>>,
}

impl Default for ClaimInput {
    fn default() -> Self {
        ClaimInput { values: vec![None; ENTRY_FIELDS.len()] }
    }
}

fn position(field: &str) -> Option<usize> {
    ENTRY_FIELDS.iter().position(|f| *f == field)
}

impl ClaimInput {
    /// Sets a field of `model::ENTRY_FIELDS`; blank text leaves it unset.
    /// Free text is kept byte for byte (a quote's leading space or tab is
    /// part of it); keys, names of a vocabulary, dates and figures are trimmed.
    pub fn set(&mut self, field: &str, value: &str) {
        let value = if FREE_TEXT.contains(&field) { value } else { value.trim() };
        if let (Some(i), false) = (position(field), value.is_empty()) {
            self.values[i] = Some(value.to_string());
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.values[position(field)?].as_deref()
    }

    /// Leaves a field empty.
    pub fn clear(&mut self, field: &str) {
        if let Some(i) = position(field) {
            self.values[i] = None;
        }
    }

    pub fn fields(&self) -> impl Iterator<Item = (&'static str, &str)> {
        ENTRY_FIELDS.iter().zip(&self.values).filter_map(|(f, v)| Some((*f, v.as_deref()?)))
    }

    /// A hash of the content, so that the same row imported twice is
    /// recognised even when it carries no uid.
    pub fn content_hash(&self) -> Vec<u8> {
        let mut hasher = Sha256::new();
        for (field, value) in ENTRY_FIELDS.iter().zip(&self.values) {
            if NOT_CONTENT.contains(field) {
                continue;
            }
            hasher.update(field.as_bytes());
            hasher.update([0]);
            hasher.update(value.as_deref().unwrap_or("").as_bytes());
            hasher.update([0]);
        }
        let digest = hasher.finalize();
        digest[..16].to_vec()
    }
}

/// Fields of free text, stored exactly as given.
const FREE_TEXT: &[&str] =
    &["metric_label", "source", "affiliation", "doc_title", "publisher", "quote", "place", "note", "reason"];

/// Fields that say who entered a claim, or what its metric is, not what
/// the claim says.
const NOT_CONTENT: &[&str] = &[
    "uid",
    "entered_by",
    "entered_at",
    "metric_label",
    "metric_kind",
    "metric_unit",
    "unit_same_as",
    "status_at",
    "status_by",
    "status_history",
    "metric_part_of",
    "metric_retired_at",
    "metric_old_keys",
];

/// A checked claim and what must be linked once every row is written.
#[derive(Debug, Clone)]
pub struct Checked {
    pub claim: NewClaim,
    pub superseded_by: Option<String>,
    /// When and by whom the claim's status was given (`status_at`,
    /// `status_by`): the import enters it active and gives it its status
    /// then, so that its audit log says what the exported one did.
    pub status_change: Option<StatusChange>,
}

/// A status given at a moment, by someone.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusChange {
    pub at: String,
    pub by: Option<String>,
}

/// Checks claims against one ledger, remembering its metrics and aliases.
pub struct Checker<'a> {
    ledger: &'a Ledger,
    ctx: &'a Context,
    metrics: HashMap<String, Option<Rc<Metric>>>,
    aliases: Aliases,
    /// Units already read: the same few spellings come on every row.
    units: std::cell::RefCell<HashMap<String, std::result::Result<Unit, units::UnitError>>>,
    now: String,
    uids: Uids,
    /// How to read `12/11/2024` (`--date-format`).
    date_format: Option<when::DayOrder>,
}

/// UUIDv7 uids for new claims: the context's time, then random bits drawn
/// once and counted up, so uids stay in the order the claims were entered.
/// What it buys over `Uuid::now_v7` (which draws fresh random bits for each
/// uid): 1.0 s per million uids against 0.05 s (measured 2026-12-02, about
/// 6% of a million-row load), and the time `CLAIMS_NOW` pins.
struct Uids {
    millis: u64,
    random: std::cell::Cell<u128>,
}

impl Uids {
    fn new(ctx: &Context) -> Self {
        let seed = uuid::Uuid::now_v7().as_u128() & ((1u128 << 74) - 1);
        Uids { millis: ctx.now.timestamp_millis().max(0) as u64, random: std::cell::Cell::new(seed) }
    }

    fn next(&self) -> String {
        let random = self.random.get().wrapping_add(1) & ((1u128 << 74) - 1);
        self.random.set(random);
        let bytes = ((random >> 64) as u16).to_be_bytes();
        let mut rest = [0u8; 10];
        rest[..2].copy_from_slice(&bytes);
        rest[2..].copy_from_slice(&(random as u64).to_be_bytes());
        uuid::Builder::from_unix_timestamp_millis(self.millis, &rest).into_uuid().to_string()
    }
}

impl<'a> Checker<'a> {
    pub fn new(ledger: &'a Ledger, ctx: &'a Context) -> Result<Self> {
        Ok(Checker {
            ledger,
            ctx,
            metrics: HashMap::new(),
            aliases: Aliases::new(ledger.unit_aliases()?),
            units: Default::default(),
            now: ctx.timestamp(),
            uids: Uids::new(ctx),
            date_format: None,
        })
    }

    /// Reads `12/11/2024` in this order (`--date-format`); without one it is refused.
    pub fn with_date_format(mut self, order: Option<when::DayOrder>) -> Self {
        self.date_format = order;
        self
    }

    /// Forgets the metrics and aliases it has read: after a row is undone,
    /// what that row declared no longer exists.
    pub fn reload(&mut self) -> Result<()> {
        self.metrics.clear();
        self.aliases = Aliases::new(self.ledger.unit_aliases()?);
        Ok(())
    }

    pub fn metric(&mut self, key: &str) -> Result<Option<Rc<Metric>>> {
        if let Some(known) = self.metrics.get(key) {
            return Ok(known.clone());
        }
        let metric = self.ledger.metric(key)?.map(Rc::new);
        self.metrics.insert(key.to_string(), metric.clone());
        Ok(metric)
    }

    /// Forgets what it knew of a metric (after the import declares it).
    pub fn forget(&mut self, key: &str) {
        self.metrics.remove(key);
    }

    /// Whether two count nouns are the same in this ledger.
    pub fn same_noun(&self, a: &str, b: &str) -> bool {
        self.aliases.same(a, b)
    }

    /// Declares two count nouns the same, in the ledger and here.
    pub fn add_alias(&mut self, noun: &str, same_as: &str) -> Result<()> {
        self.ledger.add_unit_alias(noun, same_as)?;
        self.aliases = Aliases::new(self.ledger.unit_aliases()?);
        Ok(())
    }

    /// Reads every field; returns the claim to write or every problem found.
    pub fn check(&mut self, input: &ClaimInput) -> Result<std::result::Result<Checked, Vec<InputError>>> {
        let mut errors = Vec::new();
        let (input, dates) = self.dates(&mut errors, input);
        let input = input.as_ref();
        let mut claim = NewClaim {
            status: "active".into(),
            entered_at: self.now.clone(),
            entered_by: self.ctx.user.clone(),
            ..Default::default()
        };

        let metric = match input.get("metric") {
            None => {
                errors.push(required("metric", "the metric key, for example kursk.area-held-by-ukraine"));
                None
            }
            Some(key) => match self.metric(key)? {
                Some(m) if m.retired_at.is_some() => {
                    errors.push(
                        InputError::new(format!("the metric {} is retired: it was a mistake", m.key))
                            .field("metric")
                            .hint(format!(
                                "use the right metric, or bring it back: claims metrics unretire {}",
                                m.key
                            )),
                    );
                    None
                }
                Some(m) => Some(m),
                None => {
                    errors.push(self.unknown_metric(key)?);
                    None
                }
            },
        };

        let figure = match input.get("value") {
            None => {
                errors.push(required("value", figure::FIGURE_HINT));
                None
            }
            Some(text) => match figure::parse(text) {
                Ok(f) => Some(f),
                Err(e) => {
                    errors.push(InputError::new(e.to_string()).field("value").hint(figure::FIGURE_HINT));
                    None
                }
            },
        };

        let as_of = match input.get("as_of") {
            None => {
                errors.push(required("as_of", WHEN_HINT));
                None
            }
            Some(_) => dates.as_of,
        };
        let from = dates.from;
        if let (Some(from), Some(as_of)) = (&from, &as_of) {
            if from.start > as_of.end {
                errors.push(
                    InputError::new(format!("from {from} is after as_of {as_of}"))
                        .field("from")
                        .hint("from is the start of the interval the figure covers; as_of its end"),
                );
            }
        }
        let change_of = self.relation(&mut errors, input, "change_of")?;
        let share_of = self.relation(&mut errors, input, "share_of")?;
        if change_of.is_some() && share_of.is_some() {
            errors.push(
                InputError::new("a claim can be a change of one claim or a share of one, not both")
                    .field("share_of"),
            );
        }

        if let (Some(metric), Some(figure)) = (&metric, &figure) {
            match self.unit(input, figure, metric, change_of.as_ref(), share_of.as_ref()) {
                Ok(unit) => {
                    // a relation that is itself wrong is said so; the figure waits for it
                    let percent = self.parse_unit(&unit).is_ok_and(|u| u.dimension == Dimension::Percent);
                    let relation = Relation::of(
                        input.get("change_of").is_some(),
                        input.get("share_of").is_some(),
                        percent,
                    );
                    errors.extend(impossible(
                        input.get("value").unwrap_or_default(),
                        figure,
                        relation,
                        metric,
                    ));
                    claim.unit = unit;
                }
                Err(e) => errors.push(e),
            }
        }

        self.status(&mut errors, input, &mut claim);
        source_and_document(&mut errors, input, &mut claim);
        if !errors.is_empty() {
            return Ok(Err(errors));
        }

        let (metric, figure, as_of) = (metric.unwrap(), figure.unwrap(), as_of.unwrap());
        claim.uid = input.get("uid").map(str::to_string).unwrap_or_else(|| self.uids.next());
        claim.content_hash = input.content_hash();
        claim.metric_id = metric.id;
        claim.value = input.get("value").unwrap_or_default().to_string();
        claim.qualifier = figure.qualifier.as_str().to_string();
        (claim.best, claim.low, claim.high) = (figure.best, figure.low, figure.high);
        claim.as_of = as_of.text.clone();
        claim.as_of_precision = as_of.precision.as_str().into();
        claim.as_of_start = as_of.start.to_string();
        claim.as_of_end = as_of.end.to_string();
        if let Some(from) = from {
            claim.from_date = Some(from.text.clone());
            claim.from_precision = Some(from.precision.as_str().into());
            claim.from_start = Some(from.start.to_string());
        }
        claim.stated = input.get("stated").map(str::to_string);
        claim.quote = input.get("quote").map(str::to_string);
        claim.place = input.get("place").map(str::to_string);
        claim.note = input.get("note").map(str::to_string);
        claim.change_of = change_of.map(|r| r.uid);
        claim.share_of = share_of.map(|r| r.uid);
        if let Some(by) = input.get("entered_by") {
            claim.entered_by = Some(by.to_string());
        }
        if let Some(at) = input.get("entered_at") {
            claim.entered_at = at.to_string();
        }
        let status_change = match (claim.status.as_str(), input.get("status_at")) {
            ("active", _) | (_, None) => None,
            (_, Some(at)) => Some(StatusChange {
                at: crate::cmd::common::moment("status_at", at).unwrap_or_else(|_| at.to_string()),
                by: input.get("status_by").map(str::to_string),
            }),
        };
        Ok(Ok(Checked {
            claim,
            superseded_by: input.get("superseded_by").map(str::to_string),
            status_change,
        }))
    }

    fn unknown_metric(&self, key: &str) -> Result<InputError> {
        let keys: Vec<String> = self.ledger.metric_list()?.into_iter().map(|m| m.key).collect();
        let close = close_matches(key, &keys);
        let hint = if close.is_empty() {
            format!("declare it first: claims metrics add {key} --kind level|cumulative|period --unit UNIT")
        } else {
            format!(
                "did you mean {}? Or declare it: claims metrics add {key} --kind ... --unit ...",
                close.join(", ")
            )
        };
        Ok(InputError::new(format!("unknown metric \"{key}\"")).field("metric").hint(hint))
    }

    /// The claim named by a relation field, which must exist.
    fn relation(
        &self,
        errors: &mut Vec<InputError>,
        input: &ClaimInput,
        field: &'static str,
    ) -> Result<Option<ClaimRef>> {
        let Some(target) = input.get(field) else {
            return Ok(None);
        };
        let found = self.ledger.claim_ref(target.trim_start_matches('#'))?;
        if found.is_none() {
            errors.push(
                InputError::new(format!("there is no claim {target} to be relative to"))
                    .field(field)
                    .hint("give the id or uid of an earlier claim: `claims list` shows them"),
            );
        }
        Ok(found)
    }

    /// The unit the claim is stated in, checked against its metric.
    fn unit(
        &self,
        input: &ClaimInput,
        figure: &figure::Figure,
        metric: &Metric,
        change_of: Option<&ClaimRef>,
        share_of: Option<&ClaimRef>,
    ) -> std::result::Result<String, InputError> {
        let unit_error = |e: units::UnitError| {
            InputError::new(e.to_string()).field("unit").hint(units::known_units_hint())
        };
        let metric_unit = self.parse_unit(&metric.unit).map_err(unit_error)?;
        let written = figure
            .unit
            .as_deref()
            .map(|u| self.parse_unit(u))
            .transpose()
            .map_err(|e| InputError::new(e.to_string()).field("value").hint(units::known_units_hint()))?;
        let given = input.get("unit").map(|u| self.parse_unit(u)).transpose().map_err(unit_error)?;
        let unit = match (written, given) {
            (Some(w), Some(g)) if w.symbol != g.symbol && !self.aliases.same(&w.symbol, &g.symbol) => {
                return Err(InputError::new(format!(
                    "the value is in {} but the unit says {}",
                    w.symbol, g.symbol
                ))
                .field("unit")
                .hint("leave the unit empty when the value names it"));
            }
            (_, Some(g)) => g,
            (Some(w), None) => w,
            (None, None) => metric_unit.clone(),
        };
        let unit = units::on_metric(unit, &metric_unit);
        let relative = change_of.or(share_of);
        if relative.is_none() && (input.get("change_of").is_some() || input.get("share_of").is_some()) {
            // the relation itself is wrong, and said so; the unit waits for it
            return Ok(unit.symbol);
        }
        if let Some(base) = relative {
            self.check_related_metric(
                metric,
                &metric_unit,
                base,
                if change_of.is_some() { "change_of" } else { "share_of" },
            )?;
        }
        if unit.dimension == Dimension::PercentPoints {
            return points(metric, &metric_unit, change_of.is_some()).map(|()| unit.symbol);
        }
        if unit.dimension == Dimension::Percent && metric_unit.dimension != Dimension::Percent {
            if relative.is_some() {
                return Ok(unit.symbol);
            }
            return Err(InputError::new(format!(
                "a figure in % needs a base: the metric {} is in {}",
                metric.key, metric.unit
            ))
            .field("unit")
            .hint(
                "give --share-of ID (\"10% of the deployment\") or --change-of ID (\"lost 40% of that\")",
            ));
        }
        if share_of.is_some() {
            return Err(InputError::new("a share is a percentage of its base claim")
                .field("unit")
                .hint("write the value in %, for example \"almost 10%\""));
        }
        self.convertible(&unit, &metric_unit, metric)?;
        Ok(unit.symbol)
    }

    /// A unit's spelling, read once and then remembered.
    pub fn parse_unit(&self, text: &str) -> std::result::Result<Unit, units::UnitError> {
        let mut known = self.units.borrow_mut();
        known.entry(text.to_string()).or_insert_with(|| units::parse(text)).clone()
    }

    fn convertible(
        &self,
        unit: &Unit,
        metric_unit: &Unit,
        metric: &Metric,
    ) -> std::result::Result<(), InputError> {
        units::conversion(unit, metric_unit, &self.aliases).map(|_| ()).map_err(|e| {
            let hint = match e {
                units::ConvertError::Nouns { ref from, ref to } => format!(
                    "if they are the same thing in this ledger, say so once: claims units alias \"{from}\" \"{to}\""
                ),
                _ => format!("the metric {} is in {}; give a unit convertible to it", metric.key, metric.unit),
            };
            InputError::new(e.to_string()).field("unit").hint(hint)
        })
    }

    /// A relative claim's base must measure something of the same dimension.
    fn check_related_metric(
        &self,
        metric: &Metric,
        metric_unit: &Unit,
        base: &ClaimRef,
        field: &str,
    ) -> std::result::Result<(), InputError> {
        let Ok(base_unit) = units::parse(&base.metric_unit) else {
            return Ok(());
        };
        units::conversion(&base_unit, metric_unit, &self.aliases).map(|_| ()).map_err(|e| {
            InputError::new(format!("claim {} ({}) is of another dimension: {e}", base.id, base.metric))
                .field(field)
                .hint(format!("the base of a {field} must measure what {} measures", metric.key))
        })
    }

    fn status(&self, errors: &mut Vec<InputError>, input: &ClaimInput, claim: &mut NewClaim) {
        let status = input.get("status").unwrap_or("active");
        claim.reason = input.get("reason").map(str::to_string);
        match status {
            "active" => {}
            "retracted" if claim.reason.is_none() => {
                errors.push(InputError::new("a retracted claim needs a reason").field("reason"))
            }
            "superseded" if input.get("superseded_by").is_none() => errors.push(
                InputError::new("a superseded claim needs superseded_by, the uid of its correction")
                    .field("superseded_by"),
            ),
            "retracted" | "superseded" => {}
            other => {
                errors.push(
                    InputError::new(format!("unknown status \"{other}\""))
                        .field("status")
                        .hint("active, retracted or superseded"),
                );
                return;
            }
        }
        if status != "superseded" && input.get("superseded_by").is_some() {
            errors.push(
                InputError::new("superseded_by is set but the status is not superseded").field("status"),
            );
        }
        claim.status = status.to_string();
        // (an active claim may carry one too: the moment it was last changed)
        if let Some(at) =
            input.get("status_at").filter(|at| chrono::DateTime::parse_from_rfc3339(at).is_err())
        {
            errors.push(
                InputError::new(format!("cannot read the moment \"{at}\""))
                    .field("status_at")
                    .hint("a time as export writes it: 2026-11-25T12:00:00Z"),
            );
        }
    }
}

/// A change in percentage points is of a percentage, and relative to one.
fn points(metric: &Metric, metric_unit: &Unit, change: bool) -> std::result::Result<(), InputError> {
    if metric_unit.dimension != Dimension::Percent {
        return Err(InputError::new(format!(
            "percentage points are a change of a percentage, but the metric {} is in {}",
            metric.key, metric.unit
        ))
        .field("unit")
        .hint("a relative change of this metric is in %: \"-40%\""));
    }
    if !change {
        return Err(InputError::new(
            "a figure in percentage points is a change: it needs the percentage it changes",
        )
        .field("unit")
        .hint("give --change-of ID (\"down 5 points from 25%\"), or write the percentage itself in %"));
    }
    Ok(())
}

/// What a figure is, for what it can be: a quantity of its own, a change
/// in percent, a change in the metric's unit (or in points), or a share.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Relation {
    Quantity,
    PercentChange,
    Difference,
    Share,
}

impl Relation {
    /// `percent`: whether the claim's unit is a percentage.
    fn of(change: bool, share: bool, percent: bool) -> Relation {
        match (change, share) {
            (true, _) if percent => Relation::PercentChange,
            (true, _) => Relation::Difference,
            (false, true) => Relation::Share,
            (false, false) => Relation::Quantity,
        }
    }
}

/// A figure that cannot be on its face: every quantity here (an area, a
/// length, a count, a percentage) is at least zero, so a negative one, a
/// fall of more than 100% or a share above the whole is refused.
fn impossible(
    written: &str,
    figure: &figure::Figure,
    relation: Relation,
    metric: &Metric,
) -> Option<InputError> {
    let estimate = Estimate::from_claim(figure.qualifier.as_str(), figure.best, figure.low, figure.high);
    let (why, hint) = match relation {
        Relation::Quantity if estimate.below(0.0) => (
            format!("a figure of {} (in {}) cannot be negative: \"{written}\"", metric.key, metric.unit),
            "a fall is a change: give --change-of ID with the figure it fell from",
        ),
        Relation::PercentChange if estimate.change_factor().below(0.0) => (
            format!("a change of \"{written}\" would leave less than nothing of the figure it changes"),
            "a fall is at most -100% (all of it)",
        ),
        // "more than -40%" may mean a fall of more than 40% or a change above
        // -40%: the two readings point opposite ways, so neither is guessed
        Relation::PercentChange if falls_from_below(figure) => (
            format!(
                "\"{written}\" could be a fall of more than {0}% or a change above -{0}%",
                figure.best.map(|b| crate::output::pretty_number(-b)).unwrap_or_default()
            ),
            "write a fall of more than 40% as \"less than -40%\", a fall of at most 40% as \"-40% to 0%\"",
        ),
        Relation::Share if estimate.below(0.0) => {
            (format!("a share of \"{written}\" is less than nothing"), SHARE_HINT)
        }
        Relation::Share if estimate.above(100.0) => {
            (format!("a share of \"{written}\" is more than the whole"), SHARE_HINT)
        }
        _ => return None,
    };
    Some(InputError::new(why).field("value").hint(hint))
}

/// A fall bounded from below in words ("more than -40%", "at least -40%").
fn falls_from_below(figure: &figure::Figure) -> bool {
    let lower = matches!(figure.qualifier, figure::Qualifier::MoreThan | figure::Qualifier::AtLeast);
    lower && figure.best.is_some_and(|b| b < 0.0)
}

const SHARE_HINT: &str = "a share is between 0% and 100% of its base claim";

fn required(field: &str, hint: &str) -> InputError {
    InputError::new(format!("{field} is required")).field(field).hint(hint)
}

/// The fields that hold a date.
pub const DATE_FIELDS: [&str; 5] = ["as_of", "from", "stated", "published", "retrieved"];

/// The claim's span and the start of its interval, read from the input.
#[derive(Default)]
struct Dates {
    as_of: Option<When>,
    from: Option<When>,
}

impl Checker<'_> {
    /// A date cell as the ledger stores it ("5 May 2021" as 2021-05-05), as [`Self::check`]
    /// reads it: what a row is compared in against the claim it matches.
    pub fn stored_date(&self, text: &str) -> Option<String> {
        when::read_past(text, self.ctx.today(), self.date_format).ok().map(|read| read.when.text)
    }

    /// Reads every date field as people write it and gives the input back
    /// with each in ISO form; the time of a date-time is kept in the note
    /// as "time as stated (FIELD): 14:30:00Z".
    fn dates<'i>(
        &self,
        errors: &mut Vec<InputError>,
        input: &'i ClaimInput,
    ) -> (std::borrow::Cow<'i, ClaimInput>, Dates) {
        let mut input = std::borrow::Cow::Borrowed(input);
        let mut dates = Dates::default();
        for field in DATE_FIELDS {
            let Some(text) = input.get(field) else { continue };
            let read = match when::read_past(text, self.ctx.today(), self.date_format) {
                Ok(read) => read,
                Err(e) => {
                    errors.push(InputError::new(e.to_string()).field(field).hint(e.hint()));
                    continue;
                }
            };
            if read.when.text != text {
                input.to_mut().set(field, &read.when.text);
            }
            if let Some(time) = &read.time {
                let said = format!("time as stated ({field}): {time}");
                let note = match input.get("note") {
                    Some(note) => format!("{note}; {said}"),
                    None => said,
                };
                input.to_mut().set("note", &note);
            }
            match field {
                "as_of" => dates.as_of = Some(read.when),
                "from" => dates.from = Some(read.when),
                _ => {}
            }
        }
        (input, dates)
    }
}

fn source_and_document(errors: &mut Vec<InputError>, input: &ClaimInput, claim: &mut NewClaim) {
    if let Some(kind) = input.get("source_kind") {
        if !SOURCE_KINDS.contains(&kind) {
            errors.push(
                InputError::new(format!("unknown source kind \"{kind}\""))
                    .field("source_kind")
                    .hint(SOURCE_KINDS.join(", ")),
            );
        }
    }
    let source_fields = ["source_kind", "affiliation"];
    match input.get("source") {
        Some(name) => {
            claim.source = Some(NewSource {
                name: name.to_string(),
                kind: input.get("source_kind").map(str::to_string),
                affiliation: input.get("affiliation").map(str::to_string),
            })
        }
        None => {
            if let Some(field) = source_fields.iter().find(|f| input.get(f).is_some()) {
                errors.push(InputError::new(format!("{field} is given without a source")).field("source"));
            }
        }
    }
    let doc = NewDocument {
        url: input.get("doc_url").map(str::to_string),
        title: input.get("doc_title").map(str::to_string),
        publisher: input.get("publisher").map(str::to_string),
        published: input.get("published").map(str::to_string),
        retrieved: input.get("retrieved").map(str::to_string),
    };
    if doc.url.is_some() || doc.title.is_some() {
        claim.document = Some(doc);
    } else if doc.publisher.is_some() || doc.published.is_some() || doc.retrieved.is_some() {
        errors.push(
            InputError::new("a document needs a doc_url or a doc_title")
                .field("doc_url")
                .hint("give the URL of the article, or its title when it has none"),
        );
    }
}

/// Keys close to a mistyped one, best first.
pub fn close_matches(key: &str, keys: &[String]) -> Vec<String> {
    let mut scored: Vec<(f64, &String)> = keys
        .iter()
        .map(|k| (strsim::jaro_winkler(key, k), k))
        .filter(|(score, k)| *score > 0.8 || k.contains(key) || key.contains(k.as_str()))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(3).map(|(_, k)| k.clone()).collect()
}

/// Keys are stable names: no spaces or capitals that would split a series.
pub fn check_metric_key(key: &str) -> std::result::Result<(), InputError> {
    let ok = key.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if ok {
        Ok(())
    } else {
        Err(InputError::new(format!("\"{key}\" is not a metric key"))
            .hint("use lower-case letters, digits, dots and dashes: kursk.area-held-by-ukraine"))
    }
}
