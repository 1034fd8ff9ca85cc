//! `jianbao check`: preflight an issue file against its workspace.

use std::path::Path;

use super::Result;
use crate::check::{Finding, check};
use crate::model::Issue;
use crate::store::{StoreError, Workspace, load_issue};

/// Findings for the issue at `path`. Numbering is checked against the newest issue of the
/// same publication that comes before it in its workspace.
pub fn check_file(path: &Path) -> Result<Vec<Finding>> {
    let loaded = load_issue(path)?;
    if loaded.read_only {
        return Err(StoreError::NewerFormat { path: path.to_path_buf(), found: loaded.doc.format }.into());
    }
    let issue = loaded.doc;
    let previous = match Workspace::containing(path) {
        Some(ws) => previous_issue(&ws, path, &issue)?,
        None => None,
    };
    Ok(check(&issue, previous.as_ref()))
}

fn previous_issue(ws: &Workspace, path: &Path, issue: &Issue) -> Result<Option<Issue>> {
    let this = path.canonicalize().ok();
    let key = |i: &Issue| (i.numbering.date, i.numbering.total);
    for entry in ws.issues()? {
        let same_file = this.is_some() && entry.path.canonicalize().ok() == this;
        let other = &entry.issue.doc;
        if !same_file
            && other.publication.title.trim() == issue.publication.title.trim()
            && key(other) < key(issue)
        {
            return Ok(Some(entry.issue.doc));
        }
    }
    Ok(None)
}
