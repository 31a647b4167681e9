//! A reader that stops early (`claims export | head -1`) is success: every
//! command and format exits 0 with nothing on stderr.

use crate::helper::{deployed_csv, Workdir};
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// Runs `claims ARGS` with stdout a pipe, reads one line, closes the pipe.
fn first_line_then_close(w: &Workdir, args: &[&str]) {
    let mut child =
        w.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn claims");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    reader.read_line(&mut line).expect("one line");
    assert!(!line.is_empty(), "{args:?} printed nothing");
    drop(reader);
    let output = child.wait_with_output().expect("wait for claims");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{args:?} after a closed pipe: {stderr}");
    assert!(stderr.is_empty(), "{args:?} wrote to stderr: {stderr}");
}

#[test]
fn a_closed_pipe_is_success_for_every_command_and_format() {
    let w = Workdir::new();
    w.kursk_metrics();
    w.write("deployed.csv", deployed_csv(20_000));
    w.ok(&["import", "deployed.csv"]);
    for format in ["csv", "tsv", "json", "jsonl"] {
        first_line_then_close(&w, &["export", "--format", format]);
    }
    for format in ["table", "csv", "tsv", "json", "jsonl", "md"] {
        first_line_then_close(&w, &["list", "--format", format]);
    }
    for args in
        [&["timeline", "dprk-troops.deployed"][..], &["check"], &["latest"], &["sources"], &["metrics"]]
    {
        first_line_then_close(&w, args);
    }
}
