//! The fuzzers' checks (`fuzz/checks.rs`) on their seeds and on every input a fuzzer once
//! failed on (`fuzz/regressions/<target>/`), so that `cargo test` keeps them fixed.

#[path = "../../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in [root.join("seeds").join(target), root.join("regressions").join(target)] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(result.is_ok(), "{target}: {} fails again", path.display());
            n += 1;
        }
    }
    n
}

#[test]
fn toml_loader_seeds_and_regressions() {
    assert!(replay("toml_loader", checks::toml_loader) >= 4);
}

#[test]
fn importer_seeds_and_regressions() {
    assert!(replay("importer", checks::importer) >= 6);
}

#[test]
fn layout_seeds_and_regressions() {
    assert!(replay("layout", checks::layout) >= 1);
}
