//! The editor driven by key sequences, asserting on the model, the files and the screen.

use crate::common::app::*;
use jianbao::commands::export::{Destination, Settings, export_file};
use jianbao::model::ItemPos;
use jianbao::store::session::Session;
use jianbao::store::{load_issue, load_pool_item};
use jianbao::tui::app::Focus;
use jianbao::tui::layers::Layer;
use jianbao::tui::panes::outline::Row;

#[test]
fn enter_in_the_pool_places_the_item_after_the_outline_selection() {
    let (_d, _ws, mut app) = sample_app();
    assert_eq!(app.focus(), Focus::Pool, "the editor starts with the Pool focused");
    let first_pool = pool_ids(&app)[0].clone();
    let before = outline_ids(&app);
    assert_eq!(app.view().outline.sel, Row::Item(ItemPos::new(0, 0)));
    press(&mut app, &["enter"]);
    let after = outline_ids(&app);
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after[1], first_pool, "placed after the selected first item");
    assert!(!pool_ids(&app).contains(&first_pool));
    assert_eq!(app.view().outline.sel, Row::Item(ItemPos::new(0, 1)), "the outline follows the placed item");
    // The next Enter places the next pooled item after it: building in order.
    let second_pool = pool_ids(&app)[0].clone();
    press(&mut app, &["enter"]);
    assert_eq!(outline_ids(&app)[2], second_pool);
}

#[test]
fn alt_arrows_move_an_item_across_section_borders() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab"]);
    assert_eq!(app.focus(), Focus::Outline);
    let last_lead = app.doc().issue().sections[0].items.len() - 1;
    let id = app.doc().issue().sections[0].items[last_lead].id.clone();
    app.select_row(Row::Item(ItemPos::new(0, last_lead)));
    press(&mut app, &["alt-down"]);
    assert_eq!(app.doc().issue().sections[1].items[0].id, id, "into the next section's top");
    assert_eq!(app.view().outline.sel, Row::Item(ItemPos::new(1, 0)));
    press(&mut app, &["alt-up"]);
    assert_eq!(app.doc().issue().sections[0].items[last_lead].id, id, "and back");
    press(&mut app, &["K", "K"]);
    assert_eq!(app.doc().issue().sections[0].items[last_lead - 2].id, id);
}

#[test]
fn delete_in_the_outline_sends_the_item_back_to_the_pool_in_date_order() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab"]);
    let item = app.doc().issue().sections[0].items[0].clone();
    press(&mut app, &["delete"]);
    assert!(!outline_ids(&app).contains(&item.id));
    assert!(pool_ids(&app).contains(&item.id));
    let dates: Vec<_> = app.doc().pool().iter().map(|i| i.received).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "the pool stays newest first");
}

#[test]
fn undo_and_redo_walk_structural_edits_back_and_forth() {
    let (_d, _ws, mut app) = sample_app();
    let original = app.doc().model.clone();
    press(&mut app, &["enter", "enter", "tab", "alt-down", "delete"]);
    let changed = app.doc().model.clone();
    assert_ne!(changed, original);
    press(&mut app, &["ctrl-z", "ctrl-z", "ctrl-z", "ctrl-z"]);
    assert_eq!(app.doc().model, original);
    press(&mut app, &["ctrl-z"]);
    assert_eq!(app.doc().model, original, "nothing more to undo");
    press(&mut app, &["ctrl-y", "ctrl-y", "ctrl-y", "ctrl-y"]);
    assert_eq!(app.doc().model, changed);
}

/// README: "undo … of 200 steps". Two hundred moves undo back to the start; of 201, the
/// first is forgotten.
#[test]
fn history_keeps_exactly_two_hundred_steps() {
    for (steps, back_to_start) in [(200, true), (201, false)] {
        let (_d, _ws, mut app) = sample_app();
        press(&mut app, &["tab"]);
        let original = app.doc().model.clone();
        for i in 0..steps {
            press(&mut app, &[if i % 2 == 0 { "alt-down" } else { "alt-up" }]);
        }
        assert_eq!(app.doc().history.len(), 200);
        for _ in 0..steps + 10 {
            press(&mut app, &["ctrl-z"]);
        }
        assert_eq!(app.doc().model == original, back_to_start, "{steps} steps");
    }
}

