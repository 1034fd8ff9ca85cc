//! A news item (稿件): headline, body paragraphs, source units.

use serde::{Deserialize, Deserializer};

use super::date::Date;
use crate::layout::kinsoku::is_word_char;

/// One news report, in the pool or placed in an issue.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    #[serde(deserialize_with = "item_id")]
    pub id: String,
    pub headline: String,
    #[serde(default)]
    pub toc_title: String,
    #[serde(default = "yes")]
    pub in_toc: bool,
    #[serde(default)]
    pub column: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub received: Option<Date>,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub notes: String,
    /// The file an imported item came from ("" when typed in).
    #[serde(default)]
    pub origin: String,
}

fn yes() -> bool {
    true
}

/// Ids name pool files (`pool/<id>.toml`), so they are kept to safe file-name characters.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphanumeric())
        && id.len() <= 64
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn item_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let id = String::deserialize(d)?;
    if !is_valid_id(&id) {
        return Err(serde::de::Error::custom(format!(
            "id `{id}` must be 1–64 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit"
        )));
    }
    Ok(id)
}

impl Item {
    /// An empty item with the given id.
    pub fn new(id: impl Into<String>, headline: impl Into<String>) -> Item {
        Item {
            id: id.into(),
            headline: headline.into(),
            toc_title: String::new(),
            in_toc: true,
            column: String::new(),
            sources: Vec::new(),
            received: None,
            body: String::new(),
            notes: String::new(),
            origin: String::new(),
        }
    }

    /// The body's paragraphs: one a line, trimmed (an indent typed or pasted with the
    /// text is not part of it), blank lines skipped.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.lines().map(str::trim).filter(|p| !p.is_empty())
    }

    /// The headline's parts: the lines the editor chose to break it into.
    pub fn headline_parts(&self) -> impl Iterator<Item = &str> {
        self.headline.lines().map(str::trim).filter(|p| !p.is_empty())
    }

    /// A fingerprint of the whole item (to tell whether it changed; stable within a run).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut h = DefaultHasher::new();
        self.hash(&mut h);
        h.finish()
    }

    /// The headline on one line (for the TOC, lists, run-in style).
    pub fn headline_line(&self) -> String {
        join_parts(self.headline_parts())
    }

    /// What the TOC prints for this item: its `toc_title`, or else its headline.
    pub fn toc_text(&self) -> String {
        let short = join_parts(self.toc_title.lines().map(str::trim).filter(|p| !p.is_empty()));
        if short.is_empty() { self.headline_line() } else { short }
    }

    /// The sources without blanks.
    pub fn source_list(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// 字数 of headline and body, as Word counts them.
    pub fn zi_count(&self) -> usize {
        crate::layout::zi_count(&self.headline) + crate::layout::zi_count(&self.body)
    }
}

/// Join lines of one sentence: Chinese runs on directly, two Western words keep a space.
pub fn join_parts<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        let needs_space = matches!(
            (out.chars().next_back(), part.chars().next()),
            (Some(a), Some(b)) if is_word_char(a) && is_word_char(b)
        );
        if needs_space {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_skip_blank_lines_and_indents() {
        let mut item = Item::new("a", "标题");
        item.body = "　　第一段。\n\n  第二段。\n".into();
        assert_eq!(item.paragraphs().collect::<Vec<_>>(), ["第一段。", "第二段。"]);
    }

    #[test]
    fn headline_parts_join_without_space_in_chinese() {
        let item = Item::new("a", "江州市科协成立大会暨\n第一次会员代表大会召开");
        assert_eq!(item.headline_line(), "江州市科协成立大会暨第一次会员代表大会召开");
        let item = Item::new("a", "CUBE-Net\n3.0发布");
        assert_eq!(item.headline_line(), "CUBE-Net 3.0发布");
    }

    #[test]
    fn toc_text_prefers_the_short_title() {
        let mut item = Item::new("a", "很长很长的标题");
        assert_eq!(item.toc_text(), "很长很长的标题");
        item.toc_title = "短标题".into();
        assert_eq!(item.toc_text(), "短标题");
    }

    #[test]
    fn ids_are_file_name_safe() {
        assert!(is_valid_id("2026-11-17-hd01"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("../etc"));
        assert!(!is_valid_id("稿件1"));
        assert!(!is_valid_id(&"a".repeat(65)));
    }
}
