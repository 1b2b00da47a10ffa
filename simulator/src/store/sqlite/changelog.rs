//! The change log: every change is appended to a plain file before its request is answered,
//! and folded into the database's tables about once a second ([`super::fold`]).
//!
//! Why: written through to the tables, each request's change dirtied pages of its own
//! workspace's rows (its journal leaf, its session, its aggregate), so a group commit of 32
//! requests wrote some 80 pages, and most of them again a moment later. Appended to one file,
//! a batch of changes is one `write`; folded once a second, several changes of a workspace
//! become one write of its rows, and a workspace created and deleted in between (a test's, a
//! benchmark's) is never written to the tables at all.
//!
//! The log is a sequence of *generations*, one file each (`changes.<generation>.log` in the
//! data directory). Requests append to the newest ([`super::appender`]); to fold, the folder
//! starts the next generation and takes the net changes of the previous ones, writes them to the
//! tables, records the generation in `meta` (`folded_log`) in the same transaction and removes
//! the file. At start, [`recover`] folds whatever generations a stopped or killed process left.
//!
//! A file is a header (`NSSCLOG1` and the generation, little-endian) and records, each the
//! length and CRC-32 of its payload (little-endian `u32`s) and the payload, a [`Record`] in
//! postcard. A killed process leaves complete records (each `write` returned before its
//! requests were answered; the kernel keeps what was written); a power cut can leave the newest
//! file's last record cut short or unwritten, which [`recover`] drops with a warning (the
//! requests it held may be lost, as with SQLite's `synchronous = NORMAL`; `--sync full` syncs
//! each append). A damaged record anywhere else is a damaged store: the start is refused.

use super::change::Change;
use super::fold;
use super::pending::Pending;
use super::schema::SyncMode;
use crate::store::StoreError;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MAGIC: &[u8; 8] = b"NSSCLOG1";
const HEADER_LEN: u64 = 16;

/// The newest generation's file is this much longer than its records, its space reserved ahead
/// (`fallocate`, or zeros written where the filesystem has no `fallocate`; not a hole: a full
/// disk is then an error of that call, never a fault of the mapping). It reads as zeros.
const AHEAD: u64 = 4 << 20;

/// One logged change.
#[derive(Debug, Deserialize)]
#[allow(clippy::large_enum_variant)] // read only at start, one at a time
pub enum Record {
    Write { key: i64, change: Change },
    Delete { key: i64 },
}

/// The same, borrowed, for writing (serialised exactly as [`Record`]).
#[derive(Serialize)]
enum RecordRef<'a> {
    Write { key: i64, change: &'a Change },
    Delete { key: i64 },
}

/// Appends a write of workspace `key` to `buf`.
pub fn encode_write(buf: &mut Vec<u8>, key: i64, change: &Change) -> Result<(), postcard::Error> {
    encode(buf, &RecordRef::Write { key, change })
}

/// Appends the deletion of workspace `key` to `buf`.
pub fn encode_delete(buf: &mut Vec<u8>, key: i64) {
    // A record of two integers always serialises.
    let _ = encode(buf, &RecordRef::Delete { key });
}

