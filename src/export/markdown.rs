//! The Markdown export, in the shape of a converted past issue: `#` title, masthead
//! lines, `##` TOC heading with a `-` list, `##` 【sections】, `###` headlines,
//! paragraphs, `---` around the distribution block.

use crate::export::text::run_in_headline;
use crate::model::{HeadlineStyle, Issue, Item, SourcePlacement};

/// The Markdown export of `issue`.
pub fn markdown(issue: &Issue) -> String {
    let mut md = Md(Vec::new());
    let n = &issue.numbering;
    md.block(format!("# {}", escape(issue.publication.title.trim())));
    md.block(n.year_and_number());
    md.block(n.total_line());
    if !issue.publication.publisher.trim().is_empty() {
        md.block(escape(issue.publication.publisher.trim()));
    }
    md.block(n.date.chinese());
    md.block("---".into());

    let entries = issue.toc_entries();
    if !entries.is_empty() {
        md.block(format!("## {}", escape(issue.publication.toc_heading.trim())));
        let list: Vec<String> = entries.iter().map(|e| format!("- {}", escape(&e.title))).collect();
        md.block(list.join("\n"));
    }

    for section in issue.sections.iter().filter(|s| !s.items.is_empty()) {
        if !section.bare_title().is_empty() {
            md.block(format!("## 【{}】", escape(section.bare_title())));
        }
        let mut column = "";
        for item in &section.items {
            let item_column = item.column.trim();
            if item_column != column && !item_column.is_empty() {
                md.block(strong(item_column));
            }
            column = item_column;
            item_blocks(&mut md, issue, item);
        }
    }

    footer(&mut md, issue);
    let mut out = md.0.join("\n\n");
    out.push('\n');
    super::without_controls(&mut out);
    out
}

struct Md(Vec<String>);

impl Md {
    fn block(&mut self, text: String) {
        self.0.push(text);
    }
}

fn item_blocks(md: &mut Md, issue: &Issue, item: &Item) {
    let layout = &issue.layout;
    let mut paragraphs: Vec<String> = item.paragraphs().map(escape).collect();
    match layout.headline_style {
        HeadlineStyle::Heading => md.block(format!("### {}", escape(&item.headline_line()))),
        HeadlineStyle::RunIn => {
            let lead = run_in_headline(&item.headline_line());
            if !lead.is_empty() {
                let lead = strong(&lead);
                match paragraphs.first_mut() {
                    Some(first) => first.insert_str(0, &lead),
                    None => paragraphs.push(lead),
                }
            }
        }
    }
    let sources: Vec<&str> = item.source_list().collect();
    if !sources.is_empty() {
        let sources = escape(&format!("（{}）", sources.join(&layout.source_separator)));
        match (layout.source_placement, paragraphs.last_mut()) {
            (SourcePlacement::Inline, Some(last)) => last.push_str(&sources),
            _ => paragraphs.push(sources),
        }
    }
    for p in paragraphs {
        md.block(p);
    }
}

fn footer(md: &mut Md, issue: &Issue) {
    let f = &issue.footer;
    for (label, value) in [("信息报送邮箱：", &f.email), ("编辑：", &f.editor), ("审核：", &f.reviewer)]
    {
        if !value.trim().is_empty() {
            md.block(format!("{label}{}", escape(value.trim())));
        }
    }
    let groups: Vec<_> = f.distribution.iter().filter(|d| !d.label.trim().is_empty()).collect();
    if !groups.is_empty() {
        md.block("---".into());
        for group in groups {
            let mut recipients = group.recipients.iter().map(|r| r.trim()).filter(|r| !r.is_empty());
            md.block(format!("{}：{}", escape(group.label.trim()), escape(recipients.next().unwrap_or(""))));
            for r in recipients {
                md.block(escape(r));
            }
        }
        md.block("---".into());
    }
    if f.copies > 0 {
        md.block(format!("（共印{}份）", f.copies));
    }
}

/// Bold text. Punctuation at either edge stays outside the `**`: CommonMark does not close
/// `**` that follows punctuation and precedes a letter (`**会。**11月` stays literal),
/// which is the common case in Chinese.
fn strong(text: &str) -> String {
    let is_edge = |c: char| !c.is_alphanumeric();
    let core = text.trim_matches(is_edge);
    if core.is_empty() {
        return escape(text);
    }
    let start = text.find(core).unwrap_or(0);
    let (head, rest) = text.split_at(start);
    let (core, tail) = rest.split_at(core.len());
    format!("{}**{}**{}", escape(head), escape(core), escape(tail))
}

/// Escape what Markdown would read as markup: inline markers anywhere, block markers at
/// the start of a paragraph.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '[' | ']' | '<' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    let list_number = (1..=9).contains(&digits)
        && matches!(out.as_bytes().get(digits), Some(b'.' | b')'))
        && out.as_bytes().get(digits + 1).is_none_or(|b| b.is_ascii_whitespace());
    let starts_block = out.starts_with(['#', '>', '-', '+', '=']) || list_number;
    if starts_block {
        out.insert(0, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bold_keeps_edge_punctuation_outside() {
        assert_eq!(strong("江州市召开推进会。"), "**江州市召开推进会**。");
        assert_eq!(strong("“科技副总”进企业"), "“**科技副总”进企业**");
        assert_eq!(strong("沙龙"), "**沙龙**");
    }

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(escape("a*b*"), "a\\*b\\*");
        assert_eq!(escape("# 号"), "\\# 号");
        assert_eq!(escape("2023. 年"), "\\2023. 年");
        assert_eq!(escape("2023年9月"), "2023年9月");
        assert_eq!(escape("3.5亿元"), "3.5亿元");
        assert_eq!(escape("江州市科协"), "江州市科协");
    }
}
