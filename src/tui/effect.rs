//! What an update asks of the world, and the one runner that does it: every file the
//! editor reads or writes after it has started goes through here. The result of each
//! effect comes back to the app as an action (`Action::Done`), so an update never waits on
//! a disk and never sees an `io::Error` raw.

use std::path::PathBuf;

use crate::commands::CommandError;
use crate::commands::export::{Settings, render_bytes, write_export};
use crate::import::ImportError;
use crate::model::{Date, Item};
use crate::store::lock::{Holder, IssueLock, TAKE_OVER_PATIENCE, TakeOverError, take_over};
use crate::store::recent::Recent;
use crate::store::recovery::{self, Recovered, Snapshot};
use crate::store::session::{SaveReport, Session};
use crate::store::{StoreError, Workspace};

use super::config::Dirs;

/// What to do once a save has succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    Nothing,
    Quit,
    Open(PathBuf),
    NewIssue,
}

/// An effect: file I/O the app needs done. (One lives at a time, for a moment: the size
/// of its largest variant costs nothing worth a box.)
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Effect {
    Save {
        then: Then,
    },
    Export {
        path: PathBuf,
        settings: Settings,
        make_folder: bool,
        /// The dialog's choices, kept for its next opening once the file is written.
        remember: crate::store::choices::ExportChoice,
    },
    Import {
        path: PathBuf,
    },
    /// Open another issue file (or the same one again, handing its lock on).
    Open {
        path: PathBuf,
    },
    NewIssue,
    /// The workspace's issues and the recent files, for the open dialog.
    ListIssues,
    RememberRecent,
    /// Make the recovery file match the document (`None`: it is saved, no file).
    SyncRecovery(Option<Snapshot>),
    /// The changes of an issue another jianbao took over, beside its recovery file.
    KeepLost(Snapshot),
    /// Put the recovery file aside in `discarded/` (the user dropped it).
    SetAside(PathBuf),
    /// Drop the open issue's recovery file into `discarded/` (quit without saving).
    DiscardRecovery,
    /// Look for a recovery file of the open issue (after opening it).
    FindRecovery,
    TakeOver(Holder),
    /// Keep the masthead's or the footer's settings in jianbao.toml for later issues.
    SaveDefaults(Defaults),
    /// Set up a workspace for the office's publication (the first run's dialog) and make
    /// it the one `jianbao` opens.
    Init {
        dir: PathBuf,
        setup: Box<crate::commands::init::Setup>,
    },
}

/// Settings of the open issue a dialog asks to keep as the publication's defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Defaults {
    Masthead(crate::model::Publication),
    Footer(crate::model::Footer),
}

/// One entry of the open dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEntry {
    pub path: PathBuf,
    pub label: String,
    pub recent: bool,
}

/// What came of an effect (as short-lived as the effect).
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Done {
    Saved(Result<SaveReport, StoreError>, Then),
    Exported(Result<(PathBuf, Option<crate::commands::export::Report>), CommandError>),
    Imported(Result<Imported, ImportError>),
    Opened(Result<Box<Session>, StoreError>),
    Created(Result<PathBuf, CommandError>),
    Issues(Vec<OpenEntry>),
    RecoveryWritten(Result<Option<PathBuf>, StoreError>),
    Kept(Result<PathBuf, StoreError>),
    SetAside(Result<PathBuf, StoreError>),
    Recovery(Option<Result<Recovered, StoreError>>),
    /// The recovery file is older than the issue file: set aside at once.
    OlderRecovery(Result<PathBuf, StoreError>),
    TookOver(Result<IssueLock, TakeOverError>, Holder),
    DefaultsSaved(Result<PathBuf, StoreError>),
    /// The first issue of the workspace set up.
    Initialized(Result<PathBuf, CommandError>),
    Nothing,
}

/// Items read from a file for the pool.
#[derive(Debug)]
pub struct Imported {
    pub path: PathBuf,
    pub items: Vec<Item>,
    pub encoding: String,
    pub warnings: Vec<crate::import::Warning>,
    /// Items left out: they are in the pool or an issue already.
    pub duplicates: Vec<crate::import::duplicates::Duplicate>,
}

