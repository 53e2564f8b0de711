//! The egui panes.
