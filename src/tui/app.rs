//! The editor's state and `update(Action)`: no drawing, no terminal. Keys become actions
//! through the keymap; actions change the session (always through undoable ops) and the
//! selection; the panes draw from this state.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::dialog::{
    Answer, Confirm, ConfirmPurpose, Dialog, FieldKind, Form, FormField, FormKey, FormPurpose, Leave,
    OpenEntry, OpenList,
};
use super::editor::{Field, ItemEditor, clean_input};
use super::history::{Loc, Meta, Op, SectionHead, item_at};
use super::i18n::{Ui, ui};
use super::keymap::{Chord, Context, Keymap};
use super::session::{Notice, ReadOnly, SaveReport, Session};
use super::theme::Theme;
use crate::commands::export::{Format, Settings, default_output, render, write_export};
use crate::export::{TextOptions, text};
use crate::lang::Lang;
use crate::model::{Date, Distribution, Item, ItemPos, Section, TocMode};
use crate::store::recent::Recent;
use crate::store::recovery::{self, Recovered, Snapshot};

/// How soon after a change its recovery file is written: typing lost to a crash or a
/// kill is at most this (plus the time to write).
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Pool,
    Outline,
    Editor,
}

/// A selectable row of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Masthead,
    Section(usize),
    Item(ItemPos),
    Footer,
}

pub enum Overlay {
    None,
    Help { scroll: usize },
    Preview { lines: Vec<String>, scroll: usize },
    Dialog(Dialog),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// Where things were drawn last, for the mouse.
#[derive(Debug, Clone, Copy, Default)]
pub struct Areas {
    pub pool: Rect,
    pub pool_list: Rect,
    pub outline: Rect,
    pub outline_list: Rect,
    pub editor: Rect,
    pub fields: [Rect; 5],
    pub preview: Rect,
}

/// Issues with more body text than this (bytes; about 65,000 字) have their status-bar
/// figures made on another thread.
const STATS_IN_BACKGROUND_ABOVE: usize = 200_000;

/// 字数 and pages of `issue` (the pages of its paginated export at its layout, 28 字 ×
/// 22 lines when the layout leaves them open).
fn issue_stats(issue: &crate::model::Issue, rev: u64) -> Stats {
    let width = if issue.layout.width == 0 { 28 } else { issue.layout.width };
    let lines_per_page = if issue.layout.lines_per_page == 0 { 22 } else { issue.layout.lines_per_page };
    let pages = text(issue, TextOptions { width, lines_per_page }).matches('\u{c}').count() + 1;
    Stats { rev, issue_zi: issue.zi_count(), pages, pending: false }
}

/// Figures for the status bar, computed once per change.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub rev: u64,
    pub issue_zi: usize,
    pub pages: usize,
    /// Not counted yet (the first frame of a long issue): shown as …
    pub pending: bool,
}

pub struct App {
    pub session: Session,
    pub lang: Lang,
    pub keymap: Keymap,
    pub theme: Theme,
    pub focus: Focus,
    /// The list whose selection the editor shows.
    pub list_focus: Focus,
    /// Selection in the (filtered) pool list.
    pub pool_sel: usize,
    pub pool_filter: String,
    pub filtering: bool,
    pool_view: Vec<usize>,
    pub outline_sel: Row,
    pub editor: Option<ItemEditor>,
    pub overlay: Overlay,
    pub status: Option<Status>,
    pub quit: bool,
    pub areas: Cell<Areas>,
    pub pool_offset: Cell<usize>,
    pub outline_offset: Cell<usize>,
    /// The outline row drawn on each visible line (for clicks).
    pub outline_hits: RefCell<Vec<Option<Row>>>,
    stats: Cell<Stats>,
    /// The status bar's figures of a long issue, being made on another thread.
    stats_job: RefCell<Option<(u64, std::sync::mpsc::Receiver<Stats>)>>,
    pub recent_file: Option<PathBuf>,
    /// A message to show once the current dialog's step is done.
    pending_message: Option<String>,
    /// Where recovery files go (`<state>/recovery`); none, no autosave.
    pub recovery_dir: Option<PathBuf>,
    /// When the recovery file is next due (set by the first change after the last write).
    recovery_due: Option<Instant>,
    /// What the recovery file holds now.
    recovery_written: Option<Snapshot>,
    /// A failed recovery write was reported (once, not at every keystroke).
    recovery_error_shown: bool,
}

fn pool_slot(pool: &[Item], item: &Item) -> usize {
    pool.iter().position(|p| (p.received, &p.id) < (item.received, &item.id)).unwrap_or(pool.len())
}

/// `分送：a` lines start a group; other lines are recipients of the group above.
pub fn parse_distribution(text: &str) -> Vec<Distribution> {
    let mut groups: Vec<Distribution> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let label = line.split_once(['：', ':']).filter(|(label, _)| {
            let n = label.trim().chars().count();
            (1..=4).contains(&n) && !label.contains(['、', '，', ','])
        });
        match label {
            Some((label, rest)) => {
                let mut recipients = Vec::new();
                if !rest.trim().is_empty() {
                    recipients.push(rest.trim().to_string());
                }
                groups.push(Distribution { label: label.trim().to_string(), recipients });
            }
            None => match groups.last_mut() {
                Some(g) => g.recipients.push(line.to_string()),
                None => {
                    groups.push(Distribution { label: "分送".into(), recipients: vec![line.to_string()] })
                }
            },
        }
    }
    groups
}

pub fn format_distribution(groups: &[Distribution]) -> String {
    let mut lines = Vec::new();
    for g in groups {
        let mut recipients = g.recipients.iter();
        lines.push(format!("{}：{}", g.label, recipients.next().map_or("", String::as_str)));
        lines.extend(recipients.cloned());
    }
    lines.join("\n")
}

fn contains(r: Rect, col: u16, row: u16) -> bool {
    r.contains(Position { x: col, y: row })
}

impl App {
    pub fn new(session: Session, lang: Lang, keymap: Keymap, theme: Theme) -> App {
        let mut app = App {
            session,
            lang,
            keymap,
            theme,
            focus: Focus::Pool,
            list_focus: Focus::Pool,
            pool_sel: 0,
            pool_filter: String::new(),
            filtering: false,
            pool_view: Vec::new(),
            outline_sel: Row::Masthead,
            editor: None,
            overlay: Overlay::None,
            status: None,
            quit: false,
            areas: Cell::new(Areas::default()),
            pool_offset: Cell::new(0),
            outline_offset: Cell::new(0),
            outline_hits: RefCell::new(Vec::new()),
            stats: Cell::new(Stats { rev: u64::MAX, ..Stats::default() }),
            stats_job: RefCell::new(None),
            recent_file: None,
            pending_message: None,
            recovery_dir: None,
            recovery_due: None,
            recovery_written: None,
            recovery_error_shown: false,
        };
        app.outline_sel =
            app.outline_rows().into_iter().find(|r| matches!(r, Row::Item(_))).unwrap_or(Row::Masthead);
        app.after_change();
        app.show_notices();
        app
    }

    /// Why the open issue cannot be changed, in a sentence for the banner.
    pub fn read_only_banner(&self) -> Option<String> {
        let name = self.file_name();
        let zh = self.lang == Lang::Zh;
        Some(match self.session.why_read_only.as_ref()? {
            ReadOnly::NewerFormat => {
                if zh {
                    format!("只读：{name} 由更新版本的 jianbao 写成，不会被改写。请升级 jianbao。")
                } else {
                    format!(
                        "Read-only: {name} was written by a newer jianbao and will not be rewritten. Update jianbao."
                    )
                }
            }
            ReadOnly::Locked { holder: Some(h), .. } => {
                let key = self.keymap.key_for(Context::Global, Action::TakeOver).unwrap_or_default();
                if zh {
                    format!(
                        "只读：{name} 正由另一个 jianbao 编辑（进程 {}，主机 {}，{} 起）。关掉那一个再打开即可编辑；若那个已不在使用，按 {key} 接管。",
                        h.pid, h.host, h.since
                    )
                } else {
                    format!(
                        "Read-only: {name} is open in another jianbao (pid {} on {}, since {}). Close that one and reopen to edit; if it is no longer in use, {key} takes over.",
                        h.pid, h.host, h.since
                    )
                }
            }
            ReadOnly::LockLost => {
                if zh {
                    format!("只读：{name} 已被另一个 jianbao 接管，这里不再保存。")
                } else {
                    format!(
                        "Read-only: {name} was taken over by another jianbao; nothing is saved here any more."
                    )
                }
            }
            ReadOnly::Locked { holder: None, lock_file } => {
                if zh {
                    format!("只读：{name} 正由另一个 jianbao 编辑（锁文件 {}）。", lock_file.display())
                } else {
                    format!(
                        "Read-only: {name} is open in another jianbao (lock file {}).",
                        lock_file.display()
                    )
                }
            }
            ReadOnly::FileNotWritable => {
                if zh {
                    format!("只读：{name} 是只读文件（或你没有写权限），不会被改写。")
                } else {
                    format!(
                        "Read-only: {name} is a read-only file (or not yours to write); it will not be changed."
                    )
                }
            }
            ReadOnly::NoLock(reason) => {
                if zh {
                    format!("只读：无法为 {name} 加锁（{reason}），为免与别人互相覆盖，只读打开。")
                } else {
                    format!(
                        "Read-only: {name} could not be locked ({reason}); it is open read-only so no one's work is overwritten."
                    )
                }
            }
        })
    }

