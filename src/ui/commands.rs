//! The command table: every command a menu item or a shortcut runs, with its label and its
//! shortcuts, defined once. The menus, the keyboard handling and the Help menu's shortcut list
//! all read [`COMMANDS`], so a shortcut shown is a shortcut that works.
//!
//! Shortcuts use egui's `Modifiers::COMMAND`: Cmd on macOS, Ctrl elsewhere. They are taken at
//! the start of the frame, before any text field sees the keys, so Ctrl+Z undoes in the whole
//! story rather than inside one field.

use egui::{Key, KeyboardShortcut, Modifiers};

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

/// Every command of the menus and the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Start a blank story.
    New,
    /// Open a story file.
    Open,
    /// Save to the story's file.
    Save,
    /// Save to a new file.
    SaveAs,
    /// Reload the story from its file.
    Revert,
    /// Show the stories a crash left, to restore or discard.
    ShowRecovery,
    /// Import a ninjs item as a new story.
    ImportNinjs,
    /// Write the story as an HTML page.
    ExportHtml,
    /// Write the story as ninjs 3.1.
    ExportNinjs,
    /// Show the HTML page in the browser.
    OpenInBrowser,
    /// Close the window.
    Quit,
    /// Take back the last change.
    Undo,
    /// Make the change undone again.
    Redo,
    /// Find in the body.
    Find,
    /// Find and replace in the body.
    Replace,
    /// Show or hide the metadata panel.
    ToggleMetadata,
    /// Show or hide the preview.
    TogglePreview,
    /// Make everything larger.
    ZoomIn,
    /// Make everything smaller.
    ZoomOut,
    /// Back to the normal size.
    ZoomReset,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Show how to write the body markup.
    ShowMarkupGuide,
    /// Close the find bar, an open menu or a window.
    Dismiss,
    /// Turn spelling on or off.
    ToggleSpelling,
    /// Choose the desk's shared word list.
    ChooseDeskDictionary,
    /// Stop using a desk word list.
    ForgetDeskDictionary,
    /// Open the spelling menu for the misspelt word at the cursor.
    SpellingSuggestions,
    /// Choose a folder of stories to show as the desk.
    OpenDeskFolder,
    /// Switch between the desk and the story in the editor.
    Desk,
    /// Look through the desk folder again.
    RefreshDesk,
}

/// One row of the command table.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    /// The command.
    pub command: Command,
    /// The menu label.
    pub label: &'static str,
    /// Its shortcuts, the first shown in menus; empty for none.
    pub shortcuts: &'static [KeyboardShortcut],
}

impl CommandSpec {
    /// The label read out of its menu, as the shortcut list shows it ("Export as HTML
    /// page" where the Export menu says "HTML page…").
    pub fn long_label(&self) -> &'static str {
        match self.command {
            Command::ExportHtml => "Export as HTML page",
            Command::ExportNinjs => "Export as ninjs 3.1",
            Command::OpenInBrowser => "Open the HTML page in the browser",
            Command::ToggleMetadata => "Show or hide the metadata panel",
            Command::TogglePreview => "Show or hide the preview",
            Command::Find => "Find in the body",
            Command::Replace => "Find and replace in the body",
            Command::SpellingSuggestions => "Spelling suggestions for the word at the cursor",
            Command::Desk => "Switch between the desk and the story",
            Command::RefreshDesk => "Look through the desk folder again",
            _ => self.label.trim_end_matches('…'),
        }
    }
}

