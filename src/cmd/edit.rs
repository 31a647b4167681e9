//! `claims edit ID [flags of add]`: records a corrected claim that
//! supersedes the old one. The old claim stays, marked superseded and
//! pointing at its correction.

use super::add::ClaimFlags;
use super::common::{claim_columns, claim_record};
use super::Env;
use crate::entry::{Checker, ClaimInput};
use crate::error::{InputError, Problems};
use crate::model::ENTRY_FIELDS;
use crate::output::{self, plain, Format, Rows};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The claim to correct: its id or uid.
    pub id: String,
    #[command(flatten)]
    pub claim: ClaimFlags,
    /// Why it is corrected (kept on the old claim).
    #[arg(long)]
    pub reason: Option<String>,
    /// Who corrects it (else CLAIMS_USER or the OS user).
    #[arg(long)]
    pub by: Option<String>,
    /// `json` prints the new claim; otherwise its id.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The fields a correction does not inherit: who entered it and when, its
/// status, and what is declared once per metric.
const NOT_INHERITED: &[&str] = &[
    "uid",
    "metric_label",
    "metric_kind",
    "metric_unit",
    "unit_same_as",
    "status",
    "reason",
    "superseded_by",
    "status_at",
    "status_by",
    "entered_by",
    "entered_at",
];

/// Finds a claim that can still be corrected or retracted.
/// The claim an id or uid (with or without a leading `#`) names, in any status.
pub fn find_claim(ledger: &crate::ledger::Ledger, id: &str) -> Result<crate::model::Claim> {
    let found = match ledger.claim_ref(id.trim_start_matches('#'))? {
        Some(r) => ledger.claim(r.id)?,
        None => None,
    };
    found.ok_or_else(|| {
        InputError::new(format!("there is no claim {id}")).hint("`claims list --all` shows the ids").into()
    })
}

pub fn current_claim(ledger: &crate::ledger::Ledger, id: &str) -> Result<crate::model::Claim> {
    let claim = find_claim(ledger, id)?;
    match claim.status.as_str() {
        "superseded" => {
            let current = ledger.lineage(claim.id)?.last().copied().unwrap_or(claim.id);
            Err(InputError::new(format!(
                "claim {} is superseded; its current version is #{current}",
                claim.id
            ))
            .hint(format!("correct the current version: claims edit {current}"))
            .into())
        }
        "retracted" => Err(InputError::new(format!(
            "claim {} is retracted ({})",
            claim.id,
            claim.reason.as_deref().unwrap_or("no reason")
        ))
        .hint(format!(
            "to bring it back, reinstate it first: claims reinstate {} --reason \"...\"; or add a new claim",
            claim.id
        ))
        .into()),
        _ => Ok(claim),
    }
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let mut ledger = env.ledger()?;
    if let Some(by) = &args.by {
        ledger.set_actor(Some(by), &env.ctx.timestamp())?;
    }
    let old = current_claim(&ledger, &args.id)?;
    let record = claim_record(&old);
    let mut input = ClaimInput::default();
    for field in ENTRY_FIELDS.iter().filter(|f| !NOT_INHERITED.contains(f)) {
        input.set(field, &record.get(*field).map(plain).unwrap_or_default());
    }
    let given = args.claim.to_input();
    if given.fields().all(|(field, value)| input.get(field) == Some(value)) {
        return Err(InputError::new(format!("nothing to correct in claim {}", old.id))
            .hint("give the fields that change, e.g. --value \"about 400\"")
            .into());
    }
    for (field, value) in given.fields() {
        input.set(field, value);
    }
    input.set("uid", &uuid::Uuid::now_v7().to_string());
    if let Some(by) = args.by.as_deref().or(env.ctx.user.as_deref()) {
        input.set("entered_by", by);
    }
    let id = ledger.write(|ledger| {
        let mut checker = Checker::new(ledger, &env.ctx)?.with_date_format(args.claim.date_format);
        let checked = checker.check(&input)?.map_err(|errors| {
            let errors = errors
                .into_iter()
                .map(|mut e| {
                    e.place = e.field.take().map(|f| super::add::flag_of(&f));
                    e
                })
                .collect::<Vec<_>>();
            Problems { summary: format!("claim {} was not corrected:", old.id), errors, more: 0 }
        })?;
        let id = ledger.insert_claim(&checked.claim)?;
        ledger.supersede(old.id, id, args.reason.as_deref())?;
        Ok(id)
    })?;
    if matches!(args.format, Format::Json | Format::Jsonl) {
        let mut rows = Rows::new(&claim_columns());
        rows.push(claim_record(&ledger.claim(id)?.expect("the correction just written")));
        output::render_one(out, Format::Json, &rows)?;
    } else {
        writeln!(out, "{id} (supersedes {})", old.id)?;
    }
    Ok(ExitCode::SUCCESS)
}
