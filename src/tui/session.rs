//! The open document: one issue file, the pool of its workspace, the structural history,
//! and saving them in an order that never loses an item.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use super::history::{History, Loc, Model, Op, Stale};
use crate::model::{Date, Issue, Item, ItemPos, Section, is_valid_id};
use crate::store::{StoreError, Workspace, load_issue, save_issue};

pub struct Session {
    pub ws: Option<Workspace>,
    pub issue_path: PathBuf,
    pub model: Model,
    pub history: History,
    /// Written by a newer jianbao: shown, never saved.
    pub read_only: bool,
    /// Bumped by every change; the document is saved when it equals `saved_rev`.
    rev: u64,
    saved_rev: u64,
    /// Each pooled item as it is on disk (a hash of it), by id.
    saved_pool: HashMap<String, u64>,
    /// Pool files of items that also sit in the issue (a save interrupted between two
    /// files): the issue's copy wins and these go to the trash at the next save.
    stale_pool: Vec<String>,
}

/// What a save did, for the status bar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveReport {
    pub pool_written: usize,
    pub pool_removed: usize,
    pub trashed: usize,
}

fn fingerprint(item: &Item) -> u64 {
    let mut h = DefaultHasher::new();
    item.hash(&mut h);
    h.finish()
}

impl Session {
    /// Open an issue file and the pool of its workspace (if it is in one).
    pub fn open(path: &Path) -> Result<Session, StoreError> {
        let loaded = load_issue(path)?;
        let ws = Workspace::containing(path);
        let mut pool = Vec::new();
        let mut stale_pool = Vec::new();
        if let Some(ws) = &ws {
            for l in ws.pool_items()? {
                if loaded.doc.find_item(&l.doc.id).is_some() {
                    stale_pool.push(l.doc.id);
                } else {
                    pool.push(l.doc);
                }
            }
        }
        let saved_pool = pool.iter().map(|i| (i.id.clone(), fingerprint(i))).collect();
        Ok(Session {
            ws,
            issue_path: path.to_path_buf(),
            model: Model { issue: loaded.doc, pool },
            history: History::default(),
            read_only: loaded.read_only,
            rev: 0,
            saved_rev: 0,
            saved_pool,
            stale_pool,
        })
    }

    /// A new issue not yet on disk (the first of a workspace); saving creates its file.
    pub fn unsaved(ws: Workspace, path: PathBuf, issue: Issue) -> Session {
        let pool: Vec<Item> =
            ws.pool_items().map(|v| v.into_iter().map(|l| l.doc).collect()).unwrap_or_default();
        let saved_pool = pool.iter().map(|i| (i.id.clone(), fingerprint(i))).collect();
        Session {
            ws: Some(ws),
            issue_path: path,
            model: Model { issue, pool },
            history: History::default(),
            read_only: false,
            rev: 1,
            saved_rev: 0,
            saved_pool,
            stale_pool: Vec::new(),
        }
    }

    pub fn issue(&self) -> &Issue {
        &self.model.issue
    }

    pub fn pool(&self) -> &[Item] {
        &self.model.pool
    }

    pub fn rev(&self) -> u64 {
        self.rev
    }

    pub fn is_dirty(&self) -> bool {
        self.rev != self.saved_rev
    }

    /// Apply a step and remember it for undo.
    pub fn commit(&mut self, ops: Vec<Op>) -> Result<(), Stale> {
        if ops.is_empty() {
            return Ok(());
        }
        self.history.commit(&mut self.model, ops)?;
        self.rev += 1;
        Ok(())
    }

