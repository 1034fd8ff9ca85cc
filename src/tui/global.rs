//! The actions that belong to no pane: save, export, preview, undo, quit, the masthead and
//! footer dialogs, opening and making issues, taking a lock over — and what leaving the
//! document asks first.

use std::collections::VecDeque;

use super::action::Action;
use super::app::{App, Focus};
use super::cmd::Cmd;
use super::effect::{Effect, Then};
use super::layers::export::ExportForm;
use super::layers::help::Help;
use super::layers::import::ImportForm;
use super::layers::issue_forms::{FooterForm, MastheadForm};
use super::layers::preview::Preview;
use super::layers::{Confirm, ConfirmKind, Layer};
use super::msg::Message;
use crate::lang::Lang;
use crate::store::recovery::Recovered;
use crate::store::session::ReadOnly;

impl App {
    pub(super) fn global(&mut self, action: Action, queue: &mut VecDeque<Cmd>) {
        let lang = self.env.lang;
        match action {
            Action::FocusNext | Action::FocusPrev => {
                let order = [Focus::Pool, Focus::Outline, Focus::Editor];
                let k = order.iter().position(|f| *f == self.view.focus).unwrap_or(0);
                let next = if action == Action::FocusNext { (k + 1) % 3 } else { (k + 2) % 3 };
                self.set_focus(order[next]);
            }
            Action::Save => queue.push_back(Cmd::Effect(Effect::Save { then: Then::Nothing })),
            Action::Export => {
                let form = ExportForm::new(&self.cx());
                self.view.layers.push(Layer::Form(Box::new(form)));
            }
            Action::Preview => self.view.layers.push(Layer::Preview(Preview::of(self.doc.issue()))),
            Action::Help => self.view.layers.push(Layer::Help(Help::default())),
            Action::Findings => {
                let list = super::layers::findings::FindingsList::of(&self.cx());
                self.view.layers.push(Layer::Form(Box::new(list)));
            }
            Action::Undo | Action::Redo => {
                let undo = action == Action::Undo;
                let done = if undo { self.doc.undo() } else { self.doc.redo() };
                match done {
                    Ok(true) => {}
                    Ok(false) => {
                        self.view.status =
                            Some(if undo { Message::NothingToUndo } else { Message::NothingToRedo })
                    }
                    Err(e) => {
                        tracing::error!("undo/redo did not fit the document: {}", e.0);
                        self.view.status = Some(Message::NotDone);
                    }
                }
            }
            Action::Quit => self.leave(Then::Quit, queue),
            Action::NewIssue => self.leave(Then::NewIssue, queue),
            Action::Open => queue.push_back(Cmd::Effect(Effect::ListIssues)),
            Action::Masthead | Action::Footer if self.doc.read_only => {
                self.view.status = Some(Message::ReadOnly)
            }
            Action::Masthead => {
                let form = MastheadForm::new(&self.cx());
                self.view.layers.push(Layer::Form(Box::new(form)));
            }
            Action::Footer => {
                let form = FooterForm::new(&self.cx());
                self.view.layers.push(Layer::Form(Box::new(form)));
            }
            Action::Import => {
                if self.doc.read_only {
                    self.view.status = Some(Message::ReadOnly);
                } else if self.doc.ws.is_none() {
                    self.view.status = Some(Message::NoWorkspace);
                } else {
                    let start = format!("{}/", self.env.cwd.display());
                    self.view.layers.push(Layer::Form(Box::new(ImportForm::new(&start))));
                }
            }
            Action::TakeOver => self.offer_take_over(lang),
            _ => {}
        }
    }

