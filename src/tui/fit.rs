//! Fitting text into terminal cells. The terminal (and ratatui) count an ambiguous-width
//! character such as “ or … as one cell, unlike print; here we count as the terminal does.
//! Truncation never splits a wide character.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cells `s` takes on screen.
pub fn cells(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `max` cells, ending in … when cut.
pub fn fit(s: &str, max: usize) -> String {
    if cells(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = g.width();
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// `s` fitted and padded with spaces to exactly `width` cells.
pub fn pad(s: &str, width: usize) -> String {
    let s = fit(s, width);
    let n = width.saturating_sub(cells(&s));
    format!("{s}{}", " ".repeat(n))
}

/// `s` right-aligned in exactly `width` cells.
pub fn pad_left(s: &str, width: usize) -> String {
    let s = fit(s, width);
    let n = width.saturating_sub(cells(&s));
    format!("{}{s}", " ".repeat(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese_is_cut_between_characters() {
        assert_eq!(fit("江州市科协召开座谈会", 9), "江州市科…");
        assert_eq!(cells(&fit("江州市科协召开座谈会", 9)), 9);
        assert_eq!(fit("江州市科协召开座谈会", 8), "江州市…");
        assert_eq!(pad("科协", 6), "科协  ");
        assert_eq!(pad_left("862", 5), "  862");
    }

    proptest! {
        #[test]
        fn fitted_text_never_exceeds_the_cells(s in "[a-z江州市科协“”…— ]{0,40}", max in 0usize..30) {
            prop_assert!(cells(&fit(&s, max)) <= max);
            prop_assert_eq!(cells(&pad(&s, max)), max);
        }
    }
}
