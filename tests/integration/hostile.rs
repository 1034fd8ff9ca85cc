//! Hostile input: every path (loader, importer, layout and export, check, the editor) must
//! end with a clear error or a correct result — never a panic, never a hang. Each case runs
//! on its own thread under a deadline generous enough for a debug build; a hang shows up
//! as a failure naming the case, not as a stuck test run.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::app::{draw, open, press, sample_workspace, type_text};
use jianbao::commands::export::{Format, Settings, render};
use jianbao::export::{TextOptions, text};
use jianbao::layout::width::str_cols;
use jianbao::model::{Issue, Item, Section};
use jianbao::store::{StoreError, Workspace, load_issue, save_issue};

/// Run `f` on its own thread; fail if it panics or takes longer than `secs`.
fn within<T: Send + 'static>(what: &str, secs: u64, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(v) => {
            handle.join().unwrap();
            v
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let e = handle.join().unwrap_err();
            let msg = e.downcast_ref::<String>().cloned().or(e.downcast_ref::<&str>().map(|s| s.to_string()));
            panic!("{what}: panicked: {}", msg.unwrap_or_default());
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: no answer within {secs} s (a hang?)"),
    }
}

/// A paragraph in the genre of about `bytes` bytes, without line breaks.
fn long_paragraph(bytes: usize) -> String {
    let sentence =
        "会议指出，要深入实施科技人才托举工程，推动2026年度学会服务能力提升计划（SSP-3）落地见效，";
    let mut s = String::with_capacity(bytes + sentence.len());
    while s.len() < bytes {
        s.push_str(sentence);
    }
    s.push('。');
    s
}

fn sample_issue() -> (tempfile::TempDir, Workspace, Issue) {
    let (d, ws) = sample_workspace();
    let issue = load_issue(&ws.issues_dir().join("2026-45.toml")).unwrap().doc;
    (d, ws, issue)
}

/// Every exported line fits the width, and nothing but text, line breaks and page breaks
/// reaches the print text.
fn assert_clean_export(what: &str, out: &str, width_zi: usize) {
    for (n, line) in out.lines().enumerate() {
        let line = line.trim_start_matches('\u{c}');
        assert!(str_cols(line) <= width_zi * 2, "{what}: line {} is too wide: {line}", n + 1);
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "{what}: line {} holds a control character: {line:?}",
            n + 1
        );
    }
}

fn export_all_ways(what: &str, issue: &Issue) {
    let wrapped = text(issue, TextOptions { width: 28, lines_per_page: 0 });
    assert_clean_export(what, &wrapped, 28);
    let paged = text(issue, TextOptions { width: 28, lines_per_page: 22 });
    assert_clean_export(what, &paged, 28);
    let unwrapped = text(issue, TextOptions { width: 0, lines_per_page: 0 });
    assert!(!unwrapped.chars().any(|c| c.is_control() && c != '\n'), "{what}: control character (unwrapped)");
    let md = render(issue, Settings { format: Format::Markdown, width: None, paginate: None }).unwrap();
    assert!(!md.chars().any(|c| c.is_control() && c != '\n'), "{what}: control character (Markdown)");
}

// ----- the TOML loader ---------------------------------------------------------------------

fn load_error(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let err = within(name, 60, move || load_issue(&path).map(|_| ()).unwrap_err().to_string());
    assert!(err.contains(name), "{name}: the error names the file: {err}");
    assert_eq!(err.lines().count(), 1, "{name}: one sentence: {err}");
    err
}

#[test]
fn deeply_nested_toml_is_an_error_with_a_position() {
    for depth in [1_000, 100_000] {
        let arrays = format!("format = 1\nx = {}{}\n", "[".repeat(depth), "]".repeat(depth));
        let err = load_error("nested-arrays.toml", arrays.as_bytes());
        assert!(err.contains("nested-arrays.toml:2:"), "{err}");
        let tables = format!("format = 1\nx = {}1{}\n", "{a = ".repeat(depth), "}".repeat(depth));
        let err = load_error("nested-tables.toml", tables.as_bytes());
        assert!(err.contains("nested-tables.toml:2:"), "{err}");
    }
}

