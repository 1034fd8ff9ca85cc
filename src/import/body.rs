//! The body of an issue (or a fragment): physical lines are re-flowed into blocks, and the
//! blocks become sections, 专栏 headings and items with headline, paragraphs and sources.

use super::clean::{clean_text, is_cjk, trim};
use super::lines::{Lead, Line, Mark, is_centred};
use super::regions::squeeze;
use crate::layout::{first_piece_cols, str_cols, wrap_balanced};
use crate::model::{HeadlineStyle, SourcePlacement};

/// What a block looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Centred, or marked as a heading by the source.
    Heading,
    /// Starts with a paragraph indent.
    Para,
    /// Flush left: a paragraph or a headline, to be told by its shape.
    Plain,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    pub kind: Kind,
    /// A blank line before it.
    pub gap: bool,
    /// The physical lines it was made of (for a headline's chosen breaks).
    pub lines: Vec<String>,
    pub strong_lead: Option<String>,
    /// It opens a page (a blank line before it may have been dropped there).
    pub page_top: bool,
    /// It was centred (padded), not flush left.
    pub centred: bool,
}

/// End marks of a sentence (and of a paragraph).
fn ends_sentence(text: &str) -> bool {
    let t = trim(text).trim_end_matches(['”', '’', '」', '』', '）', ')', '"']);
    t.ends_with(['。', '！', '？', '…', '；', '!', '?', '.'])
}

/// Join two physical lines of one paragraph: Chinese runs on, two Western words keep the
/// space a break dropped.
fn join(a: &mut String, b: &str) {
    if a.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        a.push(' ');
    }
    a.push_str(b);
}

/// How the body's lines are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    /// Paragraphs start with an indent (our export, most Word-to-text copies).
    Indented,
    /// Hard-wrapped to a fixed width, no indents (text out of a PDF).
    Wrapped(usize),
    /// One paragraph a line.
    PerLine,
    /// Markdown or Word: each line is already a block.
    Logical,
}

fn flow(lines: &[Line], logical: bool, width_cols: Option<usize>) -> Flow {
    if logical {
        return Flow::Logical;
    }
    if lines.iter().any(|l| !l.is_blank() && l.mark == Mark::Plain && l.lead == Lead::Indent) {
        return Flow::Indented;
    }
    match width_cols.filter(|&w| hard_wrapped(lines, w)).or_else(|| wrapped_width(lines)) {
        Some(w) => Flow::Wrapped(w),
        None => Flow::PerLine,
    }
}

/// Whether most long lines end within a few columns of `width`.
fn hard_wrapped(lines: &[Line], width: usize) -> bool {
    let long: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank() && l.mark == Mark::Plain)
        .map(|l| l.cols)
        .filter(|&c| c >= 30)
        .collect();
    let near = long.iter().filter(|&&c| c + 6 >= width && c <= width + 2).count();
    width > 0 && width <= 160 && long.len() >= 4 && near * 2 >= long.len()
}

/// The width text was hard-wrapped at (its most common long-line width), if it was.
pub fn wrapped_width(lines: &[Line]) -> Option<usize> {
    let mut counts = std::collections::HashMap::new();
    for l in lines.iter().filter(|l| !l.is_blank() && l.mark == Mark::Plain && l.cols >= 30) {
        *counts.entry(l.cols / 2).or_insert(0usize) += 1;
    }
    let width = counts.into_iter().max_by_key(|&(w, n)| (n, w)).map(|(w, _)| w * 2)?;
    hard_wrapped(lines, width).then_some(width)
}

