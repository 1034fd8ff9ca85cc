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
pub mod terminal;
pub mod theme;
pub mod ui;

use std::path::{Path, PathBuf};

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
    if !app.session.is_dirty() {
        app.remember_recent();
    }
    Ok(app)
}

/// Run the editor until the user quits.
pub fn run(options: &Options) -> Result<(), TuiError> {
    let mut app = start(options, &Dirs::system())?;
    let (mut terminal, _guard) = terminal::enter()?;
    loop {
        terminal.draw(|f| ui::draw(f, &app))?;
        if app.quit {
            break;
        }
        let ev = event::read()?;
        app.handle_event(ev);
        // Take every event already waiting before drawing again (a paste, a held key).
        while !app.quit && event::poll(std::time::Duration::ZERO)? {
            app.handle_event(event::read()?);
        }
    }
    Ok(())
}
