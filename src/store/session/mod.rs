//! The open document: one issue file, the pool of its workspace, the structural history,
//! and saving them in an order that never loses an item. The pool's arrival (read in the
//! background for a large pool) and the reconciling after it are in `pool.rs`.

mod pool;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::SystemTime;

use crate::model::history::{History, Loc, Model, Op, Stale};
use crate::model::{Date, Issue, Item, ItemPos, Section, is_valid_id};
use crate::store::lock::{Acquired, Holder, IssueLock, acquire, lock_path};
use crate::store::pool_index::PoolRow;
use crate::store::pool_load::{self, LoadedPool, PoolStart};
use crate::store::recovery::Snapshot;
use crate::store::{StoreError, Workspace, load_issue, save_issue};

/// Something the user should know after opening, said in the interface's language by the app.
#[derive(Debug, Clone)]
pub enum Notice {
    /// A file that could not be read; it is left as it is.
    Unreadable(StoreError),
    /// The lock of a jianbao no longer running was taken over.
    TookOverLock(Holder),
    /// An item was both in this issue and in the pool (a save cut short); the pool copy
    /// went to the trash.
    Reconciled(String),
}

/// Why an open issue cannot be changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnly {
    /// Written by a newer jianbao.
    NewerFormat,
    /// Another jianbao has it open.
    Locked { holder: Option<Holder>, lock_file: PathBuf },
    /// The file itself is marked read-only, or this user may not write it.
    FileNotWritable,
    /// Its lock could not be taken (a folder we may not write, say).
    NoLock(crate::store::error::Reason),
    /// Another jianbao took its lock over while it was open here.
    LockLost,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("issue_path", &self.issue_path)
            .field("read_only", &self.why_read_only)
            .finish()
    }
}

pub struct Session {
    pub ws: Option<Workspace>,
    pub issue_path: PathBuf,
    pub model: Model,
    pub history: History,
    /// Shown, never saved (see `why_read_only`).
    pub read_only: bool,
    pub why_read_only: Option<ReadOnly>,
    /// Things the user should know after opening: unreadable pool files, a stale lock
    /// taken over, items reconciled.
    pub notices: Vec<Notice>,
    /// Bumped by every change (for caches of things derived from the document).
    rev: u64,
    /// The history's state at the last save (or at opening); `None` when the document has
    /// not been saved in this history (a new issue, a restored recovery).
    saved_state: Option<u64>,
    /// The issue as it is in its file (`None`: there is no file yet).
    saved_issue: Option<Issue>,
    /// Whether the document equals what is on disk, for the change `rev` (a cache).
    clean: std::cell::Cell<Option<(u64, bool)>>,
    /// Each pooled item as it is on disk (a fingerprint of it), by id.
    saved_pool: HashMap<String, u64>,
    /// The issue file's size and time as we last read or wrote it.
    issue_stamp: Option<(u64, SystemTime)>,
    lock: Option<IssueLock>,
    /// Set while a large pool is read in the background: `model.pool` is empty until then.
    loading: Option<Loading>,
}

/// What a save did, for the status bar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveReport {
    pub pool_written: usize,
    pub pool_removed: usize,
    pub trashed: usize,
    /// Pooled items another jianbao had changed (or an id it had taken) since we read them:
    /// ours were saved under a new id, theirs kept. (old id, new id)
    pub kept_both: Vec<(String, String)>,
    /// The issue file had been changed by something else since we read it; that version
    /// is the `.bak`.
    pub issue_changed_outside: bool,
}

/// A large pool while it is read in the background (see `store::pool_load`).
struct Loading {
    rows: Vec<PoolRow>,
    first: Option<Item>,
    arriving: mpsc::Receiver<LoadedPool>,
    /// Lets the reading start, with what to call when the pool is read (see `release_pool`).
    go: Option<mpsc::Sender<pool_load::Ready>>,
}

fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Whether the file may be written: not marked read-only, and (on Unix) writable for us.
fn writable(path: &Path) -> bool {
    match std::fs::metadata(path) {
        Ok(meta) if meta.permissions().readonly() => false,
        Ok(_) => std::fs::OpenOptions::new().append(true).open(path).is_ok(),
        Err(_) => true,
    }
}

impl Session {
    /// Open an issue file and the pool of its workspace (if it is in one), taking its lock.
    /// Pool files of items that also sit in the issue (a save killed between two files)
    /// are reconciled: the issue's copy wins and the pool file goes to the trash.
    pub fn open(path: &Path) -> Result<Session, StoreError> {
        Session::open_with_lock(path, None)
    }

