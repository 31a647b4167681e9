//! The timeline of one metric: every active claim in time order, relative
//! claims resolved into figures of the metric, the change from one figure
//! to the next, and the places where sources disagree.
//!
//! Time rules: a claim applies to its `as_of` at its precision (`2024-08`
//! is 1–31 August) or to its `from`..`as_of` interval. Entries are sorted by
//! the first day they cover, then the last, then entry order. A claim
//! applies "at or before" a date D when its span begins on or before the
//! last day of D; the figure at D is the latest such claim.

use super::estimate::{Estimate, Written};
use super::rules::{self, conflicts, Relative, Span};
use super::series::{self, Standing};
use crate::error::InputError;
use crate::ledger::{Detail, Ledger};
use crate::model::{Claim, Metric};
use crate::units::{self, Aliases, Conversions, Unit};
use anyhow::Result;
use std::collections::HashMap;

/// How a derived figure was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    pub arithmetic: String,
    /// Every claim the figure rests on, this one first.
    pub claims: Vec<i64>,
    /// For a change of a claim: the change it states on its base, and in
    /// percent (what the timeline shows as its change from that base).
    pub stated_change: Option<(Estimate, Option<Estimate>)>,
}

/// One row of a timeline.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The claim shown: for an implied base, the figure it was implied from.
    /// (Boxed: entries are sorted, and a claim is large.)
    pub claim: Box<Claim>,
    /// The claim's words read as a figure, once: its estimate and the
    /// stated column both need them (`records::stated_as`).
    pub written: Option<Written>,
    pub start: String,
    pub end: String,
    /// The figure in the report's unit; none when it cannot be resolved.
    pub estimate: Option<Estimate>,
    /// (Boxed: most figures are stated, not derived, and an entry is
    /// moved as it is read and sorted.)
    pub derived: Option<Box<Derivation>>,
    /// Why the figure could not be resolved.
    pub unresolved: Option<String>,
    pub disagrees_with: Vec<i64>,
    /// The change from the same source's previous figure (`series`).
    pub change: Option<Change>,
    /// For a figure with no earlier one of its source: how it stands
    /// against the other sources' figures for its span.
    pub standing: Option<Standing>,
    /// Derived, while its source stated a figure for the same span.
    pub outranked: bool,
}

impl Entry {
    pub fn unsourced(&self) -> bool {
        self.claim.source.is_none() && self.claim.detail.document_id.is_none()
    }

    /// Every claim the figure rests on.
    pub fn claim_ids(&self) -> Vec<i64> {
        match &self.derived {
            Some(d) => d.claims.clone(),
            None => vec![self.claim.id],
        }
    }

    /// "2024-08", or "2024-12-21..2024-12-27" for an interval.
    pub fn when(&self) -> String {
        match &self.claim.from {
            Some(from) => format!("{from}..{}", self.claim.as_of),
            None => self.claim.as_of.clone(),
        }
    }

    pub fn source_name(&self) -> &str {
        self.claim.source.as_deref().unwrap_or("(unsourced)")
    }
}

/// A change between two figures, absolute and in percent of the first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub absolute: Estimate,
    pub percent: Option<Estimate>,
    pub from_id: i64,
    /// The same span stated again by the same source, rather than a later span.
    pub revision: bool,
}

impl Change {
    pub fn between(from: &Estimate, to: &Estimate, from_id: i64) -> Change {
        let absolute = *to - *from;
        let percent = absolute.percent_of(from);
        Change { absolute, percent, from_id, revision: false }
    }

    /// From the figure `from` (claim `from_id`) to `to`: the change `to`
    /// states when it is a change of that very claim, else the difference.
    pub fn to_entry(from: &Estimate, from_id: i64, to: &Entry) -> Change {
        let stated = to.derived.as_ref().filter(|d| d.claims.get(1) == Some(&from_id));
        match stated.and_then(|d| d.stated_change) {
            Some((absolute, percent)) => Change { absolute, percent, from_id, revision: false },
            None => Change::between(from, &to.estimate.unwrap_or_default(), from_id),
        }
    }

    /// "about -152 sq mi (about -40%)", "+31 km² (+2%)": a rise carries its sign.
    pub fn describe(&self, unit: &str) -> String {
        let mut text = String::new();
        if self.revision {
            text.push_str("revised ");
        }
        text.push_str(&signed(&self.absolute, units::difference_unit(unit)));
        if let Some(p) = &self.percent {
            text.push_str(" (");
            text.push_str(&signed(p, "%"));
            text.push(')');
        }
        text
    }
}

