//! Every way the editor can end, tried on the real binary in a pseudo-terminal: the
//! terminal closing under it (with and without the kernel's SIGHUP), SIGTERM, SIGHUP,
//! SIGINT and SIGQUIT in any state, a lock held by a hung jianbao taken over — and idle
//! being idle. Each ending writes the unsaved changes to the recovery file, releases the
//! lock, and exits within a second with 128 + the signal (129 for a lost terminal).

#![cfg(target_os = "linux")]

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::app::{issue_path, sample_workspace};
use crate::common::pty::*;
use jianbao::model::{Date, Item};
use jianbao::store::Workspace;
use jianbao::store::lock::lock_path;
use rustix::process::Signal;

/// Open `issue`, go to the first lead item's editor, type `text` (unsaved).
fn open_and_type(home: &Path, issue: &Path, text: &str) -> Term {
    let mut t = Term::start(&[&issue.to_string_lossy()], home, 120, 40);
    t.wait_for("稿件池");
    t.send(TAB);
    t.send(ENTER);
    t.send(text.as_bytes());
    // The whole text, its last 。 too: bytes still in the terminal when it closes are lost.
    t.wait_for(text);
    t
}

/// A second jianbao on `issue` can edit it (no read-only banner) and offers `text` back.
fn second_editor_restores(home: &Path, issue: &Path, text: &str) {
    let mut t = Term::start(&[&issue.to_string_lossy()], home, 120, 40);
    t.wait_for("恢复未保存的修改");
    assert!(!t.screen().contains("只读"), "the issue opens editable:\n{}", t.screen());
    t.send(ENTER);
    t.wait_for("已恢复");
    t.send(TAB); // the outline: its first item, in the editor pane
    t.wait_for(text);
    t.send(CTRL_S);
    t.wait_for("已保存");
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);
    assert!(std::fs::read_to_string(issue).unwrap().contains(text));
}

fn holder_pid(issue: &Path) -> Option<i32> {
    let text = std::fs::read_to_string(lock_path(issue)).ok()?;
    let line = text.lines().find(|l| l.starts_with("pid"))?;
    line.split('=').nth(1)?.trim().parse().ok()
}

fn alive(pid: i32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| s.contains(") Z "))
}

/// The window closes (the pty's master goes away). jianbao leads the terminal's session
/// here, so the kernel also sends it SIGHUP, as a closed tmux pane does.
#[test]
fn closing_the_terminal_saves_aside_releases_the_lock_and_exits_at_once() {
    let (dir, ws) = sample_workspace();
    let issue = issue_path(&ws, "2026-45");
    let text = "闭窗前输入的一句话。";
    let t = open_and_type(dir.path(), &issue, text);
    let mut child = t.close();
    let (code, took) = wait_child(&mut child, Duration::from_secs(5)).expect("jianbao exits");
    assert!(took <= Duration::from_secs(2), "it took {took:?}");
    assert_eq!(code, 129, "a lost terminal ends as a hangup");
    wait_for_recovery(dir.path(), text);
    assert!(!lock_path(&issue).exists(), "the lock is released");
    second_editor_restores(dir.path(), &issue, text);
}

/// The same with no signal at all: jianbao in a session of its own (`setsid`), so the
/// terminal's loss reaches it only as a hangup of its input — the case in which it used to
/// read end-of-file in a loop at full speed, holding the lock.
#[test]
fn a_terminal_lost_without_any_signal_is_noticed_within_two_seconds() {
    let (dir, ws) = sample_workspace();
    let issue = issue_path(&ws, "2026-45");
    let issue_arg = issue.to_string_lossy().to_string();
    let text = "没有信号也要保住的一句。";
    let mut t = Term::start_with("setsid", &["-w", BIN, &issue_arg], &[], dir.path(), 120, 40);
    t.wait_for("稿件池");
    let pid = holder_pid(&issue).expect("the editor holds the lock");
    t.send(TAB);
    t.send(ENTER);
    t.send(text.as_bytes());
    t.wait_for(text);
    drop(t.close());
    let start = Instant::now();
    while alive(pid) && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(!alive(pid), "jianbao {pid} is still running 5 s after its terminal closed");
    assert!(start.elapsed() <= Duration::from_secs(2), "it took {:?}", start.elapsed());
    wait_for_recovery(dir.path(), text);
    assert!(!lock_path(&issue).exists(), "the lock is released");
    second_editor_restores(dir.path(), &issue, text);
}

#[test]
fn every_ending_signal_saves_aside_and_exits_with_its_code() {
    for (sig, code, text) in [
        (Signal::TERM, 143, "收到终止信号前的一句。"),
        (Signal::HUP, 129, "收到挂断信号前的一句。"),
        (Signal::INT, 130, "收到中断信号前的一句。"),
        (Signal::QUIT, 131, "收到退出信号前的一句。"),
    ] {
        let (dir, ws) = sample_workspace();
        let issue = issue_path(&ws, "2026-45");
        let mut t = open_and_type(dir.path(), &issue, text);
        let sent = Instant::now();
        t.signal(sig);
        assert_eq!(t.wait_exit(), code, "{sig:?}");
        assert!(sent.elapsed() < Duration::from_secs(2), "{sig:?} took {:?}", sent.elapsed());
        let raw = String::from_utf8_lossy(&t.raw);
        assert!(raw.contains("\x1b[?1049l"), "{sig:?}: the terminal was not restored");
        wait_for_recovery(dir.path(), text);
        assert!(!lock_path(&issue).exists(), "{sig:?}: the lock is released");
    }
}

