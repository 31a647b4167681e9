//! Errors about what the user gave: they point at the input (file, line,
//! column, field) and carry a hint.

use std::fmt;

/// One thing wrong with the input, and where.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InputError {
    /// `FILE:LINE:COLUMN`, or a flag like `--value`.
    pub place: Option<String>,
    /// The field of DESIGN.md's vocabulary, when there is one.
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl InputError {
    pub fn new(message: impl Into<String>) -> Self {
        InputError { message: message.into(), ..Default::default() }
    }

    pub fn field(mut self, field: &str) -> Self {
        self.field = Some(field.to_string());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn at(mut self, place: impl Into<String>) -> Self {
        self.place = Some(place.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.place, &self.field) {
            (Some(place), Some(field)) => write!(f, "{place} ({field}): ")?,
            (Some(place), None) => write!(f, "{place}: ")?,
            (None, Some(field)) => write!(f, "{field}: ")?,
            (None, None) => {}
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// Several things wrong at once (an import reports every bad row).
#[derive(Debug, Clone, PartialEq)]
pub struct Problems {
    pub errors: Vec<InputError>,
    /// How many more there were beyond those kept.
    pub more: usize,
    pub summary: String,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary)?;
        for error in &self.errors {
            writeln!(f, "{error}")?;
        }
        if self.more > 0 {
            writeln!(f, "... and {} more", self.more)?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// The ledger found problems that are not errors of the command itself
/// (`check --strict`, `verify`): exit code 1.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Findings(pub String);