    /// As `open`, reusing a lock already held on this file (reopening it).
    pub fn open_with_lock(path: &Path, held: Option<IssueLock>) -> Result<Session, StoreError> {
        let loaded = load_issue(path)?;
        let issue_stamp = stamp(path);
        let ws = Workspace::containing(path);
        let mut session = Session::build(ws, path.to_path_buf(), loaded.doc, issue_stamp)?;
        if loaded.read_only {
            session.set_read_only(ReadOnly::NewerFormat);
        } else if !writable(path) {
            session.set_read_only(ReadOnly::FileNotWritable);
        } else {
            session.take_lock(held);
        }
        session.reconcile();
        Ok(session)
    }

    /// A new issue not yet on disk (the first of a workspace); saving creates its file.
    pub fn unsaved(ws: Workspace, path: PathBuf, issue: Issue) -> Session {
        let mut session = match Session::build(Some(ws.clone()), path.clone(), issue.clone(), None) {
            Ok(s) => s,
            Err(e) => {
                let mut s = Session::build(None, path, issue, None).expect("no pool to read");
                s.ws = Some(ws);
                s.notices.push(Notice::Unreadable(e));
                s
            }
        };
        session.saved_state = None;
        session.saved_issue = None;
        session.take_lock(None);
        session
    }

    fn build(
        ws: Option<Workspace>,
        issue_path: PathBuf,
        issue: Issue,
        issue_stamp: Option<(u64, SystemTime)>,
    ) -> Result<Session, StoreError> {
        let start = match &ws {
            Some(ws) => pool_load::start(ws)?,
            None => PoolStart::Ready(LoadedPool::default()),
        };
        let mut session = Session {
            ws,
            issue_path,
            saved_issue: Some(issue.clone()),
            model: Model { issue, pool: Vec::new() },
            history: History::default(),
            read_only: false,
            why_read_only: None,
            notices: Vec::new(),
            rev: 0,
            saved_state: Some(0),
            clean: std::cell::Cell::new(None),
            saved_pool: HashMap::new(),
            issue_stamp,
            lock: None,
            loading: None,
        };
        match start {
            PoolStart::Ready(pool) => session.install_pool(pool),
            PoolStart::Loading { rows, first, arriving, go } => {
                session.loading = Some(Loading { rows, first, arriving, go: Some(go) })
            }
        }
        Ok(session)
    }

    fn set_read_only(&mut self, why: ReadOnly) {
        self.read_only = true;
        self.why_read_only = Some(why);
    }

    fn take_lock(&mut self, held: Option<IssueLock>) {
        if let Some(lock) = held.filter(|l| l.path() == lock_path(&self.issue_path)) {
            self.lock = Some(lock);
            return;
        }
        match acquire(&self.issue_path) {
            Ok(Acquired::Held { lock, taken_over }) => {
                self.lock = Some(lock);
                if let Some(h) = taken_over {
                    self.notices.push(Notice::TookOverLock(h));
                }
            }
            Ok(Acquired::Busy { holder, lock_file }) => {
                self.set_read_only(ReadOnly::Locked { holder, lock_file });
            }
            Err(e) => self.set_read_only(ReadOnly::NoLock(crate::store::error::Reason::of(&e))),
        }
    }

    /// Hold `lock` again (after a reopen that failed).
    pub fn put_lock_back(&mut self, lock: IssueLock) {
        self.lock = Some(lock);
    }