/// A change in words with a `+` before its first number when it is a rise.
fn signed(change: &Estimate, unit: &str) -> String {
    let mut text = change.describe(unit);
    // a rise only when it is known to be one: "less than 2,000" may be a fall
    let rise = match (change.low, change.high) {
        (Some(low), _) => low > 0.0,
        (None, None) => change.best.is_some_and(|v| v > 0.0),
        (None, Some(_)) => false,
    };
    if let (true, Some(at)) = (rise, text.find(|c: char| c.is_ascii_digit())) {
        text.insert(at, '+');
    }
    text
}

/// A metric's timeline in one unit.
pub struct Timeline {
    pub metric: Metric,
    pub unit: String,
    pub entries: Vec<Entry>,
}

/// What resolving needs: the ledger, conversions to the target unit (as
/// written, and read), claims already read.
struct Resolver<'a> {
    ledger: &'a Ledger,
    conversions: Conversions,
    target_text: &'a str,
    target: Unit,
    cache: HashMap<i64, Claim>,
}

impl Resolver<'_> {
    fn claim(&mut self, id: i64) -> Result<Claim> {
        if !self.cache.contains_key(&id) {
            let claim = self.ledger.claim(id)?.ok_or_else(|| anyhow::anyhow!("claim {id} is missing"))?;
            self.cache.insert(id, claim);
        }
        Ok(self.cache[&id].clone())
    }

    /// A claim's figure in the target unit, following relations.
    fn resolve(
        &mut self,
        claim: &Claim,
        written: Option<Written>,
        depth: usize,
    ) -> Result<std::result::Result<(Estimate, Option<Derivation>), String>> {
        if depth > 16 {
            return Ok(Err("relations nest too deep".into()));
        }
        let own = Estimate::as_written(&claim.qualifier, claim.best, claim.low, claim.high, written);
        let relation =
            claim.detail.change_of_id.map(|id| (id, true)).or(claim.detail.share_of_id.map(|id| (id, false)));
        let Some((base_id, is_change)) = relation else {
            return Ok(self.convert(&claim.unit, own).map(|e| (e, None)));
        };
        // a corrected base speaks through its correction; a retracted one not at all
        let base_id = *self.ledger.lineage(base_id)?.last().unwrap_or(&base_id);
        let base = self.claim(base_id)?;
        if base.status == "retracted" {
            return Ok(Err(format!("its base #{base_id} is retracted")));
        }
        let (base_estimate, base_derivation) =
            match self.resolve(&base, Written::of(&base.value), depth + 1)? {
                Ok(resolved) => resolved,
                Err(why) => return Ok(Err(format!("its base #{base_id} cannot be resolved: {why}"))),
            };
        let target = self.target_text.to_string();
        let conversions = &mut self.conversions;
        let to_base = |e: Estimate| conversions.factor(&claim.unit, &target).map(|f| e.scale(f));
        let relative = match Relative::read(is_change, own, &claim.unit, to_base) {
            Ok(r) => r,
            Err(why) => return Ok(Err(why)),
        };
        let estimate = relative.apply(base_estimate);
        let base_words = base_estimate.describe(&self.target.symbol);
        let arithmetic = match relative {
            Relative::Percent(_) => format!("#{base_id} {base_words} × {}", own.factor_words()),
            Relative::Amount(_) => format!("#{base_id} {base_words} {}", signed_term(&claim.value)),
            Relative::Share(_) => format!("{} of #{base_id} {base_words}", claim.value),
        };
        if rules::impossible(&estimate) {
            let result = estimate.describe(&self.target.symbol);
            return Ok(Err(format!("impossible: {arithmetic} is {result}, less than nothing")));
        }
        let mut claims = vec![claim.id];
        claims.extend(base_derivation.map(|d| d.claims).unwrap_or_else(|| vec![base_id]));
        let stated_change = relative.change_on(base_estimate);
        Ok(Ok((estimate, Some(Derivation { arithmetic, claims, stated_change }))))
    }

    fn convert(&mut self, unit: &str, estimate: Estimate) -> std::result::Result<Estimate, String> {
        self.conversions.factor(unit, self.target_text).map(|f| estimate.scale(f))
    }
}

