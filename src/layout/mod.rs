//! Print layout of CJK text: width in 字, line breaking with 禁则, alignment, pagination.
//! Pure functions only; the export builds on them.
//!
//! Widths are in terminal columns throughout (one 字 = 2 columns); [`cols`] converts a
//! width given in 字.

pub mod align;
pub mod breaking;
pub mod kinsoku;
pub mod paginate;
pub mod width;

pub use breaking::{break_lines, first_piece_cols, wrap, wrap_balanced};
pub use width::{str_cols, str_zi, zi_count};

/// Columns in `zi` 字.
pub const fn cols(zi: u32) -> usize {
    zi as usize * 2
}
