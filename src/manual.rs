//! The manual: one table of examples per subcommand, shown at the end of
//! its `--help` and in its manual page, and the sections every page ends
//! with (EXIT STATUS, ENVIRONMENT). The figures are the demo ledger's, from
//! the December 2024 reporting on North Korean troops in Kursk.

use roff::{bold, roman, Roff};

/// (subcommand, [(what it does, the command line)]).
pub const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    ("add", &[
        ("Record a weekly toll with its source and words",
         "claims add --metric dprk-troops.killed-weekly --value \"more than 1,000\" --as-of 2024-12-27 --from 2024-12-21 --source \"John Kirby\" --quote \"more than 1,000 North Korean soldiers were killed in Kursk this past week\""),
        ("Record a change relative to claim 2 (\"lost about 40% of it\")",
         "claims add --metric kursk.area-held-by-ukraine --value \"about -40%\" --as-of 2024-12-27 --change-of 2 --source \"News reports\""),
        ("Answer question by question on a terminal", "claims add"),
    ]),
    ("list", &[
        ("Every active claim in time order", "claims list"),
        ("One source's claims on one metric since August 2024",
         "claims list --metric kursk.area-held-by-ukraine --source \"News reports\" --since 2024-08"),
        ("Retracted and superseded claims too, as CSV", "claims list --all --format csv"),
    ]),
    ("show", &[("Everything known of claim 3", "claims show 3"), ("As JSON", "claims show 3 --format json")]),
    ("edit", &[
        ("Correct claim 3's figure; the old one is kept, superseded",
         "claims edit 3 --value \"more than 1,100\" --reason \"the ministry revised it\""),
        ("Correct its date", "claims edit 3 --as-of 2024-12-26 --reason \"date of the briefing\""),
    ]),
    ("retract", &[
        ("Retract claim 4, saying why", "claims retract 4 --reason \"the ministry withdrew the figure\""),
        ("Retract it as a named colleague", "claims retract 4 --reason \"double counted\" --by alice"),
    ]),
    ("reinstate", &[
        ("Undo the retraction of claim 4, saying why", "claims reinstate 4 --reason \"retracted by mistake\""),
        ("As a named colleague", "claims reinstate 4 --reason \"the ministry confirmed it\" --by alice"),
    ]),
    ("history", &[
        ("Every version of claim 3 and every change to it", "claims history 3"),
        ("The ledger as it stood on 1 December 2024", "claims history 3 --as-of 2024-12-01"),
    ]),
    ("metrics", &[
        ("The metrics, with counts", "claims metrics"),
        ("Declare a cumulative metric counted in soldiers",
         "claims metrics add dprk-troops.killed --kind cumulative --unit soldiers --label \"North Korean soldiers killed\""),
    ]),
    ("sources", &[("The sources, with counts", "claims sources"), ("As CSV", "claims sources --format csv")]),
    ("units", &[
        ("The units claims converts between", "claims units"),
        ("Count troops and soldiers as the same noun", "claims units alias troops soldiers"),
    ]),
    ("import", &[
        ("Check a file without writing a claim", "claims import rows.csv --dry-run"),
        ("Import, the column `figure` read as the value", "claims import rows.csv --map figure=value"),
        ("Import what can be, and the bad rows to a file", "claims import rows.csv --skip-bad rejects.csv"),
    ]),
    ("export", &[
        ("Every claim as CSV, to re-import elsewhere", "claims export -o claims.csv"),
        ("One metric's active claims as JSON Lines",
         "claims export --metric kursk.area-held-by-ukraine --active-only --format jsonl"),
    ]),
    ("timeline", &[
        ("A metric's claims in time order, changes and disagreements marked", "claims timeline kursk.area-held-by-ukraine"),
        ("In square kilometres, with a chart", "claims timeline kursk.area-held-by-ukraine --unit km² --chart kursk.svg"),
    ]),
    ("change", &[
        ("How much Kursk territory Ukraine lost from August to late December",
         "claims change kursk.area-held-by-ukraine --from 2024-08 --to 2024-12-27"),
        ("The same as JSON", "claims change kursk.area-held-by-ukraine --from 2024-08 --to 2024-12-27 --format json"),
    ]),
    ("compare", &[
        ("Each source's latest figure on a metric", "claims compare dprk-troops.killed-or-wounded"),
        ("As Markdown", "claims compare dprk-troops.killed-or-wounded --format md"),
    ]),
    ("latest", &[("The latest figure of every metric", "claims latest"), ("As CSV", "claims latest --format csv")]),
    ("report", &[
        ("A page with every metric", "claims report -o report.html"),
        ("Two metrics, replacing last week's page",
         "claims report -o report.html --force --metric kursk.area-held-by-ukraine --metric dprk-troops.deployed"),
    ]),
    ("check", &[
        ("Contradictions and suspicious figures", "claims check"),
        ("Exit 1 when there are any, for a script", "claims check --strict"),
    ]),
    ("verify", &[
        ("SQLite's checks, the invariants and the hash chains", "claims verify"),
        ("Prove that history before a head you noted was not rewritten", "claims verify --since HEAD"),
    ]),
    ("backup", &[
        ("A verified copy, even while the ledger is in use", "claims backup claims-2024-12-27.db"),
        ("A copy of another ledger", "claims --db team.db backup team-copy.db"),
    ]),
    ("extract", &[
        ("Candidate claims from an article, as CSV to review", "claims extract article.txt --stated 2024-12-27 -o candidates.csv"),
        ("As a table to read", "claims extract article.txt --stated 2024-12-27 --format table"),
    ]),
    ("merge", &[
        ("Bring a colleague's claims in", "claims merge alice.db"),
        ("Conflicts to a file of your choice", "claims merge alice.db --conflicts conflicts.csv"),
    ]),
    ("demo", &[
        ("The example ledger, in a file of its own", "claims --db demo.db demo"),
        ("Then read it", "claims --db demo.db timeline kursk.area-held-by-ukraine"),
    ]),
    ("completions", &[
        ("Complete claims in bash from now on", "echo 'source <(claims completions bash)' >> ~/.bashrc"),
        ("In zsh", "echo 'source <(claims completions zsh)' >> ~/.zshrc"),
        ("In fish", "claims completions fish > ~/.config/fish/completions/claims.fish"),
    ]),
    ("man", &[
        ("Every page, one per subcommand", "claims man --dir ~/.local/share/man/man1"),
        ("Read the main page now", "claims man | man -l -"),
    ]),
];