#[test]
fn history_keeps_at_least_a_hundred_steps() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab"]);
    let original = app.doc().model.clone();
    for _ in 0..60 {
        press(&mut app, &["alt-down", "alt-up"]);
    }
    assert!(app.doc().history.len() >= 100);
    for _ in 0..120 {
        press(&mut app, &["ctrl-z"]);
    }
    assert_eq!(app.doc().model, original);
}

#[test]
fn typing_chinese_then_saving_survives_a_reopen() {
    let (_d, ws, mut app) = sample_app();
    let placed = pool_ids(&app)[0].clone();
    press(&mut app, &["enter", "tab", "tab", "enter"]);
    assert_eq!(app.focus(), Focus::Editor);
    assert_eq!(app.editor().unwrap().id, placed, "the editor shows the placed item");
    type_text(&mut app, "【补充】");
    assert!(app.is_dirty());
    press(&mut app, &["ctrl-s"]);
    assert!(!app.is_dirty());
    assert!(!ws.pool_path(&placed).exists(), "the pool file is gone once the item is saved in the issue");
    let reopened = Session::open(&issue_path(&ws, "2026-45")).unwrap();
    let item = reopened.issue().item(ItemPos::new(0, 1)).unwrap();
    assert_eq!(item.id, placed);
    assert!(item.body.starts_with("【补充】"), "{}", item.body);
}

#[test]
fn text_edits_undo_in_the_editor_and_then_as_one_step_outside() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab", "tab", "enter"]);
    let before = app.doc().issue().sections[0].items[0].body.clone();
    type_text(&mut app, "甲乙");
    press(&mut app, &["ctrl-z"]);
    assert_eq!(app.editor().unwrap().item().body, format!("甲{before}"));
    type_text(&mut app, "丙");
    press(&mut app, &["esc"]);
    assert_eq!(app.focus(), Focus::Outline);
    assert_eq!(app.doc().issue().sections[0].items[0].body, format!("甲丙{before}"));
    press(&mut app, &["ctrl-z"]);
    assert_eq!(app.doc().issue().sections[0].items[0].body, before, "the edit session undoes as one step");
    assert!(app.editor().unwrap().item().body == before, "and the editor shows it");
}

#[test]
fn a_twenty_thousand_zi_paste_is_one_edit() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab", "tab", "enter"]);
    let before = app.editor().unwrap().item().body.clone();
    let paragraph = "江州市科协组织专家深入企业开展技术服务，推动科技成果转化落地。\r\n";
    let text = paragraph.repeat(20_000 / 30 + 1);
    assert!(text.chars().count() >= 20_000);
    paste(&mut app, &text);
    let body = app.editor().unwrap().item().body;
    assert!(!body.contains('\r'), "CRLF becomes LF");
    assert!(body.chars().count() >= 20_000 + before.chars().count() - 1);
    press(&mut app, &["ctrl-z"]);
    assert_eq!(app.editor().unwrap().item().body, before, "one undo takes the whole paste back");
}

#[test]
fn pasting_in_the_pool_makes_a_new_item() {
    let (_d, ws, mut app) = sample_app();
    let n = pool_ids(&app).len();
    paste(&mut app, "江州市科协举办青年科技论坛\r\n11月20日，论坛在江州大学举办。\r\n");
    assert_eq!(pool_ids(&app).len(), n + 1);
    assert_eq!(app.focus(), Focus::Editor);
    let item = app.editor().unwrap().item();
    assert_eq!(item.headline, "江州市科协举办青年科技论坛");
    assert_eq!(item.body, "11月20日，论坛在江州大学举办。\n");
    press(&mut app, &["ctrl-s"]);
    assert_eq!(load_pool_item(&ws.pool_path(&item.id)).unwrap().doc, item);
}

