//! The checks of the fuzz targets, as plain functions: the fuzzers call them with what they
//! make up, and `tests/fuzz_regressions.rs` (in `cargo test`) replays the seeds and every
//! input a fuzzer once failed on, kept in `fuzz/regressions/<target>/`.

use std::path::Path;
use std::sync::OnceLock;

use jianbao::export::{TextOptions, markdown, text};
use jianbao::layout::width::str_cols;
use jianbao::layout::{break_lines, wrap_balanced};
use jianbao::model::{Issue, PoolFile, Profile};
use jianbao::store::load::{parse, text_from_bytes};
use jianbao::store::samples::SAMPLE_FILES;
use jianbao::store::write::{issue_toml, pool_item_toml, profile_toml};
use unicode_segmentation::UnicodeSegmentation;

fn one_line(e: impl std::fmt::Display) {
    let msg = e.to_string();
    assert!(!msg.contains('\n'), "an error of more than one line: {msg}");
    assert!(msg.starts_with("fuzz.toml"), "an error that does not name the file: {msg}");
}

/// Any bytes as an issue, pool or profile file: a one-line error naming the file, or a
/// document that saves and loads back unchanged.
pub fn toml_loader(data: &[u8]) {
    let path = Path::new("fuzz.toml");
    let text = match text_from_bytes(path, data.to_vec()) {
        Ok(t) => t,
        Err(e) => return one_line(e),
    };
    match parse::<Issue>(path, &text) {
        Ok(l) => {
            let saved = issue_toml(&l.doc);
            let back = parse::<Issue>(path, &saved).expect("a saved issue loads");
            assert_eq!(back.doc, l.doc, "an issue changed on its way through a save:\n{saved}");
        }
        Err(e) => one_line(e),
    }
    match parse::<PoolFile>(path, &text) {
        Ok(l) => {
            let saved = pool_item_toml(&l.doc.item);
            let back = parse::<PoolFile>(path, &saved).expect("a saved item loads");
            assert_eq!(back.doc.item, l.doc.item);
        }
        Err(e) => one_line(e),
    }
    match parse::<Profile>(path, &text) {
        Ok(l) => {
            let saved = profile_toml(&l.doc);
            let back = parse::<Profile>(path, &saved).expect("a saved profile loads");
            assert_eq!(back.doc, l.doc);
        }
        Err(e) => one_line(e),
    }
}

/// Any bytes as a submission (text, Markdown or .docx, by the first byte): a one-line
/// refusal naming the file, or items without control characters that save and load back
/// unchanged.
pub fn importer(data: &[u8]) {
    let Some((&kind, bytes)) = data.split_first() else { return };
    let name = ["稿件.txt", "稿件.md", "稿件.docx", "稿件.pdf"][usize::from(kind % 4)];
    let path = Path::new(name);
    let doc = match jianbao::import::read_bytes(path, bytes) {
        Ok(doc) => doc,
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.contains('\n') && msg.contains(name), "{msg}");
            return;
        }
    };
    let mut n = 0;
    let items = jianbao::import::items(&doc, || {
        n += 1;
        format!("2026-11-22-f{n:03}")
    });
    for item in &items {
        for field in [&item.headline, &item.body, &item.column, &item.toc_title] {
            assert!(!field.chars().any(|c| c.is_control() && c != '\n'), "{field:?}");
        }
        let saved = pool_item_toml(item);
        let back = parse::<PoolFile>(Path::new("item.toml"), &saved).expect("an imported item saves");
        assert_eq!(&back.doc.item, item);
    }
    let _ = jianbao::import::warnings(&doc);
    let mut n = 0;
    if let Ok(issue) = jianbao::import::issue(&doc, path, || {
        n += 1;
        format!("2026-11-22-g{n:03}")
    }) {
        let saved = issue_toml(&issue);
        parse::<Issue>(Path::new("issue.toml"), &saved).expect("an imported issue saves");
    }
}

fn sample() -> &'static Issue {
    static ISSUE: OnceLock<Issue> = OnceLock::new();
    ISSUE.get_or_init(|| {
        let (_, text) = SAMPLE_FILES.iter().find(|(p, _)| *p == "issues/2026-45.toml").unwrap();
        parse::<Issue>(Path::new("2026-45.toml"), text).unwrap().doc
    })
}

/// Three bytes (width, first-line indent, other-line indent) and a text: lines that fit
/// (a lone grapheme wider than the line aside), in order, losing nothing but the spaces at
/// the breaks; balanced headlines as many lines as greedy ones; and a whole export of an
/// issue carrying the text with every line within the width.
pub fn layout(data: &[u8]) {
    let [w, first, rest, tail @ ..] = data else { return };
    let width = usize::from(w % 120) + 1;
    let (first, rest) = (usize::from(first % 8), usize::from(rest % 8));
    let line_text: String = String::from_utf8_lossy(tail).chars().filter(|c| *c != '\n').collect();
    let s = line_text.as_str();

    let ranges = break_lines(s, width, first, rest);
    let mut at = 0;
    for (k, r) in ranges.iter().enumerate() {
        assert!(r.start >= at && r.start <= r.end, "ranges out of order: {ranges:?}");
        assert!(s[at..r.start].chars().all(char::is_whitespace), "text lost at a break");
        let line = s[r.clone()].trim_end();
        let avail = width.saturating_sub(if k == 0 { first } else { rest });
        assert!(
            str_cols(line) <= avail || line.graphemes(true).count() == 1,
            "line {k} of {} cols at {avail}: {line:?}",
            str_cols(line)
        );
        at = r.end;
    }
    assert!(s[at..].chars().all(char::is_whitespace), "text lost at the end");

    let balanced = wrap_balanced(s, width);
    let greedy = break_lines(s, width, 0, 0);
    assert_eq!(balanced.len().max(1), greedy.len().max(1), "balanced lines are as many as greedy ones");

    let mut issue = sample().clone();
    let item = &mut issue.sections[0].items[0];
    item.headline = s.chars().take(60).collect();
    item.body = format!("{s}\n");
    item.column = s.chars().take(12).collect();
    let zi = (width / 2).clamp(10, 60) as u32;
    let out = text(&issue, TextOptions { width: zi, lines_per_page: 22 });
    for line in out.lines() {
        let line = line.trim_start_matches('\u{c}');
        assert!(
            str_cols(line) <= zi as usize * 2 || line.trim().graphemes(true).count() == 1,
            "export line too wide at {zi} 字: {line:?}"
        );
    }
    let _ = text(&issue, TextOptions { width: 0, lines_per_page: 0 });
    let _ = markdown(&issue);
}
