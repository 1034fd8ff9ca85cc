//! Input and focus: what a terminal event means where the user is (the keymap context),
//! which pane has the keys, which item the editor shows, and what a click or the wheel
//! selects.

use std::time::Instant;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use super::action::{Action, Msg};
use super::app::{App, Focus};
use super::cmd::Cmd;
use super::keymap::Context;
use super::panes::item_editor::ItemEditor;
use super::panes::outline::Row;
use super::screen::contains;
use crate::model::history::{Op, item_at};

impl App {
    /// The keymap context of where the user is.
    pub fn context(&self) -> Context {
        match (self.top(), self.view.focus) {
            (Some(layer), _) => layer.context(),
            (None, Focus::Pool) if self.view.pool.filtering => Context::Filter,
            (None, Focus::Pool) => Context::Pool,
            (None, Focus::Outline) => Context::Outline,
            (None, Focus::Editor) if self.view.editing => Context::Editor,
            (None, Focus::Editor) => Context::Reading,
        }
    }

    /// The keys the status bar offers here, most important first: the keymap's order for
    /// the context, fitted to the state (Esc clears a kept filter; nothing to place in an
    /// empty pool, but the rows of a pool still being read are there to place), each
    /// action once.
    pub fn hints(&self) -> Vec<(String, String)> {
        let ctx = self.context();
        let pool = &self.view.pool;
        // While the pool is read its rows come from the index: there is something to
        // place (the key waits for the items).
        let pooled = !pool.view().is_empty() || self.doc.pool_preview().is_some_and(|rows| !rows.is_empty());
        let mut seen = Vec::new();
        self.env
            .keymap
            .hints(ctx, self.env.lang)
            .into_iter()
            .filter(|(action, _, _)| match (ctx, action) {
                (Context::Pool, Action::Cancel) => !pool.filter.is_empty(),
                (Context::Pool, Action::Place | Action::Edit | Action::DeleteItem) => pooled,
                // Over a layer, moving between the panes beneath is not what is on offer.
                (_, Action::FocusNext | Action::FocusPrev) => self.top().is_none(),
                _ => true,
            })
            .filter(|(action, _, _)| {
                let fresh = !seen.contains(action);
                seen.push(*action);
                fresh
            })
            // The bar is short of room: the words without their parenthesis.
            .map(|(_, key, words)| {
                (key, words.split(['（', '(']).next().unwrap_or("").trim_end().to_string())
            })
            .collect()
    }

