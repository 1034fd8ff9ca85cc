//! Exports: `&Issue` → text. Pure functions of the issue: same input, same bytes.

pub mod docx;
pub mod fonts;
pub mod markdown;
pub mod pdf;
pub mod text;

pub use markdown::markdown;

/// Drop control characters (a stray BEL, an ESC from a copied terminal, a NUL): they have
/// no width in the layout and no place in print. Line breaks stay.
pub fn without_controls(s: &mut String) {
    // Scanned as bytes: C0 controls and DEL are single bytes, C1 controls are 0xC2 0x80–0x9F.
    let bytes = s.as_bytes();
    let control = |(i, &b): (usize, &u8)| {
        (b < 0x20 && b != b'\n') || b == 0x7f || (b == 0xc2 && matches!(bytes.get(i + 1), Some(0x80..=0x9f)))
    };
    if bytes.iter().enumerate().any(control) {
        s.retain(|c| c == '\n' || !c.is_control());
    }
}
pub use text::{TextOptions, text};
