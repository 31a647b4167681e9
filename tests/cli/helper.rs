//! Runs the binary in a temporary folder with a pinned clock and user, and
//! on failure shows the command, its stdout and its stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The day tests pretend it is: later dates are "in the future".
pub const NOW: &str = "2026-11-25T12:00:00Z";

pub struct Workdir {
    dir: tempfile::TempDir,
}

pub struct Run {
    pub argv: Vec<String>,
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    fn explain(&self) -> String {
        format!(
            "\n$ claims {}\nexit: {}\n--- stdout\n{}\n--- stderr\n{}",
            self.argv.join(" "),
            self.code(),
            self.stdout(),
            self.stderr()
        )
    }
}

impl Workdir {
    pub fn new() -> Self {
        Workdir { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.db")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_claims"));
        cmd.args(args)
            .current_dir(self.path())
            .env("CLAIMS_DB", self.db())
            .env("CLAIMS_NOW", NOW)
            .env("CLAIMS_USER", "tester")
            .env("TZ", "UTC")
            .env_remove("COLUMNS")
            .stdin(Stdio::null());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let output = self.command(args).output().expect("run claims");
        Run { argv: args.iter().map(|a| a.to_string()).collect(), output }
    }

    /// Runs with `stdin` as standard input.
    pub fn run_with_stdin(&self, args: &[&str], stdin: &[u8]) -> Run {
        use std::io::Write;
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        let output = child.wait_with_output().unwrap();
        Run { argv: args.iter().map(|a| a.to_string()).collect(), output }
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code(), 0, "expected success{}", run.explain());
        run.stdout()
    }

    /// Adds each (value, as of, source) as a claim of `metric`.
    pub fn add_figures(&self, metric: &str, figures: &[(&str, &str, &str)]) {
        for (value, as_of, source) in figures {
            self.ok(&["add", "--metric", metric, "--value", value, "--as-of", as_of, "--source", source]);
        }
    }

    /// Runs and expects exit code 2; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code(), 2, "expected exit code 2{}", run.explain());
        assert!(run.stderr().starts_with("claims: "), "errors start with `claims: `{}", run.explain());
        run.stderr()
    }

    /// Runs and expects clap to refuse the command line (exit code 2).
    pub fn usage_error(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code(), 2, "expected a usage error{}", run.explain());
        run.stderr()
    }

    /// Runs with `--format json` and parses what it prints.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        let out = self.ok(&args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Copies a file of tests/data into the work folder.
    pub fn data(&self, name: &str) -> String {
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name);
        std::fs::copy(&from, self.path().join(name)).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        name.to_string()
    }

    /// Rows in a table of the ledger, read with SQLite directly.
    pub fn count(&self, table: &str) -> i64 {
        if !self.db().exists() {
            return 0;
        }
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    /// One value from the ledger, read with SQLite directly.
    pub fn sql(&self, query: &str) -> String {
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        conn.query_row(query, [], |r| r.get::<_, rusqlite::types::Value>(0))
            .map(|v| match v {
                rusqlite::types::Value::Null => "NULL".into(),
                rusqlite::types::Value::Integer(i) => i.to_string(),
                rusqlite::types::Value::Real(f) => f.to_string(),
                rusqlite::types::Value::Text(t) => t,
                rusqlite::types::Value::Blob(_) => "<blob>".into(),
            })
            .unwrap()
    }

    /// Declares the metrics of the Kursk example.
    pub fn kursk_metrics(&self) {
        self.ok(&[
            "metrics",
            "add",
            "kursk.area-held-by-ukraine",
            "--kind",
            "level",
            "--unit",
            "sq mi",
            "--label",
            "Kursk territory held by Ukraine",
        ]);
        self.ok(&["metrics", "add", "dprk-troops.deployed", "--kind", "level", "--unit", "soldiers"]);
        self.ok(&["metrics", "add", "dprk-troops.killed-weekly", "--kind", "period", "--unit", "soldiers"]);
        self.ok(&[
            "metrics",
            "add",
            "dprk-troops.killed-or-wounded",
            "--kind",
            "cumulative",
            "--unit",
            "soldiers",
        ]);
    }

    /// Counts of every table a failed command must leave alone.
    pub fn snapshot_counts(&self) -> [i64; 5] {
        ["claims", "metrics", "sources", "documents", "audit_log"].map(|t| self.count(t))
    }
}

/// A large, plain import file: `rows` figures of troops deployed in January 2024.
pub fn deployed_csv(rows: u32) -> String {
    let mut csv = String::from("metric,value,as_of,source\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "dprk-troops.deployed,\"{}\",2024-01-{:02},Source {}\n",
            1000 + i,
            1 + i % 28,
            i % 7
        ));
    }
    csv
}

/// A ledger with the Derna floods' death toll declared, and `article` written
/// as derna.txt beside it: for the tests of extract into the ledger.
pub fn derna_article_ledger(article: &str) -> Workdir {
    let w = Workdir::new();
    w.ok(&[
        "metrics",
        "add",
        "derna.deaths",
        "--kind",
        "cumulative",
        "--unit",
        "people",
        "--label",
        "Deaths",
    ]);
    w.write("derna.txt", article);
    w
}