    pub fn undo(&mut self) -> Result<bool, Stale> {
        let done = self.history.undo(&mut self.model)?;
        if done {
            self.rev += 1;
        }
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, Stale> {
        let done = self.history.redo(&mut self.model)?;
        if done {
            self.rev += 1;
        }
        Ok(done)
    }

    /// Where the item with this id is now.
    pub fn locate(&self, id: &str) -> Option<Loc> {
        if let Some(pos) = self.model.issue.find_item(id) {
            return Some(Loc::Issue(pos));
        }
        self.model.pool.iter().position(|i| i.id == id).map(Loc::Pool)
    }

    /// A new id for an item received on `date`, unused in the issue, the pool and the
    /// pool folder: `2026-11-22-n01`, `…-n02`, ….
    pub fn new_id(&self, date: Date) -> String {
        let taken: HashSet<&str> =
            self.model.issue.items().chain(self.model.pool.iter()).map(|i| i.id.as_str()).collect();
        (1..)
            .map(|n| format!("{date}-n{n:02}"))
            .find(|id| {
                is_valid_id(id)
                    && !taken.contains(id.as_str())
                    && self.ws.as_ref().is_none_or(|ws| {
                        !ws.pool_path(id).exists() && !ws.trash_dir().join(format!("{id}.toml")).exists()
                    })
            })
            .expect("some id is free")
    }

    /// Ops that place pooled item `pool_index` at `pos`, creating a lead section first when
    /// the issue has none.
    pub fn place_ops(&self, pool_index: usize, pos: ItemPos) -> Vec<Op> {
        let mut ops = Vec::new();
        let mut pos = pos;
        if self.model.issue.sections.is_empty() {
            ops.push(Op::InsertSection { index: 0, section: Box::new(Section::new("")) });
            pos = ItemPos::new(0, 0);
        }
        ops.push(Op::PoolToIssue { pool_index, pos });
        ops
    }

    /// Save: pool files first, then the issue, then the pool files of items now placed.
    /// A kill between any two writes leaves every item in at least one file.
    pub fn save(&mut self) -> Result<SaveReport, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly { path: self.issue_path.clone() });
        }
        let mut report = SaveReport::default();
        let current: HashMap<&str, u64> =
            self.model.pool.iter().map(|i| (i.id.as_str(), fingerprint(i))).collect();
        if let Some(ws) = &self.ws {
            for item in &self.model.pool {
                if self.saved_pool.get(&item.id) != current.get(item.id.as_str()) {
                    ws.save_pool_item(item)?;
                    report.pool_written += 1;
                }
            }
        }
        save_issue(&self.issue_path, &self.model.issue)?;
        if let Some(ws) = &self.ws {
            for id in self.saved_pool.keys().filter(|id| !current.contains_key(id.as_str())) {
                if self.model.issue.find_item(id).is_some() {
                    ws.remove_pool_file(id)?;
                    report.pool_removed += 1;
                } else if ws.trash_pool_file(id)?.is_some() {
                    report.trashed += 1;
                }
            }
            for id in std::mem::take(&mut self.stale_pool) {
                if ws.trash_pool_file(&id)?.is_some() {
                    report.trashed += 1;
                }
            }
        }
        self.saved_pool = current.into_iter().map(|(id, h)| (id.to_string(), h)).collect();
        self.saved_rev = self.rev;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load_pool_item;

    fn sample() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create_from_samples(dir.path()).unwrap();
        let s = Session::open(&ws.issues_dir().join("2026-45.toml")).unwrap();
        (dir, s)
    }

    #[test]
    fn placing_and_saving_moves_the_item_out_of_the_pool_folder() {
        let (_dir, mut s) = sample();
        let id = s.pool()[0].id.clone();
        let ops = s.place_ops(0, ItemPos::new(0, 0));
        s.commit(ops).unwrap();
        assert!(s.is_dirty());
        let report = s.save().unwrap();
        assert_eq!(report.pool_removed, 1);
        assert!(!s.is_dirty());
        let ws = s.ws.clone().unwrap();
        assert!(!ws.pool_path(&id).exists());
        let reopened = Session::open(&s.issue_path).unwrap();
        assert_eq!(reopened.issue().sections[0].items[0].id, id);
        assert!(reopened.pool().iter().all(|i| i.id != id));
    }

    #[test]
    fn unplacing_and_saving_writes_the_pool_file_back() {
        let (_dir, mut s) = sample();
        let id = s.issue().sections[0].items[0].id.clone();
        s.commit(vec![Op::IssueToPool { pos: ItemPos::new(0, 0), pool_index: 0 }]).unwrap();
        s.save().unwrap();
        let ws = s.ws.clone().unwrap();
        assert_eq!(load_pool_item(&ws.pool_path(&id)).unwrap().doc.id, id);
        assert!(Session::open(&s.issue_path).unwrap().issue().find_item(&id).is_none());
    }

    #[test]
    fn a_deleted_pool_item_goes_to_the_trash() {
        let (_dir, mut s) = sample();
        let item = s.pool()[1].clone();
        s.commit(vec![Op::RemovePool { index: 1, item: Box::new(item.clone()) }]).unwrap();
        let report = s.save().unwrap();
        assert_eq!(report.trashed, 1);
        let ws = s.ws.clone().unwrap();
        assert!(!ws.pool_path(&item.id).exists());
        assert!(ws.trash_dir().join(format!("{}.toml", item.id)).exists());
    }

    #[test]
    fn an_item_in_both_places_is_taken_from_the_issue() {
        let (_dir, s) = sample();
        let ws = s.ws.clone().unwrap();
        let placed = s.issue().sections[0].items[0].clone();
        ws.save_pool_item(&placed).unwrap();
        let mut s = Session::open(&s.issue_path).unwrap();
        assert!(s.pool().iter().all(|i| i.id != placed.id), "the issue's copy wins");
        s.save().unwrap();
        assert!(!ws.pool_path(&placed.id).exists());
        assert!(ws.trash_dir().join(format!("{}.toml", placed.id)).exists());
    }

    #[test]
    fn new_ids_are_unique() {
        let (_dir, s) = sample();
        let id = s.new_id(Date::new(2026, 11, 22).unwrap());
        assert_eq!(id, "2026-11-22-n01");
        assert!(s.locate(&id).is_none());
    }
}
