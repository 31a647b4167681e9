//! Writing output files whole or not at all, and never onto what claims
//! reads: the ledger, its `-wal`, `-shm` and `-journal`, or an input file.
//!
//! One overwrite rule for every file a command writes (`report -o`,
//! `export -o`, `extract -o`, `timeline --chart`, `import --skip-bad`,
//! `merge --conflicts`, `man --dir`): an existing file is refused unless the
//! command was given `--force`, because a report or a conflicts file a
//! researcher has edited is work, and a second run must not lose it.

use crate::error::InputError;
use anyhow::{Context as _, Result};
use std::io::{BufWriter, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The files a command must never write: each with what it is, to name it
/// in the error; and whether an existing file may be replaced (`--force`).
#[derive(Debug, Clone, Default)]
pub struct Protected {
    files: Vec<(PathBuf, &'static str)>,
    overwrite: bool,
}

/// A file as the file system knows it: where it really is, and its inode.
#[derive(PartialEq)]
struct Identity {
    path: PathBuf,
    inode: Option<(u64, u64)>,
}

impl Protected {
    /// The ledger file and the files SQLite keeps beside it.
    pub fn ledger(db: &Path) -> Self {
        let mut protected = Protected::default();
        protected.files.push((db.to_path_buf(), "the ledger"));
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            protected.files.push((PathBuf::from(name), "a file SQLite keeps beside the ledger"));
        }
        protected
    }

    /// Adds a file the command reads.
    pub fn reading(mut self, path: &Path) -> Self {
        self.files.push((path.to_path_buf(), "the file being read"));
        self
    }

    /// Lets an existing file (not a protected one) be replaced: `--force`.
    pub fn overwrite(mut self, force: bool) -> Self {
        self.overwrite = force;
        self
    }

    /// Refuses `target` when it is, by path, symlink or hard link, one of
    /// the protected files, or a folder; or when it exists and may not be
    /// replaced.
    pub fn check(&self, target: &Path) -> Result<()> {
        if target.is_dir() {
            return Err(InputError::new(format!("{} is a folder", target.display()))
                .hint("name a file to write, e.g. out/report.html")
                .into());
        }
        let written = identity(target);
        for (path, what) in &self.files {
            let kept = identity(path);
            let same_inode = written.inode.is_some() && written.inode == kept.inode;
            if same_inode || written.path == kept.path {
                return Err(InputError::new(format!(
                    "refusing to write {}: it is {what} ({})",
                    target.display(),
                    path.display()
                ))
                .hint("name another output file; claims never writes over what it reads")
                .into());
            }
        }
        if !self.overwrite && std::fs::symlink_metadata(target).is_ok() {
            return Err(InputError::new(format!("{} exists already", target.display()))
                .hint("add --force to replace it, or name another file")
                .into());
        }
        Ok(())
    }
}

/// Where `path` really is (symlinks and `..` resolved, also when the file
/// does not exist yet) and its device and inode when it exists.
fn identity(path: &Path) -> Identity {
    let inode = std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()));
    Identity { path: resolve(path, 0), inode }
}

fn resolve(path: &Path, depth: usize) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    // a dangling symlink points at where a write would land
    if let (Ok(link), true) = (std::fs::read_link(path), depth < 40) {
        let parent = path.parent().unwrap_or(Path::new("."));
        return resolve(&parent.join(link), depth + 1);
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => resolve(parent, depth + 1).join(name),
        _ => absolute,
    }
}

/// An output file being written: a temporary file in the target's folder,
/// renamed into place by `commit`. Dropped without `commit`, it leaves
/// nothing behind.
pub struct OutputFile {
    path: PathBuf,
    temp: BufWriter<tempfile::NamedTempFile>,
    replace: bool,
}

impl OutputFile {
    /// Checks `path` against `protected` and starts the temporary file.
    pub fn create(path: &Path, protected: &Protected) -> Result<OutputFile> {
        protected.check(path)?;
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !folder.is_dir() {
            return Err(InputError::new(format!(
                "cannot write {}: the folder {} does not exist",
                path.display(),
                folder.display()
            ))
            .hint("create the folder first, or name a file in an existing one")
            .into());
        }
        let temp = tempfile::Builder::new()
            .prefix(".claims-")
            .suffix(".partial")
            .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666))
            .tempfile_in(folder)
            .with_context(|| format!("creating a file in {} for {}", folder.display(), path.display()))?;
        Ok(OutputFile { path: path.to_path_buf(), temp: BufWriter::new(temp), replace: protected.overwrite })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The temporary file, for a writer that needs a path (SQLite's backup).
    pub fn temp_path(&self) -> &Path {
        self.temp.get_ref().path()
    }

    /// Writes the file to disk and renames it into place (over an existing
    /// file only when `--force` allowed it: one that appeared meanwhile is
    /// not replaced either).
    pub fn commit(self) -> Result<()> {
        let replace = self.replace;
        self.finish(replace)
    }

    /// As `commit`, but an existing file at the path is never replaced.
    pub fn commit_new(self) -> Result<()> {
        self.finish(false)
    }

    fn finish(self, replace: bool) -> Result<()> {
        let path = self.path;
        let writing = || format!("writing {}", path.display());
        let temp = self.temp.into_inner().map_err(|e| e.into_error()).with_context(writing)?;
        temp.as_file().sync_all().with_context(writing)?;
        let persisted = if replace { temp.persist(&path) } else { temp.persist_noclobber(&path) };
        persisted.map_err(|e| e.error).with_context(writing)?;
        Ok(())
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

/// Writes through `fill` to `path` whole or not at all: a failure or a kill
/// never leaves a half-written file, and a protected file is never written.
pub fn write_atomically<T>(
    path: &Path,
    protected: &Protected,
    fill: impl FnOnce(&mut dyn Write) -> Result<T>,
) -> Result<T> {
    let mut file = OutputFile::create(path, protected)?;
    let value = fill(&mut file).with_context(|| format!("writing {}", path.display()))?;
    file.commit()?;
    Ok(value)
}

/// Refuses to run when standard output is redirected into a protected file
/// (`claims export >> claims.db`): nothing is written to it.
pub fn check_stdout(protected: &Protected) -> Result<()> {
    use std::os::fd::AsFd;
    let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else { return Ok(()) };
    let Ok(metadata) = std::fs::File::from(fd).metadata() else { return Ok(()) };
    if !metadata.is_file() {
        return Ok(());
    }
    let stdout = Some((metadata.dev(), metadata.ino()));
    match protected.files.iter().find(|(path, _)| identity(path).inode == stdout) {
        // `>` empties the file before claims starts: say so, nothing else can
        Some((path, what)) if metadata.len() == 0 => Err(InputError::new(format!(
            "refusing to write: standard output is {what} ({}), which the shell's `>` has already emptied",
            path.display()
        ))
        .hint("restore it from your last `claims backup`; redirect output to another file")
        .into()),
        Some((path, what)) => {
            Err(InputError::new(format!("refusing to write: standard output is {what} ({})", path.display()))
                .hint("redirect the output to another file")
                .into())
        }
        None => Ok(()),
    }
}
