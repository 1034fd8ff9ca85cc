//! kill -9 during saves. The real binary runs `jianbao __save-loop` (random moves between
//! pool and issue, edits, new items, each saved with the editor's own save) and is killed
//! with SIGKILL at a random moment; then the workspace is opened as the editor opens it
//! (which reconciles) and checked: every file parses, and every item is there exactly
//! once, in the version of the last completed save or of the one under way. The next run
//! starts from what the kill left.
//!
//! 200 runs with a fixed seed here; `JIANBAO_KILL_RUNS` and `JIANBAO_KILL_SEED` set others
//! (`tests/soak.sh` runs thousands with a random seed).

#![cfg(unix)]

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use jianbao::store::{Workspace, load_issue, load_pool_item};
use jianbao::tui::session::Session;
use jianbao::tui::soak::item_digest;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// `id:digest id:digest …` as a map.
fn parse_digests(line: &str) -> HashMap<String, String> {
    line.split_whitespace()
        .filter_map(|pair| pair.split_once(':'))
        .map(|(id, d)| (id.to_string(), d.to_string()))
        .collect()
}

/// The versions each item may have after a kill: from the last completed save (or the
/// start) and from the save under way.
fn allowed_versions(output: &str) -> (HashMap<String, String>, Option<HashMap<String, String>>) {
    let mut done: Option<HashMap<String, String>> = None;
    let mut pending: Option<HashMap<String, String>> = None;
    for line in output.lines() {
        if let Some(rest) = line.strip_prefix("start ") {
            done = Some(parse_digests(rest));
        } else if let Some(rest) = line.strip_prefix("saving ") {
            pending = Some(parse_digests(rest));
        } else if line == "saved" {
            done = pending.take();
        }
        // A line cut short by the kill has no "saved" after it; a half-written "saving"
        // line may lack items, which only makes the check stricter — so drop it.
    }
    if !output.ends_with('\n') {
        pending = None;
    }
    (done.unwrap_or_default(), pending)
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(d) => d.map(|e| e.unwrap().path()).collect(),
        Err(_) => vec![],
    }
}

/// Every `.toml` file of the workspace parses; the ids and digests on disk (issue + pool).
fn check_files(ws: &Workspace, issue: &Path) -> BTreeMap<String, (String, u32)> {
    let mut found: BTreeMap<String, (String, u32)> = BTreeMap::new();
    for item in load_issue(issue).unwrap_or_else(|e| panic!("{e}")).doc.items() {
        let e = found.entry(item.id.clone()).or_insert((format!("{:016x}", item_digest(item)), 0));
        e.1 += 1;
    }
    for path in files(&ws.pool_dir()) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".toml") && !name.starts_with('.') {
            let item = load_pool_item(&path).unwrap_or_else(|e| panic!("{e}")).doc;
            let e = found.entry(item.id.clone()).or_insert((format!("{:016x}", item_digest(&item)), 0));
            e.1 += 1;
        }
    }
    for path in files(&ws.trash_dir()) {
        load_pool_item(&path).unwrap_or_else(|e| panic!("{e}"));
    }
    found
}

#[test]
fn kill_9_at_random_moments_never_loses_an_item_or_a_saved_text() {
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
    let (mut mid_save, mut saves) = (0, 0);
    for run in 0..runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(["__save-loop", issue.to_str().unwrap(), "--seed", &next().to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Up to 40 ms in: startup (which reconciles and sweeps) or some dozen saves.
        std::thread::sleep(Duration::from_micros(next() % 40_000));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        let mut output = String::new();
        child.stdout.take().unwrap().read_to_string(&mut output).unwrap();
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        assert!(status.code().is_none(), "run {run}: the loop stopped by itself: {stderr}");
        saves += output.lines().filter(|l| *l == "saved").count();

        let (done, pending) = allowed_versions(&output);
        if pending.is_some() {
            mid_save += 1;
        }
        // Reconcile as the editor does on opening, then check the files.
        let session = Session::open(&issue).unwrap_or_else(|e| panic!("run {run}: {e}"));
        assert!(!session.read_only, "run {run}: the dead loop's lock was not taken over");
        drop(session);
        let found = check_files(&ws, &issue);
        for (id, (digest, copies)) in &found {
            assert_eq!(*copies, 1, "run {run}: {id} is in {copies} places");
            let ok = done.get(id) == Some(digest) || pending.as_ref().and_then(|p| p.get(id)) == Some(digest);
            // Before the first "start" line (killed during startup), anything on disk is
            // the previous run's state, which that run already checked.
            assert!(ok || done.is_empty(), "run {run}: {id} has a version no save wrote");
        }
        for id in done.keys() {
            let kept = found.contains_key(id);
            assert!(kept, "run {run}: {id} was saved and is now lost");
        }
        let temp: Vec<_> = files(&ws.issues_dir())
            .into_iter()
            .chain(files(&ws.pool_dir()))
            .filter(|p| p.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(temp.is_empty(), "run {run}: temporary files left after reopening: {temp:?}");
    }
    eprintln!("{runs} kills, {mid_save} of them during a save; {saves} saves completed in all");
    assert!(mid_save >= runs / 4, "too few kills landed mid-save ({mid_save}) to prove anything");
}
