//! A week at the desk (issue 13): the editor's daily loop, each point as the user meets it.

use crate::common::app::*;
use jianbao::tui::app::Focus;
use jianbao::tui::layers::ConfirmKind;
use jianbao::tui::panes::item_editor::Field;

/// The rows of `rect` on a drawn screen, as text.
fn rows_of(text: &str, rect: ratatui::layout::Rect) -> Vec<String> {
    text.lines()
        .skip(rect.y as usize)
        .take(rect.height as usize)
        .map(|l| {
            let mut out = String::new();
            let mut at = 0;
            for c in l.chars() {
                let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) as u16;
                if at >= rect.x && at + w <= rect.x + rect.width {
                    out.push(c);
                }
                at += w;
            }
            out.trim_end().to_string()
        })
        .collect()
}

/// The sample's first outline item, its body made `paragraphs` long, the editor on it.
fn editing_a_long_body(paragraphs: usize) -> (tempfile::TempDir, Harness) {
    let (d, _ws, mut app) = sample_app();
    press(&mut app, &["tab", "enter"]);
    assert_eq!(app.focus(), Focus::Editor);
    let text: String = (1..=paragraphs)
        .map(|n| format!("第{n}段：市科协组织专家赴园区企业开展技术服务，推动成果转化。\n"))
        .collect();
    paste(&mut app, &text);
    (d, app)
}

#[test]
fn ctrl_end_and_ctrl_home_go_to_the_ends_of_the_body_not_of_the_paragraph() {
    let (_d, mut app) = editing_a_long_body(5);
    let tails = app.editor().unwrap().item().body.matches('尾').count();
    press(&mut app, &["ctrl-home"]);
    type_text(&mut app, "首");
    press(&mut app, &["ctrl-end"]);
    type_text(&mut app, "尾");
    let body = app.editor().unwrap().item().body;
    assert!(body.starts_with("首第1段"), "{body}");
    assert!(body.trim_end().ends_with("尾"), "Ctrl-End reached the last paragraph's end: {body}");
    assert_eq!(body.matches('尾').count(), tails + 1);
}

#[test]
fn page_down_in_the_body_stops_at_the_last_full_page() {
    for (w, h) in [(160, 45), (80, 24), (40, 12)] {
        let (_d, mut app) = editing_a_long_body(60);
        press(&mut app, &["ctrl-home"]);
        let caret = |app: &Harness| app.editor().unwrap().area(Field::Body).cursor();
        let _ = screen(&mut app, w, h);
        for _ in 0..400 {
            let before = caret(&app);
            press(&mut app, &["pagedown"]);
            let _ = screen(&mut app, w, h);
            if caret(&app) == before {
                break;
            }
        }
        let text = screen(&mut app, w, h);
        let areas = app.areas();
        let body = app.view().editor.field_area(areas.editor, app.env().lang, Field::Body).unwrap();
        let rows = rows_of(&text, body);
        assert!(
            rows.iter().all(|r| !r.is_empty()),
            "a full page, no empty rows below the end at {w}×{h}:\n{text}"
        );
        let end = app.editor().unwrap().item().body;
        assert!(
            end.trim_end().ends_with(rows.last().unwrap().as_str()),
            "the last row is the body's end at {w}×{h}:\n{text}"
        );
        // PgUp walks back to the top.
        for _ in 0..400 {
            press(&mut app, &["pageup"]);
            let _ = screen(&mut app, w, h);
        }
        let rows = rows_of(&screen(&mut app, w, h), body);
        assert!(rows[0].starts_with("第1段"), "{rows:?}");
    }
}

