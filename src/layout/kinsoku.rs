//! 禁则: which characters may not start or end a line (W3C clreq, "basic" level), and
//! which runs are never split.
//!
//! Line start is forbidden for the pause marks 、，。：；！？ (and their half-width and
//! Western cousins), every closing quote, bracket and 书名号, the interpuncts ‧ ·, the
//! connectors (一字线 —, –, ～, －, ／), unit marks that belong to the number before them
//! (％ ‰ ℃ °), and — stricter than clreq requires, never wrong — the dash and ellipsis
//! pairs —— and …….  Line end is forbidden for every opening quote, bracket and 书名号.

/// A CJK unified ideograph (basic block): most of the text, and never a 禁则 mark — asked
/// first so that the long lists below are passed over for it.
#[inline]
pub fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A character that may not begin a line.
pub fn is_no_start(c: char) -> bool {
    !is_ideograph(c)
        && matches!(
            c,
            // pause and stop marks
            '、' | '，' | '。' | '．' | '：' | '；' | '！' | '？' | ',' | '.' | ':' | ';' | '!' | '?'
        // closing quotes, brackets, 书名号
        | '”' | '’' | '）' | '】' | '》' | '」' | '』' | '〕' | '〉' | '〗' | '〙' | '〛'
        | '］' | '｝' | '＞' | ')' | ']' | '}' | '〞' | '〟' | '»' | '›'
        // interpuncts and separators
        | '‧' | '·' | '・' | '／'
        // connectors, dashes and ellipses
        | '—' | '―' | '–' | '～' | '〜' | '－' | '…' | '⋯' | '~'
        // unit marks that cling to the number before them
        | '％' | '‰' | '℃' | '°' | '′' | '″'
        // iteration marks and small kana never begin a line either
        | '々' | '〻' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ'
        )
}

/// A character that may not end a line.
pub fn is_no_end(c: char) -> bool {
    !is_ideograph(c)
        && matches!(
            c,
            '“' | '‘'
                | '（'
                | '【'
                | '《'
                | '「'
                | '『'
                | '〔'
                | '〈'
                | '〖'
                | '〘'
                | '〚'
                | '［'
                | '｛'
                | '＜'
                | '('
                | '['
                | '{'
                | '〝'
                | '«'
                | '‹'
        )
}

/// Characters that form a run that is never split (—— and ……).
pub fn pair_class(c: char) -> Option<u8> {
    match c {
        '—' | '―' => Some(0),
        '…' | '⋯' => Some(1),
        _ => None,
    }
}

/// A character that belongs to an unbreakable "Western word" run: ASCII letters, digits
/// and symbols (`CUBE-Net`, `2023`, `skxxxbs@bast.net.cn`), and other half-width letters
/// and digits (`Müller`).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_graphic();
    }
    // Width first: it rules out every Chinese character cheaply.
    super::width::char_cols(c) == 1 && c.is_alphanumeric()
}

/// A character at which a line may be broken and which is then dropped.
pub fn is_break_space(c: char) -> bool {
    c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pause_marks_and_closers_never_start_a_line() {
        for c in "、，。：；！？”’）】》」』〕〉‧·".chars() {
            assert!(is_no_start(c), "{c}");
        }
        assert!(!is_no_start('科'));
        assert!(!is_no_start('“'));
    }

    #[test]
    fn openers_never_end_a_line() {
        for c in "“‘（【《「『〔〈".chars() {
            assert!(is_no_end(c), "{c}");
        }
        assert!(!is_no_end('。'));
        assert!(!is_no_end('”'));
    }

    #[test]
    fn ascii_symbols_belong_to_words() {
        assert!("skxxxbs@bast.net.cn".chars().all(is_word_char));
        assert!("CUBE-Net".chars().all(is_word_char));
        assert!(!is_word_char(' '));
        assert!(!is_word_char('科'));
        assert!(!is_word_char('（'));
    }
}
