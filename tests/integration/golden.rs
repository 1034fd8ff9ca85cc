//! Golden files: the exports of the bundled sample issues, byte for byte. After a deliberate
//! change, regenerate with `UPDATE_GOLDEN=1 cargo test --test golden` and read the diff.

use std::path::{Path, PathBuf};

use jianbao::commands::export::{Format, Settings, render};
use jianbao::store::load_issue;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const MODES: &[(&str, Settings)] = &[
    ("wrapped.txt", Settings { format: Format::Text, width: None, paginate: Some(false) }),
    ("paginated.txt", Settings { format: Format::Text, width: None, paginate: Some(true) }),
    ("unwrapped.txt", Settings { format: Format::Text, width: Some(0), paginate: None }),
    ("md", Settings { format: Format::Markdown, width: None, paginate: None }),
];

fn golden_path(stem: &str, mode: &str) -> PathBuf {
    root().join("tests/golden").join(format!("{stem}.{mode}"))
}

#[test]
fn sample_exports_match_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for stem in ["2026-45", "2026-21"] {
        let issue = load_issue(&root().join("samples/issues").join(format!("{stem}.toml"))).unwrap().doc;
        for (mode, settings) in MODES {
            let out = render(&issue, *settings).unwrap();
            let path = golden_path(stem, mode);
            if update {
                std::fs::write(&path, &out).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if expected != out {
                let line = expected.lines().zip(out.lines()).position(|(a, b)| a != b).unwrap_or(0) + 1;
                mismatches.push(format!("{} differs from line {line}", path.display()));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{}\n(regenerate with UPDATE_GOLDEN=1 and review the diff)",
        mismatches.join("\n")
    );
}