fn encode(buf: &mut Vec<u8>, record: &RecordRef) -> Result<(), postcard::Error> {
    let start = buf.len();
    buf.extend_from_slice(&[0; 8]);
    let out = postcard::to_extend(record, std::mem::take(buf));
    match out {
        Ok(b) => {
            *buf = b;
            let payload = &buf[start + 8..];
            let len = payload.len() as u32;
            let crc = crc32fast::hash(payload);
            buf[start..start + 4].copy_from_slice(&len.to_le_bytes());
            buf[start + 4..start + 8].copy_from_slice(&crc.to_le_bytes());
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// The file of one generation.
pub fn path(dir: &Path, generation: u64) -> PathBuf {
    dir.join(format!("changes.{generation:020}.log"))
}

/// The generation a file name stands for, if it is a change log's.
fn generation_of(name: &str) -> Option<u64> {
    name.strip_prefix("changes.")?
        .strip_suffix(".log")?
        .parse()
        .ok()
}

/// The generation being appended to: the file, mapped into memory (shared with the page cache)
/// over its whole length.
pub struct ChangeLog {
    dir: PathBuf,
    file: Arc<File>,
    map: memmap2::MmapMut,
    generation: u64,
    /// What the records take (the header included).
    len: u64,
    /// The file's length (and the map's): the records, then zeros.
    size: u64,
    sync: SyncMode,
}

impl ChangeLog {
    /// Starts generation `generation` (an empty file with its header).
    pub fn create(dir: &Path, generation: u64, sync: SyncMode) -> std::io::Result<Self> {
        let path = path(dir, generation);
        let mut file = File::options()
            .create(true)
            .truncate(true)
            .read(true)
            .write(true)
            .open(&path)?;
        let mut header = MAGIC.to_vec();
        header.extend_from_slice(&generation.to_le_bytes());
        file.write_all(&header)?;
        reserve(&file, HEADER_LEN, AHEAD)?;
        if sync == SyncMode::Full {
            file.sync_all()?;
            File::open(dir)?.sync_all()?;
        }
        let size = HEADER_LEN + AHEAD;
        let map = map(&file)?;
        Ok(ChangeLog {
            dir: dir.to_path_buf(),
            file: Arc::new(file),
            map,
            generation,
            len: HEADER_LEN,
            size,
            sync,
        })
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether anything was appended to this generation.
    pub fn has_records(&self) -> bool {
        self.len > HEADER_LEN
    }

    /// The file's length in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Tests: puts another file in place (a read-only one) and uses up the zeros ahead, so
    /// that the next append must extend the file, and fails.
    #[cfg(test)]
    pub fn replace_file_for_test(&mut self, file: File) {
        self.file = Arc::new(file);
        self.size = self.len;
    }

    /// The file, for the syncer of `--sync full`.
    pub fn file(&self) -> Arc<File> {
        Arc::clone(&self.file)
    }

    /// Appends encoded records after what was appended before: copied into the mapped file,
    /// that is into the kernel's page cache, which a killed process cannot take back (flushed to
    /// the disk by the appender's syncer with `--sync full`). When the zeros ahead run out, more
    /// are written and the file mapped again; a failure there (a full disk) fails the append and
    /// leaves the file as it was.
    pub fn append(&mut self, records: &[u8]) -> std::io::Result<()> {
        let end = self.len + records.len() as u64;
        if end > self.size {
            let size = end + AHEAD;
            reserve(&self.file, self.size, size - self.size)?;
            self.map = map(&self.file)?;
            self.size = size;
        }
        self.map[self.len as usize..end as usize].copy_from_slice(records);
        self.len = end;
        Ok(())
    }

    /// Starts the next generation; this one is then the folder's (flushed to the disk first
    /// with `--sync full`).
    pub fn rotate(&mut self) -> std::io::Result<()> {
        let next = ChangeLog::create(&self.dir, self.generation + 1, self.sync)?;
        let ChangeLog {
            file,
            map,
            len,
            sync,
            ..
        } = std::mem::replace(self, next);
        drop(map);
        // Without the zeros ahead, now that nothing maps it (the reader stops at zeros anyway).
        if let Err(e) = file.set_len(len) {
            tracing::warn!(error = %e, "a change log's zeros ahead could not be cut");
        }
        if sync == SyncMode::Full {
            file.sync_data()?;
        }
        Ok(())
    }
}

/// Extends the file by `n` bytes at `at` (its end), which read as zeros, their space reserved.
fn reserve(file: &File, at: u64, n: u64) -> std::io::Result<()> {
    use rustix::fs::{FallocateFlags, fallocate};
    match fallocate(file, FallocateFlags::empty(), at, n) {
        Ok(()) => Ok(()),
        Err(e) if e == rustix::io::Errno::OPNOTSUPP || e == rustix::io::Errno::NOSYS => {
            zeros(file, at, n)
        }
        Err(e) => Err(e.into()),
    }
}

/// Writes `n` zero bytes at `at` (extending the file).
fn zeros(file: &File, at: u64, n: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    const CHUNK: usize = 64 << 10;
    let zeros = vec![0u8; CHUNK];
    let mut done = 0;
    while done < n {
        let k = (n - done).min(CHUNK as u64) as usize;
        file.write_all_at(&zeros[..k], at + done)?;
        done += k as u64;
    }
    Ok(())
}

/// The whole file, mapped for writing and shared with the page cache.
fn map(file: &File) -> std::io::Result<memmap2::MmapMut> {
    // SAFETY: the file is the change log's newest generation, which only this store opens (its
    // data directory is locked) and which is never shortened while mapped (`ChangeLog::rotate`
    // drops the map before it cuts the zeros ahead), so no access through the map falls outside
    // the file; the map is only written through `ChangeLog::append`, under the appender's lock.
    unsafe { memmap2::MmapMut::map_mut(file) }
}

/// Removes the files of every generation up to `generation` (they are folded).
pub fn remove_through(dir: &Path, generation: u64) {
    for (g, path) in files(dir).unwrap_or_default() {
        if g <= generation
            && let Err(e) = std::fs::remove_file(&path)
        {
            tracing::warn!(error = %e, file = %path.display(), "a folded change log could not be removed");
        }
    }
}

/// The change logs in `dir`, oldest generation first.
fn files(dir: &Path) -> std::io::Result<Vec<(u64, PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if let Some(g) = entry.file_name().to_str().and_then(generation_of) {
            out.push((g, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// At start: folds into the tables whatever change logs a stopped or killed simulator left, and
/// removes them. Answers the generation to append to next.
pub fn recover(dir: &Path, conn: &mut Connection) -> Result<u64, StoreError> {
    let folded = fold::folded(conn)?;
    let files = files(dir).map_err(|e| {
        StoreError::Io(std::io::Error::new(
            e.kind(),
            format!("cannot list the data directory {}: {e}", dir.display()),
        ))
    })?;
    let newest = files.last().map(|(g, _)| *g);
    let mut pending = Pending::default();
    let mut last = folded;
    for (g, path) in &files {
        if *g <= folded {
            continue;
        }
        read(path, *g, Some(*g) == newest, &mut pending)?;
        last = *g;
    }
    if last > folded && !pending.is_empty() {
        tracing::info!(
            workspaces = pending.len(),
            through = last,
            "folding the change log a stopped simulator left"
        );
    }
    if last > folded {
        fold::fold(conn, &pending, last)?;
    }
    remove_through(dir, last);
    Ok(last + 1)
}

/// Reads one file's records into `pending`. `newest`: the file a crash may have cut short.
fn read(
    path: &Path,
    generation: u64,
    newest: bool,
    pending: &mut Pending,
) -> Result<(), StoreError> {
    let bytes = std::fs::read(path).map_err(|e| {
        StoreError::Io(std::io::Error::new(
            e.kind(),
            format!("cannot read the change log {}: {e}", path.display()),
        ))
    })?;
    let damaged = |detail: String| StoreError::Corrupt {
        id: None,
        detail: format!("the change log {} {detail}", path.display()),
    };
    if (bytes.len() as u64) < HEADER_LEN {
        // Created, and the process stopped before its header was written: nothing in it.
        return Ok(());
    }
    if &bytes[..8] != MAGIC || bytes[8..16] != generation.to_le_bytes() {
        return Err(damaged(
            "is not a change log of this generation (its header differs)".into(),
        ));
    }
    let mut at = HEADER_LEN as usize;
    while at < bytes.len() {
        if bytes[at..].iter().all(|b| *b == 0) {
            // The zeros written ahead of the appends: the end.
            return Ok(());
        }
        let record = bytes.get(at..at + 8).and_then(|h| {
            let len = u32::from_le_bytes(h[..4].try_into().ok()?) as usize;
            let crc = u32::from_le_bytes(h[4..].try_into().ok()?);
            let payload = bytes.get(at + 8..at + 8 + len)?;
            (len > 0 && crc32fast::hash(payload) == crc).then_some(payload)
        });
        let decoded = record.and_then(|p| postcard::from_bytes::<Record>(p).ok());
        let Some(record) = decoded else {
            if newest {
                tracing::warn!(
                    file = %path.display(),
                    offset = at,
                    ignored_bytes = bytes.len() - at,
                    "the change log ends with a record cut short (the machine stopped while it was written); it is ignored"
                );
                return Ok(());
            }
            return Err(damaged(format!("is damaged at byte {at}")));
        };
        at += 8 + u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default()) as usize;
        match record {
            Record::Write { key, change } => pending.write(key, change),
            Record::Delete { key } => pending.delete(key),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(state: &str) -> Change {
        Change {
            state: Some(state.into()),
            ..Default::default()
        }
    }

    #[test]
    fn records_read_back_and_a_cut_short_tail_of_the_newest_file_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = ChangeLog::create(dir.path(), 7, SyncMode::Normal).unwrap();
        assert!(!log.has_records());
        let mut buf = Vec::new();
        encode_write(&mut buf, 1, &change("a")).unwrap();
        encode_delete(&mut buf, 2);
        log.append(&buf).unwrap();
        buf.clear();
        encode_write(&mut buf, 1, &change("b")).unwrap();
        // Cut inside its payload (the file goes on with the zeros written ahead).
        log.append(&buf[..12]).unwrap();
        let p = path(dir.path(), 7);
        let mut pending = Pending::default();
        read(&p, 7, true, &mut pending).unwrap();
        let got: Vec<_> = pending.ordered().map(|(k, n)| (k, n.clone())).collect();
        use super::super::pending::Net;
        assert_eq!(got, vec![(1, Net::Write(change("a"))), (2, Net::Delete)]);
        // The same cut in a file that is not the newest: a damaged store.
        let err = read(&p, 7, false, &mut Pending::default()).unwrap_err();
        assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
        // A flipped byte in a complete record of an older file, too.
        let mut bytes = std::fs::read(&p).unwrap();
        bytes[HEADER_LEN as usize + 9] ^= 1;
        std::fs::write(&p, &bytes).unwrap();
        assert!(read(&p, 7, false, &mut Pending::default()).is_err());
        // Another generation's header.
        assert!(read(&p, 8, true, &mut Pending::default()).is_err());
    }

    #[test]
    fn names_and_generations() {
        let dir = Path::new("/d");
        let p = path(dir, 42);
        assert_eq!(
            generation_of(p.file_name().unwrap().to_str().unwrap()),
            Some(42)
        );
        assert_eq!(generation_of("changes.x.log"), None);
        assert_eq!(generation_of("workspaces.sqlite3"), None);
    }
}
