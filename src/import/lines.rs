//! Every input becomes a list of [`Line`]s: text files line by line (with their indent
//! and centring), Markdown and Word documents block by block (with their heading marks).

use super::clean::{is_bare_number, is_page_debris, trim};
use super::docx::Paragraph;
use crate::layout::str_cols;

/// How a line sits on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// Flush left.
    None,
    /// A paragraph indent (full-width spaces, or a few spaces before a long line).
    Indent,
    /// Padded with spaces towards the middle: a heading.
    Centred,
}

/// What the source says a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Plain,
    /// A Markdown heading, a Word heading style, a centred Word paragraph.
    Heading,
    /// A list item: its bullet (`-`, `◆` …).
    Bullet(String),
    /// A rule: `━━━`, `───`, `---`.
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The text without its indent or padding (not yet cleaned).
    pub text: String,
    pub lead: Lead,
    pub mark: Mark,
    /// Columns the whole printed line takes (padding included).
    pub cols: usize,
    /// Columns of the leading padding or indent.
    pub lead_cols: usize,
    /// 0-based page the line was on (form feeds), for inputs that have pages.
    pub page: usize,
    /// Text set in bold at the start of the line (a run-in headline in Markdown).
    pub strong_lead: Option<String>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.is_empty() && self.mark != Mark::Rule
    }
}

/// Rule characters and the width the rule stands for, in 字 (a `━` is one).
pub fn rule_width(text: &str) -> Option<usize> {
    let t = trim(text);
    let mut chars = t.chars();
    let first = chars.next()?;
    if !matches!(first, '━' | '─' | '-' | '=' | '_' | '═' | '*') || !t.chars().all(|c| c == first) {
        return None;
    }
    let n = t.chars().count();
    let ok = match first {
        '━' | '─' | '═' => n >= 5,
        _ => n >= 3,
    };
    ok.then(|| if first.is_ascii() { n.div_ceil(2) } else { n })
}

/// The marks that open a TOC entry (besides ASCII `-`, `*`, `+` and the private use area).
const BULLETS: &str = "◆◇■□●○◎•▪►▶➢▲△★☆❖·–";

/// Bullets that open a TOC entry: ◆ ◇ ■ □ ● ○ ◎ • ▪ ► ▶ ➢ ▲ △ ★ ☆ ❖ - * and private-use
/// glyphs that PDF extraction leaves for symbol fonts.
pub fn bullet(text: &str) -> Option<(String, &str)> {
    let t = trim(text);
    let c = t.chars().next()?;
    let is_bullet = BULLETS.contains(c) || (0xE000..=0xF8FF).contains(&(c as u32));
    let ascii = matches!(c, '-' | '*' | '+') && t[c.len_utf8()..].starts_with([' ', '\u{3000}']);
    if !(is_bullet || ascii) {
        return None;
    }
    let rest = trim(&t[c.len_utf8()..]);
    (!rest.is_empty()).then(|| (c.to_string(), rest))
}

/// Lines of a text file. Page-number lines and form feeds are dropped (the page of each
/// line is kept).
pub fn from_text(text: &str) -> Vec<Line> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut page = 0;
    let raws: Vec<&str> = text.split('\n').collect();
    for (k, raw) in raws.iter().enumerate() {
        // A bare number set apart (padded, or with blank lines around it) is a page number.
        let apart = raw.starts_with("  ")
            || (k.checked_sub(1).is_none_or(|p| raws[p].trim().is_empty())
                && raws.get(k + 1).is_none_or(|n| n.trim().is_empty()));
        if is_bare_number(raw) && apart {
            page += raw.matches('\u{c}').count();
            continue;
        }
        let mut raw: &str = raw;
        while let Some(rest) = raw.strip_prefix('\u{c}') {
            page += 1;
            raw = rest;
        }
        if raw.contains('\u{c}') {
            page += raw.matches('\u{c}').count();
        }
        let raw = raw.replace('\u{c}', "");
        if !raw.trim().is_empty() && is_page_debris(&raw) {
            continue;
        }
        let body = trim(&raw);
        let lead_text = &raw[..raw.len() - raw.trim_start().len()];
        let lead_cols: usize = lead_text
            .chars()
            .map(|c| {
                if c == '\u{3000}' {
                    2
                } else if c == '\t' {
                    4
                } else {
                    1
                }
            })
            .sum();
        let lead = if lead_text.contains('\u{3000}') {
            Lead::Indent
        } else if lead_cols >= 2 {
            Lead::Centred
        } else {
            Lead::None
        };
        let mark = if rule_width(body).is_some() {
            Mark::Rule
        } else if let Some((b, _)) = bullet(body) {
            Mark::Bullet(b)
        } else {
            Mark::Plain
        };
        let text = match &mark {
            Mark::Bullet(_) => bullet(body).map(|(_, rest)| rest.to_string()).unwrap_or_default(),
            _ => body.to_string(),
        };
        out.push(Line {
            text,
            lead,
            mark,
            cols: lead_cols + str_cols(body),
            lead_cols,
            page,
            strong_lead: None,
        });
    }
    out
}

