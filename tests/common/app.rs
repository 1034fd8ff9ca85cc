//! Driving the editor without a terminal: keys in, model and screen out.

use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use jianbao::store::Workspace;
use jianbao::tui::app::App;
use jianbao::tui::config::Dirs;
use jianbao::tui::keymap::Chord;
use jianbao::tui::{self, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

/// A copy of the sample workspace.
pub fn sample_workspace() -> (TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create_from_samples(&dir.path().join("ws")).unwrap();
    (dir, ws)
}

/// The editor on `path`, with no user config and no recent-files list.
pub fn open(path: &Path) -> App {
    tui::start(&Options { path: Some(path.to_path_buf()), theme: None }, &Dirs { config: None, state: None })
        .unwrap()
}

/// The editor on `path` with `state` as its state folder (recent files, recovery files).
pub fn open_with_state(path: &Path, state: &Path) -> App {
    tui::start(
        &Options { path: Some(path.to_path_buf()), theme: None },
        &Dirs { config: None, state: Some(state.to_path_buf()) },
    )
    .unwrap()
}

/// The editor on issue 2026-45 of a fresh copy of the samples.
pub fn sample_app() -> (TempDir, Workspace, App) {
    let (dir, ws) = sample_workspace();
    let app = open(&issue_path(&ws, "2026-45"));
    (dir, ws, app)
}

pub fn issue_path(ws: &Workspace, stem: &str) -> PathBuf {
    ws.issues_dir().join(format!("{stem}.toml"))
}

/// Press keys written as in the keymap: `"enter"`, `"ctrl-s"`, `"alt-down"`, `"?"`.
pub fn press(app: &mut App, keys: &[&str]) {
    for k in keys {
        let chord = Chord::parse(k).unwrap_or_else(|e| panic!("{e}"));
        let code = match chord.code {
            KeyCode::Tab if chord.mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            c => c,
        };
        app.handle_event(Event::Key(KeyEvent::new(code, chord.mods)));
    }
}

/// Type text character by character, as an input method delivers it.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

pub fn paste(app: &mut App, text: &str) {
    app.handle_event(Event::Paste(text.to_string()));
}

pub fn click(app: &mut App, column: u16, row: u16) {
    app.handle_event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

/// Draw one frame at `width` × `height`; the buffer, checked for smeared wide characters.
pub fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| tui::ui::draw(f, app)).unwrap();
    assert_no_smear(terminal.backend().buffer());
    terminal
}

/// The screen as text, one line a row, wide characters once.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    buffer_text(terminal.backend().buffer())
}

pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let s = buf[(x, y)].symbol();
            line.push_str(s);
            skip = s.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A wide character covers the next cell; anything drawn there would never reach the
/// screen (or would smear). Every such cell must be blank.
pub fn assert_no_smear(buf: &Buffer) {
    let area = buf.area;
    for y in 0..area.height {
        for x in 0..area.width.saturating_sub(1) {
            let s = buf[(x, y)].symbol();
            if s.width() > 1 {
                let next = buf[(x + 1, y)].symbol();
                assert!(
                    next == " " || next.is_empty(),
                    "{s:?} at {x},{y} covers {next:?}\n{}",
                    buffer_text(buf)
                );
            }
        }
        let last = buf[(area.width - 1, y)].symbol();
        assert!(last.width() <= 1, "a wide character in the last column at row {y}\n{}", buffer_text(buf));
    }
}

/// Ids of the issue's items, in order.
pub fn outline_ids(app: &App) -> Vec<String> {
    app.session.issue().items().map(|i| i.id.clone()).collect()
}

pub fn pool_ids(app: &App) -> Vec<String> {
    app.session.pool().iter().map(|i| i.id.clone()).collect()
}
