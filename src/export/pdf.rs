//! The printed page as PDF, on our own layout: the lines and page breaks are the paginated
//! text export's, line for line, so 禁则, keep-with-next and the footer at the foot hold in
//! print as they do in text. Each 字 sits in its cell of the grid (the layout's 字 per line
//! across the 版心's width, its lines per page down its height); a paragraph's lines but
//! its last are justified to the full measure; runs of Latin letters and digits are set in
//! the Latin face, centred in the width the layout gave them.
//!
//! krilla writes the file (by typst's PDF author: subsetted fonts with ToUnicode, so the
//! text can be selected and searched, outlines, links, metadata, PDF/A-2b). Masthead in
//! red with a red rule, sections and items as bookmarks, TOC entries linked to their items,
//! page numbers `— N —` on the outer side (GB/T 9704 §7.5).

use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::configure::{Configuration, Validator};
use krilla::destination::{Destination, XyzDestination};
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document, SerializeSettings};

use super::fonts::{FontSet, Role as Face, Served};
use super::text::pages;
use crate::lang::Lang;
use crate::layout::paginate::{Anchor, Line, Role};
use crate::layout::width::{grapheme_cols, grapheme_indices};
use crate::model::Issue;
use crate::model::print::{Print, Rgb};

/// A character no face on the machine has: where it is (1-based page and line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub c: char,
    pub page: usize,
    pub line: usize,
}

impl Missing {
    pub fn say(&self, lang: Lang) -> String {
        lang.pick(
            format!(
                "第{}页第{}行的“{}”（U+{:04X}）在所有字体中都没有，未印出",
                self.page, self.line, self.c, self.c as u32
            ),
            format!(
                "“{}” (U+{:04X}) on page {}, line {} is in no font and was left out",
                self.c, self.c as u32, self.page, self.line
            ),
        )
    }
}

/// A written PDF and what the reader should know about it.
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub served: Vec<Served>,
    pub missing: Vec<Missing>,
    /// What was put where, a line per run of glyphs and per rule: for review of the
    /// placement (`tests/golden/pdf/`).
    pub placements: Vec<String>,
}

/// Why no PDF was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// krilla refused (for PDF/A: what the standard forbids).
    Write(String),
}

impl PdfError {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            PdfError::Write(why) => {
                lang.pick(format!("无法生成 PDF：{why}"), format!("could not make the PDF: {why}"))
            }
        }
    }
}

/// Points per millimetre.
const PT: f32 = 72.0 / 25.4;

/// Where a CJK glyph's em box is centred above its baseline, in ems (ideographic em box
/// from −0.12 to 0.88).
const EM_CENTRE: f32 = 0.38;

/// The page grid, in points from the paper's top-left corner.
struct Grid {
    page: (f32, f32),
    left: f32,
    top: f32,
    width: f32,
    height: f32,
    /// Columns across (two a 字), lines down.
    cols: usize,
    lines: usize,
}

impl Grid {
    fn new(print: &Print, zi: u32, lines: u32) -> Grid {
        Grid {
            page: (print.page_width.0 * PT, print.page_height.0 * PT),
            left: print.left.0 * PT,
            top: print.top.0 * PT,
            width: print.text_width.0 * PT,
            height: print.text_height.0 * PT,
            cols: zi as usize * 2,
            lines: lines as usize,
        }
    }

    fn col(&self) -> f32 {
        self.width / self.cols as f32
    }

    fn pitch(&self) -> f32 {
        self.height / self.lines as f32
    }

    /// The middle of line `i` (0-based).
    fn middle(&self, i: usize) -> f32 {
        self.top + (i as f32 + 0.5) * self.pitch()
    }
}

/// One thing on a line: a 字 in its cell, or a run of Latin text over its columns.
struct Unit<'a> {
    text: &'a str,
    col: usize,
    cols: usize,
    latin: bool,
}