/// Lines of a Word document: one a paragraph, a blank line between paragraphs.
pub fn from_docx(paragraphs: &[Paragraph]) -> Vec<Line> {
    let mut out = Vec::new();
    for p in paragraphs {
        for part in p.text.split('\n') {
            let body = trim(part);
            let mark = if body.is_empty() {
                Mark::Plain
            } else if rule_width(body).is_some() {
                Mark::Rule
            } else if let Some((b, _)) = bullet(body) {
                Mark::Bullet(b)
            } else if p.heading || p.centred {
                Mark::Heading
            } else {
                Mark::Plain
            };
            let text = match &mark {
                Mark::Bullet(_) => bullet(body).map(|(_, rest)| rest.to_string()).unwrap_or_default(),
                _ => body.to_string(),
            };
            let lead = if p.centred { Lead::Centred } else { Lead::None };
            out.push(Line {
                cols: str_cols(body),
                text,
                lead,
                mark,
                lead_cols: 0,
                page: 0,
                strong_lead: None,
            });
        }
        out.push(blank());
    }
    out
}

/// Whether a line is centred: padded by half the slack of the known width (±1 column);
/// without a width, deeply padded.
pub fn is_centred(line: &Line, width_cols: Option<usize>) -> bool {
    let t = line.cols - line.lead_cols;
    line.lead != Lead::Indent
        && line.lead_cols >= 1
        && match width_cols {
            Some(w) => t < w && line.lead_cols.abs_diff((w - t) / 2) <= 1,
            None => line.lead_cols >= 4,
        }
}

pub fn blank() -> Line {
    Line {
        text: String::new(),
        lead: Lead::None,
        mark: Mark::Plain,
        cols: 0,
        lead_cols: 0,
        page: 0,
        strong_lead: None,
    }
}

/// A line of logical text (one paragraph or heading) with a mark.
pub fn logical(text: &str, mark: Mark) -> Line {
    let text = trim(text).to_string();
    Line { cols: str_cols(&text), text, lead: Lead::None, mark, lead_cols: 0, page: 0, strong_lead: None }
}

const SOFT_BREAK: char = '\u{1}';

/// `**…**` that CommonMark left as text (it does not close `**` after punctuation and
/// before a letter, which Chinese text does all the time): a leading pair is a bold lead,
/// and no `**` is left in the text.
fn literal_strong(text: &str) -> (String, Option<String>) {
    let lead =
        text.strip_prefix("**").and_then(|rest| rest.split_once("**")).map(|(inner, _)| inner.to_string());
    (text.replace("**", ""), lead.filter(|l| !l.is_empty()))
}

