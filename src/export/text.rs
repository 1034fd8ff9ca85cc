//! The plain-text export: what gets printed. Masthead, TOC, sections and items, footer;
//! wrapped at the layout's width with 禁则, optionally paginated, or unwrapped (one line
//! per paragraph) for pasting into a word processor.

use crate::layout::align::{centre, indent, right, spread};
use crate::layout::paginate::{Anchor, Keep, Line, Role, paginate_lines, render_pages};
use crate::layout::{cols, str_cols, wrap, wrap_balanced};
use crate::model::{HeadlineStyle, Issue, Item, Layout, SourcePlacement, TocTarget};

/// Width and page length of a text export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// 字 per line; 0 = do not hard-wrap.
    pub width: u32,
    /// Lines per page; 0 = no pagination (always 0 when `width` is 0).
    pub lines_per_page: u32,
}

impl TextOptions {
    /// The issue's own layout.
    pub fn of(issue: &Issue) -> TextOptions {
        TextOptions { width: issue.layout.width, lines_per_page: issue.layout.lines_per_page }
    }
}

/// Width of the rules in unwrapped text, where there is no line width: the layout's
/// width, or the standard 28 字 of a GB/T 9704 page.
const UNWRAPPED_RULE_ZI: u32 = 28;

/// The text export of `issue`.
pub fn text(issue: &Issue, options: TextOptions) -> String {
    let rule_zi = match (options.width, issue.layout.width) {
        (0, 0) => UNWRAPPED_RULE_ZI,
        (0, w) | (w, _) => w,
    };
    let (doc, footer) = lay_out(issue, options.width, rule_zi);
    if options.width > 0 && options.lines_per_page > 0 {
        let pages = paginate_lines(&doc.body, &footer, options.lines_per_page as usize);
        let pages: Vec<Vec<String>> =
            pages.into_iter().map(|p| p.into_iter().map(|l| l.text).collect()).collect();
        return render_pages(&pages, doc.width);
    }
    let mut out = String::new();
    for line in &doc.body {
        out.push_str(line.text.trim_end());
        out.push('\n');
    }
    if !footer.is_empty() {
        out.push('\n');
        for line in &footer {
            out.push_str(line.text.trim_end());
            out.push('\n');
        }
    }
    out
}

/// The pages of the paginated text export, each line with its role, for a printer: the
/// same lines and the same breaks as [`text`] with `width` 字 and `lines_per_page` lines
/// (both above 0), without the page-number lines.
pub fn pages(issue: &Issue, width: u32, lines_per_page: u32) -> Vec<Vec<Line>> {
    assert!(width > 0 && lines_per_page > 0, "pages need a width and a page length");
    let (doc, footer) = lay_out(issue, width, width);
    paginate_lines(&doc.body, &footer, lines_per_page as usize)
}

/// The body and the footer of the export, control characters taken out.
fn lay_out(issue: &Issue, width: u32, rule_zi: u32) -> (Doc, Vec<Line>) {
    let mut doc = Doc { width: cols(width), rule: cols(rule_zi), body: Vec::new(), pending: None };
    doc.masthead(issue);
    doc.toc(issue);
    doc.sections(issue);
    let mut footer = doc.footer(issue);
    for line in doc.body.iter_mut().chain(footer.iter_mut()) {
        super::without_controls(&mut line.text);
    }
    (doc, footer)
}

/// Lines taken by the masthead and the TOC (to tell whether the TOC fits the first page).
pub fn front_matter_lines(issue: &Issue, width: u32) -> usize {
    let mut doc = Doc { width: cols(width), rule: cols(width.max(1)), body: Vec::new(), pending: None };
    doc.masthead(issue);
    doc.toc(issue);
    doc.body.len()
}

struct Doc {
    /// Line width in columns; 0 = unwrapped.
    width: usize,
    /// Width of the rules in columns.
    rule: usize,
    body: Vec<Line>,
    /// The anchor for the next line with text.
    pending: Option<Anchor>,
}

impl Doc {
    fn push(&mut self, text: String, keep: Keep, role: Role) {
        let mut line = Line::of(text, keep, role);
        if !line.text.is_empty()
            && let Some(anchor) = self.pending.take()
        {
            line.anchor = anchor;
        }
        self.body.push(line);
    }

    /// Mark the line at `at` (the first of what was pushed since) with `anchor`.
    fn anchor(&mut self, at: usize, anchor: Anchor) {
        if let Some(line) = self.body.get_mut(at) {
            line.anchor = anchor;
        }
    }

