//! The editor's state and its one entry, `step`: a message in (a key through the keymap, a
//! paste, the mouse, a new size, a background result), the focused layer or pane turns it
//! into commands, the app carries them out — model changes as undoable steps, file I/O
//! through the effect runner — and the screen is drawn again from the state. The app
//! routes; the panes and layers decide.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::action::{Action, Msg};
use super::cmd::{Cmd, Select, Step};
use super::config::Dirs;
use super::effect::{self, Effect};
use super::keymap::{Context, Keymap};
use super::layers::{Confirm, ConfirmKind, Cx, Layer, Reply};
use super::msg::Message;
use super::panes::editor::EditorPane;
use super::panes::item_editor::ItemEditor;
use super::panes::outline::{OutlinePane, Row};
use super::panes::pool::PoolPane;
use super::screen::{Areas, contains};
use super::theme::Theme;
use crate::lang::Lang;
use crate::model::history::{Loc, Op, item_at};
use crate::store::recovery::Snapshot;
use crate::store::session::{ReadOnly, Session};

/// How soon after a change its recovery file is written: typing lost to a crash or a
/// kill is at most this (plus the time to write).
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(1);

/// Sends a message back into the event loop from another thread (a background result).
pub type Notify = Arc<dyn Fn(Msg) + Send + Sync>;

/// What stays when another issue is opened: language, keys, theme, folders.
pub struct Env {
    pub lang: Lang,
    pub keymap: Keymap,
    pub theme: Theme,
    pub dirs: Dirs,
    pub notify: Notify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Pool,
    Outline,
    Editor,
}

/// Figures for the status bar, made once per change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub rev: u64,
    pub issue_zi: usize,
    pub pages: usize,
    /// Not counted yet (the first frame of a long issue): shown as …
    pub pending: bool,
}

/// The recovery file's clock and what it holds.
#[derive(Default)]
pub(super) struct Recovery {
    /// When it is next due (set by the first change after the last write).
    pub due: Option<Instant>,
    /// What it holds now (`None`: no file of ours).
    pub written: Option<Snapshot>,
    /// What the write under way will hold.
    pub pending: Option<Option<Snapshot>>,
    /// The file that holds `written`.
    pub file: Option<std::path::PathBuf>,
    /// A failed write was reported (once, not at every keystroke).
    pub error_shown: bool,
}

/// Everything about the open document's screen: made anew when another issue is opened.
pub struct View {
    pub focus: Focus,
    /// The list whose selection the editor shows.
    pub list_focus: Focus,
    pub pool: PoolPane,
    pub outline: OutlinePane,
    pub editor: EditorPane,
    pub layers: Vec<Layer>,
    pub status: Option<Message>,
    pub stats: Stats,
    /// The change whose figures are being made on another thread.
    pub(super) stats_job: Option<u64>,
    pub(super) recovery: Recovery,
    pub quit: bool,
    /// The first frame is drawn (the pool may be read).
    pub(super) drawn: bool,
}

impl View {
    fn new(doc: &Session) -> View {
        View {
            focus: Focus::Pool,
            list_focus: Focus::Pool,
            pool: PoolPane::default(),
            outline: OutlinePane::new(doc.issue()),
            editor: EditorPane::default(),
            layers: Vec::new(),
            status: None,
            stats: Stats { rev: u64::MAX, pending: true, ..Stats::default() },
            stats_job: None,
            recovery: Recovery::default(),
            quit: false,
            drawn: false,
        }
    }
}

pub struct App {
    pub(super) env: Env,
    pub(super) doc: Session,
    pub(super) view: View,
    pub(super) screen: Rect,
}

impl App {
    pub fn new(doc: Session, env: Env, screen: Rect) -> App {
        let view = View::new(&doc);
        let mut app = App { env, doc, view, screen };
        app.after_change();
        app.show_notices();
        app
    }

    /// Put another document in place of this one (the old one, and its lock, go first).
    pub(super) fn replace(&mut self, doc: Session) {
        self.doc = doc;
        self.view = View::new(&self.doc);
        self.after_change();
        self.show_notices();
    }

