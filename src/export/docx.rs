//! The issue as a Word document, for editing in Word or WPS: the same page as the PDF
//! (A4, the 版心's margins, 28 字 × 22 lines through Word's document grid), the masthead in
//! red with its rule, real paragraph styles (正文, 标题, 栏目, 专栏, 来源, 目录, 报头, 报尾)
//! with the East Asian font named on every style and run (never a theme font: WPS reports
//! those missing), page numbers `— N —` as PAGE fields in odd and even footers, and the
//! 报尾 in a floating table at the foot of the last page. Word breaks the lines itself, so
//! its pages may differ from the text export's by one.
//!
//! The grid is a line grid by default, each style's letter spacing bringing its 字 to the
//! 字 pitch (`[print] docx_grid = "chars"`: Word's 字 grid instead). The line grid is what
//! LibreOffice, Word and WPS all set at 28 a line; LibreOffice never puts a 16 pt glyph in
//! a cell of Word's 15.8 pt 字 grid, and spreads that grid to half as many 字.
//!
//! docx-rs writes the package.

use docx_rs::{
    AlignmentType, BorderType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE, InstrText,
    LineSpacing, LineSpacingType, PageMargin, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, RunFonts, SpecialIndentType, Style, StyleType, Tab, TabValueType, Table,
    TableCell, TableCellBorder, TableCellBorderPosition, TableCellBorders, TableLayoutType,
    TablePositionProperty, TableRow, WidthType,
};

use super::fonts::Role;
use super::text::item_text;
use crate::layout::str_zi;
use crate::layout::width::{grapheme_cols, grapheme_indices};
use crate::model::print::{DocxGrid, Print, Rgb};
use crate::model::{Issue, Item, Layout};

/// Twips (1/20 pt) per millimetre.
const TWIPS: f32 = 1440.0 / 25.4;

fn twips(mm: f32) -> i32 {
    (mm * TWIPS).round() as i32
}

/// Half-points, Word's unit of type size.
fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

