//! Cleaning text copied out of PDFs, e-mails and Word: each step a pure function.
//!
//! - page-number lines (`- 4 -`, `— 12 —`, `第 4 页`) and form feeds are debris;
//! - the spaces a PDF puts between Chinese and digits or Latin (`2023 年 6 月`) go, spaces
//!   inside Latin text (`CUBE-Net 3.0`) stay;
//! - full-width digits and Latin become half-width; ASCII punctuation written against
//!   Chinese becomes the full-width mark (`,` → `，`, `(` → `（`);
//! - lines are trimmed (full-width spaces too) and NFC.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// A Chinese character, kana, or full-width punctuation: the things that take no space
/// against each other.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFF00..=0xFF60 // full-width forms
        | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

fn is_latin_or_digit(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '%'
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^\s*(?:
            (?:[-－—–·•]\s*)*\d{1,4}(?:\s*[-－—–·•])*         # - 4 -, — 12 —, ·4·, 4
          | 第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?  # 第 4 页, 第4页 共12页
          | \d{1,4}\s*[/／]\s*\d{1,4}                          # 4 / 12
          | page\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?             # Page 4 of 12
        )\s*$",
    )
    .expect("regex")
});

/// A page-number line or other page debris: `- 4 -`, `— 12 —`, `－4－`, `·4·`, `4`,
/// `第 4 页`, `第4页 共12页`, `4 / 12`, a lone form feed. Dashes go around the number,
/// never inside it (`92-7` is text).
pub fn is_page_debris(line: &str) -> bool {
    if line.trim().is_empty() {
        return line.contains('\u{c}');
    }
    let t = line.replace('\u{c}', "");
    if !PAGE_NUMBER.is_match(&t) {
        return false;
    }
    // Dashes on one side only are not a page number's frame.
    let digits = t.trim().trim_matches(|c: char| !c.is_ascii_digit());
    let before = t.trim().len() - t.trim().trim_start_matches(|c: char| !c.is_ascii_digit()).len();
    let after = t.trim().len() - t.trim().trim_end_matches(|c: char| !c.is_ascii_digit()).len();
    // A bare number is left to `is_bare_number`: only its surroundings tell.
    let bare = t.trim().bytes().all(|b| b.is_ascii_digit());
    !digits.is_empty()
        && !bare
        && ((before == 0) == (after == 0) || t.contains('页') || t.to_lowercase().contains("page"))
}

