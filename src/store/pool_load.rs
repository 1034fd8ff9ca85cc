//! Reading the pool. A small pool is read at once. A large one (tens of thousands of items
//! after a few years) would keep the editor's first frame waiting, so its rows are taken
//! from `pool/.index` (see `pool_index`) and the items are read on other threads; the
//! editor draws meanwhile, and takes the whole pool before it handles any input. The
//! index is brought up to date by each full read.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;

use super::error::{Result, StoreError};
use super::load::load_pool_item;
use super::pool_index::{self, Entry, Listed, PoolRow};
use super::workspace::Workspace;
use crate::model::Item;

/// Pools with more files than this are read in the background.
pub const LAZY_ABOVE: usize = 400;
/// More index misses than this (no index yet, or a pool changed wholesale): read at once.
pub const MAX_MISSES: usize = 64;

/// Every pooled item that could be read (newest first), their fingerprints, and an error
/// for each file that could not.
#[derive(Debug, Default)]
pub struct LoadedPool {
    pub items: Vec<Item>,
    pub fingerprints: Vec<u64>,
    pub errors: Vec<StoreError>,
}

/// How the pool starts.
pub enum PoolStart {
    Ready(LoadedPool),
    /// To be read: the rows to show meanwhile (newest first), the newest item in full (for
    /// the editor pane), where the whole pool will arrive, and the word to start reading
    /// (sent, or dropped, once the first frame is on screen: the reading threads would
    /// otherwise take the cores the first frame needs).
    Loading {
        rows: Vec<PoolRow>,
        first: Option<Item>,
        arriving: mpsc::Receiver<LoadedPool>,
        go: mpsc::Sender<Ready>,
    },
}

fn newest_first(
    a: (&Option<crate::model::Date>, &str),
    b: (&Option<crate::model::Date>, &str),
) -> std::cmp::Ordering {
    b.cmp(&a)
}

/// Read every listed file (on up to four threads), newest item first.
fn read_all(listing: &[Listed]) -> (LoadedPool, Vec<(String, Entry)>) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let chunk = listing.len().div_ceil(threads).max(1);
    let read = |c: usize, files: &[Listed]| {
        files.iter().enumerate().map(|(k, l)| (c * chunk + k, load_pool_item(&l.path))).collect::<Vec<_>>()
    };
    // The first chunk is read on this thread: one thread (and one malloc arena, which
    // keeps what it held) fewer.
    let results: Vec<(usize, Result<crate::store::Loaded<Item>>)> = std::thread::scope(|scope| {
        let mut chunks = listing.chunks(chunk).enumerate();
        let first = chunks.next();
        let handles: Vec<_> = chunks.map(|(c, files)| scope.spawn(move || read(c, files))).collect();
        let mut out = first.map(|(c, files)| read(c, files)).unwrap_or_default();
        out.extend(handles.into_iter().flat_map(|h| h.join().unwrap_or_default()));
        out
    });
    let mut pool = LoadedPool::default();
    let mut entries = Vec::new();
    let mut items: Vec<Item> = Vec::with_capacity(listing.len());
    for (k, result) in results {
        let l = &listing[k];
        match result {
            Ok(loaded) if loaded.read_only => pool.errors.push(StoreError::ReadOnly { path: l.path.clone() }),
            Ok(loaded) => {
                entries.push((
                    l.name.clone(),
                    Entry { size: l.size, mtime: l.mtime, row: PoolRow::of(&loaded.doc) },
                ));
                items.push(loaded.doc);
            }
            Err(e) => pool.errors.push(e),
        }
    }
    items.sort_by(|a, b| newest_first((&a.received, &a.id), (&b.received, &b.id)));
    pool.fingerprints = items.iter().map(Item::fingerprint).collect();
    pool.items = items;
    (pool, entries)
}

/// Size and time of each file, as the index knew them.
type Stamps = HashMap<String, (u64, u128)>;

fn stamps(index: HashMap<String, Entry>) -> Stamps {
    index.into_iter().map(|(name, e)| (name, (e.size, e.mtime))).collect()
}

/// Write the index again when a file was added, removed or changed since it was written.
fn refresh_index(ws: &Workspace, old: &Stamps, entries: &[(String, Entry)]) {
    let same = old.len() == entries.len()
        && entries.iter().all(|(name, e)| old.get(name) == Some(&(e.size, e.mtime)));
    if !same {
        let _ = pool_index::write(&ws.pool_dir(), entries);
    }
}

/// What the reading thread calls once the pool has arrived (to wake the editor).
pub type Ready = Box<dyn FnOnce() + Send>;

/// Start reading the pool of `ws`.
pub fn start(ws: &Workspace) -> Result<PoolStart> {
    let dir = ws.pool_dir();
    let listing = pool_index::list(&dir).map_err(|e| StoreError::read(&dir, &e))?;
    if listing.len() <= LAZY_ABOVE {
        return Ok(PoolStart::Ready(read_all(&listing).0));
    }
    let index = pool_index::read(&dir);
    let mut rows = Vec::with_capacity(listing.len());
    let mut misses: Vec<&Listed> = Vec::new();
    for l in &listing {
        match index.get(&l.name) {
            Some(e) if e.size == l.size && e.mtime == l.mtime => rows.push(e.row.clone()),
            _ => misses.push(l),
        }
    }
    if misses.len() > MAX_MISSES {
        let (pool, entries) = read_all(&listing);
        refresh_index(ws, &stamps(index), &entries);
        return Ok(PoolStart::Ready(pool));
    }
    // A few files changed since the index was written: read them for their rows now (a
    // file that cannot be read is reported when the whole pool arrives).
    rows.extend(misses.iter().filter_map(|l| load_pool_item(&l.path).ok()).map(|l| PoolRow::of(&l.doc)));
    rows.sort_by(|a, b| newest_first((&a.received, &a.id), (&b.received, &b.id)));
    let first = rows.first().and_then(|r| ws.pool_file(&r.id)).and_then(|r| r.ok());
    // Only the stamps are kept while the pool is read (the rows are in `rows`).
    let index = stamps(index);
    let (tx, arriving) = mpsc::channel();
    let (go, start_reading) = mpsc::channel::<Ready>();
    let ws = ws.clone();
    std::thread::Builder::new()
        .name("pool".into())
        .spawn(move || {
            let ready = start_reading.recv().ok();
            let (pool, entries) = read_all(&listing);
            let _ = tx.send(pool);
            if let Some(ready) = ready {
                ready();
            }
            refresh_index(&ws, &index, &entries);
        })
        .map_err(|e| StoreError::read(&dir, &e))?;
    Ok(PoolStart::Loading { rows, first, arriving, go })
}

/// Where the pool folder's index lives (for tests).
pub fn index_path(ws: &Workspace) -> PathBuf {
    ws.pool_dir().join(pool_index::INDEX_FILE)
}