    /// Do `then` now, or — with unsaved changes — after asking: save first, go on without
    /// saving, or stay. The question names what is being left for.
    pub(super) fn leave(&mut self, then: Then, queue: &mut VecDeque<Cmd>) {
        if !self.is_dirty() {
            return self.then(then, queue);
        }
        let lang = self.env.lang;
        let (kind, title, save, discard) = match &then {
            Then::Quit | Then::Nothing => (
                ConfirmKind::Quit,
                lang.pick("退出", "Quit"),
                lang.pick("保存并退出", "Save and quit"),
                lang.pick("不保存，退出", "Quit without saving"),
            ),
            Then::NewIssue => (
                ConfirmKind::Leave,
                lang.pick("新建下一期", "New issue"),
                lang.pick("保存后新建", "Save, then make it"),
                lang.pick("不保存，新建", "Make it without saving"),
            ),
            Then::Open(_) => (
                ConfirmKind::Leave,
                lang.pick("打开另一期", "Open another issue"),
                lang.pick("保存后打开", "Save, then open"),
                lang.pick("不保存，打开", "Open without saving"),
            ),
        };
        let confirm =
            Confirm::new(kind, title, lang.pick("本期有未保存的修改。", "This issue has unsaved changes."))
                .button(save, vec![Cmd::Effect(Effect::Save { then: then.clone() })])
                .button(discard, vec![Cmd::Discard(then)])
                .button(lang.pick("取消", "Cancel"), vec![]);
        self.view.layers.push(Layer::Confirm(confirm));
    }

    /// What comes after leaving (or after a save that was asked for first).
    pub(super) fn then(&mut self, then: Then, queue: &mut VecDeque<Cmd>) {
        match then {
            Then::Nothing => {}
            Then::Quit => {
                // Clean: no recovery file stays behind to be offered again.
                self.write_recovery();
                self.view.quit = true;
            }
            Then::Open(path) => queue.push_back(Cmd::Effect(Effect::Open { path })),
            Then::NewIssue => queue.push_back(Cmd::Effect(Effect::NewIssue)),
        }
    }

    /// Offer a recovery file found at opening: Enter restores, Esc sets it aside.
    pub(super) fn offer_recovery(&mut self, rec: Recovered) {
        let lang = self.env.lang;
        let name =
            self.doc.issue_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let n_pool = rec.snapshot.pool_changed.len() + rec.snapshot.pool_removed.len();
        let message = match lang {
            Lang::Zh => format!(
                "{name} 有未保存的修改（{} 记下，稿件池另有 {n_pool} 处）。恢复吗？\nEnter 恢复；Esc 放弃（恢复文件移到 discarded/ 备查）。",
                rec.written
            ),
            Lang::En => format!(
                "{name} has unsaved changes (recorded {}; {n_pool} in the pool). Restore them?\nEnter restores; Esc drops them (the file is kept in discarded/).",
                rec.written
            ),
        };
        let file = rec.file.clone();
        let confirm = Confirm::new(
            ConfirmKind::Restore,
            lang.pick("恢复未保存的修改", "Unsaved changes found"),
            message,
        )
        .button(lang.pick("恢复", "Restore"), vec![Cmd::Restore(Box::new(rec))])
        .button(lang.pick("放弃", "Drop"), vec![Cmd::Effect(Effect::SetAside(file.clone()))])
        .on_cancel(vec![Cmd::Effect(Effect::SetAside(file))]);
        self.view.layers.push(Layer::Confirm(confirm));
    }

    /// Put a recovered state in place of the open one (unsaved: the user saves it).
    pub(super) fn restore(&mut self, rec: Recovered) {
        let editing = self.editor().map(|e| e.id.clone());
        self.view.editor.ed = None;
        self.doc.restore(rec.snapshot);
        self.view.recovery.written = None;
        self.after_change();
        if let Some(id) = editing
            && let Some(crate::model::history::Loc::Issue(pos)) = self.doc.locate(&id)
        {
            self.view.outline.sel = super::panes::outline::Row::Item(pos);
        }
        self.view.status = Some(Message::Restored);
    }

