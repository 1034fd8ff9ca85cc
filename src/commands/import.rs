//! `jianbao import`: files into the pool, or a past issue into an issue file.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::new::resolve_workspace;
use super::{CommandError, Result};
use crate::import::duplicates::{Duplicate, Known, Place};
use crate::import::{self, Document};
use crate::model::Date;
use crate::store::Workspace;

/// What one file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub path: PathBuf,
    pub encoding: &'static str,
    pub items: usize,
    pub warnings: Vec<import::Warning>,
    /// Where the items (or the issue) went.
    pub written: Vec<PathBuf>,
    /// Items that were there already: skipped, or taken all the same with `--force`.
    pub duplicates: Vec<Duplicate>,
    pub forced: bool,
}

impl Report {
    /// The summary line, in `lang`.
    pub fn line(&self, lang: crate::lang::Lang) -> String {
        if lang == crate::lang::Lang::Zh {
            let mut line = format!("{}：{} 条（{}）", self.path.display(), self.items, self.encoding);
            if self.warnings.is_empty() {
                line.push_str("，无须核对");
            } else {
                let said: Vec<String> = self.warnings.iter().map(|w| w.say(lang)).collect();
                line.push_str(&format!("；请核对 {} 处：{}", said.len(), said.join("；")));
            }
            if !self.duplicates.is_empty() {
                let said: Vec<String> = self.duplicates.iter().map(|d| d.say(lang)).collect();
                let what = if self.forced {
                    "仍已导入（--force）"
                } else {
                    "未导入（要导入请加 --force）"
                };
                line.push_str(&format!("；{} 条已有，{what}：{}", said.len(), said.join("；")));
            }
            return line;
        }
        let mut line = format!(
            "{}: {} item{} ({})",
            self.path.display(),
            self.items,
            if self.items == 1 { "" } else { "s" },
            self.encoding
        );
        if self.warnings.is_empty() {
            line.push_str(", no warnings");
        } else {
            line.push_str(&format!(
                "; {} warning{}: {}",
                self.warnings.len(),
                if self.warnings.len() == 1 { "" } else { "s" },
                self.warnings.iter().map(|w| w.say(lang)).collect::<Vec<_>>().join("; ")
            ));
        }
        if !self.duplicates.is_empty() {
            let what =
                if self.forced { "imported anyway (--force)" } else { "skipped (--force imports them)" };
            line.push_str(&format!(
                "; {} already there, {what}: {}",
                self.duplicates.len(),
                self.duplicates.iter().map(|d| d.say(lang)).collect::<Vec<_>>().join("; ")
            ));
        }
        line
    }
}

/// What the workspace holds, read once: every id it uses (pool, trash, the items of every
/// issue), and its items with their places, to find duplicates in.
fn existing(ws: &Workspace) -> Result<(HashSet<String>, Known)> {
    let mut ids = HashSet::new();
    let mut known = Known::new();
    for loaded in ws.pool_items()? {
        known.add(&loaded.doc, Place::Pool);
        ids.insert(loaded.doc.id);
    }
    for entry in ws.issues()? {
        let n = &entry.issue.doc.numbering;
        for (k, item) in entry.issue.doc.items().enumerate() {
            known.add(item, Place::Issue { year: n.year, number: n.number, position: k + 1 });
            ids.insert(item.id.clone());
        }
    }
    for dir in [ws.pool_dir(), ws.trash_dir()] {
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for e in entries.flatten() {
                if let Some(stem) = e.path().file_stem().and_then(|s| s.to_str()) {
                    ids.insert(stem.to_string());
                }
            }
        }
    }
    Ok((ids, known))
}

/// Read every file first: one that cannot be read stops the import before anything is
/// written.
fn read_all(files: &[PathBuf]) -> Result<Vec<Document>> {
    files.iter().map(|f| import::read_file(f).map_err(CommandError::from)).collect()
}

/// `jianbao import FILE…`: every item found goes to the pool, recording its file; an item
/// already in the pool or an issue (or in an earlier file of the same import) is skipped
/// unless `force`.
pub fn import_to_pool(files: &[PathBuf], workspace: Option<&Path>, force: bool) -> Result<Vec<Report>> {
    let ws = resolve_workspace(workspace)?;
    let docs = read_all(files)?;
    let (mut taken, mut known) = existing(&ws)?;
    let today = Date::today();
    let mut reports = Vec::new();
    for (path, doc) in files.iter().zip(&docs) {
        let items = import::items(doc, import::id_maker(today, |id| taken.contains(id)));
        let mut written = Vec::new();
        let mut duplicates = Vec::new();
        for (k, mut item) in items.into_iter().enumerate() {
            if let Some(d) = known.duplicate(k + 1, &item) {
                duplicates.push(d);
                if !force {
                    continue;
                }
            }
            item.received = item.received.or(Some(today));
            item.origin = path.display().to_string();
            taken.insert(item.id.clone());
            known.add(&item, Place::Imported { file: path.display().to_string() });
            written.push(ws.save_pool_item(&item)?);
        }
        reports.push(Report {
            path: path.clone(),
            encoding: doc.encoding,
            items: written.len(),
            warnings: import::warnings(doc),
            written,
            duplicates,
            forced: force,
        });
    }
    Ok(reports)
}

/// `jianbao import --issue FILE [-o ISSUE.toml]`: a past issue as an issue file.
pub fn import_issue(file: &Path, output: Option<&Path>, workspace: Option<&Path>) -> Result<Report> {
    let doc = import::read_file(file)?;
    let ws = match workspace {
        Some(dir) => Some(Workspace::open(dir)?),
        None if Workspace::is_workspace(Path::new(".")) => Some(Workspace::open(Path::new("."))?),
        None => None,
    };
    let taken = match &ws {
        Some(ws) => existing(ws)?.0,
        None => HashSet::new(),
    };
    let date = doc.masthead.as_ref().and_then(|m| m.date).unwrap_or_else(Date::today);
    let issue = import::issue(&doc, file, import::id_maker(date, |id| taken.contains(id)))?;
    let path = match (output, &ws) {
        (Some(p), _) => p.to_path_buf(),
        (None, Some(ws)) => ws.issue_path(&issue),
        (None, None) => file.with_file_name(format!("{}.toml", issue.file_stem())),
    };
    super::write_new_issue(&path, &issue, false)?;
    Ok(Report {
        path: file.to_path_buf(),
        encoding: doc.encoding,
        items: issue.items().count(),
        warnings: import::warnings(&doc),
        written: vec![path],
        duplicates: Vec::new(),
        forced: false,
    })
}
