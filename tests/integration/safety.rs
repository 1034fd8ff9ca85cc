//! Never lose a word, in the editor: failed saves, recovery files, a second copy on the
//! same issue, read-only files. (Kills of the real binary are in `kill.rs` and `pty.rs`.)

use std::fs;
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::app::*;
use jianbao::store::atomic::{Step, inject_faults};
use jianbao::store::{load_issue, recovery};
use jianbao::tui::app::Focus;
use jianbao::tui::layers::ConfirmKind;
use jianbao::tui::msg::Severity;

/// Open the editor on the first lead item's body and type `text` at its start.
fn type_into_first_item(app: &mut Harness, text: &str) {
    press(app, &["tab", "enter"]);
    assert_eq!(app.focus(), Focus::Editor);
    type_text(app, text);
}

fn first_body_on_disk(path: &Path) -> String {
    load_issue(path).unwrap().doc.sections[0].items[0].body.clone()
}

fn recovery_files(state: &Path) -> Vec<String> {
    match fs::read_dir(state.join("recovery")) {
        Ok(d) => d
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".toml"))
            .collect(),
        Err(_) => vec![],
    }
}

#[test]
fn a_save_into_a_full_disk_keeps_the_file_and_the_edits_and_can_be_retried() {
    let (_d, ws) = sample_workspace();
    let path = issue_path(&ws, "2026-45");
    let original = fs::read_to_string(&path).unwrap();
    let mut app = open(&path);
    type_into_first_item(&mut app, "（会后，各学会报送了落实清单。）");
    let guard =
        inject_faults(|step, _| (step == Step::Write).then(|| io::Error::from(io::ErrorKind::StorageFull)));
    press(&mut app, &["ctrl-s"]);
    assert!(status(&app).contains("保存失败：磁盘已满（2026-45.toml）"), "{}", status(&app));
    assert_eq!(app.status().unwrap().severity(), Severity::Error);
    assert_eq!(fs::read_to_string(&path).unwrap(), original, "the old file is intact");
    assert!(app.is_dirty(), "the edits are still there");
    assert!(screen(&mut app, 120, 30).contains("保存失败"));
    drop(guard);
    press(&mut app, &["ctrl-s"]);
    assert!(status(&app).starts_with("已保存"), "{}", status(&app));
    assert!(first_body_on_disk(&path).starts_with("（会后，各学会报送了落实清单。）"));
    let leftovers: Vec<_> = fs::read_dir(ws.issues_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_denied_pool_write_stops_the_save_before_the_issue_is_touched() {
    let (_d, ws) = sample_workspace();
    let path = issue_path(&ws, "2026-45");
    let original = fs::read_to_string(&path).unwrap();
    let mut app = open(&path);
    // Send a lead item back to the pool: its pool file must be written first.
    press(&mut app, &["tab", "delete"]);
    let guard = inject_faults(|step, target| {
        (step == Step::CreateTemp && target.to_string_lossy().contains("/pool/"))
            .then(|| io::Error::from(io::ErrorKind::PermissionDenied))
    });
    press(&mut app, &["ctrl-s"]);
    assert!(status(&app).contains("没有写权限"), "{}", status(&app));
    assert_eq!(fs::read_to_string(&path).unwrap(), original, "the issue still holds the item");
    drop(guard);
    press(&mut app, &["ctrl-s"]);
    assert!(!app.is_dirty());
}

#[test]
fn a_vanished_folder_fails_the_save_and_a_retry_succeeds_once_it_is_back() {
    let (_d, ws) = sample_workspace();
    let path = issue_path(&ws, "2026-45");
    let mut app = open(&path);
    type_into_first_item(&mut app, "补充。");
    let moved = ws.root().join("issues-moved");
    fs::rename(ws.issues_dir(), &moved).unwrap();
    press(&mut app, &["ctrl-s"]);
    assert!(status(&app).contains("保存失败"), "{}", status(&app));
    assert!(app.is_dirty());
    fs::rename(&moved, ws.issues_dir()).unwrap();
    press(&mut app, &["ctrl-s"]);
    assert!(!app.is_dirty(), "{}", status(&app));
    assert!(first_body_on_disk(&path).starts_with("补充。"));
}

#[test]
fn typing_reaches_the_recovery_file_within_the_autosave_delay() {
    let (d, ws) = sample_workspace();
    let state = d.path().join("state");
    let path = issue_path(&ws, "2026-45");
    let mut app = open_with_state(&path, &state);
    let start = Instant::now();
    type_into_first_item(&mut app, "据统计，全年共举办科普活动312场。");
    let due = app.recovery_due().expect("a change schedules a recovery write");
    assert!(due <= start + Duration::from_secs(2), "at most 2 s after the first change");
    app.tick(due - Duration::from_millis(1));
    assert!(recovery_files(&state).is_empty(), "not before it is due");
    app.tick(due);
    assert_eq!(recovery_files(&state).len(), 1);
    let file = recovery::recovery_file(&state.join("recovery"), &path);
    let rec = recovery::read_recovery(&file).unwrap();
    assert!(rec.snapshot.issue.sections[0].items[0].body.starts_with("据统计，全年共举办科普活动312场。"));
    // The text is still only in the editor (not committed), and the file is untouched.
    assert!(!first_body_on_disk(&path).contains("312场"));
    // Saving cleanly removes the recovery file.
    press(&mut app, &["ctrl-s"]);
    assert!(recovery_files(&state).is_empty());
}

#[test]
fn a_structural_change_is_recovered_too() {
    let (d, ws) = sample_workspace();
    let state = d.path().join("state");
    let path = issue_path(&ws, "2026-45");
    let mut app = open_with_state(&path, &state);
    let placed = app.doc().pool()[0].id.clone();
    press(&mut app, &["enter"]);
    assert!(app.write_recovery().is_some());
    drop(app);
    let mut app = open_with_state(&path, &state);
    press(&mut app, &["enter"]);
    assert!(app.doc().issue().find_item(&placed).is_some());
    assert!(app.is_dirty());
}

/// What a kill leaves: a recovery file, then the editor opened again offers it; Enter
/// restores the typed text, and a save writes it.
#[test]
fn after_a_kill_enter_restores_the_unsaved_text() {
    let (d, ws) = sample_workspace();
    let state = d.path().join("state");
    let path = issue_path(&ws, "2026-45");
    let mut app = open_with_state(&path, &state);
    type_into_first_item(&mut app, "会议还部署了冬季安全生产检查。");
    app.write_recovery().unwrap();
    // As kill -9 leaves it: the recovery file, and a lock file whose OS lock died.
    let lock = jianbao::store::lock::lock_path(&path);
    let held = fs::read(&lock).unwrap();
    drop(app);
    fs::write(&lock, held).unwrap();

    let mut app = open_with_state(&path, &state);
    assert!(!app.doc().read_only, "the dead lock is taken over");
    assert_eq!(confirm_kind(&app), Some(ConfirmKind::Restore), "an offer to restore");
    let shown = screen(&mut app, 120, 36);
    assert!(shown.contains("未保存的修改"), "{shown}");
    press(&mut app, &["enter"]);
    assert!(app.is_dirty());
    let body = &app.doc().issue().sections[0].items[0].body;
    assert!(body.starts_with("会议还部署了冬季安全生产检查。"), "{body}");
    press(&mut app, &["ctrl-s"]);
    assert!(first_body_on_disk(&path).starts_with("会议还部署了冬季安全生产检查。"));
    assert!(recovery_files(&state).is_empty());
}

#[test]
fn esc_drops_the_recovery_but_keeps_it_aside() {
    let (d, ws) = sample_workspace();
    let state = d.path().join("state");
    let path = issue_path(&ws, "2026-45");
    let mut app = open_with_state(&path, &state);
    type_into_first_item(&mut app, "不要了的一句。");
    app.write_recovery().unwrap();
    drop(app);
    let mut app = open_with_state(&path, &state);
    assert!(app.top().is_some());
    press(&mut app, &["esc"]);
    assert!(!app.is_dirty());
    assert!(!app.doc().issue().sections[0].items[0].body.contains("不要了的一句"));
    assert!(recovery_files(&state).is_empty());
    let aside: Vec<_> = fs::read_dir(state.join("recovery").join("discarded")).unwrap().collect();
    assert_eq!(aside.len(), 1, "kept aside, not deleted");
    drop(app);
    let app = open_with_state(&path, &state);
    assert!(no_layer(&app), "offered once");
}

#[test]
fn a_recovery_older_than_the_file_is_set_aside_without_asking() {
    let (d, ws) = sample_workspace();
    let state = d.path().join("state");
    let path = issue_path(&ws, "2026-45");
    let mut app = open_with_state(&path, &state);
    type_into_first_item(&mut app, "旧的一句。");
    let file = app.write_recovery().unwrap();
    drop(app);
    let text = fs::read_to_string(&file).unwrap();
    let old = text.lines().find(|l| l.starts_with("written_unix")).unwrap().to_string();
    fs::write(&file, text.replace(&old, "written_unix = 1700000000")).unwrap();
    let app = open_with_state(&path, &state);
    assert!(no_layer(&app));
    assert!(status(&app).contains("更旧"), "{}", status(&app));
    assert!(recovery_files(&state).is_empty());
}

#[test]
fn quitting_without_saving_keeps_the_recovery_aside() {
    let (d, ws) = sample_workspace();
    let state = d.path().join("state");
    let path = issue_path(&ws, "2026-45");
    let mut app = open_with_state(&path, &state);
    type_into_first_item(&mut app, "放弃的修改。");
    app.write_recovery().unwrap();
    press(&mut app, &["esc", "ctrl-q"]);
    assert!(app.top().is_some());
    press(&mut app, &["tab", "enter"]);
    assert!(app.quit());
    assert!(recovery_files(&state).is_empty(), "not offered again");
    assert_eq!(fs::read_dir(state.join("recovery").join("discarded")).unwrap().count(), 1);
}

#[test]
fn a_second_editor_on_the_same_issue_is_read_only_with_a_banner() {
    let (_d, ws) = sample_workspace();
    let path = issue_path(&ws, "2026-45");
    let original = fs::read_to_string(&path).unwrap();
    let first = open(&path);
    let mut second = open(&path);
    assert!(second.doc().read_only && !first.doc().read_only);
    let shown = screen(&mut second, 140, 30);
    let banner = shown.lines().next().unwrap();
    assert!(banner.contains("正由另一个 jianbao 编辑"), "{banner}");
    assert!(banner.contains(&format!("进程 {}", std::process::id())), "{banner}");
    press(&mut second, &["enter", "tab", "delete", "ctrl-s"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
    drop(first);
    drop(second);
    assert!(!open(&path).doc().read_only, "free again once both are gone");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_says_so_and_is_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let (_d, ws) = sample_workspace();
    let path = issue_path(&ws, "2026-45");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let original = fs::read_to_string(&path).unwrap();
    let mut app = open(&path);
    assert!(screen(&mut app, 120, 30).lines().next().unwrap().contains("只读文件"));
    press(&mut app, &["enter", "ctrl-s"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), original);
}

#[test]
fn reopening_the_same_issue_keeps_it_writable() {
    let (_d, ws) = sample_workspace();
    let path = issue_path(&ws, "2026-45");
    let mut app = open(&path);
    app.open_path(&path);
    assert!(!app.doc().read_only, "{:?}", app.doc().why_read_only);
    app.open_path(&issue_path(&ws, "2026-21"));
    assert!(!app.doc().read_only);
    assert!(!open(&path).doc().read_only, "the first issue's lock went with it");
}

#[test]
fn the_recovery_file_comes_one_second_after_the_first_change_however_long_the_typing() {
    let (d, ws) = sample_workspace();
    let state = d.path().join("state");
    let mut app = open_with_state(&issue_path(&ws, "2026-45"), &state);
    type_into_first_item(&mut app, "第");
    // Typing goes on, a key every 200 ms: README's "one second" does not move.
    for c in "一季度".chars().take(4) {
        app.pass(Duration::from_millis(200));
        type_text(&mut app, &c.to_string());
    }
    app.pass(Duration::from_millis(390));
    assert!(recovery_files(&state).is_empty(), "0.99 s after the first change: not yet");
    app.pass(Duration::from_millis(20));
    assert_eq!(recovery_files(&state).len(), 1, "1.01 s after the first change, with typing still going on");
}
