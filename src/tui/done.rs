//! What the app does with the outcome of an effect, the recovery file's clock, and the
//! status bar's figures (made on another thread for a long issue).

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use super::action::Msg;
use super::app::{App, Focus, Stats};
use super::cmd::{Cmd, Select, Step};
use super::effect::{self, Done, Effect, Imported, Then};
use super::layers::Layer;
use super::layers::confirm::{Confirm, ConfirmKind};
use super::layers::open::OpenList;
use super::msg::Message;
use super::panes::pool::pool_slot;
use crate::export::{TextOptions, text};
use crate::model::Issue;
use crate::model::history::Op;
use crate::store::StoreError;
use crate::store::lock::TakeOverError;
use crate::store::recovery::Snapshot;
use crate::store::session::ReadOnly;

/// Issues with more body text than this (bytes; about 65,000 字) have their status-bar
/// figures made on another thread.
pub const STATS_IN_BACKGROUND_ABOVE: usize = 200_000;

/// 字数 and pages of `issue` (the pages of its paginated export at its layout, 28 字 ×
/// 22 lines when the layout leaves them open).
pub fn issue_stats(issue: &Issue, rev: u64) -> Stats {
    let width = if issue.layout.width == 0 { 28 } else { issue.layout.width };
    let lines_per_page = if issue.layout.lines_per_page == 0 { 22 } else { issue.layout.lines_per_page };
    let pages = text(issue, TextOptions { width, lines_per_page }).matches('\u{c}').count() + 1;
    let findings = crate::check::check(issue, None);
    let errors = crate::check::error_count(&findings);
    Stats {
        rev,
        issue_zi: issue.zi_count(),
        pages,
        errors,
        warnings: findings.len() - errors,
        pending: false,
    }
}