#[test]
fn huge_toml_files_are_read_or_refused_in_one_sentence() {
    // 200,000 stray tables: parsed, then refused as unknown fields — in good time.
    let mut text = String::from("format = 1\n");
    for k in 0..200_000 {
        text.push_str(&format!("[t{k}]\nv = {k}\n"));
    }
    let err = load_error("many-tables.toml", text.as_bytes());
    assert!(err.contains("many-tables.toml:"), "{err}");
    // One 30 MB string: read and refused for what it lacks, not for its size.
    let big = format!("format = 1\nnote = \"{}\"\n", "长".repeat(10_000_000));
    let err = load_error("big-string.toml", big.as_bytes());
    assert!(err.contains("big-string.toml:"), "{err}");
}

#[test]
fn invalid_utf8_nul_bytes_and_binary_are_refused_with_a_position() {
    let (_d, ws, _) = sample_issue();
    let good = fs::read(ws.issues_dir().join("2026-45.toml")).unwrap();
    let mut bad = good.clone();
    let at = bad.iter().position(|&b| b == b'\n').unwrap() + 1;
    bad.insert(at, 0xFF);
    let err = load_error("latin1.toml", &bad);
    assert!(err.contains("latin1.toml:2:1"), "where the bad byte is: {err}");
    let mut nul = good.clone();
    nul.insert(at, 0);
    let err = load_error("nul.toml", &nul);
    assert!(err.contains("nul.toml:2:1"), "{err}");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("format = 1\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
    load_error("utf16.toml", &utf16);
    load_error("png.toml", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
}

#[test]
fn a_bad_file_is_never_overwritten_by_the_editor() {
    let (_d, ws) = sample_workspace();
    let bad = ws.issues_dir().join("2026-46.toml");
    fs::write(&bad, "format = 1\n[publication\n").unwrap();
    let err = crate::common::app::Harness::try_start(
        &jianbao::tui::Options { path: Some(bad.clone()), theme: None, lang: None, cwd: None, sample: false },
        jianbao::tui::config::Dirs {
            config: None,
            state: None,
            fonts: Some(crate::common::app::test_fonts()),
        },
    )
    .err()
    .expect("refused")
    .to_string();
    assert!(err.contains("2026-46.toml:2:"), "{err}");
    assert_eq!(fs::read_to_string(&bad).unwrap(), "format = 1\n[publication\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao")).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2026-46.toml:2:") && stderr.lines().count() == 1, "{stderr}");
    assert_eq!(fs::read_to_string(&bad).unwrap(), "format = 1\n[publication\n");
}

// ----- control characters, NUL, scripts ----------------------------------------------------

/// Text with every kind of trouble a copy from e-mail, PDF or a web page brings.
fn troubled_texts() -> Vec<(&'static str, String)> {
    vec![
        ("control characters", "市科协\u{7}召开\u{1b}[31m座谈会\u{8}，\u{0}各学会\u{c}参加。\u{85}\u{9f}".to_string()),
        ("emoji ZWJ", "科普志愿者👩‍🔬👨‍👩‍👧‍👦走进社区🏳️‍🌈，活动现场👍🏽气氛热烈。".repeat(6)),
        ("combining marks", "Ｃａｆé e\u{301}cole 科\u{301}\u{302}\u{303}协 Z\u{335}\u{321}\u{34d}a\u{336}\u{320}l\u{337}g\u{338}o".repeat(5)),
        ("RTL", "国际交流：مؤتمر العلوم والتكنولوجيا 与 שלום עולם 同期举行，\u{202e}反向文字\u{202c}。".repeat(4)),
        ("lone marks", "\u{301}\u{200d}\u{fe0f}\u{200b}开头是孤立的组合符号".to_string()),
        ("wide and narrow", "ＡＢＣ１２３ａｂｃ　全角空格　ｈｔｔｐｓ：／／ｋｘ．ｊｚ．ｇｏｖ．ｃｎ".repeat(4)),
    ]
}

#[test]
fn troubled_text_in_every_field_exports_within_the_width_and_clean() {
    for (what, t) in troubled_texts() {
        let (_d, _ws, mut issue) = sample_issue();
        let item = &mut issue.sections[0].items[0];
        item.headline = t.clone();
        item.body = format!("{t}\n{t}\n");
        item.sources = vec![t.chars().take(12).collect()];
        item.column = t.chars().take(10).collect();
        issue.publication.title = t.chars().take(14).collect();
        issue.sections[1].title = t.chars().take(8).collect();
        within(what, 60, move || export_all_ways(what, &issue));
    }
}

#[test]
fn troubled_text_survives_a_save_and_a_load() {
    for (what, t) in troubled_texts() {
        let (d, _ws, mut issue) = sample_issue();
        issue.sections[0].items[0].body = format!("{t}\n");
        issue.sections[0].items[0].headline = t.clone();
        let path = d.path().join("copy.toml");
        save_issue(&path, &issue).unwrap();
        assert_eq!(load_issue(&path).unwrap().doc, issue, "{what}");
    }
}

#[test]
fn troubled_text_typed_and_pasted_into_the_editor_draws_without_smear() {
    for (what, t) in troubled_texts() {
        let (_d, ws) = sample_workspace();
        let mut app = open(&ws.issues_dir().join("2026-45.toml"));
        press(&mut app, &["tab", "enter"]);
        type_text(&mut app, &t);
        app.input(crossterm::event::Event::Paste(t.clone()));
        for (w, h) in [(120, 40), (60, 20), (41, 12)] {
            draw(&mut app, w, h);
        }
        press(&mut app, &["esc", "ctrl-s"]);
        let saved = load_issue(&ws.issues_dir().join("2026-45.toml")).unwrap().doc;
        let body = &saved.sections[0].items[0].body;
        assert!(
            !body.chars().any(|c| c.is_control() && c != '\n'),
            "{what}: control characters kept: {body:?}"
        );
    }
}

// ----- size ------------------------------------------------------------------------------

#[test]
fn a_10_mb_paragraph_is_laid_out_exported_and_checked() {
    let para = long_paragraph(10 << 20);
    let (_d, _ws, mut issue) = sample_issue();
    issue.sections[0].items[0].body = format!("{para}\n");
    within("10 MB paragraph, export", 120, move || {
        let out = text(&issue, TextOptions { width: 28, lines_per_page: 22 });
        assert!(out.len() > 10 << 20);
        assert_clean_export("10 MB", &out, 28);
        let findings = jianbao::check::check(&issue, None);
        assert!(!findings.is_empty(), "a 10 MB item is worth a warning");
    });
}

#[test]
fn a_10_mb_paragraph_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("长文.txt");
    fs::write(&path, format!("关于科技人才托举工程的情况报告\n\n{}\n", long_paragraph(10 << 20))).unwrap();
    let items = within("10 MB import", 180, move || {
        let doc = jianbao::import::read_file(&path).unwrap();
        let mut n = 0;
        jianbao::import::items(&doc, || {
            n += 1;
            format!("2026-11-22-t{n:02}")
        })
    });
    assert_eq!(items.len(), 1);
    assert!(items[0].body.len() > 10 << 20);
}

