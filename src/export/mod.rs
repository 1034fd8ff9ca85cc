//! Exports: `&Issue` → text. Pure functions of the issue: same input, same bytes.

pub mod markdown;
pub mod text;

pub use markdown::markdown;
pub use text::{TextOptions, text};
