//! Where a command's output goes when the user names it with `-o`. A regular file (or a
//! name not yet taken) is replaced atomically, as every save is. Anything else is written
//! in place, as a shell redirection would: `/dev/null` stays the device, a FIFO or a
//! process substitution (`>(…)`, `/dev/fd/63`) gets the bytes through its pipe, a terminal
//! shows them, and `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` write to the descriptor this
//! process already holds (so `>> log` appends instead of truncating). Renaming a temporary
//! file over any of these would replace the device or pipe with a plain file.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::atomic::{write_atomic, write_atomic_no_backup};

/// How an output path is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `-`: standard output.
    Stdout,
    /// A descriptor this process holds: `/dev/stdout` (1), `/dev/stderr` (2),
    /// `/dev/fd/N`, `/proc/self/fd/N`.
    Descriptor(i32),
    /// A device, FIFO, socket or terminal: opened and written where it is.
    InPlace(PathBuf),
    /// A regular file, or a name not yet taken: temp file, fsync, rename.
    Atomic(PathBuf),
}

impl Target {
    /// Whether the target is a file that a save replaces (and that can already "exist" in
    /// the sense of holding someone's document).
    pub fn is_file(&self) -> bool {
        matches!(self, Target::Atomic(_))
    }
}

/// The descriptor a path names lexically, before any file system lookup: `/dev/fd/3` is
/// fd 3 of *this* process whatever the link in /dev points to.
fn descriptor_of(path: &Path) -> Option<i32> {
    let s = path.to_str()?;
    match s {
        "/dev/stdout" => return Some(1),
        "/dev/stderr" => return Some(2),
        _ => {}
    }
    let n = s.strip_prefix("/dev/fd/").or_else(|| s.strip_prefix("/proc/self/fd/"))?;
    n.parse().ok().filter(|n: &i32| *n >= 0)
}

/// How `path` is to be written. A folder is an error (`IsADirectory`).
pub fn classify(path: &Path) -> io::Result<Target> {
    if path == Path::new("-") {
        return Ok(Target::Stdout);
    }
    if cfg!(unix)
        && let Some(fd) = descriptor_of(path)
    {
        return Ok(Target::Descriptor(fd));
    }
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io::Error::new(io::ErrorKind::IsADirectory, "it is a folder")),
        Ok(meta) if meta.is_file() => Ok(Target::Atomic(path.to_path_buf())),
        Ok(_) => Ok(Target::InPlace(path.to_path_buf())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Target::Atomic(path.to_path_buf())),
        Err(e) => Err(e),
    }
}

/// Write `bytes` to `target`. Atomic targets keep a `.bak` when `keep_backup` is set.
pub fn write_to(target: &Target, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    match target {
        Target::Stdout => write_descriptor(1, bytes),
        Target::Descriptor(fd) => write_descriptor(*fd, bytes),
        Target::InPlace(path) => {
            // No truncation and no creation: the thing is there and is not a file.
            let mut out = OpenOptions::new().write(true).open(path)?;
            out.write_all(bytes)?;
            out.flush()
        }
        Target::Atomic(path) if keep_backup => write_atomic(path, bytes),
        Target::Atomic(path) => write_atomic_no_backup(path, bytes),
    }
}

/// Write to a descriptor this process holds, without taking ownership of it.
#[cfg(unix)]
fn write_descriptor(fd: i32, bytes: &[u8]) -> io::Result<()> {
    use std::os::fd::BorrowedFd;
    // SAFETY: the descriptor is only borrowed for these writes; when it is not open the
    // writes fail with EBADF, which is reported like any other write error.
    let fd = unsafe { BorrowedFd::borrow_raw(fd) };
    let mut rest = bytes;
    while !rest.is_empty() {
        match rustix::io::write(fd, rest) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => rest = &rest[n..],
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn write_descriptor(fd: i32, bytes: &[u8]) -> io::Result<()> {
    match fd {
        1 => io::stdout().lock().write_all(bytes),
        2 => io::stderr().lock().write_all(bytes),
        _ => Err(io::Error::new(io::ErrorKind::Unsupported, "no such descriptor")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_are_named_lexically() {
        assert_eq!(descriptor_of(Path::new("/dev/stdout")), Some(1));
        assert_eq!(descriptor_of(Path::new("/dev/stderr")), Some(2));
        assert_eq!(descriptor_of(Path::new("/dev/fd/63")), Some(63));
        assert_eq!(descriptor_of(Path::new("/proc/self/fd/7")), Some(7));
        assert_eq!(descriptor_of(Path::new("/dev/fd/x")), None);
        assert_eq!(descriptor_of(Path::new("exports/2026-45.txt")), None);
    }

    #[test]
    fn files_and_new_names_are_atomic_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("2026-45.txt");
        assert_eq!(classify(&file).unwrap(), Target::Atomic(file.clone()));
        fs::write(&file, "旧").unwrap();
        assert_eq!(classify(&file).unwrap(), Target::Atomic(file.clone()));
        assert_eq!(classify(dir.path()).unwrap_err().kind(), io::ErrorKind::IsADirectory);
        assert_eq!(classify(Path::new("-")).unwrap(), Target::Stdout);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_in_place_and_stays_a_device() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        let target = classify(null).unwrap();
        assert_eq!(target, Target::InPlace(null.to_path_buf()));
        write_to(&target, "简报".as_bytes(), false).unwrap();
        assert!(fs::metadata(null).unwrap().file_type().is_char_device());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_through_its_pipe() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available here");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        let target = classify(&fifo).unwrap();
        assert_eq!(target, Target::InPlace(fifo.clone()));
        write_to(&target, "——第45期——\n".as_bytes(), false).unwrap();
        assert_eq!(reader.join().unwrap(), "——第45期——\n");
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }
}
