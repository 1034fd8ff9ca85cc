//! The document model: plain data with serde, and the operations on an issue's outline.
//! No terminal, no I/O.

pub mod date;
pub mod history;
pub mod issue;
pub mod item;
pub mod outline;
pub mod print;
pub mod publication;
pub mod toc;

pub use date::Date;
pub use issue::{FORMAT, Issue, Numbering, PoolFile, Profile, Section, TocMode};
pub use item::{Item, is_valid_id, join_parts};
pub use outline::{ItemPos, OutlineError};
pub use print::Print;
pub use publication::{Distribution, Footer, HeadlineStyle, Layout, Publication, SourcePlacement};
pub use toc::{TocEntry, TocTarget};
