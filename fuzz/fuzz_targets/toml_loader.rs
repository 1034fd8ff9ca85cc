//! Any bytes as an issue, pool or profile file (see `checks::toml_loader`).

#![no_main]

#[path = "../checks.rs"]
#[allow(dead_code)] // each target uses one of the checks
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::toml_loader(data));
