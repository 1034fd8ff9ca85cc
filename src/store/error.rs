//! Errors of the store, each one sentence naming the file (and line:column for TOML), in
//! English (`Display`, for logs) and in the interface's language (`say`).

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::lang::Lang;
use crate::model::FORMAT;

/// Why a file could not be read or written. The I/O error's kind is kept, so that the
/// words can be chosen in any language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Io(io::ErrorKind),
    /// An error the kinds do not name: the system's own words and its number.
    Os {
        code: Option<i32>,
        text: String,
    },
    /// The folder the file should be in does not exist.
    NoFolder,
    /// Another jianbao's lock file kept changing while we tried to take it.
    LockChurn,
}

impl Reason {
    pub fn of(err: &io::Error) -> Reason {
        match err.kind() {
            kind if words(kind).is_some() => Reason::Io(kind),
            _ => Reason::os(err),
        }
    }

    fn os(err: &io::Error) -> Reason {
        let text = err.to_string();
        let text = match text.find(" (os error") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        Reason::Os { code: err.raw_os_error(), text: text.to_lowercase() }
    }

    /// The reason a write failed, in `lang` (a denied permission is one to write).
    pub fn say_writing(&self, lang: Lang) -> String {
        match self {
            Reason::Io(io::ErrorKind::PermissionDenied) => {
                lang.pick("没有写权限", "permission denied").to_string()
            }
            other => other.say(lang),
        }
    }

    /// The reason in `lang`, without "(os error 2)".
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Reason::Io(kind) => {
                let (zh, en) = words(*kind).unwrap_or(("系统错误", "system error"));
                lang.pick(zh, en).to_string()
            }
            Reason::Os { code, text } => match (lang, code) {
                (Lang::En, _) => text.clone(),
                (Lang::Zh, Some(code)) => format!("系统错误（错误码 {code}）"),
                (Lang::Zh, None) => "系统错误".to_string(),
            },
            Reason::NoFolder => lang.pick("所在的文件夹不存在", "its folder does not exist").to_string(),
            Reason::LockChurn => lang.pick("锁文件一直在变动", "the lock file keeps changing").to_string(),
        }
    }
}