/// The environment variables claims reads, with what each does.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    ("CLAIMS_DB", "The ledger file when --db is not given (else claims.db in the current folder)."),
    ("CLAIMS_USER", "Who enters, corrects and retracts claims when --by is not given (else USER or USERNAME)."),
    ("CLAIMS_NOW", "The time claims takes as now (RFC 3339 or a day, 2024-12-27): entered_at, \"today\", the future-date rule."),
    ("CLAIMS_BUSY_TIMEOUT_MS", "How long to wait, in milliseconds, for another process writing the ledger (at most one hour)."),
    ("CLAIMS_GUIDED", "Set to anything: `claims add` with no flags asks its questions even when stdin and stderr do not look like a terminal (a pseudo-terminal); a terminal device is still needed."),
    ("NO_COLOR", "Set to anything but empty: no colour, even on a terminal (https://no-color.org)."),
    ("COLUMNS", "The width tables fit in, when it is not the terminal's."),
    ("COMPLETE", "Set by the shell code of `claims completions`: claims answers a TAB instead of running."),
];

/// What the exit code says.
pub const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success (also when the reader of the output closed the pipe early)."),
    ("1", "The ledger has problems: `check --strict` found some, or `verify` did not verify."),
    ("2", "An error: bad input or usage; nothing was written."),
];

/// The examples of `name`, if it has any.
pub fn examples(name: &str) -> &'static [(&'static str, &'static str)] {
    EXAMPLES.iter().find(|(n, _)| *n == name).map_or(&[], |(_, e)| e)
}

/// The command line with each subcommand's examples at the end of its help.
pub fn with_examples(mut command: clap::Command) -> clap::Command {
    for (name, examples) in EXAMPLES {
        let text = examples.iter().map(|(what, line)| format!("  {what}:\n    $ {line}")).collect::<Vec<_>>();
        let help = format!("Examples:\n{}", text.join("\n"));
        command = command.mut_subcommand(*name, |sub| sub.after_help(help));
    }
    command
}

/// The EXAMPLES, EXIT STATUS and ENVIRONMENT sections of `name`'s page
/// (`claims` for the main page, which has no examples of its own; a nested
/// subcommand shows the examples its own help ends with).
pub fn closing_sections(name: &str, own_examples: Option<&str>) -> Roff {
    let mut roff = Roff::new();
    // a subcommand's own "Examples:" text (`metrics rename`), line by line
    if let (true, Some(text)) = (examples(name).is_empty(), own_examples) {
        roff.control("SH", ["EXAMPLES"]);
        for line in text.lines().skip_while(|l| l.starts_with("Examples:")) {
            roff.text([roman(line.trim_start())]).control("br", []);
        }
    }
    if !examples(name).is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        for (what, line) in examples(name) {
            roff.control("TP", []).text([roman(*what)]).text([bold(*line)]);
        }
    }
    for (heading, entries) in [("EXIT STATUS", EXIT_STATUS), ("ENVIRONMENT", ENVIRONMENT)] {
        roff.control("SH", [heading]);
        for (term, text) in entries {
            roff.control("TP", []).text([bold(*term)]).text([roman(*text)]);
        }
    }
    roff
}
