//! Opening a ledger file: what the file is (a ledger, a new file, someone
//! else's database) is settled before anything is written to it.

use super::{migrate, Ledger};
use crate::error::InputError;
use anyhow::Result;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// The page size of a new ledger. A claim's row is about 400 bytes: a
/// 4 KiB page leaves half a row unused at its end, an 8 KiB page half as
/// much per byte (3% of the file at 200,000 claims). Set before the first
/// write; an existing ledger keeps its own.
const PAGE_SIZE: i64 = 8192;

/// `PRAGMA application_id` of every claims ledger ("CLMS").
pub const APPLICATION_ID: i64 = 0x434c_4d53;

/// How long a command waits for another process to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest wait `CLAIMS_BUSY_TIMEOUT_MS` may ask for: one hour.
const MAX_BUSY_TIMEOUT_MS: u64 = 3_600_000;

/// What a command means to do with the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Write, creating the ledger when the file is missing or empty.
    Create,
    /// Read, and write when the command does; the ledger must exist. On a
    /// read-only file or folder it is opened for reading only.
    Existing,
    /// Read only, never migrate or touch the file: another researcher's ledger.
    ReadOnly,
}

/// What a file holds, read before any write.
enum Identity {
    /// No tables yet: a new file.
    Empty,
    /// A claims ledger at this schema version.
    Ledger(i64),
    /// Some other SQLite database.
    Foreign,
}

impl Ledger {
    /// Opens a ledger, creating it when the file does not exist yet.
    pub fn open_or_create(path: &Path) -> Result<Ledger> {
        Self::open(path, Access::Create)
    }

    /// Opens an existing ledger; a missing or empty file is an error with a hint.
    pub fn open_existing(path: &Path) -> Result<Ledger> {
        Self::open(path, Access::Existing)
    }

    /// Opens another researcher's ledger without ever writing to it.
    pub fn open_read_only(path: &Path) -> Result<Ledger> {
        Self::open(path, Access::ReadOnly)
    }

    pub fn open(path: &Path, access: Access) -> Result<Ledger> {
        let present = check_file(path, access)?;
        let conn = connect(path, access, present)?;
        let writable = !conn.is_readonly(rusqlite::DatabaseName::Main)?;
        if access == Access::Create && !writable {
            return Err(read_only(path));
        }
        match identify(&conn).map_err(|e| unreadable(e, path))? {
            Identity::Foreign => return Err(foreign(path)),
            Identity::Empty if access != Access::Create => return Err(no_ledger(path, "it holds no ledger")),
            Identity::Empty if writable => conn.pragma_update(None, "page_size", PAGE_SIZE)?,
            Identity::Ledger(version) if version > migrate::VERSION => {
                return Err(migrate::newer(path, version))
            }
            _ => {}
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        super::integrity::define_functions(&conn, None, now)?;
        let mut ledger = Ledger { conn, path: path.to_path_buf(), cache: Default::default() };
        if writable && access != Access::ReadOnly {
            wal_mode(&ledger.conn)?;
            ledger.conn.pragma_update(None, "synchronous", "NORMAL")?;
            migrate::migrate(&mut ledger.conn, path)?;
        }
        ledger.read_older_as_current()?;
        Ok(ledger)
    }
}

/// Refuses what cannot be a ledger file before SQLite opens it (a folder,
/// a FIFO would block); says whether the file is there with content.
fn check_file(path: &Path, access: Access) -> Result<bool> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return match access {
                Access::Create => Ok(false),
                _ => Err(no_ledger(path, "the file does not exist")),
            };
        }
        Err(e) => return Err(InputError::new(format!("cannot read {}: {e}", path.display())).into()),
    };
    if metadata.is_dir() {
        return Err(InputError::new(format!("{} is a folder, not a ledger file", path.display()))
            .hint("give --db the path of a file, e.g. --db research/claims.db")
            .into());
    }
    if !metadata.is_file() {
        return Err(InputError::new(format!("{} is not a regular file (a pipe or device?)", path.display()))
            .hint("a ledger is an SQLite file on disk; give --db the path of one")
            .into());
    }
    if metadata.len() == 0 && access != Access::Create {
        return Err(no_ledger(path, "the file is empty"));
    }
    Ok(metadata.len() > 0)
}

