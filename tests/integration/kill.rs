//! kill -9 during saves. The real binary runs `jianbao __save-loop` (random moves between
//! pool and issue, edits, new items, each saved with the editor's own save) and is killed
//! with SIGKILL at a random moment. Then the files are checked twice:
//!
//! - **as the kill left them**, before anything is cleaned up: every file parses, every
//!   item is in at most one pool file and at most once in the issue, and in at least one
//!   of the two; the issue is exactly as the last completed save or the save under way
//!   wrote it (items, sections, order), and every pooled item holds one of those versions;
//! - **after opening** (which reconciles an item found in both places and sweeps temporary
//!   files), every item is exactly once, and *where* one of those two saves put it: the
//!   issue's items in that save's sections and order, the rest in the pool.
//!
//! Kills are counted by what they interrupted — before the save's first write, between its
//! first and last write, after its last write — read from the files themselves. The next
//! run starts from what the kill left.
//!
//! 200 runs with a fixed seed here; `JIANBAO_KILL_RUNS` and `JIANBAO_KILL_SEED` set others
//! (`tests/soak.sh` runs thousands with a random seed).

#![cfg(unix)]

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use jianbao::soak::item_digest;
use jianbao::store::session::Session;
use jianbao::store::{Workspace, load_issue, load_pool_item};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// An item of the issue: its section, id and digest.
type Placed = (usize, String, String);

/// Where every item is: the issue's items in order as (section, id, digest), and the
/// pooled items by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Placement {
    issue: Vec<Placed>,
    pool: BTreeMap<String, String>,
}

impl Placement {
    /// The loop's `s:id:digest … | id:digest …` line.
    fn parse(line: &str) -> Placement {
        let (issue, pool) = line.split_once('|').unwrap_or((line, ""));
        Placement {
            issue: issue
                .split_whitespace()
                .filter_map(|t| {
                    let mut parts = t.splitn(3, ':');
                    Some((parts.next()?.parse().ok()?, parts.next()?.to_string(), parts.next()?.to_string()))
                })
                .collect(),
            pool: pool
                .split_whitespace()
                .filter_map(|t| t.split_once(':'))
                .map(|(id, d)| (id.to_string(), d.to_string()))
                .collect(),
        }
    }

    /// Every item and its digest, wherever it is.
    fn versions(&self) -> HashMap<&str, &str> {
        self.issue
            .iter()
            .map(|(_, id, d)| (id.as_str(), d.as_str()))
            .chain(self.pool.iter().map(|(id, d)| (id.as_str(), d.as_str())))
            .collect()
    }
}

/// The placement of the last completed save (or the start) and of the save under way.
fn allowed(output: &str) -> (Option<Placement>, Option<Placement>) {
    let mut done: Option<Placement> = None;
    let mut pending: Option<Placement> = None;
    // A line cut short by the kill (a `start` or `saving` line is longer than one write)
    // is not a whole placement: only lines that ended count.
    let whole = output.rfind('\n').map_or("", |end| &output[..end]);
    for line in whole.lines() {
        if let Some(rest) = line.strip_prefix("start ") {
            done = Some(Placement::parse(rest));
        } else if let Some(rest) = line.strip_prefix("saving ") {
            pending = Some(Placement::parse(rest));
        } else if line == "saved" {
            done = pending.take();
        }
    }
    (done, pending)
}

/// Read the loop's output to its end, saying when its `start` line has come.
fn read_all(mut out: impl Read, started: std::sync::mpsc::Sender<()>) -> String {
    let mut text = Vec::new();
    let mut buf = [0u8; 4096];
    let mut said = false;
    while let Ok(n) = out.read(&mut buf) {
        if n == 0 {
            break;
        }
        text.extend_from_slice(&buf[..n]);
        if !said && text.contains(&b'\n') {
            said = true;
            let _ = started.send(());
        }
    }
    String::from_utf8_lossy(&text).into_owned()
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(d) => d.map(|e| e.unwrap().path()).collect(),
        Err(_) => vec![],
    }
}

/// What the files hold, every file parsed: the issue's items in order, and each pool
/// file's item (an id may come twice: that is for the caller to judge).
fn on_disk(ws: &Workspace, issue: &Path) -> (Vec<Placed>, Vec<(String, String)>) {
    let doc = load_issue(issue).unwrap_or_else(|e| panic!("{e}")).doc;
    let mut placed = Vec::new();
    for (s, section) in doc.sections.iter().enumerate() {
        for item in &section.items {
            placed.push((s, item.id.clone(), format!("{:016x}", item_digest(item))));
        }
    }
    let mut pooled = Vec::new();
    for path in files(&ws.pool_dir()) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".toml") && !name.starts_with('.') {
            let item = load_pool_item(&path).unwrap_or_else(|e| panic!("{e}")).doc;
            pooled.push((item.id.clone(), format!("{:016x}", item_digest(&item))));
        }
    }
    for path in files(&ws.trash_dir()) {
        load_pool_item(&path).unwrap_or_else(|e| panic!("{e}"));
    }
    (placed, pooled)
}

