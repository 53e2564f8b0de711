//! The window's tests, driven headless through egui_kittest by accessible labels: what a
//! journalist and a desk editor click and type, and what they then see.
//!
//! One test binary, with a module per part of the window, not one binary per file: each
//! binary links the whole GUI stack (egui, wgpu, winit), and a dozen of them filled a CI
//! machine's disk. Tests still run in parallel threads, each with its own window and temp
//! folders.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

#[path = "../support/mod.rs"]
mod support;

mod comments;
mod desk;
mod desk_site;
mod editor;
mod formatting;
mod grammar;
mod history;
mod long;
mod pictures;
mod publish;
mod rest;
mod safety;
mod scripts;
mod snapshots;
mod spelling;
mod window;
