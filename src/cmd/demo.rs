//! `claims demo`: builds the example ledger of DESIGN.md (the figures of a
//! late-December 2024 report on Kursk) and prints its reports.
//!
//! It writes only into a new file or into the demo ledger itself, which
//! it recognises by a ledger fact (`demo_ledger`) it records, or, for one
//! built before that fact, by holding no claim but the demo's.
//!
//! The quotes are short paraphrases written for this example; the document
//! URL is an example address.

use super::common::{FilterArgs, FormatArg};
use super::{change, list, timeline, Env};
use crate::entry::{Checker, ClaimInput};
use crate::error::InputError;
use crate::ledger::Ledger;
use crate::model::MetricKind;
use anyhow::{anyhow, Result};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  claims --db demo.db demo
  claims --db demo.db timeline kursk.area-held-by-ukraine

The demo writes only into a new file or into the demo ledger it built
before; any other ledger is refused, untouched.")]
pub struct Args {}

const KURSK: &str = "kursk.area-held-by-ukraine";

const METRICS: &[(&str, MetricKind, &str, &str)] = &[
    ("kursk.area-held-by-ukraine", MetricKind::Level, "sq mi", "Kursk territory held by Ukraine"),
    ("dprk-troops.deployed", MetricKind::Level, "soldiers", "North Korean troops sent to Russia"),
    (
        "dprk-troops.killed-or-wounded",
        MetricKind::Cumulative,
        "soldiers",
        "North Korean soldiers killed or wounded, in all",
    ),
    ("dprk-troops.killed-weekly", MetricKind::Period, "soldiers", "North Korean soldiers killed in one week"),
];

/// The period metric of the demo and the running total it counts within.
const PART_OF: (&str, &str) = ("dprk-troops.killed-weekly", "dprk-troops.killed-or-wounded");

const DOC: &[(&str, &str)] = &[
    ("doc_url", "https://example.org/2024/12/27/north-korean-losses-in-kursk"),
    ("doc_title", "North Korean troops suffer heavy losses in Kursk, U.S. says"),
    ("publisher", "Example Wire"),
    ("published", "2024-12-27"),
];

/// The six figures of the report, each as field/value pairs.
const CLAIMS: &[&[(&str, &str)]] = &[
    &[
        ("uid", "demo-dprk-deployed-oct"),
        ("metric", "dprk-troops.deployed"),
        ("value", "up to 12,000 troops"),
        ("as_of", "2024-10"),
        ("stated", "2024-10"),
        ("source", "Government of Ukraine"),
        ("source_kind", "government"),
        ("affiliation", "Ukraine"),
        ("quote", "Kyiv said in October that North Korea had sent up to 12,000 troops"),
    ],
    &[
        ("uid", "demo-kursk-area-aug"),
        ("metric", "kursk.area-held-by-ukraine"),
        ("value", "about 380 square miles"),
        ("as_of", "2024-08"),
        ("stated", "2024-12-27"),
        ("source", "News reports"),
        ("source_kind", "outlet"),
        ("place", "Kursk region, Russia"),
        ("quote", "Ukraine seized about 380 square miles of Kursk in August"),
    ],
    &[
        ("uid", "demo-dprk-killed-week"),
        ("metric", "dprk-troops.killed-weekly"),
        ("value", "more than 1,000"),
        ("from", "2024-12-21"),
        ("as_of", "2024-12-27"),
        ("stated", "2024-12-27"),
        ("source", "John Kirby"),
        ("source_kind", "person"),
        ("affiliation", "U.S. National Security Council"),
        ("place", "Kursk region, Russia"),
        ("quote", "more than 1,000 North Korean soldiers were killed in Kursk this past week"),
    ],
    &[
        ("uid", "demo-dprk-killed-share"),
        ("metric", "dprk-troops.killed-weekly"),
        ("value", "almost 10%"),
        ("share_of", "demo-dprk-deployed-oct"),
        ("from", "2024-12-21"),
        ("as_of", "2024-12-27"),
        ("stated", "2024-12-27"),
        ("source", "John Kirby"),
        ("quote", "that is almost 10% of the North Korean force deployed"),
    ],
    &[
        ("uid", "demo-dprk-casualties"),
        ("metric", "dprk-troops.killed-or-wounded"),
        ("value", "more than 3,000"),
        ("as_of", "2024-12-23"),
        ("stated", "2024-12-23"),
        ("source", "Volodymyr Zelensky"),
        ("source_kind", "person"),
        ("affiliation", "President of Ukraine"),
        ("quote", "more than 3,000 North Korean soldiers have been killed or wounded"),
    ],
    &[
        ("uid", "demo-kursk-area-lost"),
        ("metric", "kursk.area-held-by-ukraine"),
        ("value", "about -40%"),
        ("change_of", "demo-kursk-area-aug"),
        ("as_of", "2024-12-27"),
        ("stated", "2024-12-27"),
        ("source", "News reports"),
        ("quote", "Ukraine has since lost about 40% of that territory"),
        ("note", "\"lost about 40%\" entered as a change of about -40%"),
    ],
];