/// Perform `effect` on the open document. The only place of the editor that touches files
/// once it runs.
pub fn run(effect: Effect, doc: &mut Session, dirs: &Dirs) -> Done {
    match effect {
        Effect::Save { then } => Done::Saved(doc.save(), then),
        Effect::Export { path, settings, make_folder, remember } => {
            let fonts = dirs.font_sources();
            let done = render_bytes(doc.issue(), settings, &fonts)
                .and_then(|out| write_export(&path, &out.bytes, make_folder).map(|()| (path, out.report)));
            if done.is_ok()
                && let Some(file) = dirs.export_choices_file()
                && let Err(e) = crate::store::choices::remember(&file, &remember)
            {
                tracing::warn!("export choices not kept in {}: {e}", file.display());
            }
            Done::Exported(done)
        }
        Effect::Import { path } => Done::Imported(import(doc, path)),
        Effect::Open { path } => {
            let same = crate::store::lock::lock_path(&path) == crate::store::lock::lock_path(&doc.issue_path);
            let held = if same { doc.take_lock_out() } else { None };
            match Session::open_with_lock(&path, held) {
                Ok(session) => Done::Opened(Ok(Box::new(session))),
                Err(e) => {
                    if same
                        && let Ok(crate::store::lock::Acquired::Held { lock, .. }) =
                            crate::store::lock::acquire(&doc.issue_path)
                    {
                        // The lock was handed to a session that never opened: take it again.
                        doc.put_lock_back(lock);
                    }
                    Done::Opened(Err(e))
                }
            }
        }
        Effect::NewIssue => {
            let ws = doc.ws.as_ref().map(|w| w.root().to_path_buf());
            Done::Created(crate::commands::new::new_issue(Some(&doc.issue_path), ws.as_deref(), None))
        }
        Effect::ListIssues => Done::Issues(issues(doc.ws.as_ref(), dirs)),
        Effect::RememberRecent => {
            if let Some(file) = dirs.recent_file() {
                let mut recent = Recent::load(&file);
                recent.add(&doc.issue_path);
                if let Err(e) = recent.save(&file) {
                    tracing::warn!("recent files not saved to {}: {e}", file.display());
                }
            }
            Done::Nothing
        }
        Effect::SyncRecovery(snapshot) => Done::RecoveryWritten(sync_recovery(doc, dirs, snapshot)),
        Effect::KeepLost(snapshot) => match dirs.recovery_dir() {
            Some(dir) => Done::Kept(recovery::write_lost(&dir, &doc.issue_path, &snapshot)),
            None => Done::Nothing,
        },
        Effect::SetAside(file) => Done::SetAside(recovery::set_aside(&file)),
        Effect::DiscardRecovery => {
            if let Some(dir) = dirs.recovery_dir() {
                let file = recovery::recovery_file(&dir, &doc.issue_path);
                if file.exists()
                    && let Err(e) = recovery::set_aside(&file)
                {
                    tracing::warn!("recovery file {} not set aside: {e}", file.display());
                }
            }
            Done::Nothing
        }
        Effect::FindRecovery => find_recovery(doc, dirs),
        Effect::SaveDefaults(defaults) => match doc.ws.as_ref() {
            Some(ws) => Done::DefaultsSaved(ws.change_profile(|profile| match defaults {
                Defaults::Masthead(p) => profile.publication = p,
                Defaults::Footer(f) => profile.footer = f,
            })),
            None => Done::Nothing,
        },
        Effect::Init { dir, setup } => {
            let made = crate::commands::init::init(&dir, &setup);
            if made.is_ok()
                && let Some(file) = dirs.config_file()
                && let Err(e) = super::config::set_workspace(&file, &dir)
            {
                tracing::warn!("default workspace not written to {}: {e}", file.display());
            }
            Done::Initialized(made)
        }
        Effect::TakeOver(holder) => {
            Done::TookOver(take_over(&doc.issue_path, &holder, TAKE_OVER_PATIENCE), holder)
        }
    }
}

/// Write or remove the recovery file of the open issue: `Some(file)` when one holds
/// changes now.
fn sync_recovery(
    doc: &Session,
    dirs: &Dirs,
    snapshot: Option<Snapshot>,
) -> Result<Option<PathBuf>, StoreError> {
    let Some(dir) = dirs.recovery_dir() else { return Ok(None) };
    match snapshot {
        Some(s) => recovery::write_recovery(&dir, &doc.issue_path, &s).map(Some),
        None => recovery::remove_recovery(&dir, &doc.issue_path).map(|()| None),
    }
}

