//! The whole screen at fixed sizes, as snapshots (reviewed by eye before committing).
//! Regenerate with `INSTA_UPDATE=always cargo test --test snapshots_tui` and read the diff.

use jianbao::lang::Lang;

use crate::common::app::*;

/// A fresh editor per size, at that size from the start, then the keys.
fn snap(name: &str, keys: &[&str], sizes: &[(u16, u16)]) {
    snap_in(Lang::Zh, name, keys, sizes);
}

/// The same in `lang`; the temporary folder's random name is masked (same length, so the
/// screen is laid out as it was).
fn snap_in(lang: Lang, name: &str, keys: &[&str], sizes: &[(u16, u16)]) {
    for &(w, h) in sizes {
        let (d, mut app) = sample_at(lang, w, h);
        press(&mut app, keys);
        let text = mask(&screen(&mut app, w, h), &d.path().file_name().unwrap().to_string_lossy());
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
}

/// A fresh editor on the sample's issue 45 in `lang`, at `w`×`h` from the start (no user
/// config or state).
fn sample_at(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Harness) {
    let (d, ws) = sample_workspace();
    let dirs = jianbao::tui::config::Dirs {
        config: None,
        state: None,
        fonts: Some(crate::common::app::test_fonts()),
    };
    let mut app = Harness::start(&issue_path(&ws, "2026-45"), dirs, lang);
    app.resize(w, h);
    (d, app)
}

/// The screen with the temporary folder's random name as X's, also where a narrow field
/// shows only the end of it (`…k4/ws/exports`).
fn mask(text: &str, random: &str) -> String {
    let mut text = text.replace(random, &"X".repeat(random.len()));
    for start in 1..random.len() {
        let tail = format!("{}/ws/", &random[start..]);
        text = text.replace(&tail, &format!("{}/ws/", "X".repeat(random.len() - start)));
    }
    text
}

const BOTH: &[(u16, u16)] = &[(120, 40), (40, 12)];

#[test]
fn start_with_the_pool_focused() {
    snap("start", &[], BOTH);
}

#[test]
fn after_placing_two_items() {
    snap("placed", &["enter", "down", "enter"], BOTH);
}

#[test]
fn editing_an_item_in_the_outline() {
    snap("editing", &["tab", "down", "enter"], BOTH);
}

#[test]
fn the_preview() {
    snap("preview", &["ctrl-p", "pagedown"], BOTH);
}

#[test]
fn the_help() {
    snap("help", &["f1"], &[(120, 40)]);
}

#[test]
fn the_footer_dialog() {
    snap("footer_dialog", &["f3"], BOTH);
}

#[test]
fn the_masthead_dialog_in_english() {
    let (_d, ws) = sample_workspace();
    let dirs = jianbao::tui::config::Dirs {
        config: None,
        state: None,
        fonts: Some(crate::common::app::test_fonts()),
    };
    let mut app = Harness::start(&issue_path(&ws, "2026-45"), dirs, jianbao::lang::Lang::En);
    press(&mut app, &["f2"]);
    insta::assert_snapshot!("masthead_dialog_en_120x40", screen(&mut app, 120, 40));
}

#[test]
fn too_small_a_window() {
    snap("too_small", &[], &[(39, 11)]);
}

/// A layer's name, the keys that open it and the sizes to show it at.
type LayerCase<'a> = (&'a str, &'a [&'a str], &'a [(u16, u16)]);

/// Every layer, in both languages: the forms also at 40×12.
#[test]
fn every_layer_in_both_languages() {
    const WIDE: &[(u16, u16)] = &[(120, 40)];
    let layers: &[LayerCase] = &[
        ("masthead", &["f2"], BOTH),
        ("footer", &["f3"], WIDE),
        ("export", &["ctrl-e"], BOTH),
        ("import", &["i"], BOTH),
        ("open", &["ctrl-o"], BOTH),
        ("section_name", &["tab", "s"], WIDE),
        ("quit_unsaved", &["enter", "q"], BOTH),
        ("help", &["f1"], BOTH),
        ("preview", &["ctrl-p"], WIDE),
    ];
    for (name, keys, sizes) in layers {
        snap_in(Lang::Zh, &format!("layer_{name}_zh"), keys, sizes);
        snap_in(Lang::En, &format!("layer_{name}_en"), keys, sizes);
    }
}

/// The first run's setup dialog over the sample, in both languages, at both sizes; and the
/// findings list (F8).
#[test]
fn the_setup_dialog_and_the_findings_list() {
    for lang in [Lang::Zh, Lang::En] {
        for &(w, h) in BOTH {
            let (_d, mut app) = sample_at(lang, w, h);
            app.app.offer_setup(std::path::Path::new("/home/editor/简报"));
            let date = jianbao::model::Date::today().to_string();
            let text = screen(&mut app, w, h).replace(&date, "YYYY-MM-DD");
            insta::assert_snapshot!(format!("setup_{lang:?}_{w}x{h}"), text);
            press(&mut app, &["esc", "f8"]);
            insta::assert_snapshot!(format!("findings_{lang:?}_{w}x{h}"), screen(&mut app, w, h));
        }
    }
}
