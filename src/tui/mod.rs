//! The interactive editor: three panes (pool, outline, editor), a status bar, a preview
//! of the export, help, dialogs. `App` holds the state and `update(Action)`; the panes
//! draw from it; `terminal` is the only place that touches the terminal's modes.

pub mod action;
pub mod app;
pub mod config;
pub mod dialog;
pub mod editor;
pub mod fit;
pub mod history;
pub mod i18n;
pub mod keymap;
pub mod panes;
pub mod session;
pub mod soak;
pub mod terminal;
pub mod theme;
pub mod ui;

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crossterm::event;
use thiserror::Error;

use self::app::App;
use self::config::{Config, Dirs};
use self::keymap::Keymap;
use self::session::Session;
use self::theme::Theme;
use crate::store::{StoreError, Workspace};

#[derive(Debug, Error)]
pub enum TuiError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Config(String),
    #[error("the terminal failed: {0}")]
    Terminal(#[from] std::io::Error),
}

/// What to open.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub path: Option<PathBuf>,
    pub theme: Option<String>,
}

/// The issue file to open for `path`: an issue file itself; a workspace's newest issue;
/// with no path, the configured or default workspace's. `Ok(Err(ws))` is a workspace with
/// no issue yet.
pub fn resolve(path: Option<&Path>, config: &Config) -> Result<Result<PathBuf, Workspace>, StoreError> {
    let ws = match path {
        Some(p) if p.is_file() => return Ok(Ok(p.to_path_buf())),
        Some(p) if p.is_dir() => Workspace::open(p)?,
        Some(p) => {
            return Err(StoreError::Read { path: p.to_path_buf(), reason: "no such file or folder".into() });
        }
        None => match &config.workspace {
            Some(dir) => Workspace::open(dir)?,
            None => Workspace::open_default()?,
        },
    };
    let newest = ws.issue_headers()?.into_iter().find(|e| e.header.is_ok()).map(|e| e.path);
    Ok(newest.ok_or(ws))
}

/// Everything but the terminal: the app for `options`, as a test or `run` would start it.
pub fn start(options: &Options, dirs: &Dirs) -> Result<App, TuiError> {
    let config = Config::load(dirs.config_file().as_deref())?;
    let lang = config.lang();
    let theme_name = options.theme.clone().or(config.theme.clone()).unwrap_or_else(|| "default".into());
    let theme = Theme::load(&theme_name, dirs.config.as_deref()).map_err(TuiError::Config)?;
    let keymap = Keymap::default().with_overrides(&config.keys).map_err(|e| {
        TuiError::Config(format!("{}: {e}", dirs.config_file().unwrap_or_default().display()))
    })?;
    let mut app = match resolve(options.path.as_deref(), &config)? {
        Ok(path) => App::new(Session::open(&path)?, lang, keymap, theme),
        Err(ws) => {
            let profile = ws.profile()?.doc;
            let issue = crate::model::Issue::first(&profile, crate::model::Date::today());
            let path = ws.issue_path(&issue);
            let mut app = App::new(Session::unsaved(ws, path, issue), lang, keymap, theme);
            app.offer_first_issue();
            app
        }
    };
    app.recent_file = dirs.recent_file();
    app.recovery_dir = dirs.recovery_dir();
    if !app.session.is_dirty() {
        app.remember_recent();
    }
    app.offer_recovery();
    Ok(app)
}

/// How the event loop ended.
enum Exit {
    Quit,
    /// SIGTERM or SIGHUP (its number).
    Signal(i32),
}

/// The longest the loop sleeps: how soon a SIGTERM or SIGHUP is noticed.
const TICK: Duration = Duration::from_millis(200);
/// How often the loop looks for a large pool being read in the background.
const LOADING_TICK: Duration = Duration::from_millis(25);

/// Run the editor until the user quits. Unsaved changes go to a recovery file a moment
/// after each change, and at once on SIGTERM, SIGHUP, a terminal failure or a panic.
pub fn run(options: &Options) -> Result<(), TuiError> {
    let mut app = start(options, &Dirs::system())?;
    let signal = Arc::new(AtomicUsize::new(0));
    #[cfg(unix)]
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?;
    }
    // For tests of the panic path only: panic after this many events.
    let panic_after: Option<usize> =
        std::env::var("JIANBAO_TEST_PANIC_AFTER").ok().and_then(|v| v.parse().ok());
    let (mut terminal, guard) = terminal::enter()?;
    let outcome =
        panic::catch_unwind(AssertUnwindSafe(|| event_loop(&mut app, &mut terminal, &signal, panic_after)));
    drop(guard);
    match outcome {
        Ok(Ok(Exit::Quit)) => Ok(()),
        Ok(Ok(Exit::Signal(sig))) => {
            if let Some(file) = app.write_recovery() {
                eprintln!("jianbao: stopped by signal {sig}; unsaved changes are in {}", file.display());
            }
            drop(app); // releases the lock
            std::process::exit(128 + sig);
        }
        Ok(Err(e)) => {
            if let Some(file) = app.write_recovery() {
                eprintln!("jianbao: unsaved changes are in {}", file.display());
            }
            Err(e)
        }
        Err(_) => {
            terminal::restore();
            let file = panic::catch_unwind(AssertUnwindSafe(|| app.write_recovery())).ok().flatten();
            eprintln!();
            match &file {
                Some(f) => eprintln!(
                    "jianbao 出错退出（这是程序的缺陷）。未保存的修改已写入 {0}；再次打开此期时会提示恢复。\n\
                     jianbao stopped on a bug. Unsaved changes were written to {0}; reopen the issue to restore them.",
                    f.display()
                ),
                None => eprintln!(
                    "jianbao 出错退出（这是程序的缺陷）；没有未保存的修改。\n\
                     jianbao stopped on a bug; there were no unsaved changes."
                ),
            }
            eprintln!(
                "请把上面的出错信息、jianbao --version 的输出和出错前的操作报告给 jianbao 的维护者。\n\
                 Please report the message above, the output of `jianbao --version` and what you did to jianbao's maintainers."
            );
            let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(app)));
            std::process::exit(101);
        }
    }
}

fn event_loop(
    app: &mut App,
    terminal: &mut terminal::Tui,
    signal: &AtomicUsize,
    panic_after: Option<usize>,
) -> Result<Exit, TuiError> {
    let mut events = 0usize;
    loop {
        terminal.draw(|f| ui::draw(f, app))?;
        // The first frame is on screen: the pool may now be read (see `pool_load`).
        app.session.release_pool();
        if app.quit {
            return Ok(Exit::Quit);
        }
        // Wait for input, a due recovery write, or a signal, whichever comes first.
        loop {
            let sig = signal.load(Ordering::SeqCst);
            if sig != 0 {
                return Ok(Exit::Signal(sig as i32));
            }
            let now = Instant::now();
            app.autosave(now);
            if app.tick() {
                terminal.draw(|f| ui::draw(f, app))?;
            }
            let tick = if app.busy() { LOADING_TICK } else { TICK };
            let wait = app.recovery_due().map_or(tick, |due| due.saturating_duration_since(now).min(tick));
            if event::poll(wait)? {
                break;
            }
        }
        // Take every event already waiting before drawing again (a paste, a held key).
        loop {
            app.handle_event(event::read()?);
            events += 1;
            if panic_after.is_some_and(|n| events >= n) {
                panic!("JIANBAO_TEST_PANIC_AFTER: a deliberate panic for the crash test");
            }
            if app.quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
}
