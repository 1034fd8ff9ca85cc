//! A large workspace: the pool read in the background behind its index, the status bar's
//! figures of a long issue made off the drawing thread. Behaviour only; the speed is
//! measured by the benches (`cargo bench`), never asserted here.

use std::time::{Duration, Instant};

use crate::common::app::*;
use jianbao::model::{Date, Item};
use jianbao::store::Workspace;
use jianbao::store::pool_load::{self, LAZY_ABOVE, MAX_MISSES, PoolStart};

/// `n` pooled items in the genre, each with a word of its own (`编号N号`) only in its body.
fn fill_pool(ws: &Workspace, n: usize) {
    for k in 0..n {
        let mut item = Item::new(
            format!("2026-10-{:02}-p{k:04}", 1 + k % 28),
            format!("江州市第{k}批科技特派员赴乡镇开展技术服务"),
        );
        item.received = Date::new(2026, 10, 1 + (k % 28) as i8);
        item.sources = vec!["市科协科普部".into(), "江州市农学会".into()];
        item.body = format!(
            "　　10月{}日，市科协组织科技特派员深入田间地头，围绕GD32MCU智能灌溉控制器的安装与调试开展现场指导，编号{k}号。\n",
            1 + k % 28
        );
        ws.save_pool_item(&item).unwrap();
    }
}

#[test]
fn a_large_pool_starts_from_its_index_and_arrives_whole() {
    let (_d, ws) = sample_workspace();
    let before = ws.pool_items().unwrap().len();
    fill_pool(&ws, LAZY_ABOVE + 100);
    let total = before + LAZY_ABOVE + 100;

    // The first open has no index: the pool is read at once, and the index written.
    match pool_load::start(&ws).unwrap() {
        PoolStart::Ready(pool) => assert_eq!(pool.items.len(), total),
        PoolStart::Loading { .. } => panic!("no index yet: read at once"),
    }
    assert!(pool_load::index_path(&ws).exists(), "the index is written by a full read");

    // The next one shows the index's rows at once and reads the items behind them.
    let PoolStart::Loading { rows, first, arriving, go } = pool_load::start(&ws).unwrap() else {
        panic!("with an index, a large pool is read in the background")
    };
    assert_eq!(rows.len(), total);
    let newest = first.expect("the newest item in full, for the editor");
    // The reading waits for the word (the editor gives it after its first frame).
    assert!(arriving.recv_timeout(Duration::from_millis(300)).is_err(), "read before the word");
    go.send(Box::new(|| {})).unwrap();
    assert_eq!(rows[0].id, newest.id);
    let pool = arriving.recv_timeout(Duration::from_secs(60)).expect("the pool arrives");
    assert_eq!(pool.items.len(), total);
    let row_ids: Vec<_> = rows.iter().map(|r| r.id.clone()).collect();
    let item_ids: Vec<_> = pool.items.iter().map(|i| i.id.clone()).collect();
    assert_eq!(row_ids, item_ids, "the rows are the pool, in the same order");
}

#[test]
fn a_file_changed_behind_the_index_shows_as_it_is_now() {
    let (_d, ws) = sample_workspace();
    fill_pool(&ws, LAZY_ABOVE + 10);
    let _ = pool_load::start(&ws).unwrap(); // writes the index
    let mut changed = ws.pool_file("2026-10-05-p0004").unwrap().unwrap();
    changed.headline = "江州市科协举办“科创中国”技术路演活动".into();
    // A different size, so the change shows even within the file system's time resolution.
    ws.save_pool_item(&changed).unwrap();
    let PoolStart::Loading { rows, arriving, .. } = pool_load::start(&ws).unwrap() else {
        panic!("a few changed files do not make the pool read at once")
    };
    let row = rows.iter().find(|r| r.id == "2026-10-05-p0004").unwrap();
    assert_eq!(row.headline, changed.headline);
    arriving.recv_timeout(Duration::from_secs(60)).unwrap();
}

#[test]
fn the_first_key_gets_the_whole_pool_and_the_filter_searches_every_body() {
    let (_d, ws) = sample_workspace();
    fill_pool(&ws, LAZY_ABOVE + 50);
    let path = issue_path(&ws, "2026-45");
    drop(open(&path)); // builds the index
    let mut app = open(&path);
    // Whether or not the pool is still arriving, a key acts on all of it.
    press(&mut app, &["/"]);
    type_text(&mut app, "编号437号");
    assert!(app.doc().pool_preview().is_none());
    let found: Vec<_> = app.view().pool.view().iter().map(|&k| app.doc().pool()[k].id.clone()).collect();
    assert_eq!(found, ["2026-10-18-p0437"], "a word only in one body is found");
    press(&mut app, &["esc"]);
    assert!(app.view().pool.view().len() > LAZY_ABOVE + 50);
}

