//! The parts of an issue around its body: the masthead at the top, the TOC under it, the
//! footer at the end. Each reads [`Line`]s and says where it stopped.

use std::sync::LazyLock;

use regex::Regex;

use super::clean::{clean_text, trim};
use super::lines::{Lead, Line, Mark, is_centred, rule_width};
use crate::layout::str_cols;
use crate::model::{Date, Distribution, Footer};

static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})年第(\d+)期").expect("regex"));
static TOTAL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[（(]?总第(\d+)期[）)]?").expect("regex"));
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})年(\d{1,2})月(\d{1,2})日").expect("regex"));
static COPIES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[（(]?共印(\d+)份[）)]?$").expect("regex"));

/// Words that head a TOC.
pub const TOC_HEADINGS: &[&str] =
    &["目录提要", "内容提要", "本期目录", "本期要目", "要目", "目录", "本期导读"];
/// Labels of distribution groups.
pub const DISTRIBUTION_LABELS: &[&str] = &["分送", "抄送", "抄报", "主送", "印发", "报送", "报", "送", "发"];

/// Text without spaces or Markdown emphasis, for matching patterns.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '*' && *c != '#').collect()
}

/// `科 协 每 周 动 态` → `科协每周动态`: spaces between Chinese characters go when every
/// gap between them has one (a title spread evenly); a title with a word space stays.
fn unspread(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let spread = chars.len() >= 3
        && chars
            .iter()
            .enumerate()
            .all(|(k, c)| if k % 2 == 1 { c.is_whitespace() } else { super::clean::is_cjk(*c) });
    if spread { chars.iter().filter(|c| !c.is_whitespace()).collect() } else { text.to_string() }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masthead {
    pub title: String,
    pub publisher: String,
    pub year: u16,
    pub number: u32,
    pub total: Option<u32>,
    pub date: Option<Date>,
    /// Width of the heavy rule, in 字.
    pub rule: Option<usize>,
}

fn date_in(text: &str) -> Option<(Date, std::ops::Range<usize>)> {
    let s = squeeze(text);
    let c = DATE.captures(&s)?;
    let date = Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    // Where the date starts in the original text: the publisher is what comes before.
    let digits = &c[1];
    let start = text.find(digits).unwrap_or(text.len());
    Some((date, start..text.len()))
}

/// The masthead, if the first lines hold one (a title, then `2023年 第23期`), and the line
/// after it.
pub fn masthead(lines: &[Line], start: usize) -> (Option<Masthead>, usize) {
    let mut title: Vec<String> = Vec::new();
    let mut m: Option<Masthead> = None;
    let mut i = start;
    let mut seen = 0;
    let mut pending_publisher: Vec<String> = Vec::new();
    while i < lines.len() && seen < 20 {
        let line = &lines[i];
        i += 1;
        if line.is_blank() {
            continue;
        }
        seen += 1;
        let s = squeeze(&line.text);
        match m.as_mut() {
            None => {
                if let Some(c) = NUMBER.captures(&s) {
                    let (Ok(year), Ok(number)) = (c[1].parse(), c[2].parse()) else { return (None, start) };
                    let total = TOTAL.captures(&s).and_then(|t| t[1].parse().ok());
                    if title.is_empty() {
                        return (None, start);
                    }
                    m = Some(Masthead {
                        title: title.join(""),
                        publisher: String::new(),
                        year,
                        number,
                        total,
                        date: None,
                        rule: None,
                    });
                } else if line.mark == Mark::Rule || DATE.is_match(&s) || TOTAL.is_match(&s) {
                    return (None, start);
                } else {
                    // A title spread letter by letter (`科 协 动 态`) is one word.
                    title.push(unspread(&clean_text(&line.text)));
                }
            }
            Some(mh) => {
                if line.mark == Mark::Rule {
                    mh.rule = rule_width(&line.text);
                    break;
                }
                if mh.total.is_none()
                    && let Some(t) = TOTAL.captures(&s)
                {
                    mh.total = t[1].parse().ok();
                    continue;
                }
                if let Some((date, at)) = date_in(&line.text) {
                    mh.date = Some(date);
                    let before = trim(&line.text[..at.start]);
                    if !before.is_empty() {
                        pending_publisher.push(clean_text(before));
                    }
                    mh.publisher = std::mem::take(&mut pending_publisher).concat();
                    continue;
                }
                // The publisher, on lines of its own before the date (wrapped when long).
                if mh.date.is_none() && pending_publisher.len() < 8 && str_cols(&line.text) <= 80 {
                    pending_publisher.push(clean_text(&line.text));
                    continue;
                }
                // Past the masthead: the line belongs to what follows.
                i -= 1;
                break;
            }
        }
    }
    match m {
        Some(mut mh) => {
            if mh.publisher.is_empty() {
                mh.publisher = pending_publisher.concat();
            }
            (Some(mh), i)
        }
        None => (None, start),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toc {
    pub heading: String,
    pub bullet: String,
    pub entries: Vec<String>,
}

fn is_toc_heading(text: &str) -> Option<String> {
    let s = squeeze(text);
    TOC_HEADINGS.iter().find(|h| s == **h).map(|h| h.to_string())
}

/// The TOC, if the next non-blank line is its heading, and the line after it. Entries are
/// bullet lines; a wrapped entry continues on an indented line (or, without indents, on
/// the line after a full one).
pub fn toc(lines: &[Line], start: usize, width_cols: Option<usize>) -> (Option<Toc>, usize) {
    let mut i = start;
    while i < lines.len() && lines[i].is_blank() {
        i += 1;
    }
    let Some(heading) = lines.get(i).and_then(|l| is_toc_heading(&l.text)) else { return (None, start) };
    i += 1;
    let mut toc = Toc { heading, bullet: String::new(), entries: Vec::new() };
    let mut last_cols = 0;
    let mut after_blank = false;
    let mut end = i;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            after_blank = true;
            i += 1;
            continue;
        }
        match &line.mark {
            Mark::Bullet(b) => {
                if toc.bullet.is_empty() {
                    toc.bullet = b.clone();
                }
                toc.entries.push(clean_text(&line.text));
            }
            Mark::Plain if !after_blank && !toc.entries.is_empty() => {
                // Continued under the title (indented), or, where indents are lost, after a
                // full line; a centred line is a heading, never a continuation.
                // With a known width, exactly: a greedy breaker moved the first piece of
                // a continuation down because it did not fit on the entry's line.
                let piece = crate::layout::first_piece_cols(&line.text);
                let moved_down = width_cols.map(|w| last_cols + piece > w);
                // A 【栏目】 line opens the text (after a page break the TOC may end
                // with a full line).
                let continues = match moved_down {
                    Some(moved) => moved && !is_centred(line, width_cols),
                    None => line.lead == Lead::Indent,
                } && super::body::section_title(&line.text).is_none();
                if continues {
                    let last = toc.entries.last_mut().expect("an entry");
                    last.push_str(&clean_text(&line.text));
                } else {
                    break;
                }
            }
            Mark::Plain if toc.entries.is_empty() && !after_blank && str_cols(&line.text) <= 80 => {
                toc.entries.push(clean_text(&line.text));
            }
            _ => break,
        }
        last_cols = line.cols;
        after_blank = false;
        i += 1;
        end = i;
    }
    if toc.entries.is_empty() {
        return (None, start);
    }
    (Some(toc), end)
}

enum FooterLine {
    Email(String),
    Editor(String),
    Reviewer(String),
    Group(String, String),
    Copies(u32),
    Rule,
    Other,
}

fn labelled<'a>(text: &'a str, labels: &[&str]) -> Option<(String, &'a str)> {
    let t = trim(text);
    let (label, rest) = t.split_once(['：', ':'])?;
    let label = squeeze(label);
    labels.iter().find(|l| **l == label).map(|l| (l.to_string(), trim(rest)))
}

