//! `claims units`: the units claims reads; `units alias` declares two count
//! nouns the same in this ledger.

use super::common::FormatArg;
use super::Env;
use crate::error::InputError;
use crate::output::{self, Rows};
use crate::units::{self, Dimension};
use anyhow::Result;
use serde_json::{Map, Value};
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Declare that NOUN counts the same thing as SAME_AS ("troops" = "soldiers").
    Alias { noun: String, same_as: String },
}

pub fn run(env: &Env, args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    match args.action {
        Some(Action::Alias { noun, same_as }) => alias(env, &noun, &same_as, out),
        None => list(env, args.format, out),
    }
}

fn count_noun(flag: &str, text: &str) -> Result<String> {
    match units::parse(text) {
        Ok(unit) if unit.dimension == Dimension::Count => Ok(unit.symbol),
        _ => Err(InputError::new(format!("\"{text}\" is not a count noun"))
            .at(flag)
            .hint("aliases join plain nouns such as troops and soldiers; other units convert by themselves")
            .into()),
    }
}

fn alias(env: &Env, noun: &str, same_as: &str, out: &mut dyn Write) -> Result<ExitCode> {
    let (noun, same_as) = (count_noun("NOUN", noun)?, count_noun("SAME_AS", same_as)?);
    if units::same_noun(&noun, &same_as) {
        return Err(InputError::new(format!("\"{noun}\" and \"{same_as}\" are already the same")).into());
    }
    let mut ledger = env.ledger_for_writing()?;
    ledger.write(|l| l.add_unit_alias(&noun, &same_as))?;
    writeln!(out, "{noun} = {same_as}")?;
    Ok(ExitCode::SUCCESS)
}

fn list(env: &Env, format: FormatArg, out: &mut dyn Write) -> Result<ExitCode> {
    let mut rows = Rows::new(&["unit", "dimension", "spellings", "same_as"]);
    let unit = |name: &str, dimension: &str, spellings: Vec<&str>, same_as: Option<&str>| {
        let mut record = Map::new();
        record.insert("unit".into(), Value::from(name));
        record.insert("dimension".into(), Value::from(dimension));
        record.insert("spellings".into(), Value::from(spellings));
        record.insert("same_as".into(), same_as.map_or(Value::Null, Value::from));
        record
    };
    for known in units::table() {
        rows.push(unit(known.0, &known.1.to_string(), known.2.to_vec(), None));
    }
    if env.db.exists() {
        for (noun, same_as) in env.ledger()?.unit_aliases()? {
            rows.push(unit(&noun, "count", Vec::new(), Some(&same_as)));
        }
    }
    output::render(out, format.format, &rows)?;
    Ok(ExitCode::SUCCESS)
}