/// The units of `text`: full-width graphemes one by one, runs of narrow ones (letters,
/// digits, Latin punctuation) together; spaces only move the column on.
fn units(text: &str) -> Vec<Unit<'_>> {
    let mut out: Vec<Unit> = Vec::new();
    let mut col = 0;
    let mut run: Option<(usize, usize)> = None; // (byte start, col start)
    let mut end = 0;
    fn close<'a>(
        out: &mut Vec<Unit<'a>>,
        run: &mut Option<(usize, usize)>,
        end: usize,
        col: usize,
        text: &'a str,
    ) {
        if let Some((start, at)) = run.take() {
            out.push(Unit { text: &text[start..end], col: at, cols: col - at, latin: true });
        }
    }
    for (i, g) in grapheme_indices(text) {
        let cols = grapheme_cols(g);
        let space = g.chars().all(|c| c == ' ' || c == '\u{3000}');
        if cols == 1 && !space {
            if run.is_none() {
                run = Some((i, col));
            }
        } else {
            close(&mut out, &mut run, end, col, text);
            if !space && cols > 0 {
                out.push(Unit { text: g, col, cols, latin: false });
            }
        }
        col += cols;
        end = i + g.len();
    }
    close(&mut out, &mut run, end, col, text);
    out
}

/// The face role, size and colour a line is set in.
fn style(role: Role, print: &Print) -> (Face, f32, Option<Rgb>) {
    let body = print.body_size.0;
    let heading = print.heading_size.0;
    match role {
        Role::Title => (Face::Title, print.title_size.0, Some(print.red)),
        Role::Headline => (Face::Title, heading, None),
        Role::Section | Role::TocHeading => (Face::Heading, heading, None),
        Role::Column => (Face::Kai, heading, None),
        _ => (Face::Body, body, None),
    }
}

struct Writer<'a> {
    fonts: &'a mut FontSet,
    krilla: Vec<Option<Font>>,
    missing: Vec<Missing>,
    /// The page being drawn (1-based), the fill, and what went where (when `record`).
    page: usize,
    colour: Rgb,
    record: bool,
    placements: Vec<String>,
}

/// Glyphs of one face placed at absolute x positions on one baseline.
struct Batch {
    face: usize,
    size: f32,
    glyphs: Vec<(u32, f32, f32, std::ops::Range<usize>)>, // (id, x, advance em, text range)
    text: String,
}

