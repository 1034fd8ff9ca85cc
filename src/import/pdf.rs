//! PDF files: a past issue as printed, or a submission a unit sent as PDF.
//!
//! The page is read with hayro (hayro-syntax and hayro-interpret, by the author of krilla,
//! our PDF writer): every glyph with its position, size, colour and Unicode value, every
//! rule drawn. From what the page shows we write the text the way our own text export
//! prints an issue — a centred line padded with spaces, a paragraph's first line indented
//! by two 字, the masthead's publisher and date apart, rules as `━━━`/`───`, page numbers
//! (found by their place below the text and their shape) left out — and the text reader
//! does the rest. So a PDF and the text export of the same issue are read by the same
//! rules, and what the text reader learns serves both.
//!
//! Chosen over pdf-extract/lopdf (also looked at; pdf-extract is this project's test-only
//! reader of its own PDFs): hayro gives each glyph's colour (the red masthead) and the
//! drawn rules, reads CID fonts with their CMaps, decrypts what opens without a password,
//! and is kept up by the author of the PDF writer we already use.

use hayro_interpret::font::{Glyph as HayroGlyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache,
    InterpreterSettings, Paint, SoftMask, interpret_page,
};
use thiserror::Error;

use crate::layout::str_cols as str_width;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PdfError {
    #[error("it is password-protected (remove the password and try again)")]
    Encrypted,
    #[error("it is not a readable PDF file")]
    Invalid,
    #[error("it is a scan: its pages are images, with no text to take")]
    Scanned,
    #[error("it has no text to take")]
    NoText,
    #[error("its text cannot be taken: its fonts do not say which characters they draw")]
    NoUnicode,
}

impl PdfError {
    /// Why, in `lang` (English is the `Display` text).
    pub fn say(&self, lang: crate::lang::Lang) -> String {
        match lang {
            crate::lang::Lang::En => self.to_string(),
            crate::lang::Lang::Zh => match self {
                PdfError::Encrypted => "文件设有密码（请去掉密码后再试）",
                PdfError::Invalid => "不是可以读取的 PDF 文件",
                PdfError::Scanned => "扫描件，没有可提取的文字",
                PdfError::NoText => "文件中没有可提取的文字",
                PdfError::NoUnicode => "文字无法提取：文件的字体没有说明所画的是哪些字",
            }
            .to_string(),
        }
    }
}

/// Whether the bytes are a PDF file by their first bytes (a few bytes of junk before the
/// header are allowed, as readers allow them).
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.len() >= 5 && bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
}

/// One glyph as the page shows it; y grows downwards from the top of the page.
#[derive(Debug, Clone)]
struct Glyph {
    text: String,
    x: f64,
    y: f64,
    size: f64,
    advance: f64,
    /// The font gave the advance (else it is guessed from the next glyph).
    measured: bool,
    red: bool,
}

/// A horizontal rule drawn across the text.
#[derive(Debug, Clone, Copy)]
struct Rule {
    y: f64,
    x0: f64,
    x1: f64,
    heavy: bool,
}

#[derive(Default)]
struct Page {
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
    images: usize,
    unmapped: usize,
}

struct Collector {
    height: f64,
    page: Page,
}

fn is_red(paint: &Paint<'_>) -> bool {
    match paint {
        Paint::Color(c) => {
            let [r, g, b, _] = c.to_rgba().components();
            r > 0.6 && g < 0.35 && b < 0.35
        }
        Paint::Pattern(_) => false,
    }
}

