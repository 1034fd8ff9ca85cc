//! Driving the editor without a terminal: the same `step` the event loop uses, with keys,
//! pastes and the mouse in, background results taken from their channel as the loop
//! would, and the model and the screen out.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use jianbao::lang::Lang;
use jianbao::store::Workspace;
use jianbao::tui::action::Msg;
use jianbao::tui::app::App;
use jianbao::tui::config::Dirs;
use jianbao::tui::keymap::Chord;
use jianbao::tui::layers::{ConfirmKind, Layer};
use jianbao::tui::{self, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

/// The screen a harness starts with.
pub const SIZE: (u16, u16) = (120, 40);

/// The editor and the channel its background work reports on.
pub struct Harness {
    pub app: App,
    background: Receiver<Msg>,
    /// The harness's clock (real time; tests move it on to make timers due).
    pub now: Instant,
}

impl Deref for Harness {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Harness {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

impl Harness {
    /// The editor on `path` with these folders, in `lang`, on a `SIZE` screen.
    pub fn start(path: &Path, dirs: Dirs, lang: Lang) -> Harness {
        Harness::try_start(
            &Options {
                path: Some(path.to_path_buf()),
                theme: None,
                lang: Some(lang),
                cwd: Some("/home/editor".into()),
                sample: false,
            },
            dirs,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The editor as `tui::start` makes it, or why it would not open.
    pub fn try_start(options: &Options, dirs: Dirs) -> Result<Harness, jianbao::tui::TuiError> {
        let (tx, background) = channel();
        let notify: jianbao::tui::app::Notify = Arc::new(move |msg| {
            let _ = tx.send(msg);
        });
        let app = tui::start(options, &dirs, notify, Rect::new(0, 0, SIZE.0, SIZE.1))?;
        let mut h = Harness { app, background, now: Instant::now() };
        h.app.drawn();
        h.settle();
        Ok(h)
    }

    /// One terminal event, as the event loop takes it.
    pub fn input(&mut self, event: Event) {
        self.now = Instant::now().max(self.now);
        self.app.input(event, self.now);
        self.settle();
    }

    /// Take the background results that are in (as the event loop does between events).
    pub fn settle(&mut self) {
        while let Ok(msg) = self.background.try_recv() {
            self.app.step(msg, self.now);
        }
    }

    /// Wait (at most `limit`) for a background result, and take it.
    pub fn wait_background(&mut self, limit: Duration) -> bool {
        match self.background.recv_timeout(limit) {
            Ok(msg) => {
                self.app.step(msg, self.now);
                self.settle();
                true
            }
            Err(_) => false,
        }
    }

    /// Let `d` pass on the harness's clock, firing what comes due.
    pub fn pass(&mut self, d: Duration) {
        self.now += d;
        self.app.tick(self.now);
    }

    /// A new screen size, as a resize event brings it.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.input(Event::Resize(width, height));
    }
}

/// A copy of the sample workspace.
pub fn sample_workspace() -> (TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create_from_samples(&dir.path().join("ws")).unwrap();
    (dir, ws)
}

/// The editor on `path`, with no user config and no state folder, in Chinese.
pub fn open(path: &Path) -> Harness {
    Harness::start(
        path,
        Dirs { config: None, state: None, fonts: Some(crate::common::app::test_fonts()) },
        Lang::Zh,
    )
}

/// The editor on `path` with `state` as its state folder (recent files, recovery files).
pub fn open_with_state(path: &Path, state: &Path) -> Harness {
    Harness::start(
        path,
        Dirs {
            config: None,
            state: Some(state.to_path_buf()),
            fonts: Some(crate::common::app::test_fonts()),
        },
        Lang::Zh,
    )
}

/// The editor on issue 2026-45 of a fresh copy of the samples.
pub fn sample_app() -> (TempDir, Workspace, Harness) {
    let (dir, ws) = sample_workspace();
    let app = open(&issue_path(&ws, "2026-45"));
    (dir, ws, app)
}

pub fn issue_path(ws: &Workspace, stem: &str) -> PathBuf {
    ws.issues_dir().join(format!("{stem}.toml"))
}

/// A key written as in the keymap: `"enter"`, `"ctrl-s"`, `"alt-down"`, `"?"`.
pub fn key(k: &str) -> Event {
    let chord = Chord::parse(k).unwrap_or_else(|e| panic!("{e}"));
    let code = match chord.code {
        KeyCode::Tab if chord.mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        c => c,
    };
    Event::Key(KeyEvent::new(code, chord.mods))
}

/// Press keys written as in the keymap.
pub fn press(app: &mut Harness, keys: &[&str]) {
    for k in keys {
        app.input(key(k));
    }
}

/// Type text character by character, as an input method delivers it.
pub fn type_text(app: &mut Harness, text: &str) {
    for c in text.chars() {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        app.input(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

pub fn paste(app: &mut Harness, text: &str) {
    app.input(Event::Paste(text.to_string()));
}

pub fn click(app: &mut Harness, column: u16, row: u16) {
    app.input(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
}

/// Draw one frame at `width` × `height` (the app told of the size first, as a resize
/// event would); the buffer, checked for smeared wide characters.
pub fn draw(app: &mut Harness, width: u16, height: u16) -> Terminal<TestBackend> {
    if app.screen() != Rect::new(0, 0, width, height) {
        app.resize(width, height);
    }
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| tui::ui::draw(f, &app.app)).unwrap();
    assert_no_smear(terminal.backend().buffer());
    terminal
}

/// The screen as text, one line a row, wide characters once.
pub fn screen(app: &mut Harness, width: u16, height: u16) -> String {
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
    app.doc().issue().items().map(|i| i.id.clone()).collect()
}

pub fn pool_ids(app: &App) -> Vec<String> {
    app.doc().pool().iter().map(|i| i.id.clone()).collect()
}

/// The status line's message, in the interface's language ("" when none).
pub fn status(app: &App) -> String {
    app.status().map(|m| m.text(app.env().lang)).unwrap_or_default()
}

/// Whether a layer is open, and which confirmation it is.
pub fn no_layer(app: &App) -> bool {
    app.top().is_none()
}

pub fn confirm_kind(app: &App) -> Option<ConfirmKind> {
    match app.top() {
        Some(Layer::Confirm(c)) => Some(c.kind),
        _ => None,
    }
}

/// The name of the open form, if a form is on top.
pub fn form_name(app: &App) -> Option<&'static str> {
    match app.top() {
        Some(Layer::Form(f)) => Some(f.name()),
        _ => None,
    }
}

/// Select the pooled item `id` in the pool pane, by keys.
pub fn select_pooled(app: &mut Harness, id: &str) {
    app.set_focus(jianbao::tui::app::Focus::Pool);
    press(app, &["home"]);
    for _ in 0..app.doc().pool().len() {
        let k = app.view().pool.selected();
        if k.is_some_and(|k| app.doc().pool()[k].id == id) {
            return;
        }
        press(app, &["down"]);
    }
    panic!("{id} is not in the pool list");
}

/// The committed font subset: what every test prints with (never the machine's fonts).
pub fn test_fonts() -> Vec<PathBuf> {
    vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fonts")]
}
