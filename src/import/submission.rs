//! A submission as it arrives by e-mail or on a disk: no masthead, no TOC — a header of
//! who sent it perhaps (`报送单位：…`, `联系人：… 电话：…`), a headline (sometimes
//! `标题：…`, in 【】 or 《》, over two lines), a blank line, the paragraphs (one a line,
//! or hard-wrapped by a mail client with each paragraph's first line indented, or
//! separated by blank lines), and the source at the end in one of the office's ways:
//! `（单位）` on its own line or closing the last paragraph, `供稿：单位`, `来源：单位`,
//! `（供稿单位：…）`, or a signature (the unit, then a date). Several items in one file are
//! separated by a line of `---` or `***`.
//!
//! A pure function of the text; what had to be guessed is said (`Guess`), so the editor
//! checks only that.

use super::clean::{clean_text, is_cjk, trim};
use crate::layout::str_zi;
use crate::model::Date;

/// One item read from a submission.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Submission {
    /// Parts joined by `\n` when the headline was written over two lines.
    pub headline: String,
    pub paragraphs: Vec<String>,
    pub sources: Vec<String>,
    /// Contacts and the like from the header (`联系人：王敏 电话：…`), for `notes`.
    pub notes: Vec<String>,
    /// The date of the header or the signature.
    pub received: Option<Date>,
    pub guesses: Vec<Guess>,
}

/// What the reader took without being told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    /// The first line is the headline.
    HeadlineFromFirstLine,
    /// The source comes from the signature at the end.
    SourceFromSignature,
    /// The source comes from the header's 报送单位.
    SourceFromHeader,
    /// No source found.
    NoSource,
}

/// Header fields: the label and what it is for.
const HEADER: [(&str, Field); 12] = [
    ("报送单位", Field::Source),
    ("供稿单位", Field::Source),
    ("来稿单位", Field::Source),
    ("单位", Field::Source),
    ("联系人", Field::Note),
    ("联系电话", Field::Note),
    ("电话", Field::Note),
    ("手机", Field::Note),
    ("邮箱", Field::Note),
    ("审核人", Field::Note),
    ("审核", Field::Note),
    ("日期", Field::Date),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Source,
    Note,
    Date,
}

/// `label：value` with a full- or half-width colon.
fn labelled<'a>(line: &'a str, label: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(label)?;
    let rest = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':'))?;
    Some(trim(rest))
}

fn header_field(line: &str) -> Option<(Field, &str)> {
    let line = trim(line);
    HEADER.iter().find_map(|&(label, field)| labelled(line, label).map(|v| (field, v)))
}

/// A date as offices write it: `2026年11月20日`, `2026-11-20`, `2026.11.20`, `2026/11/20`.
pub fn date(s: &str) -> Option<Date> {
    let s = trim(s).replace([' ', '\u{3000}'], "");
    let s = s.replace(['.', '/'], "-");
    s.parse().ok()
}

/// Whether `text` looks like a submission: no masthead, no TOC, a short first line.
pub fn looks_like(text: &str) -> bool {
    let mut lines = text.lines().map(trim).filter(|l| !l.is_empty());
    let Some(first) = lines.clone().find(|l| header_field(l).is_none()) else { return false };
    let short = str_zi(first) <= 40;
    let has_toc = text.contains("目录提要") || text.contains("内容提要");
    let masthead = text.lines().take(8).any(is_issue_number);
    short && !has_toc && !masthead && lines.nth(1).is_some()
}