/// How much `t` scales lengths (the square root of its determinant).
fn scale(t: Affine) -> f64 {
    let [a, b, c, d, _, _] = t.as_coeffs();
    (a * d - b * c).abs().sqrt()
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        let b = (props.transform * path.clone()).bounding_box();
        let stroke = match mode {
            DrawMode::Stroke(s) | DrawMode::FillAndStroke(_, s) => {
                f64::from(s.line_width) * scale(props.transform)
            }
            _ => 0.0,
        };
        let thick = b.height() + stroke;
        if b.width() > 72.0 && thick < 4.0 && b.width() > 8.0 * thick {
            let y = self.height - (b.y0 + b.y1) / 2.0;
            self.page.rules.push(Rule { y, x0: b.x0, x1: b.x1, heavy: thick >= 0.9 || is_red(&props.paint) });
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        let red = is_red(&props.paint);
        for g in run.glyphs() {
            let t = props.transform * g.transform();
            let size = scale(t) * 1000.0;
            let at = t * Point::ZERO;
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => {
                    self.page.unmapped += 1;
                    continue;
                }
            };
            let text = ideographs(text);
            let measured = match &**g {
                HayroGlyph::Outline(o) => o.advance_width().map(|w| f64::from(w) * size / 1000.0),
                HayroGlyph::Type3(_) => None,
            }
            .filter(|w| *w > 0.0);
            let advance = measured.unwrap_or_else(|| size * str_width(&text).max(1) as f64 / 2.0);
            let measured = measured.is_some();
            self.page.glyphs.push(Glyph {
                text,
                x: at.x,
                y: self.height - at.y,
                size,
                advance,
                measured,
                red,
            });
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.page.images += 1;
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

/// Kangxi radicals and CJK radical supplements as the ideographs they look like: a font
/// shares one glyph between 人 and ⼈, and some writers (Chromium's) name the radical in
/// the PDF's ToUnicode table.
fn ideographs(text: String) -> String {
    let radical = |c: char| matches!(c, '\u{2E80}'..='\u{2EFF}' | '\u{2F00}'..='\u{2FDF}');
    if !text.chars().any(radical) {
        return text;
    }
    // Where the compatibility form is the traditional character, or there is none, the
    // simplified one the SC font draws.
    const SIMPLIFIED: [(char, char); 25] = [
        ('\u{2F3E}', '户'),
        ('\u{2EC5}', '见'),
        ('\u{2EC8}', '讠'),
        ('\u{2EC9}', '贝'),
        ('\u{2ECB}', '车'),
        ('\u{2ED0}', '钅'),
        ('\u{2ED3}', '长'),
        ('\u{2ED4}', '门'),
        ('\u{2ED8}', '青'),
        ('\u{2EDA}', '页'),
        ('\u{2EDB}', '风'),
        ('\u{2EDC}', '飞'),
        ('\u{2EDD}', '食'),
        ('\u{2EE0}', '饣'),
        ('\u{2EE2}', '马'),
        ('\u{2EE3}', '骨'),
        ('\u{2EE5}', '鱼'),
        ('\u{2EE6}', '鸟'),
        ('\u{2EE7}', '卤'),
        ('\u{2EE8}', '麦'),
        ('\u{2EE9}', '黄'),
        ('\u{2EEC}', '齐'),
        ('\u{2EEE}', '齿'),
        ('\u{2EF0}', '龙'),
        ('\u{2EF3}', '龟'),
    ];
    let mut out = String::new();
    for c in text.chars() {
        if let Some(&(_, s)) = SIMPLIFIED.iter().find(|(r, _)| *r == c) {
            out.push(s);
        } else if radical(c) {
            unicode_normalization::char::decompose_compatible(c, |d| out.push(d));
        } else {
            out.push(c);
        }
    }
    out
}

/// Most pages a file may have: beyond this it is not a bulletin.
const MAX_PAGES: usize = 2000;

/// Every page's glyphs and rules.
fn pages(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => PdfError::Encrypted,
        LoadPdfError::Invalid => PdfError::Invalid,
    })?;
    let cache = InterpreterCache::new();
    let mut out = Vec::new();
    for page in pdf.pages().iter().take(MAX_PAGES) {
        let (w, h) = page.render_dimensions();
        let (w, h) = (f64::from(w), f64::from(h));
        let mut context = Context::new(
            Affine::IDENTITY,
            Rect::new(0.0, 0.0, w, h),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut collector = Collector { height: h, page: Page::default() };
        interpret_page(page, &mut context, &mut collector);
        out.push(collector.page);
    }
    Ok(out)
}

/// A line of glyphs on one baseline.
#[derive(Debug, Clone)]
struct Line {
    glyphs: Vec<Glyph>,
    y: f64,
}

impl Line {
    fn x0(&self) -> f64 {
        self.glyphs.first().map_or(0.0, |g| g.x)
    }
    fn x1(&self) -> f64 {
        self.glyphs.last().map_or(0.0, |g| g.x + g.advance)
    }
    fn size(&self) -> f64 {
        self.glyphs.iter().map(|g| g.size).fold(0.0, f64::max)
    }
    fn red(&self) -> bool {
        self.glyphs.iter().any(|g| g.red)
    }
}

/// Glyphs into lines: those whose baselines are within a third of their size of each
/// other, left to right.
fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.size > 0.5 && g.x.is_finite() && g.y.is_finite());
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut out: Vec<Line> = Vec::new();
    for g in glyphs {
        match out.last_mut() {
            // Within a third of the smaller size: a large title close above the issue
            // number is still a line of its own.
            Some(line) if (g.y - line.y).abs() <= 0.35 * g.size.min(line.size()) => line.glyphs.push(g),
            _ => out.push(Line { y: g.y, glyphs: vec![g] }),
        }
    }
    for line in &mut out {
        line.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        // A glyph whose font does not say how wide it is reaches the next one, up to a 字
        // (so a wide gap after it is still a gap).
        for k in 1..line.glyphs.len() {
            let next = line.glyphs[k].x;
            let g = &mut line.glyphs[k - 1];
            if !g.measured && next > g.x {
                g.advance = (next - g.x).min(g.size);
            }
        }
    }
    out
}

