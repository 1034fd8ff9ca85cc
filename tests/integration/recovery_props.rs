//! The recovery file always describes the document as it stands: after any sequence of
//! edits, undos, redos and saves, a kill followed by a restore gives back exactly the last
//! state shown, and a document back at its saved state leaves no recovery file at all —
//! nothing undone or typed away ever comes back.

use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::common::app::*;
use jianbao::model::{Issue, Item, ItemPos};
use jianbao::tui::app::{AUTOSAVE_DELAY, App, Focus};
use jianbao::tui::layers::ConfirmKind;
use jianbao::tui::panes::outline::Row;
use proptest::prelude::*;

fn recovery_files(state: &Path) -> Vec<String> {
    match fs::read_dir(state.join("recovery")) {
        Ok(entries) => entries
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Let the autosave delay pass, as the event loop's clock would.
fn wait(app: &mut Harness) {
    app.pass(AUTOSAVE_DELAY + Duration::from_millis(10));
}

fn offered(app: &App) -> bool {
    confirm_kind(app) == Some(ConfirmKind::Restore)
}

/// The document as the user sees it: the issue and the pool, with the item in the editor
/// as it stands there.
fn shown(app: &App) -> (Issue, Vec<Item>) {
    let editing = app.editor().map(|e| e.item());
    let snap = app.doc().snapshot(editing.as_ref());
    let mut pool: Vec<Item> = app
        .doc()
        .pool()
        .iter()
        .map(|i| match &editing {
            Some(e) if e.id == i.id => e.clone(),
            _ => i.clone(),
        })
        .collect();
    pool.sort_by(|a, b| a.id.cmp(&b.id));
    (snap.issue, pool)
}

/// The report's case, as a user does it: Enter on an item, type x, wait 2 s, Backspace,
/// Esc. The status says saved, q quits without asking — and the next start offers nothing.
#[test]
fn typing_a_letter_and_taking_it_back_leaves_no_recovery() {
    let (d, ws) = sample_workspace();
    let state = d.path().join("state");
    let path = issue_path(&ws, "2026-45");
    let mut app = open_with_state(&path, &state);
    app.set_focus(Focus::Outline);
    press(&mut app, &["enter"]);
    type_text(&mut app, "x");
    wait(&mut app);
    assert_eq!(recovery_files(&state).len(), 1, "the x is in the recovery file while it is there");
    press(&mut app, &["backspace"]);
    wait(&mut app);
    press(&mut app, &["esc"]);
    assert!(!app.is_dirty());
    assert!(recovery_files(&state).is_empty(), "back at the saved state: the recovery file is gone");
    press(&mut app, &["q"]);
    assert!(app.quit(), "q quits without asking");
    drop(app);
    let app = open_with_state(&path, &state);
    assert!(!offered(&app), "nothing is offered at the next start");
}

/// The same with a structural step: place an item, wait, undo it — clean, no file; and
/// the quit that follows asks nothing.
#[test]
fn undoing_back_to_the_saved_state_is_clean_and_removes_the_file() {
    let (d, ws) = sample_workspace();
    let state = d.path().join("state");
    let path = issue_path(&ws, "2026-45");
    let mut app = open_with_state(&path, &state);
    press(&mut app, &["enter"]);
    assert!(app.is_dirty());
    wait(&mut app);
    assert_eq!(recovery_files(&state).len(), 1);
    press(&mut app, &["ctrl-z"]);
    assert!(!app.is_dirty(), "undo back to the saved state is clean");
    wait(&mut app);
    assert!(recovery_files(&state).is_empty());
    press(&mut app, &["ctrl-y"]);
    assert!(app.is_dirty(), "redo is a change again");
    press(&mut app, &["ctrl-s", "ctrl-z"]);
    assert!(app.is_dirty(), "undo past a save is a change");
    press(&mut app, &["ctrl-y"]);
    assert!(!app.is_dirty(), "redo back to the saved state is clean");
}

/// Text typed away in a second editing session (leave, come back, delete it): the
/// content is as saved, so the document is clean though the history is not.
#[test]
fn text_typed_back_across_editing_sessions_is_clean() {
    let (d, ws) = sample_workspace();
    let state = d.path().join("state");
    let path = issue_path(&ws, "2026-45");
    let mut app = open_with_state(&path, &state);
    app.set_focus(Focus::Outline);
    press(&mut app, &["enter"]);
    type_text(&mut app, "甲");
    press(&mut app, &["esc"]);
    assert!(app.is_dirty());
    wait(&mut app);
    press(&mut app, &["enter", "backspace", "esc"]);
    assert!(!app.is_dirty());
    wait(&mut app);
    assert!(recovery_files(&state).is_empty());
}

#[derive(Debug, Clone)]
enum Step {
    Place,
    Unplace(usize),
    Type(usize, String),
    /// Type a character and take it back with Backspace.
    TypeBack(usize),
    /// Type and stay in the editor (the text is only in the text area).
    TypeAndStay(usize, String),
    Undo,
    Redo,
    Save,
    Wait,
    Kill,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => Just(Step::Place),
        1 => (0..6usize).prop_map(Step::Unplace),
        2 => (0..6usize, "[甲乙丙x]{1,3}").prop_map(|(k, t)| Step::Type(k, t)),
        1 => (0..6usize).prop_map(Step::TypeBack),
        1 => (0..6usize, "[丁戊y]{1,2}").prop_map(|(k, t)| Step::TypeAndStay(k, t)),
        3 => Just(Step::Undo),
        2 => Just(Step::Redo),
        1 => Just(Step::Save),
        2 => Just(Step::Wait),
        1 => Just(Step::Kill),
    ]
}

/// Select the k-th item of the outline (counting round), in the outline pane.
fn select_outline(app: &mut Harness, k: usize) {
    app.set_focus(Focus::Outline);
    let issue = app.doc().issue();
    let positions: Vec<ItemPos> = issue
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, sec)| (0..sec.items.len()).map(move |i| ItemPos::new(s, i)))
        .collect();
    if !positions.is_empty() {
        app.select_row(Row::Item(positions[k % positions.len()]));
    }
}

