//! The interactive editor. Data flows one way: terminal input and background results
//! reach the app as messages through one channel (`input`); the keymap and the router
//! make actions of keys; the focused layer or pane answers with commands; the app applies
//! steps to the document and hands file I/O to the effect runner; the screen is drawn from
//! the state (`ui`). `terminal` is the only place that touches the terminal's modes.

pub mod action;
pub mod app;
pub mod cmd;
pub mod config;
mod done;
pub mod effect;
pub mod fit;
mod focus;
mod global;
pub mod input;
pub mod keymap;
pub mod layers;
pub mod msg;
pub mod panes;
pub mod screen;
pub mod terminal;
pub mod theme;
pub mod ui;

use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use ratatui::layout::Rect;
use thiserror::Error;

use self::app::{App, Env, Notify};
use self::cmd::Cmd;
use self::config::{Config, Dirs};
use self::effect::Effect;
use self::keymap::Keymap;
use self::theme::Theme;
use crate::lang::Lang;
use crate::store::session::Session;
use crate::store::{StoreError, Workspace};

#[derive(Debug, Error)]
pub enum TuiError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A bad config.toml or theme: the sentence, in both languages' reach.
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
    /// The interface's language; `None`: config.toml's, else Chinese.
    pub lang: Option<Lang>,
    /// The folder a dialog's relative paths start from; `None`: the process's.
    pub cwd: Option<PathBuf>,
    /// Open the bundled sample (the default workspace made from it), whatever config.toml
    /// names.
    pub sample: bool,
}

/// Where the first run's setup suggests the office's workspace: `~/简报`.
fn suggested_folder() -> PathBuf {
    directories::UserDirs::new().map(|u| u.home_dir().join("简报")).unwrap_or_else(|| PathBuf::from("简报"))
}

/// The issue file to open for `path`: an issue file itself; a workspace's newest issue;
/// with no path, the configured or default workspace's (`sample`: the default one whatever
/// the config). `Err(ws)` is a workspace with no issue yet; the flag says the default
/// workspace was made just now (the first run: the setup dialog is offered).
fn resolve(
    path: Option<&Path>,
    config: &Config,
    sample: bool,
) -> Result<(Result<PathBuf, Workspace>, bool), StoreError> {
    let mut first_use = false;
    let ws = match path {
        Some(p) if p.is_file() => return Ok((Ok(p.to_path_buf()), false)),
        Some(p) if p.is_dir() => Workspace::open(p)?,
        Some(p) => {
            return Err(StoreError::Read {
                path: p.to_path_buf(),
                reason: crate::store::error::Reason::Io(std::io::ErrorKind::NotFound),
            });
        }
        None => match &config.workspace {
            Some(dir) if !sample => Workspace::open(dir)?,
            _ => {
                let (ws, made) = Workspace::open_default_noting_first_use()?;
                first_use = made && !sample;
                ws
            }
        },
    };
    let newest = ws.issue_headers()?.into_iter().find(|e| e.header.is_ok()).map(|e| e.path);
    Ok((newest.ok_or(ws), first_use))
}

/// Everything but the terminal: the app for `options` on a `screen`-sized terminal, as a
/// test or `run` starts it. Background results come back through `notify`.
pub fn start(options: &Options, dirs: &Dirs, notify: Notify, screen: Rect) -> Result<App, TuiError> {
    let config = Config::load(dirs.config_file().as_deref())?;
    let lang = options.lang.or_else(|| config.lang()).unwrap_or_default();
    let theme_name = options.theme.clone().or(config.theme.clone()).unwrap_or_else(|| "default".into());
    let theme = Theme::load(&theme_name, dirs.config.as_deref()).map_err(TuiError::Config)?;
    let keymap = Keymap::default().with_overrides(&config.keys).map_err(|e| {
        TuiError::Config(format!("{}: {e}", dirs.config_file().unwrap_or_default().display()))
    })?;
    let cwd = options.cwd.clone().or_else(|| std::env::current_dir().ok()).unwrap_or_default();
    let env = Env { lang, keymap, theme, dirs: dirs.clone(), notify, cwd };
    let (opened, first_use) = resolve(options.path.as_deref(), &config, options.sample)?;
    let mut app = match opened {
        Ok(path) => {
            let mut app = App::new(Session::open(&path)?, env, screen);
            if first_use {
                app.offer_setup(&suggested_folder());
            }
            app
        }
        Err(ws) => {
            let profile = ws.profile()?.doc;
            let issue = crate::model::Issue::first(&profile, crate::model::Date::today());
            let path = ws.issue_path(&issue);
            let mut app = App::new(Session::unsaved(ws, path, issue), env, screen);
            app.offer_first_issue();
            app
        }
    };
    let mut first = std::collections::VecDeque::new();
    if !app.is_dirty() {
        first.push_back(Cmd::Effect(Effect::RememberRecent));
    }
    if !app.doc().read_only {
        first.push_back(Cmd::Effect(Effect::FindRecovery));
    }
    app.run(first);
    Ok(app)
}