/// What a kill interrupted, judged from the files before any cleanup.
#[derive(Debug, Default)]
struct Tally {
    /// Between saves, or in a save before its first write (the files are the last save's).
    before_first_write: usize,
    /// In a save after some of its writes and before others.
    between_writes: usize,
    /// In a save after its last write, before it said so.
    after_last_write: usize,
    /// During startup, before the loop printed where things were.
    at_startup: usize,
}

#[test]
fn kill_9_at_random_moments_never_loses_or_misplaces_an_item() {
    let runs = env_u64("JIANBAO_KILL_RUNS", 200);
    let seed = env_u64("JIANBAO_KILL_SEED", 20261122);
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create_from_samples(&dir.path().join("ws")).unwrap();
    let issue = ws.issues_dir().join("2026-45.toml");
    let mut rng = seed.max(1);
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut tally = Tally::default();
    let mut saves = 0;
    for run in 0..runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(["__save-loop", issue.to_str().unwrap(), "--seed", &next().to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let (started_tx, started) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || read_all(out, started_tx));
        if next() % 5 == 0 {
            // One run in five is killed during startup (which reconciles and sweeps).
            std::thread::sleep(Duration::from_micros(next() % 20_000));
        } else {
            // The others in the saves: wait for the loop to start, then up to 30 ms.
            let _ = started.recv_timeout(Duration::from_secs(20));
            std::thread::sleep(Duration::from_micros(next() % 30_000));
        }
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        let output = reader.join().unwrap();
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        assert!(status.code().is_none(), "run {run}: the loop stopped by itself: {stderr}");
        saves += output.lines().filter(|l| *l == "saved").count();

        let (done, pending) = allowed(&output);
        let ok_issue = |placed: &Vec<Placed>| {
            done.as_ref().is_some_and(|d| &d.issue == placed)
                || pending.as_ref().is_some_and(|p| &p.issue == placed)
        };
        let ok_version = |id: &str, digest: &str| {
            [&done, &pending]
                .iter()
                .any(|p| p.as_ref().is_some_and(|p| p.versions().get(id) == Some(&digest)))
        };

        // 1. As the kill left the files, before the opening cleanup.
        let (placed, pooled) = on_disk(&ws, &issue);
        let mut in_pool: HashMap<&str, usize> = HashMap::new();
        for (id, _) in &pooled {
            *in_pool.entry(id).or_default() += 1;
        }
        let mut in_issue: HashMap<&str, usize> = HashMap::new();
        for (_, id, _) in &placed {
            *in_issue.entry(id).or_default() += 1;
        }
        for (id, n) in in_pool.iter().chain(&in_issue) {
            assert_eq!(*n, 1, "run {run}, before cleanup: {id} is {n} times in one place");
        }
        let Some(last) = done.as_ref() else {
            tally.at_startup += 1; // the previous run's state, which that run checked
            continue;
        };
        assert!(ok_issue(&placed), "run {run}, before cleanup: the issue is as no save wrote it");
        for (id, digest) in &pooled {
            assert!(
                ok_version(id, digest),
                "run {run}, before cleanup: pool file {id} holds a version no save wrote"
            );
        }
        for id in last.versions().keys() {
            let somewhere = in_pool.contains_key(id) || in_issue.contains_key(id);
            assert!(somewhere, "run {run}, before cleanup: {id} was saved and is in no file");
        }
        let state = Placement {
            issue: placed.clone(),
            pool: pooled.iter().filter(|(id, _)| !in_issue.contains_key(id.as_str())).cloned().collect(),
        };
        let doubled = pooled.iter().any(|(id, _)| in_issue.contains_key(id.as_str()));
        match &pending {
            _ if state == *last && !doubled => tally.before_first_write += 1,
            Some(p) if state == *p && !doubled => tally.after_last_write += 1,
            Some(_) => tally.between_writes += 1,
            None => panic!("run {run}: between saves, the files are not the last save's"),
        }

        // 2. Opened as the editor opens it (reconciling), then checked again.
        let session = Session::open(&issue).unwrap_or_else(|e| panic!("run {run}: {e}"));
        assert!(!session.read_only, "run {run}: the dead loop's lock was not taken over");
        drop(session);
        let (placed, pooled) = on_disk(&ws, &issue);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for id in placed.iter().map(|(_, id, _)| id).chain(pooled.iter().map(|(id, _)| id)) {
            *seen.entry(id).or_default() += 1;
        }
        for (id, n) in &seen {
            assert_eq!(*n, 1, "run {run}, after opening: {id} is in {n} places");
        }
        assert!(ok_issue(&placed), "run {run}, after opening: items are not where a save put them");
        for (id, digest) in &pooled {
            assert!(ok_version(id, digest), "run {run}, after opening: {id} holds a version no save wrote");
        }
        for id in last.versions().keys() {
            assert!(seen.contains_key(id), "run {run}: {id} was saved and is now lost");
        }
        let temp: Vec<_> = files(&ws.issues_dir())
            .into_iter()
            .chain(files(&ws.pool_dir()))
            .filter(|p| p.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(temp.is_empty(), "run {run}: temporary files left after reopening: {temp:?}");
    }
    eprintln!("{runs} kills: {tally:?}; {saves} saves completed in all");
    assert!(
        tally.between_writes >= (runs / 40).max(1) as usize,
        "too few kills landed between a save's writes ({tally:?}) to prove anything"
    );
}