#[test]
fn the_preview_and_the_help_stop_with_their_last_line_at_the_foot() {
    for (w, h) in [(160, 45), (40, 12)] {
        let (_d, _ws, mut app) = sample_app();
        press(&mut app, &["ctrl-p"]);
        let _ = screen(&mut app, w, h);
        press(&mut app, &["G"]);
        let at_end = screen(&mut app, w, h);
        let inner = ratatui::layout::Rect::new(1, 1, w - 2, h - 3);
        let Some(jianbao::tui::layers::Layer::Preview(p)) = app.top() else { panic!("no preview") };
        // (At 40 columns the page's right-aligned lines are cut off: judged by the lines.)
        assert_eq!(
            p.scroll + inner.height as usize,
            p.lines.len(),
            "the last line sits at the foot at {w}×{h}"
        );
        for _ in 0..200 {
            press(&mut app, &["pagedown"]);
        }
        assert_eq!(screen(&mut app, w, h), at_end, "PgDn stops where G goes at {w}×{h}");
        press(&mut app, &["esc", "f1"]);
        let _ = screen(&mut app, w, h);
        for _ in 0..200 {
            press(&mut app, &["pagedown"]);
        }
        let paged = screen(&mut app, w, h);
        press(&mut app, &["home", "end"]);
        let ended = screen(&mut app, w, h);
        assert_eq!(paged, ended, "PgDn in the help stops where End goes at {w}×{h}");
        let rows = rows_of(&ended, inner);
        assert!(
            !rows.last().unwrap().is_empty(),
            "the help's last line sits at the foot at {w}×{h}:\n{ended}"
        );
        assert!(
            ended.contains("到末尾") || ended.contains("末尾"),
            "the help's end is reached at {w}×{h}:\n{ended}"
        );
    }
}

/// The screen's last row: the status bar.
fn bar(app: &mut Harness, w: u16, h: u16) -> String {
    screen(app, w, h).lines().last().unwrap_or("").to_string()
}

#[test]
fn the_status_bar_offers_what_matters_in_each_pane_first() {
    let (_d, _ws, mut app) = sample_app();
    for w in [160, 100, 80] {
        let line = bar(&mut app, w, 45);
        assert!(line.contains("Enter 放入本期"), "the pool's first hint at {w} columns: {line}");
        assert!(!line.contains("↑ 上移选择"), "arrows are not what a user needs told first: {line}");
    }
    let line = bar(&mut app, 160, 45);
    let at = |s: &str| line.find(s).unwrap_or_else(|| panic!("{s} missing: {line}"));
    assert!(at("Enter 放入本期") < at("/ 筛选") && at("/ 筛选") < at("e 编辑稿件"), "{line}");
    assert!(!line.contains("Esc"), "no filter, nothing for Esc to clear: {line}");
    press(&mut app, &["tab"]);
    let line = bar(&mut app, 160, 45);
    assert!(line.contains("Enter 编辑稿件") && line.contains("Alt-↑ 稿件或栏目上移"), "{line}");
    press(&mut app, &["enter"]);
    let line = bar(&mut app, 160, 45);
    assert!(line.contains("Esc 结束编辑") && line.contains("Ctrl-S 保存"), "{line}");
}

#[test]
fn esc_clears_a_kept_filter_and_the_bar_says_so() {
    let (_d, _ws, mut app) = sample_app();
    let all = pool_ids(&app).len();
    press(&mut app, &["/"]);
    type_text(&mut app, "水利");
    press(&mut app, &["enter"]);
    assert_eq!(app.view().pool.view().len(), 1, "the filter is kept after Enter");
    let line = bar(&mut app, 160, 45);
    assert!(line.contains("Esc 清除筛选"), "{line}");
    assert!(line.find("Esc 清除筛选") < line.find("Enter 放入本期"), "{line}");
    press(&mut app, &["esc"]);
    assert_eq!(app.view().pool.view().len(), all, "Esc shows the whole pool again");
    assert!(app.view().pool.filter.is_empty());
    assert!(!bar(&mut app, 160, 45).contains("Esc"));
    // English too.
    let (_d, ws) = sample_workspace();
    let dirs = jianbao::tui::config::Dirs { config: None, state: None, fonts: Some(test_fonts()) };
    let mut app = Harness::start(&issue_path(&ws, "2026-45"), dirs, jianbao::lang::Lang::En);
    let line = bar(&mut app, 160, 45);
    assert!(line.contains("Enter Place in the issue"), "{line}");
}

