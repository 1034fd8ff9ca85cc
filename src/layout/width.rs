//! Width in 字 and in terminal columns.
//!
//! The export is printed in a CJK font, so East Asian Width W, F **and A** count as one
//! 字 (two columns): Chinese quotes, —, …, ·, ◆ and the box rules are full width on paper.
//! Everything else is half a 字; zero-width marks are nothing. We measure graphemes, so a
//! base letter with its combining marks, or an emoji ZWJ sequence, is measured once.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A character that is a grapheme cluster on its own between two others of its kind: ASCII
/// printable characters, CJK ideographs, CJK and full-width punctuation, general
/// punctuation (“”、——、……). None of them extends, prepends or joins (UAX #29), so
/// between two of them there is always a grapheme boundary.
#[inline]
fn is_simple(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | ' '..='~'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF5E}'
        | '\u{2010}'..='\u{2027}')
}

/// The grapheme clusters of `s` with their byte offsets, exactly as
/// `UnicodeSegmentation::grapheme_indices(s, true)` gives them, several times faster on
/// the text of an issue: a character with simple characters on both sides is a cluster by
/// itself, and only the stretches around anything else go through the full rules.
pub fn grapheme_indices(s: &str) -> GraphemeIndices<'_> {
    GraphemeIndices { s, pos: 0, slow: None }
}

/// See [`grapheme_indices`].
pub struct GraphemeIndices<'a> {
    s: &'a str,
    /// Where the next cluster starts (a boundary, with a simple character after it unless
    /// it is the start of the text).
    pos: usize,
    /// Clusters of a stretch that needs the full rules, its start in `s`, and its end.
    slow: Option<(unicode_segmentation::GraphemeIndices<'a>, usize, usize)>,
}

impl<'a> Iterator for GraphemeIndices<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if let Some((inner, base, end)) = &mut self.slow {
            if let Some((offset, g)) = inner.next() {
                return Some((*base + offset, g));
            }
            self.pos = *end;
            self.slow = None;
        }
        let rest = &self.s[self.pos..];
        let mut chars = rest.chars();
        let c = chars.next()?;
        let start = self.pos;
        if is_simple(c) && chars.next().is_none_or(is_simple) {
            self.pos += c.len_utf8();
            return Some((start, &rest[..c.len_utf8()]));
        }
        // The stretch ends at the first boundary between two simple characters.
        let mut end = self.s.len();
        let mut prev_simple = false;
        for (i, ch) in rest.char_indices().skip(1) {
            let simple = is_simple(ch);
            if simple && prev_simple {
                end = start + i;
                break;
            }
            prev_simple = simple;
        }
        let mut inner = self.s[start..end].grapheme_indices(true);
        let first = inner.next();
        self.slow = Some((inner, start, end));
        first.map(|(offset, g)| (start + offset, g))
    }
}

/// Columns taken by one character, as `width_cjk` gives them (control characters 0), with
/// the common cases answered before the table lookup.
pub fn char_cols(c: char) -> usize {
    match c {
        ' '..='~' => 1,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3000}'..='\u{3029}'
        | '\u{3030}'..='\u{303E}'
        | '\u{FF01}'..='\u{FF60}' => 2,
        _ => c.width_cjk().unwrap_or(0),
    }
}

/// Columns taken by one grapheme cluster (0, 1 or 2).
pub fn grapheme_cols(g: &str) -> usize {
    let mut chars = g.chars();
    match (chars.next(), chars.next()) {
        // The common case: one char. Control characters have no width.
        (Some(c), None) => char_cols(c),
        _ => g.width_cjk().min(2),
    }
}

/// Columns taken by a string (a wide character is 2).
pub fn str_cols(s: &str) -> usize {
    if s.is_ascii() {
        return s.bytes().filter(|b| (0x20..0x7f).contains(b)).count();
    }
    grapheme_indices(s).map(|(_, g)| grapheme_cols(g)).sum()
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
        if super::kinsoku::is_ideograph(c) {
            count += 1;
            in_word = false;
        } else if c.is_whitespace() || c.is_control() {
            in_word = false;
        } else if char_cols(c) == 2 {
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
    fn fast_char_widths_are_the_table_widths() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(char_cols(c), c.width_cjk().unwrap_or(0), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn fast_graphemes_are_the_full_rules_graphemes() {
        let texts = [
            "",
            "科协 2023年，“CUBE-Net 3.0”——好……",
            "e\u{301}科\u{301}a\u{302a}b",
            "👩‍🔬科👩‍🔬a🇨🇳🇺🇸🇯",
            "\u{600}1科\u{600}科",
            "한국어 가\u{1100}\u{1161}\u{11a8}科",
            "a\r\nb\n\r科\u{200d}科",
            "क्षि科ि",
            "\u{FE0F}科\u{FE0F}\u{E0100}",
        ];
        for t in texts {
            let fast: Vec<_> = grapheme_indices(t).collect();
            let full: Vec<_> = t.grapheme_indices(true).collect();
            assert_eq!(fast, full, "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_graphemes_agree_on_any_mix(
            t in "[科协、。“”——…a-z0-9 \u{300}-\u{36f}\u{200d}\u{fe0f}\u{1f469}\u{1f52c}\u{1f1e6}-\u{1f1ff}\u{600}\u{1100}\u{1161}\u{ac00}\u{915}\u{94d}\u{937}\u{93f}\r\n\u{302a}]{0,40}"
        ) {
            let fast: Vec<_> = grapheme_indices(&t).collect();
            let full: Vec<_> = t.grapheme_indices(true).collect();
            proptest::prop_assert_eq!(fast, full);
        }
    }

    #[test]
    fn zi_count_counts_chinese_characters_and_latin_words() {
        assert_eq!(zi_count("　　科协 2023年。\n"), 5);
        assert_eq!(zi_count("GD32MCU芯片与CUBE-Net 3.0平台"), 8);
    }
}
