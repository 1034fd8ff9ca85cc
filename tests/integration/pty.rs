//! The real binary in a pseudo-terminal: keys in as bytes, the screen read back through a
//! terminal emulator (vt100). Needs nothing but Rust.

use std::time::{Duration, Instant};

use crate::common::app::{issue_path, sample_workspace};
use crate::common::pty::*;

#[test]
fn place_type_chinese_save_quit_and_see_it_again() {
    let (dir, ws) = sample_workspace();
    let issue = issue_path(&ws, "2026-45");
    let issue_arg = issue.to_string_lossy().to_string();

    let mut t = Term::start(&[&issue_arg], dir.path(), 120, 40);
    t.wait_for("稿件池");
    t.wait_for("全市科普讲解大赛决赛");
    t.send(ENTER); // place the first pooled item after the outline's first item
    t.wait_for("已放入本期");
    t.send(TAB);
    t.send(TAB); // to the editor, on the placed item
    t.send(ENTER); // and into its text
    t.send("新增测试文字".as_bytes());
    t.wait_for("新增测试文字");
    t.send(CTRL_S);
    t.wait_for("已保存");
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);

    let saved = std::fs::read_to_string(&issue).unwrap();
    assert!(saved.contains("新增测试文字"), "the issue file holds the typed text");
    assert!(!ws.pool_path("2026-11-22-zb01").exists(), "the placed item left the pool");

    let mut t = Term::start(&[&issue_arg], dir.path(), 120, 40);
    t.wait_for("稿件池");
    t.send(TAB); // outline, first item selected
    t.send(DOWN); // the placed item
    t.wait_for("新增测试文字");
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn export_from_the_editor_equals_the_command() {
    let (dir, ws) = sample_workspace();
    let issue = issue_path(&ws, "2026-45");
    let issue_arg = issue.to_string_lossy().to_string();
    let mut t = Term::start(&[&issue_arg], dir.path(), 120, 40);
    t.wait_for("稿件池");
    t.send(CTRL_E);
    t.wait_for("导出");
    t.send(ENTER);
    t.wait_for("已导出到");
    t.send(b"q");
    assert_eq!(t.wait_exit(), 0);
    let from_editor = std::fs::read(ws.exports_dir().join("2026-45.txt")).unwrap();
    let cli = std::process::Command::new(BIN).args(["export", &issue_arg, "-o", "-"]).output().unwrap();
    assert!(cli.status.success());
    assert_eq!(from_editor, cli.stdout);
}

#[test]
fn paste_resize_and_a_clean_terminal_on_exit() {
    let (dir, ws) = sample_workspace();
    let issue_arg = issue_path(&ws, "2026-45").to_string_lossy().to_string();
    let mut t = Term::start(&[&issue_arg], dir.path(), 120, 40);
    t.wait_for("稿件池");
    // Bracketed paste into the editor lands as text, CRLF and all.
    t.send(TAB);
    t.send(TAB);
    t.send(ENTER);
    t.send("\x1b[200~粘贴进来的第一段。\r\n第二段。\x1b[201~".as_bytes());
    t.wait_for("粘贴进来的第一段");
    // Too small, then usable again.
    t.resize(30, 10);
    t.wait_for("窗口太小");
    t.resize(40, 12);
    t.wait_for("正文");
    t.send(ESC);
    t.send(b"q");
    t.wait_for("保存并退出");
    t.send(b"\x1b[C"); // → "quit without saving"
    t.send(ENTER);
    assert_eq!(t.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&t.raw);
    for restore in ["\x1b[?1049l", "\x1b[?2004l", "\x1b[?1000l"] {
        assert!(raw.contains(restore), "the terminal was not restored: {restore:?} missing");
    }
    assert!(!std::fs::read_to_string(issue_path(&ws, "2026-45")).unwrap().contains("粘贴进来"), "discarded");
}

