//! A workspace folder: `jianbao.toml`, `pool/`, `issues/`, `exports/`.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::atomic::write_atomic;
use super::error::{Result, StoreError};
use serde::Deserialize;

use super::load::{Loaded, load_issue, load_pool_item, load_profile, read_text};
use super::samples::SAMPLE_FILES;
use super::write::{issue_toml, pool_item_toml, profile_toml};
use crate::model::{FORMAT, Issue, Item, Numbering, Profile};

pub const PROFILE_FILE: &str = "jianbao.toml";
pub const POOL_DIR: &str = "pool";
pub const ISSUES_DIR: &str = "issues";
pub const EXPORTS_DIR: &str = "exports";
pub const TRASH_DIR: &str = "trash";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workspace {
    root: PathBuf,
}

/// An issue file found in a workspace.
#[derive(Debug, Clone)]
pub struct IssueEntry {
    pub path: PathBuf,
    pub issue: Loaded<Issue>,
}

/// What identifies an issue: its publication's title and its numbering. Read leniently,
/// so that a file from a newer jianbao still tells where it stands in the series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueHeader {
    pub title: String,
    pub numbering: Numbering,
}

/// An issue file's header, or why it could not be read.
#[derive(Debug)]
pub struct HeaderEntry {
    pub path: PathBuf,
    pub header: Result<IssueHeader>,
}

/// How much of an issue file is read for its header (publication and numbering).
const HEADER_BYTES: usize = 16 * 1024;

fn read_header(path: &Path) -> Result<IssueHeader> {
    #[derive(Deserialize)]
    struct Publication {
        title: String,
    }
    #[derive(Deserialize)]
    struct Header {
        publication: Publication,
        issue: Numbering,
    }
    // The header comes before the sections: read and parse only that much of a long file
    // (falling back to the whole file when the beginning does not parse on its own).
    let mut start = Vec::with_capacity(HEADER_BYTES);
    if std::fs::File::open(path).and_then(|f| f.take(HEADER_BYTES as u64).read_to_end(&mut start)).is_ok() {
        let head = start
            .windows(13)
            .position(|w| w == b"\n[[sections]]")
            .and_then(|at| std::str::from_utf8(&start[..at]).ok());
        if let Some(Ok(h)) = head.map(toml::from_str::<Header>) {
            return Ok(IssueHeader { title: h.publication.title.trim().to_string(), numbering: h.issue });
        }
    }
    let text = read_text(path)?;
    match toml::from_str::<Header>(&text) {
        Ok(h) => Ok(IssueHeader { title: h.publication.title.trim().to_string(), numbering: h.issue }),
        // Report the file's problem the way a strict load does.
        Err(_) => load_issue(path).map(|l| IssueHeader {
            title: l.doc.publication.title.trim().to_string(),
            numbering: l.doc.numbering,
        }),
    }
}

impl Workspace {
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether `dir` holds a `jianbao.toml`.
    pub fn is_workspace(dir: &Path) -> bool {
        dir.join(PROFILE_FILE).is_file()
    }

    pub fn open(dir: &Path) -> Result<Workspace> {
        if !dir.is_dir() {
            return Err(StoreError::Read {
                path: dir.to_path_buf(),
                reason: super::error::Reason::Io(std::io::ErrorKind::NotFound),
            });
        }
        if !Self::is_workspace(dir) {
            return Err(StoreError::NotAWorkspace { path: dir.to_path_buf() });
        }
        Ok(Workspace { root: dir.to_path_buf() })
    }

    /// Make `dir` a workspace with this profile (the folder may exist but must not be
    /// a workspace already).
    pub fn create(dir: &Path, profile: &Profile) -> Result<Workspace> {
        let profile_path = dir.join(PROFILE_FILE);
        if profile_path.exists() {
            return Err(StoreError::Exists { path: profile_path });
        }
        let ws = Workspace { root: dir.to_path_buf() };
        ws.make_folders()?;
        write_file(&profile_path, &profile_toml(profile))?;
        Ok(ws)
    }

    /// Make `dir` a workspace holding the bundled sample publication.
    pub fn create_from_samples(dir: &Path) -> Result<Workspace> {
        let profile_path = dir.join(PROFILE_FILE);
        if profile_path.exists() {
            return Err(StoreError::Exists { path: profile_path });
        }
        let ws = Workspace { root: dir.to_path_buf() };
        ws.make_folders()?;
        // The profile last: a workspace is only a workspace once it is complete.
        for (rel, text) in SAMPLE_FILES.iter().filter(|(rel, _)| *rel != PROFILE_FILE) {
            write_file(&dir.join(rel), text)?;
        }
        let (_, profile) = SAMPLE_FILES.iter().find(|(rel, _)| *rel == PROFILE_FILE).expect("sample profile");
        write_file(&profile_path, profile)?;
        Ok(ws)
    }

    fn make_folders(&self) -> Result<()> {
        for sub in ["", POOL_DIR, ISSUES_DIR, EXPORTS_DIR] {
            let dir = self.root.join(sub);
            fs::create_dir_all(&dir).map_err(|e| StoreError::write(&dir, &e))?;
        }
        Ok(())
    }