fn classify(line: &Line) -> FooterLine {
    if line.mark == Mark::Rule {
        return FooterLine::Rule;
    }
    let t = &line.text;
    if let Some((_, v)) =
        labelled(t, &["信息报送邮箱", "报送邮箱", "投稿邮箱", "来稿邮箱", "电子邮箱", "邮箱"])
    {
        return FooterLine::Email(v.to_string());
    }
    if let Some((_, v)) = labelled(t, &["编辑", "责任编辑"]) {
        return FooterLine::Editor(clean_text(v));
    }
    if let Some((_, v)) = labelled(t, &["审核", "审稿", "签发", "审定"]) {
        return FooterLine::Reviewer(clean_text(v));
    }
    if let Some((label, v)) = labelled(t, DISTRIBUTION_LABELS) {
        return FooterLine::Group(label, clean_text(v));
    }
    if let Some(c) = COPIES.captures(&squeeze(t)) {
        return FooterLine::Copies(c[1].parse().unwrap_or(0));
    }
    FooterLine::Other
}

/// Columns up to the value of a `编辑：…` line: where a wrapped value continues.
fn value_column(line: &Line) -> usize {
    let t = trim(&line.text);
    t.find(['：', ':']).map_or(0, |k| str_cols(&t[..k]) + 2)
}

