//! Write a realistic workspace of any size:
//!
//!     cargo run --release --example gen_workspace -- DIR --items 10000 --issues 52 [--seed 1]
//!         [--issue-items 300]
//!
//! Items of 300–3,000 字 in the genre (units, dates, figures, ASCII runs, several source
//! units) in the pool; weekly issues back from 2026年第45期 with lead items and 【栏目】
//! sections. With `--issue-items N`, the newest issue (`issues/2026-45.toml`) holds N items.

#[path = "../benches/support/generate.rs"]
mod generate;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let (mut items, mut issues, mut seed) = (10_000usize, 52usize, 1u64);
    let mut issue_items: Option<usize> = None;
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Option<u64> {
            let v = args.next().and_then(|v| v.parse().ok());
            if v.is_none() {
                eprintln!("gen_workspace: {name} takes a number");
            }
            v
        };
        match arg.as_str() {
            "--items" => match number("--items") {
                Some(n) => items = n as usize,
                None => return ExitCode::from(2),
            },
            "--issues" => match number("--issues") {
                Some(n) => issues = n as usize,
                None => return ExitCode::from(2),
            },
            "--issue-items" => match number("--issue-items") {
                Some(n) => issue_items = Some(n as usize),
                None => return ExitCode::from(2),
            },
            "--seed" => match number("--seed") {
                Some(n) => seed = n,
                None => return ExitCode::from(2),
            },
            _ if dir.is_none() && !arg.starts_with('-') => dir = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("usage: gen_workspace DIR [--items N] [--issues M] [--seed S] [--issue-items N]");
                return ExitCode::from(2);
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: gen_workspace DIR [--items N] [--issues M] [--seed S] [--issue-items N]");
        return ExitCode::from(2);
    };
    let started = std::time::Instant::now();
    let made = generate::workspace(&dir, items, issues, seed).and_then(|ws| match issue_items {
        Some(n) => {
            let path = ws.issues_dir().join("2026-45.toml");
            std::fs::write(&path, generate::issue_text(n))
                .map(|()| ws)
                .map_err(|e| jianbao::store::StoreError::write(&path, &e))
        }
        None => Ok(ws),
    });
    match made {
        Ok(ws) => {
            println!(
                "{}: {items} pooled items, {issues} issues ({:.1} s)",
                ws.root().display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_workspace: {e}");
            ExitCode::from(2)
        }
    }
}