#[test]
fn keys_typed_in_the_editor_pane_change_no_text_until_editing_is_chosen() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab", "tab"]);
    assert_eq!(app.focus(), Focus::Editor, "Tab reaches the editor pane");
    let item = app.editor().unwrap().item();
    // List habits: j, k, g, G, letters, a paste.
    type_text(&mut app, "jkgGxy稿");
    paste(&mut app, "粘贴的文字");
    assert_eq!(app.editor().unwrap().item(), item, "nothing typed by habit reached the text");
    assert!(!app.is_dirty());
    assert!(status(&app).contains("按 Enter 开始编辑"), "{}", status(&app));
    let text = screen(&mut app, 160, 45);
    assert!(!text.contains("正在编辑"), "not shown as editing:\n{text}");
    assert!(text.lines().last().unwrap().contains("Enter 开始编辑") || status(&app).contains("Enter"));
    // Enter: now typing goes in, and the pane and the bar say so.
    press(&mut app, &["enter"]);
    let text = screen(&mut app, 160, 45);
    assert!(text.contains("正文 · 正在编辑"), "{text}");
    assert!(text.lines().last().unwrap().contains("✎ 正在编辑"), "{text}");
    type_text(&mut app, "甲");
    assert!(app.editor().unwrap().item().body.starts_with('甲'));
    // Esc leaves editing, back to the list it came from.
    press(&mut app, &["esc"]);
    assert_eq!(app.focus(), Focus::Outline);
    assert!(!screen(&mut app, 160, 45).contains("正在编辑"));
    // Enter on an outline item, `e` on a pooled one, a click in a field: editing at once.
    press(&mut app, &["enter"]);
    assert!(screen(&mut app, 160, 45).contains("正在编辑"));
    press(&mut app, &["esc", "shift-tab", "e"]);
    assert_eq!(app.focus(), Focus::Editor);
    assert!(screen(&mut app, 160, 45).contains("正在编辑"));
    press(&mut app, &["esc", "tab", "tab"]);
    assert!(!screen(&mut app, 160, 45).contains("正在编辑"));
    let areas = app.areas();
    let body = app.view().editor.field_area(areas.editor, app.env().lang, Field::Body).unwrap();
    click(&mut app, body.x + 2, body.y);
    assert!(screen(&mut app, 160, 45).contains("正在编辑"), "a click in a field starts editing");
}

#[test]
fn notes_are_shown_marked_and_edited_in_the_editor() {
    let (_d, ws, mut app) = sample_app();
    // The sample's first item carries a note: the outline marks it, the editor shows it.
    press(&mut app, &["tab"]);
    let text = screen(&mut app, 160, 45);
    let outline = rows_of(&text, app.areas().outline);
    let first = outline.iter().find(|l| l.contains("  1 江州市科协召开2027年")).unwrap();
    assert!(first.contains("［注］"), "{first}");
    let second = outline.iter().find(|l| l.contains("  2 江州市企业科协")).unwrap();
    assert!(!second.contains("［注］"), "{second}");
    assert!(text.contains("备注    郑国良讲话稿全文见办公室共享盘"), "{text}");
    // A pooled item's note shows under it in the pool.
    let pooled = app.doc().pool().iter().find(|i| !i.notes.is_empty()).expect("a pooled item with a note");
    let note = pooled.notes.lines().next().unwrap().chars().take(6).collect::<String>();
    assert!(text.lines().any(|l| l.contains("［注］") && l.contains(&note)), "{note}\n{text}");
    // Settle it: into the notes field, clear it, save.
    press(&mut app, &["enter", "ctrl-up"]);
    let ed = app.editor().unwrap();
    assert_eq!(ed.focus, Field::Notes, "the field above the body is the notes");
    press(&mut app, &["ctrl-end"]);
    for _ in 0..40 {
        press(&mut app, &["backspace"]);
    }
    type_text(&mut app, "已核实");
    press(&mut app, &["esc", "ctrl-s"]);
    let saved = jianbao::store::load_issue(&issue_path(&ws, "2026-45")).unwrap().doc;
    assert_eq!(saved.sections[0].items[0].notes, "已核实");
    press(&mut app, &["ctrl-z"]);
    assert_eq!(
        app.doc().issue().sections[0].items[0].notes,
        "郑国良讲话稿全文见办公室共享盘",
        "undone as one step"
    );
}

