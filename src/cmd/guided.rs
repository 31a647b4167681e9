//! `claims add` with no flags on a terminal: asks for each field in turn,
//! offers known metrics and sources, reads the figure back at once, and
//! saves nothing until the summary is confirmed.

use super::add::ClaimFlags;
use super::Env;
use crate::error::InputError;
use crate::figure;
use crate::ledger::Ledger;
use crate::model::MetricKind;
use crate::units;
use crate::when;
use anyhow::Result;
use inquire::autocompletion::{Autocomplete, Replacement};
use inquire::validator::Validation;
use inquire::{Confirm, CustomUserError, InquireError, Select, Text};

/// A metric the user named that the ledger does not have yet.
pub struct NewMetric {
    pub key: String,
    pub kind: MetricKind,
    pub unit: String,
}

/// Completes from a fixed list of words, by what they start with or contain.
#[derive(Clone)]
struct Words(Vec<String>);

impl Autocomplete for Words {
    fn get_suggestions(&mut self, input: &str) -> Result<Vec<String>, CustomUserError> {
        let input = input.to_lowercase();
        Ok(self.0.iter().filter(|w| w.to_lowercase().contains(&input)).take(8).cloned().collect())
    }

    fn get_completion(
        &mut self,
        input: &str,
        highlighted: Option<String>,
    ) -> Result<Replacement, CustomUserError> {
        Ok(highlighted.or_else(|| self.get_suggestions(input).ok()?.into_iter().next()))
    }
}

pub(super) fn cancelled(e: InquireError) -> anyhow::Error {
    match e {
        InquireError::OperationCanceled | InquireError::OperationInterrupted => {
            InputError::new("cancelled: nothing was saved").into()
        }
        // CLAIMS_GUIDED=1 with no terminal at all: say what to do instead
        InquireError::NotTTY => InputError::new("the guided questions need a terminal, and there is none")
            .hint("give the claim as flags (see claims add --help), or unset CLAIMS_GUIDED")
            .into(),
        other => other.into(),
    }
}

fn optional(prompt: &str, default: Option<&str>) -> Result<Option<String>> {
    let mut text = Text::new(prompt);
    if let Some(d) = default {
        text = text.with_default(d);
    }
    let answer = text.with_help_message("Enter to leave empty").prompt().map_err(cancelled)?;
    Ok(Some(answer.trim().to_string()).filter(|a| !a.is_empty()))
}