    fn file_name(&self) -> String {
        self.session.issue_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
    }

    // ----- recovery ----------------------------------------------------------------------

    /// Something may have changed at `now`: the recovery file is due `AUTOSAVE_DELAY` later
    /// (not pushed back by further typing, so a long burst is covered too).
    pub fn touched(&mut self, now: Instant) {
        if self.recovery_due.is_none() && self.recovery_dir.is_some() && !self.session.read_only {
            self.recovery_due = Some(now + AUTOSAVE_DELAY);
        }
    }

    pub fn recovery_due(&self) -> Option<Instant> {
        self.recovery_due
    }

    /// Write the recovery file if it is due at `now`.
    pub fn autosave(&mut self, now: Instant) {
        if self.recovery_due.is_some_and(|due| due <= now) {
            self.recovery_due = None;
            self.write_recovery();
        }
    }

    /// The unsaved state, with the item as it stands in the editor; `None` when all is saved.
    fn unsaved_snapshot(&self) -> Option<Snapshot> {
        let editing = self.editor.as_ref().filter(|e| e.is_modified()).map(|e| e.item());
        if !self.session.is_dirty() && editing.is_none() {
            return None;
        }
        Some(self.session.snapshot(editing.as_ref()))
    }

    /// Whether a recovery file from before is being offered (and must stay until answered).
    fn recovery_offered(&self) -> bool {
        matches!(&self.overlay, Overlay::Dialog(Dialog::Confirm(c)) if matches!(c.purpose, ConfirmPurpose::Restore(_)))
    }

    /// Make the recovery file describe the document as it is now: every unsaved change
    /// written to it, or — when the document is back at its saved state (saved, undone,
    /// typed back) — no file at all, so that nothing undone comes back at the next start.
    /// Returns the file when one holds changes. Also used on every way out (signals,
    /// terminal loss, panic).
    pub fn write_recovery(&mut self) -> Option<PathBuf> {
        let dir = self.recovery_dir.clone()?;
        if matches!(self.session.why_read_only, Some(ReadOnly::LockLost)) {
            // Taken over: the recovery file is the new holder's; ours goes beside it.
            let snapshot = self.unsaved_snapshot()?;
            if self.recovery_written.as_ref() == Some(&snapshot) {
                return None;
            }
            let file = recovery::write_lost(&dir, &self.session.issue_path, &snapshot).ok()?;
            self.recovery_written = Some(snapshot);
            return Some(file);
        }
        if self.session.read_only || self.recovery_offered() {
            return None;
        }
        let file = recovery::recovery_file(&dir, &self.session.issue_path);
        let Some(snapshot) = self.unsaved_snapshot() else {
            self.recovery_written = None;
            if file.exists() {
                let _ = recovery::remove_recovery(&dir, &self.session.issue_path);
            }
            return None;
        };
        if self.recovery_written.as_ref() == Some(&snapshot) && file.exists() {
            return Some(file);
        }
        match recovery::write_recovery(&dir, &self.session.issue_path, &snapshot) {
            Ok(file) => {
                self.recovery_written = Some(snapshot);
                self.recovery_error_shown = false;
                Some(file)
            }
            Err(e) => {
                if !self.recovery_error_shown {
                    self.recovery_error_shown = true;
                    self.error(match self.lang {
                        Lang::Zh => format!("无法写入恢复文件（请尽快保存）：{e}"),
                        Lang::En => format!("Cannot write the recovery file (save soon): {e}"),
                    });
                }
                None
            }
        }
    }

    /// All is saved (or deliberately dropped): no recovery file is needed any more.
    fn recovery_done(&mut self, keep_aside: bool) {
        self.recovery_written = None;
        self.recovery_due = None;
        let Some(dir) = &self.recovery_dir else { return };
        let file = recovery::recovery_file(dir, &self.session.issue_path);
        if keep_aside && file.exists() {
            let _ = recovery::set_aside(&file);
        } else {
            let _ = recovery::remove_recovery(dir, &self.session.issue_path);
        }
    }

    /// Offer the recovery file of the open issue, if it is newer than the issue file. An
    /// older one (the file was saved since, by other means) is set aside with a word.
    pub fn offer_recovery(&mut self) {
        let Some(dir) = self.recovery_dir.clone() else { return };
        if self.session.read_only {
            return;
        }
        let rec = match recovery::find_recovery(&dir, &self.session.issue_path) {
            None => return,
            Some(Err(e)) => {
                return self.error(match self.lang {
                    Lang::Zh => format!("恢复文件无法读取，已移到 discarded/：{e}"),
                    Lang::En => {
                        format!("A recovery file could not be read and was set aside in discarded/: {e}")
                    }
                });
            }
            Some(Ok(rec)) => rec,
        };
        let file_time = std::fs::metadata(&self.session.issue_path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_secs());
        if file_time.is_some_and(|t| t > rec.written_unix) {
            let aside = recovery::set_aside(&rec.file).map(|p| p.display().to_string()).unwrap_or_default();
            return self.message(match self.lang {
                Lang::Zh => format!("有一份比文件更旧的恢复记录，已移到 {aside}"),
                Lang::En => format!("An older recovery file than the issue file was set aside: {aside}"),
            });
        }
        let n_pool = rec.snapshot.pool_changed.len() + rec.snapshot.pool_removed.len();
        let message = match self.lang {
            Lang::Zh => format!(
                "{} 有未保存的修改（{} 记下，稿件池另有 {n_pool} 处）。恢复吗？\nEnter 恢复；Esc 放弃（恢复文件移到 discarded/ 备查）。",
                self.file_name(),
                rec.written
            ),
            Lang::En => format!(
                "{} has unsaved changes (recorded {}; {n_pool} in the pool). Restore them?\nEnter restores; Esc drops them (the file is kept in discarded/).",
                self.file_name(),
                rec.written
            ),
        };
        self.overlay = Overlay::Dialog(Dialog::Confirm(Confirm {
            purpose: ConfirmPurpose::Restore(Box::new(rec)),
            title: self.lang.pick("恢复未保存的修改", "Unsaved changes found"),
            message,
            options: vec![
                (self.lang.pick("恢复", "Restore").to_string(), Answer::Yes),
                (self.lang.pick("放弃", "Drop").to_string(), Answer::No),
            ],
            selected: 0,
        }));
    }

    fn restore(&mut self, rec: Recovered) {
        let editor_id = self.editor.as_ref().map(|e| e.id.clone());
        self.editor = None;
        self.session.restore(rec.snapshot);
        self.recovery_written = None;
        self.after_change();
        if let Some(id) = editor_id
            && let Some(Loc::Issue(pos)) = self.session.locate(&id)
        {
            self.outline_sel = Row::Item(pos);
        }
        self.sync_editor();
        self.message(self.lang.pick(
            "已恢复未保存的修改；保存后才写入文件。",
            "Unsaved changes restored; save to write them to the file.",
        ));
    }

