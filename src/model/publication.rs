//! The bulletin's standing settings: publication, layout and footer. Every issue file
//! carries a copy of them, so that it exports the same text years later.

use serde::{Deserialize, Deserializer};

/// The bulletin series (刊物).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default = "default_toc_heading")]
    pub toc_heading: String,
    #[serde(default = "default_toc_bullet")]
    pub toc_bullet: String,
}

fn default_toc_heading() -> String {
    "目录提要".to_string()
}

fn default_toc_bullet() -> String {
    "◆".to_string()
}

impl Default for Publication {
    fn default() -> Self {
        Publication {
            title: String::new(),
            publisher: String::new(),
            toc_heading: default_toc_heading(),
            toc_bullet: default_toc_bullet(),
        }
    }
}

/// How the headline is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum HeadlineStyle {
    /// The headline centred on lines of its own (《科协每周动态》).
    #[default]
    #[serde(rename = "heading")]
    Heading,
    /// The headline is the first sentence of the first paragraph (《科创专班工作动态》).
    #[serde(rename = "run-in")]
    RunIn,
}

impl HeadlineStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            HeadlineStyle::Heading => "heading",
            HeadlineStyle::RunIn => "run-in",
        }
    }
}

/// Where the sources （单位） are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourcePlacement {
    /// Appended to the last paragraph.
    #[default]
    Inline,
    /// As a paragraph of their own.
    Line,
}

impl SourcePlacement {
    pub fn as_str(self) -> &'static str {
        match self {
            SourcePlacement::Inline => "inline",
            SourcePlacement::Line => "line",
        }
    }
}

/// Narrowest and widest line we lay out, in 字 (0 means "do not hard-wrap").
pub const MIN_WIDTH: u32 = 10;
pub const MAX_WIDTH: u32 = 200;
/// Shortest and longest page, in lines (0 means "no pagination").
pub const MIN_LINES_PER_PAGE: u32 = 10;
pub const MAX_LINES_PER_PAGE: u32 = 500;

/// Print layout (版式).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    #[serde(default = "default_width", deserialize_with = "width")]
    pub width: u32,
    #[serde(default = "default_lines_per_page", deserialize_with = "lines_per_page")]
    pub lines_per_page: u32,
    #[serde(default)]
    pub headline_style: HeadlineStyle,
    #[serde(default)]
    pub source_placement: SourcePlacement,
    #[serde(default = "default_source_separator")]
    pub source_separator: String,
}

fn default_width() -> u32 {
    28
}

fn default_lines_per_page() -> u32 {
    22
}

fn default_source_separator() -> String {
    "、".to_string()
}

fn width<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    bounded(d, MIN_WIDTH, MAX_WIDTH, "width", "字")
}

fn lines_per_page<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    bounded(d, MIN_LINES_PER_PAGE, MAX_LINES_PER_PAGE, "lines_per_page", "lines")
}

fn bounded<'de, D: Deserializer<'de>>(
    d: D,
    min: u32,
    max: u32,
    what: &str,
    unit: &str,
) -> Result<u32, D::Error> {
    let value = u32::deserialize(d)?;
    if value != 0 && !(min..=max).contains(&value) {
        return Err(serde::de::Error::custom(format!(
            "{what} must be 0 or between {min} and {max} {unit}, not {value}"
        )));
    }
    Ok(value)
}

impl Layout {
    /// The printed page's grid: 字 per line and lines per page, the defaults (28 × 22)
    /// where the layout says 0 (one line per paragraph, no pages: the text export's
    /// choices, which a page cannot take).
    pub fn grid(&self) -> (u32, u32) {
        let or = |v: u32, default: u32| if v > 0 { v } else { default };
        (or(self.width, default_width()), or(self.lines_per_page, default_lines_per_page()))
    }
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            width: default_width(),
            lines_per_page: default_lines_per_page(),
            headline_style: HeadlineStyle::default(),
            source_placement: SourcePlacement::default(),
            source_separator: default_source_separator(),
        }
    }
}

/// 报尾: contact lines and the distribution block.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub editor: String,
    #[serde(default)]
    pub reviewer: String,
    #[serde(default)]
    pub copies: u32,
    #[serde(default)]
    pub distribution: Vec<Distribution>,
}

/// One group of recipients: 分送 / 报 / 送 / 发 / 抄送.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    pub label: String,
    #[serde(default)]
    pub recipients: Vec<String>,
}
