//! The real binary in a pseudo-terminal: keys in as bytes, the screen read back through a
//! terminal emulator (vt100).

use std::io::Write;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_jianbao");

fn nz(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n.max(1)).unwrap()
}

pub struct Term {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub output: Receiver<Vec<u8>>,
    pub parser: vt100::Parser,
    pub raw: Vec<u8>,
    /// Tells the output reader to let go of its copy of the master (see `close`).
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

/// A copy of the master's descriptor for the output reader, which waits on it with a
/// timeout so that it can be told to stop: a reader blocked in `read` would keep the
/// master open, and the terminal would never close under the program.
fn master_fd(master: &(dyn MasterPty + Send)) -> OwnedFd {
    let raw = master.as_raw_fd().expect("a unix pty");
    // SAFETY: the master's descriptor is open while `master` lives; we only duplicate it.
    let fd = unsafe { BorrowedFd::borrow_raw(raw) };
    fd.try_clone_to_owned().expect("dup the master")
}

fn read_output(fd: OwnedFd, tx: &Sender<Vec<u8>>, stop: &AtomicBool) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let mut buf = [0u8; 8192];
    let tick = Timespec { tv_sec: 0, tv_nsec: 50_000_000 };
    while !stop.load(Ordering::SeqCst) {
        let mut fds = [PollFd::new(&fd, PollFlags::IN)];
        match poll(&mut fds, Some(&tick)) {
            Ok(0) | Err(rustix::io::Errno::INTR) => continue,
            Ok(_) => {}
            Err(_) => return,
        }
        match rustix::io::read(&fd, &mut buf) {
            Err(rustix::io::Errno::AGAIN | rustix::io::Errno::INTR) => continue,
            Ok(0) | Err(_) => return,
            Ok(n) => {
                if tx.send(buf[..n].to_vec()).is_err() {
                    return;
                }
            }
        }
    }
}

impl Term {
    /// Start `jianbao args…` in a `cols` × `rows` terminal, with its own config and data.
    pub fn start(args: &[&str], home: &Path, cols: u16, rows: u16) -> Term {
        Term::start_with(BIN, args, &[], home, cols, rows)
    }

    /// Start `program args…` with extra environment variables.
    pub fn start_with(
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
        home: &Path,
        cols: u16,
        rows: u16,
    ) -> Term {
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(home);
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        for var in ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"] {
            cmd.env(var, home.join(var));
        }
        cmd.env_remove("JIANBAO_LANG");
        let child = pair.slave.spawn_command(cmd).expect("spawn jianbao");
        drop(pair.slave);
        let writer = pair.master.take_writer().unwrap();
        let (tx, output) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let reader = {
            let stop = Arc::clone(&stop);
            let fd = master_fd(pair.master.as_ref());
            std::thread::spawn(move || read_output(fd, &tx, &stop))
        };
        Term {
            master: pair.master,
            writer,
            child,
            output,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            raw: Vec::new(),
            stop,
            reader: Some(reader),
        }
    }

    pub fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Wait until the screen shows `text` (10 s at most).
    pub fn wait_for(&mut self, text: &str) {
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
    pub fn settle(&mut self) {
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
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        self.settle();
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
        self.settle();
    }

    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("a running child") as i32
    }

    /// Send a signal to the program.
    #[cfg(unix)]
    pub fn signal(&self, sig: rustix::process::Signal) {
        let pid = rustix::process::Pid::from_raw(self.pid()).unwrap();
        rustix::process::kill_process(pid, sig).unwrap();
    }

    /// Wait for the program to end; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
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

impl Term {
    /// Close the terminal under the program, as closing its window, killing its tmux pane
    /// or dropping its SSH connection does: the master side goes away, no signal is sent by
    /// us. The child, to wait for.
    pub fn close(self) -> Box<dyn Child + Send + Sync> {
        let Term { master, writer, child, output, stop, reader, .. } = self;
        stop.store(true, Ordering::SeqCst);
        if let Some(reader) = reader {
            let _ = reader.join();
        }
        // portable-pty's writer sends a newline and the EOF character when dropped; a
        // window that closes sends nothing. Without an EOF character it sends nothing.
        #[cfg(unix)]
        if let Some(fd) = master.as_raw_fd() {
            use rustix::termios::{OptionalActions, SpecialCodeIndex, tcgetattr, tcsetattr};
            // SAFETY: the master's descriptor, open for as long as `master` lives.
            let fd = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
            if let Ok(mut t) = tcgetattr(fd) {
                t.special_codes[SpecialCodeIndex::VEOF] = 0;
                let _ = tcsetattr(fd, OptionalActions::Now, &t);
            }
        }
        drop(writer);
        drop(master);
        drop(output);
        child
    }
}

/// Wait until `child` ends (at most `limit`); its exit code and how long it took.
pub fn wait_child(child: &mut Box<dyn Child + Send + Sync>, limit: Duration) -> Option<(u32, Duration)> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return Some((status.exit_code(), start.elapsed()));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}

/// The recovery files in the state folder of a pty test's home.
pub fn recovery_files(home: &Path) -> Vec<std::path::PathBuf> {
    let dir = home.join("XDG_STATE_HOME/jianbao/recovery");
    match std::fs::read_dir(dir) {
        Ok(d) => {
            d.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect()
        }
        Err(_) => vec![],
    }
}

/// Wait until a recovery file holds `text` (5 s at most).
pub fn wait_for_recovery(home: &Path, text: &str) -> std::path::PathBuf {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        for f in recovery_files(home) {
            if std::fs::read_to_string(&f).is_ok_and(|t| t.contains(text)) {
                return f;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let found: Vec<String> = recovery_files(home)
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default().chars().take(3000).collect())
        .collect();
    panic!("no recovery file came to hold {text:?}; there are {found:?}");
}

/// CPU time (user + system) of a process so far, from /proc, in seconds.
#[cfg(target_os = "linux")]
pub fn cpu_seconds(pid: i32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/<pid>/stat");
    // The command name may hold spaces; fields after it are counted from its closing ')'.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split(' ').collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    ticks as f64 / clock_ticks() as f64
}

#[cfg(target_os = "linux")]
fn clock_ticks() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100)
}

pub const ENTER: &[u8] = b"\r";
pub const TAB: &[u8] = b"\t";
pub const ESC: &[u8] = b"\x1b";
pub const DOWN: &[u8] = b"\x1b[B";
pub const CTRL_S: &[u8] = b"\x13";
pub const CTRL_Q: &[u8] = b"\x11";
pub const CTRL_E: &[u8] = b"\x05";
