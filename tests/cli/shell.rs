//! The shell around claims: completions that read the ledger (run through
//! bash's own completion function), the manual pages, the examples at the
//! end of every --help, the one overwrite rule, --quiet and colour.

use crate::helper::{Workdir, NOW};
use std::process::Command;

/// What bash's completion function offers for `line` (the last word is the
/// one being completed, empty after a trailing space), in `w`'s folder.
fn bash_complete(w: &Workdir, line: &str) -> Vec<String> {
    let script = format!(
        r#"source <("$CLAIMS" completions bash) || exit 9
line='{line}'
read -ra COMP_WORDS <<< "$line"
[[ "$line" == *" " ]] && COMP_WORDS+=("")
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="$line"; COMP_POINT=${{#line}}
cur="${{COMP_WORDS[COMP_CWORD]}}"; prev="${{COMP_WORDS[COMP_CWORD-1]}}"
_clap_complete_claims claims "$cur" "$prev"
printf '%s\n' "${{COMPREPLY[@]}}""#
    );
    let out = Command::new("bash")
        .args(["--norc", "-c", &script])
        .current_dir(w.path())
        .env("CLAIMS", env!("CARGO_BIN_EXE_claims"))
        .env("CLAIMS_DB", w.db())
        .env("CLAIMS_NOW", NOW)
        .output()
        .expect("bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{line}: {stderr}");
    String::from_utf8(out.stdout).unwrap().lines().filter(|l| !l.is_empty()).map(String::from).collect()
}

#[test]
fn bash_completes_the_ledgers_metrics_and_sources_and_the_fixed_values() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    assert_eq!(bash_complete(&w, "claims timeline kur"), ["kursk.area-held-by-ukraine"]);
    assert_eq!(
        bash_complete(&w, "claims list --metric dprk-troops.k"),
        ["dprk-troops.killed-or-wounded", "dprk-troops.killed-weekly"]
    );
    assert_eq!(bash_complete(&w, "claims compare --format j"), ["json", "jsonl"]);
    // a name with a space comes escaped, so that bash keeps it one word
    assert_eq!(bash_complete(&w, "claims list --source jo"), ["John\\ Kirby"]);
    assert_eq!(bash_complete(&w, "claims add --source-kind go"), ["government"]);
    assert_eq!(bash_complete(&w, "claims metrics add x --kind c"), ["cumulative"]);
    assert_eq!(bash_complete(&w, "claims sources merge Vol"), ["Volodymyr\\ Zelensky"]);
    assert_eq!(bash_complete(&w, "claims metrics retire kursk."), ["kursk.area-held-by-ukraine"]);
    let keys = |line: &str| -> Vec<String> {
        bash_complete(&w, line).into_iter().filter(|c| !c.starts_with('-')).collect()
    };
    assert_eq!(keys("claims metrics unretire "), Vec::<String>::new(), "none is retired");
    w.ok(&["metrics", "retire", "kursk.area-held-by-ukraine"]);
    assert_eq!(keys("claims metrics unretire "), ["kursk.area-held-by-ukraine"]);
    assert_eq!(bash_complete(&w, "claims metrics unretire k"), ["kursk.area-held-by-ukraine"]);
    assert!(!bash_complete(&w, "claims metrics retire ").contains(&"kursk.area-held-by-ukraine".to_string()));
    assert!(!bash_complete(&w, "claims timeline ").contains(&"kursk.area-held-by-ukraine".to_string()));
    w.ok(&["metrics", "unretire", "kursk.area-held-by-ukraine"]);
    let subcommands = bash_complete(&w, "claims ti");
    assert_eq!(subcommands, ["timeline"]);
}

/// Whether `shell` is installed; when it is not, the test is skipped with
/// the reason printed, unless `CLAIMS_REQUIRE_SHELLS=1` (scripts/test, which
/// installs zsh and fish) makes that a failure.
fn have(shell: &str) -> bool {
    let found = Command::new(shell).args(["-c", "exit 0"]).output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CLAIMS_REQUIRE_SHELLS").is_none_or(|v| v != "1"),
            "{shell} is not installed and CLAIMS_REQUIRE_SHELLS=1"
        );
        eprintln!("skipped: {shell} is not installed (scripts/test installs it)");
    }
    found
}

