//! End-to-end tests: each runs the `claims` binary on a temporary ledger,
//! the way a researcher would, and checks its output and the ledger.

mod helper;

mod add;
mod bad_input;
mod charts;
mod checks;
mod corrections;
mod dates;
mod export;
mod extract_corpus;
mod figures;
mod guided;
mod hostile_text;
mod housekeeping;
mod import;
mod integrity;
mod intervals;
mod ledger_file;
mod list;
mod merge;
mod merge_corrections;
mod narrow;
mod one_step;
mod output;
mod pipes;
mod references;
mod report;
mod review;
mod safety;
mod series;
mod shell;
mod tamper;
mod vocab;
mod workflow;