    /// Give up this session's lock (to reopen the same file).
    pub fn take_lock_out(&mut self) -> Option<IssueLock> {
        self.lock.take()
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

    /// Whether the document differs from what its files hold. Undoing back to the saved
    /// state, or making the same text again by other steps, makes it clean again.
    pub fn is_dirty(&self) -> bool {
        if self.saved_state.is_some() && self.saved_state == Some(self.history.state()) {
            return false;
        }
        if let Some((rev, clean)) = self.clean.get()
            && rev == self.rev
        {
            return !clean;
        }
        let clean = self.saved_issue.as_ref() == Some(&self.model.issue) && self.pool_as_saved();
        self.clean.set(Some((self.rev, clean)));
        !clean
    }

    /// Whether every pooled item is as its pool file holds it, and no file lost its item.
    fn pool_as_saved(&self) -> bool {
        self.model.pool.len() == self.saved_pool.len()
            && self.model.pool.iter().all(|i| self.saved_pool.get(&i.id) == Some(&i.fingerprint()))
    }

    /// Apply a step and remember it for undo.
    pub fn commit(&mut self, ops: Vec<Op>) -> Result<(), Stale> {
        self.wait_pool();
        if ops.is_empty() {
            return Ok(());
        }
        self.history.commit(&mut self.model, ops)?;
        self.rev += 1;
        Ok(())
    }

    pub fn undo(&mut self) -> Result<bool, Stale> {
        self.wait_pool();
        let done = self.history.undo(&mut self.model)?;
        if done {
            self.rev += 1;
        }
        Ok(done)
    }

    pub fn redo(&mut self) -> Result<bool, Stale> {
        self.wait_pool();
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

    /// Whether the pool file of `id` is still as we last read or wrote it.
    fn pool_file_unchanged(ws: &Workspace, base: Option<&u64>, id: &str) -> bool {
        match (ws.pool_file(id), base) {
            (None, None) => true,
            (Some(Ok(item)), Some(fp)) => item.fingerprint() == *fp,
            _ => false,
        }
    }

    /// Save: pool files first, then the issue, then the pool files of items now placed.
    /// A kill between any two writes leaves every item in at least one file (and `open`
    /// reconciles an item found in both). Pool files another jianbao changed meanwhile are
    /// never written over: ours is kept under a new id, or theirs goes to the trash.
    pub fn save(&mut self) -> Result<SaveReport, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly { path: self.issue_path.clone() });
        }
        if self.lock.as_mut().is_some_and(|l| !l.still_ours()) {
            // Taken over meanwhile: the other editor's file must not be written over.
            self.lock = None;
            self.set_read_only(ReadOnly::LockLost);
            return Err(StoreError::LockLost { path: self.issue_path.clone() });
        }
        self.wait_pool();
        let mut report = SaveReport::default();
        let _pool_lock = self.ws.as_ref().map(Workspace::lock_pool).transpose()?;
        if let Some(ws) = self.ws.clone() {
            for k in 0..self.model.pool.len() {
                let item = &self.model.pool[k];
                let base = self.saved_pool.get(&item.id);
                if base == Some(&item.fingerprint()) {
                    continue;
                }
                if !Self::pool_file_unchanged(&ws, base, &item.id) {
                    let old = item.id.clone();
                    let new = self.new_id(item.received.unwrap_or_else(Date::today));
                    self.model.pool[k].id = new.clone();
                    report.kept_both.push((old, new));
                }
                ws.save_pool_item(&self.model.pool[k])?;
                report.pool_written += 1;
            }
        }
        let outside = self.issue_stamp.is_some() && stamp(&self.issue_path) != self.issue_stamp;
        save_issue(&self.issue_path, &self.model.issue)?;
        report.issue_changed_outside = outside;
        self.issue_stamp = stamp(&self.issue_path);
        let current: HashMap<String, u64> =
            self.model.pool.iter().map(|i| (i.id.clone(), i.fingerprint())).collect();
        if let Some(ws) = &self.ws {
            for (id, base) in &self.saved_pool {
                if current.contains_key(id) || report.kept_both.iter().any(|(old, _)| old == id) {
                    continue;
                }
                let placed = self.model.issue.find_item(id).is_some();
                if placed && Self::pool_file_unchanged(ws, Some(base), id) {
                    ws.remove_pool_file(id)?;
                    report.pool_removed += 1;
                } else if ws.trash_pool_file(id)?.is_some() {
                    report.trashed += 1;
                }
            }
        }
        self.saved_pool = current;
        self.saved_state = Some(self.history.state());
        self.saved_issue = Some(self.model.issue.clone());
        self.clean.set(Some((self.rev, true)));
        Ok(report)
    }

    /// The unsaved state, for a recovery file: the issue (with `editing`, the item as it
    /// stands in the editor, in its place), the pooled items that differ from their
    /// files, the pooled items deleted.
    pub fn snapshot(&self, editing: Option<&Item>) -> Snapshot {
        let mut issue = self.model.issue.clone();
        let mut pool_changed: Vec<Item> = Vec::new();
        let edited = |item: &Item| match editing {
            Some(e) if e.id == item.id => e.clone(),
            _ => item.clone(),
        };
        for section in &mut issue.sections {
            for item in &mut section.items {
                *item = edited(item);
            }
        }
        for item in &self.model.pool {
            let item = edited(item);
            if self.saved_pool.get(&item.id) != Some(&item.fingerprint()) {
                pool_changed.push(item);
            }
        }
        let mut pool_removed: Vec<String> = self
            .saved_pool
            .keys()
            .filter(|id| issue.find_item(id).is_none() && !self.model.pool.iter().any(|i| &i.id == *id))
            .cloned()
            .collect();
        pool_removed.sort();
        Snapshot { issue, pool_changed, pool_removed }
    }

    /// Put a recovered state in place of the open one (unsaved: the user saves it). Pool
    /// items added by others since stay; the snapshot's changes and deletions apply.
    pub fn restore(&mut self, snapshot: Snapshot) {
        self.wait_pool();
        let Snapshot { issue, pool_changed, pool_removed } = snapshot;
        let mut pool: Vec<Item> = std::mem::take(&mut self.model.pool);
        pool.retain(|i| {
            !pool_removed.contains(&i.id)
                && issue.find_item(&i.id).is_none()
                && !pool_changed.iter().any(|c| c.id == i.id)
        });
        pool.extend(pool_changed.into_iter().filter(|i| issue.find_item(&i.id).is_none()));
        pool.sort_by(|a, b| (b.received, &b.id).cmp(&(a.received, &a.id)));
        self.model = Model { issue, pool };
        self.history = History::default();
        self.saved_state = None;
        self.rev += 1;
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
        let path = s.issue_path.clone();
        drop(s);
        let placed = ws.issues().unwrap().into_iter().find(|e| e.path == path).unwrap().issue.doc.sections[0]
            .items[0]
            .clone();
        let mut stale = placed.clone();
        stale.body = "（池中旧稿）".into();
        ws.save_pool_item(&stale).unwrap();
        let s = Session::open(&path).unwrap();
        assert!(s.pool().iter().all(|i| i.id != placed.id), "the issue's copy wins");
        assert_eq!(s.issue().sections[0].items[0], placed);
        assert!(!ws.pool_path(&placed.id).exists());
        assert!(ws.trash_dir().join(format!("{}.toml", placed.id)).exists(), "the pool copy is kept");
        assert_eq!(s.notices.len(), 1, "{:?}", s.notices);
    }

    #[test]
    fn a_second_session_on_the_same_file_is_read_only_and_says_who() {
        let (_dir, mut first) = sample();
        let second = Session::open(&first.issue_path).unwrap();
        assert!(second.read_only);
        match &second.why_read_only {
            Some(ReadOnly::Locked { holder: Some(h), .. }) => assert_eq!(h.pid, std::process::id()),
            other => panic!("{other:?}"),
        }
        assert!(second.notices.is_empty(), "a read-only session touches nothing");
        let lock = first.take_lock_out();
        let again = Session::open_with_lock(&first.issue_path, lock).unwrap();
        assert!(!again.read_only, "reopening passes the lock on");
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_opens_read_only() {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, s) = sample();
        let path = s.issue_path.clone();
        drop(s);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let mut s = Session::open(&path).unwrap();
        assert_eq!(s.why_read_only, Some(ReadOnly::FileNotWritable));
        assert!(s.save().is_err());
        assert!(!crate::store::lock::lock_path(&path).exists(), "no lock is taken");
    }

    #[test]
    fn an_unreadable_pool_file_is_reported_and_left_alone() {
        let (_dir, s) = sample();
        let ws = s.ws.clone().unwrap();
        let path = s.issue_path.clone();
        let n = s.pool().len();
        drop(s);
        let bad = ws.pool_dir().join("2026-11-20-broken.toml");
        std::fs::write(&bad, "format = 1\n[item\nid = \"x\"\n").unwrap();
        let mut s = Session::open(&path).unwrap();
        assert_eq!(s.pool().len(), n);
        assert!(
            s.notices.iter().any(
                |n| matches!(n, Notice::Unreadable(m) if m.to_string().contains("2026-11-20-broken.toml:"))
            ),
            "{:?}",
            s.notices
        );
        let ops = s.place_ops(0, ItemPos::new(0, 0));
        s.commit(ops).unwrap();
        s.save().unwrap();
        assert_eq!(std::fs::read_to_string(&bad).unwrap(), "format = 1\n[item\nid = \"x\"\n");
    }

    /// Two editors on two issues of one workspace edit the same pooled item: the second
    /// save keeps both versions.
    #[test]
    fn a_pool_item_changed_by_another_editor_is_not_written_over() {
        let (_dir, mut a) = sample();
        let ws = a.ws.clone().unwrap();
        let mut b = Session::open(&ws.issues_dir().join("2026-21.toml")).unwrap();
        assert!(!b.read_only);
        let id = a.pool()[0].id.clone();
        for (s, text) in [(&mut a, "甲的修改"), (&mut b, "乙的修改")] {
            let before = s.pool()[0].clone();
            let after = Item { body: format!("{text}\n"), ..before.clone() };
            s.commit(vec![Op::EditItem {
                at: Loc::Pool(0),
                before: Box::new(before),
                after: Box::new(after),
            }])
            .unwrap();
        }
        a.save().unwrap();
        let report = b.save().unwrap();
        assert_eq!(report.kept_both.len(), 1);
        let (old, new) = &report.kept_both[0];
        assert_eq!(old, &id);
        assert_eq!(load_pool_item(&ws.pool_path(&id)).unwrap().doc.body, "甲的修改\n");
        assert_eq!(load_pool_item(&ws.pool_path(new)).unwrap().doc.body, "乙的修改\n");
    }

    #[test]
    fn a_new_item_never_takes_an_id_another_editor_saved_meanwhile() {
        let (_dir, mut a) = sample();
        let ws = a.ws.clone().unwrap();
        let mut b = Session::open(&ws.issues_dir().join("2026-21.toml")).unwrap();
        let date = Date::new(2026, 11, 22).unwrap();
        for (s, text) in [(&mut a, "甲新建"), (&mut b, "乙新建")] {
            let mut item = Item::new(s.new_id(date), text);
            item.received = Some(date);
            s.commit(vec![Op::InsertPool { index: 0, item: Box::new(item) }]).unwrap();
        }
        assert_eq!(a.pool()[0].id, b.pool()[0].id, "both picked the same free id");
        a.save().unwrap();
        let report = b.save().unwrap();
        assert_eq!(report.kept_both.len(), 1);
        let headlines: Vec<String> = ws.pool_items().unwrap().into_iter().map(|l| l.doc.headline).collect();
        assert!(headlines.contains(&"甲新建".to_string()) && headlines.contains(&"乙新建".to_string()));
    }

    #[test]
    fn a_change_made_outside_is_kept_as_the_backup() {
        let (_dir, mut s) = sample();
        let text = std::fs::read_to_string(&s.issue_path).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&s.issue_path, text.replace("format = 1", "format = 1\n# 手工改过")).unwrap();
        s.commit(vec![Op::IssueToPool { pos: ItemPos::new(0, 0), pool_index: 0 }]).unwrap();
        let report = s.save().unwrap();
        assert!(report.issue_changed_outside);
        let bak = crate::store::atomic::backup_path(&s.issue_path);
        assert!(std::fs::read_to_string(bak).unwrap().contains("# 手工改过"));
        assert!(!s.save().unwrap().issue_changed_outside);
    }

    #[test]
    fn a_snapshot_restores_text_and_structure() {
        let (_dir, mut s) = sample();
        let path = s.issue_path.clone();
        let placed = s.pool()[0].id.clone();
        let deleted = s.pool()[2].clone();
        let ops = s.place_ops(0, ItemPos::new(0, 0));
        s.commit(ops).unwrap();
        let index = s.pool().iter().position(|i| i.id == deleted.id).unwrap();
        s.commit(vec![Op::RemovePool { index, item: Box::new(deleted.clone()) }]).unwrap();
        let mut typing = s.issue().sections[0].items[1].clone();
        typing.body.push_str("（正在输入的一句）\n");
        let snap = s.snapshot(Some(&typing));
        assert_eq!(snap.pool_removed, vec![deleted.id.clone()]);
        let wanted = s.snapshot(Some(&typing)).issue;
        let lock = s.take_lock_out();
        drop(s);
        let mut fresh = Session::open_with_lock(&path, lock).unwrap();
        assert!(!fresh.is_dirty());
        fresh.restore(snap);
        assert!(fresh.is_dirty());
        assert_eq!(fresh.issue(), &wanted);
        assert!(fresh.locate(&placed).is_some_and(|l| matches!(l, Loc::Issue(_))));
        assert!(fresh.locate(&deleted.id).is_none());
        fresh.save().unwrap();
        let ws = fresh.ws.clone().unwrap();
        assert!(!ws.pool_path(&placed).exists() && !ws.pool_path(&deleted.id).exists());
        assert!(ws.trash_dir().join(format!("{}.toml", deleted.id)).exists());
    }

    #[test]
    fn new_ids_are_unique() {
        let (_dir, s) = sample();
        let id = s.new_id(Date::new(2026, 11, 22).unwrap());
        assert_eq!(id, "2026-11-22-n01");
        assert!(s.locate(&id).is_none());
    }
}
