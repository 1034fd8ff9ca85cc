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

    /// Whether the lock is still ours: its file is the one we locked and names us. A lock
    /// taken over by another jianbao (see [`take_over`]) is not, and a save must not go on.
    /// A lock file gone with its folder (moved, deleted) was not taken by anyone: the
    /// save itself then says what is wrong.
    pub fn still_ours(&mut self) -> bool {
        if !self.path.exists() {
            return true;
        }
        same_file(&self.file, &self.path)
            && read_holder(&mut self.file)
                .is_some_and(|h| h.pid == std::process::id() && h.host == host_name())
    }
}

/// How long a holder asked to stop (SIGTERM) gets to write its recovery file and go.
pub const TAKE_OVER_PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);

/// Why a lock could not be taken over.
#[derive(Debug)]
pub enum TakeOverError {
    /// The holder runs here but may not be signalled by us (another user's process).
    NotOurs(Holder),
    /// The holder did not go, even when killed.
    StillThere(Holder),
    Io(io::Error),
}

impl From<io::Error> for TakeOverError {
    fn from(e: io::Error) -> Self {
        TakeOverError::Io(e)
    }
}

/// Take over the lock `holder` holds on `issue`, after the user confirmed that it is not
/// a live editor (an orphan left by a closed terminal, a hung process), as vim's "Edit
/// anyway". On this host the holder is asked to stop (SIGTERM, and SIGCONT in case it
/// is stopped) — a jianbao writes its unsaved changes to the recovery file and goes — and
/// is killed if it is still there after `patience`. Another host's holder cannot be
/// reached: its lock file is replaced, and that editor finds at its next save that the
/// lock is no longer its own ([`IssueLock::still_ours`]).
pub fn take_over(
    issue: &Path,
    holder: &Holder,
    patience: std::time::Duration,
) -> Result<IssueLock, TakeOverError> {
    if holder.host == host_name() {
        if holder.pid != std::process::id() && process_alive(holder.pid) {
            end_process(holder, patience)?;
        }
    } else {
        let path = lock_path(issue);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    match acquire(issue)? {
        Acquired::Held { lock, .. } => Ok(lock),
        Acquired::Busy { holder: now, .. } => {
            Err(TakeOverError::StillThere(now.unwrap_or_else(|| holder.clone())))
        }
    }
}

/// Ask the process to stop, then make it; wait until its OS lock is gone.
#[cfg(unix)]
fn end_process(holder: &Holder, patience: std::time::Duration) -> Result<(), TakeOverError> {
    use rustix::process::{Pid, Signal, kill_process};
    let Some(pid) = i32::try_from(holder.pid).ok().and_then(Pid::from_raw) else {
        return Ok(());
    };
    let gone = |wait: std::time::Duration| {
        let deadline = std::time::Instant::now() + wait;
        loop {
            if !process_alive(holder.pid) {
                return true;
            }
            if std::time::Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    };
    match kill_process(pid, Signal::TERM) {
        Ok(()) => {}
        Err(rustix::io::Errno::SRCH) => return Ok(()),
        Err(rustix::io::Errno::PERM) => return Err(TakeOverError::NotOurs(holder.clone())),
        Err(e) => return Err(TakeOverError::Io(e.into())),
    }
    let _ = kill_process(pid, Signal::CONT);
    if gone(patience) {
        return Ok(());
    }
    let _ = kill_process(pid, Signal::KILL);
    if gone(patience) { Ok(()) } else { Err(TakeOverError::StillThere(holder.clone())) }
}

#[cfg(not(unix))]
fn end_process(holder: &Holder, _patience: std::time::Duration) -> Result<(), TakeOverError> {
    Err(TakeOverError::NotOurs(holder.clone()))
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

    /// A process holding the OS lock of `issue` the way an editor does, named in its lock
    /// file; with `ignore_term` it ignores SIGTERM, as an editor stuck in a loop would.
    #[cfg(unix)]
    fn foreign_holder(issue: &Path, ignore_term: bool) -> (std::process::Child, Holder) {
        let lock = lock_path(issue);
        fs::write(&lock, "").unwrap();
        let trap = if ignore_term { "trap '' TERM;" } else { "" };
        let child = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{trap} exec flock -o -x \"$0\" sleep 30"))
            .arg(&lock)
            .spawn()
            .expect("sh and flock (util-linux)");
        let holder = Holder { pid: child.id(), host: host_name(), since: "2026-12-01 17:05".into() };
        // Wait until it holds the OS lock, then name it in the file, as an editor does.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            let f = OpenOptions::new().read(true).write(true).open(&lock).unwrap();
            if matches!(f.try_lock(), Err(fs::TryLockError::WouldBlock)) {
                break;
            }
            drop(f);
            assert!(std::time::Instant::now() < deadline, "the helper never took the lock");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        fs::write(&lock, toml::to_string(&holder).unwrap()).unwrap();
        (child, holder)
    }

    /// Reap the child as its parent would, so that it does not linger as a zombie.
    #[cfg(unix)]
    fn reap(mut child: std::process::Child) -> std::thread::JoinHandle<()> {
        std::thread::spawn(move || {
            let _ = child.wait();
        })
    }

    #[cfg(unix)]
    #[test]
    fn a_live_holder_that_obeys_sigterm_is_asked_to_go() {
        let dir = tempfile::tempdir().unwrap();
        let issue = dir.path().join("2026-46.toml");
        let (child, holder) = foreign_holder(&issue, false);
        let reaper = reap(child);
        assert!(matches!(acquire(&issue).unwrap(), Acquired::Busy { holder: Some(h), .. } if h == holder));
        let started = std::time::Instant::now();
        let mut lock = take_over(&issue, &holder, std::time::Duration::from_secs(5)).unwrap();
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "SIGTERM was enough");
        assert!(lock.still_ours());
        assert!(!process_alive(holder.pid));
        reaper.join().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_holder_that_ignores_sigterm_is_killed_after_the_patience() {
        let dir = tempfile::tempdir().unwrap();
        let issue = dir.path().join("2026-46.toml");
        let (child, holder) = foreign_holder(&issue, true);
        let reaper = reap(child);
        let started = std::time::Instant::now();
        let mut lock = take_over(&issue, &holder, std::time::Duration::from_millis(300)).unwrap();
        assert!(started.elapsed() >= std::time::Duration::from_millis(300), "it was given its time");
        assert!(lock.still_ours());
        reaper.join().unwrap();
    }

    #[test]
    fn taking_over_another_hosts_lock_leaves_that_editor_unable_to_save() {
        let dir = tempfile::tempdir().unwrap();
        let issue = dir.path().join("2026-46.toml");
        let (mut theirs, _) = held(acquire(&issue));
        // Their lock as another host's editor would have written it.
        let other =
            Holder { pid: 4242, host: "ke-xie-bangongshi-02".into(), since: "2026-12-01 17:05".into() };
        fs::write(lock_path(&issue), toml::to_string(&other).unwrap()).unwrap();
        let mut mine = take_over(&issue, &other, TAKE_OVER_PATIENCE).unwrap();
        assert!(mine.still_ours());
        assert!(!theirs.still_ours(), "the old holder learns that the lock is gone");
    }

    #[test]
    fn this_process_is_alive() {
        assert!(process_alive(std::process::id()));
        assert!(!process_alive(1_073_741_808));
    }
}
