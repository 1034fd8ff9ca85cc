//! Exports: `&Issue` → text. Pure functions of the issue: same input, same bytes.

pub mod markdown;
pub mod text;

pub use markdown::markdown;

/// Drop control characters (a stray BEL, an ESC from a copied terminal, a NUL): they have
/// no width in the layout and no place in print. Line breaks stay.
pub fn without_controls(s: &mut String) {
    if s.chars().any(|c| c.is_control() && c != '\n') {
        s.retain(|c| c == '\n' || !c.is_control());
    }
}
pub use text::{TextOptions, text};