fn hex(c: Rgb) -> String {
    format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The face named for `role`: `[print.fonts]`'s family, or the role's first choice (the
/// office's own font: Word and WPS substitute what the machine lacks).
pub fn family(print: &Print, role: Role) -> String {
    let asked = role.asked(&print.fonts).trim();
    // A font file's name is no family for Word: take the role's first choice then.
    if asked.is_empty() || asked.contains('/') || asked.contains('\\') {
        return role.families()[0].to_string();
    }
    asked.to_string()
}

/// East Asian face of `role`, Latin face for ASCII.
fn fonts(print: &Print, role: Role) -> RunFonts {
    let latin = family(print, Role::Latin);
    RunFonts::new().east_asia(family(print, role)).ascii(latin.clone()).hi_ansi(latin).cs(family(print, role))
}

/// Style ids, and the names Word shows.
const STYLES: [(&str, &str); 10] = [
    ("Body", "正文"),
    ("Headline", "标题"),
    ("Section", "栏目"),
    ("Column", "专栏"),
    ("Source", "来源"),
    ("TocHeading", "目录标题"),
    ("Toc", "目录"),
    ("Masthead", "报头"),
    ("MastheadLine", "报头行"),
    ("Colophon", "报尾"),
];

/// The empty `Normal` docx-rs writes before the document's own styles: Word and
/// LibreOffice take the first of two, and LibreOffice then reads the grid's 字 against
/// 12 pt.
/// docx-rs writes no paragraph defaults; ours turn off the space Word puts between
/// 汉字 and Latin letters or digits (the layout gives a Latin run its own half-width
/// cells and no more; LibreOffice 7.4 reads no `autoSpaceDE` and keeps its space) and
/// the punctuation Word lets hang past the margin (the layout never sets a line wider
/// than the measure: it carries a character down with the mark instead, 推出).
const EMPTY_DEFAULTS: &[u8] = b"<w:pPrDefault><w:pPr><w:rPr /></w:pPr></w:pPrDefault>";
const DEFAULTS: &[u8] = br#"<w:pPrDefault><w:pPr><w:overflowPunct w:val="0" /><w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" /><w:rPr /></w:pPr></w:pPrDefault>"#;

const EMPTY_NORMAL: &[u8] = br#"<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /><w:rPr /><w:pPr><w:rPr /></w:pPr><w:qFormat /></w:style>"#;

/// The 字 pitch of the layout across the 版心, pt.
fn cell_pt(issue: &Issue) -> f32 {
    cell_of(&issue.print, &issue.layout)
}

fn cell_of(print: &Print, layout: &Layout) -> f32 {
    print.text_width.0 * 72.0 / 25.4 / layout.grid().0 as f32
}

/// The grid's line pitch, twips, rounded down: 22 lines of 580 twips are 4 twips taller
/// than 225 mm, and Word and LibreOffice then set 21 (579, 28.95 pt, is what Word's own
/// 公文 templates use).
fn line_pitch(issue: &Issue) -> i32 {
    (issue.print.text_height.0 * TWIPS / issue.layout.grid().1 as f32).floor() as i32
}

/// The size (half-points) and the letter spacing (twips) that set a `pt` 字 at the `cell`
/// pitch of a line grid: the size as the PDF sets it (shrunk to the cell when the layout
/// is wider than the 版心 holds at that size, a few per cent allowed), the spacing rounded
/// down so that a full line always fits.
fn on_grid(pt: f32, cell: f32) -> (usize, i32) {
    let size = pt.min(cell * 1.03);
    let size = (size * 2.0).floor().max(1.0);
    let spacing = ((cell - size / 2.0) * 20.0).floor() as i32;
    (size as usize, spacing)
}

/// How a paragraph style sets its 字: its size (half-points) and letter spacing (twips),
/// and the grid's 字 pitch (pt) they bring it to.
#[derive(Debug, Clone, Copy)]
struct Setting {
    size: usize,
    spacing: i32,
    cell: f32,
}

impl Setting {
    /// The style `id`'s (a style of [`STYLES`]; any other is the body's).
    fn of(print: &Print, cell: f32, id: &str) -> Setting {
        // On a line grid each style's 字 is brought to the pitch by its own size and
        // spacing; on Word's 字 grid Word does it.
        let sized = |pt: f32| match print.docx_grid {
            DocxGrid::Lines => on_grid(pt, cell),
            DocxGrid::Chars => (half_points(pt), 0),
        };
        let (size, spacing) = match id {
            "Headline" | "Section" | "TocHeading" | "Column" => sized(print.heading_size.0),
            // The title run sets its own size and spacing.
            "Masthead" => (half_points(print.title_size.0), 0),
            _ => sized(print.body_size.0),
        };
        Setting { size, spacing, cell }
    }
}

/// Advance widths of Times New Roman's printable ASCII, U+0020 to U+007E, in 2048ths of
/// an em: the Latin face the document names by default. Read from Liberation Serif 2
/// (metric-compatible with it by design) with fontTools: `[hmtx[cmap[c]][0] for c in
/// range(32, 127)]`.
const TIMES_ASCII: [u16; 95] = [
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024, 1024, 1024,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909, 1886, 1479, 1366, 1366, 1479,
    1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479,
    1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569,
    569, 1024, 569, 1593, 1024, 1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410,
    983, 1108,
];

/// Width of `c` in the Latin face, in ems: Times New Roman's for ASCII (another Latin
/// face configured in `[print.fonts]` is near enough), half an em for anything else narrow.
fn latin_em(c: char) -> f32 {
    match c {
        ' '..='~' => TIMES_ASCII[c as usize - 0x20] as f32 / 2048.0,
        _ => 0.5,
    }
}

/// `text` as runs in `role`'s faces: 汉字 as the style sets them, and each run of narrow
/// characters (letters, digits, Latin punctuation, spaces) brought to exactly the width
/// the layout gave it, half a 字 a character — narrowed (`w:w`) when wider, spaced out
/// when narrower. Times New Roman's capitals are wider than half a 字 and its `i` narrower:
/// set at their own width, Word and WPS would fill a line with more or less than the text
/// export does, and break it elsewhere.
fn runs(text: &str, print: &Print, role: Role, set: Setting) -> Vec<Run> {
    let mut out = Vec::new();
    // (start, narrow, columns) of the run being gathered.
    let mut current: Option<(usize, bool, usize)> = None;
    let flush = |out: &mut Vec<Run>, start: usize, end: usize, narrow: bool, cols: usize| {
        let piece = &text[start..end];
        let run = run(piece, print, role);
        out.push(if narrow { fitted(run, piece, cols, set) } else { run });
    };
    for (i, g) in grapheme_indices(text) {
        let cols = grapheme_cols(g);
        let narrow = cols == 1;
        match current {
            // A combining mark (no columns) stays with what it follows.
            Some((start, was, n)) if was == narrow || cols == 0 => current = Some((start, was, n + cols)),
            Some((start, was, n)) => {
                flush(&mut out, start, i, was, n);
                current = Some((i, narrow, cols));
            }
            None => current = Some((i, narrow, cols)),
        }
    }
    if let Some((start, narrow, cols)) = current {
        flush(&mut out, start, text.len(), narrow, cols);
    }
    out
}

/// `run` (of narrow `text`, `cols` columns) narrowed or spaced to `cols` half-字 cells.
fn fitted(run: Run, text: &str, cols: usize, set: Setting) -> Run {
    let Some((stretch, spacing)) = fit(text, cols, set) else { return run };
    let run = run.character_spacing(spacing);
    if stretch < 100 { run.stretch(stretch) } else { run }
}

/// The width scale (per cent) and letter spacing (twips) that bring narrow `text` to
/// `cols` half-字 cells at `set`'s size.
fn fit(text: &str, cols: usize, set: Setting) -> Option<(i32, i32)> {
    if cols == 0 {
        return None;
    }
    let target = cols as f32 * set.cell / 2.0;
    let natural: f32 = text.chars().map(latin_em).sum::<f32>() * set.size as f32 / 2.0;
    let stretch =
        if natural > target { ((100.0 * target / natural).floor() as i32).clamp(1, 100) } else { 100 };
    let set_width = natural * stretch as f32 / 100.0;
    // Rounded down, so that the run is never wider than its cells.
    let spacing = ((target - set_width) * 20.0 / cols as f32).floor() as i32;
    Some((stretch, spacing))
}

fn styles(issue: &Issue, docx: Docx) -> Docx {
    let print = &issue.print;
    let cell = cell_pt(issue);
    let Setting { size: body, .. } = Setting::of(print, cell, "Body");
    let single = LineSpacing::new().line_rule(LineSpacingType::Auto).line(240);
    let pitch = LineSpacing::new().line_rule(LineSpacingType::Exact).line(line_pitch(issue));
    let mut docx = docx;
    // Word's and LibreOffice's grid take the 字 pitch from the Normal style's size: it
    // must be the body's (docx-rs's own empty Normal is taken out when the package is
    // written).
    let normal =
        Style::new("Normal", StyleType::Paragraph).name("Normal").fonts(fonts(print, Role::Body)).size(body);
    docx = docx.add_style(normal);
    for (id, name) in STYLES {
        let role = match id {
            "Headline" | "Masthead" => Role::Title,
            "Section" | "TocHeading" => Role::Heading,
            "Column" => Role::Kai,
            _ => Role::Body,
        };
        let Setting { size, spacing, .. } = Setting::of(print, cell, id);
        let mut style = Style::new(id, StyleType::Paragraph)
            .name(name)
            .fonts(fonts(print, role))
            .size(size)
            .snap_to_grid(true)
            // LibreOffice keeps no grid in a table: the 报尾's lines are the pitch exactly.
            .line_spacing(if id == "Colophon" { pitch.clone() } else { single.clone() });
        if spacing != 0 {
            style.run_property = style.run_property.spacing(spacing);
        }
        style = match id {
            "Body" | "Source" => style.align(AlignmentType::Both),
            "Headline" | "Section" | "Column" | "Masthead" | "MastheadLine" => {
                style.align(AlignmentType::Center)
            }
            _ => style.align(AlignmentType::Left),
        };
        if id == "Masthead" {
            style = style.color(hex(print.red));
        }
        docx = docx.add_style(style);
    }
    docx
}

/// A blank grid line before the paragraph, as the text export and the PDF leave one
/// before each headline, 【栏目】 and 专栏 heading (Word leaves it out at the top of a
/// page, as the text export drops a blank line that would open a page).
fn line_before(p: Paragraph) -> Paragraph {
    p.line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before_lines(100))
}

fn run(text: &str, print: &Print, role: Role) -> Run {
    Run::new().add_text(text).fonts(fonts(print, role))
}

/// A paragraph of `style` holding `text`, its Latin runs fitted to the grid (`cell`, the
/// 字 pitch in pt).
fn para(style: &str, text: &str, print: &Print, role: Role, cell: f32) -> Paragraph {
    add_runs(Paragraph::new().style(style), text, print, role, Setting::of(print, cell, style))
}

/// `p` with [`runs`] of `text` added.
fn add_runs(p: Paragraph, text: &str, print: &Print, role: Role, set: Setting) -> Paragraph {
    runs(text, print, role, set).into_iter().fold(p, Paragraph::add_run)
}

/// `— N —` with a PAGE field, at the right (odd pages) or the left (even), one 字 in.
fn page_number(print: &Print, odd: bool) -> Footer {
    let f = fonts(print, Role::Number);
    let size = half_points(print.number_size.0);
    let dash = |t: &str| Run::new().add_text(t).fonts(f.clone()).size(size);
    let field = Run::new()
        .fonts(fonts(print, Role::Latin))
        .size(size)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let zi = twips(print.text_width.0) / 28;
    let p = Paragraph::new().add_run(dash("— ")).add_run(field).add_run(dash(" —"));
    let p = if odd {
        p.align(AlignmentType::Right).indent(None, None, Some(zi), None)
    } else {
        p.align(AlignmentType::Left).indent(Some(zi), None, None, None)
    };
    Footer::new().add_paragraph(p)
}

/// The `.docx` of `issue`.
pub fn docx(issue: &Issue) -> Vec<u8> {
    let print = &issue.print;
    let body_pt = print.body_size.0;
    // Word's grid: a line pitch in twips, and (a 字 grid) the 字 pitch as the body size
    // plus `charSpace`/4096 pt.
    let line_pitch = line_pitch(issue) as usize;
    let grid = match print.docx_grid {
        DocxGrid::Lines => DocGrid::new().grid_type(DocGridType::Lines).line_pitch(line_pitch),
        DocxGrid::Chars => DocGrid::new()
            .grid_type(DocGridType::LinesAndChars)
            .line_pitch(line_pitch)
            .char_space(((cell_pt(issue) - body_pt) * 4096.0).round() as isize),
    };
    let right = print.page_width.0 - print.left.0 - print.text_width.0;
    let bottom = print.page_height.0 - print.top.0 - print.text_height.0;
    // The footer's number: its top 7 mm below the 版心.
    let footer_distance = bottom - print.number_gap.0 - print.number_size.0 * 25.4 / 72.0;

    let mut docx = Docx::new()
        .page_size(twips(print.page_width.0) as u32, twips(print.page_height.0) as u32)
        .page_margin(
            PageMargin::new()
                .top(twips(print.top.0))
                .left(twips(print.left.0))
                .right(twips(right))
                .bottom(twips(bottom))
                .header(twips(15.0))
                .footer(twips(footer_distance.max(5.0))),
        )
        .default_fonts(fonts(print, Role::Body))
        .default_size(half_points(body_pt));
    docx.document.section_property = docx.document.section_property.clone().doc_grid(grid);
    docx = styles(issue, docx).footer(page_number(print, true)).even_footer(page_number(print, false));

    for p in masthead(issue) {
        docx = docx.add_paragraph(p);
    }
    for p in toc(issue) {
        docx = docx.add_paragraph(p);
    }
    for p in body(issue) {
        docx = docx.add_paragraph(p);
    }
    if let Some(table) = colophon(issue) {
        // A floating table is anchored to the paragraph after it: one of a point's
        // height, off the grid, so that it never takes a line of its own.
        let anchor = Paragraph::new()
            .size(2)
            .snap_to_grid(false)
            .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(20));
        docx = docx.add_table(table).add_paragraph(anchor);
    }
    let mut xml = docx.build();
    if let Some(at) = find(&xml.styles, EMPTY_NORMAL) {
        xml.styles.drain(at..at + EMPTY_NORMAL.len());
    }
    if let Some(at) = find(&xml.styles, EMPTY_DEFAULTS) {
        xml.styles.splice(at..at + EMPTY_DEFAULTS.len(), DEFAULTS.iter().copied());
    }
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).expect("a document in memory is always written");
    out.into_inner()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn masthead(issue: &Issue) -> Vec<Paragraph> {
    let print = &issue.print;
    let n = &issue.numbering;
    let title = issue.publication.title.trim();
    let cell = cell_pt(issue);
    // As the PDF sets it, with each 字 one em wide.
    let chars = title.chars().count();
    let (size, spacing) = print.title_fit(chars as f32, chars, issue.layout.grid().1 as usize);
    let red = hex(print.red);
    let title_run = run(title, print, Role::Title)
        .size(half_points(size))
        .color(red.clone())
        .character_spacing((spacing * 20.0) as i32);
    // The masthead takes the lines the text export gives it: the title over its line and
    // the blank one below, the 期号 lines, a blank line, the publisher's, the rule's.
    let pitch = line_pitch(issue);
    let title = Paragraph::new()
        .style("Masthead")
        .snap_to_grid(false)
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(2 * pitch))
        .add_run(title_run);
    let mut out = vec![title];
    out.push(para("MastheadLine", &n.year_and_number(), print, Role::Body, cell));
    out.push(para("MastheadLine", &n.total_line(), print, Role::Body, cell));
    // Publisher at the left, date at the right, the red rule under them across the middle
    // of the next line, as the PDF draws it: the border that far below the line (Word's
    // and LibreOffice's border space is in points), the rest of its line after it.
    let eighths = (print.masthead_rule.0 * 72.0 / 25.4 * 8.0).round() as usize;
    let (pitch_pt, width_pt) = (pitch as f32 / 20.0, eighths as f32 / 8.0);
    let space = ((pitch_pt - width_pt) / 2.0).round().clamp(0.0, 31.0);
    let after = ((pitch_pt - space - width_pt) * 20.0).round().max(0.0) as u32;
    let rule = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
        .val(BorderType::Single)
        .size(eighths)
        .space(space as usize)
        .color(red);
    let tab = Tab::new().val(TabValueType::Right).pos(twips(print.text_width.0) as usize);
    let mut line = Paragraph::new()
        .style("MastheadLine")
        .align(AlignmentType::Left)
        .line_spacing(
            LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(pitch as u32).after(after),
        )
        .add_tab(tab)
        .add_run(run(issue.publication.publisher.trim(), print, Role::Body))
        .add_run(Run::new().add_tab())
        .add_run(run(&n.date.chinese(), print, Role::Body));
    line.property = line.property.clone().set_borders(ParagraphBorders::with_empty().set(rule));
    out.push(line);
    out
}