/// The footer dialog's field `field` (by its place after 报送邮箱) set to `text`.
fn footer_field(app: &mut Harness, tabs: usize, text: &str) {
    for _ in 0..tabs {
        press(app, &["tab"]);
    }
    press(app, &["ctrl-a", "ctrl-k"]);
    type_text(app, text);
}

/// Point 1: a change to the footer reaches next week's issue; ticked, it is also written
/// to jianbao.toml for later first issues; unticked, jianbao.toml stays as it was.
#[test]
fn footer_changes_reach_the_next_issue_and_the_box_writes_the_profile() {
    for tick in [false, true] {
        let (_d, ws, mut app) = sample_app();
        let profile_before = std::fs::read_to_string(ws.profile_path()).unwrap();
        press(&mut app, &["f3"]);
        assert_eq!(form_name(&app.app), Some("footer"));
        let text = screen(&mut app, 160, 45);
        assert!(text.contains("[ ] 也作为以后各期的默认"), "{text}");
        footer_field(&mut app, 1, "王新");
        if tick {
            // 编辑 → 审核 → 印数 → 分送 → the box.
            press(&mut app, &["tab", "tab", "tab", "tab", "space"]);
            assert!(screen(&mut app, 160, 45).contains("[x] 也作为以后各期的默认"));
        }
        press(&mut app, &["ctrl-s"]);
        assert!(no_layer(&app.app), "the dialog closed");
        app.settle();
        assert_eq!(app.doc().issue().footer.editor, "王新");
        let profile = std::fs::read_to_string(ws.profile_path()).unwrap();
        if tick {
            assert!(status(&app.app).contains("以后各期以此为默认"), "{}", status(&app.app));
            assert!(profile.contains("editor = \"王新\""), "{profile}");
            let back = jianbao::store::load::load_profile(&ws.profile_path()).unwrap().doc;
            assert_eq!(back.footer.editor, "王新");
            assert_eq!(back.publication.title, "科协每周动态", "the rest of the profile is kept");
        } else {
            assert_eq!(profile, profile_before, "jianbao.toml untouched");
        }
        // Ctrl-N saves issue 45 first, then makes 46 from it.
        press(&mut app, &["ctrl-n", "enter"]);
        app.settle();
        assert_eq!(app.doc().issue().numbering.number, 46);
        assert_eq!(app.doc().issue().footer.editor, "王新", "carried from issue 45 (tick: {tick})");
    }
}

/// Point 1: the masthead's box writes the publication (title, publisher, TOC heading).
#[test]
fn the_masthead_box_writes_the_publication_to_the_profile() {
    let (_d, ws, mut app) = sample_app();
    press(&mut app, &["f2"]);
    assert_eq!(form_name(&app.app), Some("masthead"));
    press(&mut app, &["tab"]);
    press(&mut app, &["ctrl-a", "ctrl-k"]);
    type_text(&mut app, "江州市科学技术协会办公室");
    for _ in 0..6 {
        press(&mut app, &["tab"]);
    }
    press(&mut app, &["space", "enter"]);
    app.settle();
    let back = jianbao::store::load::load_profile(&ws.profile_path()).unwrap().doc;
    assert_eq!(back.publication.publisher, "江州市科学技术协会办公室");
    assert_eq!(back.footer.editor, "陈思远", "the footer table is kept");
    for (w, h) in [(40, 12), (160, 45)] {
        press(&mut app, &["f2"]);
        let text = screen(&mut app, w, h);
        assert!(text.contains("[ ] 也作为"), "{w}×{h}:\n{text}");
        press(&mut app, &["esc"]);
    }
}

