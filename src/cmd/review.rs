//! `claims extract FILE --review`: the candidates one by one on a terminal.
//! Each is shown in its sentence with the figure highlighted; the researcher
//! accepts it, edits any field, chooses its metric (or declares one), or
//! skips it. Accepting checks the claim as `claims add` would, against the
//! ledger and the figures accepted before it; the accepted ones are saved
//! in one transaction at the end, and nothing is saved on quitting.

use super::extract::Row;
use super::guided::{cancelled, declare, NewMetric};
use super::Env;
use crate::entry::{check_metric_key, Checker, ClaimInput};
use crate::error::InputError;
use crate::figure;
use crate::ledger::{Batch, Ledger};
use crate::output::inert;
use crate::when;
use anyhow::Result;
use inquire::validator::Validation;
use inquire::{Confirm, Select, Text};
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::fmt;
use std::io::Write;
use std::process::ExitCode;

/// `--review` talks with a person and saves to a ledger: refused on a
/// pipe, or with no ledger to save to, with what to do instead.
pub fn check_can_review(env: &Env, file: &str) -> Result<()> {
    if file == "-" {
        return Err(InputError::new("--review reads your answers from the terminal, not the article")
            .at("--review")
            .hint("save the article to a file and name it: claims extract article.txt --review")
            .into());
    }
    if !super::add::interactive() {
        return Err(InputError::new("--review needs a terminal, and standard input is not one")
            .at("--review")
            .hint("run it in a terminal, or write the candidates as CSV (claims extract FILE -o rows.csv), complete them and claims import rows.csv")
            .into());
    }
    // a review saves to the ledger it names: a mistyped --db is not a new, empty one
    env.ledger()?;
    Ok(())
}

/// The article reviewed, recorded as the import batch of what is accepted.
pub struct Article<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

