//! What the editor tells the user, as data: each message knows its severity and says
//! itself in the interface's language when it is shown. Errors of the layers below keep
//! their own types (with `io::ErrorKind` inside) and are worded here, at the edge.

use std::path::{Path, PathBuf};

use crate::commands::CommandError;
use crate::import::ImportError;
use crate::lang::Lang;
use crate::store::StoreError;
use crate::store::lock::Holder;
use crate::store::session::{Notice, SaveReport};

/// How a message is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Info,
    /// Shown like an error: something the user should act on.
    Warning,
    Error,
}

/// A field of a dialog, named in messages about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Title,
    Publisher,
    Year,
    Number,
    Total,
    Date,
    TocHeading,
    /// The masthead's and footer's "write jianbao.toml too" box.
    AlsoDefault,
    /// The setup's headline style and folder.
    Style,
    Folder,
    Email,
    Editor,
    Reviewer,
    Copies,
    Distribution,
    Path,
    Format,
    Width,
    Paginate,
    SectionTitle,
    TocTitle,
    ImportPath,
}

impl Label {
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Label::Title => ("刊名", "Title"),
            Label::Publisher => ("编印单位", "Publisher"),
            Label::Year => ("年份", "Year"),
            Label::Number => ("期号", "Number"),
            Label::Total => ("总期号", "Running no."),
            Label::Date => ("日期", "Date"),
            Label::TocHeading => ("目录标题", "TOC heading"),
            Label::AlsoDefault => ("也作为以后各期的默认", "Also the default for later issues"),
            Label::Style => ("标题样式", "Headlines"),
            Label::Folder => ("文件夹", "Folder"),
            Label::Email => ("报送邮箱", "E-mail"),
            Label::Editor => ("编辑", "Editor"),
            Label::Reviewer => ("审核", "Reviewer"),
            Label::Copies => ("印数", "Copies"),
            Label::Distribution => ("分送", "Distribution"),
            Label::Path => ("文件", "File"),
            Label::Format => ("格式", "Format"),
            Label::Width => ("每行字数", "字 per line"),
            Label::Paginate => ("分页", "Pages"),
            Label::SectionTitle => ("栏目名", "Section"),
            Label::TocTitle => ("短标题", "Short title"),
            Label::ImportPath => ("文件", "File"),
        };
        lang.pick(zh, en)
    }
}

/// Everything the status line or a dialog can say.
#[derive(Debug)]
pub enum Message {
    Placed(String),
    BackInPool(String),
    NothingToUndo,
    NothingToRedo,
    /// A key typed in the editor pane that was not entered for editing.
    NotEditing,
    /// A step that did not fit the document (a bug): nothing was changed.
    NotDone,
    NoPoolSelection,
    ReadOnly,
    NoWorkspace,
    NotLocked,
    Saved {
        file: String,
        report: SaveReport,
    },
    SaveFailed(StoreError),
    /// Another jianbao took the issue over; the changes went to this file.
    LockLost(Option<PathBuf>),
    Exported(PathBuf),
    DefaultsSaved(PathBuf),
    /// The setup dialog: this folder holds a workspace already.
    AlreadyWorkspace(PathBuf),
    /// The setup was left for later: the sample stays open.
    SampleKept,
    /// The new workspace could not be made.
    InitFailed(crate::commands::CommandError),
    DefaultsFailed(StoreError),
    ExportFailed(CommandError),
    Imported {
        count: usize,
        encoding: String,
        warnings: Vec<crate::import::Warning>,
        /// Items skipped: they are in the pool or an issue already.
        duplicates: Vec<crate::import::duplicates::Duplicate>,
    },
    ImportFailed(ImportError),
    NothingToImport,
    /// Every item of the file is there already.
    AllDuplicates(Vec<crate::import::duplicates::Duplicate>),
    OpenFailed(StoreError),
    Created(String),
    NewIssueFailed(CommandError),
    Restored,
    RecoveryDropped(PathBuf),
    RecoveryOlder(PathBuf),
    RecoveryUnreadable(StoreError),
    RecoveryWriteFailed(StoreError),
    Failed(StoreError),
    TookOver(u32),
    TakeOverRefused(Holder),
    TakeOverStuck(Holder),
    TakeOverFailed(String),
    Notices(Vec<Notice>),
    /// In a dialog: a field that must be a number.
    NotANumber(Label),
    /// In a dialog: the title is required.
    EmptyTitle,
    /// In a dialog: a date that is not one.
    BadDate(crate::model::date::DateError),
    /// In the export dialog: a width outside the layout's range.
    BadWidth {
        min: u32,
        max: u32,
    },
    /// Path completion: the names that still match.
    Completions(Vec<String>),
}