    // ----- what tests and the drawing read -------------------------------------------

    pub fn doc(&self) -> &Session {
        &self.doc
    }

    pub fn env(&self) -> &Env {
        &self.env
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn focus(&self) -> Focus {
        self.view.focus
    }

    pub fn editor(&self) -> Option<&ItemEditor> {
        self.view.editor.ed.as_ref()
    }

    pub fn top(&self) -> Option<&Layer> {
        self.view.layers.last()
    }

    pub fn status(&self) -> Option<&Message> {
        self.view.status.as_ref()
    }

    pub fn quit(&self) -> bool {
        self.view.quit
    }

    pub fn recovery_due(&self) -> Option<Instant> {
        self.view.recovery.due
    }

    pub fn screen(&self) -> Rect {
        self.screen
    }

    /// Whether anything differs from the files: the document, or the item in the editor.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty() || self.editor().is_some_and(ItemEditor::is_modified)
    }

    pub(super) fn cx(&self) -> Cx<'_> {
        Cx { doc: &self.doc, env: &self.env, screen: self.screen }
    }

    pub fn areas(&self) -> Areas {
        Areas::of(self.screen, self.doc.why_read_only.is_some(), self.view.focus)
    }

    /// The keymap context of where the user is.
    pub fn context(&self) -> Context {
        match (self.top(), self.view.focus) {
            (Some(layer), _) => layer.context(),
            (None, Focus::Pool) if self.view.pool.filtering => Context::Filter,
            (None, Focus::Pool) => Context::Pool,
            (None, Focus::Outline) => Context::Outline,
            (None, Focus::Editor) => Context::Editor,
        }
    }

    // ----- input ---------------------------------------------------------------------

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

    /// The one entry: take `msg` at `now`, carry out what it asks, write the recovery file
    /// if it is due.
    pub fn step(&mut self, msg: Msg, now: Instant) {
        let from_user =
            matches!(msg, Msg::Do(_) | Msg::Type(_) | Msg::Paste(_) | Msg::Click { .. } | Msg::Wheel { .. });
        if from_user {
            // No input is handled on a pool that is still being read.
            if self.doc.wait_pool() {
                self.after_change();
                self.show_notices();
            }
            self.view.status = None;
            if self.view.recovery.due.is_none() && !self.doc.read_only {
                self.view.recovery.due = Some(now + AUTOSAVE_DELAY);
            }
        }
        if !msg.keeps_editing() {
            self.commit_editor();
        }
        let before = self.shape();
        let mut queue = VecDeque::new();
        self.handle(msg, &mut queue);
        self.run(queue);
        // Typing in the editor changes none of this: a keystroke costs the text area only.
        if self.shape() != before {
            self.after_change();
        }
        self.tick(now);
    }

    /// What `after_change` follows: the document's change counter, the selections, the
    /// focus, the filter, the screen.
    fn shape(&self) -> (u64, usize, Row, Focus, Focus, usize, bool, Rect) {
        let v = &self.view;
        (
            self.doc.rev(),
            v.pool.sel,
            v.outline.sel,
            v.focus,
            v.list_focus,
            v.pool.filter.len(),
            v.pool.filtering,
            self.screen,
        )
    }

    /// Wait for a pool still being read (what any key does first).
    pub fn wait_pool(&mut self) {
        if self.doc.wait_pool() {
            self.after_change();
            self.show_notices();
        }
    }

    /// The first frame is on screen: a large pool may now be read (its arrival wakes the
    /// event loop through `notify`).
    pub fn drawn(&mut self) {
        if !self.view.drawn {
            self.view.drawn = true;
            let notify = Arc::clone(&self.env.notify);
            self.doc.release_pool(move || notify(Msg::PoolReady));
        }
    }

    fn handle(&mut self, msg: Msg, queue: &mut VecDeque<Cmd>) {
        match msg {
            Msg::Done(done) => return self.done(*done, queue),
            Msg::PoolReady => {
                if self.doc.poll_pool() {
                    self.after_change();
                    self.show_notices();
                }
                return;
            }
            Msg::StatsReady(stats) => return self.stats_arrived(stats),
            Msg::Resize { width, height } => {
                self.screen = Rect::new(0, 0, width, height);
                return;
            }
            _ => {}
        }
        if let Some(top) = self.view.layers.last_mut() {
            let cx = Cx { doc: &self.doc, env: &self.env, screen: self.screen };
            match top.update(&msg, &cx) {
                Reply::Stay(cmds) => queue.extend(cmds),
                Reply::Close(cmds) => {
                    self.view.layers.pop();
                    queue.extend(cmds);
                }
                Reply::Pass => {
                    if let Msg::Do(action) = msg {
                        self.global(action, queue);
                    }
                }
            }
            return;
        }
        if let Msg::Click { column, row } = msg {
            return self.click(column, row);
        }
        let areas = self.areas();
        let cx = Cx { doc: &self.doc, env: &self.env, screen: self.screen };
        let taken = match self.view.focus {
            Focus::Pool => {
                let at = self.view.outline.place_target(self.doc.issue());
                self.view.pool.update(&msg, &cx, areas.pool, at)
            }
            Focus::Outline => self.view.outline.update(&msg, &cx, areas.outline),
            Focus::Editor => match msg {
                Msg::Do(Action::Leave) => Some(vec![Cmd::Focus(self.view.list_focus)]),
                _ => self.view.editor.update(&msg, self.doc.read_only).then(Vec::new),
            },
        };
        match (taken, msg) {
            (Some(cmds), _) => queue.extend(cmds),
            (None, Msg::Do(action)) => self.global(action, queue),
            (None, Msg::Wheel { column, row, down }) => self.wheel(column, row, down),
            _ => {}
        }
    }

    fn click(&mut self, column: u16, row: u16) {
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
            self.set_focus(Focus::Editor);
            if let (Some((field, r, c)), Some(ed)) = (hit, &mut self.view.editor.ed) {
                ed.click(field, r, c);
            }
        }
    }

    fn wheel(&mut self, column: u16, row: u16, down: bool) {
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

    // ----- commands ------------------------------------------------------------------

    pub(super) fn run(&mut self, mut queue: VecDeque<Cmd>) {
        while let Some(cmd) = queue.pop_front() {
            match cmd {
                Cmd::Step(step) => self.apply(step),
                Cmd::Effect(e) => {
                    let done = effect::run(e, &mut self.doc, &self.env.dirs);
                    self.done(done, &mut queue);
                }
                Cmd::Push(layer) => self.view.layers.push(layer),
                Cmd::Focus(f) => self.set_focus(f),
                Cmd::Say(m) => self.view.status = Some(m),
                Cmd::Restore(rec) => self.restore(*rec),
                Cmd::Leave(then) => self.leave(then, &mut queue),
                Cmd::Discard(then) => {
                    queue.push_front(Cmd::Effect(Effect::DiscardRecovery));
                    self.view.recovery = Recovery::default();
                    self.then(then, &mut queue);
                }
                Cmd::Quit => self.view.quit = true,
            }
        }
    }

    /// Apply an undoable step, then select what it says.
    fn apply(&mut self, step: Step) {
        if step.ops.is_empty() {
            return;
        }
        if let Err(e) = self.doc.commit(step.ops) {
            tracing::error!("a step did not fit the document: {}", e.0);
            self.view.status = Some(Message::NotDone);
            return;
        }
        match step.select {
            Select::Keep => {}
            Select::Item(id) => {
                if let Some(Loc::Issue(pos)) = self.doc.locate(&id) {
                    self.view.outline.sel = Row::Item(pos);
                }
            }
            Select::Section(s) => {
                self.view.outline.sel = Row::Section(s.min(self.doc.issue().sections.len().saturating_sub(1)))
            }
            Select::Masthead => self.view.outline.sel = Row::Masthead,
            Select::Pooled(id) => {
                self.view.pool.select_id(&self.doc, &id);
                self.set_focus(Focus::Pool);
            }
            Select::EditPooled(id) => {
                self.view.pool.select_id(&self.doc, &id);
                self.view.list_focus = Focus::Pool;
                self.after_change();
                self.set_focus(Focus::Editor);
            }
        }
        if let Some(m) = step.say {
            self.view.status = Some(m);
        }
    }

    pub fn set_focus(&mut self, focus: Focus) {
        if self.view.focus == Focus::Editor && focus != Focus::Editor {
            self.commit_editor();
        }
        if focus != Focus::Editor {
            self.view.list_focus = focus;
            self.view.pool.filtering = false;
        }
        self.view.focus = focus;
        self.sync_editor();
        if let Some(ed) = &mut self.view.editor.ed {
            ed.set_active(focus == Focus::Editor);
        }
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
    fn current_id(&self) -> Option<String> {
        match self.view.list_focus {
            Focus::Pool => self.view.pool.selected().map(|k| self.doc.pool()[k].id.clone()),
            _ => match self.view.outline.sel {
                Row::Item(pos) => self.doc.issue().item(pos).map(|i| i.id.clone()),
                _ => None,
            },
        }
    }

    /// Load the current item into the editor, unless it already shows it.
    fn sync_editor(&mut self) {
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
                ed.set_active(self.view.focus == Focus::Editor);
                *editor = Some(ed);
            }
            (None, _) => *editor = None,
        }
    }

    /// After any change to the document or the selection: selections valid and visible,
    /// the pool filtered, the editor on the current item, the figures counted.
    pub(super) fn after_change(&mut self) {
        self.view.pool.refresh(&self.doc);
        self.view.outline.keep_valid(self.doc.issue());
        self.sync_editor();
        let areas = self.areas();
        self.view.pool.keep_visible(areas.pool);
        self.view.outline.keep_visible(self.doc.issue(), areas.outline);
        self.count();
    }

    /// What the session has to tell after opening or after the pool arrived.
    fn show_notices(&mut self) {
        if !self.doc.notices.is_empty() {
            self.view.status = Some(Message::Notices(std::mem::take(&mut self.doc.notices)));
        }
    }

    /// The read-only reason, if any, and whether a lock can be taken over from here.
    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.doc.why_read_only.as_ref()
    }

    /// Whether a recovery file from before is being offered (and must stay until answered).
    pub(super) fn recovery_offered(&self) -> bool {
        self.view.layers.iter().any(|l| matches!(l, Layer::Confirm(c) if c.kind == ConfirmKind::Restore))
    }

    /// Select an outline row (as a click does).
    pub fn select_row(&mut self, row: Row) {
        self.commit_editor();
        self.view.outline.sel = row;
        self.after_change();
    }

    /// Open another issue file (asking first about unsaved changes, as Ctrl-O does).
    pub fn open_path(&mut self, path: &std::path::Path) {
        self.run(VecDeque::from([Cmd::Leave(effect::Then::Open(path.to_path_buf()))]));
        self.after_change();
    }

    /// Ask whether to create the workspace's first issue (a workspace without any).
    pub fn offer_first_issue(&mut self) {
        let lang = self.env.lang;
        let n = self.doc.issue().numbering;
        let message = match lang {
            Lang::Zh => format!(
                "这个工作区还没有任何一期。现在新建 {}（{}）吗？",
                n.year_and_number(),
                n.date.chinese()
            ),
            Lang::En => format!(
                "This workspace has no issue yet. Create {} ({}) now?",
                n.year_and_number(),
                n.date.chinese()
            ),
        };
        let confirm = Confirm::new(ConfirmKind::FirstIssue, lang.pick("新建第一期", "First issue"), message)
            .button(
                lang.pick("是", "Yes"),
                vec![
                    Cmd::Effect(Effect::Save { then: effect::Then::Nothing }),
                    Cmd::Effect(Effect::RememberRecent),
                ],
            )
            .button(lang.pick("否", "No"), vec![Cmd::Quit])
            .on_cancel(vec![Cmd::Quit]);
        self.view.layers.push(Layer::Confirm(confirm));
    }
}