pub fn run(env: &Env, rows: Vec<Row>, article: Article, out: &mut dyn Write) -> Result<ExitCode> {
    if rows.is_empty() {
        writeln!(out, "no figures found: nothing to review")?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut review =
        Review { env, ledger: env.ledger()?, new_metrics: Vec::new(), article, read: rows.len() };
    // each with its candidate number, the line of its batch
    let mut accepted: Vec<(usize, ClaimInput)> = Vec::new();
    let mut skipped = Vec::new();
    // in order; one put off comes back, as edited, after the others
    let mut queue: VecDeque<(usize, ClaimInput)> = rows.iter().map(|r| r.input.clone()).enumerate().collect();
    while let Some((n, input)) = queue.pop_front() {
        eprintln!("\n── candidate {} of {} ──", n + 1, rows.len());
        match review.one(n, input, &rows, &accepted)? {
            Decision::Accept(input) => accepted.push((n, input)),
            Decision::Later(input) => queue.push_back((n, input)),
            Decision::Skip => skipped.push(n),
            Decision::Quit => {
                writeln!(out, "quit: nothing saved")?;
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
    if accepted.is_empty() {
        writeln!(out, "no candidate accepted: nothing saved")?;
        return Ok(ExitCode::SUCCESS);
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let question = format!(
        "Save {} accepted claim{} ({} skipped)?",
        accepted.len(),
        plural(accepted.len()),
        skipped.len()
    );
    if !Confirm::new(&question).with_default(true).prompt().map_err(cancelled)? {
        writeln!(out, "nothing saved")?;
        return Ok(ExitCode::SUCCESS);
    }
    let ids = match review.save(&accepted, true)? {
        Ok(ids) => ids,
        // each was checked when accepted, in this order: only another writer meanwhile gets here
        Err(errors) => {
            return Err(errors.into_iter().next().unwrap_or_else(|| InputError::new("not saved")).into())
        }
    };
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    writeln!(out, "saved {} claim{}: {}", ids.len(), plural(ids.len()), list.join(", "))?;
    Ok(ExitCode::SUCCESS)
}

/// What can be done with a candidate.
#[derive(Clone, Copy, PartialEq)]
enum Action {
    Accept,
    Edit,
    Metric,
    Later,
    Skip,
    Quit,
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Action::Accept => "accept",
            Action::Edit => "edit a field",
            Action::Metric => "choose the metric",
            Action::Later => "later: after the others (its base, say)",
            Action::Skip => "skip it",
            Action::Quit => "quit, saving nothing",
        })
    }
}

/// What became of a candidate.
enum Decision {
    Accept(ClaimInput),
    Later(ClaimInput),
    Skip,
    Quit,
}

struct Review<'a> {
    env: &'a Env,
    ledger: Ledger,
    /// Metrics declared during the review, added with the claims.
    new_metrics: Vec<NewMetric>,
    article: Article<'a>,
    /// How many candidates were read from the article.
    read: usize,
}

impl Review<'_> {
    /// Shows a candidate until it is accepted (with its fields as edited),
    /// skipped, or the review is quit. Esc or Ctrl-C cancel the review, and
    /// a terminal gone ends it: an error, nothing saved.
    fn one(
        &mut self,
        n: usize,
        mut input: ClaimInput,
        rows: &[Row],
        accepted: &[(usize, ClaimInput)],
    ) -> Result<Decision> {
        let row = &rows[n];
        loop {
            self.show(row, &input, rows)?;
            let actions =
                vec![Action::Accept, Action::Edit, Action::Metric, Action::Later, Action::Skip, Action::Quit];
            let action = Select::new("What to do with it?", actions)
                .with_help_message("↑↓ or type to choose, Enter to do it")
                .prompt()
                .map_err(cancelled)?;
            match action {
                Action::Accept => {
                    let mut with = accepted.to_vec();
                    with.push((n, input.clone()));
                    match self.save(&with, false)? {
                        Ok(_) => return Ok(Decision::Accept(input)),
                        Err(errors) => {
                            eprintln!("  not accepted yet:");
                            for error in errors {
                                let error = unaccepted_base(error, &input, rows, accepted);
                                eprintln!("  {}", inert(&error.to_string()).replace('\n', "\n  "));
                            }
                        }
                    }
                }
                Action::Edit => self.edit(&mut input, row, rows)?,
                Action::Metric => self.choose_metric(&mut input, row, rows)?,
                Action::Later => return Ok(Decision::Later(input)),
                Action::Skip => return Ok(Decision::Skip),
                Action::Quit => return Ok(Decision::Quit),
            }
        }
    }

    fn show(&self, row: &Row, input: &ClaimInput, rows: &[Row]) -> Result<()> {
        let plain = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        eprintln!("  {}", highlight(input.get("quote").unwrap_or_default(), &row.figure, plain));
        if input.get("metric").is_none() {
            let hint = row.metric_hint.as_deref().map(|h| format!(" (suggested: {h})")).unwrap_or_default();
            eprintln!("  {:>12}: none yet, choose one{}", "metric", inert(&hint));
        }
        for (field, value) in input.fields().filter(|(f, _)| !matches!(*f, "uid" | "quote")) {
            let shown = match field {
                "change_of" | "share_of" => describe_base(value, rows),
                "value" => match figure::parse(value) {
                    Ok(read) => format!("{value}   (read as: {})", read.explain()),
                    Err(_) => value.to_string(),
                },
                _ => value.to_string(),
            };
            eprintln!("  {:>12}: {}", field, inert(&shown));
        }
        if let Some(id) = input.get("uid").map(|u| self.ledger.claim_id_by_uid(u)).transpose()?.flatten() {
            eprintln!("  already in the ledger as claim {id}: skip it");
        }
        Ok(())
    }

    fn edit(&mut self, input: &mut ClaimInput, row: &Row, rows: &[Row]) -> Result<()> {
        let choices: Vec<FieldChoice> = EDITABLE
            .iter()
            .map(|field| FieldChoice { field, value: input.get(field).map(|v| inert(v).into_owned()) })
            .collect();
        let field = Select::new("Which field?", choices).prompt().map_err(cancelled)?.field;
        if field == "metric" {
            return self.choose_metric(input, row, rows);
        }
        let relation = matches!(field, "change_of" | "share_of");
        let current = input.get(field).unwrap_or_default();
        let current = if relation { candidate_named(current, rows) } else { current.to_string() };
        let today = self.env.ctx.today();
        let count = rows.len();
        let answer = Text::new(&format!("{field}:"))
            .with_initial_value(&current)
            .with_help_message(match relation {
                true => "\"candidate N\" of this review, or the id or uid of a claim in the ledger",
                false => "Enter keeps what is shown; erase it all to leave the field empty",
            })
            .with_validator(move |text: &str| Ok(validate(field, text, today, count)))
            .prompt()
            .map_err(cancelled)?;
        let answer = match relation {
            true => candidate_uid(&answer, rows).unwrap_or(answer),
            false => answer,
        };
        let mut edited = ClaimInput::default();
        for (f, v) in input.fields().filter(|(f, _)| f != &field) {
            edited.set(f, v);
        }
        edited.set(field, &answer);
        *input = edited;
        Ok(())
    }

    /// The ledger's metrics (and those declared in this review), the
    /// suggested one first; or a new one, declared as `claims add` does.
    fn choose_metric(&mut self, input: &mut ClaimInput, row: &Row, rows: &[Row]) -> Result<()> {
        let mut known: Vec<MetricChoice> = self
            .ledger
            .metric_list()?
            .into_iter()
            .map(|m| MetricChoice::Known { label: m.label.unwrap_or_default(), unit: m.unit, key: m.key })
            .chain(self.new_metrics.iter().map(|m| MetricChoice::Known {
                key: m.key.clone(),
                label: "declared in this review".into(),
                unit: m.unit.clone(),
            }))
            .collect();
        // the engine's hint, else the metric of the figure's base
        let base = ["change_of", "share_of"]
            .iter()
            .find_map(|f| input.get(f))
            .and_then(|uid| rows.iter().find(|r| r.input.get("uid") == Some(uid)))
            .and_then(|r| r.input.get("metric"));
        let suggested = row.metric_hint.as_deref().or(base).or(input.get("metric"));
        if let Some(at) = known
            .iter()
            .position(|m| matches!(m, MetricChoice::Known { key, .. } if Some(key.as_str()) == suggested))
        {
            let first = known.remove(at);
            known.insert(0, first);
        }
        known.push(MetricChoice::New);
        let choice = Select::new("Metric:", known)
            .with_help_message("type to filter, Enter to choose")
            .prompt()
            .map_err(cancelled)?;
        let key = match choice {
            MetricChoice::Known { key, .. } => key,
            MetricChoice::New => {
                let key = Text::new("Key of the new metric:")
                    .with_help_message(
                        "lower-case letters, digits, dots and dashes: kursk.area-held-by-ukraine",
                    )
                    .with_validator(|k: &str| {
                        Ok(match check_metric_key(k.trim()) {
                            Ok(()) => Validation::Valid,
                            Err(e) => Validation::Invalid(e.to_string().into()),
                        })
                    })
                    .prompt()
                    .map_err(cancelled)?;
                let metric = declare(key.trim())?;
                let key = metric.key.clone();
                self.new_metrics.push(metric);
                key
            }
        };
        input.set("metric", &key);
        Ok(())
    }

    /// Checks (and with `commit` saves) the claims in order, in one
    /// transaction, after the metrics declared in this review, as one
    /// import batch of the article (its name, size and SHA-256, a claim's
    /// line its candidate number): the errors of the first claim that
    /// fails, or the ids.
    fn save(
        &mut self,
        claims: &[(usize, ClaimInput)],
        commit: bool,
    ) -> Result<std::result::Result<Vec<i64>, Vec<InputError>>> {
        let (ctx, new_metrics, article) = (&self.env.ctx, &self.new_metrics, &self.article);
        let read = self.read as u64;
        self.ledger.write_if(|ledger| {
            for m in new_metrics {
                ledger.add_metric(&m.key, None, m.kind, &m.unit, None, &ctx.timestamp())?;
            }
            let batch_id = ledger.start_batch(article.name, &ctx.timestamp(), ctx.user.as_deref())?;
            let mut checker = Checker::new(ledger, ctx)?;
            let mut ids = Vec::with_capacity(claims.len());
            for (n, input) in claims {
                if let Some(id) = input.get("uid").map(|u| ledger.claim_id_by_uid(u)).transpose()?.flatten() {
                    let error =
                        InputError::new(format!("this figure is already in the ledger as claim {id}"))
                            .hint(format!("skip it (claims show {id} shows it)"));
                    return Ok((Err(vec![error]), false));
                }
                let mut checked = match checker.check(input)? {
                    Ok(checked) => checked,
                    Err(errors) => return Ok((Err(errors), false)),
                };
                (checked.claim.batch_id, checked.claim.batch_line) = (Some(batch_id), Some(*n as i64 + 1));
                match ledger.insert_claim(&checked.claim) {
                    Ok(id) => ids.push(id),
                    Err(e) => match e.downcast::<InputError>() {
                        Ok(error) => return Ok((Err(vec![error]), false)),
                        Err(e) => return Err(e),
                    },
                }
            }
            let batch = Batch {
                file_name: article.name.to_string(),
                file_size: article.text.len() as u64,
                sha256: hex::encode(Sha256::digest(article.text.as_bytes())),
                rows_read: read,
                rows_added: ids.len() as u64,
                rows_present: 0,
            };
            ledger.finish_batch(batch_id, &batch)?;
            Ok((Ok(ids), commit))
        })
    }
}

