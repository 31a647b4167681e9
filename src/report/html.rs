//! The HTML report: one self-contained page (inline CSS and SVG, no script,
//! nothing from the network) with, per metric, a chart, the timeline and
//! the change across the whole series. Every figure links to its source's
//! document and shows its note; unsourced figures are marked, and retracted
//! or superseded claims are listed (collapsed) under their metric, so that
//! a published page never hides a correction. All text is escaped and only
//! http(s) addresses become links.

use super::escape;
use super::estimate::Estimate;
use super::movements;
use super::records::{notes, stated, stated_as};
use super::svg;
use super::timeline::{Entry, Timeline};
use crate::model::Claim;
use std::fmt::Write;

const STYLE: &str = r#"
:root { --ink: #1d1d1b; --muted: #5f5b52; --rule: #ddd6c8; --paper: #fffdf8; --accent: #9b1c1c; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 17px/1.55 Georgia, "Times New Roman", serif; }
main { max-width: 980px; margin: 0 auto; padding: 28px 20px 60px; }
header { border-bottom: 3px double var(--ink); margin-bottom: 26px; }
.kicker { font: 600 12px/1 "Helvetica Neue", Arial, sans-serif; letter-spacing: .12em; text-transform: uppercase; color: var(--accent); margin: 0 0 8px; }
h1 { font-size: 2.3rem; line-height: 1.1; margin: 0 0 10px; }
.dek { color: var(--muted); margin: 0 0 18px; }
nav ol { columns: 2; padding-left: 1.2em; font: 14px/1.6 "Helvetica Neue", Arial, sans-serif; }
section { border-top: 1px solid var(--rule); padding-top: 18px; margin-top: 34px; }
h2 { font-size: 1.55rem; margin: 0 0 4px; }
.meta { font: 13px/1.4 "Helvetica Neue", Arial, sans-serif; color: var(--muted); margin: 0 0 12px; }
.answer { font-size: 1.1rem; background: #f4efe3; border-left: 4px solid var(--accent); padding: 10px 14px; }
figure { margin: 14px 0; overflow-x: auto; }
figure svg { display: block; width: 100%; min-width: 560px; height: auto; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font: 14px/1.45 "Helvetica Neue", Arial, sans-serif; }
col.when { width: 13%; } col.source { width: 17%; } col.stated { width: 24%; } col.figure { width: 16%; } col.change { width: 14%; } col.notes { width: 16%; }
td { overflow-wrap: anywhere; }
th { text-align: left; border-bottom: 2px solid var(--ink); padding: 6px 8px; font-weight: 600; }
td { border-bottom: 1px solid var(--rule); padding: 7px 8px; vertical-align: top; }
td.num { font-variant-numeric: tabular-nums; }
q { display: block; color: var(--muted); font-style: italic; margin-top: 3px; }
.tag { display: inline-block; font-size: 11px; padding: 1px 6px; border-radius: 3px; margin: 2px 4px 0 0; background: #e9e3d5; }
.note { display: block; color: var(--ink); margin-top: 3px; }
details { margin-top: 12px; font: 14px/1.45 "Helvetica Neue", Arial, sans-serif; }
summary { cursor: pointer; color: var(--accent); font-weight: 600; }
.tag.derived { background: #dbe9f6; } .tag.disagree { background: #f8d7d0; } .tag.unsourced { background: #fde9b5; }
a { color: #0b4f8a; }
footer { margin-top: 48px; border-top: 1px solid var(--rule); font-size: 14px; color: var(--muted); }
@media (max-width: 640px) {
  body { font-size: 16px; } h1 { font-size: 1.8rem; } nav ol { columns: 1; }
  table, thead, tbody, tr, td { display: block; } thead { display: none; }
  tr { border-bottom: 2px solid var(--rule); padding: 8px 0; }
  td { border: none; padding: 2px 0; } td::before { content: attr(data-label) ": "; font-weight: 600; }
}
"#;

/// Whether an address may become a link: http or https only.
pub fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && !url.chars().any(|c| c.is_control())
}

/// A metric key as an element id: letters, digits and dashes as they are,
/// any other character as `_HEX_`, so that `a.b`, `a_b` and `a-b` stay apart.
fn anchor(key: &str) -> String {
    let mut id = String::with_capacity(key.len() + 8);
    for c in key.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            id.push(c);
        } else {
            let _ = write!(id, "_{:x}_", c as u32);
        }
    }
    id
}

/// What the page shows.
pub struct Page<'a> {
    pub title: &'a str,
    pub ledger: &'a str,
    pub generated: &'a str,
    pub timelines: &'a [Timeline],
    /// Retracted and superseded claims of these metrics, listed under each.
    pub corrections: &'a [Claim],
    /// Also a table of the figure at the end of each such period.
    pub every: Option<super::intervals::Every>,
}

/// The page as one HTML document.
pub fn render(page: &Page) -> String {
    let mut html = String::new();
    let claims: usize = page.timelines.iter().map(|t| t.entries.len()).sum();
    let _ = write!(
        html,
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title><style>{STYLE}</style></head><body><main><header><p class="kicker">Claims ledger</p><h1>{title}</h1><p class="dek">{claims} figures on {metrics} metrics, each traced to its source. Generated {generated} from {ledger}.</p></header>"#,
        title = escape(page.title),
        metrics = page.timelines.len(),
        generated = escape(page.generated),
        ledger = escape(page.ledger),
    );
    html.push_str("<nav><ol>");
    for t in page.timelines {
        let _ = write!(
            html,
            r##"<li><a href="#{}">{}</a></li>"##,
            anchor(&t.metric.key),
            escape(t.metric.label.as_deref().unwrap_or(&t.metric.key))
        );
    }
    html.push_str("</ol></nav>");
    for t in page.timelines {
        section(&mut html, t, page.corrections, page.every);
    }
    html.push_str(r#"<footer><p><strong>How to read this page.</strong> Each figure keeps the words it was given in: "about", "more than" and "up to" are never dropped, and no bound is added that the words do not give. A <em>derived</em> figure is computed from other claims (a change or a share) and shows its arithmetic and the claims it rests on; an "about" stays "about" through the arithmetic. Two sources <em>disagree</em> when their figures cover the same time and their bounds cannot both hold.</p><p>In the charts each source has a colour; a point is a day's figure and a bar a figure for a whole month, quarter or year; hollow marks are derived, a dashed ring is "about", whiskers are bounds, a short arrow is a bound the words leave open, and a shaded band is where figures for the same span agree. Labels show what fits; every mark has a tooltip and every figure is in the table.</p><p>Retracted and superseded claims are listed under their metric, with the reason.</p></footer></main></body></html>"#);
    html.push('\n');
    html
}

fn section(html: &mut String, t: &Timeline, corrections: &[Claim], every: Option<super::intervals::Every>) {
    let label = t.metric.label.as_deref().unwrap_or(&t.metric.key);
    let _ = write!(
        html,
        r#"<section id="{}"><h2>{}</h2><p class="meta">{} · {} · in {}</p>"#,
        anchor(&t.metric.key),
        escape(label),
        escape(&t.metric.key),
        t.metric.kind.as_str(),
        escape(&t.unit)
    );
    if let Some(answer) = summary(t) {
        let _ = write!(html, r#"<p class="answer">{}</p>"#, escape(&answer));
    }
    let _ = write!(html, "<figure>{}</figure>", svg::chart(t));
    html.push_str(r#"<table><colgroup><col class="when"><col class="source"><col class="stated"><col class="figure"><col class="change"><col class="notes"></colgroup><thead>"#);
    html.push_str("<tr><th>When</th><th>Source</th><th>As stated</th><th>Figure</th><th>Change</th><th>Notes</th></tr></thead><tbody>");
    for entry in &t.entries {
        row(html, entry, &t.unit);
    }
    html.push_str("</tbody></table>");
    if let Some(every) = every {
        every_table(html, t, every);
    }
    let corrected: Vec<&Claim> = corrections.iter().filter(|c| c.metric == t.metric.key).collect();
    corrections_list(html, &corrected, t);
    html.push_str("</section>");
}

/// The figure at the end of each period, sources as rows, as
/// `claims timeline --every` prints it.
fn every_table(html: &mut String, t: &Timeline, every: super::intervals::Every) {
    let periods = super::intervals::every(t, every);
    if periods.is_empty() {
        return;
    }
    let table = super::intervals::table(&periods, &t.unit);
    html.push_str(r#"<table class="every"><caption>At the end of each period</caption><thead><tr>"#);
    for column in &table.columns {
        let _ = write!(html, "<th>{}</th>", escape(column));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &table.cells {
        html.push_str("<tr>");
        for cell in row {
            let _ = write!(html, "<td>{}</td>", escape(cell));
        }
        html.push_str("</tr>");
    }
    let _ =
        write!(html, r#"</tbody></table><p class="meta">{}</p>"#, escape(&super::intervals::legend(&table)));
}

/// How the metric moved from its first figure's span to its latest, by
/// the rules `claims change` follows (one source's own change first, else
/// the sources together), each end traced to its claims.
fn summary(t: &Timeline) -> Option<String> {
    let figures: Vec<&Entry> = t.entries.iter().filter(|e| e.estimate.is_some()).collect();
    let first = figures.first()?;
    let last = figures.iter().map(|e| e.end.as_str()).max()?;
    let (from, to) = (crate::when::parse(&first.claim.as_of).ok()?, crate::when::parse(last).ok()?);
    if from.end >= to.start {
        return None;
    }
    let moved = movements::movements(t, &from, &to, None);
    let movement = moved.primary()?;
    let end = |entries: &[&Entry], figure: Option<Estimate>| {
        let ids: Vec<String> = entries.iter().map(|e| format!("#{}", e.claim.id)).collect();
        match figure {
            Some(figure) => {
                let when = entries.first().map(|e| e.when().replace("..", " – ")).unwrap_or_default();
                format!("{} ({when}, {})", figure.describe(&t.unit), ids.join(", "))
            }
            None => format!("the figures {}", ids.join(", ")),
        }
    };
    let who = match movement.source {
        Some(source) => super::series::own_figures(source),
        None if movement.across_sources() => "No source speaks at both ends".to_string(),
        None => "All sources together".to_string(),
    };
    let change = match &movement.change {
        Some(change) => format!("a change of {}", change.describe(&t.unit)),
        None if movement.across_sources() => {
            "different sources' figures, compared, never a change".to_string()
        }
        None => "no one change: at an end the figures disagree or are of different spans (see the table)"
            .to_string(),
    };
    Some(format!(
        "{who}: from {} to {}: {change}.",
        end(&movement.from, movement.from_figure),
        end(&movement.to, movement.to_figure)
    ))
}

/// Retracted and superseded claims, collapsed: shown on request, never left out.
fn corrections_list(html: &mut String, claims: &[&Claim], t: &Timeline) {
    if claims.is_empty() {
        return;
    }
    let _ = write!(
        html,
        r#"<details class="corrections"><summary>{} retracted or superseded {}</summary><table><thead><tr><th>Claim</th><th>When</th><th>Source</th><th>As stated</th><th>Status</th></tr></thead><tbody>"#,
        claims.len(),
        if claims.len() == 1 { "claim" } else { "claims" }
    );
    for claim in claims {
        let status = match (claim.status.as_str(), claim.superseded_by.as_deref()) {
            ("superseded", Some(by)) => match t.entries.iter().find(|e| e.claim.uid == by) {
                Some(correction) => format!("superseded by #{}", correction.claim.id),
                None => format!("superseded by {by}"),
            },
            (status, _) => status.to_string(),
        };
        let reason = claim.reason.as_deref().map(|r| format!(": {r}")).unwrap_or_default();
        let _ = write!(
            html,
            r#"<tr id="claim-{id}"><td data-label="Claim">#{id}</td><td data-label="When">{when}</td><td data-label="Source">{source}</td><td data-label="As stated">{stated}</td><td data-label="Status">{status}{reason}</td></tr>"#,
            id = claim.id,
            when = escape(&claim.as_of),
            source = escape(claim.source.as_deref().unwrap_or("(unsourced)")),
            stated = escape(&stated(claim)),
            status = escape(&status),
            reason = escape(&reason),
        );
    }
    html.push_str("</tbody></table></details>");
}

fn row(html: &mut String, entry: &Entry, unit: &str) {
    let claim = &entry.claim;
    let source = escape(entry.source_name());
    let source = match claim.doc_url.as_deref().filter(|u| safe_url(u)) {
        Some(url) => format!(r#"<a href="{}" rel="noopener noreferrer">{source}</a>"#, escape(url.trim())),
        None => source,
    };
    let document = claim
        .doc_title
        .as_deref()
        .map(|t| format!(r#"<br><small>{}</small>"#, escape(t)))
        .unwrap_or_default();
    let quote = claim.quote.as_deref().map(|q| format!("<q>{}</q>", escape(q))).unwrap_or_default();
    let note = claim
        .note
        .as_deref()
        .map(|n| format!(r#"<span class="note">{}</span>"#, escape(n)))
        .unwrap_or_default();
    let figure = entry.estimate.map(|e| e.describe(unit)).unwrap_or_else(|| "—".into());
    let change = entry.change.map(|c| c.describe(unit)).unwrap_or_default();
    let mut tags = String::new();
    if entry.derived.is_some() {
        tags.push_str(r#"<span class="tag derived">derived</span>"#);
    }
    if !entry.disagrees_with.is_empty() {
        tags.push_str(r#"<span class="tag disagree">disagreement</span>"#);
    }
    if entry.unsourced() {
        tags.push_str(r#"<span class="tag unsourced">unsourced</span>"#);
    }
    let _ = write!(
        html,
        r#"<tr id="claim-{id}"><td data-label="When">{when}</td><td data-label="Source">{source}{document}</td><td data-label="As stated">{stated}{quote}</td><td data-label="Figure" class="num"><strong>{figure}</strong></td><td data-label="Change" class="num">{change}</td><td data-label="Notes">{tags}<small>#{id} {notes}</small>{note}</td></tr>"#,
        id = claim.id,
        when = escape(&entry.when()).replace("..", " – "),
        stated = escape(&stated_as(claim, entry.written)),
        figure = escape(&figure),
        change = escape(&change),
        notes = escape(&notes(entry)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_of_keys_differing_in_punctuation_differ() {
        let ids: Vec<String> = ["a.b", "a-b", "a_b", "a.b.c", "a.b-c"].map(anchor).to_vec();
        assert_eq!(ids, ["a_2e_b", "a-b", "a_5f_b", "a_2e_b_2e_c", "a_2e_b-c"]);
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert!(safe_url("https://example.org/a"));
        assert!(safe_url("HTTP://example.org"));
        for bad in [
            "javascript:alert(1)",
            " javascript:alert(1)",
            "data:text/html,x",
            "file:///etc/passwd",
            "//evil.example",
            "https://x\n.org",
        ] {
            assert!(!safe_url(bad), "{bad:?}");
        }
    }
}