/// The export dialog's file field, as shown.
fn export_path_field(app: &mut Harness) -> String {
    let text = screen(app, 160, 45);
    let line = text.lines().find(|l| l.contains("文件 ")).unwrap_or_else(|| panic!("{text}")).to_string();
    line.split("文件").nth(1).unwrap().split('║').next().unwrap().trim().to_string()
}

/// Point 8: a file of that name is replaced only when the user says so; "返回" keeps the
/// dialog and its values.
#[test]
fn the_export_dialog_asks_before_replacing_a_file() {
    let (_d, ws, mut app) = sample_app();
    let target = ws.exports_dir().join("2026-45.txt");
    std::fs::create_dir_all(ws.exports_dir()).unwrap();
    std::fs::write(&target, "上周的稿子\n").unwrap();
    press(&mut app, &["ctrl-e", "enter"]);
    assert_eq!(confirm_kind(&app.app), Some(ConfirmKind::Overwrite));
    let text = screen(&mut app, 160, 45);
    assert!(text.contains("已存在。替换它吗？") && text.contains("2026-45.txt"), "{text}");
    // The default button is 返回: Enter goes back to the dialog, the file untouched.
    press(&mut app, &["enter"]);
    assert_eq!(form_name(&app.app), Some("export"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "上周的稿子\n");
    // 替换 writes it and closes everything.
    press(&mut app, &["enter", "left", "enter"]);
    assert!(no_layer(&app.app), "{}", status(&app.app));
    assert!(std::fs::read_to_string(&target).unwrap().contains("科协每周动态"));
    // A new name is written without a question.
    press(&mut app, &["ctrl-e", "down", "right", "enter"]);
    assert!(no_layer(&app.app));
    assert!(ws.exports_dir().join("2026-45.md").is_file());
}

/// Point 8: `~` is the home folder (typed, and in Tab completion); a relative path is said
/// in full.
#[test]
fn the_export_dialog_expands_the_home_folder_and_names_the_full_path() {
    // A folder of our own under the real home (the environment is shared by the tests
    // running beside this one: it is not changed).
    let Some(home) = std::env::var_os("HOME").map(std::path::PathBuf::from).filter(|h| h.is_dir()) else {
        return;
    };
    let mine = tempfile::tempdir_in(&home).unwrap();
    let name = mine.path().file_name().unwrap().to_string_lossy().to_string();
    std::fs::create_dir(mine.path().join("打印稿")).unwrap();
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["ctrl-e", "ctrl-a", "ctrl-k"]);
    type_text(&mut app, &format!("~/{name}/打"));
    press(&mut app, &["tab"]);
    assert_eq!(export_path_field(&mut app), format!("~/{name}/打印稿/"), "Tab completes under ~");
    type_text(&mut app, "第45期.txt");
    press(&mut app, &["enter"]);
    app.settle();
    let written = mine.path().join("打印稿/第45期.txt");
    assert!(written.is_file(), "{}", status(&app.app));
    assert!(status(&app.app).contains(&written.display().to_string()), "{}", status(&app.app));
}

/// Point 8: a relative path is taken from the folder jianbao started in and said in full.
#[test]
fn a_relative_export_path_is_said_in_full() {
    let (_d, ws) = sample_workspace();
    let started_in = tempfile::tempdir().unwrap();
    let options = jianbao::tui::Options {
        path: Some(issue_path(&ws, "2026-45")),
        lang: Some(jianbao::lang::Lang::Zh),
        cwd: Some(started_in.path().to_path_buf()),
        ..Default::default()
    };
    let dirs = jianbao::tui::config::Dirs { config: None, state: None, fonts: Some(test_fonts()) };
    let mut app = Harness::try_start(&options, dirs).unwrap_or_else(|e| panic!("{e}"));
    press(&mut app, &["ctrl-e", "ctrl-a", "ctrl-k"]);
    type_text(&mut app, "送印/第45期.txt");
    std::fs::create_dir(started_in.path().join("送印")).unwrap();
    press(&mut app, &["enter"]);
    let full = started_in.path().join("送印/第45期.txt");
    assert!(full.is_file(), "written where jianbao started: {}", status(&app.app));
    let said = status(&app.app);
    assert!(said.contains(&full.display().to_string()), "{said}");
}

