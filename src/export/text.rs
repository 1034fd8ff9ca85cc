//! The plain-text export: what gets printed. Masthead, TOC, sections and items, footer;
//! wrapped at the layout's width with 禁则, optionally paginated, or unwrapped (one line
//! per paragraph) for pasting into a word processor.

use crate::layout::align::{centre, indent, right, spread};
use crate::layout::paginate::{Keep, Line, paginate, render_pages};
use crate::layout::{cols, str_cols, wrap, wrap_balanced};
use crate::model::{HeadlineStyle, Issue, Item, SourcePlacement};

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
    let mut doc = Doc { width: cols(options.width), rule: cols(rule_zi), body: Vec::new() };
    doc.masthead(issue);
    doc.toc(issue);
    doc.sections(issue);
    let mut footer = doc.footer(issue);
    for line in doc.body.iter_mut().map(|l| &mut l.text).chain(footer.iter_mut()) {
        super::without_controls(line);
    }

    if options.width > 0 && options.lines_per_page > 0 {
        let pages = paginate(&doc.body, &footer, options.lines_per_page as usize);
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
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// Lines taken by the masthead and the TOC (to tell whether the TOC fits the first page).
pub fn front_matter_lines(issue: &Issue, width: u32) -> usize {
    let mut doc = Doc { width: cols(width), rule: cols(width.max(1)), body: Vec::new() };
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
}

impl Doc {
    fn push(&mut self, text: String, keep: Keep) {
        self.body.push(Line { text, keep });
    }

    /// A blank line; it holds on to what follows as what precedes it does (the space under
    /// a heading belongs to the heading).
    fn blank(&mut self) {
        let keep = self.body.last().map_or(Keep::No, |l| l.keep.min(Keep::Weak));
        self.push(String::new(), keep);
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
            self.push(format!("{INDENT}{text}"), Keep::No);
            return;
        }
        let lines = wrap(text, self.width, str_cols(INDENT), 0);
        for (k, l) in lines.into_iter().enumerate() {
            let text = if k == 0 { format!("{INDENT}{l}") } else { l };
            self.push(text, Keep::No);
        }
    }

    fn masthead(&mut self, issue: &Issue) {
        let n = &issue.numbering;
        for l in self.centred(issue.publication.title.trim()) {
            self.push(l, Keep::Weak);
        }
        self.blank();
        for l in self.centred(&n.year_and_number()) {
            self.push(l, Keep::Weak);
        }
        for l in self.centred(&n.total_line()) {
            self.push(l, Keep::Weak);
        }
        self.blank();
        let publisher = issue.publication.publisher.trim();
        let date = n.date.chinese();
        if self.width == 0 {
            let line = if publisher.is_empty() { date } else { format!("{publisher}\u{3000}{date}") };
            self.push(line, Keep::Weak);
        } else if let Some(line) = spread(publisher, &date, self.width) {
            self.push(line, Keep::Weak);
        } else {
            for l in wrap(publisher, self.width, 0, 0) {
                self.push(l, Keep::Weak);
            }
            self.push(right(&date, self.width, 0), Keep::Weak);
        }
        self.push("━".repeat(self.rule / 2), Keep::No);
    }

    fn toc(&mut self, issue: &Issue) {
        let entries = issue.toc_entries();
        if entries.is_empty() {
            return;
        }
        self.push(issue.publication.toc_heading.trim().to_string(), Keep::Weak);
        let prefix = format!("{}\u{3000}", issue.publication.toc_bullet.trim());
        for entry in entries {
            for l in self.hanging(&prefix, &entry.title) {
                self.push(l, Keep::No);
            }
        }
    }

    fn sections(&mut self, issue: &Issue) {
        for section in issue.sections.iter().filter(|s| !s.items.is_empty()) {
            let title = section.bare_title();
            if !title.is_empty() {
                self.blank();
                for l in self.centred(&format!("【{title}】")) {
                    self.push(l, Keep::Weak);
                }
            }
            let mut column = "";
            for item in &section.items {
                let item_column = item.column.trim();
                if item_column != column && !item_column.is_empty() {
                    self.blank();
                    for l in self.centred(item_column) {
                        self.push(l, Keep::Weak);
                    }
                }
                column = item_column;
                self.item(issue, item);
            }
        }
    }

    fn item(&mut self, issue: &Issue, item: &Item) {
        self.blank();
        let layout = &issue.layout;
        let mut paragraphs: Vec<String> = item.paragraphs().map(str::to_string).collect();
        if layout.headline_style == HeadlineStyle::Heading {
            for part in item.headline_parts() {
                for l in self.centred(part) {
                    self.push(l, Keep::Strong);
                }
            }
        } else {
            let lead = run_in_headline(&item.headline_line());
            match paragraphs.first_mut() {
                Some(first) => first.insert_str(0, &lead),
                None if !lead.is_empty() => paragraphs.push(lead),
                None => {}
            }
        }
        let sources: Vec<&str> = item.source_list().collect();
        if !sources.is_empty() {
            let sources = format!("（{}）", sources.join(&layout.source_separator));
            match (layout.source_placement, paragraphs.last_mut()) {
                (SourcePlacement::Inline, Some(last)) => last.push_str(&sources),
                _ => paragraphs.push(sources),
            }
        }
        for p in &paragraphs {
            self.paragraph(p);
        }
    }

    fn footer(&self, issue: &Issue) -> Vec<String> {
        let f = &issue.footer;
        let mut lines = Vec::new();
        for (label, value) in [("信息报送邮箱：", &f.email), ("编辑：", &f.editor), ("审核：", &f.reviewer)]
        {
            if !value.trim().is_empty() {
                lines.extend(self.hanging(label, value.trim()));
            }
        }
        let groups: Vec<_> = f.distribution.iter().filter(|d| !d.label.trim().is_empty()).collect();
        if !groups.is_empty() {
            let rule = "─".repeat(self.rule / 2);
            lines.push(rule.clone());
            for group in groups {
                let prefix = format!("{}：", group.label.trim());
                let pad = indent(str_cols(&prefix));
                let recipients: Vec<&str> =
                    group.recipients.iter().map(|r| r.trim()).filter(|r| !r.is_empty()).collect();
                if recipients.is_empty() {
                    lines.push(prefix.clone());
                }
                for (k, recipient) in recipients.into_iter().enumerate() {
                    let mut block = self.hanging(&prefix, recipient);
                    if k > 0 {
                        block[0] = format!("{pad}{}", &block[0][prefix.len()..]);
                    }
                    lines.extend(block);
                }
            }
            lines.push(rule);
        }
        if f.copies > 0 {
            let copies = format!("（共印{}份）", f.copies);
            lines.push(if self.width == 0 { copies } else { right(&copies, self.width, 0) });
        }
        lines
    }
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
