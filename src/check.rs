//! Preflight (`jianbao check`): findings as data — severity, place, what is wrong — and
//! their wording in Chinese or English.

use std::collections::HashMap;

use crate::export::text::front_matter_lines;
use crate::lang::Lang;
use crate::model::{Issue, Item, Numbering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a finding is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Issue,
    /// A section, by index and bare title ("" for the untitled lead section).
    Section(usize, String),
    /// An item, by headline (or id when the headline is empty).
    Item {
        id: String,
        headline: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    DuplicateId(String),
    DuplicateHeadline,
    EmptySection,
    /// The numbers this issue should carry after the previous one in the workspace.
    Numbering {
        expected: String,
        found: String,
        previous: String,
    },
    DateNotAfterPrevious {
        previous: String,
    },
    YearNotDateYear,
    /// A quote, bracket or 书名号 without its partner, in a field (and paragraph).
    Unbalanced {
        field: Field,
        mark: char,
    },
    EmptyHeadline,
    EmptyBody,
    NoSources,
    /// The item still carries an editor's note (its first line): 发稿前 it is usually
    /// something to settle.
    Note(String),
    LongItem {
        zi: usize,
    },
    LongToc {
        lines: usize,
        page: usize,
    },
    /// Another issue file of the workspace could not be read, so the numbering was
    /// checked without it.
    SiblingUnreadable {
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Headline,
    TocTitle,
    Body(usize),
    Sources,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub place: Place,
    pub problem: Problem,
}

/// An item longer than this (字) is worth a second look.
pub const LONG_ITEM_ZI: usize = 3000;
/// The page length assumed when the layout does not paginate.
const DEFAULT_PAGE_LINES: usize = 22;

/// How many of `findings` are errors (the rest are warnings).
pub fn error_count(findings: &[Finding]) -> usize {
    findings.iter().filter(|f| f.severity == Severity::Error).count()
}

/// Check `issue`; `previous` is the numbering of the issue it follows in its workspace.
pub fn check(issue: &Issue, previous: Option<&Numbering>) -> Vec<Finding> {
    let mut out = Vec::new();
    numbering(issue, previous, &mut out);
    sections(issue, &mut out);
    items(issue, &mut out);
    toc_length(issue, &mut out);
    out.sort_by_key(|f| f.severity);
    out
}

fn finding(severity: Severity, place: Place, problem: Problem) -> Finding {
    Finding { severity, place, problem }
}

fn item_place(item: &Item) -> Place {
    Place::Item { id: item.id.clone(), headline: item.headline_line() }
}

fn describe(n: &Numbering) -> String {
    format!("{}年第{}期 总第{}期", n.year, n.number, n.total)
}

fn numbering(issue: &Issue, previous: Option<&Numbering>, out: &mut Vec<Finding>) {
    let n = issue.numbering;
    if i32::from(n.year) != i32::from(n.date.year()) {
        out.push(finding(Severity::Error, Place::Issue, Problem::YearNotDateYear));
    }
    let Some(&p) = previous else { return };
    let expected_number = if n.year == p.year { p.number + 1 } else { 1 };
    if n.number != expected_number || n.total != p.total + 1 {
        let expected = Numbering { number: expected_number, total: p.total + 1, ..n };
        out.push(finding(
            Severity::Error,
            Place::Issue,
            Problem::Numbering { expected: describe(&expected), found: describe(&n), previous: describe(&p) },
        ));
    }
    if n.date <= p.date {
        out.push(finding(
            Severity::Error,
            Place::Issue,
            Problem::DateNotAfterPrevious { previous: p.date.chinese() },
        ));
    }
}

fn sections(issue: &Issue, out: &mut Vec<Finding>) {
    for (k, section) in issue.sections.iter().enumerate() {
        if section.items.is_empty() {
            out.push(finding(
                Severity::Error,
                Place::Section(k, section.bare_title().into()),
                Problem::EmptySection,
            ));
        }
    }
}

fn items(issue: &Issue, out: &mut Vec<Finding>) {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut headlines: HashMap<String, usize> = HashMap::new();
    for item in issue.items() {
        let place = || item_place(item);
        *ids.entry(item.id.as_str()).or_default() += 1;
        if ids[item.id.as_str()] == 2 {
            out.push(finding(Severity::Error, place(), Problem::DuplicateId(item.id.clone())));
        }
        let headline = item.headline_line();
        if headline.is_empty() {
            out.push(finding(Severity::Error, place(), Problem::EmptyHeadline));
        } else {
            let seen = headlines.entry(headline).or_default();
            *seen += 1;
            if *seen == 2 {
                out.push(finding(Severity::Error, place(), Problem::DuplicateHeadline));
            }
        }
        if item.paragraphs().next().is_none() {
            out.push(finding(Severity::Error, place(), Problem::EmptyBody));
        }
        let mut fields: Vec<(Field, &str)> =
            vec![(Field::Headline, &item.headline), (Field::TocTitle, &item.toc_title)];
        fields.extend(item.paragraphs().enumerate().map(|(k, p)| (Field::Body(k + 1), p)));
        for source in &item.sources {
            fields.push((Field::Sources, source));
        }
        if let Some((field, mark)) = first_unbalanced(&fields) {
            out.push(finding(Severity::Error, place(), Problem::Unbalanced { field, mark }));
        }
        if item.source_list().next().is_none() {
            out.push(finding(Severity::Warning, place(), Problem::NoSources));
        }
        if let Some(note) = item.notes.lines().map(str::trim).find(|l| !l.is_empty()) {
            out.push(finding(Severity::Warning, place(), Problem::Note(note.to_string())));
        }
        let zi = item.zi_count();
        if zi > LONG_ITEM_ZI {
            out.push(finding(Severity::Warning, place(), Problem::LongItem { zi }));
        }
    }
}

const PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('‘', '’'),
    ('（', '）'),
    ('【', '】'),
    ('《', '》'),
    ('「', '」'),
    ('『', '』'),
    ('〔', '〕'),
    ('〈', '〉'),
    ('(', ')'),
    ('[', ']'),
];

/// The first mark without its partner. The body is read as one text, so a quotation may
/// run over several paragraphs; the finding names the paragraph where the stray mark is.
fn first_unbalanced(fields: &[(Field, &str)]) -> Option<(Field, char)> {
    let mut stack: Vec<(Field, char)> = Vec::new();
    let mut previous_kind: Option<Field> = None;
    for &(field, text) in fields {
        let same_text = matches!((previous_kind, field), (Some(Field::Body(_)), Field::Body(_)));
        if !same_text {
            if let Some(&unclosed) = stack.first() {
                return Some(unclosed);
            }
            stack.clear();
        }
        previous_kind = Some(field);
        for c in text.chars() {
            if PAIRS.iter().any(|&(open, _)| open == c) {
                stack.push((field, c));
            } else if let Some(&(open, _)) = PAIRS.iter().find(|&&(_, close)| close == c) {
                match stack.last() {
                    Some(&(_, top)) if top == open => {
                        stack.pop();
                    }
                    _ => return Some((field, c)),
                }
            }
        }
    }
    stack.first().copied()
}

fn toc_length(issue: &Issue, out: &mut Vec<Finding>) {
    let page = match issue.layout.lines_per_page {
        0 => DEFAULT_PAGE_LINES,
        n => n as usize,
    };
    let width = if issue.layout.width == 0 { 28 } else { issue.layout.width };
    let lines = front_matter_lines(issue, width);
    if lines > page {
        out.push(finding(Severity::Warning, Place::Issue, Problem::LongToc { lines, page }));
    }
}

impl Finding {
    /// One line: severity, place, problem.
    pub fn message(&self, lang: Lang) -> String {
        let severity = match self.severity {
            Severity::Error => lang.pick("错误", "error"),
            Severity::Warning => lang.pick("警告", "warning"),
        };
        let place = match &self.place {
            Place::Issue => lang.pick("本期", "issue").to_string(),
            Place::Section(k, t) if t.is_empty() => match lang {
                Lang::Zh => format!("第{}个栏目（无标题）", k + 1),
                Lang::En => format!("section {} (untitled)", k + 1),
            },
            Place::Section(_, t) => format!("【{t}】"),
            Place::Item { id, headline } if headline.is_empty() => {
                format!("{} {id}", lang.pick("稿件", "item"))
            }
            Place::Item { headline, .. } => format!("“{headline}”"),
        };
        let sep = lang.pick("：", ": ");
        format!("{severity}{sep}{place}{sep}{}", self.problem.describe(lang))
    }
}

impl Field {
    fn describe(self, lang: Lang) -> String {
        match (self, lang) {
            (Field::Headline, Lang::Zh) => "标题".into(),
            (Field::Headline, Lang::En) => "headline".into(),
            (Field::TocTitle, Lang::Zh) => "目录标题".into(),
            (Field::TocTitle, Lang::En) => "TOC title".into(),
            (Field::Body(k), Lang::Zh) => format!("正文第{k}段"),
            (Field::Body(k), Lang::En) => format!("paragraph {k}"),
            (Field::Sources, Lang::Zh) => "来源".into(),
            (Field::Sources, Lang::En) => "sources".into(),
        }
    }
}

impl Problem {
    fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::DuplicateId(id), Lang::Zh) => format!("编号 {id} 重复"),
            (Problem::DuplicateId(id), Lang::En) => format!("duplicate id {id}"),
            (Problem::DuplicateHeadline, Lang::Zh) => "标题与本期另一篇稿件重复".into(),
            (Problem::DuplicateHeadline, Lang::En) => "the same headline appears twice in this issue".into(),
            (Problem::EmptySection, Lang::Zh) => "栏目中没有稿件".into(),
            (Problem::EmptySection, Lang::En) => "the section has no items".into(),
            (Problem::Numbering { expected, found, previous }, Lang::Zh) => {
                format!("期号为{found}，接续上一期（{previous}）应为{expected}")
            }
            (Problem::Numbering { expected, found, previous }, Lang::En) => {
                format!("numbered {found}, but after the previous issue ({previous}) it should be {expected}")
            }
            (Problem::DateNotAfterPrevious { previous }, Lang::Zh) => {
                format!("日期不晚于上一期（{previous}）")
            }
            (Problem::DateNotAfterPrevious { previous }, Lang::En) => {
                format!("the date is not after the previous issue's ({previous})")
            }
            (Problem::YearNotDateYear, Lang::Zh) => "年份与出刊日期不符".into(),
            (Problem::YearNotDateYear, Lang::En) => "the year does not match the date".into(),
            (Problem::Unbalanced { field, mark }, Lang::Zh) => {
                format!("{}中的“{mark}”没有配对", field.describe(lang))
            }
            (Problem::Unbalanced { field, mark }, Lang::En) => {
                format!("unpaired {mark} in the {}", field.describe(lang))
            }
            (Problem::EmptyHeadline, Lang::Zh) => "标题为空".into(),
            (Problem::EmptyHeadline, Lang::En) => "the headline is empty".into(),
            (Problem::EmptyBody, Lang::Zh) => "正文为空".into(),
            (Problem::EmptyBody, Lang::En) => "the body is empty".into(),
            (Problem::NoSources, Lang::Zh) => "没有注明来源单位".into(),
            (Problem::NoSources, Lang::En) => "no source unit".into(),
            (Problem::Note(note), Lang::Zh) => format!("还有备注未处理：“{note}”"),
            (Problem::Note(note), Lang::En) => format!("a note is left on it: “{note}”"),
            (Problem::LongItem { zi }, Lang::Zh) => format!("篇幅较长（{zi}字，超过{LONG_ITEM_ZI}字）"),
            (Problem::LongItem { zi }, Lang::En) => format!("very long ({zi} 字, more than {LONG_ITEM_ZI})"),
            (Problem::LongToc { lines, page }, Lang::Zh) => {
                format!("报头和目录共{lines}行，超过第一页的{page}行")
            }
            (Problem::LongToc { lines, page }, Lang::En) => {
                format!("the masthead and TOC take {lines} lines, more than the first page's {page}")
            }
            (Problem::SiblingUnreadable { reason }, Lang::Zh) => {
                format!("未能读取同一工作区的另一期，期号核对未包括它（{reason}）")
            }
            (Problem::SiblingUnreadable { reason }, Lang::En) => {
                format!("numbering checked without another issue that could not be read ({reason})")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Item, Profile};

    #[test]
    fn a_note_left_on_an_item_is_a_warning_naming_it_in_both_languages() {
        let profile = Profile {
            format: 1,
            publication: Default::default(),
            layout: Default::default(),
            footer: Default::default(),
            print: Default::default(),
        };
        let mut issue = Issue::first(&profile, Date::new(2026, 11, 20).unwrap());
        let mut item = Item::new("2026-11-20-a01", "江州市科协召开座谈会");
        item.body = "正文。\n".into();
        item.sources = vec!["市科协办公室".into()];
        item.notes = "\n来源单位待确认，发稿前补上\n第二行".into();
        issue.sections[0].items.push(item);
        let found: Vec<_> =
            check(&issue, None).into_iter().filter(|f| matches!(f.problem, Problem::Note(_))).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        let zh = found[0].message(Lang::Zh);
        assert!(
            zh.contains("江州市科协召开座谈会")
                && zh.contains("还有备注未处理：“来源单位待确认，发稿前补上”"),
            "{zh}"
        );
        assert!(found[0].message(Lang::En).contains("a note is left on it"));
        issue.sections[0].items[0].notes = "  \n".into();
        assert!(
            check(&issue, None).iter().all(|f| !matches!(f.problem, Problem::Note(_))),
            "a blank note is no note"
        );
    }
}
