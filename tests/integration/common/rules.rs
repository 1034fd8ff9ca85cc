//! An independent reading of SPEC §3: given an issue and its text export, list every rule
//! the export breaks. Written from the specification, not from the exporter's code, so
//! that the two can disagree.

use jianbao::layout::str_cols;
use jianbao::model::{HeadlineStyle, Issue, SourcePlacement};

const NO_START: &str = "、，。：；！？”’）】》」』〕〉‧·";
const NO_END: &str = "“‘（【《「『〔〈";
const FF: char = '\u{c}';

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// Leading ASCII spaces of a line, in columns.
fn lead(line: &str) -> usize {
    line.chars().take_while(|&c| c == ' ').count()
}

fn centred_ok(line: &str, text: &str, width: usize) -> bool {
    line.trim_start_matches(' ') == text && lead(line) == (width - str_cols(text)) / 2
}

/// Remove all spaces: lines joined at breaks lose the spaces dropped there.
fn squash(s: &str) -> String {
    s.chars().filter(|&c| !c.is_whitespace()).collect()
}

/// A content line and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Masthead, TOC heading, 【section】, column: kept with the next line when possible.
    Heading,
    /// A headline line: never the last line of a page with its text on the next.
    Headline,
    Other,
}

struct Reader<'a> {
    lines: Vec<(usize, &'a str)>, // (page, line), blank lines removed
    at: usize,
    errors: Vec<String>,
    width: usize,
}

impl<'a> Reader<'a> {
    fn next(&mut self, what: &str) -> Option<(usize, &'a str)> {
        let got = self.lines.get(self.at).copied();
        if got.is_none() {
            self.errors.push(format!("missing {what}"));
        }
        self.at += 1;
        got
    }

    fn peek(&self) -> Option<&'a str> {
        self.lines.get(self.at).map(|&(_, l)| l)
    }

    fn fail(&mut self, msg: String) {
        self.errors.push(msg);
    }

    /// Read lines while their squashed concatenation is a prefix of `expected`; check it all
    /// came. `first`/`rest` check each line's shape.
    fn text_block(
        &mut self,
        what: &str,
        expected: &str,
        first: impl Fn(&str) -> Option<String>,
        rest: impl Fn(&str) -> Option<String>,
    ) -> Vec<(usize, String)> {
        let want = squash(expected);
        let mut got = String::new();
        let mut lines = Vec::new();
        while got.len() < want.len() {
            let Some((page, line)) = self.next(what) else { break };
            let shape = if lines.is_empty() { first(line) } else { rest(line) };
            if let Some(err) = shape {
                self.fail(format!("{what}: {err}: {line:?}"));
            }
            got.push_str(&squash(line));
            lines.push((page, line.to_string()));
            if !want.starts_with(&got) {
                self.fail(format!("{what}: expected {want:?}, got {got:?}"));
                break;
            }
        }
        lines
    }
}

/// Every violation of §3 in `text`, the export of `issue` at `width` 字 and
/// `lines_per_page` (0 = none). Empty when the export is right.
pub fn violations(issue: &Issue, text: &str, width_zi: u32, lines_per_page: u32) -> Vec<String> {
    let mut errors = Vec::new();
    let width = width_zi as usize * 2;
    if !text.ends_with('\n') {
        errors.push("the text does not end with a newline".into());
    }
    let paginated = width > 0 && lines_per_page > 0;
    let pages: Vec<&str> = if paginated { text.split(FF).collect() } else { vec![text] };
    if !paginated && text.contains(FF) {
        errors.push("form feed in unpaginated text".into());
    }
    let mut content: Vec<(usize, &str)> = Vec::new();
    let mut last_page_foot = "";
    for (p, page) in pages.iter().enumerate() {
        let mut lines: Vec<&str> = page.split('\n').collect();
        if lines.last() == Some(&"") {
            lines.pop();
        }
        if paginated {
            let per = lines_per_page as usize;
            if lines.len() != per + 1 {
                errors.push(format!("page {} has {} lines, not {}", p + 1, lines.len(), per + 1));
                continue;
            }
            let number = lines.pop().unwrap();
            let label = format!("— {} —", p + 1);
            let ok = if (p + 1) % 2 == 1 {
                number.trim_start() == label && str_cols(number) == width - 2
            } else {
                number.trim_start_matches(is_space) == label && str_cols(number) - str_cols(&label) == 2
            };
            if !ok {
                errors.push(format!("page {} number line {number:?}", p + 1));
            }
            last_page_foot = lines[per - 1];
        }
        for line in lines {
            if line != line.trim_end_matches(char::is_whitespace) {
                errors.push(format!("trailing space: {line:?}"));
            }
            if width > 0 && str_cols(line) > width {
                errors.push(format!("line wider than {width} columns: {line:?}"));
            }
            if width == 0 && line.starts_with(' ') {
                errors.push(format!("padding in unwrapped text: {line:?}"));
            }
            if width > 0 {
                let body = line.trim_start_matches(is_space);
                if let Some(c) = body.chars().next()
                    && NO_START.contains(c)
                {
                    errors.push(format!("line starts with {c}: {line:?}"));
                }
                if let Some(c) = body.chars().next_back()
                    && NO_END.contains(c)
                {
                    errors.push(format!("line ends with {c}: {line:?}"));
                }
            }
            if !line.is_empty() {
                content.push((p, line));
            }
        }
    }
    for pair in content.windows(2) {
        let (a, b) = (pair[0].1, pair[1].1.trim_start_matches(is_space));
        let trailing = |c: char| a.chars().rev().take_while(|&x| x == c).count();
        if (a.ends_with('—') && b.starts_with('—') && trailing('—') % 2 == 1)
            || (a.ends_with('…') && b.starts_with('…') && trailing('…') % 2 == 1)
        {
            errors.push(format!("—— or …… split: {a:?} / {b:?}"));
        }
    }
    let mut reader = Reader { lines: content, at: 0, errors, width };
    structure(issue, &mut reader, paginated);
    if paginated && !issue_footer_is_empty(issue) && last_page_foot.is_empty() {
        reader.fail("the footer does not sit at the foot of the last page".into());
    }
    reader.errors
}