#[test]
fn a_10_mb_item_opens_in_the_editor_and_takes_a_keystroke() {
    let (_d, ws) = sample_workspace();
    let path = ws.issues_dir().join("2026-45.toml");
    let mut issue = load_issue(&path).unwrap().doc;
    issue.sections[0].items[0].body = format!("{}\n", long_paragraph(10 << 20));
    save_issue(&path, &issue).unwrap();
    within("10 MB item in the editor", 180, move || {
        let mut app = open(&path);
        draw(&mut app, 120, 40);
        press(&mut app, &["tab", "enter"]);
        type_text(&mut app, "补");
        draw(&mut app, 120, 40);
        press(&mut app, &["esc", "ctrl-s"]);
        assert!(!app.is_dirty());
    });
}

fn many_items(n: usize) -> Issue {
    let (_d, _ws, mut issue) = sample_issue();
    let template = issue.sections[0].items[0].clone();
    let mut section = Section::new("工作动态");
    for k in 0..n {
        section.items.push(Item {
            id: format!("2026-11-22-m{k:05}"),
            headline: format!("第{k}条：{}", template.headline),
            ..template.clone()
        });
    }
    issue.sections = vec![section];
    issue
}

#[test]
fn an_issue_of_10000_items_loads_exports_checks_and_edits() {
    let (d, _ws) = sample_workspace();
    let path: PathBuf = d.path().join("ws").join("issues").join("2026-47.toml");
    let issue = many_items(10_000);
    save_issue(&path, &issue).unwrap();
    within("10,000 items", 180, move || {
        let loaded = load_issue(&path).unwrap().doc;
        assert_eq!(loaded.items().count(), 10_000);
        let out = text(&loaded, TextOptions { width: 28, lines_per_page: 22 });
        assert!(out.contains("第9999条"));
        jianbao::check::check(&loaded, None);
        let mut app = open(&path);
        press(&mut app, &["tab", "end", "K", "K", "home", "J"]);
        draw(&mut app, 200, 60);
        press(&mut app, &["ctrl-s"]);
        assert!(!app.is_dirty());
        assert_eq!(load_issue(&path).unwrap().doc.items().count(), 10_000);
    });
}

