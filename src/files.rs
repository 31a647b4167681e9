//! Writing output files whole or not at all.

use anyhow::{Context as _, Result};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Writes through `fill` to a file beside `path`, then renames it into
/// place: a failure or a kill never leaves a half-written file.
pub fn write_atomically<T>(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let partial = path.with_extension(format!(
        "{}partial",
        path.extension().map(|e| format!("{}.", e.to_string_lossy())).unwrap_or_default()
    ));
    let file = std::fs::File::create(&partial).with_context(|| format!("creating {}", path.display()))?;
    let mut writer = BufWriter::new(file);
    let result = fill(&mut writer).and_then(|value| {
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok(value)
    });
    match result {
        Ok(value) => {
            std::fs::rename(&partial, path).with_context(|| format!("writing {}", path.display()))?;
            Ok(value)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e.context(format!("writing {}", path.display())))
        }
    }
}
