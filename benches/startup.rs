//! The real binary in a pseudo-terminal (200×60) on a workspace of 10,000 pooled items and
//! 52 issues: time from process start to the first full frame, and memory (peak resident
//! set) once the whole pool has been read.

mod support;

use std::io::Read;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Start `jianbao <dir>` in a pty; the time until the first frame is on the screen (its
/// status bar, drawn last, shows the keys), and the running child.
fn first_frame(
    dir: &std::path::Path,
    home: &std::path::Path,
) -> (Duration, Box<dyn portable_pty::Child + Send + Sync>) {
    let pair = native_pty_system()
        .openpty(PtySize { rows: 60, cols: 200, pixel_width: 0, pixel_height: 0 })
        .expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_jianbao"));
    cmd.arg(dir);
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home);
    for var in ["XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"] {
        cmd.env(var, home.join(var));
    }
    let mut reader = pair.master.try_clone_reader().unwrap();
    let started = Instant::now();
    let child = pair.slave.spawn_command(cmd).expect("spawn jianbao");
    drop(pair.slave);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _keep = pair.master;
        let mut seen = Vec::new();
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if seen.windows(5).any(|w| w == b"Enter") {
                let _ = tx.send(Instant::now());
                // Keep reading so that the editor never blocks on a full pty.
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                }
                break;
            }
        }
    });
    let shown = rx.recv_timeout(Duration::from_secs(30)).expect("a first frame");
    (shown - started, child)
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn startup(c: &mut Criterion) {
    let (dir, _) = support::workspace(10_000, 52);
    let home = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("process start");
    group.sample_size(20);
    group.bench_function("to the first frame, 10000 pooled + 52 issues", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let (took, mut child) = first_frame(&dir, home.path());
                total += took;
                let _ = child.kill();
                let _ = child.wait();
            }
            total
        })
    });
    group.finish();

    // Memory once the pool has been read in the background.
    let (_, mut child) = first_frame(&dir, home.path());
    std::thread::sleep(Duration::from_secs(4));
    if let Some(kib) = child.process_id().and_then(peak_rss_kib) {
        println!(
            "peak resident memory, 10000 pooled + 52 issues, pool loaded: {:.1} MiB",
            kib as f64 / 1024.0
        );
    }
    let _ = child.kill();
    let _ = child.wait();
}

criterion_group!(benches, startup);
criterion_main!(benches);