#[test]
fn new_and_deleted_pool_items_reach_the_disk_on_save() {
    let (_d, ws, mut app) = sample_app();
    press(&mut app, &["n"]);
    assert_eq!(app.focus(), Focus::Editor);
    type_text(&mut app, "江州市科协召开新闻发布会");
    press(&mut app, &["esc"]);
    let new_id = app.editor().unwrap().id.clone();
    press(&mut app, &["ctrl-s"]);
    let saved = load_pool_item(&ws.pool_path(&new_id)).unwrap().doc;
    assert_eq!(saved.headline, "江州市科协召开新闻发布会");

    let victim = pool_ids(&app)[1].clone();
    select_pooled(&mut app, &victim);
    press(&mut app, &["d"]);
    assert!(confirm_kind(&app).is_some(), "asks first");
    press(&mut app, &["left", "enter"]);
    assert!(!pool_ids(&app).contains(&victim));
    press(&mut app, &["ctrl-s"]);
    assert!(!ws.pool_path(&victim).exists());
    assert!(ws.trash_dir().join(format!("{victim}.toml")).exists(), "moved to the trash, not destroyed");
}

#[test]
fn the_filter_searches_headline_body_and_source() {
    let (_d, _ws, mut app) = sample_app();
    let all = app.view().pool.view().len();
    press(&mut app, &["/"]);
    type_text(&mut app, "水利学会");
    assert!(app.view().pool.view().len() < all && !app.view().pool.view().is_empty());
    for &k in app.view().pool.view() {
        let item = &app.doc().pool()[k];
        assert!(
            item.headline.contains("水利学会")
                || item.body.contains("水利学会")
                || item.sources.iter().any(|s| s.contains("水利学会"))
        );
    }
    press(&mut app, &["esc"]);
    assert_eq!(app.view().pool.view().len(), all);
}

#[test]
fn masthead_and_footer_dialogs_change_the_issue_and_undo() {
    let (_d, _ws, mut app) = sample_app();
    let original = app.doc().model.clone();
    press(&mut app, &["f2"]);
    // Fields: title, publisher, year, number, total, date, TOC heading.
    press(&mut app, &["tab", "tab", "tab", "backspace", "backspace"]);
    type_text(&mut app, "46");
    press(&mut app, &["enter"]);
    assert!(no_layer(&app));
    assert_eq!(app.doc().issue().numbering.number, 46);

    press(&mut app, &["f3", "tab", "ctrl-s"]);
    press(&mut app, &["f3"]);
    for _ in 0..4 {
        press(&mut app, &["tab"]);
    }
    press(&mut app, &["ctrl-s"]);
    assert_eq!(
        app.doc().issue().footer,
        original.issue.footer,
        "confirming an unchanged footer changes nothing"
    );

    press(&mut app, &["f3", "tab"]);
    for _ in 0..2 {
        press(&mut app, &["backspace"]);
    }
    type_text(&mut app, "张");
    press(&mut app, &["enter"]);
    assert_eq!(app.doc().issue().footer.editor, "陈张");

    press(&mut app, &["ctrl-z", "ctrl-z"]);
    assert_eq!(app.doc().model, original);
}

#[test]
fn a_bad_number_in_a_dialog_is_reported_there() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["f2", "tab", "tab", "tab"]);
    type_text(&mut app, "x");
    press(&mut app, &["enter"]);
    match app.top() {
        Some(Layer::Form(form)) => assert!(form.error().is_some()),
        _ => panic!("the dialog stays open with the error"),
    }
    assert_eq!(app.doc().issue().numbering.number, 45);
}

