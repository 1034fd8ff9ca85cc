//! `jianbao new`: create the next issue.

use std::path::{Path, PathBuf};

use super::{CommandError, Result};
use crate::model::{Date, Issue};
use crate::store::{StoreError, Workspace, load_issue};

/// Which workspace a command without an issue argument works in: `--workspace`, else
/// the current folder when it is one, else the default workspace.
pub fn resolve_workspace(explicit: Option<&Path>) -> std::result::Result<Workspace, StoreError> {
    match explicit {
        Some(dir) => Workspace::open(dir),
        None if Workspace::is_workspace(Path::new(".")) => Workspace::open(Path::new(".")),
        None => Workspace::open_default(),
    }
}

/// Create the issue after `from` (or after the workspace's newest issue) and return
/// its path. Never overwrites a file. `output` writes it elsewhere: a file of that name (not
/// yet taken), or in place to a device, FIFO or descriptor (`-` is standard output).
pub fn new_issue(from: Option<&Path>, workspace: Option<&Path>, output: Option<&Path>) -> Result<PathBuf> {
    let (issue, path) = match from {
        Some(file) => {
            let loaded = load_issue(file)?;
            if loaded.read_only {
                return Err(
                    StoreError::NewerFormat { path: file.to_path_buf(), found: loaded.doc.format }.into()
                );
            }
            let ws = match workspace {
                Some(dir) => Some(Workspace::open(dir)?),
                None => Workspace::containing(file),
            };
            let issue = following(&loaded.doc)?;
            let path = match &ws {
                Some(ws) => ws.issue_path(&issue),
                None => file.with_file_name(format!("{}.toml", issue.file_stem())),
            };
            (issue, path)
        }
        None => {
            let ws = resolve_workspace(workspace)?;
            let profile = ws.profile()?.doc;
            let issue = match newest_of(&ws, profile.publication.title.trim())? {
                Some(path) => {
                    let loaded = load_issue(&path)?;
                    if loaded.read_only {
                        return Err(StoreError::NewerFormat { path, found: loaded.doc.format }.into());
                    }
                    following(&loaded.doc)?
                }
                None => Issue::first(&profile, Date::today()),
            };
            let path = ws.issue_path(&issue);
            (issue, path)
        }
    };
    let path = output.map_or(path, Path::to_path_buf);
    super::write_new_issue(&path, &issue, output.is_none())?;
    Ok(path)
}

/// The newest issue of the publication titled `title`. An unreadable issue file is an
/// error: it might be the newest, and guessing would give two issues the same number.
fn newest_of(ws: &Workspace, title: &str) -> Result<Option<PathBuf>> {
    let mut newest = None;
    for entry in ws.issue_headers()? {
        match entry.header {
            Err(err) => return Err(err.into()),
            Ok(h) if h.title == title && newest.is_none() => newest = Some(entry.path),
            Ok(_) => {}
        }
    }
    Ok(newest)
}

/// The issue after `previous`, which carries its settings (jianbao.toml is the template of
/// a workspace's first issue only).
fn following(previous: &Issue) -> Result<Issue> {
    previous.next().ok_or(CommandError::Usage(super::Usage::BeyondCalendar))
}