#[test]
fn with_no_argument_the_default_workspace_is_made_from_the_samples() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Term::start(&[], home.path(), 120, 40);
    t.wait_for("科协每周动态");
    t.wait_for("稿件池 (9)");
    // The first run offers to set up one's own publication over the sample.
    t.wait_for("建立自己的刊物");
    t.send(ESC);
    t.wait_for("这是示例刊物");
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);
    assert!(home.path().join("XDG_DATA_HOME/jianbao/workspace/jianbao.toml").is_file());
    // Only the first run asks; --sample opens the sample as well.
    for args in [&[][..], &["--sample"][..]] {
        let mut t = Term::start(args, home.path(), 120, 40);
        t.wait_for("稿件池 (9)");
        std::thread::sleep(Duration::from_millis(300));
        assert!(!t.screen().contains("建立自己的刊物"), "{args:?}: {}", t.screen());
        t.send(CTRL_Q);
        assert_eq!(t.wait_exit(), 0);
    }
}

// ----- never lose a word -------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn kill_9_while_typing_loses_at_most_the_last_moment() {
    let (dir, ws) = sample_workspace();
    let issue = issue_path(&ws, "2026-45");
    let issue_arg = issue.to_string_lossy().to_string();
    let mut t = Term::start(&[&issue_arg], dir.path(), 120, 40);
    t.wait_for("稿件池");
    t.send(TAB);
    t.send(ENTER); // the editor, on the first lead item
    t.send("全市已建成社区科普站。".as_bytes());
    t.wait_for("全市已建成社区科普站");
    let started = Instant::now();
    wait_for_recovery(dir.path(), "全市已建成社区科普站");
    assert!(started.elapsed() < Duration::from_secs(2), "written {:?} after typing", started.elapsed());
    t.signal(rustix::process::Signal::KILL);
    let _ = t.wait_exit();
    assert!(!std::fs::read_to_string(&issue).unwrap().contains("社区科普站"), "never saved");

    let mut t = Term::start(&[&issue_arg], dir.path(), 120, 40);
    t.wait_for("恢复未保存的修改");
    assert!(!t.screen().contains("只读"), "the killed editor's lock is taken over");
    t.send(ENTER);
    t.wait_for("已恢复");
    t.send(CTRL_S);
    t.wait_for("已保存");
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);
    assert!(std::fs::read_to_string(&issue).unwrap().contains("全市已建成社区科普站。"));
    assert!(recovery_files(dir.path()).is_empty(), "a clean save removes the recovery file");
}

#[cfg(unix)]
#[test]
fn a_panic_restores_the_terminal_keeps_the_text_and_says_how_to_report_it() {
    let (dir, ws) = sample_workspace();
    let issue_arg = issue_path(&ws, "2026-45").to_string_lossy().to_string();
    // Tab, Enter, then 4 characters: the sixth event panics.
    let mut t =
        Term::start_with(BIN, &[&issue_arg], &[("JIANBAO_TEST_PANIC_AFTER", "6")], dir.path(), 120, 40);
    t.wait_for("稿件池");
    t.send(TAB);
    t.send(ENTER);
    t.send("科普大篷".as_bytes());
    assert_eq!(t.wait_exit(), 101);
    let raw = String::from_utf8_lossy(&t.raw);
    assert!(raw.contains("\x1b[?1049l") && raw.contains("\x1b[?2004l"), "the terminal was not restored");
    let screen = t.screen();
    assert!(screen.contains("未保存的修改已写入"), "{screen}");
    assert!(screen.contains("jianbao --version"), "{screen}");
    let file = wait_for_recovery(dir.path(), "科普大篷");
    assert!(screen.contains(&*file.file_name().unwrap().to_string_lossy()), "it names the file:\n{screen}");
}

