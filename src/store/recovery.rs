//! Recovery files: the unsaved state of an open issue, written by the editor a moment after
//! each change (and on SIGTERM, SIGHUP and panic) so that a crash or a kill loses at most
//! the last second or two of typing.
//!
//! One file per issue file, in `<state>/recovery/`, named after the issue file and a hash
//! of its full path — two workspaces with a `2026-46.toml` each never share one. A
//! recovery file holds the whole issue as it stood, every pooled item that differs from
//! its pool file, and the ids of pooled items deleted since the last save. The issue and
//! the items are kept in their own file format (as strings), so that restoring goes
//! through the same strict loader as opening.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;

use super::atomic::write_atomic_no_backup;
use super::error::{Result, StoreError};
use super::load::{parse, parse_plain, read_text};
use super::write::{basic_string, issue_toml, pool_item_toml};
use crate::model::{Issue, Item, PoolFile};

/// The unsaved state of one issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub issue: Issue,
    /// Pooled items that differ from their pool files, or have none yet.
    pub pool_changed: Vec<Item>,
    /// Ids of pooled items deleted since the last save.
    pub pool_removed: Vec<String>,
}

/// A recovery file as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovered {
    pub file: PathBuf,
    pub issue_path: PathBuf,
    /// When it was written (seconds since 1970) and as local time for people.
    pub written_unix: u64,
    pub written: String,
    pub snapshot: Snapshot,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecoveryFile {
    format: u32,
    issue_path: PathBuf,
    written_unix: u64,
    written: String,
    pid: u32,
    #[serde(default)]
    pool_removed: Vec<String>,
    issue: String,
    #[serde(default)]
    pool: Vec<String>,
}

/// FNV-1a: stable across Rust versions, unlike the standard hasher.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The issue file's full path, through symlinks, as far as it exists.
pub fn canonical(issue_path: &Path) -> PathBuf {
    if let Ok(p) = fs::canonicalize(issue_path) {
        return p;
    }
    match (issue_path.parent(), issue_path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
            fs::canonicalize(dir).map(|d| d.join(name)).unwrap_or_else(|_| issue_path.to_path_buf())
        }
        _ => issue_path.to_path_buf(),
    }
}

/// The recovery file of `issue_path` in the recovery folder `dir`.
pub fn recovery_file(dir: &Path, issue_path: &Path) -> PathBuf {
    let full = canonical(issue_path);
    let stem = full.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let stem: String = stem.chars().filter(|c| c.is_alphanumeric() || "-_".contains(*c)).take(40).collect();
    dir.join(format!("{stem}-{:016x}.toml", fnv(full.as_os_str().as_encoded_bytes())))
}

