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
const CMD_ALT: Modifiers = Modifiers::COMMAND.plus(Modifiers::ALT);

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

/// Declares [`Command`] and [`Command::ALL`] from one list, so a new command is in `ALL`
/// (and so in the table's test) the moment it exists.
macro_rules! commands {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// Every command of the menus and the keyboard.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $($(#[$doc])* $name,)*
        }

        impl Command {
            /// Every command, in declaration order.
            pub const ALL: &'static [Command] = &[$(Command::$name,)*];
        }
    };
}

commands! {
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
    /// Make the words selected in the body bold (or not).
    FormatBold,
    /// Make the words selected in the body italic (or not).
    FormatItalic,
    /// Make the words selected in the body a link.
    FormatLink,
    /// Make the body's lines at the cursor a subheading (or not).
    FormatSubhead,
    /// Make the body's lines at the cursor a quotation (or not).
    FormatQuote,
    /// Make the body's lines at the cursor a list (or not).
    FormatList,
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
    /// Show or hide the History panel: the versions kept of the story.
    ToggleHistory,
    /// Show or hide the Comments window.
    ToggleComments,
    /// Start a comment on the words selected.
    AddComment,
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
    /// Turn grammar on or off.
    ToggleGrammar,
    /// Choose the desk's house style (a folder of Vale rules).
    ChooseDeskStyle,
    /// Check against Copydesk's sample style.
    UseSampleStyle,
    /// Check no house style.
    ForgetStyle,
    /// Choose a folder of stories to show as the desk.
    OpenDeskFolder,
    /// Show a WordPress site's posts as the desk.
    OpenSiteDesk,
    /// Switch between the desk and the story in the editor.
    Desk,
    /// Look through the desk folder again.
    RefreshDesk,
    /// Move down the desk's rows, reviewing the next.
    DeskNext,
    /// Move up the desk's rows, reviewing the one before.
    DeskPrevious,
    /// Add the next row to the selection.
    DeskExtendNext,
    /// Add the row before to the selection.
    DeskExtendPrevious,
    /// Select every row shown.
    DeskSelectAll,
    /// Select no row.
    DeskSelectNone,
    /// Open the story under review in the editor.
    DeskOpenInEditor,
    /// Publish the story to a WordPress site.
    PublishWordPress,
    /// Open a post from a WordPress site as a story.
    OpenFromWordPress,
}

/// Where a command's shortcut is heard. Two commands may share a shortcut only where their
/// scopes are never in force at once (a test checks, on every system).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Anywhere in the window, even while a text field has the keyboard.
    Window,
    /// In the editor view.
    Editor,
    /// In the desk view, while no text field has the keyboard (the table's own keys).
    Table,
    /// While the story body has the keyboard (formatting).
    Body,
}

impl Scope {
    /// Whether shortcuts of both scopes can be heard at the same moment.
    pub fn overlaps(self, other: Scope) -> bool {
        let editor = |s: Scope| matches!(s, Scope::Editor | Scope::Body);
        self == Scope::Window
            || other == Scope::Window
            || self == other
            || (editor(self) && editor(other))
    }

    /// Where the Help window lists the command.
    pub fn heading(self) -> &'static str {
        match self {
            Scope::Window => "Everywhere",
            Scope::Editor => "In the editor",
            Scope::Table => "In the desk's table",
            Scope::Body => "In the story body",
        }
    }
}

