//! Import: submissions (text in any common Chinese encoding, .docx, Markdown) into the
//! pool, and whole past issues into issue files.
//!
//! `decode` and `docx` turn a file into text; `lines` into lines with their indent and
//! marks; `regions` finds masthead, TOC and footer; `body` re-flows the rest and finds
//! sections, items, headlines and sources; here the TOC is matched to the items and
//! everything becomes model data.

pub mod body;
pub mod clean;
pub mod decode;
pub mod docx;
pub mod duplicates;
pub mod lines;
pub mod pdf;
pub mod regions;
pub mod submission;

use std::path::{Path, PathBuf};

use thiserror::Error;

use self::body::{Body, FoundSection};
use self::lines::Line;
use self::regions::{Masthead, Toc, squeeze};
use crate::lang::Lang;
use crate::model::{
    Date, FORMAT, Footer, HeadlineStyle, Issue, Item, Layout, Numbering, Publication, Section, TocMode,
};
use crate::store::error::Reason;

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("cannot read {}: {reason}", path.display())]
    Read { path: PathBuf, reason: Reason },
    #[error("cannot import {}: {why}", path.display())]
    Refused { path: PathBuf, why: Refusal },
    #[error("{} holds no past issue: no masthead with 第N期 and a date was found (import it into the pool instead)", path.display())]
    NoMasthead { path: PathBuf },
}

/// Why a file's contents cannot be taken in.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Refusal {
    #[error("{0}")]
    Decode(#[from] decode::DecodeError),
    #[error("{0}")]
    Docx(#[from] docx::DocxError),
    #[error("{0}")]
    Pdf(#[from] pdf::PdfError),
}

impl Refusal {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Refusal::Decode(e) => e.say(lang),
            Refusal::Docx(e) => e.say(lang),
            Refusal::Pdf(e) => e.say(lang),
        }
    }
}

impl ImportError {
    /// The sentence in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, ImportError::Read { path, reason }) => {
                format!("cannot read {}: {}", path.display(), reason.say(lang))
            }
            (Lang::En, _) => self.to_string(),
            (Lang::Zh, ImportError::Read { path, reason }) => {
                format!("无法读取 {}：{}", path.display(), reason.say(lang))
            }
            (Lang::Zh, ImportError::Refused { path, why }) => {
                format!("无法导入 {}：{}", path.display(), why.say(lang))
            }
            (Lang::Zh, ImportError::NoMasthead { path }) => {
                format!("{} 不是一期简报：没有找到带“第N期”和日期的报头（稿件可导入稿件池）", path.display())
            }
        }
    }
}

/// What a file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub masthead: Option<Masthead>,
    pub toc: Option<Toc>,
    pub body: Body,
    pub footer: Option<Footer>,
    /// Lines per page, when the text had pages of one length.
    pub lines_per_page: Option<u32>,
    /// How the file was encoded (or "docx").
    pub encoding: &'static str,
    /// TOC entries that match no item.
    pub unmatched_toc: Vec<String>,
    /// The mode each section takes in the TOC.
    pub toc_modes: Vec<TocMode>,
    /// The line width the text was printed at, in columns, when it can be told.
    pub width_cols: Option<usize>,
    /// What a submission's reading took without being told, by item (from 1).
    pub guesses: Vec<(usize, submission::Guess)>,
}

/// The kind of a file, by its name and first bytes.
fn is_markdown(path: &Path, text: &str) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "md" || ext == "markdown" {
        return true;
    }
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    lines.next().is_some_and(|l| l.starts_with("# "))
        && text.lines().filter(|l| l.starts_with("## ")).count() >= 2
}

/// Read and understand one file.
pub fn read_file(path: &Path) -> Result<Document, ImportError> {
    if path.is_dir() {
        return Err(ImportError::Read {
            path: path.to_path_buf(),
            reason: Reason::Io(std::io::ErrorKind::IsADirectory),
        });
    }
    let bytes = std::fs::read(path)
        .map_err(|e| ImportError::Read { path: path.to_path_buf(), reason: Reason::of(&e) })?;
    read_bytes(path, &bytes)
}