fn run(app: &mut Harness, step: &Step) {
    match step {
        Step::Place => {
            app.set_focus(Focus::Pool);
            press(app, &["enter"]);
        }
        Step::Unplace(k) => {
            select_outline(app, *k);
            press(app, &["delete"]);
        }
        Step::Type(k, text) => {
            select_outline(app, *k);
            press(app, &["enter"]);
            type_text(app, text);
            press(app, &["esc"]);
        }
        Step::TypeBack(k) => {
            select_outline(app, *k);
            press(app, &["enter"]);
            type_text(app, "x");
            press(app, &["backspace", "esc"]);
        }
        Step::TypeAndStay(k, text) => {
            select_outline(app, *k);
            press(app, &["enter"]);
            type_text(app, text);
        }
        Step::Undo => {
            app.set_focus(Focus::Outline);
            press(app, &["ctrl-z"]);
        }
        Step::Redo => {
            app.set_focus(Focus::Outline);
            press(app, &["ctrl-y"]);
        }
        Step::Save => press(app, &["ctrl-s"]),
        Step::Wait | Step::Kill => wait(app),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_kill_restores_the_last_state_shown_and_a_clean_state_leaves_no_file(
        steps in prop::collection::vec(step(), 1..14)
    ) {
        let (d, ws) = sample_workspace();
        let state = d.path().join("state");
        let path = issue_path(&ws, "2026-45");
        let mut app = open_with_state(&path, &state);
        // What the files hold, as the test itself keeps track of it.
        let mut saved = shown(&app);
        for step in &steps {
            run(&mut app, step);
            prop_assert!(no_layer(&app), "no dialog is left open by {:?}", step);
            if matches!(step, Step::Save) {
                saved = shown(&app);
            }
            let changed = shown(&app) != saved;
            prop_assert_eq!(app.is_dirty(), changed, "dirty means: differs from the files");
            // Once the delay has passed, the recovery file exists exactly when it is needed.
            if matches!(step, Step::Wait | Step::Kill) {
                prop_assert_eq!(recovery_files(&state).len(), usize::from(changed), "changed = {}", changed);
            }
            if !matches!(step, Step::Kill) {
                continue;
            }
            let before = shown(&app);
            drop(app); // as a kill leaves it: the recovery file and nothing else
            app = open_with_state(&path, &state);
            prop_assert_eq!(offered(&app), changed, "offered only when there were unsaved changes");
            if changed {
                press(&mut app, &["enter"]);
            }
            prop_assert_eq!(shown(&app), before);
        }
    }
}
