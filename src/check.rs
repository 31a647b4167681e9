//! `claims check`: contradictions and suspicious figures, found in one pass
//! over the ledger (one streamed query, then per-metric work in memory).

use crate::ledger::{CheckRow, Ledger};
use crate::output::{first_few, pretty_number};
use crate::report::estimate::Estimate;
use crate::report::rules::{self, conflicts, Fall, Relative, Span};
use crate::units::{self, Aliases, Conversions, Dimension};
use crate::when;
use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Finding {
    pub check: &'static str,
    /// How much it matters: `severity` says, and `--strict` fails on the serious.
    pub severity: &'static str,
    pub claims: Vec<i64>,
    pub metric: String,
    pub reason: String,
}

/// The severity of each check, the serious first.
const SEVERITIES: &[(&str, &str)] = &[
    ("disagreement", "contradiction"),
    ("self-contradiction", "contradiction"),
    ("implied-base", "contradiction"),
    ("cumulative-decrease", "contradiction"),
    ("period-exceeds-total", "impossible"),
    ("impossible-change", "impossible"),
    ("unit", "impossible"),
    ("revised-down", "revision"),
    ("unsourced", "unsourced"),
    ("future", "suspicious"),
    ("stated-before", "suspicious"),
];

/// The severities `check --strict` fails on.
pub const SERIOUS: &[&str] = &["contradiction", "impossible"];

fn severity(check: &str) -> &'static str {
    SEVERITIES.iter().find(|(c, _)| *c == check).map_or("suspicious", |(_, s)| s)
}

impl Finding {
    pub fn serious(&self) -> bool {
        SERIOUS.contains(&self.severity)
    }
}

/// (metric, source, as_of, from): figures said together.
type SiblingKey = (i64, Option<i64>, String, Option<String>);

/// What the per-metric pass keeps for the checks that span metrics.
#[derive(Default)]
struct Carry {
    /// Claims a relative claim rests on or stands beside, by id.
    wanted: HashSet<i64>,
    kept: HashMap<i64, (CheckRow, Option<Estimate>)>,
    /// (metric, source, as_of, from) of every relative claim.
    sibling_keys: HashSet<SiblingKey>,
    siblings: HashMap<SiblingKey, Vec<(CheckRow, Estimate)>>,
    /// Cumulative metrics that total a period metric: (start, high, id).
    totals: HashMap<i64, Vec<(String, Option<f64>, i64)>>,
    periods: Vec<(CheckRow, Estimate)>,
}

/// The claims a check passed over: those of retired metrics (a mistaken
/// key is not a series to check).
#[derive(Debug, Default)]
pub struct Skipped {
    pub claims: usize,
    pub metrics: Vec<String>,
}

/// Every finding, in one list (for the formats that show them all at once).
pub fn run(ledger: &Ledger, today: NaiveDate) -> Result<(Vec<Finding>, Skipped)> {
    let mut all = Vec::new();
    let skipped = run_each(ledger, today, &mut |f| {
        all.push(f);
        Ok(())
    })?;
    all.sort_by(|a, b| (a.check, &a.claims).cmp(&(b.check, &b.claims)));
    Ok((all, skipped))
}

/// Hands each finding to `emit` as soon as its metric is checked, so that
/// a ledger of a million claims is checked in flat memory.
pub fn run_each(
    ledger: &Ledger,
    today: NaiveDate,
    emit: &mut dyn FnMut(Finding) -> Result<()>,
) -> Result<Skipped> {
    let retired: HashMap<i64, String> = ledger.retired_metrics()?.into_iter().collect();
    let mut skipped = Skipped::default();
    let mut relative = ledger.relative_check_rows()?;
    relative.retain(|r| !retired.contains_key(&r.metric_id));
    let mut carry = Carry::default();
    for r in &relative {
        carry.wanted.extend(r.change_of.iter().chain(r.share_of.iter()));
        carry.sibling_keys.insert(sibling_key(r));
    }
    for metric in ledger.metric_list()? {
        if let Some(total) = ledger.metric_part_of(metric.id)? {
            carry.totals.entry(total).or_default();
        }
    }
    let mut conversions = Conversions::new(Aliases::new(ledger.unit_aliases()?));
    ledger.for_each_metric_rows(|mut group| {
        if let Some(key) = group.first().and_then(|r| retired.get(&r.metric_id)) {
            skipped.claims += group.len();
            skipped.metrics.push(key.clone());
            return Ok(());
        }
        // rows come by first day; each day's few are put in time order
        for day in group.chunk_by_mut(|a, b| a.start == b.start) {
            day.sort_by(|a, b| (&a.end, a.id).cmp(&(&b.end, b.id)));
        }
        let mut findings = Vec::new();
        check_metric(&group, today, &mut conversions, &mut carry, &mut findings);
        emit_sorted(findings, emit)
    })?;
    let mut findings = Vec::new();
    implied_bases(ledger, &relative, &mut conversions, &mut carry, &mut findings)?;
    impossible_changes(&relative, &carry, &mut conversions, &mut findings);
    periods_within_totals(&carry, &mut findings);
    emit_sorted(findings, emit)?;
    skipped.metrics.sort();
    Ok(skipped)
}