/// Re-flow physical lines into blocks.
pub fn blocks(lines: &[Line], logical: bool, width_cols: Option<usize>) -> Vec<Block> {
    let flow = flow(lines, logical, width_cols);
    let mut out: Vec<Block> = Vec::new();
    let mut gap = false;
    let mut open = false; // the last block may take more lines
    let mut last_cols = 0;
    let mut last_page = 0;
    for (k, line) in lines.iter().enumerate() {
        if line.is_blank() || line.mark == Mark::Rule {
            gap = true;
            open = false;
            continue;
        }
        let text = line.text.clone();
        // The first unbreakable piece may run on into the next line (a word glued to the
        // marks that open it).
        let piece = match lines.get(k + 1).filter(|n| !n.is_blank()) {
            Some(next) => first_piece_cols(&format!("{text}{}", next.text))
                .min(str_cols(&text) + 1 + str_cols(&next.text)),
            None => first_piece_cols(&text),
        };
        // Centred: padded by half the slack of the known width; without one, deeply padded.
        let centred = match flow {
            Flow::Logical => line.mark == Mark::Heading || line.lead == Lead::Centred,
            _ => is_centred(line, width_cols),
        };
        // Where paragraphs are indented, a flush line either continues the paragraph above
        // (its first piece did not fit on that line: a greedy breaker moved it down) or is
        // a heading as wide as the text, which needs no padding.
        let flush_in_indented = flow == Flow::Indented && line.lead == Lead::None && !centred;
        let fits_above = width_cols.is_some_and(|w| last_cols + piece <= w);
        let after_heading = out.last().is_some_and(|b| b.kind == Kind::Heading);
        // Opening a page (where a blank line above may have been dropped), a full line
        // followed straight by a centred one is a heading: text never runs into a heading.
        let next_centred = line.page != last_page
            && lines.get(k + 1).is_some_and(|n| !n.is_blank() && is_centred(n, width_cols));
        let wide_heading = flush_in_indented
            && ((gap || !open || after_heading || fits_above)
                && (!after_heading || gap || width_cols.is_some_and(|w| line.cols + 1 >= w))
                || (next_centred && width_cols.is_some_and(|w| line.cols + 1 >= w)));
        let kind = if centred || wide_heading {
            Kind::Heading
        } else if line.lead == Lead::Indent {
            Kind::Para
        } else {
            Kind::Plain
        };
        let continues = match (flow, out.last()) {
            (Flow::Logical | Flow::PerLine, _) | (_, None) => false,
            (_, Some(_)) if gap || !open => false,
            (_, Some(prev)) if kind == Kind::Heading => prev.kind == Kind::Heading,
            (_, Some(prev)) if prev.kind == Kind::Heading => false,
            (Flow::Indented, _) => kind == Kind::Plain && (width_cols.is_none() || !fits_above),
            // Text out of a PDF lost the indent of paragraphs' first lines (2 字): a line
            // one indent short after a sentence that filled the line opens a paragraph, and
            // a line ending with the sources ends the item.
            (Flow::Wrapped(w), Some(prev)) => {
                let last_line = prev.lines.last().map_or("", String::as_str);
                let sentence_filled =
                    ends_sentence(last_line) && last_cols + 6 >= w && (w - 6..=w - 3).contains(&line.cols);
                let sources_end = trailing_sources(&prev.text).is_some();
                kind == Kind::Plain && last_cols + piece + 4 > w && !sentence_filled && !sources_end
            }
        };
        if continues {
            let prev = out.last_mut().expect("a block");
            // A line that is one Western run filling the line was a word too long for it,
            // cut where it was full: join without a space. Elsewhere a break between two
            // words dropped a space.
            let cut_word = prev.lines.last().is_some_and(|l| l.chars().all(|c| c.is_ascii_graphic()))
                && width_cols.is_some_and(|w| last_cols + 4 >= w);
            if cut_word {
                prev.text.push_str(&text);
            } else {
                join(&mut prev.text, &text);
            }
            prev.lines.push(text);
        } else {
            // A heading as wide as the measure has no padding to show; in our exports it
            // was centred like any other.
            let full = wide_heading && width_cols.is_some_and(|w| line.cols >= w);
            out.push(Block {
                centred: centred || full,
                page_top: line.page != last_page,
                text: text.clone(),
                kind,
                gap,
                lines: vec![text],
                strong_lead: line.strong_lead.clone(),
            });
        }
        gap = false;
        open = true;
        last_cols = line.cols;
        last_page = line.page;
    }
    repair_page_splits(out)
}

/// A long paragraph cut by a page break (its first part ends mid-sentence) is joined to
/// the text that continues it.
fn repair_page_splits(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for b in blocks {
        if let Some(prev) = out.last_mut() {
            // A fragment has clause marks (a headline has none) or is too long for a headline.
            let fragment = prev.text.contains(['，', '、', '；', '：']) || str_cols(&prev.text) > 100;
            // An indented line always opens a paragraph; a page split continues flush left.
            let cut = prev.kind != Kind::Heading
                && fragment
                && !ends_sentence(&prev.text)
                && trailing_sources(&prev.text).is_none()
                && b.kind == Kind::Plain
                && section_title(&b.text).is_none()
                && !b.text.starts_with(['（', '('])
                && b.strong_lead.is_none();
            if cut {
                join(&mut prev.text, &b.text);
                prev.lines.extend(b.lines);
                continue;
            }
        }
        out.push(b);
    }
    out
}