    pub fn ui(&self) -> &'static Ui {
        ui(self.lang)
    }

    fn message(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), error: false });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status { text: text.into(), error: true });
    }

    // ----- derived state -------------------------------------------------------------

    /// Pool indices shown, in order (the filter applied).
    pub fn pool_view(&self) -> &[usize] {
        &self.pool_view
    }

    pub fn selected_pool_index(&self) -> Option<usize> {
        self.pool_view.get(self.pool_sel).copied()
    }

    fn refresh_pool_view(&mut self) {
        let query = self.pool_filter.trim().to_lowercase();
        self.pool_view = self
            .session
            .pool()
            .iter()
            .enumerate()
            .filter(|(_, item)| query.is_empty() || item_matches(item, &query))
            .map(|(k, _)| k)
            .collect();
        self.pool_sel = self.pool_sel.min(self.pool_view.len().saturating_sub(1));
    }

    /// Every selectable outline row, top to bottom.
    pub fn outline_rows(&self) -> Vec<Row> {
        let mut rows = vec![Row::Masthead];
        for (s, section) in self.session.issue().sections.iter().enumerate() {
            rows.push(Row::Section(s));
            rows.extend((0..section.items.len()).map(|i| Row::Item(ItemPos::new(s, i))));
        }
        rows.push(Row::Footer);
        rows
    }

    fn valid_row(&self, row: Row) -> bool {
        let issue = self.session.issue();
        match row {
            Row::Masthead | Row::Footer => true,
            Row::Section(s) => s < issue.sections.len(),
            Row::Item(pos) => issue.item(pos).is_some(),
        }
    }

    /// The id of the item the editor should show.
    pub fn current_id(&self) -> Option<String> {
        match self.list_focus {
            Focus::Pool => self.selected_pool_index().map(|k| self.session.pool()[k].id.clone()),
            _ => match self.outline_sel {
                Row::Item(pos) => self.session.issue().item(pos).map(|i| i.id.clone()),
                _ => None,
            },
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.session.is_dirty() || self.editor.as_ref().is_some_and(ItemEditor::is_modified)
    }

    /// 字数 of the issue and estimated pages, recomputed when the document changed.
    pub fn stats(&self) -> Stats {
        let cached = self.stats.get();
        let rev = self.session.rev();
        if cached.rev == rev {
            return cached;
        }
        let issue = self.session.issue();
        let text_bytes: usize = issue.sections.iter().flat_map(|s| &s.items).map(|i| i.body.len()).sum();
        if text_bytes <= STATS_IN_BACKGROUND_ABOVE {
            let stats = issue_stats(issue, rev);
            self.stats.set(stats);
            return stats;
        }
        // A long issue: the page count is a whole paginated export (some milliseconds for
        // 300 items), made on another thread so that no frame waits for it; the figures
        // of the last change show meanwhile, and `tick` brings the new ones. One job at a
        // time: a change made while one runs is counted when it is done.
        self.take_stats();
        let cached = self.stats.get();
        let mut job = self.stats_job.borrow_mut();
        if job.is_none() && cached.rev != rev {
            let (tx, rx) = std::sync::mpsc::channel();
            let issue = issue.clone();
            let spawned = std::thread::Builder::new()
                .name("stats".into())
                .spawn(move || {
                    let _ = tx.send(issue_stats(&issue, rev));
                })
                .is_ok();
            if !spawned {
                drop(job);
                let stats = issue_stats(self.session.issue(), rev);
                self.stats.set(stats);
                return stats;
            }
            *job = Some((rev, rx));
        }
        if cached.rev == u64::MAX {
            // Nothing counted yet (the first frame): … until the figures come.
            return Stats { pending: true, ..cached };
        }
        cached
    }

    /// Keep the figures of a finished job; whether there were any.
    fn take_stats(&self) -> bool {
        let mut job = self.stats_job.borrow_mut();
        let Some((_, rx)) = job.as_ref() else { return false };
        match rx.try_recv() {
            Ok(stats) => {
                self.stats.set(stats);
                *job = None;
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                *job = None;
                false
            }
        }
    }

    /// Take the status bar's figures made on another thread, and start the next job when
    /// the issue changed meanwhile; whether the figures on screen changed.
    fn stats_arrived(&mut self) -> bool {
        let came = self.take_stats();
        if came && self.stats.get().rev != self.session.rev() {
            self.stats();
        }
        came
    }

    /// After any change to the document or the selection: keep selections valid, the pool
    /// list filtered, and the editor showing the current item.
    fn after_change(&mut self) {
        self.refresh_pool_view();
        if !self.valid_row(self.outline_sel) {
            let rows = self.outline_rows();
            let fallback = match self.outline_sel {
                Row::Item(pos) => rows
                    .iter()
                    .rev()
                    .find(|r| match r {
                        Row::Item(p) => *p <= pos,
                        Row::Section(s) => *s <= pos.section,
                        _ => false,
                    })
                    .copied(),
                _ => None,
            };
            self.outline_sel = fallback.unwrap_or(Row::Masthead);
        }
        self.sync_editor();
    }

    /// Load the current item into the editor, unless it already shows it.
    fn sync_editor(&mut self) {
        if self.list_focus == Focus::Pool
            && let Some(item) = self.session.preview_item()
        {
            // The pool is still being read: show its newest item, read on its own.
            if !self.editor.as_ref().is_some_and(|ed| ed.shows(item)) {
                self.editor = Some(ItemEditor::new(item));
            }
            return;
        }
        let want = self.current_id();
        let item = want
            .as_deref()
            .and_then(|id| self.session.locate(id))
            .and_then(|loc| item_at(&self.session.model, loc));
        match (item, &self.editor) {
            (Some(item), Some(ed)) if ed.shows(item) => {}
            (Some(item), _) => {
                let focus = self.editor.as_ref().filter(|e| e.id == item.id).map(|e| e.focus);
                let mut ed = ItemEditor::new(item);
                if let Some(f) = focus {
                    ed.focus_field(f);
                }
                ed.set_active(self.focus == Focus::Editor);
                self.editor = Some(ed);
            }
            (None, _) => self.editor = None,
        }
    }

    /// Make the editor's changes part of the document (one undoable step).
    fn commit_editor(&mut self) {
        let Some(ed) = &self.editor else { return };
        if !ed.is_modified() || self.session.read_only {
            return;
        }
        let after = ed.item();
        let Some(loc) = self.session.locate(&ed.id) else { return };
        let Some(before) = item_at(&self.session.model, loc).cloned() else { return };
        if before != after {
            let op = Op::EditItem { at: loc, before: Box::new(before), after: Box::new(after.clone()) };
            if self.session.commit(vec![op]).is_err() {
                return;
            }
        }
        if let Some(ed) = &mut self.editor {
            ed.committed(&after);
        }
    }

    /// Apply a step; report a failure instead of changing anything.
    fn apply(&mut self, ops: Vec<Op>) -> bool {
        match self.session.commit(ops) {
            Ok(()) => {
                self.after_change();
                true
            }
            Err(e) => {
                self.error(format!("{}: {}", self.lang.pick("操作未完成", "Not done"), e.0));
                false
            }
        }
    }

    fn editable(&mut self) -> bool {
        if self.session.read_only {
            self.error(self.lang.pick("只读文件，不能修改。", "This file is read-only."));
            return false;
        }
        true
    }

    // ----- input -----------------------------------------------------------------------

    /// Take a large pool once it has been read in the background (called by the event
    /// loop between events); true when it just arrived and the screen needs drawing.
    pub fn tick(&mut self) -> bool {
        let stats = self.stats_arrived();
        if self.session.poll_pool() {
            self.pool_arrived();
            return true;
        }
        stats
    }

    /// Whether something is being made in the background that `tick` should look for soon.
    pub fn busy(&self) -> bool {
        self.pool_loading() || self.stats_job.borrow().is_some()
    }

    pub fn pool_loading(&self) -> bool {
        self.session.pool_preview().is_some()
    }

    /// What the session has to tell after opening or after the pool arrived, in the
    /// interface's language, on the status line.
    fn show_notices(&mut self) {
        if self.session.notices.is_empty() {
            return;
        }
        let lang = self.lang;
        let said: Vec<String> = std::mem::take(&mut self.session.notices)
            .iter()
            .map(|n| match (n, lang) {
                (Notice::Unreadable(e), Lang::Zh) => format!("{e}（未改动该文件）"),
                (Notice::Unreadable(e), Lang::En) => format!("{e} (left as it is)"),
                (Notice::TookOverLock(h), Lang::Zh) => {
                    format!("已接管 {} 上 jianbao（进程 {}，自 {}）留下的锁，该进程已不在运行", h.host, h.pid, h.since)
                }
                (Notice::TookOverLock(h), Lang::En) => format!(
                    "took over the lock left by jianbao {} on {} (since {}), which is no longer running",
                    h.pid, h.host, h.since
                ),
                (Notice::Reconciled(id), Lang::Zh) => {
                    format!("{id} 同时在本期和稿件池中（上次保存被中断），稿件池中的副本已移入回收站")
                }
                (Notice::Reconciled(id), Lang::En) => format!(
                    "{id} was both in this issue and in the pool (a save was cut short); the pool copy is in the trash"
                ),
            })
            .collect();
        self.error(said.join(if lang == Lang::Zh { "；" } else { "; " }));
    }

    fn pool_arrived(&mut self) {
        self.refresh_pool_view();
        self.sync_editor();
        self.show_notices();
    }

    pub fn handle_event(&mut self, event: Event) {
        // No input is handled on a pool that is still being read.
        if self.session.wait_pool() {
            self.pool_arrived();
        }
        if matches!(event, Event::Key(_) | Event::Paste(_) | Event::Mouse(_)) {
            self.touched(Instant::now());
        }
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Paste(text) => self.handle_paste(&text),
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        self.status = None;
        let chord = Chord::from_event(&key);
        match &self.overlay {
            Overlay::Dialog(_) => return self.dialog_key(key, chord),
            Overlay::Help { .. } => return self.overlay_key(Context::Help, chord),
            Overlay::Preview { .. } => return self.overlay_key(Context::Preview, chord),
            Overlay::None => {}
        }
        if self.filtering && self.focus == Focus::Pool {
            return self.filter_key(key);
        }
        let ctx = match self.focus {
            Focus::Pool => Context::Pool,
            Focus::Outline => Context::Outline,
            Focus::Editor => Context::Editor,
        };
        let action = self.keymap.lookup(ctx, &chord).or_else(|| self.keymap.lookup(Context::Global, &chord));
        match action {
            Some(action) => self.update(action),
            None if self.focus == Focus::Editor && !self.session.read_only => {
                if let Some(ed) = &mut self.editor {
                    ed.input(key);
                }
            }
            None => {}
        }
    }

    fn filter_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Esc => {
                self.filtering = false;
                self.pool_filter.clear();
            }
            KeyCode::Enter | KeyCode::Down | KeyCode::Up | KeyCode::Tab => self.filtering = false,
            KeyCode::Backspace => {
                self.pool_filter.pop();
            }
            KeyCode::Char(c) if !key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL) => {
                self.pool_filter.push(c)
            }
            _ => {}
        }
        self.pool_sel = 0;
        self.refresh_pool_view();
        self.sync_editor();
    }

    pub fn handle_paste(&mut self, text: &str) {
        match &mut self.overlay {
            Overlay::Dialog(Dialog::Form(form)) => return form.paste(text),
            Overlay::None => {}
            _ => return,
        }
        if self.filtering {
            self.pool_filter.push_str(clean_input(text).lines().next().unwrap_or(""));
            self.refresh_pool_view();
            return;
        }
        match self.focus {
            Focus::Editor => {
                if self.session.read_only {
                    return;
                }
                if let Some(ed) = &mut self.editor {
                    ed.paste(text);
                }
            }
            Focus::Pool => self.new_item_from_text(text),
            Focus::Outline => {}
        }
    }

    fn handle_mouse(&mut self, m: MouseEvent) {
        let areas = self.areas.get();
        let (col, row) = (m.column, m.row);
        match m.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if !matches!(self.overlay, Overlay::None) {
                    return;
                }
                if contains(areas.pool, col, row) {
                    self.set_focus(Focus::Pool);
                    if contains(areas.pool_list, col, row) {
                        let k = self.pool_offset.get() + (row - areas.pool_list.y) as usize / 2;
                        if k < self.pool_view.len() {
                            self.pool_sel = k;
                            self.sync_editor();
                        }
                    }
                } else if contains(areas.outline, col, row) {
                    self.set_focus(Focus::Outline);
                    if contains(areas.outline_list, col, row) {
                        let line = (row - areas.outline_list.y) as usize;
                        let hit = self.outline_hits.borrow().get(line).copied().flatten();
                        if let Some(r) = hit {
                            self.select_row(r);
                        }
                    }
                } else if contains(areas.editor, col, row) {
                    if let Some(k) = areas.fields.iter().position(|f| contains(*f, col, row)) {
                        let f = areas.fields[k];
                        self.set_focus(Focus::Editor);
                        if let Some(ed) = &mut self.editor {
                            ed.click(Field::ALL[k], row - f.y, col - f.x);
                        }
                    } else {
                        self.set_focus(Focus::Editor);
                    }
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = m.kind == MouseEventKind::ScrollDown;
                let step = if down { 3 } else { -3 };
                if let Overlay::Preview { scroll, lines } = &mut self.overlay {
                    *scroll = scroll.saturating_add_signed(step).min(lines.len().saturating_sub(1));
                } else if let Overlay::Help { scroll } = &mut self.overlay {
                    *scroll = scroll.saturating_add_signed(step);
                } else if contains(areas.pool, col, row) {
                    self.move_pool(step);
                } else if contains(areas.outline, col, row) {
                    self.move_outline(step);
                } else if contains(areas.editor, col, row)
                    && let Some(ed) = &mut self.editor
                {
                    ed.scroll(step as i16);
                }
            }
            _ => {}
        }
    }

    fn overlay_key(&mut self, ctx: Context, chord: Chord) {
        let Some(action) =
            self.keymap.lookup(ctx, &chord).or_else(|| self.keymap.lookup(Context::Global, &chord))
        else {
            return;
        };
        let page = self.areas.get().preview.height.max(2) as isize - 1;
        let (scroll, len) = match &mut self.overlay {
            Overlay::Preview { scroll, lines } => (scroll, lines.len()),
            Overlay::Help { scroll } => (scroll, usize::MAX / 2),
            _ => return,
        };
        let delta: isize = match action {
            Action::Up => -1,
            Action::Down => 1,
            Action::PageUp => -page,
            Action::PageDown => page,
            Action::Top => -(*scroll as isize),
            Action::Bottom => len as isize,
            Action::Cancel | Action::Preview | Action::Help => {
                self.overlay = Overlay::None;
                return;
            }
            Action::Quit => {
                self.overlay = Overlay::None;
                return self.update(Action::Quit);
            }
            _ => 0,
        };
        *scroll = scroll.saturating_add_signed(delta).min(len.saturating_sub(1));
    }

    fn dialog_key(&mut self, key: KeyEvent, chord: Chord) {
        let action = self.keymap.lookup(Context::Dialog, &chord);
        let Overlay::Dialog(dialog) = &mut self.overlay else { return };
        match dialog {
            Dialog::Form(form) => {
                let multi = form.fields[form.focus].kind == FieldKind::Multi;
                match action {
                    Some(Action::Confirm) if multi && key.code == KeyCode::Enter => {
                        form.input(key);
                    }
                    Some(Action::Confirm) => self.confirm_form(),
                    Some(Action::Cancel) => self.overlay = Overlay::None,
                    Some(Action::NextField)
                        if key.code == KeyCode::Tab && form.purpose == FormPurpose::Import =>
                    {
                        let (done, options) = super::dialog::complete_path(&form.value(0));
                        form.set_value(&done);
                        form.error = (!options.is_empty()).then(|| options.join("  "));
                    }
                    Some(Action::NextField) if key.code == KeyCode::Down => form.arrow(true),
                    Some(Action::PrevField) if key.code == KeyCode::Up => form.arrow(false),
                    Some(Action::NextField) => form.next(),
                    Some(Action::PrevField) => form.prev(),
                    _ => {
                        if form.input(key) == FormKey::Confirm {
                            self.confirm_form();
                        }
                    }
                }
            }
            Dialog::Confirm(c) => {
                let n = c.options.len();
                match (action, key.code) {
                    (Some(Action::Confirm), _) => {
                        let answer = c.answer();
                        self.answer(answer);
                    }
                    (Some(Action::Cancel), _) => self.answer(Answer::No),
                    (Some(Action::NextField), _) | (_, KeyCode::Right) => c.selected = (c.selected + 1) % n,
                    (Some(Action::PrevField), _) | (_, KeyCode::Left) => {
                        c.selected = (c.selected + n - 1) % n
                    }
                    _ => {}
                }
            }
            Dialog::Open(list) => {
                let n = list.entries.len().max(1);
                match action {
                    Some(Action::Confirm) => {
                        if let Some(entry) = list.entries.get(list.selected) {
                            let path = entry.path.clone();
                            self.overlay = Overlay::None;
                            self.leave_then(Leave::Open(path));
                        }
                    }
                    Some(Action::Cancel) => self.overlay = Overlay::None,
                    Some(Action::NextField) => list.selected = (list.selected + 1) % n,
                    Some(Action::PrevField) => list.selected = (list.selected + n - 1) % n,
                    _ => {}
                }
            }
        }
    }

    // ----- actions -----------------------------------------------------------------------

    pub fn update(&mut self, action: Action) {
        match action {
            Action::None | Action::Confirm | Action::Cancel => {}
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::Up => self.move_selection(-1),
            Action::Down => self.move_selection(1),
            Action::PageUp => self.move_selection(-10),
            Action::PageDown => self.move_selection(10),
            Action::Top => self.move_selection(isize::MIN / 2),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::Place => self.place(),
            Action::Edit => self.edit(),
            Action::Leave => {
                self.commit_editor();
                self.set_focus(self.list_focus);
            }
            Action::MoveUp => self.move_in_outline(true),
            Action::MoveDown => self.move_in_outline(false),
            Action::Unplace => self.unplace(),
            Action::Save => self.save(),
            Action::Export => self.open_export(),
            Action::Preview => self.open_preview(),
            Action::Undo => self.undo(true),
            Action::Redo => self.undo(false),
            Action::Help => self.overlay = Overlay::Help { scroll: 0 },
            Action::Quit => self.request_quit(),
            Action::Filter => {
                self.set_focus(Focus::Pool);
                self.filtering = true;
            }
            Action::NewItem => self.new_item_from_text(""),
            Action::DeleteItem => self.delete_item(),
            Action::NewSection => self.open_section_form(None),
            Action::RenameSection => {
                if let Some(s) = self.selected_section() {
                    self.open_section_form(Some(s));
                }
            }
            Action::DeleteSection => self.delete_section(),
            Action::CycleSectionToc => self.cycle_section_toc(),
            Action::ToggleInToc => self.toggle_in_toc(),
            Action::EditTocTitle => self.open_toc_title_form(),
            Action::Masthead => self.open_masthead(),
            Action::Footer => self.open_footer(),
            Action::NewIssue => self.leave_then(Leave::NewIssue),
            Action::Open => self.open_open_dialog(),
            Action::TakeOver => self.offer_take_over(),
            Action::Import => self.open_import(),
            Action::NextField | Action::PrevField => {
                if let Some(ed) = &mut self.editor {
                    if action == Action::NextField { ed.next_field() } else { ed.prev_field() }
                }
            }
        }
    }

    pub fn set_focus(&mut self, focus: Focus) {
        if self.focus == Focus::Editor && focus != Focus::Editor {
            self.commit_editor();
        }
        if focus != Focus::Editor {
            self.list_focus = focus;
            self.filtering = false;
        }
        self.focus = focus;
        self.sync_editor();
        if let Some(ed) = &mut self.editor {
            ed.set_active(focus == Focus::Editor);
        }
    }

    fn cycle_focus(&mut self, forward: bool) {
        let order = [Focus::Pool, Focus::Outline, Focus::Editor];
        let k = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward { (k + 1) % 3 } else { (k + 2) % 3 };
        self.set_focus(order[next]);
    }

    fn move_selection(&mut self, delta: isize) {
        match self.focus {
            Focus::Pool => self.move_pool(delta),
            Focus::Outline => self.move_outline(delta),
            Focus::Editor => {}
        }
    }

    fn move_pool(&mut self, delta: isize) {
        let n = self.pool_view.len();
        if n == 0 {
            return;
        }
        self.commit_editor();
        self.pool_sel = self.pool_sel.saturating_add_signed(delta).min(n - 1);
        self.sync_editor();
    }

    fn move_outline(&mut self, delta: isize) {
        let rows = self.outline_rows();
        let k = rows.iter().position(|r| *r == self.outline_sel).unwrap_or(0);
        let k = k.saturating_add_signed(delta).min(rows.len() - 1);
        self.select_row(rows[k]);
    }

    pub fn select_row(&mut self, row: Row) {
        self.commit_editor();
        self.outline_sel = row;
        self.sync_editor();
    }

    fn selected_section(&self) -> Option<usize> {
        match self.outline_sel {
            Row::Section(s) => Some(s),
            Row::Item(pos) => Some(pos.section),
            _ => None,
        }
    }

    /// Where a placed item goes: after the outline's selection.
    fn place_target(&self) -> ItemPos {
        let issue = self.session.issue();
        match self.outline_sel {
            Row::Item(pos) => ItemPos::new(pos.section, pos.index + 1),
            Row::Section(s) => ItemPos::new(s, 0),
            Row::Masthead => ItemPos::new(0, 0),
            Row::Footer => {
                let last = issue.sections.len().saturating_sub(1);
                ItemPos::new(last, issue.sections.get(last).map_or(0, |s| s.items.len()))
            }
        }
    }

    fn place(&mut self) {
        if !self.editable() {
            return;
        }
        let Some(pool_index) = self.selected_pool_index() else {
            return self.error(self.lang.pick("稿件池里没有选中的稿件。", "No pooled item is selected."));
        };
        self.commit_editor();
        let id = self.session.pool()[pool_index].id.clone();
        let ops = self.session.place_ops(pool_index, self.place_target());
        if self.apply(ops)
            && let Some(Loc::Issue(pos)) = self.session.locate(&id)
        {
            self.outline_sel = Row::Item(pos);
            let headline = self.session.issue().item(pos).map(Item::headline_line).unwrap_or_default();
            self.message(match self.lang {
                Lang::Zh => format!("已放入本期：{headline}"),
                Lang::En => format!("Placed: {headline}"),
            });
            self.sync_editor();
        }
    }

    fn edit(&mut self) {
        match (self.focus, self.outline_sel) {
            (Focus::Pool, _) if self.selected_pool_index().is_some() => self.set_focus(Focus::Editor),
            (Focus::Outline, Row::Item(_)) => self.set_focus(Focus::Editor),
            (Focus::Outline, Row::Masthead) => self.open_masthead(),
            (Focus::Outline, Row::Footer) => self.open_footer(),
            (Focus::Outline, Row::Section(s)) => self.open_section_form(Some(s)),
            _ => {}
        }
    }

    fn move_in_outline(&mut self, up: bool) {
        if self.focus != Focus::Outline || !self.editable() {
            return;
        }
        self.commit_editor();
        let issue = self.session.issue();
        match self.outline_sel {
            Row::Item(pos) => {
                let to = if up {
                    if pos.index > 0 {
                        Some(ItemPos::new(pos.section, pos.index - 1))
                    } else if pos.section > 0 {
                        Some(ItemPos::new(pos.section - 1, issue.sections[pos.section - 1].items.len()))
                    } else {
                        None
                    }
                } else if pos.index + 1 < issue.sections[pos.section].items.len() {
                    Some(ItemPos::new(pos.section, pos.index + 1))
                } else if pos.section + 1 < issue.sections.len() {
                    Some(ItemPos::new(pos.section + 1, 0))
                } else {
                    None
                };
                if let Some(to) = to
                    && self.apply(vec![Op::MoveInIssue { from: pos, to }])
                {
                    self.outline_sel = Row::Item(to);
                    self.sync_editor();
                }
            }
            Row::Section(s) => {
                let other =
                    if up { s.checked_sub(1) } else { Some(s + 1).filter(|&t| t < issue.sections.len()) };
                if let Some(t) = other
                    && self.apply(vec![Op::SwapSections { a: s, b: t }])
                {
                    self.outline_sel = Row::Section(t);
                }
            }
            _ => {}
        }
    }

    fn unplace(&mut self) {
        if self.focus != Focus::Outline || !self.editable() {
            return;
        }
        match self.outline_sel {
            Row::Item(pos) => {
                self.commit_editor();
                let Some(item) = self.session.issue().item(pos).cloned() else { return };
                let pool_index = pool_slot(self.session.pool(), &item);
                if self.apply(vec![Op::IssueToPool { pos, pool_index }]) {
                    self.message(match self.lang {
                        Lang::Zh => format!("已退回稿件池：{}", item.headline_line()),
                        Lang::En => format!("Back in the pool: {}", item.headline_line()),
                    });
                }
            }
            Row::Section(_) => self.delete_section(),
            _ => {}
        }
    }

    fn undo(&mut self, undo: bool) {
        if self.focus == Focus::Editor
            && let Some(ed) = &mut self.editor
            && (if undo { ed.undo() } else { ed.redo() })
        {
            return;
        }
        self.commit_editor();
        let result = if undo { self.session.undo() } else { self.session.redo() };
        match result {
            Ok(true) => self.after_change(),
            Ok(false) => self.message(if undo {
                self.lang.pick("没有可撤销的操作。", "Nothing to undo.")
            } else {
                self.lang.pick("没有可重做的操作。", "Nothing to redo.")
            }),
            Err(e) => self.error(e.0),
        }
    }

    pub fn save(&mut self) {
        self.commit_editor();
        match self.session.save() {
            Ok(report) => {
                self.recovery_done(false);
                if !report.kept_both.is_empty() {
                    self.after_change();
                    self.sync_editor();
                }
                let text = self.save_message(&report);
                if report.kept_both.is_empty() && !report.issue_changed_outside {
                    self.message(text);
                } else {
                    self.error(text);
                }
            }
            Err(crate::store::StoreError::LockLost { .. }) => {
                let kept = self.write_recovery().map(|p| p.display().to_string()).unwrap_or_default();
                self.error(match self.lang {
                    Lang::Zh => format!("未保存：此期已被另一个 jianbao 接管。你的修改另存在 {kept}"),
                    Lang::En => format!(
                        "Not saved: another jianbao took this issue over. Your changes are kept in {kept}"
                    ),
                });
            }
            Err(e) => {
                let why = self.failure(&e);
                self.error(match self.lang {
                    Lang::Zh => format!("保存失败：{why}。修改仍在，可重试（Ctrl-S）。"),
                    Lang::En => format!("Not saved: {why}. Your changes are kept; try again (Ctrl-S)."),
                });
            }
        }
    }

    /// A write or read failure, short enough for the status bar: the reason first (in the
    /// user's language where it is a common one), then the file's name.
    fn failure(&self, e: &crate::store::StoreError) -> String {
        use crate::store::StoreError;
        let (path, reason) = match e {
            StoreError::Write { path, reason } | StoreError::Read { path, reason } => (path, reason.as_str()),
            other => return other.to_string(),
        };
        let name =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().to_string());
        let reason = match (self.lang, reason) {
            (Lang::Zh, "the disk is full") => "磁盘已满",
            (Lang::Zh, "permission denied") => "没有写权限",
            (Lang::Zh, "no such file or folder") => "文件夹不存在（被移走或删除了？）",
            (Lang::Zh, "the file system is read-only") => "文件系统只读",
            (_, r) => r,
        };
        format!("{reason}（{name}）")
    }

    fn save_message(&self, report: &SaveReport) -> String {
        let name = self.file_name();
        let mut parts = vec![match self.lang {
            Lang::Zh => format!("已保存 {name}"),
            Lang::En => format!("Saved {name}"),
        }];
        if report.issue_changed_outside {
            parts.push(match self.lang {
                Lang::Zh => format!("此前文件已被别的程序改过，那一版留作 {name}.bak"),
                Lang::En => {
                    format!("the file had been changed by another program; that version is {name}.bak")
                }
            });
        }
        for (old, new) in &report.kept_both {
            parts.push(match self.lang {
                Lang::Zh => format!("稿件 {old} 已被另一个 jianbao 改过，两版都留下：你的这版存为 {new}"),
                Lang::En => format!("{old} had been changed by another jianbao; both kept, yours as {new}"),
            });
        }
        parts.join(self.lang.pick("；", "; "))
    }

    fn request_quit(&mut self) {
        self.commit_editor();
        if !self.session.is_dirty() {
            self.write_recovery(); // clean: no recovery file stays behind
            self.quit = true;
            return;
        }
        let u = self.ui();
        self.overlay = Overlay::Dialog(Dialog::Confirm(Confirm {
            purpose: ConfirmPurpose::Quit,
            title: u.quit_title,
            message: u.quit_unsaved.to_string(),
            options: vec![
                (u.quit_save.to_string(), Answer::SaveFirst),
                (u.quit_discard.to_string(), Answer::Discard),
                (u.cancel.to_string(), Answer::No),
            ],
            selected: 0,
        }));
    }

    /// Do `then` now, or after asking to save unsaved changes.
    fn leave_then(&mut self, then: Leave) {
        self.commit_editor();
        if !self.session.is_dirty() {
            return self.do_leave(then);
        }
        let u = self.ui();
        self.overlay = Overlay::Dialog(Dialog::Confirm(Confirm {
            purpose: ConfirmPurpose::Leave { then },
            title: u.quit_title,
            message: u.quit_unsaved.to_string(),
            options: vec![
                (self.lang.pick("保存后继续", "Save, then go on").to_string(), Answer::SaveFirst),
                (self.lang.pick("不保存，继续", "Go on without saving").to_string(), Answer::Discard),
                (u.cancel.to_string(), Answer::No),
            ],
            selected: 0,
        }));
    }

    fn do_leave(&mut self, then: Leave) {
        match then {
            Leave::Open(path) => self.open_path(&path),
            Leave::NewIssue => self.new_issue(),
        }
    }

    fn answer(&mut self, answer: Answer) {
        let Overlay::Dialog(Dialog::Confirm(c)) = std::mem::replace(&mut self.overlay, Overlay::None) else {
            return;
        };
        match (c.purpose, answer) {
            (ConfirmPurpose::CreateFirstIssue, Answer::No) => self.quit = true,
            (ConfirmPurpose::Restore(rec), Answer::Yes) => self.restore(*rec),
            (ConfirmPurpose::Restore(rec), _) => match recovery::set_aside(&rec.file) {
                Ok(to) => self.message(match self.lang {
                    Lang::Zh => format!("已放弃；恢复文件移到 {}", to.display()),
                    Lang::En => format!("Dropped; the recovery file is kept as {}", to.display()),
                }),
                Err(e) => self.error(e.to_string()),
            },
            (_, Answer::No) => {}
            (ConfirmPurpose::TakeOver(holder), _) => self.take_over(&holder),
            (ConfirmPurpose::Quit, Answer::SaveFirst) => {
                self.save();
                if !self.session.is_dirty() {
                    self.quit = true;
                }
            }
            (ConfirmPurpose::Quit, _) => {
                self.recovery_done(true);
                self.quit = true;
            }
            (ConfirmPurpose::Leave { then }, Answer::SaveFirst) => {
                self.save();
                if !self.session.is_dirty() {
                    self.do_leave(then);
                }
            }
            (ConfirmPurpose::Leave { then }, _) => {
                self.recovery_done(true);
                self.do_leave(then);
            }

            (ConfirmPurpose::DeleteItem { id }, _) => {
                if let Some(Loc::Pool(index)) = self.session.locate(&id) {
                    let item = self.session.pool()[index].clone();
                    self.apply(vec![Op::RemovePool { index, item: Box::new(item) }]);
                }
            }
            (ConfirmPurpose::DeleteSection(s), _) => self.remove_section(s),
            (ConfirmPurpose::CreateFirstIssue, Answer::Yes) => {
                self.save();
                self.remember_recent();
            }
            (ConfirmPurpose::CreateFirstIssue, _) => unreachable!("Answer::No is handled first"),
        }
    }

    /// Offer to take over the lock of the jianbao that holds this issue (vim's "Edit
    /// anyway"): the confirmation names it, and says what happens to it.
    fn offer_take_over(&mut self) {
        let Some(ReadOnly::Locked { holder: Some(h), .. }) = &self.session.why_read_only else {
            return self.message(self.lang.pick(
                "此期没有被另一个 jianbao 锁住，无需接管。",
                "This issue is not locked by another jianbao; there is nothing to take over.",
            ));
        };
        let here = h.host == crate::store::lock::host_name();
        let name = self.file_name();
        let message = match (self.lang, here) {
            (Lang::Zh, true) => format!(
                "{name} 的锁由进程 {}（本机 {}，{} 起）持有。\n只有确定那个 jianbao 已不在使用（终端已关闭、程序卡住）时才接管：它会被结束，它未保存的修改写入恢复文件，接管后在这里提示恢复。",
                h.pid, h.host, h.since
            ),
            (Lang::Zh, false) => format!(
                "{name} 的锁由另一台电脑 {} 上的进程 {}（{} 起）持有。\n只有确定那边已不在编辑时才接管：接管后那边不能再保存此期。",
                h.host, h.pid, h.since
            ),
            (Lang::En, true) => format!(
                "The lock of {name} is held by process {} (this computer, {}, since {}).\nTake over only if that jianbao is no longer in use (its terminal closed, the program hung): it is ended, its unsaved changes go to the recovery file, and you are offered them here.",
                h.pid, h.host, h.since
            ),
            (Lang::En, false) => format!(
                "The lock of {name} is held by process {} on another computer, {} (since {}).\nTake over only if no one edits it there any more: that editor will no longer be able to save this issue.",
                h.pid, h.host, h.since
            ),
        };
        let u = self.ui();
        self.overlay = Overlay::Dialog(Dialog::Confirm(Confirm {
            purpose: ConfirmPurpose::TakeOver(h.clone()),
            title: self.lang.pick("接管编辑", "Take over"),
            message,
            options: vec![
                (self.lang.pick("接管", "Take over").to_string(), Answer::Yes),
                (u.cancel.to_string(), Answer::No),
            ],
            selected: 1,
        }));
    }

    fn take_over(&mut self, holder: &crate::store::lock::Holder) {
        use crate::store::lock::{TAKE_OVER_PATIENCE, TakeOverError, take_over};
        match take_over(&self.session.issue_path, holder, TAKE_OVER_PATIENCE) {
            Ok(lock) => {
                self.session.put_lock_back(lock);
                let path = self.session.issue_path.clone();
                self.open_path(&path);
                if !self.session.read_only && !self.recovery_offered() {
                    self.message(match self.lang {
                        Lang::Zh => format!("已接管进程 {} 的锁，可以编辑了。", holder.pid),
                        Lang::En => {
                            format!("Took over the lock of process {}; you can edit now.", holder.pid)
                        }
                    });
                }
            }
            Err(TakeOverError::NotOurs(h)) => self.error(match self.lang {
                Lang::Zh => format!("无法结束进程 {}（属于另一个用户？），未接管。", h.pid),
                Lang::En => format!("Cannot end process {} (another user's?); not taken over.", h.pid),
            }),
            Err(TakeOverError::StillThere(h)) => self.error(match self.lang {
                Lang::Zh => format!("进程 {} 仍持有锁，未接管。", h.pid),
                Lang::En => format!("Process {} still holds the lock; not taken over.", h.pid),
            }),
            Err(TakeOverError::Io(e)) => self.error(match self.lang {
                Lang::Zh => format!("未接管：{}", crate::store::error::io_reason(&e)),
                Lang::En => format!("Not taken over: {}", crate::store::error::io_reason(&e)),
            }),
        }
    }

    /// Ask whether to create the workspace's first issue (shown when it has none).
    pub fn offer_first_issue(&mut self) {
        let u = self.ui();
        let n = self.session.issue().numbering;
        self.overlay = Overlay::Dialog(Dialog::Confirm(Confirm {
            purpose: ConfirmPurpose::CreateFirstIssue,
            title: self.lang.pick("新建第一期", "First issue"),
            message: match self.lang {
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
            },
            options: vec![(u.yes.to_string(), Answer::Yes), (u.no.to_string(), Answer::No)],
            selected: 0,
        }));
    }

    fn new_item_from_text(&mut self, text: &str) {
        if !self.editable() || self.session.ws.is_none() {
            if self.session.ws.is_none() {
                self.error(self.lang.pick(
                    "此文件不在工作区中，没有稿件池。",
                    "This file is in no workspace: there is no pool.",
                ));
            }
            return;
        }
        self.commit_editor();
        let text = clean_input(text);
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        let today = Date::today();
        let mut item = Item::new(self.session.new_id(today), lines.next().unwrap_or(""));
        item.received = Some(today);
        let body: Vec<&str> = lines.collect();
        if !body.is_empty() {
            item.body = format!("{}\n", body.join("\n"));
        }
        let index = pool_slot(self.session.pool(), &item);
        let id = item.id.clone();
        if self.apply(vec![Op::InsertPool { index, item: Box::new(item) }]) {
            self.pool_filter.clear();
            self.refresh_pool_view();
            if let Some(Loc::Pool(k)) = self.session.locate(&id) {
                self.pool_sel = self.pool_view.iter().position(|&v| v == k).unwrap_or(0);
            }
            self.list_focus = Focus::Pool;
            self.set_focus(Focus::Editor);
        }
    }

    fn delete_item(&mut self) {
        if !self.editable() {
            return;
        }
        let Some(k) = self.selected_pool_index() else { return };
        let item = &self.session.pool()[k];
        let u = self.ui();
        self.overlay = Overlay::Dialog(Dialog::Confirm(Confirm {
            purpose: ConfirmPurpose::DeleteItem { id: item.id.clone() },
            title: self.lang.pick("删除稿件", "Delete item"),
            message: match self.lang {
                Lang::Zh => format!(
                    "删除“{}”？文件将移入工作区的回收站（trash/），不会被销毁。",
                    item.headline_line()
                ),
                Lang::En => format!(
                    "Delete “{}”? Its file moves to the workspace's trash/ folder; nothing is destroyed.",
                    item.headline_line()
                ),
            },
            options: vec![(u.yes.to_string(), Answer::Yes), (u.no.to_string(), Answer::No)],
            selected: 1,
        }));
    }

    fn open_section_form(&mut self, existing: Option<usize>) {
        if !self.editable() {
            return;
        }
        let u = self.ui();
        let form = match existing {
            Some(s) => {
                let title = self.session.issue().sections.get(s).map(|x| x.title.clone()).unwrap_or_default();
                Form::new(
                    FormPurpose::RenameSection(s),
                    u.rename_section_title,
                    vec![FormField::line(u.f_section_title, &title)],
                )
            }
            None => {
                let at = self.selected_section().map_or(self.session.issue().sections.len(), |s| s + 1);
                Form::new(
                    FormPurpose::NewSection { at },
                    u.new_section_title,
                    vec![FormField::line(u.f_section_title, "")],
                )
            }
        };
        self.overlay = Overlay::Dialog(Dialog::Form(form));
    }

    fn delete_section(&mut self) {
        if !self.editable() {
            return;
        }
        let Row::Section(s) = self.outline_sel else { return };
        let section = &self.session.issue().sections[s];
        if section.items.is_empty() {
            return self.remove_section(s);
        }
        let u = self.ui();
        let title = if section.bare_title().is_empty() {
            u.lead_section.to_string()
        } else {
            format!("【{}】", section.bare_title())
        };
        self.overlay = Overlay::Dialog(Dialog::Confirm(Confirm {
            purpose: ConfirmPurpose::DeleteSection(s),
            title: self.lang.pick("删除栏目", "Delete section"),
            message: match self.lang {
                Lang::Zh => {
                    format!("{title}中还有 {} 篇稿件。删除栏目并把它们退回稿件池？", section.items.len())
                }
                Lang::En => format!(
                    "{title} holds {} items. Delete the section and send them back to the pool?",
                    section.items.len()
                ),
            },
            options: vec![(u.yes.to_string(), Answer::Yes), (u.no.to_string(), Answer::No)],
            selected: 1,
        }));
    }

    /// Remove section `s`, sending its items back to the pool (one undoable step).
    fn remove_section(&mut self, s: usize) {
        self.commit_editor();
        let issue = self.session.issue();
        let Some(section) = issue.sections.get(s) else { return };
        let mut keys: Vec<Item> = self.session.pool().to_vec();
        let mut ops = Vec::new();
        for item in section.items.iter().rev() {
            let pool_index = pool_slot(&keys, item);
            keys.insert(pool_index, item.clone());
            ops.push(Op::IssueToPool {
                pos: ItemPos::new(s, section.items.len() - 1 - ops.len()),
                pool_index,
            });
        }
        let head = Section { items: Vec::new(), ..section.clone() };
        ops.push(Op::RemoveSection { index: s, section: Box::new(head) });
        if self.apply(ops) {
            self.outline_sel = if s > 0 { Row::Section(s - 1) } else { Row::Masthead };
            self.sync_editor();
        }
    }

    fn cycle_section_toc(&mut self) {
        if !self.editable() {
            return;
        }
        let Some(s) = self.selected_section() else { return };
        let section = &self.session.issue().sections[s];
        let before = SectionHead { title: section.title.clone(), toc: section.toc };
        let toc = match section.toc {
            TocMode::Items => TocMode::Section,
            TocMode::Section => TocMode::None,
            TocMode::None => TocMode::Items,
        };
        let after = SectionHead { toc, ..before.clone() };
        self.apply(vec![Op::EditSection { index: s, before, after }]);
    }

    fn edit_selected_item(&mut self, change: impl FnOnce(&mut Item)) {
        if !self.editable() {
            return;
        }
        self.commit_editor();
        let Row::Item(pos) = self.outline_sel else { return };
        let Some(before) = self.session.issue().item(pos).cloned() else { return };
        let mut after = before.clone();
        change(&mut after);
        if after != before {
            self.apply(vec![Op::EditItem {
                at: Loc::Issue(pos),
                before: Box::new(before),
                after: Box::new(after),
            }]);
        }
    }

    fn toggle_in_toc(&mut self) {
        self.edit_selected_item(|item| item.in_toc = !item.in_toc);
    }

    fn open_toc_title_form(&mut self) {
        if !self.editable() {
            return;
        }
        let Row::Item(pos) = self.outline_sel else { return };
        let Some(item) = self.session.issue().item(pos) else { return };
        let u = self.ui();
        let form = Form::new(
            FormPurpose::TocTitle { id: item.id.clone() },
            u.toc_title_title,
            vec![FormField::line(u.f_toc_title, &item.toc_title)],
        );
        self.overlay = Overlay::Dialog(Dialog::Form(form));
    }

    fn open_masthead(&mut self) {
        let u = self.ui();
        let issue = self.session.issue();
        let n = issue.numbering;
        let form = Form::new(
            FormPurpose::Masthead,
            u.masthead_title,
            vec![
                FormField::line(u.f_title, &issue.publication.title),
                FormField::line(u.f_publisher, &issue.publication.publisher),
                FormField::line(u.f_year, &n.year.to_string()),
                FormField::line(u.f_number, &n.number.to_string()),
                FormField::line(u.f_total, &n.total.to_string()),
                FormField::line(u.f_date, &n.date.to_string()),
                FormField::line(u.f_toc_heading, &issue.publication.toc_heading),
            ],
        );
        self.overlay = Overlay::Dialog(Dialog::Form(form));
    }

    fn open_footer(&mut self) {
        let u = self.ui();
        let f = &self.session.issue().footer;
        let mut form = Form::new(
            FormPurpose::Footer,
            u.footer_title,
            vec![
                FormField::line(u.f_email, &f.email),
                FormField::line(u.f_editor, &f.editor),
                FormField::line(u.f_reviewer, &f.reviewer),
                FormField::line(u.f_copies, &f.copies.to_string()),
                FormField::multi(u.f_distribution, &format_distribution(&f.distribution)),
            ],
        );
        form.hint = Some(u.distribution_hint);
        self.overlay = Overlay::Dialog(Dialog::Form(form));
    }

    fn open_export(&mut self) {
        self.commit_editor();
        let u = self.ui();
        let issue = self.session.issue();
        let path = default_output(&self.session.issue_path, issue, Format::Text);
        let paginate = usize::from(issue.layout.lines_per_page == 0);
        let mut form = Form::new(
            FormPurpose::Export,
            u.export_title,
            vec![
                FormField::line(u.f_path, &path.to_string_lossy()),
                FormField::choice(u.f_format, &["text", "markdown"], 0),
                FormField::line(u.f_width, &issue.layout.width.to_string()),
                FormField::choice(u.f_paginate, &[u.yes, u.no], paginate),
            ],
        );
        form.hint = Some(u.choice_hint);
        self.overlay = Overlay::Dialog(Dialog::Form(form));
    }

    fn open_import(&mut self) {
        if !self.editable() {
            return;
        }
        if self.session.ws.is_none() {
            return self.error(self.lang.pick(
                "此文件不在工作区中，没有稿件池。",
                "This file is in no workspace: there is no pool.",
            ));
        }
        let u = self.ui();
        let start = std::env::current_dir().map(|d| format!("{}/", d.display())).unwrap_or_default();
        let mut form =
            Form::new(FormPurpose::Import, u.import_title, vec![FormField::line(u.f_import_path, &start)]);
        form.hint = Some(u.import_hint);
        self.overlay = Overlay::Dialog(Dialog::Form(form));
    }

    /// Import a file's items into the pool, as one undoable step.
    fn import_from(&mut self, form: &Form) -> Result<Vec<Op>, String> {
        let path = PathBuf::from(form.value(0));
        let doc = crate::import::read_file(&path).map_err(|e| e.to_string())?;
        let today = Date::today();
        let taken = |id: &str| {
            self.session.locate(id).is_some()
                || self.session.ws.as_ref().is_some_and(|ws| {
                    ws.pool_path(id).exists() || ws.trash_dir().join(format!("{id}.toml")).exists()
                })
        };
        let items = crate::import::items(&doc, crate::import::id_maker(today, taken));
        if items.is_empty() {
            return Err(self.lang.pick("文件中没有找到稿件。", "No item was found in the file.").to_string());
        }
        let mut pool = self.session.pool().to_vec();
        let mut ops = Vec::new();
        for mut item in items {
            item.received = Some(today);
            item.origin = path.display().to_string();
            let index = pool_slot(&pool, &item);
            pool.insert(index, item.clone());
            ops.push(Op::InsertPool { index, item: Box::new(item) });
        }
        let warnings = crate::import::warnings(&doc);
        let n = ops.len();
        self.pending_message = Some(match self.lang {
            Lang::Zh => format!(
                "已导入 {n} 篇稿件（{}）{}",
                doc.encoding,
                if warnings.is_empty() {
                    String::new()
                } else {
                    format!("；注意：{}", warnings.join("；"))
                }
            ),
            Lang::En => format!(
                "Imported {n} items ({}){}",
                doc.encoding,
                if warnings.is_empty() { String::new() } else { format!("; {}", warnings.join("; ")) }
            ),
        });
        Ok(ops)
    }

    fn open_preview(&mut self) {
        self.commit_editor();
        let issue = self.session.issue();
        let out = text(issue, TextOptions::of(issue));
        let mut lines = Vec::new();
        for line in out.split('\n') {
            match line.strip_prefix('\u{c}') {
                Some(rest) => {
                    lines.push("\u{c}".to_string());
                    lines.push(rest.to_string());
                }
                None => lines.push(line.to_string()),
            }
        }
        if lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        self.overlay = Overlay::Preview { lines, scroll: 0 };
    }

    fn open_open_dialog(&mut self) {
        let u = self.ui();
        let mut entries = Vec::new();
        if let Some(ws) = &self.session.ws
            && let Ok(headers) = ws.issue_headers()
        {
            for e in headers {
                let label = match &e.header {
                    Ok(h) => format!(
                        "{}  《{}》  {}",
                        h.numbering.year_and_number(),
                        h.title,
                        h.numbering.date.chinese()
                    ),
                    Err(_) => e.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
                };
                entries.push(OpenEntry { path: e.path, label, group: u.issues });
            }
        }
        if let Some(file) = &self.recent_file {
            for path in Recent::load(file).files.into_iter().filter(|p| p.is_file()) {
                if !entries.iter().any(|e| e.path.canonicalize().ok().as_ref() == Some(&path)) {
                    let label = path.to_string_lossy().to_string();
                    entries.push(OpenEntry { path, label, group: u.recent });
                }
            }
        }
        self.overlay = Overlay::Dialog(Dialog::Open(OpenList { entries, selected: 0 }));
    }

    /// Open another issue file in place of this one.
    pub fn open_path(&mut self, path: &Path) {
        let same =
            crate::store::lock::lock_path(path) == crate::store::lock::lock_path(&self.session.issue_path);
        let lock = if same { self.session.take_lock_out() } else { None };
        match Session::open_with_lock(path, lock) {
            Ok(session) => {
                let lang = self.lang;
                let recent = self.recent_file.clone();
                let recovery_dir = self.recovery_dir.clone();
                let keymap = std::mem::take(&mut self.keymap);
                let theme = std::mem::take(&mut self.theme);
                // The old session (and its lock) goes before the new app offers anything.
                *self = App::new(session, lang, keymap, theme);
                self.recent_file = recent;
                self.recovery_dir = recovery_dir;
                self.remember_recent();
                self.offer_recovery();
            }
            Err(e) => {
                if same {
                    // The lock was handed over to a session that never opened: take it again.
                    if let Ok(crate::store::lock::Acquired::Held { lock, .. }) =
                        crate::store::lock::acquire(&self.session.issue_path)
                    {
                        self.session.put_lock_back(lock);
                    }
                }
                self.error(e.to_string())
            }
        }
    }

    pub fn remember_recent(&self) {
        if let Some(file) = &self.recent_file {
            let mut recent = Recent::load(file);
            recent.add(&self.session.issue_path);
            let _ = recent.save(file);
        }
    }

    fn new_issue(&mut self) {
        let ws = self.session.ws.as_ref().map(|w| w.root().to_path_buf());
        match crate::commands::new::new_issue(Some(&self.session.issue_path), ws.as_deref(), None) {
            Ok(path) => {
                self.open_path(&path);
                let n = self.session.issue().numbering;
                self.message(match self.lang {
                    Lang::Zh => format!("已新建 {}", n.year_and_number()),
                    Lang::En => format!("Created {}", n.year_and_number()),
                });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    // ----- dialogs -----------------------------------------------------------------------

    fn confirm_form(&mut self) {
        let Overlay::Dialog(Dialog::Form(mut form)) = std::mem::replace(&mut self.overlay, Overlay::None)
        else {
            return;
        };
        let result = match &form.purpose {
            FormPurpose::Masthead => self.masthead_ops(&form).map(Some),
            FormPurpose::Footer => self.footer_ops(&form).map(Some),
            FormPurpose::Export => self.export_from(&form).map(|()| None),
            FormPurpose::Import => self.import_from(&form).map(Some),
            FormPurpose::NewSection { at } => {
                let at = (*at).min(self.session.issue().sections.len());
                Ok(Some(vec![Op::InsertSection {
                    index: at,
                    section: Box::new(Section::new(form.value(0).trim())),
                }]))
            }
            FormPurpose::RenameSection(s) => {
                let section = &self.session.issue().sections[*s];
                let before = SectionHead { title: section.title.clone(), toc: section.toc };
                let after = SectionHead { title: form.value(0), ..before.clone() };
                Ok(Some(if before == after {
                    vec![]
                } else {
                    vec![Op::EditSection { index: *s, before, after }]
                }))
            }
            FormPurpose::TocTitle { id } => match self.session.locate(id) {
                Some(loc @ Loc::Issue(_)) => {
                    let before =
                        item_at(&self.session.model, loc).cloned().unwrap_or_else(|| Item::new(id, ""));
                    let after = Item { toc_title: form.value(0), ..before.clone() };
                    Ok(Some(vec![Op::EditItem { at: loc, before: Box::new(before), after: Box::new(after) }]))
                }
                _ => Ok(None),
            },
        };
        let purpose = form.purpose.clone();
        match result {
            Err(message) => {
                form.error = Some(message);
                self.overlay = Overlay::Dialog(Dialog::Form(form));
            }
            Ok(ops) => {
                if let Some(ops) = ops.filter(|o| !o.is_empty())
                    && self.apply(ops)
                {
                    match purpose {
                        FormPurpose::NewSection { at } => {
                            self.outline_sel = Row::Section(at.min(self.session.issue().sections.len() - 1));
                        }
                        FormPurpose::Import => {
                            self.pool_filter.clear();
                            self.pool_sel = 0;
                            self.refresh_pool_view();
                            self.set_focus(Focus::Pool);
                        }
                        _ => {}
                    }
                }
                if let Some(text) = self.pending_message.take() {
                    self.message(text);
                }
            }
        }
    }

    fn masthead_ops(&self, form: &Form) -> Result<Vec<Op>, String> {
        let issue = self.session.issue();
        let before = Meta::of(issue);
        let mut after = before.clone();
        let bad = |what: &str| match self.lang {
            Lang::Zh => format!("{what}不是有效的数字"),
            Lang::En => format!("{what} is not a valid number"),
        };
        let u = self.ui();
        after.publication.title = form.value(0);
        after.publication.publisher = form.value(1);
        after.numbering.year = form.value(2).parse().map_err(|_| bad(u.f_year))?;
        after.numbering.number = form.value(3).parse().map_err(|_| bad(u.f_number))?;
        after.numbering.total = form.value(4).parse().map_err(|_| bad(u.f_total))?;
        after.numbering.date = form.value(5).parse::<Date>().map_err(|e| format!("{}: {e}", u.f_date))?;
        after.publication.toc_heading = form.value(6);
        if after.publication.title.is_empty() {
            return Err(self.lang.pick("刊名不能为空", "The title cannot be empty").to_string());
        }
        Ok(if after == before {
            vec![]
        } else {
            vec![Op::EditMeta { before: Box::new(before), after: Box::new(after) }]
        })
    }

    fn footer_ops(&self, form: &Form) -> Result<Vec<Op>, String> {
        let before = Meta::of(self.session.issue());
        let mut after = before.clone();
        after.footer.email = form.value(0);
        after.footer.editor = form.value(1);
        after.footer.reviewer = form.value(2);
        let copies = form.value(3);
        after.footer.copies = if copies.is_empty() {
            0
        } else {
            copies.parse().map_err(|_| format!("{}: {copies}", self.ui().f_copies))?
        };
        after.footer.distribution = parse_distribution(&form.value(4));
        Ok(if after == before {
            vec![]
        } else {
            vec![Op::EditMeta { before: Box::new(before), after: Box::new(after) }]
        })
    }

    fn export_from(&mut self, form: &Form) -> Result<(), String> {
        let issue = self.session.issue();
        let format = if form.field(1).choice == 1 { Format::Markdown } else { Format::Text };
        let width: u32 =
            form.value(2).parse().map_err(|_| format!("{}: {}", self.ui().f_width, form.value(2)))?;
        let settings = Settings {
            format,
            width: (width != issue.layout.width).then_some(width),
            paginate: Some(form.field(3).choice == 0 && width > 0),
        };
        let mut path = PathBuf::from(form.value(0));
        let default_text = default_output(&self.session.issue_path, issue, Format::Text);
        if format == Format::Markdown && path == default_text {
            path = default_output(&self.session.issue_path, issue, Format::Markdown);
        }
        let is_default = path == default_output(&self.session.issue_path, issue, format);
        let out = render(issue, settings).map_err(|e| e.to_string())?;
        write_export(&path, out.as_bytes(), is_default).map_err(|e| e.to_string())?;
        let shown = path.display().to_string();
        self.message(match self.lang {
            Lang::Zh => format!("已导出到 {shown}"),
            Lang::En => format!("Exported to {shown}"),
        });
        Ok(())
    }
}

fn item_matches(item: &Item, query: &str) -> bool {
    let hit = |s: &str| s.to_lowercase().contains(query);
    hit(&item.headline) || hit(&item.body) || item.sources.iter().any(|s| hit(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distribution_text_round_trips() {
        let text = "分送：市科协驻会领导\n机关各部门\n报：市委办公厅\n送：";
        let groups = parse_distribution(text);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].recipients, ["市科协驻会领导", "机关各部门"]);
        assert_eq!(groups[2].recipients.len(), 0);
        assert_eq!(format_distribution(&groups), text);
        // A recipient with a colon late in the line is not a label.
        assert_eq!(parse_distribution("分送：甲\n市学会、基金会：各区科协")[0].recipients.len(), 2);
    }
}
