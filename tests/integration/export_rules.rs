//! Every text export obeys SPEC §3, checked line by line by an independent reading of the
//! rules: on the bundled samples, and on random issues in all three modes.

use crate::common::rules::violations;
use jianbao::export::{TextOptions, text};
use jianbao::model::Issue;
use jianbao::store::load_issue;
use proptest::prelude::*;

fn sample(name: &str) -> Issue {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/issues").join(name);
    load_issue(&path).unwrap().doc
}

fn assert_obeys(issue: &Issue, width: u32, lines_per_page: u32) {
    let out = text(issue, TextOptions { width, lines_per_page });
    let found = violations(issue, &out, width, lines_per_page);
    assert!(found.is_empty(), "width {width}, {lines_per_page} lines/page:\n{}\n\n{out}", found.join("\n"));
}

#[test]
fn samples_obey_the_rules_in_every_mode() {
    for name in ["2026-45.toml", "2026-21.toml"] {
        let issue = sample(name);
        for (width, lines) in [(28, 0), (28, 22), (0, 0), (20, 15), (36, 30), (10, 10)] {
            assert_obeys(&issue, width, lines);
        }
    }
}

#[test]
fn the_validator_catches_a_broken_export() {
    let issue = sample("2026-45.toml");
    let good = text(&issue, TextOptions { width: 28, lines_per_page: 0 });
    let bad = good.replacen("　　", "　", 1);
    assert!(!violations(&issue, &bad, 28, 0).is_empty());
    let bad = good.replacen("━━", "━", 1);
    assert!(!violations(&issue, &bad, 28, 0).is_empty());
    let paged = text(&issue, TextOptions { width: 28, lines_per_page: 22 });
    let bad = paged.replacen('\n', "\n\n", 1);
    assert!(!violations(&issue, &bad, 28, 22).is_empty());
}

#[test]
fn export_is_deterministic() {
    let issue = sample("2026-45.toml");
    let options = TextOptions { width: 28, lines_per_page: 22 };
    assert_eq!(text(&issue, options), text(&issue.clone(), options));
}

proptest! {
    #![proptest_config(crate::common::cases(128))]

    #[test]
    fn random_issues_obey_the_rules_wrapped(issue in crate::common::generate::issue()) {
        let w = issue.layout.width;
        let out = text(&issue, TextOptions { width: w, lines_per_page: 0 });
        let found = violations(&issue, &out, w, 0);
        prop_assert!(found.is_empty(), "{}\n\n{out}", found.join("\n"));
    }

    #[test]
    fn random_issues_obey_the_rules_paginated(issue in crate::common::generate::issue(), lines in 10u32..40) {
        let w = issue.layout.width;
        let out = text(&issue, TextOptions { width: w, lines_per_page: lines });
        let found = violations(&issue, &out, w, lines);
        prop_assert!(found.is_empty(), "{}\n\n{out}", found.join("\n"));
    }

    #[test]
    fn random_issues_obey_the_rules_unwrapped(issue in crate::common::generate::issue()) {
        let out = text(&issue, TextOptions { width: 0, lines_per_page: 0 });
        let found = violations(&issue, &out, 0, 0);
        prop_assert!(found.is_empty(), "{}\n\n{out}", found.join("\n"));
    }
}