fn emit_sorted(mut findings: Vec<Finding>, emit: &mut dyn FnMut(Finding) -> Result<()>) -> Result<()> {
    findings.sort_by(|a, b| (a.check, &a.claims).cmp(&(b.check, &b.claims)));
    findings.into_iter().try_for_each(emit)
}

fn sibling_key(row: &CheckRow) -> SiblingKey {
    (row.metric_id, row.source_id, row.as_of.clone(), row.from.clone())
}

fn is_relative(row: &CheckRow) -> bool {
    row.change_of.is_some() || row.share_of.is_some()
}

/// A claim's own figure in its metric's unit, or why it cannot be read so.
fn in_metric_unit(row: &CheckRow, conversions: &mut Conversions) -> std::result::Result<Estimate, String> {
    let own = row.figure;
    conversions.factor(&row.unit, &row.metric_unit).map(|f| own.scale(f))
}

/// A relative claim's figure as the rules read it, against a base in `base_unit`.
fn relation_of(row: &CheckRow, base_unit: &str, conversions: &mut Conversions) -> Option<Relative> {
    let to_base = |e: Estimate| conversions.factor(&row.unit, base_unit).map(|f| e.scale(f));
    Relative::read(row.change_of.is_some(), row.figure, &row.unit, to_base).ok()
}

fn finding(check: &'static str, claims: Vec<i64>, row: &CheckRow, reason: String) -> Finding {
    Finding { check, severity: severity(check), claims, metric: row.metric.to_string(), reason }
}

fn check_metric(
    rows: &[CheckRow],
    today: NaiveDate,
    conversions: &mut Conversions,
    carry: &mut Carry,
    findings: &mut Vec<Finding>,
) {
    let Some(first) = rows.first() else { return };
    let (kind, unit) = (&*first.metric_kind, &*first.metric_unit);
    let mut figures: Vec<(&CheckRow, Estimate)> = Vec::new();
    let today_text = today.to_string();
    for row in rows {
        single_claim_checks(row, today, &today_text, findings);
        let estimate = if is_relative(row) {
            let percent = matches!(units::parse(&row.unit), Ok(u) if u.dimension == Dimension::Percent);
            if !percent {
                if let Err(why) = in_metric_unit(row, conversions) {
                    findings.push(finding("unit", vec![row.id], row, why));
                }
            }
            None
        } else {
            match in_metric_unit(row, conversions) {
                Ok(e) => Some(e),
                Err(why) => {
                    findings.push(finding("unit", vec![row.id], row, why));
                    None
                }
            }
        };
        if carry.wanted.contains(&row.id) {
            carry.kept.insert(row.id, (row.clone(), estimate));
        }
        if let Some(e) = estimate {
            if carry.sibling_keys.contains(&sibling_key(row)) {
                carry.siblings.entry(sibling_key(row)).or_default().push((row.clone(), e));
            }
            if let Some(total) = carry.totals.get_mut(&row.metric_id) {
                total.push((row.start.clone(), e.high, row.id));
            }
            if row.part_of.is_some() && kind == "period" {
                carry.periods.push((row.clone(), e));
            }
            figures.push((row, e));
        }
    }
    let spans: Vec<Span> = figures
        .iter()
        .map(|(r, e)| Span {
            start: r.from_start.as_deref().unwrap_or(&r.start),
            end: &r.end,
            source: r.source.as_deref(),
            estimate: Some(*e),
        })
        .collect();
    if kind == "cumulative" {
        running_total_falls(&figures, &spans, unit, findings);
    }
    self_contradictions(&figures, &spans, unit, findings);
    // the sweep needs spans sorted by their first day
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by(|a, b| spans[*a].start.cmp(spans[*b].start));
    let sorted: Vec<Span> =
        order.iter().map(|i| Span { estimate: spans[*i].estimate, ..spans[*i] }).collect();
    // one finding per claim, naming every later figure it cannot hold with
    let mut against: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, j) in conflicts(&sorted, kind == "period") {
        against.entry(order[i]).or_default().push(order[j]);
    }
    let mut focal: Vec<usize> = against.keys().copied().collect();
    focal.sort_unstable();
    for i in focal {
        let (a, ea) = figures[i];
        let others = &against[&i];
        let said = others.iter().map(|j| {
            let (b, eb) = figures[*j];
            format!("{} says {} ({})", b.source.as_deref().unwrap_or("?"), eb.describe(unit), b.as_of)
        });
        let mut claims: Vec<i64> =
            std::iter::once(a.id).chain(others.iter().map(|j| figures[*j].0.id)).collect();
        claims.sort_unstable();
        findings.push(finding(
            "disagreement",
            claims,
            a,
            format!(
                "{} says {} ({}); {}: both cannot hold",
                a.source.as_deref().unwrap_or("?"),
                ea.describe(unit),
                a.as_of,
                first_few(said, 3, "; ")
            ),
        ));
    }
}