impl App {
    pub(super) fn done(&mut self, done: Done, queue: &mut VecDeque<Cmd>) {
        let say = |app: &mut App, m: Message| app.view.status = Some(m);
        match done {
            Done::Nothing => {}
            Done::Saved(Ok(report), then) => {
                self.view.recovery = Default::default();
                self.sync_recovery();
                if !report.kept_both.is_empty() {
                    self.after_change(); // items got new ids
                }
                let file = self.file_name();
                say(self, Message::Saved { file, report });
                self.then(then, queue);
            }
            Done::Saved(Err(StoreError::LockLost { .. }), _) => {
                let kept = self.write_recovery();
                say(self, Message::LockLost(kept));
            }
            Done::Saved(Err(e), _) => say(self, Message::SaveFailed(e)),
            Done::Exported(Ok((path, report))) => {
                say(self, Message::Exported(path));
                // A PDF: which face served each role, and what had to be substituted.
                if let Some(report) = report {
                    let lang = self.env.lang;
                    let pages = report.pages;
                    let head = match pages {
                        0 => lang.pick(
                            "字体（打开文档的电脑上缺少的会被替换）：".to_string(),
                            "Fonts (Word/WPS substitute missing ones):".to_string(),
                        ),
                        n => lang.pick(format!("共 {n} 页。字体："), format!("{n} pages. Fonts:")),
                    };
                    let text = std::iter::once(head).chain(report.say(lang)).collect::<Vec<_>>().join("\n");
                    let title = if pages == 0 {
                        lang.pick("DOCX 已导出", "DOCX exported")
                    } else {
                        lang.pick("PDF 已导出", "PDF exported")
                    };
                    let info =
                        Confirm::new(ConfirmKind::Info, title, text).button(lang.pick("确定", "OK"), vec![]);
                    self.view.layers.push(Layer::Confirm(info));
                }
            }
            Done::Exported(Err(e)) => say(self, Message::ExportFailed(e)),
            Done::DefaultsSaved(Ok(path)) => say(self, Message::DefaultsSaved(path)),
            Done::Initialized(Ok(path)) => queue.push_back(Cmd::Leave(Then::Open(path))),
            Done::Initialized(Err(e)) => say(self, Message::InitFailed(e)),
            Done::DefaultsSaved(Err(e)) => say(self, Message::DefaultsFailed(e)),
            Done::Imported(Ok(imported)) => self.imported(imported, queue),
            Done::Imported(Err(e)) => say(self, Message::ImportFailed(e)),
            Done::Opened(Ok(doc)) => {
                let taken_over = self.view.status.take();
                self.replace(*doc);
                queue.push_back(Cmd::Effect(Effect::RememberRecent));
                if !self.doc.read_only {
                    queue.push_back(Cmd::Effect(Effect::FindRecovery));
                }
                if let Some(m) = taken_over.filter(|m| matches!(m, Message::TookOver(_))) {
                    say(self, m);
                }
            }
            Done::Opened(Err(e)) => say(self, Message::OpenFailed(e)),
            Done::Created(Ok(path)) => {
                let opened = effect::run(Effect::Open { path }, &mut self.doc, &self.env.dirs);
                self.done(opened, queue);
                say(self, Message::Created(self.doc.issue().numbering.year_and_number()));
            }
            Done::Created(Err(e)) => say(self, Message::NewIssueFailed(e)),
            Done::Issues(entries) => self.view.layers.push(Layer::Open(OpenList { entries, selected: 0 })),
            Done::RecoveryWritten(Ok(file)) => {
                self.view.recovery.written = self.view.recovery.pending.take().flatten();
                self.view.recovery.file = file;
                self.view.recovery.error_shown = false;
            }
            Done::RecoveryWritten(Err(e)) => {
                self.view.recovery.pending = None;
                tracing::error!("recovery file not written: {e}");
                if !self.view.recovery.error_shown {
                    self.view.recovery.error_shown = true;
                    say(self, Message::RecoveryWriteFailed(e));
                }
            }
            Done::Kept(Ok(file)) => {
                self.view.recovery.written = self.view.recovery.pending.take().flatten();
                self.view.recovery.file = Some(file);
            }
            Done::Kept(Err(e)) => tracing::error!("changes of a lost lock not kept: {e}"),
            Done::SetAside(Ok(to)) => say(self, Message::RecoveryDropped(to)),
            Done::SetAside(Err(e)) => say(self, Message::Failed(e)),
            Done::Recovery(None) => {}
            Done::Recovery(Some(Ok(rec))) => self.offer_recovery(rec),
            Done::Recovery(Some(Err(e))) => say(self, Message::RecoveryUnreadable(e)),
            Done::OlderRecovery(Ok(to)) => say(self, Message::RecoveryOlder(to)),
            Done::OlderRecovery(Err(e)) => say(self, Message::Failed(e)),
            Done::TookOver(Ok(lock), holder) => {
                self.doc.put_lock_back(lock);
                self.view.status = Some(Message::TookOver(holder.pid));
                let path = self.doc.issue_path.clone();
                queue.push_back(Cmd::Effect(Effect::Open { path }));
            }
            Done::TookOver(Err(e), _) => say(
                self,
                match e {
                    TakeOverError::NotOurs(h) => Message::TakeOverRefused(h),
                    TakeOverError::StillThere(h) => Message::TakeOverStuck(h),
                    TakeOverError::Io(e) => {
                        Message::TakeOverFailed(crate::store::error::Reason::of(&e).say(self.env.lang))
                    }
                },
            ),
        }
    }

    fn file_name(&self) -> String {
        self.doc.issue_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
    }