/// The recovery file of the open issue, unless it is older than the issue file (then it
/// is set aside, as it describes an older state).
fn find_recovery(doc: &Session, dirs: &Dirs) -> Done {
    let Some(dir) = dirs.recovery_dir() else { return Done::Nothing };
    let found = match recovery::find_recovery(&dir, &doc.issue_path) {
        Some(Ok(rec)) => rec,
        other => return Done::Recovery(other),
    };
    let file_time = std::fs::metadata(&doc.issue_path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs());
    if file_time.is_some_and(|t| t > found.written_unix) {
        return Done::OlderRecovery(recovery::set_aside(&found.file));
    }
    Done::Recovery(Some(Ok(found)))
}

/// The issues of the workspace, newest first, then the recent files not among them.
fn issues(ws: Option<&Workspace>, dirs: &Dirs) -> Vec<OpenEntry> {
    let mut entries = Vec::new();
    if let Some(ws) = ws {
        match ws.issue_headers() {
            Ok(headers) => {
                for e in headers {
                    let label = match &e.header {
                        Ok(h) => {
                            format!(
                                "{}  《{}》  {}",
                                h.numbering.year_and_number(),
                                h.title,
                                h.numbering.date.chinese()
                            )
                        }
                        Err(_) => {
                            e.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
                        }
                    };
                    entries.push(OpenEntry { path: e.path, label, recent: false });
                }
            }
            Err(e) => tracing::warn!("issues of {} not listed: {e}", ws.root().display()),
        }
    }
    if let Some(file) = dirs.recent_file() {
        for path in Recent::load(&file).files.into_iter().filter(|p| p.is_file()) {
            if !entries.iter().any(|e| e.path.canonicalize().ok().as_ref() == Some(&path)) {
                let label = path.to_string_lossy().to_string();
                entries.push(OpenEntry { path, label, recent: true });
            }
        }
    }
    entries
}

/// Read a file's items for the pool, with ids free in the workspace.
fn import(doc: &Session, path: PathBuf) -> Result<Imported, ImportError> {
    let found = crate::import::read_file(&path)?;
    let today = Date::today();
    let taken = |id: &str| {
        doc.locate(id).is_some()
            || doc.ws.as_ref().is_some_and(|ws| {
                ws.pool_path(id).exists() || ws.trash_dir().join(format!("{id}.toml")).exists()
            })
    };
    let mut items = crate::import::items(&found, crate::import::id_maker(today, taken));
    let origin = doc
        .ws
        .as_ref()
        .and_then(|ws| path.strip_prefix(ws.root()).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default());
    let known = known_items(doc);
    let mut duplicates = Vec::new();
    let mut k = 0;
    items.retain(|item| {
        k += 1;
        let d = known.duplicate(k, item);
        duplicates.extend(d.clone());
        d.is_none()
    });
    for item in &mut items {
        // A submission's own date (its header or signature) is when it was received.
        item.received = item.received.or(Some(today));
        item.origin = origin.clone();
    }
    Ok(Imported {
        encoding: found.encoding.to_string(),
        warnings: crate::import::warnings(&found),
        items,
        path,
        duplicates,
    })
}

/// What is there already: the pool as it stands, this issue as it stands, and the other
/// issues of the workspace as saved.
fn known_items(doc: &Session) -> crate::import::duplicates::Known {
    use crate::import::duplicates::{Known, Place};
    let mut known = Known::new();
    for item in doc.pool() {
        known.add(item, Place::Pool);
    }
    let place = |n: &crate::model::Numbering, k: usize| Place::Issue {
        year: n.year,
        number: n.number,
        position: k + 1,
    };
    let this = &doc.issue().numbering;
    for (k, item) in doc.issue().items().enumerate() {
        known.add(item, place(this, k));
    }
    if let Some(ws) = &doc.ws {
        match ws.issues() {
            Ok(issues) => {
                for entry in issues.iter().filter(|e| e.path != doc.issue_path) {
                    let n = &entry.issue.doc.numbering;
                    for (k, item) in entry.issue.doc.items().enumerate() {
                        known.add(item, place(n, k));
                    }
                }
            }
            Err(e) => tracing::warn!("issues of {} not read for duplicates: {e}", ws.root().display()),
        }
    }
    known
}
