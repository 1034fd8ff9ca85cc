//! One writer per issue file. The editor holds `.<name>.lock` beside the issue (beside the
//! real file when the issue is reached through a symlink) with an OS lock on it for as
//! long as the issue is open; the file also says who holds it (pid, host, since when) for
//! the banner of a second copy, which opens the issue read-only.
//!
//! The OS lock (`flock`) dies with its process, so a lock left by a killed jianbao is
//! simply taken over. Where the file names another host the lock is respected even when
//! the OS lock is free (network file systems do not always share OS locks). The
//! command-line tools never look at locks: they only read, or write new files.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Who holds a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
    /// Local time the lock was taken, `2026-11-22 09:41`.
    pub since: String,
}

impl Holder {
    fn me() -> Holder {
        Holder {
            pid: std::process::id(),
            host: host_name(),
            since: jiff::Zoned::now().strftime("%Y-%m-%d %H:%M").to_string(),
        }
    }

    fn parse(text: &str) -> Option<Holder> {
        toml::from_str(text).ok()
    }
}

/// A held lock; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct IssueLock {
    path: PathBuf,
    file: File,
}

/// The outcome of trying to lock an issue file.
#[derive(Debug)]
pub enum Acquired {
    /// Ours; `taken_over` names the holder of a stale lock we replaced.
    Held { lock: IssueLock, taken_over: Option<Holder> },
    /// Someone else's (who, when the lock file says).
    Busy { holder: Option<Holder>, lock_file: PathBuf },
}

/// The lock file of an issue file: `.<name>.lock` beside the real file.
pub fn lock_path(issue: &Path) -> PathBuf {
    let real = match fs::symlink_metadata(issue) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(issue).unwrap_or_else(|_| issue.to_path_buf())
        }
        _ => issue.to_path_buf(),
    };
    let name = real.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    real.with_file_name(format!(".{name}.lock"))
}

/// Try to lock `issue` for writing; never waits.
pub fn acquire(issue: &Path) -> io::Result<Acquired> {
    let path = lock_path(issue);
    let me = Holder::me();
    for _ in 0..20 {
        let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
        let previous = read_holder(&mut file);
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                if previous.is_none() {
                    // Its holder has not written its name yet.
                    std::thread::sleep(std::time::Duration::from_millis(5));
                    continue;
                }
                return Ok(Acquired::Busy { holder: previous, lock_file: path });
            }
            Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                // No OS locks here: trust the file alone.
                if previous.as_ref().is_some_and(|h| h.is_alive()) {
                    return Ok(Acquired::Busy { holder: previous, lock_file: path });
                }
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        if !same_file(&file, &path) {
            // Its holder removed the file between our open and our lock: start again.
            continue;
        }
        // The OS lock is ours; the file may still name another host's live editor.
        let previous = read_holder(&mut file);
        if let Some(h) = &previous
            && h.host != me.host
        {
            return Ok(Acquired::Busy { holder: previous, lock_file: path });
        }
        file.set_len(0)?;
        file.rewind()?;
        file.write_all(toml::to_string(&me).map_err(io::Error::other)?.as_bytes())?;
        file.sync_all()?;
        let taken_over = previous.filter(|h| h.pid != me.pid);
        return Ok(Acquired::Held { lock: IssueLock { path, file }, taken_over });
    }
    Err(io::Error::other("the lock file keeps changing"))
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    Holder::parse(&text)
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

impl Holder {
    fn is_alive(&self) -> bool {
        self.host == host_name() && process_alive(self.pid)
    }
}

impl IssueLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for IssueLock {
    fn drop(&mut self) {
        // Remove the file while the OS lock is still ours; closing the file releases it.
        if same_file(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// This machine's name, as the lock file records it.
pub fn host_name() -> String {
    #[cfg(unix)]
    {
        rustix::system::uname().nodename().to_string_lossy().into_owned()
    }
    #[cfg(not(unix))]
    {
        std::env::var("COMPUTERNAME").unwrap_or_default()
    }
}

/// Whether a process with this pid runs on this machine.
pub fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
            return false;
        };
        match rustix::process::test_kill_process(pid) {
            Ok(()) => true,
            Err(e) => e != rustix::io::Errno::SRCH,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(a: io::Result<Acquired>) -> (IssueLock, Option<Holder>) {
        match a.unwrap() {
            Acquired::Held { lock, taken_over } => (lock, taken_over),
            Acquired::Busy { holder, .. } => panic!("busy: {holder:?}"),
        }
    }

    #[test]
    fn a_second_lock_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let issue = dir.path().join("2026-46.toml");
        let (lock, taken) = held(acquire(&issue));
        assert!(taken.is_none());
        assert_eq!(lock.path(), dir.path().join(".2026-46.toml.lock"));
        match acquire(&issue).unwrap() {
            Acquired::Busy { holder: Some(h), .. } => {
                assert_eq!(h.pid, std::process::id());
                assert_eq!(h.host, host_name());
                assert_eq!(h.since.len(), "2026-11-22 09:41".len());
            }
            other => panic!("{other:?}"),
        }
        drop(lock);
        assert!(!dir.path().join(".2026-46.toml.lock").exists(), "released locks leave no file");
        held(acquire(&issue));
    }

    #[test]
    fn a_stale_lock_of_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let issue = dir.path().join("2026-46.toml");
        let stale = Holder { pid: 1_073_741_808, host: host_name(), since: "2026-11-20 08:00".into() };
        fs::write(lock_path(&issue), toml::to_string(&stale).unwrap()).unwrap();
        let (_lock, taken) = held(acquire(&issue));
        assert_eq!(taken, Some(stale));
        let now = Holder::parse(&fs::read_to_string(lock_path(&issue)).unwrap()).unwrap();
        assert_eq!(now.pid, std::process::id());
    }

    #[test]
    fn a_lock_from_another_host_is_respected() {
        let dir = tempfile::tempdir().unwrap();
        let issue = dir.path().join("2026-46.toml");
        let other = Holder { pid: 77, host: "ke-xie-bangongshi-02".into(), since: "2026-11-22 08:30".into() };
        fs::write(lock_path(&issue), toml::to_string(&other).unwrap()).unwrap();
        assert!(matches!(acquire(&issue).unwrap(), Acquired::Busy { holder: Some(h), .. } if h == other));
    }

    #[cfg(unix)]
    #[test]
    fn the_lock_of_a_linked_issue_sits_beside_the_real_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real").join("2026-46.toml");
        fs::write(&real, "").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let (_lock, _) = held(acquire(&link));
        assert!(matches!(acquire(&real).unwrap(), Acquired::Busy { .. }));
    }

    #[test]
    fn this_process_is_alive() {
        assert!(process_alive(std::process::id()));
        assert!(!process_alive(1_073_741_808));
    }
}
