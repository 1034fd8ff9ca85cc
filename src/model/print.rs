//! The printed page (`[print]` in jianbao.toml and in an issue file): paper, 版心, type
//! sizes, the red, the rules and the fonts of each role. The defaults are GB/T 9704's page
//! for official documents, which internal bulletins follow: A4, 版心 156 × 225 mm at 37 mm
//! from the top and 28 mm from the left, 仿宋 三号 (16 pt) on 28 字 × 22 lines.
//!
//! An issue carries its own `[print]` (copied by `jianbao new` from the issue before), so
//! an old issue exported again looks as it did. Only what differs from the defaults is
//! written.

use serde::{Deserialize, Deserializer};

/// Word's document grid in the DOCX.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocxGrid {
    /// A line grid (`type="lines"`), each style's letter spacing bringing its 字 to the 字
    /// pitch: 28 a line in Word, WPS and LibreOffice alike.
    #[default]
    Lines,
    /// Word's 字 grid (`linesAndChars` with `charSpace`), as Word's own 公文 templates set
    /// it: 28 × 22 in 页面设置; LibreOffice spreads it to about 18 字 a line.
    Chars,
}

/// A length in millimetres or a size in points, as written in the file (`37` or `37.5`).
#[derive(Debug, Clone, Copy, PartialOrd)]
pub struct Num(pub f32);

impl PartialEq for Num {
    fn eq(&self, other: &Num) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Num {}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.fract() == 0.0 { write!(f, "{}", self.0 as i64) } else { write!(f, "{}", self.0) }
    }
}

/// An sRGB colour, written `#E60012`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |k: usize| u8::from_str_radix(&hex[k..k + 2], 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }
}

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// The fonts asked for, by role: a family name (`FangSong`, `仿宋_GB2312`) or a font file's
/// path. Empty: the built-in list of each role (see `export::fonts`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Fonts {
    /// 正文, sources, TOC entries, the footer: 仿宋.
    pub body: String,
    /// The masthead's title and headlines: 小标宋.
    pub title: String,
    /// 【栏目】 and the TOC heading: 黑体.
    pub heading: String,
    /// 专栏 headings: 楷体.
    pub kai: String,
    /// Page numbers: 宋体.
    pub number: String,
    /// Runs of Latin letters and digits: a Times New Roman-like face.
    pub latin: String,
}

/// A `key = value` line as written (the value already in TOML).
pub type Setting = (&'static str, String);

/// `[print]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Print {
    /// Paper, mm.
    #[serde(deserialize_with = "paper_mm")]
    pub page_width: Num,
    #[serde(deserialize_with = "paper_mm")]
    pub page_height: Num,
    /// The 版心's top and left edges from the paper's, mm.
    #[serde(deserialize_with = "margin_mm")]
    pub top: Num,
    #[serde(deserialize_with = "margin_mm")]
    pub left: Num,
    /// The 版心, mm: the layout's 字 per line fill its width, its lines per page its height.
    #[serde(deserialize_with = "paper_mm")]
    pub text_width: Num,
    #[serde(deserialize_with = "paper_mm")]
    pub text_height: Num,
    /// Body type, pt (三号 = 16).
    #[serde(deserialize_with = "type_pt")]
    pub body_size: Num,
    /// The masthead title's largest size, pt (初号 = 42); smaller when it would not fit
    /// one line.
    #[serde(deserialize_with = "type_pt")]
    pub title_size: Num,
    /// Headlines, 【栏目】 and 专栏 headings, pt.
    #[serde(deserialize_with = "type_pt")]
    pub heading_size: Num,
    /// Page numbers, pt (四号 = 14), and their distance below the 版心, mm.
    #[serde(deserialize_with = "type_pt")]
    pub number_size: Num,
    #[serde(deserialize_with = "margin_mm")]
    pub number_gap: Num,
    /// The masthead's title and rule.
    #[serde(deserialize_with = "colour")]
    pub red: Rgb,
    /// Rules, mm: under the masthead; above and below the 分送 block.
    #[serde(deserialize_with = "rule_mm")]
    pub masthead_rule: Num,
    #[serde(deserialize_with = "rule_mm")]
    pub footer_rule_heavy: Num,
    #[serde(deserialize_with = "rule_mm")]
    pub footer_rule_thin: Num,
    /// Write PDF/A-2b (for archives).
    pub pdf_a: bool,
    /// The DOCX's document grid.
    pub docx_grid: DocxGrid,
    pub fonts: Fonts,
}

