//! What claims says beside its output: `--quiet` silences progress and
//! summary lines; colour only on a terminal, never with `NO_COLOR` (or
//! `CLICOLOR=0`, `TERM=dumb`), never in a pipe or a file, and only where it
//! helps the eye: the `claims:` of an error, its hint, a disagreement.

use anstyle::{AnsiColor, Style};
use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Set once, from `--quiet`, before the command runs.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// A summary line on standard error ("exported 7 claims to ..."), unless quiet.
pub fn summary(line: std::fmt::Arguments) {
    if !quiet() {
        eprintln!("{line}");
    }
}

/// Whether this stream gets colour: anstream's rule (a terminal, and
/// neither NO_COLOR nor CLICOLOR=0 nor TERM=dumb).
fn colour<S: anstream::stream::RawStream>(stream: &S) -> bool {
    anstream::AutoStream::choice(stream) != anstream::ColorChoice::Never
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default();
const DISAGREE: Style = AnsiColor::Yellow.on_default().bold();

fn paint(on: bool, style: Style, text: &str) -> String {
    if on {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

/// An error message as `main` prints it: `claims:` and `hint:` coloured on
/// a terminal.
pub fn error_message(message: &str) -> String {
    let on = colour(&std::io::stderr());
    let text = message.replace("\n  hint: ", &format!("\n  {} ", paint(on, HINT, "hint:")));
    format!("{} {text}", paint(on, ERROR, "claims:"))
}

/// A line that reports a disagreement between sources, for standard output.
pub fn disagreement(text: &str) -> String {
    paint(colour(&std::io::stdout()), DISAGREE, text)
}