impl Writer<'_> {
    fn fill(&mut self, surface: &mut Surface, c: Rgb) {
        self.colour = c;
        set_fill(surface, c);
    }

    /// A rule across the 版心, `thickness` mm, centred on `y`.
    fn rule(&mut self, surface: &mut Surface, grid: &Grid, y: f32, thickness: f32, colour: Rgb) {
        let h = (thickness * PT).max(0.1);
        let Some(rect) = Rect::from_xywh(grid.left, y - h / 2.0, grid.width, h) else { return };
        let mut path = PathBuilder::new();
        path.push_rect(rect);
        if let Some(path) = path.finish() {
            self.fill(surface, colour);
            surface.draw_path(&path);
            if !self.record {
                return;
            }
            self.placements.push(format!(
                "p{} x={:.1} y={:.1} rule {}mm × {:.1}pt {}",
                self.page, grid.left, y, thickness, grid.width, colour
            ));
        }
    }

    fn font(&mut self, k: usize) -> Option<Font> {
        if self.krilla.len() <= k {
            self.krilla.resize(k + 1, None);
        }
        if self.krilla[k].is_none() {
            let face = &self.fonts.faces()[k];
            self.krilla[k] = Font::new(face.data.clone().into(), face.index);
        }
        self.krilla[k].clone()
    }

    /// Place `text` (one unit) in `role`'s face starting at `x`, each glyph `spacing`
    /// points apart beyond its advance, collecting glyphs into `batches`.
    #[allow(clippy::too_many_arguments)]
    fn place(
        &mut self,
        batches: &mut Vec<Batch>,
        role: Face,
        text: &str,
        x: f32,
        size: f32,
        spacing: f32,
        line: usize,
    ) -> f32 {
        let mut x = x;
        for c in text.chars() {
            let Some(k) = self.fonts.face_for(role, c) else {
                self.missing.push(Missing { c, page: self.page, line });
                continue;
            };
            let Some((id, advance)) = self.fonts.face_at(k).glyph(c) else { continue };
            if batches.last().is_none_or(|b| b.face != k || b.size != size) {
                batches.push(Batch { face: k, size, glyphs: Vec::new(), text: String::new() });
            }
            let b = batches.last_mut().expect("pushed");
            let start = b.text.len();
            b.text.push(c);
            b.glyphs.push((id, x, advance, start..b.text.len()));
            x += advance * size + spacing;
        }
        x
    }

    /// Width of `text` in `role`'s faces at `size`.
    fn measure(&mut self, role: Face, text: &str, size: f32) -> f32 {
        text.chars()
            .filter_map(|c| self.fonts.face_for(role, c).and_then(|k| self.fonts.face_at(k).glyph(c)))
            .map(|(_, advance)| advance * size)
            .sum()
    }

    fn draw(&mut self, surface: &mut Surface, batches: Vec<Batch>, baseline: f32) {
        for b in batches {
            let size = b.size;
            let Some(font) = self.font(b.face) else { continue };
            let Some(&(_, x0, _, _)) = b.glyphs.first() else { continue };
            let n = b.glyphs.len();
            let glyphs: Vec<KrillaGlyph> = (0..n)
                .map(|k| {
                    let (id, x, advance, ref range) = b.glyphs[k];
                    // The advance to the next glyph's place, in ems.
                    let step = if k + 1 < n { (b.glyphs[k + 1].1 - x) / size } else { advance };
                    KrillaGlyph::new(GlyphId::new(id), step, 0.0, 0.0, 0.0, range.clone(), None)
                })
                .collect();
            surface.draw_glyphs(Point::from_xy(x0, baseline), &glyphs, font, &b.text, size, false);
            if !self.record {
                continue;
            }
            let face = &self.fonts.faces()[b.face].name;
            let last = b.glyphs.last().map_or(x0, |g| g.1);
            self.placements.push(format!(
                "p{} x={:.1}…{:.1} y={:.1} {:.1}pt {} {} {}",
                self.page, x0, last, baseline, size, face, self.colour, b.text
            ));
        }
    }

    /// One line of the grid: each unit in its cells; `justify` spreads a short line to
    /// the full measure.
    fn grid_line(
        &mut self,
        surface: &mut Surface,
        grid: &Grid,
        line: &Line,
        i: usize,
        print: &Print,
        justify: bool,
    ) {
        let (role, size, colour) = style(line.role, print);
        let units = units(&line.text);
        let Some(last) = units.last() else { return };
        let col = grid.col();
        // A layout wider than the 版心 holds at this size (30 字 at 三号 in 156 mm) would
        // set the glyphs over each other: the type shrinks to its cell. GB/T 9704's own
        // grid is a shade tighter than 三号 (28 字 of 15.8 pt), which a few per cent allow.
        let size = if line.role == Role::Title { size } else { size.min(2.0 * col * 1.03) };
        let used = last.col + last.cols;
        let gaps = units.len().saturating_sub(1);
        let slack = if justify && gaps > 0 && used < grid.cols {
            (grid.cols - used) as f32 * col / gaps as f32
        } else {
            0.0
        };
        let baseline = grid.middle(i) + EM_CENTRE * size;
        let mut batches = Vec::new();
        for (k, u) in units.iter().enumerate() {
            let left = grid.left + u.col as f32 * col + k as f32 * slack;
            let span = u.cols as f32 * col;
            let face = if u.latin { Face::Latin } else { role };
            let width = self.measure(face, u.text, size);
            // A Latin run wider than its columns (proportional digits are wider than half
            // a 字) is set a little smaller, on the same baseline.
            let fit = if u.latin && width > span * 0.96 { size * span * 0.96 / width } else { size };
            let width = width * fit / size;
            let x = left + (span - width).max(0.0) / 2.0;
            self.place(&mut batches, face, u.text, x, fit, 0.0, i + 1);
        }
        self.fill(surface, colour.unwrap_or(Rgb(0, 0, 0)));
        self.draw(surface, batches, baseline);
    }

    /// The masthead's title: red, as large as fits one line of the 版心 up to the title
    /// size, centred over its line and the blank one below it; a short title is spread.
    fn title(&mut self, surface: &mut Surface, grid: &Grid, line: &Line, i: usize, print: &Print) {
        let text = line.text.trim();
        let n = text.chars().count();
        let natural = self.measure(Face::Title, text, 1.0);
        let (size, spacing) = print.title_fit(natural, n, grid.lines);
        let total = natural * size + spacing * n.saturating_sub(1) as f32;
        let x = grid.left + (grid.width - total) / 2.0;
        let baseline = grid.top + (i as f32 + 1.0) * grid.pitch() + EM_CENTRE * size;
        let mut batches = Vec::new();
        self.place(&mut batches, Face::Title, text, x, size, spacing, i + 1);
        self.fill(surface, print.red);
        self.draw(surface, batches, baseline);
    }

    /// `— N —` under the 版心: right on odd pages, left on even, a 字 in from the edge.
    fn page_number(&mut self, surface: &mut Surface, grid: &Grid, print: &Print, n: usize) {
        let text = format!("— {n} —");
        let size = print.number_size.0;
        let width = self.measure(Face::Number, &text, size);
        let zi = grid.col() * 2.0;
        let x = if n % 2 == 1 { grid.left + grid.width - zi - width } else { grid.left + zi };
        let top = grid.top + grid.height + print.number_gap.0 * PT;
        let baseline = top + 0.88 * size;
        let mut batches = Vec::new();
        let mut at = x;
        for part in text.split_inclusive(' ') {
            let face =
                if part.trim().chars().all(|c| c.is_ascii_digit()) { Face::Latin } else { Face::Number };
            at = self.place(&mut batches, face, part, at, size, 0.0, grid.lines + 1);
        }
        self.fill(surface, Rgb(0, 0, 0));
        self.draw(surface, batches, baseline);
    }
}