impl Default for Print {
    fn default() -> Print {
        Print {
            page_width: Num(210.0),
            page_height: Num(297.0),
            top: Num(37.0),
            left: Num(28.0),
            text_width: Num(156.0),
            text_height: Num(225.0),
            body_size: Num(16.0),
            title_size: Num(42.0),
            heading_size: Num(16.0),
            number_size: Num(14.0),
            number_gap: Num(7.0),
            red: Rgb(0xE6, 0x00, 0x12),
            masthead_rule: Num(1.0),
            footer_rule_heavy: Num(0.35),
            footer_rule_thin: Num(0.25),
            pdf_a: false,
            docx_grid: DocxGrid::Lines,
            fonts: Fonts::default(),
        }
    }
}

impl Print {
    /// The masthead title's size and letter spacing (pt), for a title `natural` ems wide
    /// of `chars` characters on a layout of `lines` lines a page: as large as fits one
    /// line of the 版心 and the two lines of the grid it takes (with a tenth of them to
    /// spare, so that it never reaches the 期号 line: 40 lines a page leave it 28.6 pt), up
    /// to `title_size`; a short title spread over up to two thirds of the measure, a 字 at
    /// most between.
    pub fn title_fit(&self, natural: f32, chars: usize, lines: usize) -> (f32, f32) {
        let measure = self.text_width.0 * 72.0 / 25.4;
        let pitch = self.text_height.0 * 72.0 / 25.4 / lines.max(1) as f32;
        let size = self.title_size.0.min(measure / natural.max(0.01)).min(1.8 * pitch);
        let n = chars.max(1) as f32;
        let spacing =
            if n > 1.0 { ((measure * 2.0 / 3.0 - natural * size) / (n - 1.0)).clamp(0.0, size) } else { 0.0 };
        (size, spacing)
    }

    pub fn is_default(&self) -> bool {
        *self == Print::default()
    }

    /// The `key = value` lines that differ from the defaults, in the file's order, and the
    /// fonts' likewise (for the writer).
    pub fn changed(&self) -> (Vec<Setting>, Vec<Setting>) {
        let d = Print::default();
        let mut out = Vec::new();
        let nums = [
            ("page_width", self.page_width, d.page_width),
            ("page_height", self.page_height, d.page_height),
            ("top", self.top, d.top),
            ("left", self.left, d.left),
            ("text_width", self.text_width, d.text_width),
            ("text_height", self.text_height, d.text_height),
            ("body_size", self.body_size, d.body_size),
            ("title_size", self.title_size, d.title_size),
            ("heading_size", self.heading_size, d.heading_size),
            ("number_size", self.number_size, d.number_size),
            ("number_gap", self.number_gap, d.number_gap),
        ];
        for (key, value, default) in nums {
            if value != default {
                out.push((key, value.to_string()));
            }
        }
        if self.red != d.red {
            out.push(("red", format!("\"{}\"", self.red)));
        }
        for (key, value, default) in [
            ("masthead_rule", self.masthead_rule, d.masthead_rule),
            ("footer_rule_heavy", self.footer_rule_heavy, d.footer_rule_heavy),
            ("footer_rule_thin", self.footer_rule_thin, d.footer_rule_thin),
        ] {
            if value != default {
                out.push((key, value.to_string()));
            }
        }
        if self.pdf_a {
            out.push(("pdf_a", "true".into()));
        }
        if self.docx_grid == DocxGrid::Chars {
            out.push(("docx_grid", "\"chars\"".into()));
        }
        let f = &self.fonts;
        let fonts = [
            ("body", &f.body),
            ("title", &f.title),
            ("heading", &f.heading),
            ("kai", &f.kai),
            ("number", &f.number),
            ("latin", &f.latin),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect();
        (out, fonts)
    }
}

fn ranged<'de, D: Deserializer<'de>>(d: D, min: f32, max: f32, unit: &str) -> Result<Num, D::Error> {
    let value = f64::deserialize(d)? as f32;
    if !(min..=max).contains(&value) {
        return Err(serde::de::Error::custom(format!("{value} {unit} is out of range")));
    }
    Ok(Num(value))
}

fn paper_mm<'de, D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
    ranged(d, 20.0, 2000.0, "mm")
}

