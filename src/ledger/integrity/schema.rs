//! The schema as shipped: the migration steps of the ledger's version are
//! applied to an empty database in memory, and every table, index, trigger
//! and view of the ledger must be one of those, with the same SQL. A
//! dropped trigger, a planted view or a loosened table shows.

use super::{define_functions, Problem};
use crate::ledger::migrate::STEPS;
use crate::ledger::Ledger;
use anyhow::{Context as _, Result};
use rusqlite::Connection;
use std::collections::BTreeMap;

/// (type, name) → SQL, for every schema object SQLite does not make itself
/// for statistics.
type Schema = BTreeMap<(String, String), Option<String>>;

const READ_SCHEMA: &str = "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%'";

impl Ledger {
    /// The ledger's `user_version`: how many migration steps it has.
    pub fn version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Schema objects missing, planted or changed against what the ledger's
    /// migration steps create.
    pub fn schema_problems(&self) -> Result<Vec<Problem>> {
        let version = self.version()?;
        let Some(steps) = usize::try_from(version).ok().and_then(|v| STEPS.get(..v)) else {
            return Ok(vec![problem(format!(
                "the ledger is of version {version}, which this claims (version {}) does not know",
                STEPS.len()
            ))]);
        };
        let mut expected = shipped(steps)?;
        let mut problems = Vec::new();
        for ((kind, name), sql) in read(&self.conn)? {
            match expected.remove(&(kind.clone(), name.clone())) {
                None => problems.push(problem(format!("{kind} {name} is not one claims creates"))),
                Some(shipped) if shipped != sql => {
                    problems.push(problem(format!("{kind} {name} differs from the one claims creates")))
                }
                Some(_) => {}
            }
        }
        for (kind, name) in expected.into_keys() {
            problems.push(problem(format!("{kind} {name} is missing")));
        }
        Ok(problems)
    }
}

/// The schema that `steps` create in an empty database.
pub(super) fn shipped(steps: &[&str]) -> Result<Schema> {
    let conn = Connection::open_in_memory()?;
    define_functions(&conn, None, String::new())?;
    for step in steps {
        conn.execute_batch(step).context("building the shipped schema to compare with")?;
    }
    read(&conn)
}

fn read(conn: &Connection) -> Result<Schema> {
    let mut stmt = conn.prepare(READ_SCHEMA)?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn problem(detail: String) -> Problem {
    Problem {
        check: "schema",
        claim: None,
        detail: format!("{detail}: the schema was changed outside claims"),
    }
}