#[test]
fn sections_are_added_renamed_cycled_moved_and_deleted() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab", "s"]);
    type_text(&mut app, "专题报道");
    press(&mut app, &["enter"]);
    let s = app.doc().issue().sections.iter().position(|x| x.title == "专题报道").expect("added");
    assert_eq!(s, 1, "after the selected item's section");
    assert_eq!(app.view().outline.sel, Row::Section(1));
    press(&mut app, &["r", "backspace", "backspace"]);
    type_text(&mut app, "活动");
    press(&mut app, &["enter"]);
    assert_eq!(app.doc().issue().sections[1].title, "专题活动");
    press(&mut app, &["m"]);
    assert_eq!(app.doc().issue().sections[1].toc, jianbao::model::TocMode::Section);
    press(&mut app, &["alt-down"]);
    assert_eq!(app.doc().issue().sections[2].title, "专题活动");
    press(&mut app, &["delete"]);
    assert!(
        app.doc().issue().sections.iter().all(|x| x.title != "专题活动"),
        "an empty section goes at once"
    );

    // A section with items asks, then sends them back to the pool.
    let pool_before = pool_ids(&app).len();
    app.select_row(Row::Section(1));
    let items = app.doc().issue().sections[1].items.len();
    press(&mut app, &["delete"]);
    assert!(app.top().is_some());
    press(&mut app, &["left", "enter"]);
    assert_eq!(pool_ids(&app).len(), pool_before + items);
    press(&mut app, &["ctrl-z"]);
    assert_eq!(pool_ids(&app).len(), pool_before);
    assert_eq!(app.doc().issue().sections[1].items.len(), items);
}

#[test]
fn toc_flags_and_short_titles_are_set_from_the_outline() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab"]);
    let first = app.doc().issue().toc_entries()[0].title.clone();
    press(&mut app, &["t"]);
    assert!(!app.doc().issue().sections[0].items[0].in_toc);
    assert_ne!(app.doc().issue().toc_entries()[0].title, first);
    press(&mut app, &["t", "T"]);
    type_text(&mut app, "短题");
    press(&mut app, &["enter"]);
    assert_eq!(app.doc().issue().toc_entries()[0].title, "短题");
}

#[test]
fn the_export_dialog_writes_exactly_what_the_command_writes() {
    let (_d, ws, mut app) = sample_app();
    press(&mut app, &["tab", "enter", "esc"]);
    press(&mut app, &["ctrl-e", "enter"]);
    assert!(no_layer(&app), "{}", status(&app));
    let written = std::fs::read_to_string(ws.exports_dir().join("2026-45.txt")).unwrap();
    let cli =
        match export_file(&issue_path(&ws, "2026-45"), Some(std::path::Path::new("-")), Settings::default())
            .unwrap()
        {
            Destination::Stdout(text) => text,
            other => panic!("{other:?}"),
        };
    assert_eq!(written, cli);
}

/// Each choice of the Ctrl-E dialog (README: format, 字 per line, 0 for unwrapped, pages or
/// not) writes what `jianbao export` writes with the same choice.
#[test]
fn each_export_dialog_choice_writes_what_the_command_writes() {
    use jianbao::commands::export::Format;
    let cases: [(&[&str], &str, Settings); 4] = [
        (&["down", "right"], "", Settings { format: Format::Markdown, ..Settings::default() }),
        (
            &["down", "down", "backspace", "backspace"],
            "20",
            Settings { width: Some(20), ..Settings::default() },
        ),
        (
            &["down", "down", "backspace", "backspace"],
            "0",
            Settings { width: Some(0), ..Settings::default() },
        ),
        (&["down", "down", "down", "right"], "", Settings { paginate: Some(false), ..Settings::default() }),
    ];
    let mut outputs = vec![];
    for (keys, typed, settings) in cases {
        let (_d, ws, mut app) = sample_app();
        let _ = std::fs::remove_dir_all(ws.exports_dir());
        press(&mut app, &["ctrl-e"]);
        press(&mut app, keys);
        type_text(&mut app, typed);
        press(&mut app, &["enter"]);
        assert!(no_layer(&app), "{settings:?}: {}", status(&app));
        let files: Vec<_> = std::fs::read_dir(ws.exports_dir()).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let written = std::fs::read_to_string(&files[0]).unwrap();
        let cli = match export_file(&issue_path(&ws, "2026-45"), Some(std::path::Path::new("-")), settings)
            .unwrap()
        {
            Destination::Stdout(text) => text,
            other => panic!("{other:?}"),
        };
        assert_eq!(written, cli, "{settings:?}");
        outputs.push(written);
    }
    assert!(outputs[0].starts_with("# "), "Markdown");
    // Each choice wrote a file of its own name (SPEC §4): none replaces another.
    let (_d, ws, mut app) = sample_app();
    press(&mut app, &["ctrl-e", "down", "down", "backspace", "backspace"]);
    type_text(&mut app, "0");
    press(&mut app, &["enter"]);
    assert!(ws.exports_dir().join("2026-45.unwrapped.txt").exists(), "{}", status(&app));
    press(&mut app, &["ctrl-e", "down", "down", "backspace", "backspace"]);
    type_text(&mut app, "20");
    press(&mut app, &["enter"]);
    assert!(ws.exports_dir().join("2026-45.w20.txt").exists(), "{}", status(&app));
    assert!(!ws.exports_dir().join("2026-45.txt").exists());
    assert!(
        outputs[1]
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l.trim_start_matches('\u{c}')) <= 40),
        "20 字 per line"
    );
    assert!(outputs[2].lines().any(|l| unicode_width::UnicodeWidthStr::width(l) > 56), "unwrapped");
    assert!(!outputs[3].contains('\u{c}'), "no pages");
    for (i, a) in outputs.iter().enumerate() {
        for b in &outputs[i + 1..] {
            assert_ne!(a, b, "every choice changes the output");
        }
    }
}