/// The words for an I/O error kind, Chinese and English.
fn words(kind: io::ErrorKind) -> Option<(&'static str, &'static str)> {
    use io::ErrorKind::*;
    Some(match kind {
        NotFound => ("没有这个文件或文件夹", "no such file or folder"),
        PermissionDenied => ("没有权限", "permission denied"),
        IsADirectory => ("这是一个文件夹，不是文件", "it is a folder, not a file"),
        NotADirectory => ("路径中有一段不是文件夹", "a part of the path is not a folder"),
        StorageFull => ("磁盘已满", "the disk is full"),
        ReadOnlyFilesystem => ("文件系统只读", "the file system is read-only"),
        AlreadyExists => ("已经存在", "it already exists"),
        DirectoryNotEmpty => ("文件夹不是空的", "the folder is not empty"),
        FileTooLarge => ("文件太大", "the file is too large"),
        InvalidFilename => ("文件名无效", "the file name is not valid"),
        CrossesDevices => ("不能跨磁盘移动", "it cannot be moved across disks"),
        ResourceBusy => ("资源正忙", "the resource is busy"),
        TimedOut => ("超时", "it timed out"),
        BrokenPipe => ("管道已断开", "the pipe is broken"),
        UnexpectedEof => ("文件意外结束", "the file ended unexpectedly"),
        InvalidData => ("数据无效", "the data is not valid"),
        Unsupported => ("此系统不支持", "not supported here"),
        OutOfMemory => ("内存不足", "out of memory"),
        QuotaExceeded => ("超出磁盘配额", "the disk quota is exceeded"),
        StaleNetworkFileHandle => ("网络文件已失效", "the network file handle is stale"),
        NetworkUnreachable | HostUnreachable | NetworkDown => ("网络不通", "the network is unreachable"),
        TooManyLinks => ("链接过多", "too many links"),
        WriteZero => ("无法写入", "nothing could be written"),
        _ => return None,
    })
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

#[derive(Debug, Clone, Error)]
pub enum StoreError {
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax { path: PathBuf, line: usize, column: usize, message: String },
    #[error("cannot read {}: {reason}", path.display())]
    Read { path: PathBuf, reason: Reason },
    #[error("cannot write {}: {reason}", path.display())]
    Write { path: PathBuf, reason: Reason },
    #[error("{} is empty", path.display())]
    Empty { path: PathBuf },
    #[error("{}:{line}:{column}: not UTF-8 text (jianbao's files are UTF-8; to bring in other text use `jianbao import`)", path.display())]
    NotUtf8 { path: PathBuf, line: usize, column: usize },
    #[error("{} was written by a newer jianbao (format {found}; this one reads format {FORMAT}): update jianbao to use it", path.display())]
    NewerFormat { path: PathBuf, found: u32 },
    #[error("{} has format {found}, which no jianbao ever wrote", path.display())]
    BadFormat { path: PathBuf, found: u32 },
    #[error("{} is not a jianbao workspace (it has no jianbao.toml)", path.display())]
    NotAWorkspace { path: PathBuf },
    #[error("{} already exists; not overwriting it", path.display())]
    Exists { path: PathBuf },
    #[error("{} was written by a newer jianbao and is kept read-only", path.display())]
    ReadOnly { path: PathBuf },
    #[error("{} was taken over by another jianbao; not saved here (your changes are in the recovery file)", path.display())]
    LockLost { path: PathBuf },
    #[error("cannot find a place for jianbao's data on this system (no home folder)")]
    NoDataDir,
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl StoreError {
    pub fn read(path: &Path, err: &io::Error) -> StoreError {
        StoreError::Read { path: path.to_path_buf(), reason: Reason::of(err) }
    }

    pub fn write(path: &Path, err: &io::Error) -> StoreError {
        StoreError::Write { path: path.to_path_buf(), reason: Reason::of(err) }
    }

    /// The error in `lang`: one sentence naming the file.
    pub fn say(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let p = |path: &Path| path.display().to_string();
        match self {
            StoreError::Syntax { path, line, column, message } => {
                format!("{}:{line}:{column}：{}", p(path), super::toml_words::chinese(message))
            }
            StoreError::Read { path, reason } => format!("无法读取 {}：{}", p(path), reason.say(lang)),
            StoreError::Write { path, reason } => {
                format!("无法写入 {}：{}", p(path), reason.say_writing(lang))
            }
            StoreError::Empty { path } => format!("{} 是空文件", p(path)),
            StoreError::NotUtf8 { path, line, column } => format!(
                "{}:{line}:{column}：不是 UTF-8 文本（jianbao 的文件都是 UTF-8；其他编码的文字请用 jianbao import 导入）",
                p(path)
            ),
            StoreError::NewerFormat { path, found } => format!(
                "{} 由更新版本的 jianbao 写成（格式 {found}，本版本读格式 {FORMAT}）：请升级 jianbao 后再用",
                p(path)
            ),
            StoreError::BadFormat { path, found } => {
                format!("{} 的格式号是 {found}，没有哪个 jianbao 写过这种格式", p(path))
            }
            StoreError::NotAWorkspace { path } => {
                format!("{} 不是 jianbao 工作区（其中没有 jianbao.toml）", p(path))
            }
            StoreError::Exists { path } => format!("{} 已经存在，不会覆盖", p(path)),
            StoreError::ReadOnly { path } => format!("{} 由更新版本的 jianbao 写成，只读", p(path)),
            StoreError::LockLost { path } => {
                format!("{} 已被另一个 jianbao 接管；这里没有保存（修改在恢复文件中）", p(path))
            }
            StoreError::NoDataDir => "系统上找不到存放 jianbao 数据的地方（没有主文件夹）".to_string(),
        }
    }
}