/// Point 8: the dialog starts from the last choices made in this workspace (format,
/// width, pages, folder), and the name still follows them.
#[test]
fn the_export_dialog_remembers_the_last_choices_of_the_workspace() {
    let state = tempfile::tempdir().unwrap();
    let (_d, ws) = sample_workspace();
    let folder = ws.root().join("送印");
    std::fs::create_dir(&folder).unwrap();
    let mut app = open_with_state(&issue_path(&ws, "2026-45"), state.path());
    // Markdown, into 送印/.
    press(&mut app, &["ctrl-e", "down", "right", "up", "ctrl-a", "ctrl-k"]);
    type_text(&mut app, &format!("{}/2026-45.md", folder.display()));
    press(&mut app, &["enter"]);
    assert!(folder.join("2026-45.md").is_file(), "{}", status(&app.app));
    drop(app);
    let mut app = open_with_state(&issue_path(&ws, "2026-45"), state.path());
    press(&mut app, &["ctrl-e"]);
    let text = screen(&mut app, 160, 45);
    assert_eq!(export_path_field(&mut app), format!("{}/2026-45.md", folder.display()), "{text}");
    // Another format: the name follows, in the remembered folder.
    press(&mut app, &["down", "right"]);
    assert_eq!(export_path_field(&mut app), format!("{}/2026-45.pdf", folder.display()));
    // Another workspace remembers nothing of it.
    let (_d2, ws2) = sample_workspace();
    let mut other = open_with_state(&issue_path(&ws2, "2026-45"), state.path());
    press(&mut other, &["ctrl-e"]);
    assert_eq!(export_path_field(&mut other), ws2.exports_dir().join("2026-45.txt").display().to_string());
}

/// Point 4: an issue with errors is exported only after a second yes; the errors are
/// listed in the question.
#[test]
fn the_export_dialog_shows_the_errors_before_writing() {
    let (_d, ws) = sample_workspace();
    let path = issue_path(&ws, "2026-45");
    // An item without a headline is an error of `check`.
    let mut issue = jianbao::store::load_issue(&path).unwrap().doc;
    issue.sections[0].items[0].headline.clear();
    jianbao::store::save_issue(&path, &issue).unwrap();
    let mut app = open(&path);
    press(&mut app, &["ctrl-e", "enter"]);
    assert_eq!(confirm_kind(&app.app), Some(ConfirmKind::ExportErrors), "{}", status(&app.app));
    let text = screen(&mut app, 160, 45);
    assert!(text.contains("检查发现 1 个错误") && text.contains("标题为空"), "{text}");
    press(&mut app, &["enter"]);
    assert_eq!(form_name(&app.app), Some("export"), "返回 is the default");
    assert!(!ws.exports_dir().join("2026-45.txt").exists());
    press(&mut app, &["enter", "left", "enter"]);
    assert!(no_layer(&app.app));
    assert!(ws.exports_dir().join("2026-45.txt").is_file());
}