    /// A blank line; it holds on to what follows as what precedes it does (the space under
    /// a heading belongs to the heading).
    fn blank(&mut self) {
        let keep = self.body.last().map_or(Keep::No, |l| l.keep.min(Keep::Weak));
        self.push(String::new(), keep, Role::Blank);
    }

    /// Lines of `text`, each centred (balanced when it wraps); flush left when unwrapped.
    fn centred(&self, text: &str) -> Vec<String> {
        if self.width == 0 {
            return vec![text.to_string()];
        }
        wrap_balanced(text, self.width).iter().map(|l| centre(l, self.width)).collect()
    }

    /// `prefix` then `text`, continuation lines aligned under the first character of
    /// `text` (TOC entries, 分送 groups).
    fn hanging(&self, prefix: &str, text: &str) -> Vec<String> {
        if self.width == 0 {
            return vec![format!("{prefix}{text}")];
        }
        let hang = str_cols(prefix);
        let pad = indent(hang);
        wrap(text, self.width, hang, hang)
            .into_iter()
            .enumerate()
            .map(|(k, l)| if k == 0 { format!("{prefix}{l}") } else { format!("{pad}{l}") })
            .collect()
    }

    /// A paragraph: two full-width spaces, then flush left.
    fn paragraph(&mut self, text: &str) {
        const INDENT: &str = "\u{3000}\u{3000}";
        if self.width == 0 {
            self.push(format!("{INDENT}{text}"), Keep::No, Role::BodyEnd);
            return;
        }
        let lines = wrap(text, self.width, str_cols(INDENT), 0);
        let last = lines.len().saturating_sub(1);
        for (k, l) in lines.into_iter().enumerate() {
            let text = if k == 0 { format!("{INDENT}{l}") } else { l };
            self.push(text, Keep::No, if k == last { Role::BodyEnd } else { Role::Body });
        }
    }

    fn masthead(&mut self, issue: &Issue) {
        let n = &issue.numbering;
        for l in self.centred(issue.publication.title.trim()) {
            self.push(l, Keep::Weak, Role::Title);
        }
        self.blank();
        for l in self.centred(&n.year_and_number()) {
            self.push(l, Keep::Weak, Role::Number);
        }
        for l in self.centred(&n.total_line()) {
            self.push(l, Keep::Weak, Role::Number);
        }
        self.blank();
        let publisher = issue.publication.publisher.trim();
        let date = n.date.chinese();
        if self.width == 0 {
            let line = if publisher.is_empty() { date } else { format!("{publisher}\u{3000}{date}") };
            self.push(line, Keep::Weak, Role::Publisher);
        } else if let Some(line) = spread(publisher, &date, self.width) {
            self.push(line, Keep::Weak, Role::Publisher);
        } else {
            for l in wrap(publisher, self.width, 0, 0) {
                self.push(l, Keep::Weak, Role::Publisher);
            }
            self.push(right(&date, self.width, 0), Keep::Weak, Role::Publisher);
        }
        self.push("━".repeat(self.rule / 2), Keep::No, Role::MastheadRule);
    }

    fn toc(&mut self, issue: &Issue) {
        let entries = issue.toc_entries();
        if entries.is_empty() {
            return;
        }
        self.push(issue.publication.toc_heading.trim().to_string(), Keep::Weak, Role::TocHeading);
        let prefix = format!("{}\u{3000}", issue.publication.toc_bullet.trim());
        for entry in entries {
            let at = self.body.len();
            let to = match entry.target {
                TocTarget::Item(pos) => Anchor::ToItem(pos.section, pos.index),
                TocTarget::Section(s) => Anchor::ToSection(s),
            };
            for l in self.hanging(&prefix, &entry.title) {
                self.push(l, Keep::No, Role::TocEntry);
            }
            self.anchor(at, to);
        }
    }

    fn sections(&mut self, issue: &Issue) {
        for (si, section) in issue.sections.iter().enumerate().filter(|(_, s)| !s.items.is_empty()) {
            let title = section.bare_title();
            if !title.is_empty() {
                self.blank();
                self.pending = Some(Anchor::Section(si));
                for l in self.centred(&format!("【{title}】")) {
                    self.push(l, Keep::Weak, Role::Section);
                }
            }
            let mut column = "";
            for (ii, item) in section.items.iter().enumerate() {
                let item_column = item.column.trim();
                if item_column != column && !item_column.is_empty() {
                    self.blank();
                    for l in self.centred(item_column) {
                        self.push(l, Keep::Weak, Role::Column);
                    }
                }
                column = item_column;
                self.item(issue, item, Anchor::Item(si, ii));
            }
        }
    }