fn toc(issue: &Issue) -> Vec<Paragraph> {
    let print = &issue.print;
    let entries = issue.toc_entries();
    if entries.is_empty() {
        return vec![];
    }
    let cell = cell_pt(issue);
    let mut out = vec![para("TocHeading", issue.publication.toc_heading.trim(), print, Role::Heading, cell)];
    let bullet = format!("{}\u{3000}", issue.publication.toc_bullet.trim());
    let zi = str_zi(&bullet) as i32;
    let set = Setting::of(print, cell, "Toc");
    for e in entries {
        let p = hanging(Paragraph::new().style("Toc"), zi, print);
        out.push(add_runs(p, &format!("{bullet}{}", e.title), print, Role::Body, set));
    }
    out
}

/// Twips of one 字 of the grid.
fn zi_twips(print: &Print) -> i32 {
    twips(print.text_width.0) / 28
}

/// A hanging indent of `zi` 字 (in 字, so that it follows the grid, with twips for readers
/// that ignore the 字 units).
fn hanging(p: Paragraph, zi: i32, print: &Print) -> Paragraph {
    let tw = zi * zi_twips(print);
    p.indent(Some(tw), Some(SpecialIndentType::Hanging(tw)), None, Some(zi * 100)).hanging_chars(zi * 100)
}