/// `today_text` is `today` as the ledger writes days: written once, not
/// once a claim (formatting dates was a sixteenth of `check`).
fn single_claim_checks(row: &CheckRow, today: NaiveDate, today_text: &str, findings: &mut Vec<Finding>) {
    if row.source_id.is_none() && row.document_id.is_none() {
        findings.push(finding("unsourced", vec![row.id], row, "no source and no document".into()));
    }
    if row.start.as_str() > today_text {
        findings.push(finding(
            "future",
            vec![row.id],
            row,
            format!("applies to {}, after today ({today})", row.as_of),
        ));
    }
    let Some(stated) = row.stated.as_deref().and_then(stated_span) else { return };
    if stated.start > today {
        findings.push(finding(
            "future",
            vec![row.id],
            row,
            format!("stated {stated}, after today ({today})"),
        ));
    }
    let begins = row.from_start.as_deref().unwrap_or(&row.start);
    if when::stored_day(begins).is_some_and(|begins| stated.end < begins) {
        findings.push(finding(
            "stated-before",
            vec![row.id],
            row,
            format!(
                "stated {stated}, before the time it reports ({}) began",
                row.from.as_deref().unwrap_or(&row.as_of)
            ),
        ));
    }
}

/// When a claim was said: a day as the ledger writes it is read without
/// building a `When` (`when::parse` of every stated day was a twentieth
/// of `check`); any other form is read by `when::parse`.
fn stated_span(text: &str) -> Option<when::When> {
    let ledger_day = text.len() == 10
        && text
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !ledger_day {
        return when::parse(text).ok();
    }
    let day = when::stored_day(text)?;
    Some(when::When { text: text.to_string(), precision: when::Precision::Day, start: day, end: day })
}

/// A running total that falls (`rules::falls`): a source's own revision
/// down, or another source's lower total.
fn running_total_falls(
    figures: &[(&CheckRow, Estimate)],
    spans: &[Span],
    unit: &str,
    findings: &mut Vec<Finding>,
) {
    for fell in rules::falls(spans) {
        let ((earlier, their), (row, estimate)) = (figures[fell.earlier], figures[fell.later]);
        let (a, when_a, b, when_b) =
            (their.describe(unit), &earlier.as_of, estimate.describe(unit), &row.as_of);
        let claims = vec![earlier.id, row.id];
        match fell.fall {
            Fall::Revision => {
                let source = row.source.as_deref().unwrap_or("?");
                let reason =
                    format!("{source} revised its running total down from {a} ({when_a}) to {b} ({when_b})");
                findings.push(finding("revised-down", claims, row, reason));
            }
            Fall::Decrease => {
                let who = |r: &CheckRow| r.source.as_deref().unwrap_or("unsourced").to_string();
                let reason = format!(
                    "a running total fell: {a} ({when_a}, {}) then {b} ({when_b}, {})",
                    who(earlier),
                    who(row)
                );
                findings.push(finding("cumulative-decrease", claims, row, reason));
            }
        }
    }
}