#[test]
fn a_long_issues_page_count_follows_each_change_without_holding_a_frame() {
    let (_d, ws) = sample_workspace();
    let path = issue_path(&ws, "2026-45");
    // Make the issue long: well over the threshold for background figures.
    let mut issue = jianbao::store::load_issue(&path).unwrap().doc;
    let paragraph = "　　会议指出，要深入实施创新驱动发展战略，推动科技创新和产业创新深度融合，以GD32MCU等国产芯片应用为牵引，加快培育新质生产力。\n";
    for item in issue.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
        item.body.push_str(&paragraph.repeat(400));
    }
    jianbao::store::save_issue(&path, &issue).unwrap();
    let mut app = open(&path);
    // The first frame does not wait for the count: … until it comes.
    let mut first = app.view().stats;
    assert!(first.pending && screen(&mut app, 120, 40).contains("≈… 页"), "{first:?}");
    let deadline = Instant::now() + Duration::from_secs(60);
    while first.rev != app.doc().rev() {
        assert!(Instant::now() < deadline, "the first figures never came");
        std::thread::sleep(Duration::from_millis(5));
        app.settle();
        first = app.view().stats;
    }
    assert!(!first.pending && first.pages > 50, "{first:?}");
    let before_zi = first.issue_zi;

    // Placing an item changes the figures; they come from another thread.
    press(&mut app, &["enter"]);
    let rev = app.doc().rev();
    assert_ne!(rev, first.rev);
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut stats = app.view().stats;
    while stats.rev != rev {
        assert!(Instant::now() < deadline, "the figures never came");
        assert_eq!(stats.rev, first.rev, "meanwhile the last figures show");
        std::thread::sleep(Duration::from_millis(5));
        app.settle();
        stats = app.view().stats;
    }
    assert!(stats.issue_zi > before_zi, "the placed item counts: {stats:?} after {first:?}");
    assert!(stats.pages >= first.pages);
}

/// The two numbers README gives: a pool of more than 400 items starts from its index; more
/// than 64 files changed behind the index and it is read at once instead.
#[test]
fn the_lazy_threshold_and_the_miss_limit_are_the_documented_ones() {
    assert_eq!((LAZY_ABOVE, MAX_MISSES), (400, 64));
    let lazy = |ws: &Workspace| matches!(pool_load::start(ws).unwrap(), PoolStart::Loading { .. });
    let (_d, ws) = sample_workspace();
    let before = ws.pool_items().unwrap().len();
    fill_pool(&ws, LAZY_ABOVE - before);
    let _ = pool_load::start(&ws).unwrap();
    assert!(!lazy(&ws), "exactly {LAZY_ABOVE} items: read at once");
    fill_pool(&ws, LAZY_ABOVE - before + 1);
    let _ = pool_load::start(&ws).unwrap(); // the index, now with the new file
    assert!(lazy(&ws), "one more: from the index");
    let change = |k: usize| {
        let id = format!("2026-10-{:02}-p{k:04}", 1 + k % 28);
        let mut item = ws.pool_file(&id).unwrap().unwrap();
        item.headline.push_str("（修订）");
        ws.save_pool_item(&item).unwrap();
    };
    (0..MAX_MISSES).for_each(change);
    assert!(lazy(&ws), "{MAX_MISSES} files changed behind the index: still from the index");
    change(MAX_MISSES);
    assert!(!lazy(&ws), "{} changed: read at once", MAX_MISSES + 1);
}

/// The first frame of a large pool shows the index's rows before the items are read (the
/// reading waits for that frame): the status bar offers Enter and the other item keys
/// already, since a key waits for the items (and the benchmarks time the first frame by
/// its "Enter").
#[test]
fn the_first_frame_of_a_pool_being_read_offers_its_keys() {
    let (_d, ws) = sample_workspace();
    fill_pool(&ws, LAZY_ABOVE + 50);
    let path = issue_path(&ws, "2026-45");
    drop(open(&path)); // builds the index
    let options = jianbao::tui::Options {
        path: Some(path),
        theme: None,
        lang: Some(jianbao::lang::Lang::Zh),
        cwd: None,
        sample: false,
    };
    let dirs = jianbao::tui::config::Dirs { config: None, state: None, fonts: None };
    let notify: jianbao::tui::app::Notify = std::sync::Arc::new(|_| {});
    // Not drawn: the pool is not released, its rows are the index's.
    let app =
        jianbao::tui::start(&options, &dirs, notify, ratatui::layout::Rect::new(0, 0, 160, 45)).unwrap();
    assert!(app.doc().pool_preview().is_some_and(|rows| rows.len() > LAZY_ABOVE));
    let keys: Vec<String> = app.hints().into_iter().map(|(key, _)| key).collect();
    for key in ["Enter", "e", "Del"] {
        assert!(keys.iter().any(|k| k == key), "{key} in {keys:?}");
    }
}