/// The fields a candidate's edit offers, in the order of `claims add`.
const EDITABLE: &[&str] = &[
    "metric",
    "value",
    "unit",
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
    "quote",
    "place",
    "note",
    "change_of",
    "share_of",
];

struct FieldChoice {
    field: &'static str,
    value: Option<String>,
}

impl fmt::Display for FieldChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.value.as_deref().unwrap_or("(empty)"))
    }
}

enum MetricChoice {
    Known { key: String, label: String, unit: String },
    New,
}

impl fmt::Display for MetricChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetricChoice::Known { key, label, unit } if label.is_empty() => write!(f, "{key} (in {unit})"),
            MetricChoice::Known { key, label, unit } => write!(f, "{key}: {label} (in {unit})"),
            MetricChoice::New => f.write_str("a new metric…"),
        }
    }
}

/// An edited field read at once, with the rule `claims add` applies; a
/// relation may name "candidate N" of the `candidates` of this review.
fn validate(field: &str, text: &str, today: chrono::NaiveDate, candidates: usize) -> Validation {
    let text = text.trim();
    let problem = match field {
        "value" => figure::parse(text).err().map(|e| format!("{e}. {}", figure::FIGURE_HINT)),
        "change_of" | "share_of" => candidate_number(text)
            .filter(|n| !(1..=candidates).contains(n))
            .map(|n| format!("there is no candidate {n}: they are 1 to {candidates}")),
        "as_of" | "from" | "stated" | "published" | "retrieved" if !text.is_empty() => {
            when::parse_past(text, today).err().map(|e| e.to_string())
        }
        _ => None,
    };
    match problem {
        Some(problem) => Validation::Invalid(problem.into()),
        None => Validation::Valid,
    }
}