/// Understand the contents of a file named `path` (its name tells .docx and Markdown).
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<Document, ImportError> {
    let refused = |why: Refusal| ImportError::Refused { path: path.to_path_buf(), why };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if pdf::is_pdf(bytes) || ext == "pdf" {
        let text = pdf::to_text(bytes).map_err(|e| refused(e.into()))?;
        return Ok(parse_text(&text, false, "PDF"));
    }
    if docx::is_zip(bytes) || docx::is_ole(bytes) || ext == "docx" {
        let paragraphs = docx::read(bytes).map_err(|e| refused(e.into()))?;
        // A submission typed in Word (no masthead, no TOC) is read as submissions are,
        // a paragraph a line: its header, headline, signature and sources as in a text.
        let text = paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n");
        if submission::looks_like(&text) {
            return Ok(submissions(&text, "docx"));
        }
        return Ok(parse(lines::from_docx(&paragraphs), true, "docx"));
    }
    let (encoding, text) = decode::decode(bytes).map_err(|e| refused(e.into()))?;
    Ok(parse_text(&text, is_markdown(path, &text), encoding))
}

/// Understand a text (Markdown when `markdown`).
pub fn parse_text(text: &str, markdown: bool, encoding: &'static str) -> Document {
    // Stray control characters (a BEL, an ESC sequence's ESC, a backspace) are dropped;
    // line and page breaks and tabs mean something and stay.
    let cleaned: String;
    let text = if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
        cleaned =
            text.chars().filter(|&c| !c.is_control() || matches!(c, '\n' | '\r' | '\t' | '\u{c}')).collect();
        &cleaned
    } else {
        text
    };
    if markdown {
        // Page breaks mean nothing in Markdown: a line break.
        let text = text.replace('\u{c}', "\n");
        parse(lines::from_markdown(&text), true, encoding)
    } else if submission::looks_like(text) {
        submissions(text, encoding)
    } else {
        parse(lines::from_text(&single_spaced(text)), false, encoding)
    }
}

/// The one space a PDF reader's copy puts before the first line of a page (after the
/// page number) is no indent.
fn page_edges(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let mut previous_number = false;
    let mut changed = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let one_space =
            body.starts_with(' ') && !body[1..].starts_with(char::is_whitespace) && body.len() > 1;
        if previous_number && one_space {
            out.push_str(&line[1..]);
            changed = true;
        } else {
            out.push_str(line);
        }
        if !body.trim().is_empty() {
            previous_number = pdf::is_page_number(body.trim());
        }
    }
    if changed { Cow::Owned(out) } else { Cow::Borrowed(text) }
}

/// A text copied out of a PDF reader that puts an empty line after every line (double
/// spacing), made single again: a run of 2n+1 empty lines was n. Any other text is left
/// as it is.
fn single_spaced(text: &str) -> std::borrow::Cow<'_, str> {
    let text = page_edges(text);
    let lines: Vec<&str> = text.lines().collect();
    let blank = |l: &str| l.trim().is_empty();
    let written = lines.iter().filter(|l| !blank(l)).count();
    let followed_by_blank = lines.windows(2).filter(|w| !blank(w[0]) && blank(w[1])).count();
    let followed_by_text = lines.windows(2).filter(|w| !blank(w[0]) && !blank(w[1])).count();
    if written < 8 || followed_by_blank * 10 < written * 9 || followed_by_text * 10 > written {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut run: usize = 0;
    let mut after_page_number = false;
    for line in lines {
        if blank(line) {
            run += 1;
            continue;
        }
        // The empty lines around a page number are the page's edge, not a paragraph's.
        let page_number = pdf::is_page_number(line.trim());
        if !page_number && !after_page_number {
            for _ in 0..run.saturating_sub(1) / 2 {
                out.push('\n');
            }
        }
        after_page_number = page_number;
        run = 0;
        out.push_str(line);
        out.push('\n');
    }
    std::borrow::Cow::Owned(out)
}