/// A line holding only a number (up to 999). It is a page number when set apart (padded,
/// or between blank lines); in running text it is the end of a figure.
pub fn is_bare_number(line: &str) -> bool {
    let t = line.trim().trim_start_matches('\u{c}');
    (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

/// Remove the spaces a PDF leaves between Chinese and digits or Latin, in either order.
/// Spaces between two Latin words, or between two Chinese characters, stay.
pub fn remove_artifact_spaces(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == '\u{a0}' {
            let start = i;
            while i < chars.len() && (chars[i] == ' ' || chars[i] == '\u{a0}') {
                i += 1;
            }
            let before = start.checked_sub(1).map(|k| chars[k]);
            let after = chars.get(i).copied();
            let drop = match (before, after) {
                (Some(a), Some(b)) => {
                    (is_cjk(a) && is_latin_or_digit(b)) || (is_latin_or_digit(a) && is_cjk(b))
                }
                _ => false,
            };
            if !drop {
                out.extend(&chars[start..i]);
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Full-width digits and Latin letters (０-９ Ａ-Ｚ ａ-ｚ) to half-width.
pub fn half_width_alnum(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// ASCII punctuation written against Chinese becomes the full-width mark; inside numbers
/// and Latin text (`3.5`, `1,000`, `skxxxbs@bast.net.cn`) it stays.
pub fn full_width_punctuation(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut open_quote = true;
    for (k, &c) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(k + 1).copied();
        let after_cjk = prev.is_some_and(is_cjk);
        let before_cjk = next.is_some_and(is_cjk);
        let mapped = match c {
            ',' if after_cjk || (before_cjk && !prev.is_some_and(|p| p.is_ascii_digit())) => '，',
            ':' if after_cjk => '：',
            ';' if after_cjk => '；',
            '?' if after_cjk => '？',
            '!' if after_cjk => '！',
            '.' if after_cjk && next.is_none_or(|n| is_cjk(n) || n.is_whitespace()) => '。',
            '(' if before_cjk || after_cjk => '（',
            ')' if after_cjk || (before_cjk && prev.is_some_and(|p| !p.is_ascii_alphanumeric())) => '）',
            '"' if after_cjk || before_cjk => {
                let q = if open_quote { '“' } else { '”' };
                open_quote = !open_quote;
                q
            }
            other => other,
        };
        out.push(mapped);
    }
    out
}

/// Trim spaces of every kind (the full-width indent included).
pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Every cleaning step for one line of body text.
pub fn clean_text(s: &str) -> String {
    // A tab inside a line is layout left over from the source: a space (which goes, too,
    // between two Chinese characters).
    let s: String = s.nfc().map(|c| if c == '\t' { ' ' } else { c }).collect();
    let s = half_width_alnum(trim(&s));
    full_width_punctuation(&remove_artifact_spaces(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_debris_and_text_is_not() {
        for line in [
            "- 4 -",
            "— 12 —",
            "－4－",
            "·4·",
            "Page 3 of 9",
            "  - 13 -  ",
            "第 4 页",
            "第4页 共12页",
            "4 / 12",
            "\u{c}",
        ] {
            assert!(is_page_debris(line), "{line:?}");
        }
        for line in [
            "2023年",
            "第4期",
            "11月20日",
            "CUBE-Net 3.0",
            "（4）",
            "一、",
            "92-7",
            "- 4",
            "3.5",
            "2026",
            "4",
            "00",
            "p0",
            "P4",
        ] {
            assert!(!is_page_debris(line), "{line:?}");
        }
    }

    #[test]
    fn artifact_spaces_go_latin_spaces_stay() {
        assert_eq!(remove_artifact_spaces("2023 年 6 月"), "2023年6月");
        assert_eq!(remove_artifact_spaces("市科协召开 2024 年务虚会"), "市科协召开2024年务虚会");
        assert_eq!(remove_artifact_spaces("以及 AIGC 时代"), "以及AIGC时代");
        assert_eq!(remove_artifact_spaces("CUBE-Net 3.0平台"), "CUBE-Net 3.0平台");
        assert_eq!(remove_artifact_spaces("创新引领未来 服贸助力发展"), "创新引领未来 服贸助力发展");
    }

    #[test]
    fn widths_and_punctuation_are_normalised() {
        assert_eq!(half_width_alnum("２０２３年ＧＤ３２"), "2023年GD32");
        assert_eq!(full_width_punctuation("会议强调,一是要立足职责:"), "会议强调，一是要立足职责：");
        assert_eq!(full_width_punctuation("(朝阳区科协)"), "（朝阳区科协）");
        assert_eq!(full_width_punctuation("投资3.5亿元,共1,000人"), "投资3.5亿元，共1,000人");
        assert_eq!(full_width_punctuation("见skxxxbs@bast.net.cn。"), "见skxxxbs@bast.net.cn。");
        assert_eq!(full_width_punctuation("称为\"科技馆之城\"建设"), "称为“科技馆之城”建设");
    }

    #[test]
    fn clean_text_does_everything_and_leaves_clean_text_alone() {
        assert_eq!(
            clean_text("　　近日，北京市科协召开 2024 年务虚会."),
            "近日，北京市科协召开2024年务虚会。"
        );
        let clean = "11月17日，江州市企业科协工作联盟成立大会在CUBE-Net 3.0平台上发布（见www.jzkx.org.cn）。";
        assert_eq!(clean_text(clean), clean);
    }
}
