//! Atomic file replacement: the new text goes to a temporary file in the same folder,
//! is flushed to disk, and is renamed over the old file, which is kept as `<name>.bak`.
//! A failure at any step leaves the old file as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

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
        let mut file = OpenOptions::new().write(true).create_new(true).open(tmp)?;
        file.write_all(contents)?;
        if let Some(meta) = &old {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
    }
    if old.is_some() && keep_backup {
        let bak = backup_path(path);
        let _ = fs::remove_file(&bak);
        if fs::hard_link(path, &bak).is_err() {
            fs::copy(path, &bak)?;
        }
    }
    fs::rename(tmp, path)?;
    sync_dir(dir)
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