    /// Offer to take over the lock of the jianbao that holds this issue (vim's "Edit
    /// anyway"): the confirmation names it, and says what happens to it.
    fn offer_take_over(&mut self, lang: Lang) {
        let Some(ReadOnly::Locked { holder: Some(h), .. }) = &self.doc.why_read_only else {
            self.view.status = Some(Message::NotLocked);
            return;
        };
        let here = h.host == crate::store::lock::host_name();
        let name =
            self.doc.issue_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let message = match (lang, here) {
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
        let confirm = Confirm::new(ConfirmKind::TakeOver, lang.pick("接管编辑", "Take over"), message)
            .button(lang.pick("接管", "Take over"), vec![Cmd::Effect(Effect::TakeOver(h.clone()))])
            .button(lang.pick("取消", "Cancel"), vec![])
            .selected(1);
        self.view.layers.push(Layer::Confirm(confirm));
    }

    /// The read-only banner's sentence, if the issue is read-only.
    pub fn banner(&self) -> Option<String> {
        let lang = self.env.lang;
        let name =
            self.doc.issue_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let zh = lang == Lang::Zh;
        Some(match self.doc.why_read_only.as_ref()? {
            ReadOnly::NewerFormat => pick(
                zh,
                format!("只读：{name} 由更新版本的 jianbao 写成，不会被改写。请升级 jianbao。"),
                format!(
                    "Read-only: {name} was written by a newer jianbao and will not be rewritten. Update jianbao."
                ),
            ),
            ReadOnly::Locked { holder: Some(h), .. } => {
                let key = self
                    .env
                    .keymap
                    .key_for(super::keymap::Context::Global, Action::TakeOver)
                    .unwrap_or_default();
                pick(
                    zh,
                    format!(
                        "只读：{name} 正由另一个 jianbao 编辑（进程 {}，主机 {}，{} 起）。关掉那一个再打开即可编辑；若那个已不在使用，按 {key} 接管。",
                        h.pid, h.host, h.since
                    ),
                    format!(
                        "Read-only: {name} is open in another jianbao (pid {} on {}, since {}). Close that one and reopen to edit; if it is no longer in use, {key} takes over.",
                        h.pid, h.host, h.since
                    ),
                )
            }
            ReadOnly::Locked { holder: None, lock_file } => pick(
                zh,
                format!("只读：{name} 正由另一个 jianbao 编辑（锁文件 {}）。", lock_file.display()),
                format!("Read-only: {name} is open in another jianbao (lock file {}).", lock_file.display()),
            ),
            ReadOnly::FileNotWritable => pick(
                zh,
                format!("只读：{name} 是只读文件（或你没有写权限），不会被改写。"),
                format!(
                    "Read-only: {name} is a read-only file (or not yours to write); it will not be changed."
                ),
            ),
            ReadOnly::NoLock(reason) => pick(
                zh,
                format!("只读：无法为 {name} 加锁（{}），为免与别人互相覆盖，只读打开。", reason.say(lang)),
                format!(
                    "Read-only: {name} could not be locked ({}); it is open read-only so no one's work is overwritten.",
                    reason.say(lang)
                ),
            ),
            ReadOnly::LockLost => pick(
                zh,
                format!("只读：{name} 已被另一个 jianbao 接管，这里不再保存。"),
                format!(
                    "Read-only: {name} was taken over by another jianbao; nothing is saved here any more."
                ),
            ),
        })
    }
}

fn pick(zh: bool, a: String, b: String) -> String {
    if zh { a } else { b }
}

impl App {
    /// The first run's setup dialog over the sample: the office's own publication, in a
    /// new workspace at `folder` (suggested; the user may change it).
    pub fn offer_setup(&mut self, folder: &std::path::Path) {
        let form = super::layers::setup::SetupForm::new(&self.cx(), folder);
        self.view.layers.push(Layer::Form(Box::new(form)));
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
                vec![Cmd::Effect(Effect::Save { then: Then::Nothing }), Cmd::Effect(Effect::RememberRecent)],
            )
            .button(lang.pick("否", "No"), vec![Cmd::Quit])
            .on_cancel(vec![Cmd::Quit]);
        self.view.layers.push(Layer::Confirm(confirm));
    }
}
