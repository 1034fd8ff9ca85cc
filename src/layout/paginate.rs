//! Pages of a fixed number of lines, GB/T 9704 style: the page number `— 1 —` sits one 字
//! in from the right edge on odd pages and from the left edge on even pages; pages are
//! separated by a form feed.
//!
//! Two rules decide where a page breaks: a run of lines marked `keep_with_next` moves to
//! the next page together with the line after it (so a headline is never stranded at the
//! foot of a page), and the footer block is kept whole at the foot of the last page. Blank
//! lines that would open a page are dropped.

use super::align;

/// How strongly a line holds on to the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Keep {
    /// May end a page.
    No,
    /// Should not end a page (masthead, 【section】 and column headings): honoured when the
    /// whole run fits on a page.
    Weak,
    /// Must not end a page (headline lines): honoured whenever the run fits on a page, even
    /// when the weak run around it does not.
    Strong,
}

/// What a line is, for a printer that sets each kind in its own face and size (the text
/// export ignores it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// An empty line (also the padding of a page).
    #[default]
    Blank,
    /// The publication's title in the masthead.
    Title,
    /// `2026年 第45期`, `（总第318期）`.
    Number,
    /// The publisher and the date.
    Publisher,
    /// The rule under the masthead.
    MastheadRule,
    TocHeading,
    TocEntry,
    /// `【栏目】`.
    Section,
    /// A 专栏 heading.
    Column,
    /// A headline line (heading style).
    Headline,
    /// A line of a paragraph that goes on in the next line (set justified).
    Body,
    /// The last line of a paragraph.
    BodyEnd,
    /// 信息报送邮箱 / 编辑 / 审核 and the 分送 groups.
    Footer,
    /// The rule above the 分送 block (heavy) and below it (thin).
    FooterRuleTop,
    FooterRuleBottom,
    /// （共印N份）.
    Copies,
}

/// Where a line leads or what it starts, for a printer's bookmarks and links: the first
/// line of a section's heading or of an item (section and item index in the issue), and
/// the first line of a TOC entry pointing at one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Anchor {
    #[default]
    None,
    Section(usize),
    Item(usize, usize),
    ToSection(usize),
    ToItem(usize, usize),
}

/// One laid-out line of the body and how it holds on to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub keep: Keep,
    pub role: Role,
    pub anchor: Anchor,
}

impl Line {
    pub fn new(text: impl Into<String>, keep: Keep) -> Self {
        Line::of(text, keep, Role::Body)
    }

    pub fn of(text: impl Into<String>, keep: Keep, role: Role) -> Self {
        let text = text.into();
        let role = if text.is_empty() { Role::Blank } else { role };
        Line { text, keep, role, anchor: Anchor::None }
    }

    pub fn plain(text: impl Into<String>) -> Self {
        Line::new(text, Keep::No)
    }

    pub fn blank() -> Self {
        Line::plain("")
    }
}

/// Whether line `i` should begin a new page, given `room` lines left on this one: when a
/// run of kept lines starting at `i` (with the line after it) does not fit in the room but
/// would fit on a fresh page. The outer (weak) run is tried first, then the strong run
/// inside it.
fn break_before(body: &[Line], i: usize, room: usize, per_page: usize) -> bool {
    for level in [Keep::Weak, Keep::Strong] {
        let starts_run = body[i].keep >= level && (i == 0 || body[i - 1].keep < level);
        if !starts_run {
            continue;
        }
        let kept = body[i..].iter().take_while(|l| l.keep >= level).count();
        let run = (kept + 1).min(body.len() - i);
        if run <= room {
            return false;
        }
        if run <= per_page {
            return true;
        }
    }
    false
}

/// Distribute `body` then `footer` over pages of exactly `per_page` lines (`per_page > 0`).
pub fn paginate(body: &[Line], footer: &[String], per_page: usize) -> Vec<Vec<String>> {
    let footer: Vec<Line> = footer.iter().map(|t| Line::of(t.as_str(), Keep::No, Role::Footer)).collect();
    paginate_lines(body, &footer, per_page)
        .into_iter()
        .map(|page| page.into_iter().map(|l| l.text).collect())
        .collect()
}

/// As [`paginate`], keeping each line's role (the padding is [`Role::Blank`]).
pub fn paginate_lines(body: &[Line], footer: &[Line], per_page: usize) -> Vec<Vec<Line>> {
    assert!(per_page > 0, "paginate needs a page length");
    let mut pages: Vec<Vec<Line>> = Vec::new();
    let mut page: Vec<Line> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let line = &body[i];
        if page.is_empty() && line.text.is_empty() {
            i += 1;
            continue;
        }
        if !page.is_empty() && break_before(body, i, per_page - page.len(), per_page) {
            pages.push(pad(page, per_page));
            page = Vec::new();
            continue;
        }
        page.push(line.clone());
        i += 1;
        if page.len() == per_page {
            pages.push(std::mem::take(&mut page));
        }
    }
    place_footer(&mut pages, page, footer, per_page);
    pages
}

/// The footer goes at the foot of the last page: whole, below the body with a blank line
/// between, or at the foot of a new page when it does not fit there. A footer longer than
/// a page flows over pages, padded so that it still ends at the foot.
fn place_footer(pages: &mut Vec<Vec<Line>>, mut page: Vec<Line>, footer: &[Line], per_page: usize) {
    if footer.is_empty() {
        if !page.is_empty() || pages.is_empty() {
            pages.push(pad(page, per_page));
        }
        return;
    }
    if footer.len() <= per_page && page.len() + usize::from(!page.is_empty()) + footer.len() > per_page {
        pages.push(pad(page, per_page));
        page = Vec::new();
    }
    // Blank lines (at least one after the body), then the footer, so that its last line
    // is the last line of a page.
    let gap = usize::from(!page.is_empty());
    let used = page.len() + gap + footer.len();
    let padding = (per_page - used % per_page) % per_page + gap;
    let blanks = std::iter::repeat_n(Line::blank(), padding);
    for line in blanks.chain(footer.iter().cloned()) {
        if page.len() == per_page {
            pages.push(std::mem::take(&mut page));
        }
        page.push(line);
    }
    debug_assert_eq!(page.len(), per_page);
    pages.push(page);
}