/// A masthead's number line: `2026年 第45期` (four digits and 年, then 第, digits and 期).
fn is_issue_number(line: &str) -> bool {
    let t: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    let year = t.windows(5).any(|w| w[..4].iter().all(char::is_ascii_digit) && w[4] == '年');
    let number = t.iter().enumerate().any(|(k, &c)| {
        c == '第' && {
            let digits = t[k + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            digits > 0 && t.get(k + 1 + digits) == Some(&'期')
        }
    });
    year && number
}

fn is_separator(line: &str) -> bool {
    let t = trim(line);
    t.len() >= 3
        && (t.chars().all(|c| c == '-') || t.chars().all(|c| c == '*') || t.chars().all(|c| c == '_'))
}

/// Every submission in `text`.
pub fn read(text: &str) -> Vec<Submission> {
    // A page break means nothing in a submission: a line break.
    let text = text.replace("\r\n", "\n").replace(['\r', '\u{c}'], "\n");
    let mut chunks: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        if is_separator(line) {
            chunks.push(Vec::new());
        } else if let Some(last) = chunks.last_mut() {
            last.push(line);
        }
    }
    // A header at the top of a file speaks for every item in it: an item without its own
    // takes its source (when it names none) and its contacts.
    let mut file_header: Option<(Vec<String>, Vec<String>)> = None;
    let mut out = Vec::new();
    for (mut s, header) in chunks.iter().flat_map(|c| split_items(c)).filter_map(|c| one(&c)) {
        match (&header, &file_header) {
            (Some(h), None) => file_header = Some(h.clone()),
            (None, Some((source, notes))) => {
                if s.sources.is_empty() && !source.is_empty() {
                    s.sources = source.clone();
                    s.guesses.retain(|g| *g != Guess::NoSource);
                    s.guesses.push(Guess::SourceFromHeader);
                }
                if s.notes.is_empty() {
                    s.notes = notes.clone();
                }
            }
            _ => {}
        }
        out.push(s);
    }
    out
}

/// A subheading inside a text (`一、`, `（二）`, `3.`, `第一`), never a new item.
fn is_subheading(s: &str) -> bool {
    let s = trim(s);
    let first = s.chars().next().unwrap_or(' ');
    "一二三四五六七八九十".contains(first) && s.chars().nth(1).is_some_and(|c| matches!(c, '、' | '是'))
        || s.starts_with(['（', '('])
        || first.is_ascii_digit()
        || s.starts_with('第')
}

/// Items in one run of text without separators: after an item's text, a headline-like
/// line between blank lines (short, not ending a sentence, followed by text) starts the
/// next one.
fn split_items<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    let mut text_seen = 0; // non-blank lines since the current item's first
    for (i, line) in lines.iter().enumerate() {
        let t = trim(line);
        let blank_before = i == 0 || trim(lines[i - 1]).is_empty();
        let blank_after = lines.get(i + 1).is_some_and(|l| trim(l).is_empty());
        let text_after = lines[i + 1..].iter().any(|l| !trim(l).is_empty());
        // Two or more blank lines before a short line: a new item even when its text
        // follows without a blank line.
        let blanks_before = lines[..i].iter().rev().take_while(|l| trim(l).is_empty()).count();
        let headline = !t.is_empty()
            && blank_before
            && (blank_after || blanks_before >= 2)
            && text_after
            // A signature (the unit, then a date) is no headline.
            && lines[i + 1..].iter().find(|l| !trim(l).is_empty()).is_none_or(|l| date(l).is_none())
            && str_zi(t) <= 40
            && !ends_sentence(t)
            && !t.ends_with(['）', ')'])
            && header_field(t).is_none()
            && !is_subheading(t)
            && date(t).is_none();
        if headline && text_seen >= 2 {
            out.push(Vec::new());
            text_seen = 0;
        }
        if !t.is_empty() && header_field(t).is_none() {
            text_seen += 1;
        }
        if let Some(last) = out.last_mut() {
            last.push(line);
        }
    }
    out
}

fn ends_sentence(s: &str) -> bool {
    let s = trim(s);
    // `……。（单位）`: the sentence ends before the source.
    if s.ends_with(['）', ')'])
        && let Some(open) = s.rfind(['（', '('])
        && open > 0
        && ends_sentence(&s[..open])
    {
        return true;
    }
    let mut rev = s.chars().rev().skip_while(|c| matches!(c, '”' | '’' | '）' | ')' | '」'));
    matches!(rev.next(), Some('。' | '！' | '？' | '!' | '?' | '；' | '…'))
}