/// Log to `jianbao.log` in the state folder (never to the screen). No log is no error:
/// a folder that cannot be written leaves the editor working without one.
fn start_log(dirs: &Dirs) {
    let Some(file) = dirs.log_file() else { return };
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(out) = std::fs::OpenOptions::new().create(true).append(true).open(&file) else { return };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(out))
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .try_init();
    tracing::info!("jianbao {} started", env!("CARGO_PKG_VERSION"));
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

/// Run the editor until the user quits. Unsaved changes go to a recovery file a moment
/// after each change; every other ending — SIGTERM, SIGHUP, SIGINT, SIGQUIT, the terminal
/// closing, a panic — writes them at once, releases the lock, restores the terminal if
/// there is still one, and exits with 128 + the signal (129 for a lost terminal, 101 for a
/// panic).
pub fn run(options: &Options) -> Result<(), TuiError> {
    let inputs = input::Inputs::new()?;
    start_log(&Dirs::system());
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let options = Options { lang: options.lang.or_else(Lang::from_env), ..options.clone() };
    let mut app = start(&options, &Dirs::system(), inputs.notifier(), Rect::new(0, 0, width, height))?;
    let (mut terminal, guard) = terminal::enter()?;
    inputs.read_terminal()?;
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| event_loop(&mut app, &mut terminal, &inputs)));
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
    tracing::info!("stopped ({why}); recovery file: {file:?}");
    drop(app); // releases the lock
    // Never `eprintln!`: with the terminal gone, stderr fails, and that must not panic.
    let mut err = std::io::stderr();
    let _ = match file {
        Some(f) => writeln!(err, "jianbao: stopped ({why}); unsaved changes are in {}", f.display()),
        None => writeln!(err, "jianbao: stopped ({why}); nothing was unsaved"),
    };
    std::process::exit(code);
}

/// For tests of the panic path only (a build with the `test-hooks` feature): panic after
/// this many events.
fn panic_after() -> Option<usize> {
    if cfg!(feature = "test-hooks") {
        std::env::var("JIANBAO_TEST_PANIC_AFTER").ok().and_then(|v| v.parse().ok())
    } else {
        None
    }
}

fn event_loop(app: &mut App, terminal: &mut terminal::Tui, inputs: &input::Inputs) -> Exit {
    let panic_after = panic_after();
    let mut events = 0usize;
    let mut redraw = true;
    loop {
        if redraw {
            // A terminal that cannot be written to any more is a lost terminal.
            if terminal.draw(|f| ui::draw(f, app)).is_err() {
                return Exit::Hangup;
            }
            app.drawn();
            redraw = false;
        }
        if app.quit() {
            return Exit::Quit;
        }
        // Wait for input or the recovery file's time; with nothing due, for input alone.
        let wait = app.recovery_due().map(|due| due.saturating_duration_since(Instant::now()));
        let mut next = inputs.next(wait);
        if next.is_none() {
            app.tick(Instant::now());
            redraw = true;
        }
        while let Some(input) = next {
            match input {
                input::Input::Event(event) => {
                    app.input(event, Instant::now());
                    events += 1;
                    if panic_after.is_some_and(|n| events >= n) {
                        panic!("JIANBAO_TEST_PANIC_AFTER: a deliberate panic for the crash test");
                    }
                }
                input::Input::Msg(msg) => app.step(msg, Instant::now()),
                input::Input::Hangup => return Exit::Hangup,
                input::Input::Signal(sig) => return Exit::Signal(sig),
            }
            redraw = true;
            if app.quit() {
                break;
            }
            // Take every input already waiting before drawing again (a paste, a held key).
            next = inputs.ready();
        }
    }
}
