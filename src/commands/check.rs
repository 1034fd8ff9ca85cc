//! `jianbao check`: preflight an issue file against its workspace.

use std::path::Path;

use super::Result;
use crate::check::{Finding, Place, Problem, Severity, check};
use crate::model::{Issue, Numbering};
use crate::store::{StoreError, Workspace, load_issue};

/// Findings for the issue at `path`. Numbering is checked against the newest issue of the
/// same publication that comes before it in its workspace; a sibling file that cannot be
/// read is a warning, not a reason to stop.
pub fn check_file(path: &Path) -> Result<Vec<Finding>> {
    let loaded = load_issue(path)?;
    if loaded.read_only {
        return Err(StoreError::NewerFormat { path: path.to_path_buf(), found: loaded.doc.format }.into());
    }
    let issue = loaded.doc;
    let mut unreadable = Vec::new();
    let previous = match Workspace::containing(path) {
        Some(ws) => previous_issue(&ws, path, &issue, &mut unreadable)?,
        None => None,
    };
    let mut findings = check(&issue, previous.as_ref());
    findings.extend(unreadable.into_iter().map(|err| Finding {
        severity: Severity::Warning,
        place: Place::Issue,
        problem: Problem::SiblingUnreadable { reason: err.to_string() },
    }));
    Ok(findings)
}

fn previous_issue(
    ws: &Workspace,
    path: &Path,
    issue: &Issue,
    unreadable: &mut Vec<StoreError>,
) -> Result<Option<Numbering>> {
    let this = path.canonicalize().ok();
    let key = (issue.numbering.date, issue.numbering.total);
    let mut previous = None;
    for entry in ws.issue_headers()? {
        if this.is_some() && entry.path.canonicalize().ok() == this {
            continue;
        }
        match entry.header {
            Ok(h)
                if h.title == issue.publication.title.trim()
                    && (h.numbering.date, h.numbering.total) < key =>
            {
                // Headers come newest first: the first earlier one is the previous issue.
                previous = previous.or(Some(h.numbering));
            }
            Ok(_) => {}
            Err(err) => unreadable.push(err),
        }
    }
    Ok(previous)
}
