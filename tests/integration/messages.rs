//! Every message in the Chinese interface is Chinese: each error path the editor can reach
//! is driven in Chinese mode, and neither the status line nor the dialog on screen may hold
//! an English word. Paths, file names, key names and format names aside.

use std::collections::BTreeSet;

use jianbao::lang::Lang;
use jianbao::tui::config::Dirs;

use crate::common::app::*;

/// Words that are not English sentences: key names, formats and encodings, the program.
const ALLOWED: &[&str] = &[
    "Ctrl",
    "Alt",
    "Shift",
    "Enter",
    "Esc",
    "Tab",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "Del",
    "Backspace",
    "Space",
    "F1",
    "F2",
    "F3",
    "Markdown",
    "TOML",
    "UTF",
    "GBK",
    "GB18030",
    "BOM",
    "DOCX",
    "PDF",
    "txt",
    "md",
    "toml",
    "docx",
    "pdf",
    "jianbao",
    "pid",
    "utf",
];

/// Runs of two or more ASCII letters outside paths and file names.
fn english_words(text: &str, paths: &[String]) -> BTreeSet<String> {
    let mut text = text.to_string();
    for p in paths {
        text = text.replace(p.as_str(), " ");
    }
    let mut words = BTreeSet::new();
    for token in text.split(|c: char| c.is_whitespace() || (!c.is_ascii() && c != '·')) {
        // A path or a file name (has a slash or an extension): not a sentence.
        if token.contains('/') || token.contains('.') && token.chars().any(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphanumeric()) {
            // An id (`kx01`) has digits in it; a word has none.
            let letters = word.chars().filter(char::is_ascii_alphabetic).count();
            if letters >= 2 && letters == word.len() && !ALLOWED.contains(&word) {
                words.insert(word.to_string());
            }
        }
    }
    words
}

/// The status line and the screen (a dialog, a banner) hold no English word that the
/// screen of the same issue before the keys did not hold (the issue's own text may).
struct Check {
    allowed: BTreeSet<String>,
    paths: Vec<String>,
    seen: usize,
}

impl Check {
    fn new(app: &mut Harness, paths: &[&std::path::Path]) -> Check {
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let allowed = english_words(&screen(app, 120, 40), &paths);
        Check { allowed, paths, seen: 0 }
    }

    fn look(&mut self, app: &mut Harness, what: &str) {
        let status = status(app);
        let shown = screen(app, 120, 40);
        let banner = app.read_only().is_some();
        assert!(!status.is_empty() || app.top().is_some() || banner, "{what}: nothing was said");
        let english: Vec<String> = english_words(&format!("{status}\n{shown}"), &self.paths)
            .into_iter()
            .filter(|w| !self.allowed.contains(w))
            .collect();
        assert!(
            english.is_empty(),
            "{what}: English {english:?} in the Chinese interface:\n{status}\n{shown}"
        );
        self.seen += 1;
    }
}

fn zh_app(ws: &jianbao::store::Workspace, stem: &str) -> Harness {
    Harness::start(
        &issue_path(ws, stem),
        Dirs { config: None, state: None, fonts: Some(crate::common::app::test_fonts()) },
        Lang::Zh,
    )
}

#[test]
fn the_word_finder_finds_english_and_spares_paths_and_keys() {
    let found = english_words("保存失败：Permission denied (os error 13) /tmp/x/2026-45.toml Ctrl-S", &[]);
    assert_eq!(found, BTreeSet::from(["Permission".into(), "denied".into(), "os".into(), "error".into()]));
    assert!(english_words("已导出到 2026-45.txt（Markdown，每行 28 字）按 Esc 返回", &[]).is_empty());
}

#[test]
fn errors_of_saving_exporting_and_importing_are_said_in_chinese() {
    let (d, ws, mut app) = sample_app();
    let dir = d.path();
    let not_a_folder = dir.join("文件");
    std::fs::write(&not_a_folder, "这是一个文件").unwrap();
    let junk = dir.join("乱码.txt");
    std::fs::write(&junk, [0u8, 159, 146, 150, 255, 0, 1, 2, 3, 0xfe, 0xff]).unwrap();
    let unsourced = dir.join("无来源.txt");
    std::fs::write(&unsourced, "区科协开展科普志愿服务活动\n\n　　12月1日，区科协组织志愿者走进社区。\n")
        .unwrap();
    let mut check = Check::new(&mut app, &[dir]);
    let go = |app: &mut Harness, keys: &[&str], text: &str, then: &[&str]| {
        press(app, keys);
        type_text(app, text);
        press(app, then);
    };

    // Export onto a folder, and under a file (not a folder).
    go(&mut app, &["ctrl-e", "ctrl-j"], &dir.display().to_string(), &["enter"]);
    check.look(&mut app, "export onto a folder");
    press(&mut app, &["esc", "esc"]);
    go(&mut app, &["ctrl-e", "ctrl-j"], &not_a_folder.join("x.txt").display().to_string(), &["enter"]);
    check.look(&mut app, "export under a file");
    press(&mut app, &["esc", "esc"]);
    // A width outside the range, in the export dialog.
    press(&mut app, &["ctrl-e", "down", "down"]);
    go(&mut app, &["ctrl-j"], "3", &["enter"]);
    check.look(&mut app, "a width of 3");
    press(&mut app, &["esc", "esc"]);

    // Import of a file that is not there, of binary junk, of a folder.
    for (what, path) in [
        ("import of a missing file", dir.join("没有这个文件.txt")),
        ("import of junk", junk.clone()),
        ("import of a folder", dir.to_path_buf()),
        ("import of an item without a source (a warning)", unsourced.clone()),
    ] {
        press(&mut app, &["i"]);
        go(&mut app, &["ctrl-j"], &path.display().to_string(), &["enter"]);
        check.look(&mut app, what);
        if path == unsourced {
            assert!(status(&app).contains("第1条没有来源"), "{}", status(&app));
        }
        press(&mut app, &["esc", "esc"]);
    }

    // Masthead: a number that is not one, an empty title, a date that is not one.
    press(&mut app, &["f2", "tab", "tab", "tab"]);
    type_text(&mut app, "x");
    press(&mut app, &["enter"]);
    check.look(&mut app, "a bad number");
    press(&mut app, &["esc", "esc"]);

    // Save with the issue's folder gone (as root, permissions would not stop it).
    press(&mut app, &["enter"]);
    std::fs::rename(ws.issues_dir(), dir.join("别处")).unwrap();
    press(&mut app, &["ctrl-s"]);
    check.look(&mut app, "a save into a folder that is gone");
    std::fs::rename(dir.join("别处"), ws.issues_dir()).unwrap();
    assert!(check.seen >= 9);
}

#[test]
fn a_broken_or_newer_issue_file_is_explained_in_chinese() {
    let (d, ws) = sample_workspace();
    let broken = issue_path(&ws, "2026-45");
    let text = std::fs::read_to_string(&broken).unwrap();
    // A syntax error, then a file of a newer format: both opened from the open dialog.
    let bad = ws.issues_dir().join("2026-47.toml");
    std::fs::write(&bad, text.replacen("[publication]", "[publication\n", 1)).unwrap();
    let mut app = zh_app(&ws, "2026-45");
    let mut check = Check::new(&mut app, &[d.path()]);
    app.open_path(&bad);
    check.look(&mut app, "opening a file with a syntax error");

    let newer = ws.issues_dir().join("2026-48.toml");
    std::fs::write(&newer, text.replacen("format = 1", "format = 99", 1)).unwrap();
    let mut app = zh_app(&ws, "2026-48");
    check.look(&mut app, "a file of a newer format");
}