#[test]
fn the_export_dialog_writes_the_pdf_the_command_writes_and_shows_its_fonts() {
    let (_d, ws, mut app) = sample_app();
    press(&mut app, &["ctrl-e", "down", "right", "right", "enter"]);
    let written =
        std::fs::read(ws.exports_dir().join("2026-45.pdf")).expect("the default name follows the format");
    let Some(Layer::Confirm(info)) = app.top() else { panic!("the fonts are shown: {}", status(&app)) };
    assert!(info.message.contains("正文：仿宋_GB2312 未找到，改用 Noto Serif CJK SC"), "{}", info.message);
    press(&mut app, &["enter"]);
    assert!(no_layer(&app));
    let issue = load_issue(&issue_path(&ws, "2026-45")).unwrap().doc;
    let sources = jianbao::export::fonts::Sources { system: false, folders: test_fonts() };
    let settings = Settings { format: jianbao::commands::export::Format::Pdf, ..Settings::default() };
    let cli = jianbao::commands::export::render_bytes(&issue, settings, &sources).unwrap();
    assert!(written == cli.bytes, "the same issue gives the same bytes, from the dialog or the command");
}

#[test]
fn the_preview_is_the_export_text() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["ctrl-p"]);
    let Some(Layer::Preview(preview)) = app.top() else { panic!("no preview") };
    let lines = preview.lines.clone();
    let issue = app.doc().issue();
    let export = jianbao::export::text(issue, jianbao::export::TextOptions::of(issue));
    assert_eq!(lines.join("\n").replace("\u{c}\n", "\u{c}"), export.trim_end_matches('\n'));
    assert!(lines.iter().any(|l| l == "\u{c}"), "page breaks are visible");
    let screen = screen(&mut app, 120, 40);
    assert!(screen.contains("— 1 —") && screen.contains("分页"));
    press(&mut app, &["esc"]);
    assert!(no_layer(&app));
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let (_d, ws, mut app) = sample_app();
    press(&mut app, &["enter", "q"]);
    assert!(!app.quit());
    assert!(app.top().is_some());
    press(&mut app, &["esc"]);
    assert!(!app.quit() && no_layer(&app));
    press(&mut app, &["q", "enter"]);
    assert!(app.quit(), "save and quit");
    assert_eq!(load_issue(&issue_path(&ws, "2026-45")).unwrap().doc, app.doc().model.issue);

    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["q"]);
    assert!(app.quit(), "nothing unsaved: quits at once");
}

#[test]
fn a_click_focuses_and_selects() {
    let (_d, _ws, mut app) = sample_app();
    draw(&mut app, 120, 40);
    let areas = app.areas();
    click(&mut app, areas.pool.x + 4, areas.pool.y + 1 + 2);
    assert_eq!(app.focus(), Focus::Pool);
    assert_eq!(app.view().pool.sel, 1, "two lines per pooled item");
    click(&mut app, areas.editor.x + 12, areas.editor.y + 8);
    assert_eq!(app.focus(), Focus::Editor);
}