    /// A file's items into the pool, as one undoable step.
    fn imported(&mut self, imported: Imported, queue: &mut VecDeque<Cmd>) {
        let Imported { items, encoding, warnings, duplicates, .. } = imported;
        let Some(first) = items.first().map(|i| i.id.clone()) else {
            self.view.status = Some(if duplicates.is_empty() {
                Message::NothingToImport
            } else {
                Message::AllDuplicates(duplicates)
            });
            return;
        };
        let mut pool = self.doc.pool().to_vec();
        let mut ops = Vec::new();
        let count = items.len();
        for item in items {
            let index = pool_slot(&pool, &item);
            pool.insert(index, item.clone());
            ops.push(Op::InsertPool { index, item: Box::new(item) });
        }
        let step = Step::new(ops).select(Select::Pooled(first)).say(Message::Imported {
            count,
            encoding,
            warnings,
            duplicates,
        });
        queue.push_back(Cmd::Step(step));
        queue.push_back(Cmd::Focus(Focus::Pool));
    }

    // ----- the recovery file -----------------------------------------------------------

    /// The unsaved state, with the item as it stands in the editor; `None` when all is saved.
    fn unsaved_snapshot(&self) -> Option<Snapshot> {
        let editing = self.editor().filter(|e| e.is_modified()).map(|e| e.item());
        if !self.doc.is_dirty() && editing.is_none() {
            return None;
        }
        Some(self.doc.snapshot(editing.as_ref()))
    }

    /// Write the recovery file if it is due at `now`.
    pub fn tick(&mut self, now: Instant) {
        if self.view.recovery.due.is_some_and(|due| due <= now) {
            self.view.recovery.due = None;
            self.sync_recovery();
        }
    }

    /// Make the recovery file describe the document as it is now: every unsaved change
    /// written to it, or — back at the saved state (saved, undone, typed back) — no file,
    /// so that nothing undone comes back at the next start.
    fn sync_recovery(&mut self) {
        let lost = matches!(self.doc.why_read_only, Some(ReadOnly::LockLost));
        if (self.doc.read_only && !lost) || self.recovery_offered() {
            return;
        }
        let snapshot = self.unsaved_snapshot();
        if snapshot.is_some() && snapshot == self.view.recovery.written {
            return; // the file says this already
        }
        let effect = match (lost, snapshot.clone()) {
            (true, Some(s)) => Effect::KeepLost(s),
            (true, None) => return,
            (false, s) => Effect::SyncRecovery(s),
        };
        self.view.recovery.pending = Some(snapshot);
        let done = effect::run(effect, &mut self.doc, &self.env.dirs);
        let mut queue = VecDeque::new();
        self.done(done, &mut queue);
    }

    /// Write every unsaved change to the recovery file now (the ways out: signals, a lost
    /// terminal, a panic); the file, when one holds changes.
    pub fn write_recovery(&mut self) -> Option<PathBuf> {
        self.sync_recovery();
        self.view.recovery.written.as_ref()?;
        self.view.recovery.file.clone()
    }

    // ----- the status bar's figures ------------------------------------------------------

    /// Count the issue's figures after a change: at once for an ordinary issue, on another
    /// thread for a long one (one job at a time; `…` until the first comes).
    pub(super) fn count(&mut self) {
        let rev = self.doc.rev();
        if self.view.stats.rev == rev || self.view.stats_job.is_some() {
            return;
        }
        let issue = self.doc.issue();
        let text_bytes: usize = issue.sections.iter().flat_map(|s| &s.items).map(|i| i.body.len()).sum();
        if text_bytes <= STATS_IN_BACKGROUND_ABOVE {
            self.view.stats = issue_stats(issue, rev);
            return;
        }
        let issue = issue.clone();
        let notify = Arc::clone(&self.env.notify);
        let spawned = std::thread::Builder::new()
            .name("stats".into())
            .spawn(move || notify(Msg::StatsReady(issue_stats(&issue, rev))))
            .is_ok();
        if spawned {
            self.view.stats_job = Some(rev);
        } else {
            self.view.stats = issue_stats(self.doc.issue(), rev);
        }
    }

    pub(super) fn stats_arrived(&mut self, stats: Stats) {
        self.view.stats = stats;
        self.view.stats_job = None;
        self.count();
    }
}

/// The recovery file's clock and what it holds.
#[derive(Default)]
pub struct Recovery {
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
