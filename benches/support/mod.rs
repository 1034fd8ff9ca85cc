//! What the benches share: generated workspaces, cached under `target/bench-workspaces/`
//! (generating 10,000 items takes seconds; each one is made once), and an app on one.

#![allow(dead_code)]

#[path = "generate.rs"]
pub mod generate;

use std::path::{Path, PathBuf};

use jianbao::model::Issue;
use jianbao::store::{load_issue, save_issue};
use jianbao::tui::app::App;
use jianbao::tui::config::Dirs;
use jianbao::tui::{Options, start};

/// Bump when the generator changes, so that cached workspaces are made again.
const GENERATION: u32 = 2;

fn cache_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-workspaces")
}

/// A workspace of `items` pooled items and `issues` issues, generated once. Its newest
/// issue (`issues/2026-45.toml`) is returned too.
pub fn workspace(items: usize, issues: usize) -> (PathBuf, PathBuf) {
    let dir = cache_root().join(format!("pool{items}-issues{issues}-g{GENERATION}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
        generate::workspace(&dir, items, issues, 1).expect("generate a workspace");
        std::fs::write(&done, "").unwrap();
    }
    let issue = dir.join("issues").join("2026-45.toml");
    (dir, issue)
}

/// A workspace like `workspace(items, 52)` whose newest issue leads with an item of
/// `zi` 字 (the keystroke bench's long item).
pub fn workspace_with_long_item(items: usize, zi: usize) -> (PathBuf, PathBuf) {
    let dir = cache_root().join(format!("pool{items}-long{zi}-g{GENERATION}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
        generate::workspace(&dir, items, 4, 1).expect("generate a workspace");
        let path = dir.join("issues").join("2026-45.toml");
        let mut issue: Issue = load_issue(&path).unwrap().doc;
        issue.sections[0].items.insert(0, generate::long_item("2026-11-20-long", zi));
        save_issue(&path, &issue).unwrap();
        std::fs::write(&done, "").unwrap();
    }
    let issue = dir.join("issues").join("2026-45.toml");
    (dir, issue)
}

/// A 300-item issue file in a workspace of its own (with a small pool).
pub fn issue_of(n: usize) -> (PathBuf, PathBuf) {
    let dir = cache_root().join(format!("issue{n}-g{GENERATION}"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
        generate::workspace(&dir, 40, 0, 3).expect("generate a workspace");
        std::fs::write(dir.join("issues").join("2026-45.toml"), generate::issue_text(n)).unwrap();
        std::fs::write(&done, "").unwrap();
    }
    let issue = dir.join("issues").join("2026-45.toml");
    (dir, issue)
}

/// The editor on `issue`, with no user config or state, its pool fully loaded.
pub fn app(issue: &Path) -> App {
    let mut app = start(
        &Options {
            path: Some(issue.to_path_buf()),
            theme: None,
            lang: Some(jianbao::lang::Lang::Zh),
            cwd: None,
            sample: false,
        },
        &Dirs { config: None, state: None, fonts: None },
        std::sync::Arc::new(|_| {}),
        ratatui::layout::Rect::new(0, 0, 200, 60),
    )
    .expect("the editor starts");
    app.wait_pool();
    app
}
