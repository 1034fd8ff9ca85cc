//! `pool/.index`: what the pool list shows of each pooled item (id, date, headline,
//! sources, 字数), with the size and time of the file it was read from. It lets the editor
//! draw its first frame over tens of thousands of pooled items without reading them; the
//! items themselves are then read in the background. An entry whose file has another size
//! or time than recorded is not trusted (the file is read), so the index can never show
//! what the files do not say for longer than that background read; and it is only a cache:
//! deleting it loses nothing.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::atomic::write_atomic_no_backup;
use crate::model::{Date, Item};

pub const INDEX_FILE: &str = ".index";
const HEADER: &str = "jianbao pool index 1";

/// A pool file as listed: its name, size and modification time (nanoseconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub path: PathBuf,
    pub name: String,
    pub size: u64,
    pub mtime: u128,
}

/// One pooled item as the pool list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolRow {
    pub id: String,
    pub received: Option<Date>,
    pub headline: String,
    pub sources: Vec<String>,
    pub zi: usize,
}

impl PoolRow {
    pub fn of(item: &Item) -> PoolRow {
        PoolRow {
            id: item.id.clone(),
            received: item.received,
            headline: item.headline.clone(),
            sources: item.sources.clone(),
            zi: item.zi_count(),
        }
    }

    /// The headline on one line (as `Item::headline_line`).
    pub fn headline_line(&self) -> String {
        crate::model::item::join_parts(self.headline.lines().map(str::trim).filter(|l| !l.is_empty()))
    }
}

/// An index entry: the row and the file it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub size: u64,
    pub mtime: u128,
    pub row: PoolRow,
}

/// The `.toml` files of the pool folder (hidden ones skipped), with size and time.
pub fn list(pool_dir: &Path) -> std::io::Result<Vec<Listed>> {
    let entries = match fs::read_dir(pool_dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().to_string();
        if !name.ends_with(".toml") || name.starts_with('.') {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let mtime =
            meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        out.push(Listed { path: entry.path(), name, size: meta.len(), mtime });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{1f}' => out.push_str("\\u"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('u') => out.push('\u{1f}'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The index of `pool_dir`, by file name; empty when there is none or it cannot be read.
pub fn read(pool_dir: &Path) -> HashMap<String, Entry> {
    let Ok(text) = fs::read_to_string(pool_dir.join(INDEX_FILE)) else { return HashMap::new() };
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return HashMap::new();
    }
    let mut out = HashMap::new();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let [name, size, mtime, id, received, zi, headline, sources] = f[..] else { continue };
        let (Ok(size), Ok(mtime), Ok(zi)) = (size.parse(), mtime.parse(), zi.parse()) else { continue };
        let received = if received == "-" { None } else { received.parse::<Date>().ok() };
        let sources = unescape(sources);
        let row = PoolRow {
            id: unescape(id),
            received,
            headline: unescape(headline),
            sources: if sources.is_empty() {
                Vec::new()
            } else {
                sources.split('\u{1f}').map(String::from).collect()
            },
            zi,
        };
        out.insert(unescape(name), Entry { size, mtime, row });
    }
    out
}

/// Write the index of `pool_dir` (atomically; a failure only means a slower next start).
pub fn write(pool_dir: &Path, entries: &[(String, Entry)]) -> std::io::Result<()> {
    let mut text = String::with_capacity(entries.len() * 160);
    text.push_str(HEADER);
    text.push('\n');
    for (name, e) in entries {
        let r = &e.row;
        let received = r.received.map_or("-".to_string(), |d| d.to_string());
        let sources = r.sources.join("\u{1f}");
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{received}\t{}\t{}\t{}\n",
            escape(name),
            e.size,
            e.mtime,
            escape(&r.id),
            r.zi,
            escape(&r.headline),
            escape(&sources)
        ));
    }
    write_atomic_no_backup(&pool_dir.join(INDEX_FILE), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_round_trips_with_awkward_text() {
        let dir = tempfile::tempdir().unwrap();
        let row = PoolRow {
            id: "2026-11-22-kx01".into(),
            received: Date::new(2026, 11, 22),
            headline: "江州市企业科协工作联盟成立大会暨\n首届\t企业科技创新交流会\\举行".into(),
            sources: vec!["市科协企业工作部".into(), "市工商业联合会".into()],
            zi: 1234,
        };
        let none =
            PoolRow { id: "x".into(), received: None, headline: String::new(), sources: vec![], zi: 0 };
        let entries = vec![
            ("2026-11-22-kx01.toml".to_string(), Entry { size: 4096, mtime: 1_795_000_000_123_456_789, row }),
            ("x.toml".to_string(), Entry { size: 1, mtime: 2, row: none }),
        ];
        write(dir.path(), &entries).unwrap();
        let back = read(dir.path());
        assert_eq!(back.len(), 2);
        for (name, e) in &entries {
            assert_eq!(&back[name], e);
        }
    }

    #[test]
    fn a_foreign_or_damaged_index_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(INDEX_FILE), "something else\n").unwrap();
        assert!(read(dir.path()).is_empty());
        fs::write(dir.path().join(INDEX_FILE), format!("{HEADER}\nbroken\tline\n")).unwrap();
        assert!(read(dir.path()).is_empty());
    }

    #[test]
    fn listing_skips_hidden_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.toml", ".index", ".a.toml.1-2.tmp", "notes.txt", "b.toml"] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        let names: Vec<String> = list(dir.path()).unwrap().into_iter().map(|l| l.name).collect();
        assert_eq!(names, ["a.toml", "b.toml"]);
    }
}