/// "candidate 5" (or "c5"): the number, when the text names a candidate.
fn candidate_number(text: &str) -> Option<usize> {
    let text = text.trim().to_lowercase();
    let number = text.strip_prefix("candidate").or_else(|| text.strip_prefix('c'))?;
    number.trim().parse().ok()
}

/// The uid of the candidate a relation names, if it names one of these.
fn candidate_uid(text: &str, rows: &[Row]) -> Option<String> {
    let row = rows.get(candidate_number(text)?.checked_sub(1)?)?;
    row.input.get("uid").map(str::to_string)
}

/// A uid as "candidate N" when it is one of these, for editing.
fn candidate_named(uid: &str, rows: &[Row]) -> String {
    match rows.iter().position(|r| r.input.get("uid") == Some(uid)) {
        Some(i) => format!("candidate {}", i + 1),
        None => uid.to_string(),
    }
}

/// A relation to a candidate not accepted (skipped, or refused) says so,
/// rather than that no such claim exists.
fn unaccepted_base(
    error: InputError,
    input: &ClaimInput,
    rows: &[Row],
    accepted: &[(usize, ClaimInput)],
) -> InputError {
    let field = match error.field.as_deref() {
        Some(field @ ("change_of" | "share_of")) => field,
        _ => return error,
    };
    let uid = input.get(field).filter(|uid| !accepted.iter().any(|(_, a)| a.get("uid") == Some(uid)));
    match uid.and_then(|uid| rows.iter().position(|r| r.input.get("uid") == Some(uid))) {
        Some(i) => InputError::new(format!(
            "its base, candidate {} ({}), is not accepted",
            i + 1,
            rows[i].input.get("value").unwrap_or_default()
        ))
        .field(field)
        .hint(format!(
            "if it is still to come, choose later for this one; else edit {field} (empty, or a claim of the ledger)"
        )),
        None => error,
    }
}