/// Point 4: the status bar counts what check finds, F8 lists it (errors first) and Enter
/// goes to the item or section of a finding.
#[test]
fn findings_are_counted_listed_and_each_leads_to_its_place() {
    let (_d, _ws, mut app) = sample_app();
    let bar = screen(&mut app, 160, 45);
    let bar = bar.lines().last().unwrap().to_string();
    assert!(bar.contains("检查 ⚠2"), "the sample's two notes: {bar}");
    // A new empty section is an error.
    press(&mut app, &["tab", "end"]);
    let sections = app.doc().issue().sections.len();
    press(&mut app, &["s"]);
    type_text(&mut app, "新栏目");
    press(&mut app, &["enter"]);
    assert_eq!(app.doc().issue().sections.len(), sections + 1, "{}", status(&app.app));
    let text = screen(&mut app, 160, 45);
    assert!(text.lines().last().unwrap().contains("✗1 ⚠2"), "{text}");
    press(&mut app, &["home", "f8"]);
    assert_eq!(form_name(&app.app), Some("findings"));
    let text = screen(&mut app, 160, 45);
    assert!(text.contains("检查：1 个错误，2 个警告"), "{text}");
    let first = text.lines().position(|l| l.contains("错误：【新栏目】")).expect("the error listed");
    let note = text.lines().position(|l| l.contains("还有备注未处理")).expect("a warning listed");
    assert!(first < note, "errors first:\n{text}");
    // Down to the first warning, Enter: the outline is on that item.
    press(&mut app, &["down", "enter"]);
    assert!(no_layer(&app.app));
    assert_eq!(app.focus(), Focus::Outline);
    let item = app.editor().expect("the editor shows the item").item();
    assert!(!item.notes.is_empty(), "the item with the note: {}", item.headline);
    for (w, h) in [(40, 12), (160, 45)] {
        press(&mut app, &["f8"]);
        let text = screen(&mut app, w, h);
        assert!(text.contains("检查"), "{w}×{h}:\n{text}");
        press(&mut app, &["esc"]);
    }
}

/// Point 2: the first run's setup dialog makes the office's own workspace and first issue,
/// opens it and makes it the one `jianbao` opens; Esc keeps the sample.
#[test]
fn the_setup_dialog_makes_ones_own_workspace_and_opens_its_first_issue() {
    let (_d, ws) = sample_workspace();
    let config = tempfile::tempdir().unwrap();
    let dirs = jianbao::tui::config::Dirs {
        config: Some(config.path().to_path_buf()),
        state: None,
        fonts: Some(test_fonts()),
    };
    let mut app = Harness::start(&issue_path(&ws, "2026-45"), dirs.clone(), jianbao::lang::Lang::Zh);
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("简报");
    app.app.offer_setup(&folder);
    assert_eq!(form_name(&app.app), Some("setup"));
    for (w, h) in [(160, 45), (40, 12)] {
        let text = screen(&mut app, w, h);
        assert!(text.contains("建立自己的刊物") && text.contains("刊名"), "{w}×{h}:\n{text}");
    }
    // Without a title it says so and stays.
    press(&mut app, &["enter"]);
    assert_eq!(form_name(&app.app), Some("setup"));
    assert!(screen(&mut app, 160, 45).contains("刊名不能为空"));
    type_text(&mut app, "鹭城科协工作动态");
    press(&mut app, &["tab"]);
    type_text(&mut app, "鹭城市科协办公室");
    press(&mut app, &["tab", "tab", "right", "tab"]); // run-in headlines
    type_text(&mut app, "林晓");
    // The last field, the folder, shows even at 40×12.
    for _ in 0..7 {
        press(&mut app, &["tab"]);
    }
    let text = screen(&mut app, 40, 12);
    assert!(text.contains("文件夹"), "the focused field is on screen:\n{text}");
    press(&mut app, &["enter"]);
    app.settle();
    assert!(no_layer(&app.app), "{}", status(&app.app));
    let made = jianbao::store::Workspace::open(&folder).expect("a workspace");
    let profile = made.profile().unwrap().doc;
    assert_eq!(profile.publication.title, "鹭城科协工作动态");
    assert_eq!(profile.layout.headline_style, jianbao::model::HeadlineStyle::RunIn);
    assert_eq!(profile.footer.editor, "林晓");
    assert_eq!(app.doc().issue().publication.title, "鹭城科协工作动态", "its first issue is open");
    assert_eq!(app.doc().issue().numbering.number, 1);
    assert!(app.doc().issue_path.starts_with(&folder));
    let cfg = jianbao::tui::config::Config::load(dirs.config_file().as_deref()).unwrap();
    assert_eq!(cfg.workspace, Some(folder.clone()), "jianbao opens it from now on");

    // A second setup into the same folder is refused in the dialog, and Esc keeps what is open.
    app.app.offer_setup(&folder);
    type_text(&mut app, "另一份");
    press(&mut app, &["enter"]);
    assert!(screen(&mut app, 160, 45).contains("已经是一个工作区"));
    press(&mut app, &["esc"]);
    assert!(no_layer(&app.app));
    assert!(status(&app.app).contains("jianbao init"), "{}", status(&app.app));
}