/// Builds the timeline of a metric, in its unit or in `unit`.
pub fn build(ledger: &Ledger, key: &str, unit: Option<&str>) -> Result<Timeline> {
    build_with(ledger, key, unit, false, Detail::Full, true)
}

/// The same timeline with only the figures, dates and sources of its
/// claims (no uid, quote or document): what a table of it shows.
pub fn build_figures(ledger: &Ledger, key: &str, unit: Option<&str>) -> Result<Timeline> {
    build_with(ledger, key, unit, false, Detail::Figures, true)
}

/// The figures `change` chooses among: as `build_figures`, without what
/// only a timeline's rows show and choosing never reads (each figure's
/// change from the one before, its standing, its disagreements): 8% of
/// `change`'s instructions.
pub fn figures_to_choose(ledger: &Ledger, key: &str, unit: Option<&str>) -> Result<Timeline> {
    build_with(ledger, key, unit, false, Detail::Figures, false)
}

/// Only the end of a metric's timeline: the figures that no other comes
/// after (`Timeline::latest_span`), read without reading the rest.
pub fn latest(ledger: &Ledger, key: &str) -> Result<Timeline> {
    build_with(ledger, key, None, true, Detail::Full, true)
}

fn build_with(
    ledger: &Ledger,
    key: &str,
    unit: Option<&str>,
    latest_only: bool,
    detail: Detail,
    judged: bool,
) -> Result<Timeline> {
    let metric = known_metric(ledger, key)?;
    let metric_unit = units::parse(&metric.unit)?;
    let aliases = Aliases::new(ledger.unit_aliases()?);
    let target = match unit {
        None => metric_unit,
        Some(text) => {
            let target = units::parse(text)
                .map_err(|e| InputError::new(e.to_string()).at("--unit").hint(units::known_units_hint()))?;
            units::conversion(&metric_unit, &target, &aliases).map_err(|e| {
                InputError::new(format!("the metric {key} cannot be shown in {}: {e}", target.symbol))
                    .at("--unit")
            })?;
            target
        }
    };
    let mut resolver = Resolver {
        ledger,
        conversions: Conversions::new(aliases),
        target_text: unit.unwrap_or(&metric.unit),
        target: target.clone(),
        cache: HashMap::new(),
    };
    let mut entries = Vec::new();
    ledger.for_each_metric_claim(metric.id, latest_only, detail, |claim| {
        entries.push(entry(&mut resolver, claim)?);
        Ok(())
    })?;
    let implied = implied_bases(&mut resolver, &metric)?;
    // the latest first day of what was read (of its `as_of`, as the query reads it)
    let last_start = entries.iter().map(|e: &Entry| e.claim.detail.as_of_start.as_str()).max();
    let last_start = last_start.unwrap_or_default().to_string();
    if latest_only && !entries.iter().any(|e| e.estimate.is_some() && e.start == last_start) {
        // the latest claims are intervals that begin earlier, or cannot be
        // resolved: the latest figures are found among all of them
        return build_with(ledger, key, unit, false, detail, judged);
    }
    entries.extend(implied.into_iter().filter(|e| !latest_only || !rules::in_order(&e.end, &last_start)));
    let mut entries = sorted(entries);
    let period = metric.kind == crate::model::MetricKind::Period;
    if judged {
        series::mark(&mut entries, period);
        mark_disagreements(&mut entries, period);
    } else {
        series::mark_outranked(&mut entries);
    }
    Ok(Timeline { metric, unit: target.symbol, entries })
}

/// Entries by their first day, then their last, then claim: a stable sort
/// of their indices, each entry then moved once (entries are large: moving
/// them in the sort was a sixteenth of a timeline's instructions).
fn sorted(entries: Vec<Entry>) -> Vec<Entry> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    let key = |i: usize| (&entries[i].start, &entries[i].end, entries[i].claim.id);
    order.sort_by(|&a, &b| key(a).cmp(&key(b)));
    let mut slots: Vec<Option<Entry>> = entries.into_iter().map(Some).collect();
    order.into_iter().map(|i| slots[i].take().expect("each index once")).collect()
}