fn pad(mut page: Vec<Line>, per_page: usize) -> Vec<Line> {
    debug_assert!(page.len() <= per_page, "a page overflowed");
    page.resize(per_page, Line::blank());
    page
}

/// The page-number line of page `n` (1-based) for a text `width` columns wide.
pub fn page_number_line(n: usize, width: usize) -> String {
    let number = format!("— {n} —");
    if n % 2 == 1 { align::right(&number, width, 2) } else { format!("{}{number}", align::indent(2)) }
}

/// Pages as text: each page's lines, its number line, and a form feed before the next.
pub fn render_pages(pages: &[Vec<String>], width: usize) -> String {
    let mut out = String::new();
    for (k, page) in pages.iter().enumerate() {
        if k > 0 {
            out.push('\u{c}');
        }
        for line in page {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push_str(&page_number_line(k + 1, width));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::width::str_cols;

    fn body(texts: &[&str]) -> Vec<Line> {
        texts.iter().map(|t| Line::plain(*t)).collect()
    }

    #[test]
    fn pages_have_exactly_the_page_length() {
        let lines: Vec<Line> = (0..12).map(|k| Line::plain(format!("行{k}"))).collect();
        let pages = paginate(&lines, &[], 5);
        assert_eq!(pages.len(), 3);
        assert!(pages.iter().all(|p| p.len() == 5));
        assert_eq!(pages[2][1], "行11");
        assert_eq!(pages[2][2], "");
    }

    #[test]
    fn a_headline_moves_to_the_next_page_with_its_first_line() {
        let mut lines = body(&["一", "二", "三", ""]);
        lines.push(Line::new("标题", Keep::Strong));
        lines.push(Line::plain("　　正文第一行"));
        lines.push(Line::plain("正文第二行"));
        let pages = paginate(&lines, &[], 5);
        assert_eq!(pages[0], ["一", "二", "三", "", ""]);
        assert_eq!(pages[1][0], "标题");
        assert_eq!(pages[1][1], "　　正文第一行");
    }

    #[test]
    fn a_headline_stays_with_its_text_even_when_its_section_heading_cannot() {
        // Section heading + blank + 3 headline lines + text = 6 lines > a 5-line page.
        let mut lines = body(&["一", "二"]);
        lines.push(Line::new("【栏目】", Keep::Weak));
        lines.push(Line::new("", Keep::Weak));
        for h in ["标题一", "标题二", "标题三"] {
            lines.push(Line::new(h, Keep::Strong));
        }
        lines.push(Line::plain("　　正文"));
        let pages = paginate(&lines, &[], 5);
        assert_eq!(pages[0], ["一", "二", "【栏目】", "", ""]);
        assert_eq!(pages[1][..4], ["标题一", "标题二", "标题三", "　　正文"]);
    }

    #[test]
    fn a_footer_longer_than_a_page_still_ends_at_the_foot() {
        for body_len in 0..12 {
            let lines: Vec<Line> = (0..body_len).map(|k| Line::plain(format!("行{k}"))).collect();
            let footer: Vec<String> = (0..7).map(|k| format!("分送{k}")).collect();
            let pages = paginate(&lines, &footer, 5);
            assert_eq!(pages.last().unwrap()[4], "分送6", "{body_len} body lines: {pages:?}");
            assert!(pages.iter().all(|p| p.len() == 5));
            let all: Vec<&String> = pages.iter().flatten().collect();
            assert_eq!(all.iter().filter(|l| l.starts_with("分送")).count(), 7, "{pages:?}");
            assert_eq!(all.iter().filter(|l| l.starts_with('行')).count(), body_len);
        }
    }

    #[test]
    fn blank_lines_do_not_open_a_page() {
        let lines = body(&["一", "二", "", "三"]);
        let pages = paginate(&lines, &[], 2);
        assert_eq!(pages[1][0], "三");
    }

    #[test]
    fn footer_sits_at_the_foot_of_the_last_page() {
        let lines = body(&["一", "二"]);
        let footer = vec!["编辑：某".to_string(), "审核：某".to_string()];
        let pages = paginate(&lines, &footer, 6);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0], ["一", "二", "", "", "编辑：某", "审核：某"]);
    }

    #[test]
    fn footer_that_does_not_fit_goes_whole_to_a_new_page() {
        let lines = body(&["一", "二", "三", "四"]);
        let footer = vec!["编辑：某".to_string(), "审核：某".to_string()];
        let pages = paginate(&lines, &footer, 5);
        assert_eq!(pages.len(), 2);
        assert_eq!(&pages[1][3..], ["编辑：某", "审核：某"]);
    }

    #[test]
    fn page_numbers_alternate_sides() {
        let odd = page_number_line(1, 56);
        let even = page_number_line(2, 56);
        assert_eq!(str_cols(&odd), 54);
        assert!(odd.trim_start().starts_with('—'));
        assert_eq!(even, "\u{3000}— 2 —");
    }

    #[test]
    fn render_separates_pages_with_form_feeds() {
        let pages = vec![vec!["甲".to_string()], vec!["乙".to_string()]];
        let text = render_pages(&pages, 20);
        let parts: Vec<&str> = text.split('\u{c}').collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1].lines().count(), 2);
        assert!(parts[1].starts_with("乙\n"));
    }
}