#[test]
fn sigterm_with_a_dialog_open_keeps_the_text_typed_before() {
    let (dir, ws) = sample_workspace();
    let issue = issue_path(&ws, "2026-45");
    let text = "打开对话框之前输入的一句。";
    let mut t = open_and_type(dir.path(), &issue, text);
    t.send(ESC);
    t.send(b"\x1b[13~"); // F3: the footer dialog
    t.wait_for("报尾");
    t.send("审核人改名".as_bytes());
    t.signal(Signal::TERM);
    assert_eq!(t.wait_exit(), 143);
    wait_for_recovery(dir.path(), text);
    assert!(!lock_path(&issue).exists());
    let saved = std::fs::read_to_string(&issue).unwrap();
    assert!(
        !saved.contains(text) && !saved.contains("审核人改名"),
        "nothing was saved behind the user's back"
    );
}

/// 10,000 pooled items with an index, so that the editor reads them after its first frame.
fn large_pool(ws: &Workspace, n: usize) {
    for k in 0..n {
        let mut item = Item::new(
            format!("2026-10-{:02}-q{k:05}", 1 + k % 28),
            format!("江州市第{k}批科技志愿者走进社区开展科普宣传"),
        );
        item.received = Date::new(2026, 10, 1 + (k % 28) as i8);
        item.sources = vec!["市科协科普部".into()];
        item.body =
            format!("　　10月{}日，科技志愿者在社区广场设立咨询台，发放科普资料，编号{k}号。\n", 1 + k % 28);
        // Written directly (no fsync per file, unlike a save): this is test data.
        std::fs::write(ws.pool_path(&item.id), jianbao::store::write::pool_item_toml(&item)).unwrap();
    }
    // The first full read writes the index; from then on the pool is read in the background.
    let _ = jianbao::store::pool_load::start(ws).unwrap();
}

#[test]
fn sigterm_while_a_10000_item_pool_is_loading_ends_at_once() {
    let (dir, ws) = sample_workspace();
    large_pool(&ws, 10_000);
    let issue = issue_path(&ws, "2026-45");
    let mut t = Term::start(&[&issue.to_string_lossy()], dir.path(), 120, 40);
    t.wait_for("稿件池");
    let sent = Instant::now();
    t.signal(Signal::TERM);
    assert_eq!(t.wait_exit(), 143);
    assert!(sent.elapsed() < Duration::from_secs(2), "took {:?}", sent.elapsed());
    assert!(!lock_path(&issue).exists(), "the lock is released");
    assert!(recovery_files(dir.path()).is_empty(), "nothing was unsaved: no recovery file");
}

/// Issue open, pool in, no key for 10 s: the process sleeps.
#[test]
fn idle_is_idle() {
    let (dir, ws) = sample_workspace();
    let issue = issue_path(&ws, "2026-45");
    let mut t = Term::start(&[&issue.to_string_lossy()], dir.path(), 160, 45);
    t.wait_for("全市科普讲解大赛决赛");
    t.settle();
    let pid = t.pid();
    let before = cpu_seconds(pid);
    let window = Duration::from_secs(10);
    let start = Instant::now();
    while start.elapsed() < window {
        t.pump(Duration::from_millis(200));
    }
    let used = cpu_seconds(pid) - before;
    let share = used / start.elapsed().as_secs_f64();
    eprintln!(
        "idle: {used:.3} s of CPU in {:.1} s ({:.2} % of a core)",
        start.elapsed().as_secs_f64(),
        share * 100.0
    );
    assert!(share < 0.01, "idle used {:.2} % of a core", share * 100.0);
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);
}

/// A jianbao that hangs (stopped, here) keeps its lock; a second one takes it over from
/// the read-only banner after a confirmation naming it. The hung one is asked to go,
/// writes its unsaved text to the recovery file, and the second one offers it.
#[test]
fn a_hung_editors_lock_is_taken_over_after_confirmation_and_nothing_is_lost() {
    let (dir, ws) = sample_workspace();
    let issue = issue_path(&ws, "2026-45");
    let text = "卡住的编辑器里没保存的一句。";
    let mut first = open_and_type(dir.path(), &issue, text);
    let first_pid = first.pid();
    first.signal(Signal::STOP);

    let mut second = Term::start(&[&issue.to_string_lossy()], dir.path(), 160, 45);
    second.wait_for("正由另一个 jianbao 编辑");
    second.wait_for("Ctrl-T 接管");
    second.send(b"\x14"); // Ctrl-T
    second.wait_for("接管编辑");
    let shown = second.screen();
    assert!(shown.contains(&format!("进程 {first_pid}")), "the confirmation names the holder:\n{shown}");
    second.send(ENTER); // the default is to cancel
    assert!(alive(first_pid), "cancelled: nothing happened to it");
    assert!(second.screen().contains("只读"), "{}", second.screen());
    second.send(b"\x14");
    second.wait_for("接管编辑");
    second.send(b"\x1b[D"); // ← to 接管
    second.send(ENTER);
    assert_eq!(first.wait_exit(), 143, "the hung editor was asked to go, and went");
    second.wait_for("恢复未保存的修改");
    second.send(ENTER);
    second.wait_for("已恢复");
    second.send(CTRL_S);
    second.wait_for("已保存");
    second.send(CTRL_Q);
    assert_eq!(second.wait_exit(), 0);
    assert!(std::fs::read_to_string(&issue).unwrap().contains(text));
}