/// The connection: read-write where the file allows (read-only otherwise,
/// unless the command must create), read-only for another's ledger, and
/// `immutable` on read-only media, where SQLite cannot make its `-shm` file.
fn connect(path: &Path, access: Access, present: bool) -> Result<Connection> {
    let base = OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let flags = match access {
        Access::Create => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        Access::Existing => OpenFlags::SQLITE_OPEN_READ_WRITE,
        Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
    };
    // another's ledger that nothing has open (no -wal or -journal beside it)
    // is read from its file alone: even a read-only connection would leave
    // a -wal and -shm beside it
    if access != Access::ReadOnly || !present || in_use(path) {
        let conn = Connection::open_with_flags(path, flags | base).map_err(|e| unreadable(e, path))?;
        conn.busy_timeout(busy_timeout()?)?;
        // only a file SQLite cannot open its -shm beside is read as immutable:
        // a busy ledger is waited for, never read without locks
        let probe = if present { conn.query_row("PRAGMA schema_version", [], |_| Ok(())) } else { Ok(()) };
        let no_shm = matches!(
            probe.as_ref().err().and_then(rusqlite::Error::sqlite_error_code),
            Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
        );
        if !no_shm || access == Access::Create {
            return Ok(conn);
        }
    }
    let conn = Connection::open_with_flags(immutable_uri(path), OpenFlags::SQLITE_OPEN_READ_ONLY | base)
        .map_err(|e| unreadable(e, path))?;
    conn.busy_timeout(busy_timeout()?)?;
    Ok(conn)
}

/// Whether a -wal or -journal file beside `path` says something has it open.
fn in_use(path: &Path) -> bool {
    ["-wal", "-journal"].iter().any(|suffix| {
        let mut beside = path.as_os_str().to_owned();
        beside.push(suffix);
        Path::new(&beside).exists()
    })
}

/// `file:` URI of `path` with `immutable=1`: read without locks or `-shm`.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for byte in absolute.to_string_lossy().bytes() {
        match byte {
            b'?' | b'#' | b'%' => uri.push_str(&format!("%{byte:02X}")),
            _ => uri.push(byte as char),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Reads the header and the table names only: nothing is written. One read
/// transaction for all of it: a process creating the ledger at the same time
/// must not be seen half done (tables there, version not yet read).
fn identify(conn: &Connection) -> rusqlite::Result<Identity> {
    let snapshot = conn.unchecked_transaction()?;
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    // ledgers made before the application id carry the claims and audit tables
    let ledger_tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('claims', 'audit_log', 'metrics')",
        [],
        |r| r.get(0),
    )?;
    snapshot.finish()?;
    Ok(if application_id == APPLICATION_ID || (application_id == 0 && version > 0 && ledger_tables == 3) {
        Identity::Ledger(version)
    } else if tables == 0 && version == 0 && application_id == 0 {
        Identity::Empty
    } else {
        Identity::Foreign
    })
}

/// Puts the ledger in WAL mode. On a new file, while another process sets
/// the mode too, SQLite answers "busy" without waiting: try again until the
/// busy timeout has passed.
fn wal_mode(conn: &Connection) -> Result<()> {
    let started = std::time::Instant::now();
    let timeout = busy_timeout()?;
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && started.elapsed() < timeout =>
            {
                std::thread::sleep(Duration::from_millis(5))
            }
            result => return result.map(drop).map_err(Into::into),
        }
    }
}

/// The busy timeout: `CLAIMS_BUSY_TIMEOUT_MS` (tests shorten it), else 10 s.
pub fn busy_timeout() -> Result<Duration> {
    let Ok(text) = std::env::var("CLAIMS_BUSY_TIMEOUT_MS") else { return Ok(BUSY_TIMEOUT) };
    match text.trim().parse::<u64>() {
        Ok(ms) if ms <= MAX_BUSY_TIMEOUT_MS => Ok(Duration::from_millis(ms)),
        _ => Err(InputError::new(format!("CLAIMS_BUSY_TIMEOUT_MS={text:?} is not a wait claims can use"))
            .hint(format!("give whole milliseconds from 0 to {MAX_BUSY_TIMEOUT_MS} (one hour), or unset it"))
            .into()),
    }
}

fn no_ledger(path: &Path, why: &str) -> anyhow::Error {
    InputError::new(format!("no ledger at {} ({why})", path.display()))
        .hint("start one with `claims metrics add ...`, `claims import FILE` or `claims demo`, or point at one with --db or CLAIMS_DB")
        .into()
}

fn foreign(path: &Path) -> anyhow::Error {
    InputError::new(format!("{} is an SQLite database but not a claims ledger", path.display()))
        .hint(
            "point --db at a claims ledger or a new file; claims never changes a database it did not create",
        )
        .into()
}

fn read_only(path: &Path) -> anyhow::Error {
    InputError::new(format!("cannot write to {}: the file or its folder is read-only, nothing was written", path.display()))
        .hint("reading works (list, timeline, export, verify); to write, copy the ledger to a folder you can write to")
        .into()
}

/// A file SQLite cannot read as a database.
fn unreadable(e: rusqlite::Error, path: &Path) -> anyhow::Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            InputError::new(format!("{} is not a claims ledger (not an SQLite database)", path.display()))
                .hint("check --db or CLAIMS_DB; claims never overwrites a file it did not create")
                .into()
        }
        _ => anyhow::Error::new(e).context(format!("opening ledger {}", path.display())),
    }
}