    /// Where the default workspace lives: `<data dir>/workspace`.
    pub fn default_root() -> Result<PathBuf> {
        let dirs = directories::ProjectDirs::from("", "", "jianbao").ok_or(StoreError::NoDataDir)?;
        Ok(dirs.data_dir().join("workspace"))
    }

    /// The default workspace, created from the samples on first use.
    pub fn open_default() -> Result<Workspace> {
        Self::open_default_noting_first_use().map(|(ws, _)| ws)
    }

    /// The default workspace, and whether it was made just now (the first run).
    pub fn open_default_noting_first_use() -> Result<(Workspace, bool)> {
        let root = Self::default_root()?;
        if Self::is_workspace(&root) {
            Ok((Self::open(&root)?, false))
        } else {
            Ok((Self::create_from_samples(&root)?, true))
        }
    }

    /// The workspace an issue file belongs to: `<ws>/issues/<file>` (or `<ws>/<file>`).
    pub fn containing(file: &Path) -> Option<Workspace> {
        let parent = file.parent()?;
        let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
        [parent.parent(), Some(parent)]
            .into_iter()
            .flatten()
            .map(|d| if d.as_os_str().is_empty() { Path::new(".") } else { d })
            .find(|d| Self::is_workspace(d))
            .map(|d| Workspace { root: d.to_path_buf() })
    }

    pub fn profile_path(&self) -> PathBuf {
        self.root.join(PROFILE_FILE)
    }

    pub fn pool_dir(&self) -> PathBuf {
        self.root.join(POOL_DIR)
    }

    pub fn issues_dir(&self) -> PathBuf {
        self.root.join(ISSUES_DIR)
    }

    pub fn exports_dir(&self) -> PathBuf {
        self.root.join(EXPORTS_DIR)
    }

    pub fn trash_dir(&self) -> PathBuf {
        self.root.join(TRASH_DIR)
    }

    pub fn pool_path(&self, id: &str) -> PathBuf {
        self.pool_dir().join(format!("{id}.toml"))
    }

    /// `issues/<year>-<NN>.toml`
    pub fn issue_path(&self, issue: &Issue) -> PathBuf {
        self.issues_dir().join(format!("{}.toml", issue.file_stem()))
    }

    pub fn profile(&self) -> Result<Loaded<Profile>> {
        load_profile(&self.profile_path())
    }

    /// Change `jianbao.toml` (a dialog's "also the default for later issues"): read it,
    /// change it, write it whole and atomically. A newer format is left alone.
    pub fn change_profile(&self, change: impl FnOnce(&mut Profile)) -> Result<PathBuf> {
        let path = self.profile_path();
        let loaded = self.profile()?;
        if loaded.read_only {
            return Err(StoreError::NewerFormat { path, found: loaded.doc.format });
        }
        let mut profile = loaded.doc;
        change(&mut profile);
        write_file(&path, &profile_toml(&profile))?;
        Ok(path)
    }