/// A first line indented two 字.
fn indented(p: Paragraph, print: &Print) -> Paragraph {
    p.indent(None, Some(SpecialIndentType::FirstLine(2 * zi_twips(print))), None, None).first_line_chars(200)
}

fn body(issue: &Issue) -> Vec<Paragraph> {
    let print = &issue.print;
    let layout = &issue.layout;
    let cell = cell_pt(issue);
    let mut out = Vec::new();
    for section in issue.sections.iter().filter(|s| !s.items.is_empty()) {
        let title = section.bare_title();
        if !title.is_empty() {
            out.push(
                line_before(para("Section", &format!("【{title}】"), print, Role::Heading, cell))
                    .keep_next(true),
            );
        }
        let mut column = "";
        for item in &section.items {
            let c = item.column.trim();
            if c != column && !c.is_empty() {
                out.push(line_before(para("Column", c, print, Role::Kai, cell)).keep_next(true));
            }
            column = c;
            out.extend(item_paragraphs(item, print, layout));
        }
    }
    out
}

fn item_paragraphs(item: &Item, print: &Print, layout: &Layout) -> Vec<Paragraph> {
    let printed = item_text(item, layout);
    let cell = cell_of(print, layout);
    let mut out: Vec<Paragraph> = printed
        .headline
        .iter()
        .enumerate()
        .map(|(k, part)| {
            let p = para("Headline", part, print, Role::Title, cell).keep_next(true);
            if k == 0 { line_before(p) } else { p }
        })
        .collect();
    for p in &printed.paragraphs {
        let p = indented(para("Body", p, print, Role::Body, cell), print);
        // A run-in item begins with its first paragraph: the blank line goes there.
        out.push(if out.is_empty() { line_before(p) } else { p });
    }
    if let Some(s) = printed.sources {
        out.push(indented(para("Source", &s, print, Role::Body, cell), print));
    }
    out
}