fn margin_mm<'de, D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
    ranged(d, 0.0, 500.0, "mm")
}

fn type_pt<'de, D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
    ranged(d, 4.0, 200.0, "pt")
}

fn rule_mm<'de, D: Deserializer<'de>>(d: D) -> Result<Num, D::Error> {
    ranged(d, 0.0, 10.0, "mm")
}

fn colour<'de, D: Deserializer<'de>>(d: D) -> Result<Rgb, D::Error> {
    let s = String::deserialize(d)?;
    Rgb::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("\"{s}\" is not a colour like #E60012")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct File {
        #[serde(default)]
        print: Print,
    }

    fn read(text: &str) -> Result<Print, String> {
        toml::from_str::<File>(text).map(|f| f.print).map_err(|e| e.to_string())
    }

    #[test]
    fn the_defaults_are_gb_t_9704s_page() {
        let p = read("").unwrap();
        assert!(p.is_default());
        assert_eq!((p.page_width, p.page_height), (Num(210.0), Num(297.0)));
        // 版心 156 × 225 mm: right margin 26, bottom 35.
        assert_eq!(p.page_width.0 - p.left.0 - p.text_width.0, 26.0);
        assert_eq!(p.page_height.0 - p.top.0 - p.text_height.0, 35.0);
        assert_eq!(p.changed(), (vec![], vec![]));
    }

    #[test]
    fn values_are_read_and_only_changes_are_written() {
        let p = read("[print]\ntop = 35.5\nred = \"#C00000\"\ndocx_grid = \"chars\"\n[print.fonts]\nbody = \"FangSong\"\n").unwrap();
        assert_eq!(p.top, Num(35.5));
        assert_eq!(p.red, Rgb(0xC0, 0, 0));
        let (values, fonts) = p.changed();
        assert_eq!(p.docx_grid, DocxGrid::Chars);
        assert_eq!(
            values,
            [
                ("top", "35.5".to_string()),
                ("red", "\"#C00000\"".to_string()),
                ("docx_grid", "\"chars\"".to_string())
            ]
        );
        assert_eq!(fonts, [("body", "FangSong".to_string())]);
    }

    /// The title takes two lines of the grid: on GB/T 9704's 22 lines 初号 fits them; on 40
    /// lines a page (15.9 pt each) it is held to 1.8 lines, clear of the 期号 below.
    #[test]
    fn the_title_fits_its_two_lines() {
        let p = Print::default();
        assert_eq!(p.title_fit(6.0, 6, 22).0, 42.0);
        let pitch = 225.0 * 72.0 / 25.4 / 40.0;
        let (size, spacing) = p.title_fit(7.0, 7, 40);
        assert!((size - 1.8 * pitch).abs() < 0.01, "{size}");
        // Short at that size: spread to two thirds of the measure.
        assert!((7.0 * size + 6.0 * spacing - 156.0 * 72.0 / 25.4 * 2.0 / 3.0).abs() < 0.1);
        // A long title is held by the measure first.
        assert!(p.title_fit(20.0, 20, 22).0 < 23.0);
    }

    #[test]
    fn bad_values_are_refused_with_their_place() {
        for (text, says) in [
            ("[print]\ntop = -3\n", "out of range"),
            ("[print]\nred = \"red\"\n", "not a colour"),
            ("[print]\nbody_size = \"16\"\n", "invalid type"),
            ("[print]\nmargin = 3\n", "unknown field"),
            ("[print]\ndocx_grid = \"char\"\n", "unknown variant"),
            ("[print.fonts]\nbold = \"黑体\"\n", "unknown field"),
        ] {
            let e = read(text).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
            assert!(e.contains("line 2"), "{text}: {e}");
        }
    }
}