/// The value most often seen, values rounded to `step`.
fn mode(values: impl Iterator<Item = f64>, step: f64) -> Option<f64> {
    let mut counts: std::collections::BTreeMap<i64, usize> = std::collections::BTreeMap::new();
    for v in values {
        *counts.entry((v / step).round() as i64).or_insert(0) += 1;
    }
    counts.into_iter().max_by_key(|&(k, n)| (n, -k)).map(|(k, _)| k as f64 * step)
}

/// A glyph a 字 wide: CJK, and the symbols Chinese text sets full width (bullets ◆ ▲ ●,
/// box drawing, arrows, the private-use bullets of symbol fonts).
fn wide(text: &str) -> bool {
    str_width(text) >= 2
        || text.chars().next().is_some_and(|c| {
            matches!(c, '\u{2190}'..='\u{21FF}' | '\u{2500}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{F000}'..='\u{F0FF}')
        })
}

/// The text box the body is set in, and the body's size.
struct Frame {
    em: f64,
    left: f64,
    right: f64,
    pitch: f64,
    /// 字 per full line: a grid may spread 27 字 over a measure of 28.
    cols: usize,
}

impl Frame {
    fn cols(&self) -> usize {
        self.cols
    }

    /// The width of one 字's cell on the grid.
    fn cell(&self) -> f64 {
        (self.right - self.left) / self.cols as f64
    }
}

fn frame(pages: &[Vec<Line>]) -> Option<Frame> {
    let all = || pages.iter().flatten();
    let em = mode(all().flat_map(|l| &l.glyphs).filter(|g| wide(&g.text)).map(|g| g.size), 0.5)
        .or_else(|| mode(all().flat_map(|l| &l.glyphs).map(|g| g.size), 0.5))?;
    let body = || all().filter(|l| (l.size() - em).abs() < 0.2 * em && l.glyphs.len() >= 4);
    let left = mode(body().map(Line::x0), 1.0)?;
    // Full lines end at the right edge: the most common end among the longest lines.
    let longest = body().map(Line::x1).fold(left, f64::max);
    let right =
        mode(body().map(Line::x1).filter(|x| *x > longest - 2.0 * em), 1.0).unwrap_or(longest).max(left + em);
    let pitch = mode(
        pages.iter().flat_map(|p| {
            p.windows(2)
                .filter(|w| (w[0].size() - em).abs() < 0.2 * em && (w[1].size() - em).abs() < 0.2 * em)
                .map(|w| w[1].y - w[0].y)
        }),
        0.5,
    )
    .filter(|p| *p > em * 0.9)
    .unwrap_or(em * 1.8);
    // The 字 a full line holds: the most common count of the lines that reach the right.
    let cols = mode(
        body()
            .filter(|l| l.x1() >= right - 0.5 * em)
            .map(|l| (str_width(&line_text(l, em)) as f64 / 2.0).ceil()),
        1.0,
    )
    .map_or(((right - left) / em).round() as usize, |c| c as usize)
    .max(1);
    Some(Frame { em, left, right, pitch, cols })
}