fn set_fill(surface: &mut Surface, c: Rgb) {
    surface.set_fill(Some(Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::default(),
    }));
}

/// The PDF of `issue` with the faces of `fonts`.
pub fn pdf(issue: &Issue, fonts: &mut FontSet) -> Result<Pdf, PdfError> {
    write(issue, fonts, false, layout(issue))
}

/// [`pdf`] of the pages [`layout`] made (which can be made while the fonts are found).
pub fn pdf_laid(issue: &Issue, fonts: &mut FontSet, laid: Laid) -> Result<Pdf, PdfError> {
    write(issue, fonts, false, laid)
}

/// [`pdf`], with `placements` filled in: what went where, for review.
pub fn pdf_recorded(issue: &Issue, fonts: &mut FontSet) -> Result<Pdf, PdfError> {
    write(issue, fonts, true, layout(issue))
}

/// The paginated text export's pages of `issue`, the lines the PDF sets.
pub struct Laid(Vec<Vec<Line>>);

pub fn layout(issue: &Issue) -> Laid {
    let (zi, per_page) = issue.layout.grid();
    Laid(pages(issue, zi, per_page))
}

fn write(issue: &Issue, fonts: &mut FontSet, record: bool, laid: Laid) -> Result<Pdf, PdfError> {
    let print = &issue.print;
    let (zi, per_page) = issue.layout.grid();
    let grid = Grid::new(print, zi, per_page);
    let laid = laid.0;

    let mut settings = SerializeSettings::default();
    if print.pdf_a {
        settings.configuration = Configuration::new_with_validator(Validator::A2_B);
    }
    let mut document = Document::new_with(settings);
    let mut writer = Writer {
        fonts,
        krilla: Vec::new(),
        missing: Vec::new(),
        page: 0,
        colour: Rgb(0, 0, 0),
        record,
        placements: Vec::new(),
    };
    // Where each section heading and item begins, for bookmarks and the TOC's links.
    let mut places: Vec<(Anchor, usize, f32)> = Vec::new();
    for (p, lines) in laid.iter().enumerate() {
        for (i, line) in lines.iter().enumerate() {
            if matches!(line.anchor, Anchor::Section(_) | Anchor::Item(..)) {
                places.push((line.anchor, p, grid.top + i as f32 * grid.pitch()));
            }
        }
    }
    let place_of = |a: Anchor| {
        let want = match a {
            Anchor::ToSection(s) => Anchor::Section(s),
            Anchor::ToItem(s, i) => Anchor::Item(s, i),
            other => other,
        };
        places.iter().find(|(x, _, _)| *x == want).map(|&(_, p, y)| (p, y))
    };
    for (p, lines) in laid.iter().enumerate() {
        let mut page = document.start_page_with(
            PageSettings::from_wh(grid.page.0, grid.page.1).expect("a page has a positive size"),
        );
        for (i, line) in lines.iter().enumerate() {
            let Some((to, y)) = place_of(line.anchor)
                .filter(|_| matches!(line.anchor, Anchor::ToSection(_) | Anchor::ToItem(..)))
            else {
                continue;
            };
            // The entry's lines (a long one wraps): up to the next entry or the end of the TOC.
            let rows = 1 + lines[i + 1..]
                .iter()
                .take_while(|l| l.role == Role::TocEntry && l.anchor == Anchor::None)
                .count();
            let top = grid.top + i as f32 * grid.pitch();
            if let Some(rect) = Rect::from_xywh(grid.left, top, grid.width, rows as f32 * grid.pitch()) {
                let dest = XyzDestination::new(to, Point::from_xy(grid.left, y));
                let link = LinkAnnotation::new(rect, Target::Destination(Destination::Xyz(dest)));
                page.add_annotation(Annotation::new_link(link, Some(line.text.trim().to_string())));
            }
        }
        let mut surface = page.surface();
        writer.page = p + 1;
        for (i, line) in lines.iter().enumerate() {
            match line.role {
                Role::Blank => {}
                Role::Title => writer.title(&mut surface, &grid, line, i, print),
                Role::MastheadRule => {
                    writer.rule(&mut surface, &grid, grid.middle(i), print.masthead_rule.0, print.red)
                }
                Role::FooterRuleTop => {
                    writer.rule(&mut surface, &grid, grid.middle(i), print.footer_rule_heavy.0, Rgb(0, 0, 0))
                }
                Role::FooterRuleBottom => {
                    writer.rule(&mut surface, &grid, grid.middle(i), print.footer_rule_thin.0, Rgb(0, 0, 0))
                }
                Role::Body => writer.grid_line(&mut surface, &grid, line, i, print, true),
                _ => writer.grid_line(&mut surface, &grid, line, i, print, false),
            }
        }
        writer.page_number(&mut surface, &grid, print, p + 1);
        surface.finish();
        page.finish();
    }
    let served = writer.fonts.served.clone();
    let missing = writer.missing;
    let placements = writer.placements;

    let mut outline = Outline::new();
    let mut section_node: Option<OutlineNode> = None;
    for (anchor, p, y) in &places {
        let dest = XyzDestination::new(*p, Point::from_xy(grid.left, *y));
        match *anchor {
            Anchor::Section(s) => {
                if let Some(node) = section_node.take() {
                    outline.push_child(node);
                }
                let title = issue.sections[s].bare_title().to_string();
                section_node = Some(OutlineNode::new(format!("【{title}】"), dest));
            }
            Anchor::Item(s, i) => {
                let item = &issue.sections[s].items[i];
                let node = OutlineNode::new(item.headline_line(), dest);
                match section_node.as_mut() {
                    Some(parent) if !issue.sections[s].bare_title().is_empty() => parent.push_child(node),
                    _ => outline.push_child(node),
                }
            }
            _ => {}
        }
    }
    if let Some(node) = section_node.take() {
        outline.push_child(node);
    }
    document.set_outline(outline);
    let n = &issue.numbering;
    let title = format!("{} {}", issue.publication.title.trim(), n.year_and_number());
    document.set_metadata(
        Metadata::new()
            .title(title)
            .creator(format!("jianbao {}", env!("CARGO_PKG_VERSION")))
            .language("zh-CN".into())
            .authors(vec![issue.publication.publisher.trim().to_string()])
            // The issue's own date, not the clock's: the same issue gives the same bytes.
            .creation_date(
                DateTime::new(n.date.year().max(0) as u16)
                    .month(n.date.month() as u8)
                    .day(n.date.day() as u8)
                    .hour(0)
                    .minute(0)
                    .second(0)
                    .utc_offset_hour(8),
            ),
    );
    let bytes = document.finish().map_err(|e| PdfError::Write(format!("{e:?}")))?;
    Ok(Pdf { bytes, pages: laid.len(), served, missing, placements })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_keep_cells_and_latin_runs() {
        let u = units("　　GD32芯片 2026年");
        let seen: Vec<(&str, usize, usize, bool)> =
            u.iter().map(|u| (u.text, u.col, u.cols, u.latin)).collect();
        assert_eq!(
            seen,
            [
                ("GD32", 4, 4, true),
                ("芯", 8, 2, false),
                ("片", 10, 2, false),
                ("2026", 13, 4, true),
                ("年", 17, 2, false)
            ]
        );
    }

    #[test]
    fn the_default_grid_is_28_by_22_on_the_type_area() {
        let g = Grid::new(&Print::default(), 28, 22);
        assert!((g.col() * 2.0 - 156.0 * PT / 28.0).abs() < 1e-3);
        assert!((g.pitch() - 225.0 * PT / 22.0).abs() < 1e-3);
        assert!((g.page.0 - 595.28).abs() < 0.01 && (g.page.1 - 841.89).abs() < 0.01);
    }
}