/// Whether lines `from..` are all footer: contact lines, rules, distribution groups with
/// their recipients, the copies line.
fn footer_tail(lines: &[Line], from: usize) -> bool {
    let mut in_group = false;
    let mut any = false;
    let mut contact_column: Option<usize> = None;
    for line in lines[from..].iter().filter(|l| !l.is_blank()) {
        let kind = classify(line);
        let contact = matches!(kind, FooterLine::Email(_) | FooterLine::Editor(_) | FooterLine::Reviewer(_));
        let continues_contact =
            contact_column.is_some_and(|c| line.lead == Lead::Indent && line.lead_cols == c);
        match kind {
            FooterLine::Group(..) => in_group = true,
            FooterLine::Other if continues_contact => {}
            FooterLine::Other if !in_group => return false,
            FooterLine::Email(_) | FooterLine::Editor(_) | FooterLine::Reviewer(_) if in_group => {
                return false;
            }
            _ => {}
        }
        contact_column = if contact {
            Some(value_column(line))
        } else if continues_contact {
            contact_column
        } else {
            None
        };
        any = true;
    }
    any
}

/// Which contact value of the footer a line sets.
type ContactField = fn(&mut Footer) -> &mut String;

/// The footer and where it starts (`lines.len()` when there is none).
pub fn footer(lines: &[Line], from: usize, width_cols: Option<usize>) -> (Option<Footer>, usize) {
    let starts = |l: &Line| !matches!(classify(l), FooterLine::Other);
    let Some(start) = (from..lines.len()).find(|&k| starts(&lines[k]) && footer_tail(lines, k)) else {
        return (None, lines.len());
    };
    let mut f = Footer::default();
    let mut recipient_lines: Vec<Vec<String>> = Vec::new();
    // The contact line a wrapped line continues, and the column its value starts at.
    let mut contact: Option<(ContactField, usize)> = None;
    for line in lines[start..].iter().filter(|l| !l.is_blank()) {
        let kind = classify(line);
        if let (FooterLine::Other, Some((field, column))) = (&kind, contact)
            && line.lead == Lead::Indent
            && line.lead_cols == column
        {
            field(&mut f).push_str(trim(&line.text));
            continue;
        }
        contact = None;
        let column = value_column(line);
        match kind {
            FooterLine::Email(v) => {
                f.email = v;
                contact = Some((|f| &mut f.email, column));
            }
            FooterLine::Editor(v) => {
                f.editor = v;
                contact = Some((|f| &mut f.editor, column));
            }
            FooterLine::Reviewer(v) => {
                f.reviewer = v;
                contact = Some((|f| &mut f.reviewer, column));
            }
            FooterLine::Copies(n) => f.copies = n,
            FooterLine::Rule => {}
            FooterLine::Group(label, first) => {
                let recipients = if first.is_empty() { Vec::new() } else { vec![first.clone()] };
                recipient_lines = if first.is_empty() { Vec::new() } else { vec![vec![first]] };
                f.distribution.push(Distribution { label, recipients });
            }
            FooterLine::Other => {
                let text = clean_text(&line.text);
                let group = f.distribution.last_mut().expect("recipients follow a label");
                let hang = str_cols(&group.label) + 2;
                // A recipient too long for the line goes on under itself: the next line
                // continues it when wrapping the two together prints these very lines.
                let continues = match (group.recipients.last(), width_cols) {
                    (Some(last), Some(w)) => {
                        let joined = format!("{last}{text}");
                        let printed = crate::layout::wrap(&joined, w, hang, hang);
                        recipient_lines.last().is_some_and(|lines: &Vec<String>| {
                            printed.len() == lines.len() + 1
                                && printed[..lines.len()] == lines[..]
                                && printed[lines.len()] == text
                        })
                    }
                    _ => false,
                };
                if continues {
                    if let Some(last) = group.recipients.last_mut() {
                        last.push_str(&text);
                    }
                    if let Some(lines) = recipient_lines.last_mut() {
                        lines.push(text);
                    }
                } else {
                    group.recipients.push(text.clone());
                    recipient_lines.push(vec![text]);
                }
                continue;
            }
        }
    }
    (Some(f), start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::from_text;

    #[test]
    fn a_masthead_on_separate_lines_as_pdfs_give_it() {
        let lines = from_text(
            "科协每周动态\n\n2023年 第23期\n\n(总第76期)\n\n北京市科协办公室\n\n2023年9月15日\n\n目录提要\n",
        );
        let (m, next) = masthead(&lines, 0);
        let m = m.unwrap();
        assert_eq!((m.title.as_str(), m.year, m.number, m.total), ("科协每周动态", 2023, 23, Some(76)));
        assert_eq!(m.publisher, "北京市科协办公室");
        assert_eq!(m.date, Date::new(2023, 9, 15));
        assert_eq!(lines[next].text, "目录提要");
    }

    #[test]
    fn a_masthead_with_publisher_and_date_on_one_line_and_a_rule() {
        let text = "      科协每周动态\n\n     2026年 第45期\n    （总第318期）\n\n江州市科协办公室          2026年11月20日\n━━━━━━━━━━━━━━━━━━━━━━━━━━━━\n目录提要\n";
        let (m, next) = masthead(&from_text(text), 0);
        let m = m.unwrap();
        assert_eq!(m.publisher, "江州市科协办公室");
        assert_eq!(m.rule, Some(28));
        assert_eq!(next, 7);
    }

    #[test]
    fn no_masthead_in_a_fragment() {
        let lines = from_text("江州市科协召开座谈会\n11月20日，会议在2026年第一次例会上举行。\n");
        assert_eq!(masthead(&lines, 0).0, None);
    }

    #[test]
    fn toc_entries_with_wrapped_continuations() {
        let text = "目录提要\n◆　江州市企业科协工作联盟成立大会暨首届企业科技创新交流\n　　会举行\n◆　学会动态\n\n　　正文";
        let (toc, next) = toc(&from_text(text), 0, Some(56));
        let toc = toc.unwrap();
        assert_eq!(toc.entries, ["江州市企业科协工作联盟成立大会暨首届企业科技创新交流会举行", "学会动态"]);
        assert_eq!(toc.bullet, "◆");
        assert_eq!(next, 4);
    }

    #[test]
    fn the_footer_with_groups_and_wrapped_recipients() {
        let rule = "─".repeat(28);
        let text = format!(
            "　　正文。\n\n信息报送邮箱：kxdt@jzkx.org.cn\n编辑：陈思远\n审核：何立新\n{rule}\n分送：市科协第九届委员会主席、副主席、常委、委员及各专门\n　　　委员会主任委员\n　　　市科协驻会领导\n报：市委办公厅\n{rule}\n               （共印120份）\n"
        );
        let lines = from_text(&text);
        let (f, start) = footer(&lines, 0, Some(56));
        let f = f.unwrap();
        assert_eq!(start, 2);
        assert_eq!(
            (f.email.as_str(), f.editor.as_str(), f.reviewer.as_str(), f.copies),
            ("kxdt@jzkx.org.cn", "陈思远", "何立新", 120)
        );
        assert_eq!(
            f.distribution[0].recipients,
            ["市科协第九届委员会主席、副主席、常委、委员及各专门委员会主任委员", "市科协驻会领导"]
        );
        assert_eq!(f.distribution[1].label, "报");
    }

    #[test]
    fn body_text_that_mentions_editing_is_not_a_footer() {
        let lines = from_text("编辑：张三负责本期。\n　　正文继续。\n");
        assert_eq!(footer(&lines, 0, None).0, None);
    }
}