/// One source giving figures for one span that cannot all hold
/// (`rules::self_contradictions`).
fn self_contradictions(
    figures: &[(&CheckRow, Estimate)],
    spans: &[Span],
    unit: &str,
    findings: &mut Vec<Finding>,
) {
    for group in rules::self_contradictions(spans) {
        let (first, _) = figures[group[0]];
        let said: Vec<String> = group
            .iter()
            .map(|i| {
                let (r, e) = figures[*i];
                format!("{} (#{})", e.describe(unit), r.id)
            })
            .collect();
        let reason = format!(
            "{} says {} for {}: not all can hold",
            first.source.as_deref().unwrap_or("?"),
            said.join(", "),
            first.from.as_deref().map_or(first.as_of.clone(), |f| format!("{f}..{}", first.as_of))
        );
        let mut claims: Vec<i64> = group.iter().map(|i| figures[*i].0.id).collect();
        claims.sort_unstable();
        findings.push(finding("self-contradiction", claims, first, reason));
    }
}

/// A share or change said together with an absolute figure implies its
/// base (more than 1,000 is almost 10% of more than about 10,000): that
/// implied base must be able to hold together with the base claim.
fn implied_bases(
    ledger: &Ledger,
    relative: &[CheckRow],
    conversions: &mut Conversions,
    carry: &mut Carry,
    findings: &mut Vec<Finding>,
) -> Result<()> {
    for r in relative {
        let Some(base_id) = r.share_of.or(r.change_of) else { continue };
        if let std::collections::hash_map::Entry::Vacant(slot) = carry.kept.entry(base_id) {
            // a base no longer active is read on its own
            if let Some(row) = ledger.check_row(base_id)? {
                let estimate = in_metric_unit(&row, conversions).ok();
                slot.insert((row, estimate));
            }
        }
        let Some((base, Some(base_estimate))) = carry.kept.get(&base_id) else { continue };
        let Some(relation) = relation_of(r, &base.metric_unit, conversions) else { continue };
        for (part, part_estimate) in carry.siblings.get(&sibling_key(r)).into_iter().flatten() {
            let Ok(f) = conversions.factor(&part.metric_unit, &base.metric_unit) else { continue };
            let implied = relation.base_of(part_estimate.scale(f));
            if implied.contradicts(base_estimate) {
                findings.push(finding(
                    "implied-base",
                    vec![base.id, r.id, part.id],
                    r,
                    format!(
                        "#{} {} with #{} {} implies a base of {}, but #{} says {}",
                        part.id,
                        part_estimate.describe(&part.metric_unit),
                        r.id,
                        pretty_figure(r),
                        implied.describe(&base.metric_unit),
                        base.id,
                        base_estimate.describe(&base.metric_unit)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// A change that leaves less than nothing of its base: about 1,376 km²
/// changed by -2,000 km². (A fall of more than 100% is refused at entry.)
fn impossible_changes(
    relative: &[CheckRow],
    carry: &Carry,
    conversions: &mut Conversions,
    findings: &mut Vec<Finding>,
) {
    for r in relative {
        let Some((base, Some(base_estimate))) = r.change_of.and_then(|id| carry.kept.get(&id)) else {
            continue;
        };
        if is_relative(base) {
            continue; // its own figure is a change, not what it changes
        }
        let Some(relation) = relation_of(r, &base.metric_unit, conversions) else { continue };
        let result = relation.apply(*base_estimate);
        if rules::impossible(&result) {
            let unit = &base.metric_unit;
            let reason = format!(
                "#{} {} changed by #{} {} is {}, less than nothing",
                base.id,
                base_estimate.describe(unit),
                r.id,
                r.figure.describe(&r.unit),
                result.describe(unit)
            );
            findings.push(finding("impossible-change", vec![base.id, r.id], r, reason));
        }
    }
}

fn pretty_figure(row: &CheckRow) -> String {
    match row.best {
        Some(_) if matches!(&*row.unit, "%" | "pp") => row.figure.describe(&row.unit),
        Some(b) => pretty_number(b),
        None => "?".into(),
    }
}

/// An amount over a period cannot exceed the running total at the
/// period's end.
fn periods_within_totals(carry: &Carry, findings: &mut Vec<Finding>) {
    for (period, estimate) in &carry.periods {
        let Some(total_id) = period.part_of else { continue };
        let Some(totals) = carry.totals.get(&total_id) else { continue };
        let applying = totals.partition_point(|(start, _, _)| start.as_str() <= period.end.as_str());
        let Some((_, Some(high), id)) = totals.get(applying.wrapping_sub(1)) else { continue };
        if estimate.low.is_some_and(|low| low > *high) {
            findings.push(finding(
                "period-exceeds-total",
                vec![*id, period.id],
                period,
                format!(
                    "{} in {} alone, but the running total (#{id}) was at most {}",
                    estimate.describe(&period.metric_unit),
                    period.from.as_deref().unwrap_or(&period.as_of),
                    pretty_number(*high)
                ),
            ));
        }
    }
}
