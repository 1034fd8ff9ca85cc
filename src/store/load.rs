//! Strict loading of TOML files: an unknown or mistyped field, a bad date or a missing
//! field is an error naming file, line and column; nothing is silently dropped.

use std::fs;
use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::error::{Result, StoreError};
use crate::model::{FORMAT, Issue, Item, PoolFile, Profile};

/// A loaded document and whether it must be kept read-only (written by a newer jianbao).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded<T> {
    pub doc: T,
    pub read_only: bool,
}

/// A document that carries the `format` number.
pub trait Versioned {
    fn format(&self) -> u32;
}

impl Versioned for Issue {
    fn format(&self) -> u32 {
        self.format
    }
}

impl Versioned for Profile {
    fn format(&self) -> u32 {
        self.format
    }
}

impl Versioned for PoolFile {
    fn format(&self) -> u32 {
        self.format
    }
}

/// Read a file as UTF-8 text (a BOM is skipped).
pub fn read_text(path: &Path) -> Result<String> {
    if path.is_dir() {
        return Err(StoreError::Read {
            path: path.to_path_buf(),
            reason: super::error::Reason::Io(std::io::ErrorKind::IsADirectory),
        });
    }
    let bytes = fs::read(path).map_err(|e| StoreError::read(path, &e))?;
    text_from_bytes(path, bytes)
}

/// The bytes of `path` as the text a TOML parser may see: UTF-8 (a BOM skipped) with no
/// raw control character but tabs and line breaks.
pub fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = line_column(prefix, prefix.len());
        StoreError::NotUtf8 { path: path.to_path_buf(), line, column }
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    // TOML allows no raw control character but the tab (escaped ones are fine): name the
    // first one plainly, rather than as whatever the parser makes of it.
    if let Some(at) = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        let c = text[at..].chars().next().unwrap_or_default();
        let (line, column) = line_column(&text, at);
        return Err(StoreError::Syntax {
            path: path.to_path_buf(),
            line,
            column,
            message: format!("a control character (U+{:04X}) that has no place in a TOML file", c as u32),
        });
    }
    Ok(text)
}

/// Parse `text` (the contents of `path`) strictly.
pub fn parse<T: DeserializeOwned + Versioned>(path: &Path, text: &str) -> Result<Loaded<T>> {
    if text.trim().is_empty() {
        return Err(StoreError::Empty { path: path.to_path_buf() });
    }
    match toml::from_str::<T>(text) {
        Ok(doc) => match doc.format() {
            0 => Err(StoreError::BadFormat { path: path.to_path_buf(), found: 0 }),
            f => Ok(Loaded { doc, read_only: f > FORMAT }),
        },
        Err(err) => {
            // A newer program may have added fields we do not know: say so, rather than
            // blaming the file.
            if let Some(found) = probe_format(text)
                && found > FORMAT
            {
                return Err(StoreError::NewerFormat { path: path.to_path_buf(), found });
            }
            Err(syntax_error(path, text, &err))
        }
    }
}

fn probe_format(text: &str) -> Option<u32> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<u32>,
    }
    toml::from_str::<Probe>(text).ok()?.format
}

/// Parse a file without a `format` (config.toml) strictly, errors with line and column.
pub fn parse_plain<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    toml::from_str::<T>(text).map_err(|err| syntax_error(path, text, &err))
}

fn syntax_error(path: &Path, text: &str, err: &toml::de::Error) -> StoreError {
    let (line, column) = err.span().map_or((1, 1), |span| line_column(text, span.start));
    let message = err.message().trim().replace('\n', "; ");
    StoreError::Syntax { path: path.to_path_buf(), line, column, message }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

pub fn load<T: DeserializeOwned + Versioned>(path: &Path) -> Result<Loaded<T>> {
    let text = read_text(path)?;
    parse(path, &text)
}

pub fn load_issue(path: &Path) -> Result<Loaded<Issue>> {
    load(path)
}

pub fn load_profile(path: &Path) -> Result<Loaded<Profile>> {
    load(path)
}

pub fn load_pool_item(path: &Path) -> Result<Loaded<Item>> {
    let loaded: Loaded<PoolFile> = load(path)?;
    Ok(Loaded { doc: loaded.doc.item, read_only: loaded.read_only })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\n标题 = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 3));
        let second_eq = text.rfind('=').unwrap();
        assert_eq!(line_column(text, second_eq), (2, 4));
    }
}