/// Which view the window shows: which scopes' shortcuts are heard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The story editor.
    Editor,
    /// The desk view.
    Desk,
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
    /// Where its shortcuts are heard.
    pub scope: Scope,
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
            Command::ToggleHistory => "Show or hide the story's history",
            Command::ToggleComments => "Show or hide the comments",
            Command::Find => "Find in the body",
            Command::Replace => "Find and replace in the body",
            Command::SpellingSuggestions => "Spelling suggestions for the word at the cursor",
            Command::Desk => "Switch between the desk and the story",
            Command::RefreshDesk => "Look through the desk folder again",
            Command::OpenSiteDesk => "Show a WordPress site's posts as the desk",
            Command::DeskNext => "Review the next row",
            Command::DeskPrevious => "Review the row before",
            Command::DeskExtendNext => "Add the next row to the selection",
            Command::DeskExtendPrevious => "Add the row before to the selection",
            Command::DeskSelectAll => "Select every row shown",
            Command::DeskOpenInEditor => "Open the story under review in the editor",
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
    // No shortcut: Ctrl+I is italic, as in every editor, and an import replaces the story.
    spec(Command::ImportNinjs, "Import ninjs…", &[]),
    scoped(
        Scope::Body,
        Command::FormatBold,
        "Bold",
        &[key(CMD, Key::B)],
    ),
    scoped(
        Scope::Body,
        Command::FormatItalic,
        "Italic",
        &[key(CMD, Key::I)],
    ),
    scoped(
        Scope::Body,
        Command::FormatLink,
        "Link",
        &[key(CMD, Key::K)],
    ),
    scoped(Scope::Body, Command::FormatSubhead, "Subheading", &[]),
    scoped(Scope::Body, Command::FormatQuote, "Quotation", &[]),
    scoped(Scope::Body, Command::FormatList, "List", &[]),
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
    scoped(Scope::Editor, Command::Find, "Find…", &[key(CMD, Key::F)]),
    scoped(
        Scope::Editor,
        Command::Replace,
        "Replace…",
        &[key(CMD, Key::H)],
    ),
    scoped(
        Scope::Editor,
        Command::ToggleMetadata,
        "Metadata panel",
        &[key(CMD_SHIFT, Key::M)],
    ),
    spec(
        Command::TogglePreview,
        "Preview panel",
        &[key(CMD_SHIFT, Key::P)],
    ),
    scoped(
        Scope::Editor,
        Command::ToggleHistory,
        "History",
        &[key(CMD_SHIFT, Key::H)],
    ),
    spec(
        Command::ToggleComments,
        "Comments",
        &[key(CMD_SHIFT, Key::K)],
    ),
    spec(
        Command::AddComment,
        "Comment on Selection…",
        &[key(CMD_ALT, Key::M)],
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
    spec(Command::ToggleGrammar, "Check grammar", &[]),
    spec(Command::ChooseDeskStyle, "Desk style folder…", &[]),
    spec(Command::UseSampleStyle, "Copydesk's sample style", &[]),
    spec(Command::ForgetStyle, "No house style", &[]),
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
    spec(Command::OpenSiteDesk, "Open WordPress Site as Desk…", &[]),
    spec(Command::Desk, "Desk view", &[key(CMD, Key::D)]),
    spec(
        Command::RefreshDesk,
        "Refresh the desk",
        &[key(Modifiers::NONE, Key::F5)],
    ),
    scoped(
        Scope::Table,
        Command::DeskNext,
        "Next row",
        &[key(Modifiers::NONE, Key::ArrowDown)],
    ),
    scoped(
        Scope::Table,
        Command::DeskPrevious,
        "Row before",
        &[key(Modifiers::NONE, Key::ArrowUp)],
    ),
    scoped(
        Scope::Table,
        Command::DeskExtendNext,
        "Extend the selection down",
        &[key(Modifiers::SHIFT, Key::ArrowDown)],
    ),
    scoped(
        Scope::Table,
        Command::DeskExtendPrevious,
        "Extend the selection up",
        &[key(Modifiers::SHIFT, Key::ArrowUp)],
    ),
    scoped(
        Scope::Table,
        Command::DeskSelectAll,
        "Select All Shown",
        &[key(CMD, Key::A)],
    ),
    scoped(Scope::Table, Command::DeskSelectNone, "Select None", &[]),
    scoped(
        Scope::Editor,
        Command::PublishWordPress,
        "Publish to WordPress…",
        &[],
    ),
    spec(Command::OpenFromWordPress, "Open from WordPress…", &[]),
    scoped(
        Scope::Table,
        Command::DeskOpenInEditor,
        "Open in Editor",
        &[key(Modifiers::NONE, Key::Enter)],
    ),
];