/// `【学会动态】`, `【 科创工作 】` → the title.
pub fn section_title(text: &str) -> Option<String> {
    let s = squeeze(text);
    let inner = s.strip_prefix('【')?.strip_suffix('】')?;
    (!inner.is_empty() && !inner.contains(['【', '】'])).then(|| inner.to_string())
}

/// The units of a trailing `（单位、单位）`, if `text` ends with one that reads like units.
pub fn trailing_sources(text: &str) -> Option<(usize, Vec<String>)> {
    let t = text.trim_end();
    let close = t.strip_suffix('）').or_else(|| t.strip_suffix(')'))?;
    // The matching opening bracket.
    let mut depth = 0;
    let mut open = None;
    for (k, c) in close.char_indices().rev() {
        match c {
            '）' | ')' => depth += 1,
            '（' | '(' if depth == 0 => {
                open = Some(k);
                break;
            }
            '（' | '(' => depth -= 1,
            _ => {}
        }
    }
    let open = open?;
    let inner = &close[open + close[open..].chars().next()?.len_utf8()..];
    let units: Vec<String> =
        inner.split(['、', '，', ',']).map(|u| trim(u).to_string()).filter(|u| !u.is_empty()).collect();
    let plausible = !units.is_empty()
        && units.len() <= 12
        && units.iter().all(|u| {
            let n = u.chars().count();
            (2..=40).contains(&n) && !u.contains(['。', '；', '：', '？', '！', '“', '”'])
        });
    plausible.then_some((open, units))
}

/// One item as found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FoundItem {
    /// With `\n` between parts the editor chose.
    pub headline: String,
    pub column: String,
    pub paragraphs: Vec<String>,
    pub sources: Vec<String>,
    pub sources_on_own_line: bool,
    pub in_toc: bool,
    pub toc_title: String,
    /// From a submission's header (contacts), for the item's notes.
    pub notes: String,
    /// The date a submission gives (header or signature).
    pub received: Option<crate::model::Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FoundSection {
    pub title: String,
    pub items: Vec<FoundItem>,
}

/// What the body holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub sections: Vec<FoundSection>,
    pub style: HeadlineStyle,
    pub placement: SourcePlacement,
    pub separator: String,
}

/// A flush-left block shaped like a headline: short, not ending a sentence, followed by a
/// paragraph; or listed in the TOC.
fn headline_like(b: &Block, next: Option<&Block>, toc: &[String]) -> bool {
    let t = clean_text(&b.text);
    if toc.iter().any(|e| squeeze(e) == squeeze(&t)) {
        return true;
    }
    let short = str_cols(&t) <= 96
        && !ends_sentence(&t)
        && !t.ends_with(['，', '、', '：', ':'])
        && t.matches('，').count() < 2;
    let followed = next.is_some_and(|n| {
        n.kind != Kind::Heading && str_cols(&n.text) > str_cols(&t) && section_title(&n.text).is_none()
    });
    short && followed && trailing_sources(&t).is_none_or(|(open, _)| open > 0)
}

/// How many flush blocks from `k` make one headline in parts: short lines without clause
/// or sentence marks, in a row (no blank between), and then a longer paragraph.
fn headline_run(blocks: &[Block], k: usize) -> usize {
    let bare = |b: &Block| {
        let t = clean_text(&b.text);
        b.kind == Kind::Plain
            && str_cols(&t) <= 80
            && !t.contains(['，', '。', '；', '：', '、'])
            && section_title(&t).is_none()
            && trailing_sources(&t).is_none()
    };
    let mut n = 0;
    while blocks.get(k + n).is_some_and(|b| bare(b) && (n == 0 || !b.gap)) {
        n += 1;
    }
    let followed = blocks.get(k + n).is_some_and(|p| p.kind != Kind::Heading && str_cols(&p.text) > 80);
    if n >= 2 && followed { n } else { 0 }
}

