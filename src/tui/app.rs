//! The editor's state and its one entry, `step`: a message in (a key through the keymap, a
//! paste, the mouse, a new size, a background result), the focused layer or pane turns it
//! into commands, the app carries them out — model changes as undoable steps, file I/O
//! through the effect runner — and the screen is drawn again from the state. The app
//! routes; the panes and layers decide.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

use super::action::{Action, Msg};
use super::cmd::{Cmd, Select, Step};
use super::config::Dirs;
use super::effect::{self, Effect};
use super::keymap::Keymap;
use super::layers::{ConfirmKind, Cx, Layer, Reply};
use super::msg::Message;
use super::panes::editor::EditorPane;
use super::panes::item_editor::ItemEditor;
use super::panes::outline::{OutlinePane, Row};
use super::panes::pool::PoolPane;
use super::screen::Areas;
use super::theme::Theme;
use crate::lang::Lang;
use crate::model::history::Loc;
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
    /// Where jianbao was started: the import dialog opens on it.
    pub cwd: PathBuf,
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
    /// What `check` finds: errors and warnings.
    pub errors: usize,
    pub warnings: usize,
    /// Not counted yet (the first frame of a long issue): shown as …
    pub pending: bool,
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
    pub(super) recovery: super::done::Recovery,
    pub quit: bool,
    /// The first frame is drawn (the pool may be read).
    pub(super) drawn: bool,
    /// The editor pane takes typing (entered with Enter or `e`, or a click in a field);
    /// focused without it (by Tab), keys there scroll and never change text.
    pub editing: bool,
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
            recovery: super::done::Recovery::default(),
            quit: false,
            drawn: false,
            editing: false,
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
            Focus::Editor if !self.view.editing => self.read(&msg),
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
                Cmd::Select(select) => {
                    self.select(select);
                    self.after_change();
                }
                Cmd::Pop => {
                    self.view.layers.pop();
                }
                Cmd::Focus(f) => self.set_focus(f),
                Cmd::Edit => self.start_editing(),
                Cmd::Say(m) => self.view.status = Some(m),
                Cmd::Restore(rec) => self.restore(*rec),
                Cmd::Leave(then) => self.leave(then, &mut queue),
                Cmd::Discard(then) => {
                    queue.push_front(Cmd::Effect(Effect::DiscardRecovery));
                    self.view.recovery = super::done::Recovery::default();
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
        self.select(step.select);
        if let Some(m) = step.say {
            self.view.status = Some(m);
        }
    }

    /// Select what a step (or the findings list) points at.
    fn select(&mut self, select: Select) {
        match select {
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
                self.start_editing();
            }
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

    /// Open another issue file (asking first about unsaved changes, as Ctrl-O does).
    pub fn open_path(&mut self, path: &std::path::Path) {
        self.run(VecDeque::from([Cmd::Leave(effect::Then::Open(path.to_path_buf()))]));
        self.after_change();
    }
}