/// Point 12: the editor's soft wrap follows the export's 禁则 — no drawn row of the body
/// starts with 、。，）” or ends with （“, at any size (the textarea's wrap, patched:
/// vendor/ratatui-textarea/PATCHED.md).
#[test]
fn the_editors_soft_wrap_never_starts_a_row_with_a_pause_mark() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab", "enter"]);
    // Paragraphs whose marks fall at every column some time.
    let text: String = (0..24)
        .map(|n| {
            let lead = "科".repeat(n % 7);
            format!("{lead}市科协、市学会，“科技服务”（试点）。江州港务集团科协、{n}家企业。\n")
        })
        .collect();
    paste(&mut app, &text);
    let no_start = ['、', '。', '，', '）', '”', '：', '；'];
    let no_end = ['（', '“'];
    let mut checked = 0;
    for (w, h) in [(160, 45), (100, 30), (80, 24), (57, 15), (40, 12)] {
        let shown = screen(&mut app, w, h);
        let lang = app.env().lang;
        let body = app
            .view()
            .editor
            .field_area(app.areas().editor, lang, Field::Body)
            .unwrap_or_else(|| panic!("{w}×{h}: no body shown:\n{shown}"));
        let rows = rows_of(&shown, body);
        for pair in rows.windows(2) {
            let (above, row) = (&pair[0], &pair[1]);
            if row.is_empty() || above.is_empty() {
                continue;
            }
            checked += 1;
            let first = row.chars().next().unwrap();
            assert!(!no_start.contains(&first), "{w}×{h}: a row starts with {first}:\n{}", rows.join("\n"));
            // A row ending with an opening mark is only wrong when the paragraph goes on.
            let last = above.chars().last().unwrap();
            assert!(!no_end.contains(&last), "{w}×{h}: a row ends with {last}:\n{}", rows.join("\n"));
        }
    }
    assert!(checked > 40, "rows were compared: {checked}");
}

/// Point 11: at 100 columns the pane the user is in has the room — the outline's TOC lines
/// show whole when it is focused, the pool's headlines when the pool is.
#[test]
fn at_100_columns_the_focused_pane_has_the_room() {
    let (_d, _ws, mut app) = sample_app();
    let entry = "◆　江州市科协召开2027年重点工作谋划会";
    let before = screen(&mut app, 100, 30);
    assert!(!before.contains(entry), "the pool is focused: the outline is narrow\n{before}");
    press(&mut app, &["tab"]);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains(entry), "{text}");
    let pool_row = "全市科普讲解大赛决赛选手名单";
    assert!(before.contains(pool_row), "the pool, focused, shows its headline whole:\n{before}");
}

/// Point 11: on a window narrower than the layout the preview scrolls sideways (← →), so
/// the right-aligned date and 共印 lines can be read; the arrows stop at the widest line.
#[test]
fn the_preview_scrolls_sideways_on_a_narrow_window() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["ctrl-p"]);
    let date = "2026年11月20日";
    let first = screen(&mut app, 40, 12);
    assert!(!first.contains(date), "cut at 40 columns:\n{first}");
    for _ in 0..30 {
        press(&mut app, &["right"]);
    }
    let right = screen(&mut app, 40, 12);
    assert!(right.contains(date), "scrolled to the right:\n{right}");
    let hidden_left = right.lines().any(|l| l.contains("江州市科协办公室"));
    assert!(!hidden_left, "the publisher's name is off to the left now:\n{right}");
    press(&mut app, &["home"]);
    for _ in 0..30 {
        press(&mut app, &["left"]);
    }
    assert_eq!(screen(&mut app, 40, 12), first, "back at the left edge");
}