/// The first sentence of a paragraph (a run-in headline) and the rest: up to the first
/// 。！？ outside quotes and brackets.
pub fn first_sentence(text: &str) -> Option<(String, String)> {
    let mut depth = 0i32;
    for (k, c) in text.char_indices() {
        match c {
            '“' | '‘' | '（' | '《' | '「' | '(' => depth += 1,
            '”' | '’' | '）' | '》' | '」' | ')' => depth -= 1,
            '。' | '！' | '？' if depth <= 0 => {
                let end = k + c.len_utf8();
                let head = if c == '。' { &text[..k] } else { &text[..end] };
                return Some((trim(head).to_string(), trim(&text[end..]).to_string()));
            }
            _ => {}
        }
    }
    None
}

/// Headline parts from the physical lines of a centred headline: lines that a balanced
/// wrap at `width` would have made are one part; anything else was a chosen break.
fn headline_parts(lines: &[String], width_cols: Option<usize>) -> String {
    let lines: Vec<String> = lines.iter().map(|l| clean_text(l)).filter(|l| !l.is_empty()).collect();
    let Some(width) = width_cols else { return split_spaced(&lines.join("\n")) };
    let mut parts = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i + 1;
        while j < lines.len() {
            let joined = lines[i..=j].concat();
            if wrap_balanced(&joined, width) == lines[i..=j] {
                j += 1;
            } else {
                break;
            }
        }
        parts.push(lines[i..j].concat());
        i = j;
    }
    parts.join("\n")
}