/// Asks for a claim; returns its flags and a metric to declare, or None
/// when the user says no at the summary.
pub fn ask(env: &Env, ledger: &Ledger) -> Result<Option<(ClaimFlags, Option<NewMetric>)>> {
    let metrics = ledger.metric_list()?;
    let previous = ledger.last_claim()?;
    let mut keys: Vec<String> = metrics.iter().map(|m| m.key.clone()).collect();
    keys.sort();
    let help = metrics
        .iter()
        .take(6)
        .map(|m| format!("{} ({})", m.key, m.label.as_deref().unwrap_or(&m.unit)))
        .collect::<Vec<_>>()
        .join(", ");
    let metric = Text::new("Metric:")
        .with_autocomplete(Words(keys.clone()))
        .with_help_message(&format!("known: {help}"))
        .with_validator(|k: &str| {
            Ok(if k.trim().is_empty() {
                Validation::Invalid("a metric key is needed".into())
            } else {
                Validation::Valid
            })
        })
        .prompt()
        .map_err(cancelled)?
        .trim()
        .to_string();
    let known = metrics.iter().find(|m| m.key == metric);
    let new_metric = match known {
        Some(_) => None,
        None => Some(declare(&metric)?),
    };
    let metric_unit =
        known.map(|m| m.unit.clone()).or(new_metric.as_ref().map(|m| m.unit.clone())).unwrap_or_default();

    let value = Text::new("Figure as written:")
        .with_help_message("\"more than 1,000\", \"about 380 sq mi\", \"up to 12,000\", \"3,000-5,000\"")
        .with_validator(|v: &str| {
            Ok(match figure::parse(v) {
                Ok(_) => Validation::Valid,
                Err(e) => Validation::Invalid(format!("{e}. {}", figure::FIGURE_HINT).into()),
            })
        })
        .prompt()
        .map_err(cancelled)?;
    let read = figure::parse(&value)?;
    eprintln!("  read as: {}", read.explain());
    let unit = match read.unit {
        Some(_) => None,
        None => optional(&format!("Unit (Enter for {metric_unit}):"), None)?,
    };
    let date = |prompt: &str, default: Option<&str>| -> Result<Option<String>> {
        let today = env.ctx.today();
        let mut text = Text::new(prompt).with_help_message(when::WHEN_HINT).with_validator(move |d: &str| {
            Ok(match d.trim() {
                "" => Validation::Valid,
                d => match when::parse_past(d, today) {
                    Ok(_) => Validation::Valid,
                    Err(e) => Validation::Invalid(e.to_string().into()),
                },
            })
        });
        if let Some(d) = default {
            text = text.with_default(d);
        }
        Ok(Some(text.prompt().map_err(cancelled)?.trim().to_string()).filter(|d| !d.is_empty()))
    };
    let as_of = date("Applies to (as of):", previous.as_ref().map(|p| p.as_of.as_str()))?;
    let from = date("From (start of the interval, if any):", None)?;
    let stated = date("Stated on:", previous.as_ref().and_then(|p| p.stated.as_deref()))?;
    let sources = ledger.source_names()?;
    let source = Text::new("Source (who says it):")
        .with_autocomplete(Words(sources))
        .with_default(previous.as_ref().and_then(|p| p.source.as_deref()).unwrap_or(""))
        .prompt()
        .map_err(cancelled)?;
    let doc = optional("Document URL:", previous.as_ref().and_then(|p| p.doc_url.as_deref()))?;
    let quote = optional("Quote (verbatim):", None)?;
    let relation = Select::new(
        "Relative to an earlier claim?",
        vec!["no", "a change of claim ...", "a share of claim ..."],
    )
    .prompt()
    .map_err(cancelled)?;
    let base = match relation {
        "no" => None,
        _ => Some(Text::new("Its id:").prompt().map_err(cancelled)?),
    };

    let flags = ClaimFlags {
        metric: Some(metric.clone()),
        value: Some(value.clone()),
        unit,
        as_of,
        from,
        stated,
        source: Some(source.trim().to_string()).filter(|s| !s.is_empty()),
        doc_url: doc,
        quote,
        change_of: base.clone().filter(|_| relation.starts_with("a change")),
        share_of: base.filter(|_| relation.starts_with("a share")),
        ..Default::default()
    };
    eprintln!("\n  {} = {} ({})", metric, value, read.explain());
    for (label, value) in [
        ("as of", &flags.as_of),
        ("from", &flags.from),
        ("stated", &flags.stated),
        ("source", &flags.source),
        ("document", &flags.doc_url),
        ("quote", &flags.quote),
        ("change of", &flags.change_of),
        ("share of", &flags.share_of),
    ] {
        if let Some(v) = value {
            eprintln!("  {label:>9}: {v}");
        }
    }
    if let Some(m) = &new_metric {
        eprintln!("  new metric: {} ({}, in {})", m.key, m.kind.as_str(), m.unit);
    }
    let save = Confirm::new("Save this claim?").with_default(true).prompt().map_err(cancelled)?;
    Ok(save.then_some((flags, new_metric)))
}

pub(super) fn declare(key: &str) -> Result<NewMetric> {
    crate::entry::check_metric_key(key)?;
    let confirmed = Confirm::new(&format!("{key} is a new metric. Declare it?"))
        .with_default(false)
        .prompt()
        .map_err(cancelled)?;
    if !confirmed {
        return Err(InputError::new(format!("unknown metric \"{key}\": nothing was saved"))
            .hint("`claims metrics` lists the known ones")
            .into());
    }
    let kind = Select::new("Kind:", vec!["level", "cumulative", "period"]).prompt().map_err(cancelled)?;
    let kind = MetricKind::parse(kind).unwrap_or(MetricKind::Level);
    let unit = Text::new("Unit of the metric:")
        .with_help_message("sq mi, km², %, or a plain noun for counts (soldiers)")
        .with_validator(|u: &str| {
            Ok(match units::parse(u) {
                Ok(_) => Validation::Valid,
                Err(e) => Validation::Invalid(format!("{e}; {}", units::known_units_hint()).into()),
            })
        })
        .prompt()
        .map_err(cancelled)?;
    Ok(NewMetric { key: key.to_string(), kind, unit: units::parse(&unit)?.symbol })
}