#[test]
fn a_second_jianbao_on_the_same_issue_opens_it_read_only() {
    let (dir, ws) = sample_workspace();
    let issue = issue_path(&ws, "2026-45");
    let issue_arg = issue.to_string_lossy().to_string();
    let mut first = Term::start(&[&issue_arg], dir.path(), 120, 40);
    first.wait_for("稿件池");
    let mut second = Term::start(&[&issue_arg], dir.path(), 140, 40);
    second.wait_for("正由另一个 jianbao 编辑");
    assert!(second.screen().contains(&format!("进程 {}", first.pid())), "{}", second.screen());
    second.send(ENTER); // placing is refused
    second.wait_for("只读文件，不能修改");
    second.send(CTRL_Q);
    assert_eq!(second.wait_exit(), 0);
    first.send(ENTER);
    first.wait_for("已放入本期");
    first.send(CTRL_S);
    first.wait_for("已保存");
    first.send(CTRL_Q);
    assert_eq!(first.wait_exit(), 0);
    // The command line reads while an editor holds the issue, without waiting.
    let mut holder = Term::start(&[&issue_arg], dir.path(), 120, 40);
    holder.wait_for("稿件池");
    let out = std::process::Command::new(BIN).args(["export", &issue_arg, "-o", "-"]).output().unwrap();
    assert!(out.status.success());
    holder.send(CTRL_Q);
    assert_eq!(holder.wait_exit(), 0);
}

/// A real full disk: a 512 KiB tmpfs mounted in a private mount namespace (`unshare`),
/// filled up while the editor runs. Skipped where the machine does not allow it.
#[cfg(target_os = "linux")]
#[test]
fn a_real_full_disk_fails_the_save_and_the_retry_succeeds() {
    let probe = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg("d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs \"$d\" && umount \"$d\"")
        .output();
    let why_not = match probe {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(format!(
            "cannot mount a tmpfs in a user namespace here ({})",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) => Some(format!("no unshare command ({e})")),
    };
    if let Some(why) = why_not {
        // In CI the test must run: a skip there would pass without proving anything.
        assert!(std::env::var("CI").as_deref() != Ok("true"), "the full-disk test cannot run in CI: {why}");
        // Written to stderr directly, past the test harness's capture, so it is seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED a_real_full_disk_fails_the_save_and_the_retry_succeeds: {why}"
        );
        return;
    }
    let (dir, ws) = sample_workspace();
    let mnt = dir.path().join("mnt");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&mnt).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let script = r#"
set -e
M="$1"; WS="$2"; OUT="$3"; BIN="$4"
mount -t tmpfs -o size=512k tmpfs "$M"
cp -r "$WS" "$M/ws"
(
  while [ ! -e "$OUT/fill" ]; do sleep 0.02; done
  head -c 4M /dev/zero > "$M/filler" 2>/dev/null || true
  touch "$OUT/filled"
  while [ ! -e "$OUT/free" ]; do sleep 0.02; done
  cp "$M/ws/issues/2026-45.toml" "$OUT/after-failed-save.toml"
  ls -a "$M/ws/issues" "$M/ws/pool" > "$OUT/listing"
  rm "$M/filler"
  touch "$OUT/freed"
) &
"$BIN" "$M/ws/issues/2026-45.toml"
code=$?
cp "$M/ws/issues/2026-45.toml" "$OUT/final.toml"
exit $code
"#;
    let args = [
        "--user",
        "--map-root-user",
        "--mount",
        "sh",
        "-c",
        script,
        "sh",
        mnt.to_str().unwrap(),
        ws.root().to_str().unwrap(),
        out.to_str().unwrap(),
        BIN,
    ];
    let original = std::fs::read_to_string(issue_path(&ws, "2026-45")).unwrap();
    let mut t = Term::start_with("unshare", &args, &[], dir.path(), 120, 40);
    t.wait_for("稿件池");
    std::fs::write(out.join("fill"), "").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !out.join("filled").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    t.send(TAB);
    t.send(ENTER);
    t.send("磁盘满时输入的一句。".as_bytes());
    t.send(CTRL_S);
    t.wait_for("保存失败");
    t.wait_for("磁盘已满");
    std::fs::write(out.join("free"), "").unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !out.join("freed").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(std::fs::read_to_string(out.join("after-failed-save.toml")).unwrap(), original, "intact");
    let listing = std::fs::read_to_string(out.join("listing")).unwrap();
    assert!(!listing.lines().any(|l| l.ends_with(".tmp")), "no temporary file left: {listing}");
    t.send(CTRL_S);
    t.wait_for("已保存");
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);
    assert!(std::fs::read_to_string(out.join("final.toml")).unwrap().contains("磁盘满时输入的一句。"));
}
