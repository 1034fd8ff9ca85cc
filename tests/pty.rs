//! The real binary in a pseudo-terminal: keys in as bytes, the screen read back through a
//! terminal emulator (vt100). Needs nothing but Rust.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use common::app::{issue_path, sample_workspace};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_jianbao");

fn nz(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n.max(1)).unwrap()
}

struct Term {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    raw: Vec<u8>,
}

impl Term {
    /// Start `jianbao args…` in a `cols` × `rows` terminal, with its own config and data.
    fn start(args: &[&str], home: &Path, cols: u16, rows: u16) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(home);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        for var in ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"] {
            cmd.env(var, home.join(var));
        }
        cmd.env_remove("JIANBAO_LANG");
        let child = pair.slave.spawn_command(cmd).expect("spawn jianbao");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Term {
            master: pair.master,
            writer,
            child,
            output,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            raw: Vec::new(),
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until the screen shows `text` (10 s at most).
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if self.screen().contains(text) {
                return;
            }
        }
        panic!("the screen never showed {text:?}:\n{}", self.screen());
    }

    /// Read until the program has been quiet for a while (so that two sends are never
    /// read as one: a lone Esc followed by q would be Alt-q).
    fn settle(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            match self.output.recv_timeout(Duration::from_millis(120)) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => return,
            }
        }
    }

    /// Send bytes and let the program take them in.
    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        self.settle();
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
        self.settle();
    }

    /// Wait for the program to end; its exit code.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if let Ok(Some(status)) = self.child.try_wait() {
                self.pump(Duration::from_millis(50));
                return status.exit_code();
            }
        }
        let _ = self.child.kill();
        panic!("jianbao did not exit:\n{}", self.screen());
    }
}

const ENTER: &[u8] = b"\r";
const TAB: &[u8] = b"\t";
const ESC: &[u8] = b"\x1b";
const DOWN: &[u8] = b"\x1b[B";
const CTRL_S: &[u8] = b"\x13";
const CTRL_Q: &[u8] = b"\x11";
const CTRL_E: &[u8] = b"\x05";

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
    t.send(CTRL_Q);
    assert_eq!(t.wait_exit(), 0);
    assert!(home.path().join("XDG_DATA_HOME/jianbao/workspace/jianbao.toml").is_file());
}