    fn item(&mut self, issue: &Issue, item: &Item, anchor: Anchor) {
        self.blank();
        self.pending = Some(anchor);
        let printed = item_text(item, &issue.layout);
        for part in printed.headline {
            for l in self.centred(part) {
                self.push(l, Keep::Strong, Role::Headline);
            }
        }
        for p in printed.paragraphs.iter().chain(&printed.sources) {
            self.paragraph(p);
        }
    }

    fn footer(&self, issue: &Issue) -> Vec<Line> {
        let f = &issue.footer;
        let mut lines: Vec<Line> = Vec::new();
        let add =
            |lines: &mut Vec<Line>, text: String, role: Role| lines.push(Line::of(text, Keep::No, role));
        for (label, value) in [("信息报送邮箱：", &f.email), ("编辑：", &f.editor), ("审核：", &f.reviewer)]
        {
            if !value.trim().is_empty() {
                for l in self.hanging(label, value.trim()) {
                    add(&mut lines, l, Role::Footer);
                }
            }
        }
        let groups: Vec<_> = f.distribution.iter().filter(|d| !d.label.trim().is_empty()).collect();
        if !groups.is_empty() {
            let rule = "─".repeat(self.rule / 2);
            add(&mut lines, rule.clone(), Role::FooterRuleTop);
            for group in groups {
                let prefix = format!("{}：", group.label.trim());
                let pad = indent(str_cols(&prefix));
                let recipients: Vec<&str> =
                    group.recipients.iter().map(|r| r.trim()).filter(|r| !r.is_empty()).collect();
                if recipients.is_empty() {
                    add(&mut lines, prefix.clone(), Role::Footer);
                }
                for (k, recipient) in recipients.into_iter().enumerate() {
                    let mut block = self.hanging(&prefix, recipient);
                    if k > 0 {
                        block[0] = format!("{pad}{}", &block[0][prefix.len()..]);
                    }
                    for l in block {
                        add(&mut lines, l, Role::Footer);
                    }
                }
            }
            add(&mut lines, rule, Role::FooterRuleBottom);
        }
        if f.copies > 0 {
            let copies = format!("（共印{}份）", f.copies);
            let line = if self.width == 0 { copies } else { right(&copies, self.width, 0) };
            add(&mut lines, line, Role::Copies);
        }
        lines
    }
}

/// An item's text as it is printed.
pub struct ItemText<'a> {
    /// The headline's parts, on lines of their own (none in run-in style).
    pub headline: Vec<&'a str>,
    /// The paragraphs: a run-in headline opens the first, inline sources close the last.
    pub paragraphs: Vec<String>,
    /// `（单位、单位）` as a paragraph of its own (sources not inline).
    pub sources: Option<String>,
}

/// How `item` is printed with `layout`'s headline style and source placement (the text
/// export and the DOCX share it).
pub fn item_text<'a>(item: &'a Item, layout: &Layout) -> ItemText<'a> {
    let mut paragraphs: Vec<String> = item.paragraphs().map(str::to_string).collect();
    let mut headline = Vec::new();
    if layout.headline_style == HeadlineStyle::Heading {
        headline = item.headline_parts().collect();
    } else {
        let lead = run_in_headline(&item.headline_line());
        match paragraphs.first_mut() {
            Some(first) => first.insert_str(0, &lead),
            None if !lead.is_empty() => paragraphs.push(lead),
            None => {}
        }
    }
    let list: Vec<&str> = item.source_list().collect();
    let mut sources = None;
    if !list.is_empty() {
        let s = format!("（{}）", list.join(&layout.source_separator));
        match (layout.source_placement, paragraphs.last_mut()) {
            (SourcePlacement::Inline, Some(last)) => last.push_str(&s),
            _ => sources = Some(s),
        }
    }
    ItemText { headline, paragraphs, sources }
}

/// The run-in headline as the first sentence: with 。 added when it has no end mark.
pub fn run_in_headline(headline: &str) -> String {
    let headline = headline.trim();
    if headline.is_empty() || ends_sentence(headline) {
        return headline.to_string();
    }
    format!("{headline}。")
}

fn ends_sentence(s: &str) -> bool {
    let mut rev = s.chars().rev().skip_while(|c| matches!(c, '”' | '’' | '）' | '」' | '』' | ')' | '"'));
    matches!(rev.next(), Some('。' | '！' | '？' | '!' | '?' | '…' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_in_headline_gets_a_full_stop() {
        assert_eq!(run_in_headline("江州市召开推进会"), "江州市召开推进会。");
        assert_eq!(run_in_headline("江州市召开推进会！"), "江州市召开推进会！");
        assert_eq!(run_in_headline("他说“好。”"), "他说“好。”");
    }
}