    /// The `.toml` files of a folder, skipping hidden files (temporary saves).
    fn toml_files(dir: &Path) -> Result<Vec<PathBuf>> {
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::read(dir, &e)),
        };
        let mut files = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| StoreError::read(dir, &e))?.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with(".toml") && !name.starts_with('.') && path.is_file() {
                files.push(path);
            }
        }
        files.sort();
        Ok(files)
    }

    /// Every issue, newest first (by date, then by running number).
    pub fn issues(&self) -> Result<Vec<IssueEntry>> {
        let mut out = Vec::new();
        for path in Self::toml_files(&self.issues_dir())? {
            let issue = load_issue(&path)?;
            out.push(IssueEntry { path, issue });
        }
        out.sort_by(|a, b| {
            let key = |e: &IssueEntry| (e.issue.doc.numbering.date, e.issue.doc.numbering.total);
            key(b).cmp(&key(a))
        });
        Ok(out)
    }

    /// The header of every issue file, newest first (unreadable files last).
    pub fn issue_headers(&self) -> Result<Vec<HeaderEntry>> {
        let mut out: Vec<HeaderEntry> = Self::toml_files(&self.issues_dir())?
            .into_iter()
            .map(|path| {
                let header = read_header(&path);
                HeaderEntry { path, header }
            })
            .collect();
        let key = |e: &HeaderEntry| e.header.as_ref().ok().map(|h| (h.numbering.date, h.numbering.total));
        out.sort_by_key(|e| std::cmp::Reverse(key(e)));
        Ok(out)
    }

    /// Every pooled item, newest first (by received date, then id).
    pub fn pool_items(&self) -> Result<Vec<Loaded<Item>>> {
        let mut out = Vec::new();
        for path in Self::toml_files(&self.pool_dir())? {
            out.push(load_pool_item(&path)?);
        }
        out.sort_by(|a, b| (b.doc.received, &b.doc.id).cmp(&(a.doc.received, &a.doc.id)));
        Ok(out)
    }

    /// Every pooled item that can be read, newest first, and an error for each pool file
    /// that cannot (the editor shows the rest and never writes over a bad file). Files of
    /// a newer jianbao count as unreadable here: they must not be rewritten.
    pub fn pool_items_lenient(&self) -> Result<(Vec<Item>, Vec<StoreError>)> {
        let mut items = Vec::new();
        let mut errors = Vec::new();
        for path in Self::toml_files(&self.pool_dir())? {
            match load_pool_item(&path) {
                Ok(l) if l.read_only => errors.push(StoreError::ReadOnly { path }),
                Ok(l) => items.push(l.doc),
                Err(e) => errors.push(e),
            }
        }
        items.sort_by(|a, b| (b.received, &b.id).cmp(&(a.received, &a.id)));
        Ok((items, errors))
    }

    /// The pool file of `id` as it is on disk now: `None` when there is none,
    /// `Some(Err)` when it cannot be read.
    pub fn pool_file(&self, id: &str) -> Option<Result<Item>> {
        let path = self.pool_path(id);
        path.exists().then(|| load_pool_item(&path).map(|l| l.doc))
    }

    /// Hold the pool for one save: two editors saving at once take turns, so that each one
    /// sees what the other wrote before it decides what to write.
    pub fn lock_pool(&self) -> Result<fs::File> {
        let path = self.root.join(".pool.lock");
        let file = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| StoreError::write(&path, &e))?;
        match file.lock() {
            Ok(()) => Ok(file),
            Err(e) if e.kind() == std::io::ErrorKind::Unsupported => Ok(file),
            Err(e) => Err(StoreError::write(&path, &e)),
        }
    }

    /// Remove the pool file of an item that now lives in an issue.
    pub fn remove_pool_file(&self, id: &str) -> Result<()> {
        let path = self.pool_path(id);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::write(&path, &e)),
        }
        let _ = super::atomic::sync_dir(&self.pool_dir());
        Ok(())
    }

    /// Move an item's pool file to the trash folder (never destroyed); returns where it went.
    pub fn trash_pool_file(&self, id: &str) -> Result<Option<PathBuf>> {
        let from = self.pool_path(id);
        if !from.exists() {
            return Ok(None);
        }
        let trash = self.trash_dir();
        fs::create_dir_all(&trash).map_err(|e| StoreError::write(&trash, &e))?;
        let mut to = trash.join(format!("{id}.toml"));
        let mut n = 1;
        while to.exists() {
            n += 1;
            to = trash.join(format!("{id}.{n}.toml"));
        }
        fs::rename(&from, &to).map_err(|e| StoreError::write(&from, &e))?;
        let _ = super::atomic::sync_dir(&self.pool_dir());
        let _ = super::atomic::sync_dir(&trash);
        Ok(Some(to))
    }

    pub fn save_pool_item(&self, item: &Item) -> Result<PathBuf> {
        let path = self.pool_path(&item.id);
        fs::create_dir_all(self.pool_dir()).map_err(|e| StoreError::write(&self.pool_dir(), &e))?;
        write_file(&path, &pool_item_toml(item))?;
        Ok(path)
    }
}

/// Save an issue file atomically; a file from a newer jianbao is never rewritten.
pub fn save_issue(path: &Path, issue: &Issue) -> Result<()> {
    if issue.format > FORMAT {
        return Err(StoreError::ReadOnly { path: path.to_path_buf() });
    }
    write_file(path, &issue_toml(issue))
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    write_atomic(path, text.as_bytes()).map_err(|e| StoreError::write(path, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_workspace_loads_and_lists_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create_from_samples(&dir.path().join("ws")).unwrap();
        let issues = ws.issues().unwrap();
        assert!(issues.len() >= 2);
        let dates: Vec<_> = issues.iter().map(|e| e.issue.doc.numbering.date).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
        let pool = ws.pool_items().unwrap();
        assert!(pool.len() >= 6);
        let received: Vec<_> = pool.iter().map(|l| l.doc.received).collect();
        assert!(received.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn an_issue_file_finds_its_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create_from_samples(dir.path()).unwrap();
        let file = ws.issues_dir().join("2026-45.toml");
        assert_eq!(Workspace::containing(&file).unwrap().root(), ws.root());
        assert!(Workspace::containing(Path::new("/nonexistent/x/y.toml")).is_none());
    }

    #[test]
    fn saved_issue_reloads_identically() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create_from_samples(dir.path()).unwrap();
        for entry in ws.issues().unwrap() {
            let copy = dir.path().join("copy.toml");
            save_issue(&copy, &entry.issue.doc).unwrap();
            assert_eq!(load_issue(&copy).unwrap().doc, entry.issue.doc);
        }
    }

    #[test]
    fn a_newer_format_is_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create_from_samples(dir.path()).unwrap();
        let mut issue = ws.issues().unwrap().remove(0).issue.doc;
        issue.format = FORMAT + 1;
        let path = dir.path().join("newer.toml");
        assert!(matches!(save_issue(&path, &issue), Err(StoreError::ReadOnly { .. })));
        assert!(!path.exists());
    }

    #[test]
    fn creating_over_a_workspace_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        Workspace::create_from_samples(dir.path()).unwrap();
        assert!(matches!(Workspace::create_from_samples(dir.path()), Err(StoreError::Exists { .. })));
    }
}