/// `— 3 —`, `- 3 -`, `－3－`, `3`, `第3页`: a page number.
pub fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '—' | '-' | '－' | '–' | '·'));
    let t = t.strip_prefix('第').and_then(|t| t.strip_suffix('页')).unwrap_or(t);
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

/// The line's characters, with the gaps the page shows: a space between Latin words, and
/// spaces standing for a wide gap (publisher … date) at two a 字.
fn line_text(line: &Line, em: f64) -> String {
    // A justified line, or a title spread evenly, has the same extra space between every
    // two glyphs: that is not a gap, only what stands out from it is.
    let mut gaps: Vec<f64> = line.glyphs.windows(2).map(|w| w[1].x - (w[0].x + w[0].advance)).collect();
    gaps.sort_by(f64::total_cmp);
    // A grid narrower than the type (32 字 of 三号 on a 28-字 measure) overlaps every two
    // glyphs alike: the same, below zero.
    let spread = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0).max(-0.5 * em);
    // The width of a 字's cell on this line.
    let cell = em + spread;
    let mut out = String::new();
    let mut last: Option<&Glyph> = None;
    for g in &line.glyphs {
        if let Some(p) = last {
            let latin = !wide(&p.text) && !wide(&g.text);
            let raw = g.x - (p.x + p.advance);
            let gap = if latin { raw - spread.max(0.0) } else { raw - spread };
            if gap >= 0.75 * cell && wide(&p.text) && wide(&g.text) && gap < 4.5 * cell {
                // Between two 字, a 字's width or a few: full-width spaces (`◆　标题`).
                let n = (gap / cell).round() as usize;
                out.extend(std::iter::repeat_n('　', n));
            } else if gap >= 0.4 * cell {
                let n = ((gap / (cell / 2.0)).round() as usize).clamp(1, 80);
                out.extend(std::iter::repeat_n(' ', n));
            } else if latin && gap > 0.15 * g.size && !out.ends_with(' ') && g.text != " " {
                out.push(' ');
            }
        }
        if g.text.trim().is_empty() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push_str(&g.text);
        }
        last = Some(g);
    }
    out.trim_end().to_string()
}