/// 信息报送邮箱/编辑/审核, the 分送 block between its rules and 共印N份, in a table floating
/// at the foot of the last page: a row for each part, the rules the middle row's borders.
/// LibreOffice sets a floating table as wide as the 版心 in the text instead, so on a
/// line grid (the grid LibreOffice reads) the table is 96 % of the 版心, centred.
fn colophon(issue: &Issue) -> Option<Table> {
    let print = &issue.print;
    let f = &issue.footer;
    let zi_pt = cell_pt(issue);
    let full = twips(print.text_width.0) as usize;
    let width = match print.docx_grid {
        DocxGrid::Lines => full * 96 / 100,
        DocxGrid::Chars => full,
    };
    let cell = |paragraphs: Vec<Paragraph>| {
        paragraphs.into_iter().fold(TableCell::new().width(width, WidthType::Dxa), |c, p| c.add_paragraph(p))
    };
    // Each rule is a line of the grid with the rule across its middle, as in the text
    // export and the PDF: half a line of cell margin on either side.
    let half = line_pitch(issue) as usize / 2;
    let mut rows = Vec::new();
    let people: Vec<Paragraph> =
        [("信息报送邮箱：", &f.email), ("编辑：", &f.editor), ("审核：", &f.reviewer)]
            .into_iter()
            .filter(|(_, value)| !value.trim().is_empty())
            .map(|(label, value)| {
                para("Colophon", &format!("{label}{}", value.trim()), print, Role::Body, zi_pt)
            })
            .collect();
    let mut people = (!people.is_empty()).then(|| cell(people));
    let mut groups = Vec::new();
    for group in f.distribution.iter().filter(|d| !d.label.trim().is_empty()) {
        let prefix = format!("{}：", group.label.trim());
        let recipients: Vec<&str> =
            group.recipients.iter().map(|r| r.trim()).filter(|r| !r.is_empty()).collect();
        let text = format!("{prefix}{}", recipients.join("\n"));
        let mut p = hanging(Paragraph::new().style("Colophon"), str_zi(&prefix) as i32, print);
        for (k, line) in text.split('\n').enumerate() {
            if k > 0 {
                p = p.add_run(Run::new().add_break(docx_rs::BreakType::TextWrapping));
            }
            p = add_runs(p, line, print, Role::Body, Setting::of(print, zi_pt, "Colophon"));
        }
        groups.push(p);
    }
    let groups_empty = groups.is_empty();
    if !groups_empty {
        let rule = |pos, mm: f32| {
            TableCellBorder::new(pos)
                .border_type(BorderType::Single)
                .size((mm * 72.0 / 25.4 * 8.0).round() as usize)
        };
        let borders = TableCellBorders::with_empty()
            .set(rule(TableCellBorderPosition::Top, print.footer_rule_heavy.0))
            .set(rule(TableCellBorderPosition::Bottom, print.footer_rule_thin.0));
        let mut block = cell(groups).set_borders(borders);
        block.property = block.property.margin_top(half, WidthType::Dxa).margin_bottom(half, WidthType::Dxa);
        if let Some(above) = people.as_mut() {
            above.property = above.property.clone().margin_bottom(half, WidthType::Dxa);
        }
        rows.extend(people.take().map(|c| TableRow::new(vec![c])));
        rows.push(TableRow::new(vec![block]));
    }
    rows.extend(people.map(|c| TableRow::new(vec![c])));
    if f.copies > 0 {
        let copies = para("Colophon", &format!("（共印{}份）", f.copies), print, Role::Body, zi_pt)
            .align(AlignmentType::Right);
        let mut copies = cell(vec![copies]);
        if !groups_empty {
            copies.property = copies.property.margin_top(half, WidthType::Dxa);
        }
        rows.push(TableRow::new(vec![copies]));
    }
    if rows.is_empty() {
        return None;
    }
    let foot = TablePositionProperty::new()
        .vertical_anchor("margin")
        .position_y_alignment("bottom")
        .horizontal_anchor("margin")
        .position_x_alignment("center");
    let mut table = Table::without_borders(rows)
        .set_grid(vec![width])
        .width(width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .position(foot);
    table.property = table
        .property
        .cell_margin_left(0, WidthType::Dxa)
        .cell_margin_right(0, WidthType::Dxa)
        .cell_margin_top(0, WidthType::Dxa)
        .cell_margin_bottom(0, WidthType::Dxa);
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::{Setting, fit, latin_em, on_grid};
    use crate::model::print::Print;

    /// The body's setting at the default 28 字 on 156 mm.
    fn body() -> Setting {
        Setting::of(&Print::default(), 156.0 * 72.0 / 25.4 / 28.0, "Body")
    }

    /// Set width of `text` (pt) with its fit, and the width its cells give it.
    fn fitted_width(text: &str) -> (f32, f32, i32) {
        let set = body();
        let n = text.chars().count();
        let (stretch, spacing) = fit(text, n, set).expect("columns");
        let natural: f32 = text.chars().map(latin_em).sum::<f32>() * set.size as f32 / 2.0;
        let width = natural * stretch as f32 / 100.0 + n as f32 * spacing as f32 / 20.0;
        (width, n as f32 * set.cell / 2.0, stretch)
    }

    /// Capitals are narrowed and thin letters spaced out to the half-字 cells the layout
    /// gave them: never wider, and short of them by less than a twip a character.
    #[test]
    fn latin_runs_fill_exactly_their_cells() {
        for text in ["AIGC", "GD32MCU", "EDA", "illi", "2026", "jzkx@jzkx.org.cn", "5G-A"] {
            let (width, cells, _) = fitted_width(text);
            assert!(width <= cells + 1e-3, "{text}: {width} > {cells}");
            assert!(cells - width < text.chars().count() as f32 / 20.0 + 1e-3, "{text}: {width} ≪ {cells}");
        }
        assert!(fitted_width("AIGC").2 <= 85, "capitals are narrowed");
        assert_eq!(fitted_width("illi").2, 100, "thin letters are spaced, not stretched");
        // Times' digits are half an em, a shade wider than half a 字 of this grid.
        assert!((95..100).contains(&fitted_width("2026").2));
        assert!(fit("", 0, body()).is_none());
    }

    /// A full line of the layout's 字 fits the 版心 at each style's size and spacing, with
    /// less than a twip a 字 to spare, whatever the width and the size asked for.
    #[test]
    fn a_full_line_fits_the_measure() {
        let measure = 156.0 * 72.0 / 25.4;
        for zi in 10..=60 {
            let cell = measure / zi as f32;
            for half in 16..=48 {
                let pt = half as f32 / 2.0;
                let (size, spacing) = on_grid(pt, cell);
                let pitch = size as f32 / 2.0 + spacing as f32 / 20.0;
                assert!(zi as f32 * pitch <= measure + 0.01, "{zi} 字 at {pt} pt: {size} {spacing}");
                assert!(pitch > cell - 0.05, "{zi} 字 at {pt} pt: {pitch} in {cell}");
                // Never larger than asked, and shrunk only when the cell is too small.
                assert!(size <= half && (size == half || pt > cell * 1.03), "{zi} {pt}: {size}");
            }
        }
    }
}