/// The metric a report is asked for; a retired or renamed one is
/// reported, with a note on standard error saying so.
pub fn known_metric(ledger: &Ledger, key: &str) -> Result<Metric> {
    match ledger.metric(key)? {
        Some(m) => {
            if m.key != key {
                eprintln!("claims: note: the metric {key} was renamed {}", m.key);
            }
            if let Some(at) = &m.retired_at {
                eprintln!(
                    "claims: note: the metric {} was retired on {at} as a mistake; its claims are shown as kept",
                    m.key
                );
            }
            Ok(m)
        }
        None => {
            let keys: Vec<String> = ledger.metric_list()?.into_iter().map(|m| m.key).collect();
            let close = crate::entry::close_matches(key, &keys);
            let hint = if close.is_empty() {
                "`claims metrics` lists them".to_string()
            } else {
                format!("did you mean {}?", close.join(", "))
            };
            Err(InputError::new(format!("unknown metric \"{key}\"")).hint(hint).into())
        }
    }
}

fn entry(resolver: &mut Resolver, mut claim: Claim) -> Result<Entry> {
    let written = Written::of(&claim.value);
    let (estimate, derived, unresolved) = match resolver.resolve(&claim, written, 0)? {
        Ok((e, d)) => (Some(e), d.map(Box::new), None),
        Err(why) => (None, None, Some(why)),
    };
    // the span's days moved into the entry, not copied: nothing reads them
    // from its claim again (`as_of_start` stays, for the latest first day)
    Ok(Entry {
        start: claim.detail.from_start.take().unwrap_or_else(|| claim.detail.as_of_start.clone()),
        end: std::mem::take(&mut claim.detail.as_of_end),
        claim: Box::new(claim),
        written,
        estimate,
        derived,
        unresolved,
        disagrees_with: Vec::new(),
        change: None,
        standing: None,
        outranked: false,
    })
}

/// "More than 1,000 killed is almost 10% of the deployment": with the share
/// and the absolute figure said together (same metric, source and date),
/// the deployment they imply is more than about 10,000.
fn implied_bases(resolver: &mut Resolver, metric: &Metric) -> Result<Vec<Entry>> {
    let mut implied = Vec::new();
    for share in resolver.ledger.shares_of_metric(metric.id)? {
        for part in resolver.ledger.siblings(share.id)? {
            let written = Written::of(&part.value);
            let Ok((part_estimate, _)) = resolver.resolve(&part, written, 0)? else { continue };
            let share_estimate =
                Estimate::of_claim(&share.qualifier, share.best, share.low, share.high, &share.value);
            let estimate = Relative::Share(share_estimate).base_of(part_estimate);
            let base_id = share.detail.share_of_id.unwrap_or_default();
            let arithmetic = format!(
                "#{} {} ÷ #{} {} (implied base of #{base_id})",
                part.id, part.value, share.id, share.value
            );
            implied.push(Entry {
                start: part.detail.from_start.clone().unwrap_or_else(|| part.detail.as_of_start.clone()),
                end: part.detail.as_of_end.clone(),
                estimate: Some(estimate),
                derived: Some(Box::new(Derivation {
                    arithmetic,
                    claims: vec![part.id, share.id],
                    stated_change: None,
                })),
                unresolved: None,
                disagrees_with: Vec::new(),
                change: None,
                standing: None,
                outranked: false,
                claim: Box::new(part),
                written,
            });
        }
    }
    Ok(implied)
}

fn mark_disagreements(entries: &mut [Entry], same_span_only: bool) {
    let spans: Vec<Span> = entries
        .iter()
        .map(|e| Span {
            start: &e.start,
            end: &e.end,
            source: e.claim.source.as_deref(),
            estimate: e.estimate,
        })
        .collect();
    for (i, j) in conflicts(&spans, same_span_only) {
        let (a, b) = (entries[i].claim.id, entries[j].claim.id);
        entries[i].disagrees_with.push(b);
        entries[j].disagrees_with.push(a);
    }
}

/// A change's words as a term of a sum: "+179" is "+ 179", "-50" is "− 50",
/// "another 179" is "+ another 179".
fn signed_term(value: &str) -> String {
    let value = value.trim();
    match value.chars().next() {
        Some('+') => format!("+ {}", value[1..].trim_start()),
        Some(c @ ('-' | '−')) => format!("− {}", value[c.len_utf8()..].trim_start()),
        _ => format!("+ {value}"),
    }
}