/// Leading spaces of a line, in columns (a full-width space counts two).
fn indent(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| {
            if c == '\u{3000}' {
                2
            } else if c == '\t' {
                4
            } else {
                1
            }
        })
        .sum()
}

/// Join hard-wrapped lines: Chinese runs directly, Latin words with a space.
fn join(lines: &[&str]) -> String {
    let mut out = String::new();
    for l in lines {
        let l = trim(l);
        if let (Some(a), Some(b)) = (out.chars().last(), l.chars().next())
            && a.is_ascii_alphanumeric()
            && b.is_ascii_alphanumeric()
        {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// The paragraphs of a body, from its lines.
///
/// Blank lines always end a paragraph. Inside a run of lines: when some lines are
/// indented and others not, an indented line starts a paragraph (a mail client's wrap
/// leaves the continuations flush left); when the lines are of nearly one length and most
/// do not end a sentence, they are a hard wrap, and a short line ending a sentence ends a
/// paragraph; otherwise each line is a paragraph.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for block in lines.split(|l| trim(l).is_empty()).filter(|b| !b.is_empty()) {
        let indented = block.iter().filter(|l| indent(l) >= 2).count();
        let zi: Vec<usize> = block.iter().map(|l| str_zi(trim(l))).collect();
        let longest = zi.iter().copied().max().unwrap_or(0);
        let full = zi.iter().filter(|&&z| z + 2 >= longest).count();
        let open = block.iter().filter(|l| !ends_sentence(l)).count();
        let wrapped = block.len() >= 2
            && full * 2 >= block.len()
            && open * 2 >= block.len().saturating_sub(1)
            && open > 0;
        let mut current: Vec<&str> = Vec::new();
        for (k, line) in block.iter().enumerate() {
            if 0 < indented && indented < block.len() {
                if indent(line) >= 2 && !current.is_empty() {
                    out.push(join(&current));
                    current.clear();
                }
                current.push(line);
                continue;
            }
            current.push(line);
            let ends = !wrapped || (ends_sentence(line) && zi[k] + 2 < longest);
            if ends {
                out.push(join(&current));
                current.clear();
            }
        }
        if !current.is_empty() {
            out.push(join(&current));
        }
    }
    out.into_iter().map(|p| clean_text(&p)).filter(|p| !p.is_empty()).collect()
}

/// Units in a source: `A、B`, `A，B`, `A；B`.
fn units(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', '；', ';']).map(|u| trim(u).to_string()).filter(|u| !u.is_empty()).collect()
}

/// A unit's name: short, no sentence marks.
fn is_unit(s: &str) -> bool {
    let s = trim(s);
    !s.is_empty() && str_zi(s) <= 40 && !s.contains(['。', '！', '？', '：', ':']) && s.chars().any(is_cjk)
}

/// `（单位）` or `（供稿单位：单位）` → the units inside.
fn bracketed_source(s: &str) -> Option<Vec<String>> {
    let inner = trim(s).strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    let inner =
        ["供稿单位", "供稿", "来源", "报送单位"].iter().find_map(|l| labelled(inner, l)).unwrap_or(inner);
    is_unit(inner).then(|| units(inner))
}

/// One item, and the header it had (its source units and its notes), if any.
type Header = (Vec<String>, Vec<String>);

fn one(lines: &[&str]) -> Option<(Submission, Option<Header>)> {
    let mut s = Submission::default();
    let mut lines: Vec<&str> = lines.to_vec();
    while lines.first().is_some_and(|l| trim(l).is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| trim(l).is_empty()) {
        lines.pop();
    }
    // The header: labelled lines before the headline (a line may hold two: 联系人 and 电话).
    let mut header_source: Vec<String> = Vec::new();
    let mut had_header = false;
    while let Some(first) = lines.first() {
        let t = trim(first);
        if t.is_empty() {
            lines.remove(0);
            continue;
        }
        let Some((field, value)) = header_field(t) else { break };
        had_header = true;
        match field {
            Field::Source => header_source = units(value),
            Field::Date => s.received = date(value),
            Field::Note => s.notes.push(clean_text(&t.split_whitespace().collect::<Vec<_>>().join(" "))),
        }
        lines.remove(0);
    }
    let first = trim(lines.first()?).to_string();
    // The headline: the first line, without the sender's wrapping; a second short line
    // before the blank one continues it.
    let mut headline = first.clone();
    let mut marked = false;
    for label in ["标题", "题目"] {
        if let Some(rest) = labelled(&headline, label) {
            headline = rest.to_string();
            marked = true;
        }
    }
    for (open, close) in [('【', '】'), ('《', '》')] {
        if headline.starts_with(open) && headline.ends_with(close) && headline.matches(open).count() == 1 {
            headline = headline[open.len_utf8()..headline.len() - close.len_utf8()].to_string();
        }
    }
    let mut body_start = 1;
    // 【…】 or 《…》 around a headline over two lines.
    for (open, close) in [('【', '】'), ('《', '》')] {
        if let Some(second) = lines.get(1).map(|l| trim(l))
            && headline.starts_with(open)
            && !headline.contains(close)
            && second.ends_with(close)
            && !second.contains(open)
            && str_zi(second) <= 30
        {
            let first = &headline[open.len_utf8()..];
            headline = format!("{first}\n{}", &second[..second.len() - close.len_utf8()]);
            body_start = 2;
        }
    }
    if let (Some(second), Some(third)) = (lines.get(1).filter(|_| body_start == 1), lines.get(2)) {
        let second = trim(second);
        if !second.is_empty()
            && trim(third).is_empty()
            && indent(lines[1]) < 2
            && str_zi(second) <= 30
            && str_zi(&headline) <= 30
            && !ends_sentence(&headline)
            && !ends_sentence(second)
        {
            headline = format!("{headline}\n{second}");
            body_start = 2;
        }
    }
    s.headline = clean_text(&headline);
    if !marked {
        s.guesses.push(Guess::HeadlineFromFirstLine);
    }
    let mut body: Vec<&str> = lines[body_start..].to_vec();

    // Contacts after the text (`联系人：… 电话：…` under the source): notes, as in a header.
    while let Some(k) = body.iter().rposition(|l| !trim(l).is_empty()) {
        let t = trim(body[k]);
        match header_field(t) {
            Some((Field::Note, _)) => {
                s.notes.insert(0, clean_text(&t.split_whitespace().collect::<Vec<_>>().join(" ")))
            }
            Some((Field::Date, value)) if date(value).is_some() => s.received = s.received.or(date(value)),
            _ => break,
        }
        body.truncate(k);
    }
    // The source at the end.
    let last_text = |body: &Vec<&str>| body.iter().rposition(|l| !trim(l).is_empty());
    if let Some(k) = last_text(&body) {
        let line = trim(body[k]);
        let labelled_source = ["供稿", "来源", "供稿单位", "报送单位"].iter().find_map(|l| labelled(line, l));
        if let Some(v) = labelled_source.filter(|v| is_unit(v)) {
            s.sources = units(v);
            body.truncate(k);
        } else if let Some(units) = bracketed_source(line) {
            s.sources = units;
            body.truncate(k);
        } else if let Some(d) = date(line) {
            // A signature: the unit on the line before the date.
            let unit = body[..k].iter().rposition(|l| !trim(l).is_empty());
            if let Some(u) = unit.filter(|&u| is_unit(body[u]) && !ends_sentence(body[u])) {
                s.sources = units(trim(body[u]));
                s.received = s.received.or(Some(d));
                s.guesses.push(Guess::SourceFromSignature);
                body.truncate(u);
            }
        }
    }
    let mut paragraphs = paragraphs(&body);
    // `（单位A、单位B）` closing the last paragraph.
    if s.sources.is_empty()
        && let Some(last) = paragraphs.last_mut()
        && let Some(open) = last.rfind('（')
        && last.ends_with('）')
        && let Some(units) = bracketed_source(&last[open..])
        && open > 0
        && ends_sentence(&last[..open])
    {
        s.sources = units;
        last.truncate(open);
    }
    let header_source_kept = header_source.clone();
    if s.sources.is_empty() && !header_source.is_empty() {
        s.sources = header_source;
        s.guesses.push(Guess::SourceFromHeader);
    }
    if s.sources.is_empty() {
        s.guesses.push(Guess::NoSource);
    }
    s.paragraphs = paragraphs;
    let header = had_header.then(|| (header_source_kept, s.notes.clone()));
    (!s.headline.is_empty()).then_some((s, header))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_one(text: &str) -> Submission {
        let mut all = read(text);
        assert_eq!(all.len(), 1, "{all:#?}");
        all.remove(0)
    }

    #[test]
    fn headline_blank_line_and_indented_paragraphs() {
        let s = read_one(
            "江州市科协举办科技工作者座谈会\n\n　　11月18日，市科协召开座谈会，听取一线科技工作者意见建议。\n　　会议由市科协副主席主持，20余名代表参加。\n（市科协组织人事部）\n",
        );
        assert_eq!(s.headline, "江州市科协举办科技工作者座谈会");
        assert_eq!(
            s.paragraphs,
            [
                "11月18日，市科协召开座谈会，听取一线科技工作者意见建议。",
                "会议由市科协副主席主持，20余名代表参加。"
            ]
        );
        assert_eq!(s.sources, ["市科协组织人事部"]);
    }

    #[test]
    fn a_mail_client_hard_wrap_is_joined_and_indents_start_paragraphs() {
        let s = read_one(
            "云溪区开展青少年科学调查体验活动\n\n    10月以来，云溪区科协联合区教育局在全区中小学开展青少年科学调查\n体验活动，组织学生围绕垃圾分类、节约用水等主题开展调查。\n    活动共吸引3200余名学生参与，形成调查报告460份。\n供稿：云溪区科协\n",
        );
        assert_eq!(s.paragraphs.len(), 2, "{:?}", s.paragraphs);
        assert!(s.paragraphs[0].ends_with("等主题开展调查。"));
        assert!(
            s.paragraphs[0].contains("青少年科学调查体验活动，组织"),
            "the wrap is joined: {:?}",
            s.paragraphs[0]
        );
        assert_eq!(s.sources, ["云溪区科协"]);
    }

    #[test]
    fn the_header_gives_source_and_notes_never_body() {
        let s = read_one(
            "报送单位：江州市农学会\n联系人：王敏 电话：0571-8888 1234\n日期：2026年11月20日\n\n标题：【农学会举办稻田综合种养技术培训】\n\n　　11月19日，市农学会在东湖镇举办技术培训班。\n",
        );
        assert_eq!(s.headline, "农学会举办稻田综合种养技术培训");
        assert_eq!(s.sources, ["江州市农学会"]);
        assert_eq!(s.notes, ["联系人：王敏 电话：0571-8888 1234"]);
        assert_eq!(s.received, Date::new(2026, 11, 20));
        assert!(s.paragraphs.iter().all(|p| !p.contains("联系人")));
        assert!(s.guesses.contains(&Guess::SourceFromHeader));
    }

    #[test]
    fn a_signature_gives_source_and_date() {
        let s = read_one(
            "江州市航空学会开展无人机科普进校园活动\n\n　　11月以来，学会组织专家走进8所中小学。\n\n　　　　　　　　江州市航空学会\n　　　　　　　　2026年11月21日\n",
        );
        assert_eq!(s.sources, ["江州市航空学会"]);
        assert_eq!(s.received, Date::new(2026, 11, 21));
        assert_eq!(s.paragraphs, ["11月以来，学会组织专家走进8所中小学。"]);
        assert!(s.guesses.contains(&Guess::SourceFromSignature));
    }

    #[test]
    fn sources_closing_the_last_paragraph_and_in_brackets_with_a_label() {
        let s = read_one(
            "市科协开展科技志愿服务\n\n服务覆盖12个乡镇，受益群众3000余人。（市科协科普部、江州市农学会）\n",
        );
        assert_eq!(s.sources, ["市科协科普部", "江州市农学会"]);
        assert_eq!(s.paragraphs, ["服务覆盖12个乡镇，受益群众3000余人。"]);
        let s = read_one("市科协开展科技志愿服务\n\n服务覆盖12个乡镇。\n（供稿单位：市科协科普部）\n");
        assert_eq!(s.sources, ["市科协科普部"]);
    }

    #[test]
    fn two_line_headline_and_blank_separated_paragraphs() {
        let s = read_one(
            "《江州市科协与江州理工大学共建\n科技成果转化服务站》\n\n第一段内容在此。\n\n第二段内容在此。\n\n来源：市科协企业工作部\n",
        );
        // The sender's 《》 around a headline over two lines go, as around one line.
        assert_eq!(s.headline, "江州市科协与江州理工大学共建\n科技成果转化服务站");
        assert_eq!(s.paragraphs, ["第一段内容在此。", "第二段内容在此。"]);
        assert_eq!(s.sources, ["市科协企业工作部"]);
    }

    #[test]
    fn several_items_separated_by_rules() {
        let all =
            read("甲单位开展活动\n\n内容一。\n（甲单位）\n---\n乙单位开展活动\n\n内容二。\n（乙单位）\n");
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].headline, "乙单位开展活动");
        assert_eq!(all[1].sources, ["乙单位"]);
    }

    #[test]
    fn a_short_line_between_blank_lines_after_an_item_starts_the_next() {
        let all = read(
            "甲单位开展科普活动\n\n活动覆盖全区。\n\n一、基本情况\n\n共举办12场。（甲单位）\n\n乙单位召开年会\n\n年会于11月举行。\n\n（乙单位）\n",
        );
        assert_eq!(all.len(), 2, "{all:#?}");
        assert_eq!(all[0].paragraphs, ["活动覆盖全区。", "一、基本情况", "共举办12场。"]);
        assert_eq!(all[0].sources, ["甲单位"]);
        assert_eq!(all[1].headline, "乙单位召开年会");
        assert_eq!(all[1].sources, ["乙单位"]);
    }

    #[test]
    fn page_breaks_are_line_breaks_and_never_reach_a_field() {
        let all = read("甲单位开展活动\u{c}\n\n内容一。\u{c}内容二。\n（甲单位）\n");
        for s in &all {
            for f in std::iter::once(&s.headline).chain(&s.paragraphs).chain(&s.sources) {
                assert!(!f.contains('\u{c}'), "{f:?}");
            }
        }
        assert_eq!(all[0].paragraphs, ["内容一。", "内容二。"]);
    }

    #[test]
    fn crlf_and_a_masthead_are_told_apart() {
        assert!(looks_like("江州市科协召开座谈会\r\n\r\n　　正文。\r\n"));
        assert!(!looks_like("科协每周动态\n\n2026年 第45期\n目录提要\n"));
        assert!(!looks_like("科协每周动态\n\n2026 年第 9 期\n（总第16期）\n"));
        assert!(
            looks_like("市科协举办第5期青年科技论坛\n\n　　11月20日，论坛举行。\n"),
            "a headline with 第N期 is no masthead"
        );
        let s = read_one("江州市科协召开座谈会\r\n\r\n　　正文。\r\n");
        assert_eq!(s.paragraphs, ["正文。"]);
    }
}
