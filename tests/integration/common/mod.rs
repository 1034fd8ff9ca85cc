//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod app;
pub mod generate;
pub mod pty;
pub mod rules;
