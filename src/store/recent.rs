//! Recently opened issue files, newest first, kept in the state folder.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::atomic::write_atomic_no_backup;
use super::write::basic_string;

/// How many files the list keeps.
pub const RECENT_LIMIT: usize = 20;

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Recent {
    #[serde(default)]
    pub files: Vec<PathBuf>,
}

impl Recent {
    /// The list in `file`; missing or unreadable means empty (it is only a convenience).
    pub fn load(file: &Path) -> Recent {
        std::fs::read_to_string(file).ok().and_then(|t| toml::from_str(&t).ok()).unwrap_or_default()
    }

    /// Put `path` first.
    pub fn add(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.files.retain(|p| p != &path);
        self.files.insert(0, path);
        self.files.truncate(RECENT_LIMIT);
    }

    pub fn save(&self, file: &Path) -> std::io::Result<()> {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut text = String::from("files = [\n");
        for p in &self.files {
            text.push_str(&format!("    {},\n", basic_string(&p.to_string_lossy())));
        }
        text.push_str("]\n");
        write_atomic_no_backup(file, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state/recent.toml");
        let mut r = Recent::load(&file);
        assert!(r.files.is_empty());
        r.add(Path::new("/a/科协.toml"));
        r.add(Path::new("/b.toml"));
        r.add(Path::new("/a/科协.toml"));
        r.save(&file).unwrap();
        let back = Recent::load(&file);
        assert_eq!(back.files, [PathBuf::from("/a/科协.toml"), PathBuf::from("/b.toml")]);
    }
}