/// The text of a PDF file, written as our text export prints an issue.
pub fn to_text(bytes: &[u8]) -> Result<String, PdfError> {
    let pages = pages(bytes)?;
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    let unmapped: usize = pages.iter().map(|p| p.unmapped).sum();
    if glyphs == 0 {
        return Err(if unmapped > 0 {
            PdfError::NoUnicode
        } else if pages.iter().any(|p| p.images > 0) {
            PdfError::Scanned
        } else {
            PdfError::NoText
        });
    }
    if unmapped > glyphs / 5 {
        return Err(PdfError::NoUnicode);
    }
    let mut rules = Vec::new();
    let laid: Vec<Vec<Line>> = pages
        .into_iter()
        .map(|p| {
            rules.push(p.rules);
            lines(p.glyphs)
        })
        .collect();
    let Some(frame) = frame(&laid) else { return Err(PdfError::NoText) };
    let cols = frame.cols();
    let mut out = String::new();
    // The last line written reached the right edge: the paragraph may go on.
    let mut open = false;
    // The line written is a wrapped headline's first: the next one goes on it.
    let mut joining = false;
    for (lines, rules) in laid.iter().zip(rules) {
        // What stands on the page, top to bottom: lines and the rules across the text.
        // A line with its text and what stands before it, each made once.
        enum Mark<'a> {
            Text(&'a Line, String, String),
            Rule(bool),
        }
        let measure = frame.right - frame.left;
        let mut marks: Vec<(f64, Mark)> = lines
            .iter()
            .map(|l| {
                let text = line_text(l, frame.em);
                let pad = pad(l, &text, &frame);
                (l.y, Mark::Text(l, text, pad))
            })
            .collect();
        for r in rules.iter().filter(|r| r.x1 - r.x0 >= 0.6 * measure) {
            // A rule drawn twice (a fill and a stroke, or a double rule) is one rule.
            let near = marks.iter().any(|(y, m)| matches!(m, Mark::Rule(_)) && (y - r.y).abs() < 2.0);
            if !near {
                marks.push((r.y, Mark::Rule(r.heavy)));
            }
        }
        marks.sort_by(|a, b| a.0.total_cmp(&b.0));
        // The page number: below every other line, or the shape of one at the foot.
        let last_text = marks.iter().rposition(|(_, m)| matches!(m, Mark::Text(..)));
        let mut previous: Option<f64> = None;
        for (k, (y, mark)) in marks.iter().enumerate() {
            if let Mark::Text(_, text, _) = mark
                && Some(k) == last_text
                && is_page_number(text)
            {
                continue;
            }
            if let Some(p) = previous {
                // A gap of a line or more is a blank line; so is the space a tool puts before
                // a headline instead of an empty paragraph (a third of a line or more).
                let gap = (y - p) / frame.pitch;
                let blank = if gap >= 1.3 { ((gap.round() as i64) - 1).max(1) } else { 0 };
                for _ in 0..blank.clamp(0, 2) {
                    out.push('\n');
                    open = false;
                }
            }
            previous = Some(*y);
            match mark {
                Mark::Rule(heavy) => {
                    open = false;
                    out.push_str(&(if *heavy { "━" } else { "─" }).repeat(cols));
                    out.push('\n');
                }
                Mark::Text(line, text, pad) => {
                    let body = (line.size() - frame.em).abs() < 0.2 * frame.em;
                    // A full line and a flush one after it: one paragraph, re-joined here
                    // where the page's geometry tells it (a tool's lines vary in length).
                    if joining {
                        // The rest of a headline a word processor wrapped (see below).
                        joining = false;
                    } else if open && body && pad.is_empty() && out.ends_with('\n') {
                        out.pop();
                        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
                        if latin(out.chars().last()) && latin(text.chars().next()) {
                            out.push(' ');
                        }
                    } else {
                        out.push_str(pad);
                    }
                    out.push_str(text);
                    let full = line.x1() >= frame.right - 0.6 * frame.em;
                    // A full line that continues nothing, with a centred line of its size
                    // right under it: a headline a word processor filled before it wrapped
                    // (our exports balance the lines). One line, centred.
                    let next = marks.get(k + 1).and_then(|(ny, m)| match m {
                        Mark::Text(n, _, pad) if ny - y < 1.3 * frame.pitch => Some((n, pad)),
                        _ => None,
                    });
                    let wrapped_headline = !open
                        && pad.is_empty()
                        && full
                        && next.is_some_and(|(n, pad)| {
                            (n.size() - line.size()).abs() < 0.1 * line.size() && pad.starts_with(' ')
                        });
                    if wrapped_headline {
                        out.insert(out.len() - text.len(), ' ');
                        joining = true;
                        open = false;
                        continue;
                    }
                    out.push('\n');
                    open = body && !pad.starts_with(' ') && full;
                }
            }
        }
        // Pages join without a gap: a paragraph cut by the page goes on.
    }
    Ok(out)
}