/// A line break inside a Markdown paragraph: Chinese runs on, two Western words keep a space.
fn join_soft_breaks(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (k, &c) in chars.iter().enumerate() {
        if c != SOFT_BREAK {
            out.push(c);
            continue;
        }
        let before = k.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(k + 1);
        if before.is_some_and(|b| b.is_ascii_alphanumeric())
            && after.is_some_and(|a| a.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
    }
    out
}

/// Lines of a Markdown document: headings, list items as bullets, rules, paragraphs (soft
/// line breaks joined), a blank line between blocks.
pub fn from_markdown(text: &str) -> Vec<Line> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut strong: Option<String> = None;
    let mut strong_depth = 0;
    let mut at_start = true;
    let mut in_item = false;
    let mut lead_strong: Option<String> = None;
    let flush = |out: &mut Vec<Line>, buf: &mut String, mark: Mark, lead: Option<String>| {
        let (text, literal_lead) = literal_strong(&join_soft_breaks(buf));
        let mut line = logical(&text, mark);
        line.strong_lead = lead.or(literal_lead);
        if !line.text.is_empty() || line.mark == Mark::Rule {
            out.push(line);
            out.push(blank());
        }
        buf.clear();
    };
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. }) => {
                buf.clear();
                at_start = true;
                lead_strong = None;
            }
            Event::Start(Tag::Item) => {
                in_item = true;
                buf.clear();
            }
            Event::Start(Tag::Strong) => {
                strong_depth += 1;
                if at_start && strong_depth == 1 {
                    strong = Some(String::new());
                }
            }
            Event::End(TagEnd::Strong) => {
                strong_depth -= 1;
                if strong_depth == 0
                    && let Some(s) = strong.take()
                {
                    lead_strong = Some(s);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                buf.push_str(&t);
                if let Some(s) = strong.as_mut() {
                    s.push_str(&t);
                } else if strong_depth == 0 {
                    at_start = false;
                }
            }
            Event::SoftBreak | Event::HardBreak => buf.push(SOFT_BREAK),
            Event::End(TagEnd::Heading(_)) => flush(&mut out, &mut buf, Mark::Heading, None),
            Event::End(TagEnd::Paragraph) if !in_item => {
                let whole = lead_strong.as_deref().is_some_and(|s| trim(s) == trim(&buf));
                let (mark, lead) =
                    if whole { (Mark::Heading, None) } else { (Mark::Plain, lead_strong.take()) };
                flush(&mut out, &mut buf, mark, lead);
            }
            Event::End(TagEnd::Item) => {
                in_item = false;
                flush(&mut out, &mut buf, Mark::Bullet("-".into()), None);
            }
            Event::Rule => {
                buf.clear();
                flush(&mut out, &mut String::from("---"), Mark::Rule, None);
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_bullets_and_leads() {
        assert_eq!(rule_width("━━━━━━━━━━━━━━━━━━━━━━━━━━━━"), Some(28));
        assert_eq!(rule_width("---"), Some(2));
        assert_eq!(rule_width("——"), None);
        assert_eq!(rule_width("————"), None, "dash pairs are text");
        assert_eq!(bullet("◆　江州市科协召开会议").unwrap().1, "江州市科协召开会议");
        assert_eq!(bullet("- 小米集团科协成立").unwrap().0, "-");
        assert!(bullet("-2023年").is_none());
        assert!(bullet("\u{e000}市科协召开会议").is_some());
        // The marks bulletins use: each opens an entry, and is kept as the bullet.
        for mark in ['▲', '◎', '●', '■', '★', '❖', '➢'] {
            let line = format!("{mark}　市科协召开会议");
            let (b, rest) = bullet(&line).unwrap_or_else(|| panic!("{mark}"));
            assert_eq!((b, rest), (mark.to_string(), "市科协召开会议"));
        }
        let lines = from_text("          科协每周动态\n\u{3000}\u{3000}第一段\n- 4 -\n\u{c}续");
        assert_eq!(lines[0].lead, Lead::Centred);
        assert_eq!(lines[1].lead, Lead::Indent);
        assert_eq!(lines.len(), 3, "the page number is gone");
        assert_eq!((lines[2].text.as_str(), lines[2].page), ("续", 1));
    }

    #[test]
    fn markdown_blocks_become_lines() {
        let md = "# 科协每周动态\n\n2023 年 第 7 期\n\n---\n\n## 目录提要\n\n- 甲\n- 乙\n\n## **【学会动态】**\n\n**沙龙**\n\n**推进会。**11月13日，\n会议召开。\n\n**推进会**。11月14日。\n";
        let lines: Vec<Line> = from_markdown(md).into_iter().filter(|l| !l.is_blank()).collect();
        let kinds: Vec<(&str, &Mark)> = lines.iter().map(|l| (l.text.as_str(), &l.mark)).collect();
        assert_eq!(kinds[0], ("科协每周动态", &Mark::Heading));
        assert_eq!(kinds[2].1, &Mark::Rule);
        assert_eq!(kinds[4], ("甲", &Mark::Bullet("-".into())));
        assert_eq!(kinds[6], ("【学会动态】", &Mark::Heading));
        assert_eq!(kinds[7], ("沙龙", &Mark::Heading), "a bold-only paragraph is a heading");
        assert_eq!(lines[8].text, "推进会。11月13日，会议召开。");
        assert_eq!(lines[8].strong_lead.as_deref(), Some("推进会。"), "literal ** that CommonMark left");
        assert_eq!(lines[9].text, "推进会。11月14日。");
        assert_eq!(lines[9].strong_lead.as_deref(), Some("推进会"));
    }
}