#[test]
fn the_help_lists_every_binding() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["?"]);
    let text = screen(&mut app, 120, 60);
    for label in ["Ctrl-S", "Alt-↑", "Enter", "放入本期", "退回稿件池", "预览导出效果"] {
        assert!(text.contains(label), "{label} missing from the help");
    }
}

#[test]
fn english_with_jianbao_lang() {
    let (_d, ws) = sample_workspace();
    let dirs = jianbao::tui::config::Dirs {
        config: None,
        state: None,
        fonts: Some(crate::common::app::test_fonts()),
    };
    let mut app = Harness::start(&issue_path(&ws, "2026-45"), dirs, jianbao::lang::Lang::En);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Pool") && text.contains("Outline") && text.contains("Editor"));
}

#[test]
fn a_newer_file_opens_read_only() {
    let (_d, ws) = sample_workspace();
    let path = issue_path(&ws, "2026-45");
    let text = std::fs::read_to_string(&path).unwrap().replacen("format = 1", "format = 2", 1);
    std::fs::write(&path, &text).unwrap();
    let mut app = open(&path);
    assert!(app.doc().read_only);
    press(&mut app, &["enter", "tab", "delete", "ctrl-s"]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "never rewritten");
    assert!(screen(&mut app, 120, 40).contains("只读"));
}

#[test]
fn a_workspace_without_issues_offers_the_first_one() {
    let (_d, ws) = sample_workspace();
    for e in std::fs::read_dir(ws.issues_dir()).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    let mut app = Harness::try_start(
        &jianbao::tui::Options {
            path: Some(ws.root().to_path_buf()),
            theme: None,
            lang: None,
            cwd: None,
            sample: false,
        },
        jianbao::tui::config::Dirs {
            config: None,
            state: None,
            fonts: Some(crate::common::app::test_fonts()),
        },
    )
    .unwrap();
    assert!(app.top().is_some());
    press(&mut app, &["enter"]);
    let created: Vec<_> = std::fs::read_dir(ws.issues_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(app.doc().issue().numbering.number, 1);
}

#[test]
fn every_window_size_draws_without_panicking() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab", "tab"]);
    for (w, h) in [(1, 1), (10, 3), (39, 11), (40, 12), (41, 13), (60, 20), (99, 30), (100, 30), (200, 60)] {
        let text = screen(&mut app, w, h);
        if w < 40 || h < 12 {
            assert!(text.contains("窗口太小") || w * h < 20, "{w}×{h}:\n{text}");
        }
    }
    for overlay in [&["ctrl-p"][..], &["esc", "f1"], &["esc", "f3"], &["esc", "ctrl-o"]] {
        press(&mut app, overlay);
        for (w, h) in [(40, 12), (57, 15), (120, 40)] {
            screen(&mut app, w, h);
        }
    }
}

#[test]
fn ctrl_n_creates_and_opens_the_next_issue() {
    let (_d, ws, mut app) = sample_app();
    press(&mut app, &["ctrl-n"]);
    let n = app.doc().issue().numbering;
    assert_eq!((n.number, n.total), (46, 319));
    assert_eq!(app.doc().issue_path, issue_path(&ws, "2026-46"));
    assert!(app.doc().issue_path.is_file());
    assert!(app.doc().issue().items().next().is_none(), "same sections, no items");

    // With unsaved changes it asks first.
    let (_d, ws, mut app) = sample_app();
    press(&mut app, &["enter", "ctrl-n"]);
    assert!(app.top().is_some());
    press(&mut app, &["enter"]);
    assert_eq!(app.doc().issue().numbering.number, 46);
    assert_eq!(load_issue(&issue_path(&ws, "2026-45")).unwrap().doc.items().count(), 12, "saved first");
}

#[test]
fn the_terminal_cursor_follows_the_caret() {
    let (_d, _ws, mut app) = sample_app();
    let mut t = draw(&mut app, 120, 40);
    press(&mut app, &["tab", "tab", "enter"]);
    t.draw(|f| jianbao::tui::ui::draw(f, &app.app)).unwrap();
    let lang = app.env().lang;
    let body = app
        .view()
        .editor
        .field_area(app.areas().editor, lang, jianbao::tui::panes::item_editor::Field::Body)
        .unwrap();
    let at = t.get_cursor_position().unwrap();
    assert_eq!((at.x, at.y), (body.x, body.y), "at the start of the body");
    type_text(&mut app, "科协");
    t.draw(|f| jianbao::tui::ui::draw(f, &app.app)).unwrap();
    let at = t.get_cursor_position().unwrap();
    assert_eq!((at.x, at.y), (body.x + 4, body.y), "two wide characters later");
}

