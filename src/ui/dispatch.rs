//! The window's one dispatcher: the frame's [`Action`]s from the panes of either view (the
//! editor's, or the desk review's) and the commands of the command table, carried out in
//! order after the panes have drawn. Edits, undo and redo go to the story in focus
//! ([`CopydeskApp::story_in_focus`]).

use std::path::Path;

use copydesk_core::field::Field;

use super::commands::{self, Command};
use super::*;

impl CopydeskApp {
    pub(super) fn window_events(&mut self, ctx: &egui::Context, out: &mut Vec<Action>) {
        // An open spelling menu has the arrows and Enter, not the field under it.
        self.view.spelling.take_keys(ctx);
        let focused = ctx.input(|i| i.focused);
        if focused && !self.view.focused {
            // Back from another program: someone may have changed the file meanwhile.
            self.state.check_disk();
        }
        self.view.focused = focused;
        if ctx.input(|i| i.viewport().close_requested()) && !self.state.quit_confirmed {
            self.state.request(Intent::Quit);
            if !self.state.quit_confirmed {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            }
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped.into_iter().find_map(|f| {
            let p = f.path().to_path_buf();
            (!p.as_os_str().is_empty()).then_some(p)
        }) {
            out.push(Action::Intent(Intent::OpenPath(path)));
        }
        let modal = self.state.prompt.is_some()
            || self.state.notice.is_some()
            || self.state.path_entry.is_some();
        if !modal {
            out.extend(
                commands::take_shortcuts(ctx, commands::View::Editor)
                    .into_iter()
                    .map(Action::Command),
            );
            // Escape first closes whatever popup is open (egui does that as it draws the
            // popup); only with none open does it close the find bar or a help window.
            // Checked before drawing, while the popup is still remembered as open.
            if !egui::Popup::is_any_open(ctx) && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
                out.push(Action::Command(Command::Dismiss));
            }
        }
    }

    /// Carries out the frame's actions, in order.
    pub fn perform(&mut self, ctx: &egui::Context, actions: Vec<Action>) {
        for action in actions {
            self.perform_one(ctx, action);
        }
    }

    /// The story the panes on screen edit: the review's while the desk shows one (none
    /// while no row is under review), else the editor's. Every edit a pane sends, and undo
    /// and redo, go to it — the one controller for both views.
    pub fn story_in_focus(&mut self) -> Option<&mut Story> {
        match self.desk.as_mut() {
            Some(desk) => desk.review.as_mut(),
            None => Some(&mut self.state.story),
        }
    }

    /// Applies a change to the comments of the story in focus, signed with the user's name,
    /// as one edit Undo takes back.
    pub(super) fn comment(&mut self, change: copydesk_core::comments::Change) {
        let author = self.state.your_name();
        let Some(story) = self.story_in_focus() else {
            return;
        };
        let Some(list) =
            copydesk_core::comments::changed(story.article(), change, &author, chrono::Utc::now())
        else {
            return;
        };
        story.break_undo_group();
        story.apply(Edit::SetComments(list));
        story.break_undo_group();
    }

    /// Replace All: every match in the story in focus, one edit Undo takes back, and the
    /// status bar says how many and where.
    pub(super) fn replace_all(&mut self, query: String, replacement: String, match_case: bool) {
        let Some(story) = self.story_in_focus() else {
            return;
        };
        let article = story.article();
        let hits = copydesk_core::find::find_in_fields(article, &query, match_case);
        let in_body = copydesk_core::find::find_all(&article.body, &query, match_case).len();
        if hits.is_empty() && in_body == 0 {
            return;
        }
        story.break_undo_group();
        story.apply(Edit::ReplaceAll {
            query,
            replacement,
            match_case,
        });
        story.break_undo_group();
        self.state.say_until_change(format!(
            "Replaced {}. Undo takes them all back.",
            copydesk_core::find::describe_replaced(&hits, in_body)
        ));
    }

