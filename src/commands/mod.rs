//! The non-interactive commands, as library functions the binary (and the editor) call.

pub mod check;
pub mod export;
pub mod import;
pub mod new;

use std::path::Path;

use thiserror::Error;

use crate::model::Issue;
use crate::store::output::{self, Target};
use crate::store::{StoreError, save_issue};

/// A command's failure, as one sentence for stderr (exit status 2).
#[derive(Debug, Error)]
pub enum CommandError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Usage(String),
}

pub type Result<T> = std::result::Result<T, CommandError>;

/// Write a new issue file to `path`: a regular file only when the name is free (it never
/// overwrites one), its folder made when `make_folder` (else a missing folder is an error);
/// a device, FIFO or descriptor (`-`, `/dev/stdout`, `/dev/null`) gets the text in place.
pub(crate) fn write_new_issue(path: &Path, issue: &Issue, make_folder: bool) -> Result<()> {
    let target = output::classify(path).map_err(|e| StoreError::write(path, &e))?;
    if target != Target::Atomic(path.to_path_buf()) {
        let text = crate::store::write::issue_toml(issue);
        return output::write_to(&target, text.as_bytes(), false)
            .map_err(|e| StoreError::write(path, &e).into());
    }
    if path.exists() {
        return Err(StoreError::Exists { path: path.to_path_buf() }.into());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if make_folder {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::write(dir, &e))?;
        } else if !dir.is_dir() {
            return Err(StoreError::Write {
                path: path.to_path_buf(),
                reason: "its folder does not exist".into(),
            }
            .into());
        }
    }
    save_issue(path, issue)?;
    Ok(())
}
