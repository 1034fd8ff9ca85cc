//! The non-interactive commands, as library functions the binary (and the editor) call.

pub mod check;
pub mod export;
pub mod import;
pub mod init;
pub mod new;
pub mod words;

use std::path::Path;

use thiserror::Error;

use crate::lang::Lang;
use crate::model::Issue;
use crate::store::output::{self, Target};
use crate::store::{StoreError, save_issue};

/// A command's failure, as one sentence for stderr (exit status 2).
#[derive(Debug, Error)]
pub enum CommandError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error("{}", .0.say(Lang::En))]
    Usage(Usage),
    #[error("{}", .0.say(Lang::En))]
    Print(PrintError),
}

/// Why a printed page (PDF) could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintError {
    Fonts(crate::export::fonts::FontError),
    Pdf(crate::export::pdf::PdfError),
}

impl PrintError {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            PrintError::Fonts(e) => e.say(lang),
            PrintError::Pdf(e) => e.say(lang),
        }
    }
}

impl From<PrintError> for CommandError {
    fn from(e: PrintError) -> CommandError {
        CommandError::Print(e)
    }
}

/// A request that cannot be carried out as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usage {
    /// `--width` outside the layout's range.
    Width { found: u32, min: u32, max: u32 },
    /// `--paginate` with `--width 0`.
    PaginateNeedsWidth,
    /// The next issue would fall past the last date the calendar knows.
    BeyondCalendar,
    /// `import --issue` with more than one file.
    OneIssueFile,
    /// `init` without a title.
    NoTitle,
    /// Said the same in both languages (a test hook's words, a terminal's failure).
    Other(String),
}

impl Usage {
    pub fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Usage::Width { found, min, max } if zh => {
                format!("--width 应为 0（不折行）或 {min} 到 {max} 字，而不是 {found}")
            }
            Usage::Width { found, min, max } => {
                format!("--width must be 0 (no wrapping) or between {min} and {max} 字, not {found}")
            }
            Usage::PaginateNeedsWidth if zh => "--paginate 需要行宽；--width 0 不折行，无法分页".into(),
            Usage::PaginateNeedsWidth => "--paginate needs a width; --width 0 does not wrap lines".into(),
            Usage::BeyondCalendar if zh => "下一期的日期超出了日历的范围".into(),
            Usage::BeyondCalendar => "the next issue's date is beyond the calendar".into(),
            Usage::OneIssueFile if zh => "--issue 只能跟一个文件".into(),
            Usage::OneIssueFile => "--issue takes exactly one file".into(),
            Usage::NoTitle if zh => "--title 不能为空：刊名印在报头上".into(),
            Usage::NoTitle => "--title must not be empty: the masthead prints it".into(),
            Usage::Other(text) => text.clone(),
        }
    }
}

impl CommandError {
    /// The error in `lang`: one sentence naming the file.
    pub fn say(&self, lang: Lang) -> String {
        match self {
            CommandError::Store(e) => e.say(lang),
            CommandError::Import(e) => e.message(lang),
            CommandError::Usage(u) => u.say(lang),
            CommandError::Print(e) => e.say(lang),
        }
    }
}

pub type Result<T> = std::result::Result<T, CommandError>;

/// Write a new issue file to `path`: a regular file only when the name is free (it never
/// overwrites one), its folder made when `make_folder` (else a missing folder is an error);
/// a device, FIFO or descriptor (`-`, `/dev/stdout`, `/dev/null`) gets the text in place.
pub(crate) fn write_new_issue(path: &Path, issue: &Issue, make_folder: bool) -> Result<()> {
    let target = output::classify(path).map_err(|e| StoreError::write(path, &e))?;
    if target != Target::Atomic(path.to_path_buf()) {
        let text = crate::store::write::issue_toml(issue);
        return output::write_to(&target, text.as_bytes(), false)
            .map_err(|e| StoreError::write(path, &e).into());
    }
    if path.exists() {
        return Err(StoreError::Exists { path: path.to_path_buf() }.into());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if make_folder {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::write(dir, &e))?;
        } else if !dir.is_dir() {
            return Err(StoreError::Write {
                path: path.to_path_buf(),
                reason: crate::store::error::Reason::NoFolder,
            }
            .into());
        }
    }
    save_issue(path, issue)?;
    Ok(())
}