// ----- the importer ----------------------------------------------------------------------

fn import_bytes(name: &str, bytes: &[u8]) -> Result<usize, String> {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let name = name.to_string();
    within(&name.clone(), 60, move || {
        let _keep = dir;
        match jianbao::import::read_file(&path) {
            Ok(doc) => {
                let mut n = 0;
                let items = jianbao::import::items(&doc, || {
                    n += 1;
                    format!("2026-11-22-t{n:02}")
                });
                for item in &items {
                    let text = format!("{}{}", item.headline, item.body);
                    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{name}: {text:?}");
                }
                Ok(items.len())
            }
            Err(e) => {
                let msg = e.to_string();
                assert_eq!(msg.lines().count(), 1, "{msg}");
                Err(msg)
            }
        }
    })
}

#[test]
fn the_importer_refuses_or_cleans_what_is_not_text() {
    // Lone surrogates in UTF-16: refused, not half-decoded.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "市科协召开座谈会\n".encode_utf16().chain([0xD800, 0x0041, 0xDC00]) {
        utf16.extend(unit.to_le_bytes());
    }
    let err = import_bytes("utf16.txt", &utf16).unwrap_err();
    assert!(err.contains("UTF-16"), "{err}");
    // NUL bytes: binary.
    assert!(import_bytes("nul.txt", b"abc\0def").unwrap_err().contains("binary"));
    // Control characters sprinkled in text: imported without them.
    let ctl = format!(
        "市科协召开\u{7}学会工作座谈会\n\n{}会议\u{1b}[0m指出，要抓好落实。\u{8}\n",
        "11月20日，市科协召开学会工作座谈会，27家市级学会负责人参加。".repeat(3)
    );
    assert_eq!(import_bytes("ctl.txt", ctl.as_bytes()).unwrap(), 1);
    // Invalid UTF-8 that is not GBK either.
    assert!(import_bytes("junk.txt", &[0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE, 0xFD, 0x80]).is_err());
    // A corrupt .docx.
    let err = import_bytes("broken.docx", b"PK\x03\x04 not really a zip").unwrap_err();
    assert!(err.contains("broken.docx"), "{err}");
    // Troubled text imports (a NUL among it marks a binary file, refused as such).
    for (what, t) in troubled_texts() {
        let result = import_bytes(&format!("{what}.txt"), format!("标题\n\n{t}\n").as_bytes());
        if t.contains('\0') {
            assert!(result.unwrap_err().contains("binary"), "{what}");
        } else {
            assert!(result.is_ok(), "{what}: {result:?}");
        }
    }
}

#[test]
fn a_store_error_for_a_missing_file_is_one_sentence() {
    let err = load_issue(Path::new("/nonexistent/2026-45.toml")).unwrap_err();
    assert!(matches!(err, StoreError::Read { .. }));
    assert_eq!(err.to_string(), "cannot read /nonexistent/2026-45.toml: no such file or folder");
}