/// A row heard everywhere.
const fn spec(
    command: Command,
    label: &'static str,
    shortcuts: &'static [KeyboardShortcut],
) -> CommandSpec {
    CommandSpec {
        command,
        label,
        shortcuts,
        scope: Scope::Window,
    }
}

/// A row heard only in `scope`.
const fn scoped(
    scope: Scope,
    command: Command,
    label: &'static str,
    shortcuts: &'static [KeyboardShortcut],
) -> CommandSpec {
    CommandSpec {
        scope,
        ..spec(command, label, shortcuts)
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

/// Takes this frame's shortcut keys heard in `view` and returns the commands they run, in
/// the order pressed. Longer chords are tried first, so Cmd+Shift+S is Save As and not Save.
/// The desk's table keys are heard only while no text field has the keyboard (the arrows
/// and Enter belong to the field then).
pub fn take_shortcuts(ctx: &egui::Context, view: View) -> Vec<Command> {
    let typing = ctx.egui_wants_keyboard_input();
    let in_body = ctx.memory(|m| m.has_focus(super::editor::body_id()));
    let heard = |scope: Scope| match scope {
        Scope::Window => true,
        Scope::Editor => view == View::Editor,
        Scope::Table => view == View::Desk && !typing,
        Scope::Body => view == View::Editor && in_body,
    };
    let mut table: Vec<(KeyboardShortcut, Command)> = COMMANDS
        .iter()
        .filter(|s| heard(s.scope))
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

    #[test]
    fn every_command_has_exactly_one_row() {
        // `Command::ALL` is made with the enum itself: a command added without a row fails
        // here, and so does a row given twice.
        for c in Command::ALL {
            let rows = COMMANDS.iter().filter(|s| s.command == *c).count();
            assert_eq!(rows, 1, "{c:?} has {rows} rows in COMMANDS");
        }
        assert_eq!(COMMANDS.len(), Command::ALL.len());
    }

    /// The modifiers a shortcut really needs on a system: `COMMAND` is Cmd on macOS and
    /// Ctrl elsewhere.
    fn on(mac: bool, k: KeyboardShortcut) -> (bool, bool, bool, bool, Key) {
        let m = k.modifiers;
        let ctrl = m.ctrl || (m.command && !mac);
        let cmd = m.mac_cmd || (m.command && mac);
        (ctrl, cmd, m.alt, m.shift, k.logical_key)
    }

    #[test]
    fn no_two_commands_heard_at_once_share_a_shortcut_on_any_system() {
        for mac in [false, true] {
            for (i, a) in COMMANDS.iter().enumerate() {
                for b in &COMMANDS[i + 1..] {
                    if !a.scope.overlaps(b.scope) {
                        continue;
                    }
                    for ka in a.shortcuts {
                        for kb in b.shortcuts {
                            assert_ne!(
                                on(mac, *ka),
                                on(mac, *kb),
                                "{:?} and {:?} share a shortcut (macOS: {mac})",
                                a.command,
                                b.command
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_clash_check_sees_a_clash() {
        // The check above is only as good as `on`: Ctrl+Z and Cmd+Z are one shortcut on
        // Linux and Windows, two on macOS.
        let ctrl_z = key(Modifiers::CTRL, Key::Z);
        let cmd_z = key(CMD, Key::Z);
        assert_eq!(on(false, ctrl_z), on(false, cmd_z));
        assert_ne!(on(true, ctrl_z), on(true, cmd_z));
        assert!(Scope::Window.overlaps(Scope::Table));
        assert!(!Scope::Editor.overlaps(Scope::Table));
    }

    #[test]
    fn the_desks_keys_are_in_the_table() {
        let table_keys: Vec<Command> = COMMANDS
            .iter()
            .filter(|s| s.scope == Scope::Table && !s.shortcuts.is_empty())
            .map(|s| s.command)
            .collect();
        for c in [
            Command::DeskNext,
            Command::DeskPrevious,
            Command::DeskExtendNext,
            Command::DeskExtendPrevious,
            Command::DeskSelectAll,
            Command::DeskOpenInEditor,
        ] {
            assert!(table_keys.contains(&c), "{c:?}");
        }
    }
}