/// Whether `path` may become the demo ledger: a new (or empty) file, or
/// the demo ledger already. Anything else is refused before it is opened
/// for writing, which would migrate it.
fn check_target(path: &Path) -> Result<&'static str> {
    if std::fs::metadata(path).map(|m| m.len() == 0).unwrap_or(true) {
        return Ok("a new ledger");
    }
    let uids: Vec<&str> =
        CLAIMS.iter().filter_map(|c| c.iter().find(|(f, _)| *f == "uid").map(|(_, v)| *v)).collect();
    if Ledger::open_read_only(path)?.is_demo(&uids)? {
        return Ok("the demo ledger, built before");
    }
    Err(InputError::new(format!(
        "{} is a ledger of your own, not the demo's: the demo never writes into it",
        path.display()
    ))
    .hint("give the demo a new file: claims --db demo.db demo")
    .into())
}

pub fn run(env: &Env, _args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let target = check_target(&env.db)?;
    let mut ledger = env.ledger_for_writing()?;
    let added = ledger.write(|ledger| {
        ledger.mark_demo()?;
        let now = env.ctx.timestamp();
        for (key, kind, unit, label) in METRICS {
            if ledger.metric(key)?.is_none() {
                let total = match *key == PART_OF.0 {
                    true => ledger.metric(PART_OF.1)?.map(|m| m.id),
                    false => None,
                };
                ledger.add_metric(key, Some(label), *kind, unit, total, &now)?;
            }
        }
        if !ledger.unit_aliases()?.iter().any(|(noun, _)| noun == "troops") {
            ledger.add_unit_alias("troops", "soldiers")?;
        }
        let mut checker = Checker::new(ledger, &env.ctx)?;
        let mut added = 0;
        for fields in CLAIMS {
            let mut input = ClaimInput::default();
            for (field, value) in fields.iter().chain(DOC) {
                input.set(field, value);
            }
            if ledger.claim_by_uid(input.get("uid").unwrap_or_default())?.is_some() {
                continue;
            }
            let checked = checker.check(&input)?.map_err(|e| anyhow!("demo claim is wrong: {e:?}"))?;
            ledger.insert_claim(&checked.claim)?;
            added += 1;
        }
        Ok(added)
    })?;
    let table = || FormatArg { format: Default::default() };
    writeln!(out, "Example ledger {}, {target} ({added} claims added)\n", env.db.display())?;
    writeln!(out, "All claims, in time order:")?;
    list::run(
        env,
        list::Args { filter: FilterArgs::default(), all: false, as_of: None, format: table() },
        out,
    )?;
    writeln!(out, "\n$ claims timeline {KURSK}")?;
    let timeline = timeline::Args {
        metric: KURSK.into(),
        unit: None,
        chart: None,
        every: None,
        force: Default::default(),
        format: table(),
    };
    timeline::run(env, timeline, out)?;
    writeln!(out, "\nHow much of the Kursk territory was later lost?")?;
    writeln!(out, "$ claims change {KURSK} --from 2024-08 --to 2024-12-27")?;
    let change = change::Args {
        metric: KURSK.into(),
        from: "2024-08".into(),
        to: "2024-12-27".into(),
        source: None,
        unit: None,
        format: table(),
    };
    change::run(env, change, out)?;
    Ok(ExitCode::SUCCESS)
}
