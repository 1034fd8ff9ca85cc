//! The pool of an open document: taken at once or when it arrives from the reading thread,
//! then reconciled with the issue (an item in both places is the issue's).

use std::path::Path;
use std::sync::mpsc;

use super::{Notice, Session};
use crate::model::Item;
use crate::store::Workspace;
use crate::store::atomic::sweep_temp_files;
use crate::store::pool_index::PoolRow;
use crate::store::pool_load::LoadedPool;

impl Session {
    pub(super) fn install_pool(&mut self, pool: LoadedPool) {
        self.notices.extend(pool.errors.iter().cloned().map(Notice::Unreadable));
        self.saved_pool =
            pool.items.iter().zip(&pool.fingerprints).map(|(i, f)| (i.id.clone(), *f)).collect();
        self.model.pool = pool.items;
    }

    /// While a large pool is read in the background: the rows to show meanwhile.
    pub fn pool_preview(&self) -> Option<&[PoolRow]> {
        self.loading.as_ref().map(|l| l.rows.as_slice())
    }

    /// While a large pool is read: its newest item in full (the editor pane shows it).
    pub fn preview_item(&self) -> Option<&Item> {
        self.loading.as_ref().and_then(|l| l.first.as_ref())
    }

    /// Take the pool if it has arrived; true when it just did.
    pub fn poll_pool(&mut self) -> bool {
        let Some(loading) = &self.loading else { return false };
        match loading.arriving.try_recv() {
            Ok(pool) => self.arrived(pool),
            Err(mpsc::TryRecvError::Empty) => false,
            Err(mpsc::TryRecvError::Disconnected) => self.arrived_without(),
        }
    }

    /// Let the pool's reading start (the editor calls this once its first frame is drawn);
    /// `ready` is called on the reading thread once the pool can be taken (`poll_pool`).
    pub fn release_pool(&mut self, ready: impl FnOnce() + Send + 'static) {
        if let Some(loading) = &mut self.loading
            && let Some(go) = loading.go.take()
        {
            let _ = go.send(Box::new(ready));
        }
    }

    /// Wait for the pool to arrive (before any change may be made); true when it just did.
    pub fn wait_pool(&mut self) -> bool {
        self.release_pool(|| {});
        let Some(loading) = &self.loading else { return false };
        match loading.arriving.recv() {
            Ok(pool) => self.arrived(pool),
            Err(_) => self.arrived_without(),
        }
    }

    fn arrived(&mut self, pool: LoadedPool) -> bool {
        self.loading = None;
        self.install_pool(pool);
        self.reconcile();
        true
    }

    /// The reading thread died: read the pool here.
    fn arrived_without(&mut self) -> bool {
        self.loading = None;
        let result = self.ws.as_ref().map(Workspace::pool_items_lenient).transpose();
        match result {
            Ok(Some((items, errors))) => {
                let fingerprints = items.iter().map(Item::fingerprint).collect();
                self.install_pool(LoadedPool { items, fingerprints, errors });
            }
            Ok(None) => {}
            Err(e) => self.notices.push(Notice::Unreadable(e)),
        }
        self.reconcile();
        true
    }

    /// An item in both the issue and the pool: the issue's copy wins. Temporary files of
    /// killed saves are swept. Only a session that may write does either.
    pub(super) fn reconcile(&mut self) {
        if self.loading.is_some() {
            return; // when the pool arrives
        }
        let issue = &self.model.issue;
        let stale: Vec<String> = self
            .model
            .pool
            .iter()
            .filter(|i| issue.find_item(&i.id).is_some())
            .map(|i| i.id.clone())
            .collect();
        if stale.is_empty() && self.read_only {
            return;
        }
        self.model.pool.retain(|i| !stale.contains(&i.id));
        if self.read_only {
            return;
        }
        if let Some(dir) = self.issue_path.parent() {
            sweep_temp_files(if dir.as_os_str().is_empty() { Path::new(".") } else { dir });
        }
        let Some(ws) = &self.ws else { return };
        sweep_temp_files(&ws.pool_dir());
        for id in stale {
            self.saved_pool.remove(&id);
            match ws.trash_pool_file(&id) {
                Ok(_) => self.notices.push(Notice::Reconciled(id)),
                Err(e) => self.notices.push(Notice::Unreadable(e)),
            }
        }
    }
}