fn issue_footer_is_empty(issue: &Issue) -> bool {
    let f = &issue.footer;
    f.email.trim().is_empty()
        && f.editor.trim().is_empty()
        && f.reviewer.trim().is_empty()
        && f.copies == 0
        && f.distribution.iter().all(|d| d.label.trim().is_empty())
}

fn structure(issue: &Issue, r: &mut Reader, paginated: bool) {
    let w = r.width;
    let centred = |text: &str| {
        let text = text.to_string();
        move |line: &str| -> Option<String> {
            if w == 0 {
                return (line != line.trim_start()).then(|| "indented".into());
            }
            let body = line.trim_start_matches(' ');
            let expected_lead = (w - str_cols(body)) / 2;
            (lead(line) != expected_lead || !squash(&text).contains(&squash(body)))
                .then(|| format!("not centred (lead {} want {expected_lead})", lead(line)))
        }
    };
    let mut kinds: Vec<(usize, Kind)> = Vec::new();

    // Masthead.
    let title = issue.publication.title.trim();
    for (page, _) in r.text_block("title", title, centred(title), centred(title)) {
        kinds.push((page, Kind::Heading));
    }
    let n = issue.numbering;
    for (label, want) in
        [("number", format!("{}年 第{}期", n.year, n.number)), ("total", format!("（总第{}期）", n.total))]
    {
        if let Some((_, line)) = r.next(label) {
            let ok = if w == 0 { line == want } else { centred_ok(line, &want, w) };
            if !ok {
                r.fail(format!("{label} line {line:?}, want {want:?} centred"));
            }
        }
    }
    let date = format!("{}年{}月{}日", n.date.year(), n.date.month(), n.date.day());
    let publisher = issue.publication.publisher.trim();
    if let Some((_, line)) = r.next("publisher and date") {
        let fits = str_cols(publisher) + str_cols(&date) + 2 <= w;
        if w == 0 || fits {
            if !line.starts_with(publisher) || !line.ends_with(&date) || (w > 0 && str_cols(line) != w) {
                r.fail(format!("publisher/date line {line:?}"));
            }
        } else {
            // Publisher wrapped on its own lines, then the date at the right.
            let mut l = line;
            while !l.ends_with(&date) {
                match r.next("date") {
                    Some((_, x)) => l = x,
                    None => return,
                }
            }
            if str_cols(l) != w {
                r.fail(format!("date not at the right edge: {l:?}"));
            }
        }
    }
    let rule_w =
        if w == 0 { if issue.layout.width == 0 { 56 } else { issue.layout.width as usize * 2 } } else { w };
    if let Some((_, line)) = r.next("heavy rule")
        && line != "━".repeat(rule_w / 2)
    {
        r.fail(format!("heavy rule {line:?}"));
    }

    // TOC.
    let entries = issue.toc_entries();
    if !entries.is_empty() {
        if let Some((page, line)) = r.next("TOC heading") {
            if line != issue.publication.toc_heading.trim() {
                r.fail(format!("TOC heading {line:?}"));
            }
            kinds.push((page, Kind::Heading));
        }
        let prefix = format!("{}\u{3000}", issue.publication.toc_bullet.trim());
        let hang = str_cols(&prefix);
        for e in &entries {
            let p = prefix.clone();
            let first = move |l: &str| (!l.starts_with(&p)).then(|| "no bullet".to_string());
            let rest = move |l: &str| {
                (str_cols(&l[..l.len() - l.trim_start_matches(is_space).len()]) != hang)
                    .then(|| "continuation not under the title".to_string())
            };
            let expected = format!("{prefix}{}", e.title);
            for (page, _) in r.text_block("TOC entry", &expected, first, rest) {
                kinds.push((page, Kind::Other));
            }
        }
    }

    // Body.
    let layout = &issue.layout;
    for section in issue.sections.iter().filter(|s| !s.items.is_empty()) {
        let title = section.bare_title();
        if !title.is_empty() {
            let t = format!("【{title}】");
            for (page, _) in r.text_block("section title", &t, centred(&t), centred(&t)) {
                kinds.push((page, Kind::Heading));
            }
        }
        let mut column = "";
        for item in &section.items {
            let c = item.column.trim();
            if c != column && !c.is_empty() {
                for (page, _) in r.text_block("column", c, centred(c), centred(c)) {
                    kinds.push((page, Kind::Heading));
                }
            }
            column = c;
            let mut paragraphs: Vec<String> = item.paragraphs().map(str::to_string).collect();
            if layout.headline_style == HeadlineStyle::Heading {
                for part in item.headline_parts() {
                    for (page, _) in r.text_block("headline", part, centred(part), centred(part)) {
                        kinds.push((page, Kind::Headline));
                    }
                }
            } else {
                let h = item.headline_line();
                let ends = h.ends_with(['。', '！', '？']) || h.is_empty();
                let lead = if ends { h } else { format!("{h}。") };
                match paragraphs.first_mut() {
                    Some(p) => p.insert_str(0, &lead),
                    None => paragraphs.push(lead),
                }
            }
            let sources: Vec<&str> = item.source_list().collect();
            if !sources.is_empty() {
                let s = format!("（{}）", sources.join(&layout.source_separator));
                match (layout.source_placement, paragraphs.last_mut()) {
                    (SourcePlacement::Inline, Some(last)) => last.push_str(&s),
                    _ => paragraphs.push(s),
                }
            }
            for p in &paragraphs {
                let first = |l: &str| {
                    let after = l.strip_prefix("\u{3000}\u{3000}");
                    match after {
                        Some(a) if !a.starts_with(is_space) => None,
                        _ => Some("paragraph does not start with two full-width spaces".into()),
                    }
                };
                let rest = |l: &str| l.starts_with(is_space).then(|| "continuation not flush left".into());
                let lines = r.text_block("paragraph", p, first, rest);
                if w == 0 && lines.len() > 1 {
                    r.fail(format!("paragraph on {} lines in unwrapped text", lines.len()));
                }
                for (page, _) in lines {
                    kinds.push((page, Kind::Other));
                }
            }
        }
    }

    // Footer.
    let f = &issue.footer;
    for (label, value) in [("信息报送邮箱：", &f.email), ("编辑：", &f.editor), ("审核：", &f.reviewer)]
    {
        if !value.trim().is_empty() {
            let expected = format!("{label}{}", value.trim());
            let l = label.to_string();
            r.text_block(
                "footer line",
                &expected,
                move |x: &str| (!x.starts_with(&l)).then(|| "label".into()),
                |_| None,
            );
        }
    }
    let groups: Vec<_> = f.distribution.iter().filter(|d| !d.label.trim().is_empty()).collect();
    if !groups.is_empty() {
        let thin = "─".repeat(rule_w / 2);
        if let Some((_, l)) = r.next("thin rule")
            && l != thin
        {
            r.fail(format!("thin rule {l:?}"));
        }
        for g in groups {
            let label = format!("{}：", g.label.trim());
            let hang = str_cols(&label);
            let recipients: Vec<&str> =
                g.recipients.iter().map(|x| x.trim()).filter(|x| !x.is_empty()).collect();
            if recipients.is_empty()
                && let Some((_, l)) = r.next("distribution label")
                && l != label
            {
                r.fail(format!("distribution {l:?}"));
            }
            for (k, rec) in recipients.iter().enumerate() {
                let lb = label.clone();
                let aligned = move |x: &str| {
                    (str_cols(&x[..x.len() - x.trim_start_matches(is_space).len()]) != hang)
                        .then(|| "recipient not aligned under the first".to_string())
                };
                let expected = if k == 0 { format!("{label}{rec}") } else { rec.to_string() };
                if k == 0 {
                    r.text_block(
                        "recipient",
                        &expected,
                        move |x: &str| (!x.starts_with(&lb)).then(|| "label".into()),
                        aligned,
                    );
                } else {
                    r.text_block("recipient", &expected, aligned, aligned);
                }
            }
        }
        if let Some((_, l)) = r.next("thin rule")
            && l != thin
        {
            r.fail(format!("closing thin rule {l:?}"));
        }
    }
    if f.copies > 0
        && let Some((_, l)) = r.next("copies")
    {
        let want = format!("（共印{}份）", f.copies);
        if l.trim_start() != want || (w > 0 && str_cols(l) != w) {
            r.fail(format!("copies line {l:?}"));
        }
    }
    if let Some(extra) = r.peek() {
        r.fail(format!("unexpected line after the footer: {extra:?}"));
    }

    // Keep-with-next: a headline never ends a page with its text on the next (other
    // headings may, when a heading and its headline are together longer than a page).
    if paginated {
        for pair in kinds.windows(2) {
            if pair[0].1 == Kind::Headline && pair[0].0 != pair[1].0 {
                r.fail(format!("a headline is the last line of page {}", pair[0].0 + 1));
            }
        }
    }
}