/// Every command, in menu order within each menu.
pub const COMMANDS: &[CommandSpec] = &[
    spec(Command::New, "New", &[key(CMD, Key::N)]),
    spec(Command::Open, "Open…", &[key(CMD, Key::O)]),
    spec(Command::Save, "Save", &[key(CMD, Key::S)]),
    spec(Command::SaveAs, "Save As…", &[key(CMD_SHIFT, Key::S)]),
    spec(Command::Revert, "Revert", &[]),
    spec(Command::ShowRecovery, "Recover unsaved stories…", &[]),
    spec(Command::ImportNinjs, "Import ninjs…", &[key(CMD, Key::I)]),
    spec(Command::ExportHtml, "HTML page…", &[key(CMD, Key::E)]),
    spec(
        Command::ExportNinjs,
        "ninjs 3.1…",
        &[key(CMD_SHIFT, Key::E)],
    ),
    spec(
        Command::OpenInBrowser,
        "Open in browser",
        &[key(CMD_SHIFT, Key::B)],
    ),
    spec(Command::Quit, "Quit", &[key(CMD, Key::Q)]),
    spec(Command::Undo, "Undo", &[key(CMD, Key::Z)]),
    spec(
        Command::Redo,
        "Redo",
        &[key(CMD_SHIFT, Key::Z), key(CMD, Key::Y)],
    ),
    spec(Command::Find, "Find…", &[key(CMD, Key::F)]),
    spec(Command::Replace, "Replace…", &[key(CMD, Key::H)]),
    spec(
        Command::ToggleMetadata,
        "Metadata panel",
        &[key(CMD_SHIFT, Key::M)],
    ),
    spec(
        Command::TogglePreview,
        "Preview panel",
        &[key(CMD_SHIFT, Key::P)],
    ),
    spec(
        Command::ZoomIn,
        "Zoom in",
        &[key(CMD, Key::Plus), key(CMD, Key::Equals)],
    ),
    spec(Command::ZoomOut, "Zoom out", &[key(CMD, Key::Minus)]),
    spec(Command::ZoomReset, "Actual size", &[key(CMD, Key::Num0)]),
    spec(
        Command::ShowShortcuts,
        "Keyboard shortcuts",
        &[key(CMD, Key::Slash)],
    ),
    spec(Command::ShowMarkupGuide, "Body markup guide", &[]),
    spec(
        Command::Dismiss,
        "Close the find bar or window",
        &[key(Modifiers::NONE, Key::Escape)],
    ),
    spec(Command::ToggleSpelling, "Check spelling", &[]),
    spec(Command::ChooseDeskDictionary, "Desk dictionary…", &[]),
    spec(Command::ForgetDeskDictionary, "No desk dictionary", &[]),
    spec(
        Command::SpellingSuggestions,
        "Spelling suggestions",
        &[key(CMD, Key::Period)],
    ),
    spec(
        Command::OpenDeskFolder,
        "Open Desk Folder…",
        &[key(CMD_SHIFT, Key::O)],
    ),
    spec(Command::Desk, "Desk view", &[key(CMD, Key::D)]),
    spec(
        Command::RefreshDesk,
        "Refresh the desk",
        &[key(Modifiers::NONE, Key::F5)],
    ),
];

const fn spec(
    command: Command,
    label: &'static str,
    shortcuts: &'static [KeyboardShortcut],
) -> CommandSpec {
    CommandSpec {
        command,
        label,
        shortcuts,
    }
}

impl Command {
    /// The command's row in [`COMMANDS`].
    pub fn spec(self) -> &'static CommandSpec {
        COMMANDS
            .iter()
            .find(|s| s.command == self)
            .expect("every command has a row in COMMANDS (a test checks)")
    }

    /// The menu label.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// The shortcut shown in menus.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.spec().shortcuts.first().copied()
    }
}

/// Takes this frame's shortcut keys and returns the commands they run, in the order pressed.
/// Longer chords are tried first, so Cmd+Shift+S is Save As and not Save.
pub fn take_shortcuts(ctx: &egui::Context) -> Vec<Command> {
    let mut table: Vec<(KeyboardShortcut, Command)> = COMMANDS
        .iter()
        .flat_map(|s| s.shortcuts.iter().map(|k| (*k, s.command)))
        .collect();
    table.sort_by_key(|(k, _)| std::cmp::Reverse(modifier_count(k.modifiers)));
    ctx.input_mut(|i| {
        table
            .iter()
            .filter(|(k, _)| {
                // Escape is consumed only when nothing else (a menu, a text field's own use)
                // wants it; see `ui::CopydeskApp`.
                k.logical_key != Key::Escape && i.consume_shortcut(k)
            })
            .map(|(_, c)| *c)
            .collect()
    })
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt)
        + u8::from(m.ctrl)
        + u8::from(m.shift)
        + u8::from(m.mac_cmd)
        + u8::from(m.command)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_command_has_one_row_and_no_shortcut_is_used_twice() {
        let mut seen = HashSet::new();
        let mut keys = HashSet::new();
        for s in COMMANDS {
            assert!(seen.insert(s.command), "{:?} twice", s.command);
            for k in s.shortcuts {
                assert!(keys.insert(*k), "{k:?} runs two commands");
            }
        }
        // A match with no wildcard: a new command fails to compile here until it is listed,
        // and then fails the test until it has a row in the table.
        let all = |c: Command| match c {
            Command::New
            | Command::Open
            | Command::Save
            | Command::SaveAs
            | Command::Revert
            | Command::ShowRecovery
            | Command::ImportNinjs
            | Command::ExportHtml
            | Command::ExportNinjs
            | Command::OpenInBrowser
            | Command::Quit
            | Command::Undo
            | Command::Redo
            | Command::Find
            | Command::Replace
            | Command::ToggleMetadata
            | Command::TogglePreview
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ZoomReset
            | Command::ShowShortcuts
            | Command::ShowMarkupGuide
            | Command::Dismiss
            | Command::ToggleSpelling
            | Command::ChooseDeskDictionary
            | Command::ForgetDeskDictionary
            | Command::SpellingSuggestions
            | Command::OpenDeskFolder
            | Command::Desk
            | Command::RefreshDesk => c,
        };
        for s in COMMANDS {
            assert_eq!(all(s.command).spec().command, s.command);
        }
        assert_eq!(COMMANDS.len(), 30, "one row per command");
    }
}