/// A text without masthead or TOC read as submissions (see `submission`).
fn submissions(text: &str, encoding: &'static str) -> Document {
    let found = submission::read(text);
    let guesses = found
        .iter()
        .enumerate()
        .flat_map(|(k, s)| s.guesses.iter().map(move |&g| (k + 1, g)))
        .filter(|(_, g)| *g != submission::Guess::NoSource)
        .collect();
    let items = found
        .into_iter()
        .map(|s| body::FoundItem {
            headline: s.headline,
            paragraphs: s.paragraphs,
            sources: s.sources,
            notes: s.notes.join("；"),
            received: s.received,
            in_toc: true,
            ..Default::default()
        })
        .collect();
    let body = Body {
        sections: vec![FoundSection { title: String::new(), items }],
        style: Default::default(),
        placement: Default::default(),
        separator: "、".into(),
    };
    Document {
        masthead: None,
        toc: None,
        body,
        footer: None,
        lines_per_page: None,
        encoding,
        unmatched_toc: Vec::new(),
        toc_modes: vec![TocMode::Items],
        width_cols: None,
        guesses,
    }
}

/// Pages of equal length (all but the last) tell the layout's lines per page.
fn page_length(lines: &[Line]) -> Option<u32> {
    let pages = lines.last()?.page + 1;
    if pages < 2 {
        return None;
    }
    let mut counts = vec![0u32; pages];
    for l in lines {
        counts[l.page] += 1;
    }
    let first = counts[0];
    counts[..pages - 1].iter().all(|&c| c == first).then_some(first)
}

fn parse(lines: Vec<Line>, logical: bool, encoding: &'static str) -> Document {
    let lines_per_page = if logical { None } else { page_length(&lines) };
    let (masthead, after_masthead) = regions::masthead(&lines, 0);
    // The width: the heavy rule's, or, for text hard-wrapped without one (out of a PDF),
    // the common length of its lines.
    let width_cols = if logical {
        None
    } else {
        masthead.as_ref().and_then(|m| m.rule).map(|w| w * 2).or_else(|| body::wrapped_width(&lines))
    };
    let (toc, after_toc) = regions::toc(&lines, after_masthead, width_cols);
    let (footer, footer_start) = regions::footer(&lines, after_toc, width_cols);
    let blocks = body::blocks(&lines[after_toc..footer_start], logical, width_cols);
    let entries = toc.as_ref().map(|t| t.entries.clone()).unwrap_or_default();
    let mut body = body::body(&blocks, &entries, width_cols, logical, masthead.is_some());
    let (toc_modes, unmatched_toc) = match &toc {
        Some(toc) => align_toc(&toc.entries, &mut body.sections),
        None if masthead.is_some() => (vec![TocMode::None; body.sections.len()], Vec::new()),
        None => (vec![TocMode::Items; body.sections.len()], Vec::new()),
    };
    Document {
        masthead,
        toc,
        body,
        footer,
        lines_per_page,
        encoding,
        unmatched_toc,
        toc_modes,
        width_cols,
        guesses: Vec::new(),
    }
}

/// The longest common subsequence of two short strings, in characters.
fn lcs(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev = vec![0usize; b.len() + 1];
    for x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { cur[j].max(prev[j + 1]) };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Whether a TOC entry reads as a shortened form of a headline: at least 80% of its
/// characters come from the headline, in order (editors drop words, they do not reword).
pub(crate) fn is_short_title(entry: &str, headline: &str) -> bool {
    let n = entry.chars().count();
    n >= 4 && lcs(entry, headline) * 10 >= n * 8
}

fn headline_of(item: &body::FoundItem) -> String {
    squeeze(&crate::model::join_parts(item.headline.lines()))
}

/// What a TOC entry can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Section(usize),
    Item(usize, usize),
}

/// How well `entry` stands for `target`: an exact title or headline, or a short title
/// (most of its characters, in order, from the headline).
fn toc_score(entry: &str, target: Target, sections: &[FoundSection]) -> Option<i32> {
    match target {
        Target::Section(s) => {
            (!sections[s].title.is_empty() && squeeze(&sections[s].title) == entry).then_some(10)
        }
        Target::Item(s, i) => {
            let h = headline_of(&sections[s].items[i]);
            if h == entry {
                Some(10)
            } else if is_short_title(entry, &h) {
                let n = entry.chars().count().max(1) as i32;
                // A piece cut out of the headline beats the same characters picked apart.
                let contiguous = i32::from(h.contains(entry));
                Some(4 + 4 * lcs(entry, &h) as i32 / n + contiguous)
            } else {
                None
            }
        }
    }
}