#[test]
fn theme_language_and_keys_come_from_config_toml() {
    let (_d, ws) = sample_workspace();
    let config = tempfile::tempdir().unwrap();
    std::fs::write(
        config.path().join("config.toml"),
        "theme = \"high-contrast\"\nlanguage = \"en\"\n[[keys.pool]]\nkeys = [\"x\"]\naction = \"place\"\n",
    )
    .unwrap();
    let dirs = jianbao::tui::config::Dirs {
        config: Some(config.path().to_path_buf()),
        state: None,
        fonts: Some(crate::common::app::test_fonts()),
    };
    let options = jianbao::tui::Options {
        path: Some(issue_path(&ws, "2026-45")),
        theme: None,
        lang: None,
        cwd: None,
        sample: false,
    };
    let mut app = Harness::try_start(&options, dirs.clone()).unwrap();
    assert_eq!(app.env().theme.name, "high-contrast");
    assert_eq!(app.env().lang, jianbao::lang::Lang::En);
    let n = outline_ids(&app).len();
    press(&mut app, &["x"]);
    assert_eq!(outline_ids(&app).len(), n + 1, "x places, as configured");

    let options = jianbao::tui::Options { theme: Some("light".into()), ..options };
    assert_eq!(Harness::try_start(&options, dirs.clone()).unwrap().env().theme.name, "light", "--theme wins");

    std::fs::write(config.path().join("config.toml"), "theme = \"light\"\nthem = 1\n").unwrap();
    let err = Harness::try_start(&options, dirs.clone()).err().expect("a bad config is refused").to_string();
    assert!(err.contains("config.toml:2:1"), "{err}");
    let options = jianbao::tui::Options { theme: Some("nonesuch".into()), ..options };
    std::fs::remove_file(config.path().join("config.toml")).unwrap();
    assert!(Harness::try_start(&options, dirs).is_err());
}

#[test]
fn importing_from_the_editor_lands_items_in_the_pool_as_one_step() {
    let (d, ws, mut app) = sample_app();
    let file = d.path().join("来稿.txt");
    std::fs::write(&file, "江州市科协举办青少年科技节\n\n　　11月21日，科技节在江州科技馆开幕。\n\n　　活动持续三天。\n\n（江州科技馆）\n").unwrap();
    let before = pool_ids(&app).len();
    press(&mut app, &["i", "ctrl-j"]);
    type_text(&mut app, &format!("{}/来", d.path().display()));
    press(&mut app, &["tab"]);
    press(&mut app, &["enter"]);
    assert!(no_layer(&app), "{}", status(&app));
    assert_eq!(pool_ids(&app).len(), before + 1);
    let item =
        app.doc().pool().iter().find(|i| i.headline == "江州市科协举办青少年科技节").expect("imported");
    assert_eq!(item.sources, ["江州科技馆"]);
    assert_eq!(item.paragraphs().count(), 2);
    assert_eq!(item.origin, "来稿.txt", "the file's name, never a path of this machine");
    let id = item.id.clone();
    press(&mut app, &["ctrl-s"]);
    assert!(ws.pool_path(&id).exists());
    press(&mut app, &["ctrl-z"]);
    assert_eq!(pool_ids(&app).len(), before, "one undo takes the import back");
}