/// What stands before a line's text: spaces for a centred line (two a 字, as the text
/// export centres), `　` for an indent of a few 字, spaces for a line set far right.
fn pad(line: &Line, text: &str, frame: &Frame) -> String {
    let em = frame.em;
    let cell = frame.cell();
    let l = (line.x0() - frame.left) / cell;
    let r = (frame.right - line.x1()) / cell;
    let centred = l >= 0.8 && (l - r).abs() <= 1.0 + 0.1 * l;
    // The masthead's title is centred even when it is wider than the body's measure.
    if centred || (line.red() && line.size() > 1.2 * em) {
        let cols = frame.cols() * 2;
        let n = cols.saturating_sub(str_width(text)) / 2;
        return " ".repeat(n);
    }
    // An indent is set in 字 of the body's size, whatever the grid's cell.
    let l = (line.x0() - frame.left) / em;
    if l < 0.5 {
        String::new()
    } else if l <= 4.5 {
        "　".repeat(l.round() as usize)
    } else {
        " ".repeat((l * 2.0).round() as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f64, y: f64, size: f64) -> Glyph {
        Glyph {
            text: text.into(),
            x,
            y,
            size,
            advance: size * str_width(text) as f64 / 2.0,
            measured: true,
            red: false,
        }
    }

    fn row(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let mut x = x;
        text.chars()
            .map(|c| {
                let g = glyph(&c.to_string(), x, y, size);
                x += g.advance;
                g
            })
            .collect()
    }

    #[test]
    fn page_numbers_in_the_shapes_offices_print() {
        for t in ["— 3 —", "- 3 -", "－12－", "3", "第3页", "—3—"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["（共印120份）", "2026", "3月", "— 第三部分 —", "12345"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn glyphs_make_lines_by_baseline_and_gaps_make_spaces() {
        let mut gs = row("江州市科协办公室", 80.0, 270.0, 16.0);
        gs.extend(row("2026年11月20日", 410.0, 270.3, 16.0));
        gs.extend(row("5G base", 80.0, 300.0, 16.0));
        // Justified: 5 pt between every two 字, and a title spread 8 pt apart.
        gs.extend((0..10).map(|k| glyph("字", 80.0 + f64::from(k) * 21.0, 330.0, 16.0)));
        gs.extend((0..6).map(|k| glyph("刊", 150.0 + f64::from(k) * 50.0, 100.0, 42.0)));
        let ls = lines(gs);
        assert_eq!(ls.len(), 4);
        assert_eq!(line_text(&ls[0], 16.0), "刊刊刊刊刊刊");
        let ls = &ls[1..];
        let publisher = line_text(&ls[0], 16.0);
        assert!(
            publisher.starts_with("江州市科协办公室  ") && publisher.ends_with("2026年11月20日"),
            "{publisher}"
        );
        // 410 − (80 + 8×16) = 202 pt of gap = 12.6 字 = 25 columns.
        assert_eq!(publisher.chars().filter(|c| *c == ' ').count(), 25);
        assert_eq!(line_text(&ls[1], 16.0), "5G base");
        assert_eq!(line_text(&ls[2], 16.0), "字".repeat(10));
        // A bullet and its entry one 字 apart: the full-width space the text export writes.
        let mut toc = row("◆", 80.0, 0.0, 16.0);
        toc.extend(row("学会动态", 112.0, 0.0, 16.0));
        assert_eq!(line_text(&lines(toc)[0], 16.0), "◆　学会动态");
    }

    #[test]
    fn centred_indented_and_flush_lines_are_padded_as_the_text_export_pads_them() {
        let frame = Frame { em: 16.0, left: 80.0, right: 80.0 + 28.0 * 16.0, pitch: 29.0, cols: 28 };
        let flush = Line { y: 0.0, glyphs: row(&"字".repeat(28), 80.0, 0.0, 16.0) };
        assert_eq!(pad(&flush, "", &frame), "");
        let indented = Line { y: 0.0, glyphs: row("正文", 112.0, 0.0, 16.0) };
        assert_eq!(pad(&indented, "正文", &frame), "　　");
        // A headline of 10 字 centred: 9 字 each side, 18 spaces as the export writes.
        let headline = Line { y: 0.0, glyphs: row(&"题".repeat(10), 80.0 + 9.0 * 16.0, 0.0, 16.0) };
        assert_eq!(pad(&headline, &"题".repeat(10), &frame), " ".repeat(18));
        let far = Line { y: 0.0, glyphs: row("（共印120份）", 80.0 + 21.0 * 16.0, 0.0, 16.0) };
        assert_eq!(pad(&far, "（共印120份）", &frame), " ".repeat(42));
    }

    #[test]
    fn kangxi_radicals_read_as_the_ideographs_they_show() {
        assert_eq!(ideographs("⼈⽉⼤⼾".into()), "人月大户");
        assert_eq!(ideographs("人，（）".into()), "人，（）", "full-width punctuation stays");
    }

    #[test]
    fn junk_is_refused_with_a_reason() {
        assert_eq!(to_text(b"%PDF-1.7\nnonsense"), Err(PdfError::Invalid));
        assert!(is_pdf(b"%PDF-1.4\n"));
        assert!(!is_pdf(b"PK\x03\x04"));
        assert_eq!(PdfError::Scanned.say(crate::lang::Lang::Zh), "扫描件，没有可提取的文字");
    }
}
