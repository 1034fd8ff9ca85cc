//! The non-interactive commands, as library functions the binary (and the editor) call.

pub mod check;
pub mod export;
pub mod import;
pub mod new;

use thiserror::Error;

use crate::store::StoreError;

/// A command's failure, as one sentence for stderr (exit status 2).
#[derive(Debug, Error)]
pub enum CommandError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Usage(String),
}

pub type Result<T> = std::result::Result<T, CommandError>;
