//! jianbao (简报): assemble the issues of an internal Chinese bulletin.
//!
//! The library holds the document model, the workspace store, the CJK print layout, the
//! exports and the preflight check; the `jianbao` binary drives them.

pub mod check;
pub mod commands;
pub mod export;
pub mod import;
pub mod lang;
pub mod layout;
pub mod model;
#[cfg(feature = "test-hooks")]
pub mod soak;
pub mod store;
pub mod tui;
