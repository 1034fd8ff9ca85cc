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
pub mod input;
pub mod keymap;
pub mod panes;
pub mod session;
pub mod soak;
pub mod terminal;
pub mod theme;
pub mod ui;

use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
    /// A signal that ends the program (its number).
    Signal(i32),
    /// The terminal went away (closed window or pane, dropped connection, input at its
    /// end, output failing).
    Hangup,
}

/// Exit status when the terminal is lost: that of SIGHUP, the signal a hangup sends.
pub const EXIT_HANGUP: i32 = 128 + input::SIGHUP;

/// How often the loop looks for something being made in the background (a large pool
/// being read, a long issue's page count).
const LOADING_TICK: Duration = Duration::from_millis(25);

/// Run the editor until the user quits. Unsaved changes go to a recovery file a moment
/// after each change; every other ending — SIGTERM, SIGHUP, SIGINT, SIGQUIT, the terminal
/// closing, a panic — writes them at once, releases the lock, restores the terminal if
/// there is still one, and exits with 128 + the signal (129 for a lost terminal, 101 for a
/// panic).
pub fn run(options: &Options) -> Result<(), TuiError> {
    let inputs = input::Inputs::new()?;
    let mut app = start(options, &Dirs::system())?;
    // For tests of the panic path only: panic after this many events.
    let panic_after: Option<usize> =
        std::env::var("JIANBAO_TEST_PANIC_AFTER").ok().and_then(|v| v.parse().ok());
    let (mut terminal, guard) = terminal::enter()?;
    inputs.read_terminal()?;
    let outcome =
        panic::catch_unwind(AssertUnwindSafe(|| event_loop(&mut app, &mut terminal, &inputs, panic_after)));
    drop(guard);
    match outcome {
        Ok(Exit::Quit) => Ok(()),
        Ok(Exit::Signal(sig)) => end(app, 128 + sig, &format!("signal {sig}")),
        Ok(Exit::Hangup) => end(app, EXIT_HANGUP, "the terminal closed"),
        Err(_) => {
            terminal::restore();
            let file = panic::catch_unwind(AssertUnwindSafe(|| app.write_recovery())).ok().flatten();
            let mut err = std::io::stderr();
            let _ = writeln!(err);
            let _ = match &file {
                Some(f) => writeln!(
                    err,
                    "jianbao 出错退出（这是程序的缺陷）。未保存的修改已写入 {0}；再次打开此期时会提示恢复。\n\
                     jianbao stopped on a bug. Unsaved changes were written to {0}; reopen the issue to restore them.",
                    f.display()
                ),
                None => writeln!(
                    err,
                    "jianbao 出错退出（这是程序的缺陷）；没有未保存的修改。\n\
                     jianbao stopped on a bug; there were no unsaved changes."
                ),
            };
            let _ = writeln!(
                err,
                "请把上面的出错信息、jianbao --version 的输出和出错前的操作报告给 jianbao 的维护者。\n\
                 Please report the message above, the output of `jianbao --version` and what you did to jianbao's maintainers."
            );
            let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(app)));
            std::process::exit(101);
        }
    }
}

/// The one way out for every ending but quitting: unsaved changes to the recovery file,
/// the lock released, a line on stderr if anyone can still read it, and `code`.
fn end(mut app: App, code: i32, why: &str) -> ! {
    let file = app.write_recovery();
    drop(app); // releases the lock
    // Never `eprintln!`: with the terminal gone, stderr fails, and that must not panic.
    let mut err = std::io::stderr();
    let _ = match file {
        Some(f) => writeln!(err, "jianbao: stopped ({why}); unsaved changes are in {}", f.display()),
        None => writeln!(err, "jianbao: stopped ({why}); nothing was unsaved"),
    };
    std::process::exit(code);
}

fn event_loop(
    app: &mut App,
    terminal: &mut terminal::Tui,
    inputs: &input::Inputs,
    panic_after: Option<usize>,
) -> Exit {
    let mut events = 0usize;
    let mut redraw = true;
    loop {
        if redraw {
            // A terminal that cannot be written to any more is a lost terminal.
            if terminal.draw(|f| ui::draw(f, app)).is_err() {
                return Exit::Hangup;
            }
            // The first frame is on screen: the pool may now be read (see `pool_load`).
            app.session.release_pool();
            redraw = false;
        }
        if app.quit {
            return Exit::Quit;
        }
        // Wait for input or the next timer; with nothing due, wait for input alone.
        let now = Instant::now();
        let due = app.recovery_due().map(|d| d.saturating_duration_since(now));
        let tick = app.busy().then_some(LOADING_TICK);
        let wait = match (due, tick) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let mut next = inputs.next(wait);
        while let Some(input) = next {
            match input {
                input::Input::Event(event) => {
                    app.handle_event(event);
                    redraw = true;
                    events += 1;
                    if panic_after.is_some_and(|n| events >= n) {
                        panic!("JIANBAO_TEST_PANIC_AFTER: a deliberate panic for the crash test");
                    }
                }
                input::Input::Hangup => return Exit::Hangup,
                input::Input::Signal(sig) => return Exit::Signal(sig),
            }
            if app.quit {
                break;
            }
            // Take every event already waiting before drawing again (a paste, a held key).
            next = inputs.ready();
        }
        app.autosave(Instant::now());
        if app.tick() {
            redraw = true;
        }
    }
}
