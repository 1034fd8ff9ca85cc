//! The whole screen at fixed sizes, as snapshots (reviewed by eye before committing).
//! Regenerate with `INSTA_UPDATE=always cargo test --test snapshots_tui` and read the diff.

use crate::common::app::*;

/// A fresh editor per size, at that size from the start, then the keys.
fn snap(name: &str, keys: &[&str], sizes: &[(u16, u16)]) {
    for &(w, h) in sizes {
        let (_d, _ws, mut app) = sample_app();
        app.resize(w, h);
        press(&mut app, keys);
        let text = screen(&mut app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
    }
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
    let dirs = jianbao::tui::config::Dirs { config: None, state: None };
    let mut app = Harness::start(&issue_path(&ws, "2026-45"), dirs, jianbao::lang::Lang::En);
    press(&mut app, &["f2"]);
    insta::assert_snapshot!("masthead_dialog_en_120x40", screen(&mut app, 120, 40));
}

#[test]
fn too_small_a_window() {
    snap("too_small", &[], &[(39, 11)]);
}