    /// Starts a comment on the words last selected in the story in focus, or says how.
    pub(super) fn start_comment(&mut self) {
        let started = match self.story_in_focus() {
            Some(story) => {
                let article = story.article().clone();
                self.view.comments.start(&article)
            }
            None => false,
        };
        if !started {
            self.state.info = Some(
                "Select the words to comment on, in the body or a text field, then choose Comment on Selection."
                    .into(),
            );
        }
    }

    /// The metadata panel on screen: the review's in the desk, else the editor's.
    pub(super) fn metadata_view(&mut self) -> &mut metadata::MetadataView {
        if self.desk.is_some() {
            &mut self.view.desk.metadata
        } else {
            &mut self.view.metadata
        }
    }

    /// Carries out one action from a pane of either view: the window's one dispatcher.
    pub(super) fn perform_one(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Edit(edit) => {
                self.view.scripts.look_at(ctx, &edit.new_texts());
                if let Some(story) = self.story_in_focus() {
                    story.apply(edit);
                }
            }
            Action::EndTyping => {
                if let Some(story) = self.story_in_focus() {
                    story.break_undo_group();
                }
            }
            Action::Intent(intent) => self.state.request(intent),
            Action::Command(c) => self.run(ctx, c),
            Action::OpenRecent(path) => self.state.open_recent(path),
            Action::PickImage => match &self.desk {
                Some(desk) => {
                    let folder = desk.review_path().and_then(Path::parent);
                    let folder = folder.map(Path::to_path_buf);
                    self.state.ask_desk_image(folder);
                }
                None => self.state.pick_image(),
            },
            Action::Focus(Field::Body, range) if self.desk.is_none() => {
                self.view.editor.select = Some(range.unwrap_or(0..0));
            }
            Action::Focus(field, at) => {
                self.view.prefs.show_metadata = true;
                self.metadata_view().focus(field, at);
            }
            Action::SelectBody(range) => self.view.editor.select = Some(range),
            Action::ShowMatch(range) => self.view.editor.show = Some(range),

            Action::CloseFind => self.close_find(),
            Action::OpenSpellMenu(miss, at) => self.view.spelling.open(ctx, miss, at),
            Action::AddWord(kind, word) => {
                self.state.add_word(kind, &word);
                self.lists_changed();
            }
            Action::IgnoreWord(word) => {
                if let Some(story) = self.story_in_focus() {
                    crate::app::word_lists::ignore_word(story, &word);
                }
            }
            Action::IgnoreFinding(rule, words) => {
                if let Some(story) = self.story_in_focus() {
                    crate::app::word_lists::ignore_finding(story, &rule, &words);
                }
            }
            Action::ShowAnchor(id) => {
                let anchors = copydesk_core::markup::anchors(&self.state.story.article().body);
                if let Some((_, range)) = anchors.into_iter().find(|(a, _)| *a == id) {
                    self.view.editor.select = Some(range);
                }
            }
            Action::Answer(choice) => self.state.answer(choice),
            Action::DismissNotice => self.state.notice = None,
            Action::PathEntry(true) => self.state.confirm_path_entry(),
            Action::PathEntry(false) => self.state.path_entry = None,
            Action::SetTheme(theme) => {
                self.view.prefs.theme = theme;
                self.apply_theme(ctx);
            }
            Action::SetDateStyle(style) => {
                self.state.settings.house_style.date_style = style;
                self.state.invalidate();
                self.lists_changed();
            }
            Action::RestoreRecovered(id) => self.state.restore_recovered(&id),
            Action::RestoreInNewWindow(id) => self.state.recover_in_new_window(&id),
            Action::DiscardRecovered(id) => self.state.discard_recovered(&id),
            Action::ReloadTheirs => {
                self.state.reload_theirs();
                self.view.safety.compare_open = false;
            }
            Action::TakeTheirsField(field) => self.state.take_theirs_field(field),
            Action::ChooseVersion(id) => self.view.versions.chosen = Some(id),
            Action::CompareVersionWith(against) => self.view.versions.against = Some(against),
            Action::RestoreVersion(id, what) => {
                self.state.restore_version(&self.view.versions, &id, what);
            }
            Action::SetYourName(name) => self.state.set_your_name(&name),
            Action::Comment(change) => self.comment(change),
            Action::ReplaceAll {
                query,
                replacement,
                match_case,
            } => self.replace_all(query, replacement, match_case),
            Action::KeepMine => {
                self.state.keep_mine();
                self.view.safety.compare_open = false;
            }
            Action::Publish { force } => self.state.start_publishing(force),
            Action::TakeTheirsFromSite => self.state.take_theirs_from_site(),
            Action::CancelPublishConflict => {
                self.state.publishing.conflict = None;
                self.state.publishing.steps.clear();
                self.state.info =
                    Some("Nothing was sent: the post on the site is as they left it.".into());
            }
            Action::ListPosts => self.state.list_posts(),
            Action::OpenPost(id) => self.state.request(Intent::OpenPost(id)),
            Action::ForgetPassword => self.state.forget_password(),
            Action::CancelPublish => self.state.publishing.cancel(),
        }
    }

    /// The word lists, the spelling switch or the house style changed: the desk's review
    /// takes them too.
    pub(super) fn lists_changed(&mut self) {
        let kit = self.state.kit();
        if let Some(desk) = self.desk.as_mut() {
            desk.set_kit(kit);
        }
    }

    /// Undo (or redo) in the story in focus; the text it changed is selected again, in the
    /// body or in its metadata field, so the cursor goes back to where the change was.
    pub(super) fn undo_redo(&mut self, redo: bool) {
        let Some(story) = self.story_in_focus() else {
            return;
        };
        story.break_undo_group();
        let changed = if redo { story.redo() } else { story.undo() };
        let Some(Selection { field, range }) = changed else {
            return;
        };
        let field = Field::from(field);
        if field == Field::Body && self.desk.is_none() {
            self.view.editor.select = Some(range);
        } else {
            self.metadata_view().focus(field, Some(range));
        }
    }

    /// Formats the words selected in the body (or the word or lines at its cursor): the
    /// markup changes as one edit, one undo step, and the formatted words stay selected.
    fn format_body(&mut self, ctx: &egui::Context, command: Command) {
        use copydesk_core::markup::format::{self, Inline, Lines};
        let body = self.state.story.article().body.as_str();
        // The selection as the body last had it with the keyboard: a click on the
        // formatting bar takes the keyboard from the body, and egui's own state may already
        // have let the selection go.
        let selection = self
            .view
            .editor
            .selection
            .clone()
            .map(|r| editor::char_to_byte(body, r.start)..editor::char_to_byte(body, r.end))
            .unwrap_or(body.len()..body.len());
        let change = match command {
            Command::FormatBold => format::toggle_inline(body, selection, Inline::Bold),
            Command::FormatItalic => format::toggle_inline(body, selection, Inline::Italic),
            Command::FormatLink => format::link(body, selection),
            Command::FormatSubhead => Ok(format::toggle_lines(body, selection, Lines::Subhead)),
            Command::FormatQuote => Ok(format::toggle_lines(body, selection, Lines::Quote)),
            _ => Ok(format::toggle_lines(body, selection, Lines::List)),
        };
        match change {
            Ok(change) => {
                let select = change.select.clone();
                self.perform_one(
                    ctx,
                    Action::Edit(Edit::Splice {
                        field: copydesk_core::field::TextField::Body,
                        range: change.range,
                        text: change.text,
                    }),
                );
                self.state.story.break_undo_group();
                self.view.editor.select = Some(select);
            }
            Err(why) => {
                let mut why = why.to_string();
                if let Some(first) = why.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                self.state.info = Some(format!("{why}."));
            }
        }
    }

    /// Runs a command from the table.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        // A command ends any burst of typing: what follows is a new undo step.
        if let Some(story) = self.story_in_focus() {
            story.break_undo_group();
        }
        let s = &mut self.state;
        match command {
            Command::New => s.request(Intent::New),
            Command::Open => s.request(Intent::Open),
            Command::Save => {
                s.save();
            }
            Command::SaveAs => s.save_as(),
            Command::Revert => s.revert(),
            Command::ShowRecovery => self.view.safety.recovery_open = true,
            Command::PublishWordPress => s.open_publishing(),
            Command::OpenFromWordPress => s.open_browsing(),
            Command::ImportNinjs => s.request(Intent::ImportNinjs),
            Command::FormatBold
            | Command::FormatItalic
            | Command::FormatLink
            | Command::FormatSubhead
            | Command::FormatQuote
            | Command::FormatList => self.format_body(ctx, command),
            Command::ExportHtml => s.export_html(),
            Command::ExportNinjs => s.export_ninjs(),
            Command::OpenInBrowser => {
                if let Some(path) = s.html_for_browser() {
                    ctx.open_url(egui::OpenUrl::new_tab(format!("file://{}", path.display())));
                }
            }
            Command::Quit => s.request(Intent::Quit),
            Command::Undo => self.undo_redo(false),
            Command::Redo => self.undo_redo(true),
            Command::Find => self.view.editor.find.open(false),
            Command::Replace => self.view.editor.find.open(true),
            Command::ToggleMetadata => self.view.prefs.show_metadata ^= true,
            Command::TogglePreview => self.view.prefs.show_preview ^= true,
            Command::ToggleHistory => s.toggle_history(&mut self.view.versions),
            Command::ToggleComments => self.view.comments.open ^= true,
            Command::AddComment => self.start_comment(),
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::ShowShortcuts => self.view.help = HelpWindow::Shortcuts,
            Command::ShowMarkupGuide => self.view.help = HelpWindow::Markup,
            Command::ToggleSpelling => {
                let on = !s.settings.spelling.enabled;
                s.set_spelling(on);
                self.lists_changed();
            }
            Command::ChooseDeskDictionary => s.pick_desk_dictionary(),
            Command::ForgetDeskDictionary => {
                s.set_desk_dictionary(None);
                self.lists_changed();
            }
            Command::SpellingSuggestions => self.view.spelling.wanted = true,
            Command::ToggleGrammar => {
                let on = !s.settings.spelling.grammar;
                s.set_grammar(on);
                self.lists_changed();
            }
            Command::ChooseDeskStyle => s.pick_desk_style(),
            Command::UseSampleStyle => {
                s.set_style_book(crate::app::grammar::StyleBook::Sample);
                self.lists_changed();
            }
            Command::ForgetStyle => {
                s.set_style_book(crate::app::grammar::StyleBook::None);
                self.lists_changed();
            }
            Command::OpenDeskFolder
            | Command::OpenSiteDesk
            | Command::Desk
            | Command::RefreshDesk
            | Command::DeskNext
            | Command::DeskPrevious
            | Command::DeskExtendNext
            | Command::DeskExtendPrevious
            | Command::DeskSelectAll
            | Command::DeskSelectNone
            | Command::DeskOpenInEditor => {
                desk::run(self, ctx, command);
            }
            Command::Dismiss => {
                if self.view.spelling.is_open() {
                    self.view.spelling.close();
                } else if self.view.help != HelpWindow::Closed {
                    self.view.help = HelpWindow::Closed;
                } else if self.view.versions.open {
                    self.view.versions.open = false;
                } else if self.view.comments.open {
                    self.view.comments.open = false;
                    self.view.comments.draft = None;
                } else if self.view.editor.find.is_open() {
                    self.close_find();
                }
            }
        }
    }

    /// Closes the find bar; the match last gone to is selected in the body, with the
    /// keyboard there, so typing carries on from it.
    pub(super) fn close_find(&mut self) {
        let revision = self.state.story.body_revision();
        let find = &mut self.view.editor.find;
        if let Some(m) = find.current_match(&self.state.story.article().body, Some(revision)) {
            self.view.editor.select = Some(m);
        }
        find.close();
    }
}