fn name_of(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().to_string())
}

/// "；已有 1 篇，未导入：第2条与稿件池的“…”标题相同".
fn skipped(lang: Lang, duplicates: &[crate::import::duplicates::Duplicate]) -> String {
    let said: Vec<String> = duplicates.iter().map(|d| d.say(lang)).collect();
    match lang {
        Lang::Zh => format!("；已有 {} 篇，未导入：{}", said.len(), said.join("；")),
        Lang::En => format!("; {} already there, skipped: {}", said.len(), said.join("; ")),
    }
}

impl Message {
    pub fn severity(&self) -> Severity {
        use Message::*;
        match self {
            Placed(_)
            | BackInPool(_)
            | NothingToUndo
            | NothingToRedo
            | NotEditing
            | Exported(_)
            | DefaultsSaved(_)
            | SampleKept
            | Imported { .. }
            | Created(_)
            | Restored
            | RecoveryDropped(_)
            | RecoveryOlder(_)
            | TookOver(_)
            | NotLocked
            | Completions(_) => Severity::Info,
            Saved { report, .. } if report.kept_both.is_empty() && !report.issue_changed_outside => {
                Severity::Info
            }
            Saved { .. } | Notices(_) | AllDuplicates(_) => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// The message in `lang`: one sentence (or a few, joined), never a debug dump.
    pub fn text(&self, lang: Lang) -> String {
        use Message::*;
        let zh = lang == Lang::Zh;
        match self {
            Placed(h) => pick(lang, format!("已放入本期：{h}"), format!("Placed: {h}")),
            BackInPool(h) => pick(lang, format!("已退回稿件池：{h}"), format!("Back in the pool: {h}")),
            NothingToUndo => lang.pick("没有可撤销的操作。", "Nothing to undo.").into(),
            NotEditing => lang
                .pick(
                    "未在编辑：按 Enter 开始编辑正文，Esc 回到列表。",
                    "Not editing: Enter starts editing, Esc goes back to the list.",
                )
                .into(),
            NothingToRedo => lang.pick("没有可重做的操作。", "Nothing to redo.").into(),
            NotDone => lang
                .pick(
                    "操作未完成：它与当前的文档对不上（这是程序的缺陷，已记入日志）。",
                    "Not done: the step does not fit the document (a bug; it is in the log).",
                )
                .into(),
            NoPoolSelection => lang.pick("稿件池里没有选中的稿件。", "No pooled item is selected.").into(),
            ReadOnly => lang.pick("只读文件，不能修改。", "This file is read-only.").into(),
            NoWorkspace => lang
                .pick("此文件不在工作区中，没有稿件池。", "This file is in no workspace: there is no pool.")
                .into(),
            NotLocked => lang
                .pick(
                    "此期没有被另一个 jianbao 锁住，无需接管。",
                    "This issue is not locked by another jianbao; there is nothing to take over.",
                )
                .into(),
            Saved { file, report } => saved(lang, file, report),
            SaveFailed(e) => {
                let why = short_failure(e, lang);
                pick(
                    lang,
                    format!("保存失败：{why}。修改仍在，可重试（Ctrl-S）。"),
                    format!("Not saved: {why}. Your changes are kept; try again (Ctrl-S)."),
                )
            }
            LockLost(kept) => {
                let kept = kept.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
                pick(
                    lang,
                    format!("未保存：此期已被另一个 jianbao 接管。你的修改另存在 {kept}"),
                    format!(
                        "Not saved: another jianbao took this issue over. Your changes are kept in {kept}"
                    ),
                )
            }
            Exported(p) => {
                pick(lang, format!("已导出到 {}", p.display()), format!("Exported to {}", p.display()))
            }
            DefaultsSaved(p) => pick(
                lang,
                format!("已写入 {}：以后各期以此为默认。", p.display()),
                format!("Written to {}: later issues start from this.", p.display()),
            ),
            AlreadyWorkspace(p) => pick(
                lang,
                format!("{} 已经是一个工作区：请换一个文件夹，或 Esc 后用 Ctrl-O 打开它。", p.display()),
                format!(
                    "{} is a workspace already: choose another folder, or Esc and open it with Ctrl-O.",
                    p.display()
                ),
            ),
            SampleKept => lang
                .pick(
                    "这是示例刊物。建立自己的刊物：在命令行运行 jianbao init。",
                    "This is the sample publication. To set up yours: jianbao init on the command line.",
                )
                .into(),
            InitFailed(e) => pick(
                lang,
                format!("未能建立工作区：{}", e.say(lang)),
                format!("No workspace made: {}", e.say(lang)),
            ),
            DefaultsFailed(e) => {
                let why = short_failure(e, lang);
                pick(
                    lang,
                    format!("未能写入默认设置：{why}。本期的修改不受影响。"),
                    format!("The defaults were not written: {why}. This issue's change stands."),
                )
            }
            ExportFailed(e) => {
                pick(lang, format!("导出失败：{}", e.say(lang)), format!("Not exported: {}", e.say(lang)))
            }
            Imported { count, encoding, warnings, duplicates } => {
                let mut tail = if warnings.is_empty() {
                    String::new()
                } else if zh {
                    format!("；注意：{}", warnings.iter().map(|w| w.say(lang)).collect::<Vec<_>>().join("；"))
                } else {
                    format!("; {}", warnings.iter().map(|w| w.say(lang)).collect::<Vec<_>>().join("; "))
                };
                if !duplicates.is_empty() {
                    tail.push_str(&skipped(lang, duplicates));
                }
                pick(
                    lang,
                    format!("已导入 {count} 篇稿件（{encoding}）{tail}"),
                    format!("Imported {count} items ({encoding}){tail}"),
                )
            }
            ImportFailed(e) => e.message(lang),
            NothingToImport => lang.pick("文件中没有找到稿件。", "No item was found in the file.").into(),
            AllDuplicates(duplicates) => {
                let said = skipped(lang, duplicates);
                pick(lang, format!("没有导入新稿件{said}"), format!("Nothing new imported{said}"))
            }
            OpenFailed(e) | Failed(e) => e.say(lang),
            Created(n) => pick(lang, format!("已新建 {n}"), format!("Created {n}")),
            NewIssueFailed(e) => e.say(lang),
            Restored => lang
                .pick(
                    "已恢复未保存的修改；保存后才写入文件。",
                    "Unsaved changes restored; save to write them to the file.",
                )
                .into(),
            RecoveryDropped(p) => pick(
                lang,
                format!("已放弃；恢复文件移到 {}", p.display()),
                format!("Dropped; the recovery file is kept as {}", p.display()),
            ),
            RecoveryOlder(p) => pick(
                lang,
                format!("有一份比文件更旧的恢复记录，已移到 {}", p.display()),
                format!("An older recovery file than the issue file was set aside: {}", p.display()),
            ),
            RecoveryUnreadable(e) => pick(
                lang,
                format!("恢复文件无法读取，已移到 discarded/：{}", e.say(lang)),
                format!("A recovery file could not be read and was set aside in discarded/: {}", e.say(lang)),
            ),
            RecoveryWriteFailed(e) => pick(
                lang,
                format!("无法写入恢复文件（请尽快保存）：{}", e.say(lang)),
                format!("Cannot write the recovery file (save soon): {}", e.say(lang)),
            ),
            TookOver(pid) => pick(
                lang,
                format!("已接管进程 {pid} 的锁，可以编辑了。"),
                format!("Took over the lock of process {pid}; you can edit now."),
            ),
            TakeOverRefused(h) => pick(
                lang,
                format!("无法结束进程 {}（属于另一个用户？），未接管。", h.pid),
                format!("Cannot end process {} (another user's?); not taken over.", h.pid),
            ),
            TakeOverStuck(h) => pick(
                lang,
                format!("进程 {} 仍持有锁，未接管。", h.pid),
                format!("Process {} still holds the lock; not taken over.", h.pid),
            ),
            TakeOverFailed(why) => pick(lang, format!("未接管：{why}"), format!("Not taken over: {why}")),
            Notices(notices) => {
                let said: Vec<String> = notices.iter().map(|n| notice(n, lang)).collect();
                said.join(lang.pick("；", "; "))
            }
            NotANumber(label) => pick(
                lang,
                format!("{}不是有效的数字", label.text(lang)),
                format!("{} is not a valid number", label.text(lang)),
            ),
            EmptyTitle => lang.pick("刊名不能为空", "The title cannot be empty").into(),
            BadDate(e) => format!("{}{}{}", Label::Date.text(lang), lang.pick("：", ": "), e.say(lang)),
            BadWidth { min, max } => pick(
                lang,
                format!("每行字数应为 0（不折行）或 {min}–{max}"),
                format!("字 per line must be 0 (no wrapping) or {min}–{max}"),
            ),
            Completions(names) => names.join("  "),
        }
    }
}

fn pick(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn saved(lang: Lang, file: &str, report: &SaveReport) -> String {
    let mut parts = vec![pick(lang, format!("已保存 {file}"), format!("Saved {file}"))];
    if report.issue_changed_outside {
        parts.push(pick(
            lang,
            format!("此前文件已被别的程序改过，那一版留作 {file}.bak"),
            format!("the file had been changed by another program; that version is {file}.bak"),
        ));
    }
    for (old, new) in &report.kept_both {
        parts.push(pick(
            lang,
            format!("稿件 {old} 已被另一个 jianbao 改过，两版都留下：你的这版存为 {new}"),
            format!("{old} had been changed by another jianbao; both kept, yours as {new}"),
        ));
    }
    parts.join(lang.pick("；", "; "))
}

/// A failed save, short enough for the status bar: the reason first, then the file's name.
fn short_failure(e: &StoreError, lang: Lang) -> String {
    match e {
        StoreError::Write { path, reason } => format!("{}（{}）", reason.say_writing(lang), name_of(path)),
        StoreError::Read { path, reason } => format!("{}（{}）", reason.say(lang), name_of(path)),
        other => other.say(lang),
    }
}

fn notice(n: &Notice, lang: Lang) -> String {
    match n {
        Notice::Unreadable(e) => {
            pick(lang, format!("{}（未改动该文件）", e.say(lang)), format!("{} (left as it is)", e.say(lang)))
        }
        Notice::TookOverLock(h) => pick(
            lang,
            format!(
                "已接管 {} 上 jianbao（进程 {}，自 {}）留下的锁，该进程已不在运行",
                h.host, h.pid, h.since
            ),
            format!(
                "took over the lock left by jianbao {} on {} (since {}), which is no longer running",
                h.pid, h.host, h.since
            ),
        ),
        Notice::Reconciled(id) => pick(
            lang,
            format!("{id} 同时在本期和稿件池中（上次保存被中断），稿件池中的副本已移入回收站"),
            format!(
                "{id} was both in this issue and in the pool (a save was cut short); the pool copy is in the trash"
            ),
        ),
    }
}