    /// What a terminal event means here: a named action through the keymap, or text, a
    /// paste, the mouse, a new size.
    pub fn route(&self, event: Event) -> Option<Msg> {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Release => None,
            Event::Key(key) => Some(match self.env.keymap.action_for(self.context(), &key) {
                Some(Action::None) => return None,
                Some(action) => Msg::Do(action),
                None => Msg::Type(key),
            }),
            Event::Paste(text) => Some(Msg::Paste(text)),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click { column: m.column, row: m.row }),
                MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Msg::Wheel {
                    column: m.column,
                    row: m.row,
                    down: m.kind == MouseEventKind::ScrollDown,
                }),
                _ => None,
            },
            Event::Resize(width, height) => Some(Msg::Resize { width, height }),
            _ => None,
        }
    }

    /// A terminal event at `now`: routed, then stepped.
    pub fn input(&mut self, event: Event, now: Instant) {
        if let Some(msg) = self.route(event) {
            self.step(msg, now);
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        let areas = self.areas();
        if contains(areas.pool, column, row) {
            self.set_focus(Focus::Pool);
            if let Some(k) = self.view.pool.hit(areas.pool, row) {
                self.view.pool.sel = k;
            }
        } else if contains(areas.outline, column, row) {
            self.set_focus(Focus::Outline);
            if let Some(r) = self.view.outline.hit(self.doc.issue(), areas.outline, row) {
                self.view.outline.sel = r;
            }
        } else if contains(areas.editor, column, row) {
            let hit = self.view.editor.hit(areas.editor, self.env.lang, column, row);
            if hit.is_some() {
                // A click in a field is a choice to type there.
                self.start_editing();
            } else {
                self.set_focus(Focus::Editor);
            }
            if let (Some((field, r, c)), Some(ed)) = (hit, &mut self.view.editor.ed) {
                ed.click(field, r, c);
            }
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let areas = self.areas();
        let step = if down { 3 } else { -3 };
        if contains(areas.pool, column, row) {
            self.view.pool.sel = super::panes::moved(self.view.pool.sel, step, self.view.pool.view().len());
        } else if contains(areas.outline, column, row) {
            let rows = super::panes::outline::rows(self.doc.issue());
            let k = rows.iter().position(|r| *r == self.view.outline.sel).unwrap_or(0);
            self.view.outline.sel = rows[super::panes::moved(k, step, rows.len())];
        } else if contains(areas.editor, column, row)
            && let Some(ed) = &mut self.view.editor.ed
        {
            ed.scroll(step as i16);
        }
    }

    pub fn set_focus(&mut self, focus: Focus) {
        if self.view.focus == Focus::Editor && focus != Focus::Editor {
            self.commit_editor();
        }
        if focus != Focus::Editor {
            self.view.list_focus = focus;
            self.view.pool.filtering = false;
            self.view.editing = false;
        }
        self.view.focus = focus;
        self.sync_editor();
        let typing = self.typing();
        if let Some(ed) = &mut self.view.editor.ed {
            ed.set_active(typing);
        }
    }

    /// Focus the editor pane and type in it.
    pub(super) fn start_editing(&mut self) {
        self.view.editing = true;
        self.set_focus(Focus::Editor);
    }

    /// Whether keys go into the item's text.
    pub fn typing(&self) -> bool {
        self.view.focus == Focus::Editor && self.view.editing
    }

    /// A message for the editor pane while it is read, not edited: Enter starts editing,
    /// Esc goes back, the arrows scroll; a typed key or a paste changes nothing and says
    /// how to edit.
    pub(super) fn read(&mut self, msg: &Msg) -> Option<Vec<Cmd>> {
        let page = (self.areas().editor.height.saturating_sub(8)).max(1) as i16;
        let ed = self.view.editor.ed.as_mut()?;
        match msg {
            Msg::Do(Action::Edit) => return Some(vec![Cmd::Edit]),
            Msg::Do(Action::Leave) => return Some(vec![Cmd::Focus(self.view.list_focus)]),
            Msg::Do(Action::Up) => ed.scroll(-1),
            Msg::Do(Action::Down) => ed.scroll(1),
            Msg::Do(Action::PageUp) => ed.scroll(-page),
            Msg::Do(Action::PageDown) => ed.scroll(page),
            Msg::Type(_) | Msg::Paste(_) => {
                return Some(vec![Cmd::Say(crate::tui::msg::Message::NotEditing)]);
            }
            _ => return None,
        }
        Some(vec![])
    }

    /// Make the editor's changes part of the document (one undoable step).
    pub(super) fn commit_editor(&mut self) {
        let Some(ed) = &self.view.editor.ed else { return };
        if !ed.is_modified() || self.doc.read_only {
            return;
        }
        let after = ed.item();
        let Some(loc) = self.doc.locate(&ed.id) else { return };
        let Some(before) = item_at(&self.doc.model, loc).cloned() else { return };
        if before != after {
            let op = Op::EditItem { at: loc, before: Box::new(before), after: Box::new(after.clone()) };
            if let Err(e) = self.doc.commit(vec![op]) {
                tracing::error!("the editor's text did not fit the document: {}", e.0);
                return;
            }
        }
        if let Some(ed) = &mut self.view.editor.ed {
            ed.committed(&after);
        }
    }

    /// The id of the item the editor should show.
    pub(super) fn current_id(&self) -> Option<String> {
        match self.view.list_focus {
            Focus::Pool => self.view.pool.selected().map(|k| self.doc.pool()[k].id.clone()),
            _ => match self.view.outline.sel {
                Row::Item(pos) => self.doc.issue().item(pos).map(|i| i.id.clone()),
                _ => None,
            },
        }
    }

    /// Load the current item into the editor, unless it already shows it.
    pub(super) fn sync_editor(&mut self) {
        let editor = &mut self.view.editor.ed;
        if self.view.list_focus == Focus::Pool
            && let Some(item) = self.doc.preview_item()
        {
            // The pool is still being read: show its newest item, read on its own.
            if !editor.as_ref().is_some_and(|ed| ed.shows(item)) {
                *editor = Some(ItemEditor::new(item));
            }
            return;
        }
        let want = self.current_id();
        let item =
            want.as_deref().and_then(|id| self.doc.locate(id)).and_then(|loc| item_at(&self.doc.model, loc));
        let editor = &mut self.view.editor.ed;
        match (item, editor.as_ref()) {
            (Some(item), Some(ed)) if ed.shows(item) => {}
            (Some(item), _) => {
                let field = editor.as_ref().filter(|e| e.id == item.id).map(|e| e.focus);
                let mut ed = ItemEditor::new(item);
                if let Some(f) = field {
                    ed.focus_field(f);
                }
                ed.set_active(self.view.focus == Focus::Editor && self.view.editing);
                *editor = Some(ed);
            }
            (None, _) => *editor = None,
        }
    }

    /// Select an outline row (as a click does).
    pub fn select_row(&mut self, row: Row) {
        self.commit_editor();
        self.view.outline.sel = row;
        self.after_change();
    }
}
