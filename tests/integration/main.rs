//! Every integration test, in one binary (one link of the crate instead of one per file),
//! as helix's `tests/integration.rs`: the command line, the exports, import, the editor on
//! a test backend, the real binary in a pseudo-terminal, crash safety.

mod common;

mod cli;
mod desk;
mod docx;
mod endings;
mod export_rules;
mod fuzz_regressions;
mod golden;
mod hostile;
mod import_corpus;
mod import_fixtures;
mod import_roundtrip;
mod kill;
mod layout_properties;
mod messages;
mod outputs;
mod pdf;
mod pty;
mod readme;
mod recovery_props;
mod safety;
mod scale;
mod snapshots_tui;
mod tui;
mod tui_random;