#[test]
fn importing_an_item_already_there_is_skipped_with_its_place_named() {
    let (d, _ws, mut app) = sample_app();
    // The headline of an item placed in the sample issue, its body re-worded.
    let placed = app.doc().issue().items().nth(1).expect("a second item").clone();
    let position = 2;
    let file = d.path().join("重复来稿.txt");
    let text = format!(
        "{}\n\n　　这是同一件事另写的一段正文。\n\n（某单位）\n\n---\n\n江州市科协举办青少年科技节\n\n　　11月21日，科技节在江州科技馆开幕。\n\n（江州科技馆）\n",
        placed.headline.replace('\n', "")
    );
    std::fs::write(&file, text).unwrap();
    let before = pool_ids(&app).len();
    let import = |app: &mut Harness| {
        press(app, &["i", "ctrl-j"]);
        type_text(app, &file.display().to_string());
        press(app, &["enter"]);
    };
    import(&mut app);
    assert_eq!(pool_ids(&app).len(), before + 1, "only the new item comes in");
    let n = &app.doc().issue().numbering;
    let said = status(&app);
    let place = format!("{}年第{}期第{position}条", n.year, n.number);
    assert!(said.contains("已导入 1 篇稿件") && said.contains(&place), "{said}");
    // The same file again: nothing new, and the status says where each one is.
    import(&mut app);
    assert_eq!(pool_ids(&app).len(), before + 1);
    let said = status(&app);
    assert!(
        said.contains("没有导入新稿件") && said.contains("稿件池的“江州市科协举办青少年科技节”"),
        "{said}"
    );
}

#[test]
fn a_submission_pasted_into_the_pool_is_read_as_a_file_of_it_is() {
    let (_d, _ws, mut app) = sample_app();
    let n = pool_ids(&app).len();
    paste(
        &mut app,
        "报送单位：江州市农学会\r\n联系人：许佳宁  电话：0571-8655 3107\r\n\r\n标题：江州市农学会举办设施农业现场观摩会\r\n\r\n    11月21日，江州市农学会在云溪区现代农业产业园举办设施农业新技术现场\r\n观摩会，90余人参加。\r\n    观摩会上，专家介绍了水肥一体化等技术。\r\n（江州市农学会）\r\n",
    );
    assert_eq!(pool_ids(&app).len(), n + 1);
    let item = app.editor().expect("one item opens in the Editor").item();
    assert_eq!(item.headline, "江州市农学会举办设施农业现场观摩会");
    assert_eq!(item.sources, ["江州市农学会"]);
    assert_eq!(item.notes, "联系人：许佳宁 电话：0571-8655 3107");
    assert_eq!(
        item.paragraphs().collect::<Vec<_>>(),
        [
            "11月21日，江州市农学会在云溪区现代农业产业园举办设施农业新技术现场观摩会，90余人参加。",
            "观摩会上，专家介绍了水肥一体化等技术。"
        ]
    );
    // Two items in one paste: both come in, as one step.
    press(&mut app, &["esc", "esc"]);
    let n = pool_ids(&app).len();
    paste(
        &mut app,
        "云溪区科协召开基层组织建设推进会\n\n11月18日，会议在区科协召开。\n（云溪区科协）\n\n---\n\n滨江区科协开展科普进社区活动\n\n11月19日，活动在滨江社区举行。\n（滨江区科协）\n",
    );
    assert_eq!(pool_ids(&app).len(), n + 2, "{}", status(&app));
    press(&mut app, &["ctrl-z"]);
    assert_eq!(pool_ids(&app).len(), n, "one undo takes the paste back");
}

#[test]
fn the_issue_count_follows_typing_before_esc() {
    let (_d, _ws, mut app) = sample_app();
    press(&mut app, &["tab", "tab", "enter"]);
    assert_eq!(app.focus(), Focus::Editor);
    let before = app.doc().issue().zi_count();
    let shown = |app: &mut Harness| screen(app, 160, 45);
    assert!(shown(&mut app).contains(&format!("本期 {before}字")), "{}", shown(&mut app));
    type_text(&mut app, "甲乙丙丁戊");
    let screen_now = shown(&mut app);
    assert!(screen_now.contains(&format!("本期 {}字", before + 5)), "live while typing: {screen_now}");
    press(&mut app, &["esc"]);
    assert_eq!(app.doc().issue().zi_count(), before + 5);
    let after = shown(&mut app);
    assert!(
        after.contains(&format!("本期 {}字", before + 5))
            && !after.contains(&format!("本期 {}字", before + 10)),
        "{after}"
    );
}