/// Runs `script` in `shell` in `w`'s folder, with a home of its own there.
fn in_shell(w: &Workdir, shell: &str, args: &[&str], script: &str) -> Vec<String> {
    let out = Command::new(shell)
        .args(args)
        .arg(script)
        .current_dir(w.path())
        .env("HOME", w.path())
        .env("XDG_CONFIG_HOME", w.path().join("config"))
        .env("XDG_DATA_HOME", w.path().join("data"))
        .env("CLAIMS", env!("CARGO_BIN_EXE_claims"))
        .env("CLAIMS_DB", w.db())
        .env("CLAIMS_NOW", NOW)
        .output()
        .unwrap_or_else(|e| panic!("{shell}: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.is_empty(), "{shell}: {script}: {stderr}");
    String::from_utf8(out.stdout).unwrap().lines().filter(|l| !l.is_empty()).map(String::from).collect()
}

/// What zsh's completion function offers for the words of `line` (the
/// last one being completed): zsh's `_describe` is stood in for by one that
/// prints the candidates it is given, `value:description`.
fn zsh_complete(w: &Workdir, line: &str) -> Vec<String> {
    let script = format!(
        r#"compdef() {{ : }}
_describe() {{ print -rl -- "${{(@P)3}}" }}
source <("$CLAIMS" completions zsh) || exit 9
line='{line}'
words=(${{(z)line}})
[[ "$line" == *" " ]] && words+=("")
CURRENT=${{#words}}
_clap_dynamic_completer_claims"#
    );
    let offered = in_shell(w, "zsh", &["-f", "-c"], &script);
    offered.into_iter().map(|c| c.split(':').next().unwrap_or_default().to_string()).collect()
}

/// What fish offers for `line`, through its own `complete --do-complete`.
fn fish_complete(w: &Workdir, line: &str) -> Vec<String> {
    let script = format!(r#""$CLAIMS" completions fish | source; complete --do-complete '{line}'"#);
    let offered = in_shell(w, "fish", &["--no-config", "-c"], &script);
    offered.into_iter().map(|c| c.split('\t').next().unwrap_or_default().to_string()).collect()
}

#[test]
fn zsh_and_fish_complete_the_ledgers_words_as_bash_does() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.ok(&["metrics", "retire", "dprk-troops.deployed"]);
    for (shell, complete) in
        [("zsh", zsh_complete as fn(&Workdir, &str) -> Vec<String>), ("fish", fish_complete)]
    {
        if !have(shell) {
            continue;
        }
        assert_eq!(complete(&w, "claims timeline kur"), ["kursk.area-held-by-ukraine"], "{shell}");
        assert_eq!(
            complete(&w, "claims list --metric dprk-troops.k"),
            ["dprk-troops.killed-or-wounded", "dprk-troops.killed-weekly"],
            "{shell}"
        );
        assert_eq!(complete(&w, "claims list --source jo"), ["John Kirby"], "{shell}");
        assert_eq!(complete(&w, "claims add --source-kind go"), ["government"], "{shell}");
        assert_eq!(complete(&w, "claims metrics unretire d"), ["dprk-troops.deployed"], "{shell}");
        assert_eq!(complete(&w, "claims timeline dprk-troops.dep"), Vec::<String>::new(), "{shell}: retired");
        assert_eq!(complete(&w, "claims ti"), ["timeline"], "{shell}");
    }
}

#[test]
fn completion_reads_the_ledger_the_line_names_and_never_writes_or_fails() {
    let w = Workdir::new();
    w.ok(&["--db", "other.db", "metrics", "add", "sudan.displaced", "--kind", "level", "--unit", "people"]);
    assert_eq!(bash_complete(&w, "claims --db other.db timeline su"), ["sudan.displaced"]);
    // CLAIMS_DB names a ledger that does not exist: nothing offered, nothing created
    assert!(bash_complete(&w, "claims timeline su").is_empty());
    let offered = bash_complete(&w, "claims timeline ");
    assert!(offered.iter().all(|o| o.starts_with("--")), "only flags: {offered:?}");
    assert!(!w.db().exists(), "a completion created the ledger");
    // not a ledger at all: still quiet
    std::fs::write(w.db(), "metric,value\n").unwrap();
    assert!(bash_complete(&w, "claims list --source ").is_empty());
    assert_eq!(std::fs::read_to_string(w.db()).unwrap(), "metric,value\n");
}

#[test]
fn zsh_and_fish_are_answered_by_the_same_engine() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    let exe = env!("CARGO_BIN_EXE_claims");
    for (shell, marker) in [("bash", "complete -o nospace"), ("zsh", "#compdef claims"), ("fish", "complete")]
    {
        let script = w.ok(&["completions", shell]);
        assert!(script.contains(marker) && script.contains(exe), "{shell}: {script}");
    }
    // what fish's script asks: candidates with their descriptions
    let out =
        w.command(&["--", "claims", "timeline", "dprk-troops.d"]).env("COMPLETE", "fish").output().unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "dprk-troops.deployed\tNorth Korean troops sent to Russia\n"
    );
}

/// Every string literal `CLAIMS_...` in src/: the environment claims reads.
fn variables_read() -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split("\"CLAIMS_").skip(1) {
                let name: String =
                    piece.chars().take_while(|c| c.is_ascii_uppercase() || *c == '_').collect();
                if piece[name.len()..].starts_with('"') {
                    found.push(format!("CLAIMS_{name}"));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn man_writes_a_page_per_subcommand_with_every_flag_examples_and_environment() {
    let w = Workdir::new();
    w.ok(&["man", "--dir", "man"]);
    let variables = variables_read();
    assert!(variables.len() >= 4, "{variables:?}");
    let command = claims::cli::command();
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let page = std::fs::read_to_string(w.path().join(format!("man/claims-{}.1", sub.get_name())))
            .unwrap_or_else(|e| panic!("claims-{}.1: {e}", sub.get_name()));
        for section in ["EXAMPLES", "EXIT STATUS", "ENVIRONMENT"] {
            assert!(
                page.contains(&format!(".SH \"{section}\"")) || page.contains(&format!(".SH {section}")),
                "claims-{}.1 has no {section}",
                sub.get_name()
            );
        }
        for variable in &variables {
            assert!(page.contains(variable.as_str()), "claims-{}.1 lacks {variable}", sub.get_name());
        }
        for flag in sub.get_arguments().filter_map(|a| a.get_long()) {
            // roff writes a dash as \-
            assert!(
                page.contains(&format!("\\-\\-{}", flag.replace('-', "\\-"))),
                "claims-{}.1 lacks --{flag}",
                sub.get_name()
            );
        }
    }
    assert!(w.path().join("man/claims.1").exists() && w.path().join("man/claims-metrics-add.1").exists());
    // the one overwrite rule: a second run is refused until --force
    let stderr = w.fails(&["man", "--dir", "man"]);
    assert!(stderr.contains("exists already") && stderr.contains("--force"), "{stderr}");
    w.ok(&["man", "--dir", "man", "--force"]);
    let main = w.ok(&["man"]);
    assert!(main.contains(".TH claims 1") && main.contains("CLAIMS_BUSY_TIMEOUT_MS"), "{main}");
}

/// A command line split as a shell would, for the examples' simple quoting.
fn words(line: &str) -> Vec<String> {
    let (mut words, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    for c in line.chars() {
        match c {
            '"' => (quoted, any) = (!quoted, true),
            ' ' if !quoted => {
                if any || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if any || !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn every_help_ends_with_examples_that_parse() {
    let w = Workdir::new();
    for (name, examples) in claims::manual::EXAMPLES {
        assert!((2..=3).contains(&examples.len()), "{name} has {} examples", examples.len());
        let help = w.ok(&[name, "--help"]);
        // help wraps long lines: compare the words
        let flat = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let tail = flat(help.rsplit("Examples:\n").next().unwrap());
        assert!(
            help.contains("Examples:\n") && tail.ends_with(&flat(examples.last().unwrap().1)),
            "{name}:\n{help}"
        );
        for (_, line) in examples.iter().filter(|(_, l)| l.starts_with("claims ") && !l.contains(['|', '>']))
        {
            let parsed = claims::cli::command().try_get_matches_from(words(line));
            assert!(parsed.is_ok(), "{line}: {}", parsed.unwrap_err());
        }
    }
    let named: Vec<&str> = claims::manual::EXAMPLES.iter().map(|(n, _)| *n).collect();
    for sub in claims::cli::command().get_subcommands().filter(|s| s.get_name() != "help") {
        assert!(named.contains(&sub.get_name()), "{} has no examples", sub.get_name());
    }
}

#[test]
fn every_output_file_is_refused_when_it_exists_unless_forced() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.write("article.txt", "Officials said on Friday that more than 1,000 people had died.\n");
    w.write("bad.csv", "metric,value,as_of\nkursk.area-held-by-ukraine,not a figure,2024-08\n");
    let commands: &[&[&str]] = &[
        &["report", "-o", "out.file"],
        &["export", "-o", "out.file"],
        &["extract", "article.txt", "-o", "out.file"],
        &["timeline", "kursk.area-held-by-ukraine", "--chart", "out.file"],
        &["import", "bad.csv", "--skip-bad", "out.file"],
    ];
    for args in commands {
        w.write("out.file", "kept: someone's work");
        let stderr = w.fails(args);
        assert!(stderr.contains("out.file exists already"), "{args:?}: {stderr}");
        assert!(stderr.contains("hint: add --force to replace it"), "{args:?}: {stderr}");
        assert_eq!(
            std::fs::read_to_string(w.path().join("out.file")).unwrap(),
            "kept: someone's work",
            "{args:?}"
        );
        let mut forced = args.to_vec();
        forced.push("--force");
        w.ok(&forced);
        let written = std::fs::read_to_string(w.path().join("out.file")).unwrap();
        assert!(!written.contains("kept: someone's work") && !written.is_empty(), "{args:?}");
    }
    // --force never reaches the ledger itself
    let db = w.db().display().to_string();
    let stderr = w.fails(&["export", "-o", &db, "--force"]);
    assert!(stderr.contains("it is the ledger"), "{stderr}");
    // a backup never replaces a file, and has no --force
    w.write("copy.db", "older copy");
    assert!(w.fails(&["backup", "copy.db"]).contains("copy.db exists already"));
    w.usage_error(&["backup", "copy.db", "--force"]);
}

#[test]
fn quiet_leaves_out_progress_and_summaries_but_not_results_or_errors() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    w.write("article.txt", "Officials said on Friday that more than 1,000 people had died.\n");
    for args in [
        &["export", "-o", "all.csv", "--quiet"][..],
        &["-q", "extract", "article.txt", "-o", "candidates.csv"],
        &["report", "-o", "report.html", "-q"],
        &["man", "--dir", "man", "--quiet"],
    ] {
        let run = w.run(args);
        assert_eq!((run.code(), run.stdout(), run.stderr()), (0, String::new(), String::new()), "{args:?}");
    }
    assert!(w.run(&["export", "-o", "all2.csv"]).stderr().starts_with("exported 6 claims to all2.csv"));
    assert_eq!(w.ok(&["--quiet", "latest", "--format", "csv"]), w.ok(&["latest", "--format", "csv"]));
    let stderr = w.fails(&["--quiet", "timeline", "no.such-metric"]);
    assert!(!stderr.is_empty());
}

/// `claims` on a terminal (a pty), with `extra` in its environment.
fn on_a_terminal(w: &Workdir, args: &[&str], extra: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_claims"));
    command
        .args(args)
        .current_dir(w.path())
        .env("CLAIMS_DB", w.db())
        .env("CLAIMS_NOW", NOW)
        .env("TERM", "xterm")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in extra {
        command.env(k, v);
    }
    let mut session = rexpect::session::spawn_command(command, Some(10_000)).unwrap();
    session.exp_eof().unwrap()
}

#[test]
fn colour_on_a_terminal_only_and_never_with_no_color() {
    let w = Workdir::new();
    w.ok(&["demo"]);
    // two sources that cannot both hold for the same week: a disagreement
    w.ok(&[
        "add",
        "--metric",
        "dprk-troops.killed-weekly",
        "--value",
        "about 100",
        "--as-of",
        "2024-12-27",
        "--from",
        "2024-12-21",
        "--source",
        "Test source",
    ]);
    let error = on_a_terminal(&w, &["timeline", "no.such-metric"], &[]);
    assert!(error.contains("\u{1b}[1m\u{1b}[31mclaims:") || error.contains("\u{1b}[31m"), "{error:?}");
    let plain = on_a_terminal(&w, &["timeline", "no.such-metric"], &[("NO_COLOR", "1")]);
    assert!(!plain.contains('\u{1b}') && plain.starts_with("claims: "), "{plain:?}");
    let timeline = on_a_terminal(&w, &["timeline", "dprk-troops.killed-weekly"], &[]);
    let disagreement = timeline.lines().find(|l| l.contains("2024-12-21..2024-12-27:")).unwrap();
    assert!(disagreement.contains('\u{1b}'), "a disagreement is coloured: {timeline:?}");
    assert!(timeline.lines().filter(|l| l.contains('\u{1b}')).count() == 1, "only it: {timeline:?}");
    let plain = on_a_terminal(&w, &["timeline", "dprk-troops.killed-weekly"], &[("NO_COLOR", "1")]);
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    // piped: never
    let piped = w.ok(&["timeline", "dprk-troops.killed-weekly"]);
    assert!(piped.contains("2024-12-21..2024-12-27: ") && !piped.contains('\u{1b}'), "{piped}");
}
