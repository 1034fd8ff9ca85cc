//! Placing a line on the page: centred, right-aligned, spread to both edges, indented.
//! Padding on the left is ASCII spaces (half a 字 each), so any column can be reached;
//! nothing ever pads on the right, so no line ends in spaces.

use super::width::str_cols;

/// `line` centred in `width` columns (the odd column, if any, goes to the right).
pub fn centre(line: &str, width: usize) -> String {
    let pad = width.saturating_sub(str_cols(line)) / 2;
    format!("{}{}", " ".repeat(pad), line)
}

/// `line` ending `margin` columns before the right edge of `width`.
pub fn right(line: &str, width: usize, margin: usize) -> String {
    let pad = width.saturating_sub(str_cols(line) + margin);
    format!("{}{}", " ".repeat(pad), line)
}

/// `left` at the left edge and `right` at the right edge of one line, when both fit with at
/// least one 字 between them.
pub fn spread(left: &str, right_text: &str, width: usize) -> Option<String> {
    let used = str_cols(left) + str_cols(right_text);
    if used + 2 > width {
        return None;
    }
    Some(format!("{left}{}{right_text}", " ".repeat(width - used)))
}

/// An indent of `cols` columns written as full-width spaces (one ASCII space for an odd
/// column), so that it survives pasting into a word processor.
pub fn indent(cols: usize) -> String {
    let mut s = "\u{3000}".repeat(cols / 2);
    if cols % 2 == 1 {
        s.push(' ');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centre_pads_half_the_slack() {
        assert_eq!(centre("科协每周动态", 56), format!("{}科协每周动态", " ".repeat(22)));
        assert_eq!(centre("（总第76期）", 56), format!("{}（总第76期）", " ".repeat(22)));
    }

    #[test]
    fn right_alignment_keeps_the_margin() {
        let line = right("— 1 —", 56, 2);
        assert_eq!(str_cols(&line), 54);
        assert!(line.ends_with("— 1 —"));
    }

    #[test]
    fn spread_fills_exactly_the_width() {
        let line = spread("江州市科协办公室", "2026年11月20日", 56).unwrap();
        assert_eq!(str_cols(&line), 56);
        assert!(spread(&"长".repeat(25), "2026年11月20日", 56).is_none());
    }

    #[test]
    fn indent_uses_full_width_spaces() {
        assert_eq!(indent(4), "\u{3000}\u{3000}");
        assert_eq!(str_cols(&indent(7)), 7);
    }
}
