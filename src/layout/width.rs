//! Width in 字 and in terminal columns.
//!
//! The export is printed in a CJK font, so East Asian Width W, F **and A** count as one
//! 字 (two columns): Chinese quotes, —, …, ·, ◆ and the box rules are full width on paper.
//! Everything else is half a 字; zero-width marks are nothing. We measure graphemes, so a
//! base letter with its combining marks, or an emoji ZWJ sequence, is measured once.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns taken by one grapheme cluster (0, 1 or 2).
pub fn grapheme_cols(g: &str) -> usize {
    let mut chars = g.chars();
    match (chars.next(), chars.next()) {
        // The common case: one char. Control characters have no width.
        (Some(c), None) => c.width_cjk().unwrap_or(0),
        _ => g.width_cjk().min(2),
    }
}

/// Columns taken by a string (a wide character is 2).
pub fn str_cols(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| (0x20..0x7f).contains(b)).count();
    }
    s.graphemes(true).map(grapheme_cols).sum()
}

/// Width of a string in 字, rounded up (half-width characters are ½ 字).
pub fn str_zi(s: &str) -> usize {
    str_cols(s).div_ceil(2)
}

/// 字数 as Word and WPS count it for Chinese text ("字数"): every full-width character
/// (Chinese characters and full-width punctuation, East Asian Width W, F or A) is one, and a
/// run of other non-space characters (`GD32MCU`, `2023`, `12.5%`) is one word.
pub fn zi_count(s: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            in_word = false;
        } else if c.width_cjk().unwrap_or(0) == 2 {
            count += 1;
            in_word = false;
        } else if !in_word {
            count += 1;
            in_word = true;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_two_columns() {
        assert_eq!(str_cols("科协"), 4);
        assert_eq!(str_zi("科协每周动态"), 6);
    }

    #[test]
    fn ambiguous_punctuation_is_full_width() {
        for s in ["“", "”", "‘", "’", "—", "…", "·", "◆", "━", "─", "　"] {
            assert_eq!(str_cols(s), 2, "{s:?} should be one 字");
        }
    }

    #[test]
    fn ascii_is_half() {
        assert_eq!(str_cols("CUBE-Net 3.0"), 12);
        assert_eq!(str_zi("2023"), 2);
        assert_eq!(str_zi("GD32MCU"), 4);
    }

    #[test]
    fn zero_width_marks_count_nothing() {
        assert_eq!(str_cols("e\u{301}"), 1);
        assert_eq!(str_cols("\u{200b}"), 0);
        assert_eq!(str_cols("a\tb"), 2);
    }

    #[test]
    fn emoji_zwj_sequence_is_one_wide_grapheme() {
        assert_eq!(str_cols("👩‍🔬"), 2);
    }

    #[test]
    fn zi_count_counts_chinese_characters_and_latin_words() {
        assert_eq!(zi_count("　　科协 2023年。\n"), 5);
        assert_eq!(zi_count("GD32MCU芯片与CUBE-Net 3.0平台"), 8);
    }
}
