//! `claims add`: record one claim.

use super::common::{claim_columns, claim_record};
use super::Env;
use crate::entry::{Checker, ClaimInput};
use crate::error::{InputError, Problems};
use crate::output::{self, Format, Rows};
use crate::when::DayOrder;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Clone, Default, clap::Args)]
pub struct ClaimFlags {
    /// Metric key (declared with `claims metrics add`).
    #[arg(long, allow_hyphen_values = true, add = crate::completion::metric())]
    pub metric: Option<String>,
    /// The figure as written: "more than 1,000", "about 380 sq mi", "3,000-5,000".
    #[arg(long, allow_hyphen_values = true)]
    pub value: Option<String>,
    /// Unit as stated, when the value does not name it (else the metric's).
    #[arg(long, allow_hyphen_values = true)]
    pub unit: Option<String>,
    /// When the figure applies: 2024-12-27, 2024-08, 2024-Q3 or 2024.
    #[arg(long = "as-of", allow_hyphen_values = true)]
    pub as_of: Option<String>,
    /// Start of the interval for a period figure ("this past week").
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// When it was said or published.
    #[arg(long, allow_hyphen_values = true)]
    pub stated: Option<String>,
    /// Who says it: a person, office, agency or outlet.
    #[arg(long, allow_hyphen_values = true, add = crate::completion::source())]
    pub source: Option<String>,
    /// What kind of source: person, office, agency, outlet, government, military, organisation, other.
    #[arg(long = "source-kind", allow_hyphen_values = true, add = crate::completion::source_kind())]
    pub source_kind: Option<String>,
    /// Whom the source speaks for.
    #[arg(long, allow_hyphen_values = true)]
    pub affiliation: Option<String>,
    /// URL of the document it was read in.
    #[arg(long = "doc", allow_hyphen_values = true)]
    pub doc_url: Option<String>,
    /// Title of the document.
    #[arg(long = "doc-title", allow_hyphen_values = true)]
    pub doc_title: Option<String>,
    /// Publisher of the document.
    #[arg(long, allow_hyphen_values = true)]
    pub publisher: Option<String>,
    /// When the document was published.
    #[arg(long, allow_hyphen_values = true)]
    pub published: Option<String>,
    /// When the document was read.
    #[arg(long, allow_hyphen_values = true)]
    pub retrieved: Option<String>,
    /// The words the figure was said in, verbatim.
    #[arg(long, allow_hyphen_values = true)]
    pub quote: Option<String>,
    /// Where it applies.
    #[arg(long, allow_hyphen_values = true)]
    pub place: Option<String>,
    /// A free note.
    #[arg(long, allow_hyphen_values = true)]
    pub note: Option<String>,
    /// This figure is a change relative to claim ID ("lost about 40% of that").
    #[arg(long = "change-of", value_name = "ID", allow_hyphen_values = true)]
    pub change_of: Option<String>,
    /// This figure is a share of claim ID ("almost 10% of the deployment").
    #[arg(long = "share-of", value_name = "ID", allow_hyphen_values = true)]
    pub share_of: Option<String>,
    /// How to read a numeric date like 12/11/2024: %d/%m/%Y or %m/%d/%Y.
    #[arg(long = "date-format", value_name = "FORMAT")]
    pub date_format: Option<DayOrder>,
}

impl ClaimFlags {
    /// The flags as fields of a claim, each under its DESIGN.md name.
    pub fn to_input(&self) -> ClaimInput {
        let mut input = ClaimInput::default();
        for (field, value) in [
            ("metric", &self.metric),
            ("value", &self.value),
            ("unit", &self.unit),
            ("as_of", &self.as_of),
            ("from", &self.from),
            ("stated", &self.stated),
            ("source", &self.source),
            ("source_kind", &self.source_kind),
            ("affiliation", &self.affiliation),
            ("doc_url", &self.doc_url),
            ("doc_title", &self.doc_title),
            ("publisher", &self.publisher),
            ("published", &self.published),
            ("retrieved", &self.retrieved),
            ("quote", &self.quote),
            ("place", &self.place),
            ("note", &self.note),
            ("change_of", &self.change_of),
            ("share_of", &self.share_of),
        ] {
            if let Some(value) = value {
                input.set(field, value);
            }
        }
        input
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub claim: ClaimFlags,
    /// Who enters it (else CLAIMS_USER or the OS user).
    #[arg(long)]
    pub by: Option<String>,
    /// `json` prints the new claim; otherwise its id.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The flag a field is given with, for error messages.
pub fn flag_of(field: &str) -> String {
    match field {
        "doc_url" => "--doc".into(),
        other => format!("--{}", other.replace('_', "-")),
    }
}

pub fn run(env: &Env, mut args: Args, out: &mut dyn Write) -> Result<ExitCode> {
    let mut new_metric = None;
    if args.claim.to_input().fields().next().is_none() && interactive() {
        let ledger = env.ledger_for_writing()?;
        match super::guided::ask(env, &ledger)? {
            Some((flags, metric)) => (args.claim, new_metric) = (flags, metric),
            None => {
                writeln!(out, "nothing saved")?;
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
    let mut input = args.claim.to_input();
    if let Some(by) = &args.by {
        input.set("entered_by", by);
    }
    input.set("uid", &uuid::Uuid::now_v7().to_string());
    let mut ledger = env.ledger_for_writing()?;
    let source_before = super::source_edits::kept_source(&ledger, input.get("source"))?;
    let id = ledger.write(|ledger| {
        if let Some(m) = &new_metric {
            ledger.add_metric(&m.key, None, m.kind, &m.unit, None, &env.ctx.timestamp())?;
        }
        let mut checker = Checker::new(ledger, &env.ctx)?.with_date_format(args.claim.date_format);
        let checked = checker.check(&input)?;
        let checked = checked.map_err(flag_errors)?;
        ledger.insert_claim(&checked.claim)
    })?;
    let claim = ledger.claim(id)?.expect("the claim just written");
    super::source_edits::note_filled(&ledger, source_before)?;
    match args.format {
        Format::Json | Format::Jsonl => {
            let mut rows = Rows::new(&claim_columns());
            rows.push(claim_record(&claim));
            output::render_one(out, Format::Json, &rows)?;
        }
        _ => writeln!(out, "{id}")?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Errors of a claim given by flags point at the flags.
fn flag_errors(errors: Vec<InputError>) -> anyhow::Error {
    let mut errors: Vec<InputError> = errors
        .into_iter()
        .map(|mut e| {
            e.place = e.field.as_deref().map(flag_of);
            e.field = None;
            e
        })
        .collect();
    if errors.len() == 1 {
        return errors.remove(0).into();
    }
    Problems { summary: format!("the claim was not recorded, {} problems:", errors.len()), errors, more: 0 }
        .into()
}

/// Both ends of the conversation are a terminal (`CLAIMS_GUIDED=1` forces
/// it for tests that drive a pseudo-terminal).
pub(super) fn interactive() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("CLAIMS_GUIDED").is_some()
        || (std::io::stdin().is_terminal() && std::io::stderr().is_terminal())
}
