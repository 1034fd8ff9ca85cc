//! Files on disk: the workspace folder, strict loading, atomic saving.

pub mod atomic;
pub mod choices;
pub mod error;
pub mod load;
pub mod lock;
pub mod output;
pub mod pool_index;
pub mod pool_load;
pub mod recent;
pub mod recovery;
pub mod samples;
pub mod session;
pub mod toml_words;
pub mod workspace;
pub mod write;

pub use error::{Result, StoreError};
pub use load::{Loaded, load_issue, load_pool_item, load_profile};
pub use workspace::{HeaderEntry, IssueEntry, IssueHeader, Workspace, save_issue};
