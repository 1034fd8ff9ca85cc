//! Errors of the store, each one sentence naming the file (and line:column for TOML).

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::FORMAT;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error("cannot read {}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    #[error("cannot write {}: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
    #[error("{} is empty", path.display())]
    Empty { path: PathBuf },
    #[error("{}:{line}:{column}: not UTF-8 text (jianbao's files are UTF-8; to bring in other text use `jianbao import`)", path.display())]
    NotUtf8 { path: PathBuf, line: usize, column: usize },
    #[error("{} was written by a newer jianbao (format {found}; this one reads format {FORMAT}): update jianbao to use it", path.display())]
    NewerFormat { path: PathBuf, found: u32 },
    #[error("{} has format {found}, which no jianbao ever wrote", path.display())]
    BadFormat { path: PathBuf, found: u32 },
    #[error("{} is not a jianbao workspace (it has no jianbao.toml)", path.display())]
    NotAWorkspace { path: PathBuf },
    #[error("{} already exists; not overwriting it", path.display())]
    Exists { path: PathBuf },
    #[error("{} was written by a newer jianbao and is kept read-only", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{} was taken over by another jianbao; not saved here (your changes are in the recovery file)", path.display())]
    LockLost { path: PathBuf },
    #[error("cannot find a place for jianbao's data on this system (no home folder)")]
    NoDataDir,
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The reason of an I/O error in plain words, without "(os error 2)".
pub fn io_reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
        io::ErrorKind::NotADirectory => "a part of the path is not a folder".to_string(),
        io::ErrorKind::StorageFull => "the disk is full".to_string(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_string(),
        io::ErrorKind::AlreadyExists => "it already exists".to_string(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
            .to_lowercase()
        }
    }
}

impl StoreError {
    pub fn read(path: &Path, err: &io::Error) -> StoreError {
        StoreError::Read { path: path.to_path_buf(), reason: io_reason(err) }
    }

    pub fn write(path: &Path, err: &io::Error) -> StoreError {
        StoreError::Write { path: path.to_path_buf(), reason: io_reason(err) }
    }
}
