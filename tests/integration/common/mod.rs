//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod app;
pub mod generate;
pub mod pty;
pub mod rules;

/// A property test's configuration: `cases` unless `PROPTEST_CASES` asks for more or fewer
/// (to search longer by hand: `PROPTEST_CASES=5000 PROPTEST_RNG_SEED=$RANDOM cargo test …`).
pub fn cases(cases: u32) -> proptest::test_runner::Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(cases);
    proptest::test_runner::Config { cases, ..Default::default() }
}