/// The text of a recovery file.
pub fn recovery_text(issue_path: &Path, snapshot: &Snapshot, now: SystemTime) -> String {
    let unix = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let written = jiff::Timestamp::try_from(now)
        .map(|t| t.to_zoned(jiff::tz::TimeZone::system()).strftime("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default();
    let mut out =
        String::from("# jianbao: unsaved changes, kept in case the editor stopped before they were saved.\n");
    out.push_str("format = 1\n");
    out.push_str(&format!("issue_path = {}\n", basic_string(&canonical(issue_path).to_string_lossy())));
    out.push_str(&format!("written_unix = {unix}\n"));
    out.push_str(&format!("written = {}\n", basic_string(&written)));
    out.push_str(&format!("pid = {}\n", std::process::id()));
    let removed: Vec<String> = snapshot.pool_removed.iter().map(|id| basic_string(id)).collect();
    out.push_str(&format!("pool_removed = [{}]\n", removed.join(", ")));
    out.push_str(&format!("issue = {}\n", basic_string(&issue_toml(&snapshot.issue))));
    out.push_str("pool = [\n");
    for item in &snapshot.pool_changed {
        out.push_str(&format!("  {},\n", basic_string(&pool_item_toml(item))));
    }
    out.push_str("]\n");
    out
}

/// Write the recovery file of `issue_path` into `dir` (atomically, flushed to disk).
pub fn write_recovery(dir: &Path, issue_path: &Path, snapshot: &Snapshot) -> Result<PathBuf> {
    fs::create_dir_all(dir).map_err(|e| StoreError::write(dir, &e))?;
    let file = recovery_file(dir, issue_path);
    let text = recovery_text(issue_path, snapshot, SystemTime::now());
    write_atomic_no_backup(&file, text.as_bytes()).map_err(|e| StoreError::write(&file, &e))?;
    Ok(file)
}

/// Write the unsaved state of an issue whose lock another jianbao took over: not to the
/// issue's recovery file (the new holder writes that one) but to `lost/` beside it, named
/// after the issue and the time, so that it can be read back with the same reader.
pub fn write_lost(dir: &Path, issue_path: &Path, snapshot: &Snapshot) -> Result<PathBuf> {
    let lost = dir.join("lost");
    fs::create_dir_all(&lost).map_err(|e| StoreError::write(&lost, &e))?;
    let name = recovery_file(dir, issue_path);
    let stem = name.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let file = lost.join(format!("{stem}-{stamp}-{}.toml", std::process::id()));
    let text = recovery_text(issue_path, snapshot, SystemTime::now());
    write_atomic_no_backup(&file, text.as_bytes()).map_err(|e| StoreError::write(&file, &e))?;
    Ok(file)
}

/// Read a recovery file strictly.
pub fn read_recovery(file: &Path) -> Result<Recovered> {
    let raw: RecoveryFile = parse_plain(file, &read_text(file)?)?;
    if raw.format != 1 {
        return Err(StoreError::BadFormat { path: file.to_path_buf(), found: raw.format });
    }
    let _ = raw.pid;
    let issue = parse::<Issue>(file, &raw.issue)?.doc;
    let pool_changed = raw
        .pool
        .iter()
        .map(|text| parse::<PoolFile>(file, text).map(|l| l.doc.item))
        .collect::<Result<Vec<Item>>>()?;
    Ok(Recovered {
        file: file.to_path_buf(),
        issue_path: raw.issue_path,
        written_unix: raw.written_unix,
        written: raw.written,
        snapshot: Snapshot { issue, pool_changed, pool_removed: raw.pool_removed },
    })
}

/// The recovery file of `issue_path` if there is one; a file that cannot be read is put
/// aside (never deleted) and reported.
pub fn find_recovery(dir: &Path, issue_path: &Path) -> Option<Result<Recovered>> {
    let file = recovery_file(dir, issue_path);
    if !file.exists() {
        return None;
    }
    Some(read_recovery(&file).inspect_err(|_| {
        let _ = set_aside(&file);
    }))
}

/// Move a recovery file to `discarded/` beside it (kept, in case it is wanted after all).
pub fn set_aside(file: &Path) -> Result<PathBuf> {
    let dir = file.parent().unwrap_or(Path::new(".")).join("discarded");
    fs::create_dir_all(&dir).map_err(|e| StoreError::write(&dir, &e))?;
    let stem = file.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let stamp = jiff::Zoned::now().strftime("%Y%m%d-%H%M%S").to_string();
    let mut to = dir.join(format!("{stem}-{stamp}.toml"));
    let mut n = 1;
    while to.exists() {
        n += 1;
        to = dir.join(format!("{stem}-{stamp}-{n}.toml"));
    }
    fs::rename(file, &to).map_err(|e| StoreError::write(file, &e))?;
    Ok(to)
}

/// Remove the recovery file of `issue_path` (after a clean save).
pub fn remove_recovery(dir: &Path, issue_path: &Path) -> Result<()> {
    let file = recovery_file(dir, issue_path);
    match fs::remove_file(&file) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::write(&file, &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Workspace;

    fn sample() -> (tempfile::TempDir, Workspace, Issue, Vec<Item>) {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create_from_samples(&dir.path().join("ws")).unwrap();
        let issue = ws.issues().unwrap().remove(0).issue.doc;
        let pool = ws.pool_items().unwrap().into_iter().map(|l| l.doc).collect();
        (dir, ws, issue, pool)
    }

    #[test]
    fn a_snapshot_round_trips_through_its_file() {
        let (dir, ws, mut issue, pool) = sample();
        issue.sections[0].items[0].body.push_str("补记：会议要求各学会于12月5日前报送材料。\n");
        let mut edited = pool[0].clone();
        edited.headline = "市科协召开2026年度学会工作座谈会\u{0}".into();
        let snapshot = Snapshot { issue, pool_changed: vec![edited], pool_removed: vec![pool[1].id.clone()] };
        let rec = dir.path().join("state").join("recovery");
        let path = ws.issues_dir().join("2026-45.toml");
        let file = write_recovery(&rec, &path, &snapshot).unwrap();
        let back = find_recovery(&rec, &path).unwrap().unwrap();
        assert_eq!(back.file, file);
        assert_eq!(back.snapshot, snapshot);
        assert_eq!(back.issue_path, canonical(&path));
        assert!(back.written_unix > 1_700_000_000);
        remove_recovery(&rec, &path).unwrap();
        assert!(find_recovery(&rec, &path).is_none());
    }

    #[test]
    fn two_workspaces_never_share_a_recovery_file() {
        let dir = tempfile::tempdir().unwrap();
        let rec = dir.path().join("recovery");
        let a = dir.path().join("科协").join("issues").join("2026-46.toml");
        let b = dir.path().join("科创专班").join("issues").join("2026-46.toml");
        assert_ne!(recovery_file(&rec, &a), recovery_file(&rec, &b));
        assert!(recovery_file(&rec, &a).file_name().unwrap().to_str().unwrap().starts_with("2026-46-"));
    }

    #[test]
    fn a_bad_recovery_file_is_set_aside_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let rec = dir.path().join("recovery");
        fs::create_dir_all(&rec).unwrap();
        let path = dir.path().join("2026-46.toml");
        fs::write(recovery_file(&rec, &path), "format = 1\nissue = 3\n").unwrap();
        let err = find_recovery(&rec, &path).unwrap().unwrap_err().to_string();
        assert!(err.contains("recovery"), "{err}");
        assert!(!recovery_file(&rec, &path).exists());
        assert_eq!(fs::read_dir(rec.join("discarded")).unwrap().count(), 1);
    }
}
