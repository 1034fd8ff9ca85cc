//! A test hook (built only with the `test-hooks` feature, which `cargo test` turns on).
//!
//! The save loop behind the hidden `jianbao __save-loop` command, which the kill test runs
//! and kills with SIGKILL at random moments: random moves between pool and issue, text
//! edits and new items, each followed by a save through the editor's own `Session::save`.
//!
//! Before each save it prints `saving` and where every item is ([`digest_line`]); after
//! it, `saved`. Whatever instant the kill lands on, every item must then be found exactly
//! once, where and as the last completed save or the save under way left it.

use std::io::Write;
use std::path::Path;

use crate::model::history::{Loc, Op, item_at};
use crate::model::{Date, Item, ItemPos};
use crate::store::session::Session;
use crate::store::write::pool_item_toml;

/// A digest of an item's content that the test can compute from the files (FNV-1a of the
/// item's pool-file text).
pub fn item_digest(item: &Item) -> u64 {
    pool_item_toml(item)
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Where every item of the session is and what it holds: the issue's items in order as
/// `section:id:digest`, then `|`, then the pooled items as `id:digest` sorted by id (the
/// pool has no order on disk).
pub fn digest_line(session: &Session) -> String {
    let mut line: Vec<String> = Vec::new();
    for (s, section) in session.issue().sections.iter().enumerate() {
        for item in &section.items {
            line.push(format!("{s}:{}:{:016x}", item.id, item_digest(item)));
        }
    }
    line.push("|".into());
    let mut pool: Vec<String> =
        session.pool().iter().map(|i| format!("{}:{:016x}", i.id, item_digest(i))).collect();
    pool.sort();
    line.extend(pool);
    line.join(" ")
}

/// xorshift64*: enough randomness for choosing steps, reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// One random step: the ops to commit (empty when it does not apply).
fn random_step(s: &Session, rng: &mut Rng, k: u64) -> Vec<Op> {
    let issue = s.issue();
    let placed: Vec<ItemPos> = issue
        .sections
        .iter()
        .enumerate()
        .flat_map(|(si, sec)| (0..sec.items.len()).map(move |ii| ItemPos::new(si, ii)))
        .collect();
    let any_pos = |rng: &mut Rng| {
        let section = rng.below(issue.sections.len());
        let len = issue.sections.get(section).map_or(0, |sec| sec.items.len());
        ItemPos::new(section, rng.below(len + 1))
    };
    match rng.below(6) {
        0 | 1 if !s.pool().is_empty() && !issue.sections.is_empty() => {
            let pos = any_pos(rng);
            s.place_ops(rng.below(s.pool().len()), pos)
        }
        2 if !placed.is_empty() => {
            let pos = placed[rng.below(placed.len())];
            vec![Op::IssueToPool { pos, pool_index: rng.below(s.pool().len() + 1) }]
        }
        3 if placed.len() > 1 => {
            let from = placed[rng.below(placed.len())];
            let section = rng.below(issue.sections.len());
            let len = issue.sections[section].items.len() - usize::from(section == from.section);
            vec![Op::MoveInIssue { from, to: ItemPos::new(section, rng.below(len + 1)) }]
        }
        4 if s.pool().len() + placed.len() < 60 => {
            let date = Date::new(2026, 11, 22).expect("a date");
            let mut item = Item::new(s.new_id(date), format!("市科协第{k}次专题会议研究部署年末重点工作"));
            item.received = Some(date);
            item.body = format!("会议指出，各学会要抓好第{k}项任务的落实。\n");
            vec![Op::InsertPool { index: rng.below(s.pool().len() + 1), item: Box::new(item) }]
        }
        _ => {
            let n = placed.len() + s.pool().len();
            if n == 0 {
                return vec![];
            }
            let pick = rng.below(n);
            let at =
                if pick < placed.len() { Loc::Issue(placed[pick]) } else { Loc::Pool(pick - placed.len()) };
            let Some(before) = item_at(&s.model, at).cloned() else { return vec![] };
            let base = before.body.split("〔修改").next().unwrap_or_default().to_string();
            let after = Item { body: format!("{base}〔修改{k}〕\n"), ..before.clone() };
            vec![Op::EditItem { at, before: Box::new(before), after: Box::new(after) }]
        }
    }
}

/// Open `issue`, print `start` and its digest line, then step and save forever (or `steps`
/// times). Errors end the loop with a message.
pub fn save_loop(issue: &Path, seed: u64, steps: Option<u64>, out: &mut impl Write) -> Result<(), String> {
    let mut s = Session::open(issue).map_err(|e| e.to_string())?;
    if s.read_only {
        return Err(format!("{} is read-only: {:?}", issue.display(), s.why_read_only));
    }
    let mut rng = Rng(seed.max(1));
    let io = |e: std::io::Error| e.to_string();
    writeln!(out, "start {}", digest_line(&s)).map_err(io)?;
    out.flush().map_err(io)?;
    let mut k = 0u64;
    while steps.is_none_or(|n| k < n) {
        k += 1;
        let ops = random_step(&s, &mut rng, k);
        if ops.is_empty() || s.commit(ops).is_err() {
            continue;
        }
        writeln!(out, "saving {}", digest_line(&s)).map_err(io)?;
        out.flush().map_err(io)?;
        let report = s.save().map_err(|e| e.to_string())?;
        if !report.kept_both.is_empty() {
            return Err(format!("a lone editor met a conflict: {:?}", report.kept_both));
        }
        writeln!(out, "saved").map_err(io)?;
        out.flush().map_err(io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Workspace;

    #[test]
    fn the_loop_saves_what_it_prints() {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::create_from_samples(dir.path()).unwrap();
        let path = ws.issues_dir().join("2026-45.toml");
        let mut out = Vec::new();
        save_loop(&path, 7, Some(40), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let last = text.lines().rev().find_map(|l| l.strip_prefix("saving ")).unwrap();
        assert!(text.ends_with("saved\n"));
        assert!(text.lines().filter(|l| *l == "saved").count() > 20);
        let reopened = Session::open(&path).unwrap();
        assert_eq!(digest_line(&reopened), last);
        assert!(last.contains("-n0"), "new items were made");
        assert!(last.contains('〔') || text.contains("saving"), "edits were made");
    }
}
