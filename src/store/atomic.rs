//! Atomic file replacement: the new text goes to a temporary file in the same folder,
//! is flushed to disk, and is renamed over the old file, which is kept as `<name>.bak`.
//! A failure at any step leaves the old file as it was.
//!
//! Every step passes through [`step`], where a test can make it fail the way a full disk
//! or a denied permission would ([`inject_faults`]): the only way to prove on any machine
//! that a failed save leaves the old file intact.

use std::cell::RefCell;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// The steps of a save, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CreateTemp,
    Write,
    Permissions,
    Sync,
    Backup,
    Rename,
    SyncDir,
}

type Fault = Box<dyn FnMut(Step, &Path) -> Option<io::Error>>;

thread_local! {
    static FAULTS: RefCell<Option<Fault>> = const { RefCell::new(None) };
}

/// Until the guard is dropped, `fault(step, target)` is asked before every step of every
/// save on this thread; an error it returns is what that step fails with. A failing
/// [`Step::Write`] writes half the bytes first, as a disk that fills up midway does.
pub fn inject_faults(fault: impl FnMut(Step, &Path) -> Option<io::Error> + 'static) -> FaultGuard {
    FAULTS.with(|f| *f.borrow_mut() = Some(Box::new(fault)));
    FaultGuard(())
}

/// Removes the injected faults when dropped.
pub struct FaultGuard(());

impl Drop for FaultGuard {
    fn drop(&mut self) {
        FAULTS.with(|f| *f.borrow_mut() = None);
    }
}

fn step(step: Step, target: &Path) -> io::Result<()> {
    let fault = FAULTS.with(|f| f.borrow_mut().as_mut().and_then(|f| f(step, target)));
    match fault {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

/// The file a save should replace: the target of a symlink (so the link stays a link).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// The backup kept beside `path`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replace `path` with `contents` atomically, keeping the previous version as `.bak`.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace(path, contents, true)
}

/// Replace `path` with `contents` atomically, without keeping a backup (for exports,
/// which can always be made again).
pub fn write_atomic_no_backup(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace(path, contents, false)
}

fn replace(path: &Path, contents: &[u8], keep_backup: bool) -> io::Result<()> {
    let path = resolve(path)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let tmp = dir.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = write_then_rename(&path, &dir, &tmp, contents, keep_backup);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_then_rename(
    path: &Path,
    dir: &Path,
    tmp: &Path,
    contents: &[u8],
    keep_backup: bool,
) -> io::Result<()> {
    let old = fs::metadata(path).ok();
    {
        step(Step::CreateTemp, path)?;
        let mut file = OpenOptions::new().write(true).create_new(true).open(tmp)?;
        if let Err(err) = step(Step::Write, path) {
            file.write_all(&contents[..contents.len() / 2])?;
            return Err(err);
        }
        file.write_all(contents)?;
        if let Some(meta) = &old {
            step(Step::Permissions, path)?;
            file.set_permissions(meta.permissions())?;
        }
        step(Step::Sync, path)?;
        file.sync_all()?;
    }
    if old.is_some() && keep_backup {
        step(Step::Backup, path)?;
        let bak = backup_path(path);
        let _ = fs::remove_file(&bak);
        if fs::hard_link(path, &bak).is_err() {
            fs::copy(path, &bak)?;
        }
    }
    step(Step::Rename, path)?;
    fs::rename(tmp, path)?;
    step(Step::SyncDir, path)?;
    sync_dir(dir)
}

/// Whether `name` is one of our temporary files (`.<name>.<pid>-<n>.tmp`), and its pid.
fn temp_pid(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = inner.rsplit_once('.')?;
    let (pid, n) = tail.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Remove the temporary files a killed save left in `dir`: those of a process that is no
/// longer running, or older than a day. Returns how many went.
pub fn sweep_temp_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    let day_ago = SystemTime::now() - Duration::from_secs(24 * 3600);
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else { continue };
        let old = entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < day_ago);
        if (old || !crate::store::lock::process_alive(pid)) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Flush a folder's entries (the rename) to disk where the platform allows it.
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_keeps_one_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-45.toml");
        write_atomic(&path, "一".as_bytes()).unwrap();
        assert!(!backup_path(&path).exists());
        write_atomic(&path, "二".as_bytes()).unwrap();
        write_atomic(&path, "三".as_bytes()).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "三");
        assert_eq!(fs::read_to_string(backup_path(&path)).unwrap(), "二");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
    }

    #[test]
    fn a_missing_folder_fails_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("out.txt");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!dir.path().join("missing").exists());
    }

    fn err(kind: io::ErrorKind) -> io::Error {
        io::Error::from(kind)
    }

    /// Every step of a save, failed in turn with a full disk: the old file and its backup
    /// stay as they were and no temporary file is left.
    #[test]
    fn a_failure_at_any_step_leaves_the_old_file() {
        let steps =
            [Step::CreateTemp, Step::Write, Step::Permissions, Step::Sync, Step::Backup, Step::Rename];
        for failing in steps {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("2026-46.toml");
            write_atomic(&path, "第一版".as_bytes()).unwrap();
            write_atomic(&path, "第二版".as_bytes()).unwrap();
            let _guard = inject_faults(move |s, _| (s == failing).then(|| err(io::ErrorKind::StorageFull)));
            let e = write_atomic(&path, "第三版，未能写完".as_bytes()).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::StorageFull, "{failing:?}");
            assert_eq!(fs::read_to_string(&path).unwrap(), "第二版", "{failing:?}");
            let bak = fs::read_to_string(backup_path(&path)).unwrap();
            assert!(bak == "第一版" || bak == "第二版", "{failing:?}: {bak}");
            let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
            assert_eq!(names.len(), 2, "{failing:?}: {names:?}");
        }
    }

    /// A failure after the rename (flushing the folder) is reported, and the new text is in
    /// place: the save can be repeated.
    #[test]
    fn a_failed_folder_flush_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let guard = inject_faults(|s, _| (s == Step::SyncDir).then(|| err(io::ErrorKind::Other)));
        assert!(write_atomic(&path, b"x").is_err());
        drop(guard);
        write_atomic(&path, b"y").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "y");
    }

    #[test]
    fn temp_names_are_recognised() {
        assert_eq!(temp_pid(".2026-45.toml.4242-7.tmp"), Some(4242));
        assert_eq!(temp_pid(".2026-45.toml.tmp"), None);
        assert_eq!(temp_pid("2026-45.toml"), None);
        assert_eq!(temp_pid(".a.b-c.tmp"), None);
    }

    #[cfg(unix)]
    #[test]
    fn temp_files_of_dead_processes_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join(format!(".a.toml.{}-0.tmp", std::process::id()));
        // Pid 0x3fff_fff0 is above any pid Linux hands out.
        let dead = dir.path().join(".a.toml.1073741808-3.tmp");
        let other = dir.path().join(".hidden.tmp");
        for p in [&mine, &dead, &other] {
            fs::write(p, "x").unwrap();
        }
        assert_eq!(sweep_temp_files(dir.path()), 1);
        assert!(mine.exists() && other.exists() && !dead.exists());
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "x").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"y").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }
}