/// Match TOC entries to sections (listed by title) and items (by headline, or by a short
/// title), in order, as well as possible: an alignment that may skip items (left out of
/// the TOC) and, at a cost, entries (which then match nothing). Returns each section's
/// mode and the entries nothing matched.
fn align_toc(entries: &[String], sections: &mut [FoundSection]) -> (Vec<TocMode>, Vec<String>) {
    let norm: Vec<String> = entries.iter().map(|e| squeeze(e)).collect();
    let targets: Vec<Target> = sections
        .iter()
        .enumerate()
        .flat_map(|(s, sec)| {
            std::iter::once(Target::Section(s)).chain((0..sec.items.len()).map(move |i| Target::Item(s, i)))
        })
        .collect();
    let (n, m) = (norm.len(), targets.len());
    const SKIP_ENTRY: i32 = -2;
    // best[e][t]: the best score aligning entries e.. with targets t..
    let mut best = vec![vec![0i32; m + 1]; n + 1];
    for e in (0..n).rev() {
        best[e][m] = best[e + 1][m] + SKIP_ENTRY;
        for t in (0..m).rev() {
            let mut v = best[e][t + 1].max(best[e + 1][t] + SKIP_ENTRY);
            if let Some(score) = toc_score(&norm[e], targets[t], sections) {
                v = v.max(score + best[e + 1][t + 1]);
            }
            best[e][t] = v;
        }
    }
    let mut matched: Vec<(usize, Target)> = Vec::new();
    let mut unmatched = Vec::new();
    let (mut e, mut t) = (0, 0);
    while e < n {
        if t < m
            && let Some(score) = toc_score(&norm[e], targets[t], sections)
            && best[e][t] == score + best[e + 1][t + 1]
        {
            matched.push((e, targets[t]));
            e += 1;
            t += 1;
        } else if t < m && best[e][t] == best[e][t + 1] {
            t += 1;
        } else {
            unmatched.push(entries[e].clone());
            e += 1;
        }
    }
    let modes: Vec<TocMode> = (0..sections.len())
        .map(|s| {
            if matched.iter().any(|&(_, x)| x == Target::Section(s)) {
                TocMode::Section
            } else {
                TocMode::Items
            }
        })
        .collect();
    for (s, section) in sections.iter_mut().enumerate() {
        if modes[s] == TocMode::Section {
            continue;
        }
        for (i, item) in section.items.iter_mut().enumerate() {
            match matched.iter().find(|&&(_, x)| x == Target::Item(s, i)) {
                Some(&(e, _)) => {
                    item.in_toc = true;
                    item.toc_title =
                        if norm[e] == headline_of(item) { String::new() } else { entries[e].clone() };
                }
                None => item.in_toc = false,
            }
        }
    }
    (modes, unmatched)
}

/// Findings worth a line in the summary: items without a source, headline or body, TOC
/// entries that matched nothing.
pub fn warnings(doc: &Document) -> Vec<Warning> {
    let mut out = Vec::new();
    for (n, item) in doc.body.sections.iter().flat_map(|s| &s.items).enumerate() {
        let n = n + 1;
        if item.headline.trim().is_empty() {
            out.push(Warning::NoHeadline(n));
        }
        if item.paragraphs.is_empty() {
            out.push(Warning::NoText(n));
        }
        if item.sources.is_empty() {
            out.push(Warning::NoSource(n));
        }
    }
    for entry in &doc.unmatched_toc {
        out.push(Warning::UnmatchedToc(entry.clone()));
    }
    out.extend(doc.guesses.iter().map(|&(n, g)| Warning::Guessed(n, g)));
    out
}

/// Something an import found worth a look (the item is imported all the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The nth item (from 1) has no headline.
    NoHeadline(usize),
    NoText(usize),
    NoSource(usize),
    /// A TOC entry that matches no item.
    UnmatchedToc(String),
    /// What the nth item's reading guessed, to be checked.
    Guessed(usize, submission::Guess),
}