/// A space between two Chinese characters in a headline is where a line was broken in
/// print: keep it as a chosen break.
fn split_spaced(headline: &str) -> String {
    let chars: Vec<char> = headline.chars().collect();
    let mut out = String::new();
    for (k, &c) in chars.iter().enumerate() {
        if c == ' ' && k > 0 && is_cjk(chars[k - 1]) && chars.get(k + 1).is_some_and(|&n| is_cjk(n)) {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Sections and items of the body. `logical`: the source marks its own paragraphs and
/// headings (Markdown, Word), so a space inside a headline was typed, not a line break.
/// `whole_issue`: one issue with one placement of sources throughout (a fragment may mix
/// items of different origins).
pub fn body(
    blocks: &[Block],
    toc: &[String],
    width_cols: Option<usize>,
    logical: bool,
    whole_issue: bool,
) -> Body {
    let style = guess_style(blocks, toc, logical);
    let gaps_everywhere = blocks_have_gaps_inside_items(blocks);
    // Sources on lines of their own anywhere in an issue: then a parenthesis ending a
    // paragraph is text.
    let any_own_line = blocks.iter().any(|b| matches!(trailing_sources(&clean_text(&b.text)), Some((0, _))));
    let own_line = whole_issue && any_own_line;
    let mut sections = vec![FoundSection::default()];
    let mut column = String::new();
    let mut item: Option<FoundItem> = None;
    let flush = |sections: &mut Vec<FoundSection>, item: &mut Option<FoundItem>| {
        if let Some(it) = item.take() {
            sections.last_mut().expect("a section").items.push(it);
        }
    };
    let mut skip = 0;
    for (k, b) in blocks.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let next = blocks.get(k + 1);
        let text = clean_text(&b.text);
        if let Some(title) = section_title(&text) {
            flush(&mut sections, &mut item);
            sections.push(FoundSection { title, items: Vec::new() });
            column.clear();
            continue;
        }
        if let Some((0, units)) = trailing_sources(&text)
            && let Some(it) = item.as_mut()
        {
            it.sources = units;
            it.sources_on_own_line = true;
            continue;
        }
        let is_heading = b.kind == Kind::Heading;
        let next_is_heading =
            next.is_some_and(|n| n.kind == Kind::Heading && section_title(&n.text).is_none());
        if is_heading && (style == HeadlineStyle::RunIn || next_is_heading) {
            // A heading that is not a headline: a 专栏 over the items that follow.
            flush(&mut sections, &mut item);
            column = text;
            continue;
        }
        // Short, unpunctuated lines in a row before a paragraph: a headline in parts.
        if style == HeadlineStyle::Heading && !is_heading && b.kind == Kind::Plain && !logical {
            let run = headline_run(blocks, k);
            if run > 1 {
                flush(&mut sections, &mut item);
                let lines: Vec<String> = blocks[k..k + run].iter().map(|x| x.text.clone()).collect();
                let headline = headline_parts(&lines, width_cols);
                item = Some(FoundItem {
                    column: column.clone(),
                    in_toc: true,
                    headline,
                    ..FoundItem::default()
                });
                skip = run - 1;
                continue;
            }
        }
        let starts_item = match style {
            HeadlineStyle::Heading => is_heading || (b.kind != Kind::Para && headline_like(b, next, toc)),
            HeadlineStyle::RunIn => {
                // Without indents, an item is over once its sources are given; indented text
                // says so with a blank line (and a paragraph may end in a parenthesis).
                // Where a blank line may have been (always without indents; at the top of a
                // page, where exports drop it), an item ends with its sources and the next
                // opens with a TOC entry.
                let may_have_gap = b.kind != Kind::Para || b.gap || b.page_top;
                let ended = item.as_ref().is_some_and(|it| {
                    it.sources_on_own_line
                        || (may_have_gap
                            && !own_line
                            && it
                                .paragraphs
                                .last()
                                .is_some_and(|p| trailing_sources(p).is_some_and(|(open, _)| open > 0)))
                });
                let listed =
                    may_have_gap && first_sentence(&text).is_some_and(|(h, _)| abbreviated_in(toc, &h));
                item.is_none()
                    || b.strong_lead.is_some()
                    || ended
                    || listed
                    // Our exports put a blank line between items only.
                    || (b.kind == Kind::Para && b.gap)
                    || (b.gap && !gaps_everywhere)
            }
        };
        if starts_item {
            flush(&mut sections, &mut item);
            let mut it = FoundItem { column: column.clone(), in_toc: true, ..FoundItem::default() };
            match style {
                HeadlineStyle::Heading => {
                    it.headline = match (is_heading, logical) {
                        (_, true) => text.clone(),
                        (true, false) => headline_parts(&b.lines, width_cols),
                        (false, false) => split_spaced(&text),
                    };
                }
                HeadlineStyle::RunIn => {
                    let (head, rest) = match &b.strong_lead {
                        Some(lead) => {
                            let lead = clean_text(lead);
                            let rest = text.strip_prefix(lead.as_str()).unwrap_or(&text);
                            let (mark, rest) = match rest.chars().next() {
                                Some(c @ ('。' | '！' | '？')) => (Some(c), &rest[c.len_utf8()..]),
                                _ => (None, rest),
                            };
                            let head = match mark {
                                Some(c @ ('！' | '？')) => format!("{lead}{c}"),
                                _ => lead.trim_end_matches('。').to_string(),
                            };
                            (head, trim(rest).to_string())
                        }
                        None => first_sentence(&text).unwrap_or_else(|| (String::new(), text.clone())),
                    };
                    it.headline = head;
                    if !rest.is_empty() {
                        it.paragraphs.push(rest);
                    }
                }
            }
            item = Some(it);
            continue;
        }
        let it = item.get_or_insert_with(|| FoundItem {
            column: column.clone(),
            in_toc: true,
            ..FoundItem::default()
        });
        it.paragraphs.push(text);
    }
    flush(&mut sections, &mut item);
    // The lead section is only there when it holds something.
    if sections[0].items.is_empty() && sections[0].title.is_empty() {
        sections.remove(0);
    }
    // Sources at the end of the last paragraph.
    let mut separator = "、".to_string();
    for it in sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
        if !it.sources.is_empty() || own_line {
            continue;
        }
        if let Some(last) = it.paragraphs.last_mut()
            && let Some((open, units)) = trailing_sources(last)
            && open > 0
        {
            let inner = &last[open..];
            if inner.contains('，') && !inner.contains('、') {
                separator = "，".to_string();
            }
            last.truncate(open);
            it.sources = units;
        }
    }
    let placement = if any_own_line { SourcePlacement::Line } else { SourcePlacement::Inline };
    Body { sections, style, placement, separator }
}

/// Our exports put blank lines only between items; text out of a PDF puts them between
/// every paragraph. Paragraphs of one item then come without a gap between them.
fn blocks_have_gaps_inside_items(blocks: &[Block]) -> bool {
    let text = blocks.iter().filter(|b| b.kind != Kind::Heading);
    let paras = text.clone().count();
    let gapped = text.filter(|b| b.gap).count();
    paras > 0 && gapped * 10 >= paras * 9
}

/// Whether a TOC entry is `headline`, or a short title of it (a first sentence much longer
/// than the entry is a paragraph, not a headline).
fn abbreviated_in(toc: &[String], headline: &str) -> bool {
    let h = squeeze(headline);
    toc.iter().map(|e| squeeze(e)).any(|e| {
        e == h || (h.chars().count() <= 2 * e.chars().count() && crate::import::is_short_title(&e, &h))
    })
}

/// Headline on its own lines, or run in? Headings and headline-shaped lines followed by
/// text vote for the first; paragraphs that open with a TOC entry or a bold lead, for
/// the second.
fn guess_style(blocks: &[Block], toc: &[String], logical: bool) -> HeadlineStyle {
    let gaps_everywhere = blocks_have_gaps_inside_items(blocks);
    let mut heading = 0;
    let mut run_in = 0;
    let mut short_leads = 0;
    for (k, b) in blocks.iter().enumerate() {
        let next = blocks.get(k + 1);
        if section_title(&b.text).is_some() {
            continue;
        }
        if b.strong_lead.is_some() {
            run_in += 2;
        }
        let text = clean_text(&b.text);
        if let Some((h, _)) = first_sentence(&text) {
            if abbreviated_in(toc, &h) {
                run_in += 2;
            }
            if b.kind == Kind::Para && str_cols(&h) <= 120 {
                short_leads += 1;
            }
        }
        // In Markdown and Word, and in text with a blank line between all paragraphs, a
        // gap says nothing.
        // A flush headline (an e-mailed submission's) may stand apart from its text; our
        // exports centre headlines and set them right above the text (a centred heading
        // with a blank line under it is a 专栏).
        let followed = next.is_some_and(|n| {
            n.kind != Kind::Heading && (logical || !n.gap || (gaps_everywhere && !b.centred))
        });
        if (b.kind == Kind::Heading && followed) || (b.kind == Kind::Plain && headline_like(b, next, toc)) {
            heading += 2;
        }
    }
    // Paragraphs and nothing shaped like a headline: the headlines are run in. (Indented
    // text in heading style always has a heading line right above an indented paragraph.)
    let indented = blocks.iter().any(|b| b.kind == Kind::Para);
    if run_in > heading || (heading == 0 && (short_leads > 0 || indented)) {
        HeadlineStyle::RunIn
    } else {
        HeadlineStyle::Heading
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_sources() {
        assert_eq!(
            first_sentence("江州市召开推进会。11月13日，会议召开。"),
            Some(("江州市召开推进会".into(), "11月13日，会议召开。".into()))
        );
        assert_eq!(first_sentence("他说“好。”然后走了。").unwrap().0, "他说“好。”然后走了");
        let (at, units) = trailing_sources("会议强调要加强合作。（市科协办公室、江州市作物学会）").unwrap();
        assert_eq!(units, ["市科协办公室", "江州市作物学会"]);
        assert!(at > 0);
        assert_eq!(trailing_sources("（朝阳区科协）").unwrap().0, 0);
        assert!(trailing_sources("首批32名学生（其中研究生9名。）").is_none());
        assert!(trailing_sources("没有来源。").is_none());
    }

    #[test]
    fn headline_breaks_are_recovered() {
        let lines =
            vec!["江州市企业科协工作联盟成立大会暨".to_string(), "首届企业科技创新交流会举行".to_string()];
        assert_eq!(
            headline_parts(&lines, Some(56)),
            "江州市企业科协工作联盟成立大会暨\n首届企业科技创新交流会举行"
        );
        let wrapped = wrap_balanced("江州市科协与江州市卫生健康委员会签署科学普及与健康促进战略合作协议", 56);
        assert_eq!(headline_parts(&wrapped, Some(56)), wrapped.concat(), "a balanced wrap is one part");
        assert_eq!(
            split_spaced("北京卓众出版有限公司科协成立大会暨 第一次会员代表大会成功召开"),
            "北京卓众出版有限公司科协成立大会暨\n第一次会员代表大会成功召开"
        );
        assert_eq!(split_spaced("2023 服贸会 | 未来产业"), "2023 服贸会 | 未来产业");
    }
}