/// A base named by uid: which candidate it is, when it is one of these.
fn describe_base(uid: &str, rows: &[Row]) -> String {
    match rows.iter().position(|r| r.input.get("uid") == Some(uid)) {
        Some(i) => format!("candidate {} ({})", i + 1, rows[i].input.get("value").unwrap_or_default()),
        None => format!("claim {uid}"),
    }
}

/// The quote with the figure marked: reverse video on a terminal, »…«
/// with NO_COLOR; control characters of the text shown as escapes. A figure
/// not written as found ("about -40%" of "lost about 40%") marks its number.
fn highlight(quote: &str, figure: &str, plain: bool) -> String {
    let unsigned = figure.replace(['-', '−'], "");
    let number = unsigned.split_whitespace().find(|w| w.contains(|c: char| c.is_ascii_digit()));
    let Some((at, len)) = [figure, &unsigned, number.unwrap_or_default()]
        .into_iter()
        .filter(|f| !f.is_empty())
        .find_map(|f| quote.find(f).map(|at| (at, f.len())))
    else {
        return inert(quote).into_owned();
    };
    let (before, rest) = quote.split_at(at);
    let (marked, after) = rest.split_at(len);
    let (on, off) = match plain {
        true => ("»", "«"),
        false => ("\x1b[1;7m", "\x1b[0m"),
    };
    format!("{}{on}{}{off}{}", inert(before), inert(marked), inert(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relation_may_name_a_candidate_by_number() {
        let today = chrono::NaiveDate::from_ymd_opt(2024, 12, 27).unwrap();
        assert_eq!(candidate_number("candidate 5"), Some(5));
        assert_eq!(candidate_number(" C2 "), Some(2));
        assert_eq!(candidate_number("demo-kursk-area-aug"), None);
        assert_eq!(candidate_number("7"), None, "a bare number is a claim id");
        assert!(matches!(validate("change_of", "candidate 7", today, 6), Validation::Invalid(_)));
        assert!(matches!(validate("change_of", "candidate 6", today, 6), Validation::Valid));
        assert!(matches!(validate("as_of", "2099-01-01", today, 6), Validation::Invalid(_)));
        assert!(matches!(validate("value", "dozens", today, 6), Validation::Invalid(_)));
    }

    #[test]
    fn the_figure_is_marked_in_its_quote() {
        let quote = "It has since lost about 40% of that territory, two officials said.";
        assert_eq!(
            highlight(quote, "about -40%", true),
            "It has since lost »about 40%« of that territory, two officials said."
        );
        assert_eq!(
            highlight("Ukraine seized about 380 square miles.", "about 380 square miles", true),
            "Ukraine seized »about 380 square miles«."
        );
        assert_eq!(
            highlight("More than 1,000 killed", "more than 1,000", false),
            "More than \x1b[1;7m1,000\x1b[0m killed"
        );
        assert_eq!(highlight("no figure \x1b[2J here", "12", true), "no figure \\e[2J here");
    }
}