impl Warning {
    pub fn say(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::Zh, Warning::NoHeadline(n)) => format!("第{n}条没有标题"),
            (Lang::Zh, Warning::NoText(n)) => format!("第{n}条没有正文"),
            (Lang::Zh, Warning::NoSource(n)) => format!("第{n}条没有来源"),
            (Lang::Zh, Warning::UnmatchedToc(e)) => format!("目录条目“{e}”找不到对应的文章"),
            (Lang::En, Warning::NoHeadline(n)) => format!("item {n} has no headline"),
            (Lang::En, Warning::NoText(n)) => format!("item {n} has no text"),
            (Lang::En, Warning::NoSource(n)) => format!("item {n} has no source"),
            (Lang::En, Warning::UnmatchedToc(e)) => format!("TOC entry “{e}” matches no item"),
            (lang, Warning::Guessed(n, g)) => {
                use submission::Guess::*;
                let (zh, en) = match g {
                    HeadlineFromFirstLine => ("标题取自第一行", "headline taken from the first line"),
                    SourceFromSignature => ("来源取自落款", "source taken from the signature"),
                    SourceFromHeader => ("来源取自报送单位", "source taken from the header's 报送单位"),
                    NoSource => ("没有来源", "no source"),
                };
                match lang {
                    Lang::Zh => format!("第{n}条{zh}"),
                    Lang::En => format!("item {n}: {en}"),
                }
            }
        }
    }
}

fn item_from(found: &body::FoundItem, id: String) -> Item {
    let mut item = Item::new(id, found.headline.clone());
    item.toc_title = found.toc_title.clone();
    item.in_toc = found.in_toc;
    item.column = found.column.clone();
    item.sources = found.sources.clone();
    item.notes = found.notes.clone();
    item.received = found.received;
    if !found.paragraphs.is_empty() {
        item.body = format!("{}\n", found.paragraphs.join("\n"));
    }
    item
}

/// The items of a document, with ids from `next_id`.
pub fn items(doc: &Document, mut next_id: impl FnMut() -> String) -> Vec<Item> {
    doc.body.sections.iter().flat_map(|s| &s.items).map(|found| item_from(found, next_id())).collect()
}

/// A whole issue, when the document has a masthead with a date.
pub fn issue(doc: &Document, path: &Path, mut next_id: impl FnMut() -> String) -> Result<Issue, ImportError> {
    let no_masthead = || ImportError::NoMasthead { path: path.to_path_buf() };
    let m = doc.masthead.as_ref().ok_or_else(no_masthead)?;
    let date = m.date.ok_or_else(no_masthead)?;
    let toc = doc.toc.as_ref();
    let bullet = toc
        .map(|t| t.bullet.clone())
        .filter(|b| !b.is_empty() && !b.is_ascii())
        .unwrap_or_else(|| "◆".into());
    let width = m
        .rule
        .map(|w| w as u32)
        .filter(|w| (crate::model::publication::MIN_WIDTH..=crate::model::publication::MAX_WIDTH).contains(w))
        .unwrap_or(28);
    let sections = doc
        .body
        .sections
        .iter()
        .zip(doc.toc_modes.iter().chain(std::iter::repeat(&TocMode::Items)))
        .map(|(s, &toc)| Section {
            title: s.title.clone(),
            toc,
            items: s.items.iter().map(|f| item_from(f, next_id())).collect(),
        })
        .collect();
    Ok(Issue {
        format: FORMAT,
        publication: Publication {
            title: m.title.clone(),
            publisher: m.publisher.clone(),
            toc_heading: toc.map_or_else(|| "目录提要".into(), |t| t.heading.clone()),
            toc_bullet: bullet,
        },
        layout: Layout {
            width,
            lines_per_page: doc
                .lines_per_page
                .filter(|&n| n >= crate::model::publication::MIN_LINES_PER_PAGE)
                .unwrap_or(22),
            headline_style: doc.body.style,
            source_placement: doc.body.placement,
            source_separator: doc.body.separator.clone(),
        },
        numbering: Numbering { year: m.year, number: m.number, total: m.total.unwrap_or(m.number), date },
        sections,
        footer: doc.footer.clone().unwrap_or_default(),
        print: Default::default(),
    })
}

/// Ids `<date>-imNN` not in `taken`.
pub fn id_maker(date: Date, taken: impl Fn(&str) -> bool) -> impl FnMut() -> String {
    let mut n = 0;
    move || loop {
        n += 1;
        let id = format!("{date}-im{n:02}");
        if !taken(&id) {
            return id;
        }
    }
}

/// How many items, for the summary line.
pub fn item_count(doc: &Document) -> usize {
    doc.body.sections.iter().map(|s| s.items.len()).sum()
}

/// Whether the document reads as run-in.
pub fn is_run_in(doc: &Document) -> bool {
    doc.body.style == HeadlineStyle::RunIn
}
