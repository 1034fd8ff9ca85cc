//! The export dialog's last choices, per workspace (format, 字 per line, pages, folder),
//! kept in the state folder: the next export of the same publication starts from them.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::atomic::write_atomic_no_backup;
use super::write::basic_string;

/// How many workspaces the file remembers.
const LIMIT: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ExportChoice {
    /// The workspace (or, outside one, the folder) they were made in.
    pub root: PathBuf,
    /// `txt`, `md`, `pdf` or `docx`.
    pub format: String,
    /// 字 per line, when another than the layout's (0: unwrapped).
    #[serde(default)]
    pub width: Option<u32>,
    pub paginate: bool,
    /// The folder written to, when not the default one.
    #[serde(default)]
    pub folder: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
struct File {
    #[serde(default)]
    export: Vec<ExportChoice>,
}

/// The choices last made in `root`; a missing or broken file remembers nothing (it is
/// only a convenience).
pub fn load(file: &Path, root: &Path) -> Option<ExportChoice> {
    let text = std::fs::read_to_string(file).ok()?;
    let all: File = toml::from_str(&text).ok()?;
    all.export.into_iter().find(|c| c.root == root)
}

/// Keep `choice` (replacing the one of its root), newest first.
pub fn remember(file: &Path, choice: &ExportChoice) -> std::io::Result<()> {
    let mut all: File =
        std::fs::read_to_string(file).ok().and_then(|t| toml::from_str(&t).ok()).unwrap_or_default();
    all.export.retain(|c| c.root != choice.root);
    all.export.insert(0, choice.clone());
    all.export.truncate(LIMIT);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut text = String::new();
    for c in &all.export {
        text.push_str("[[export]]\n");
        text.push_str(&format!("root = {}\n", basic_string(&c.root.to_string_lossy())));
        text.push_str(&format!("format = {}\n", basic_string(&c.format)));
        if let Some(w) = c.width {
            text.push_str(&format!("width = {w}\n"));
        }
        text.push_str(&format!("paginate = {}\n", c.paginate));
        if let Some(f) = &c.folder {
            text.push_str(&format!("folder = {}\n", basic_string(&f.to_string_lossy())));
        }
        text.push('\n');
    }
    write_atomic_no_backup(file, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_workspace_keeps_its_own_last_choice() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state/export.toml");
        assert_eq!(load(&file, Path::new("/甲")), None);
        let a = ExportChoice {
            root: "/甲".into(),
            format: "pdf".into(),
            width: None,
            paginate: true,
            folder: Some("/甲/打印".into()),
        };
        let b = ExportChoice {
            root: "/乙".into(),
            format: "txt".into(),
            width: Some(0),
            paginate: false,
            folder: None,
        };
        remember(&file, &a).unwrap();
        remember(&file, &b).unwrap();
        assert_eq!(load(&file, Path::new("/甲")), Some(a.clone()));
        assert_eq!(load(&file, Path::new("/乙")), Some(b));
        let a2 = ExportChoice { format: "docx".into(), ..a };
        remember(&file, &a2).unwrap();
        assert_eq!(load(&file, Path::new("/甲")), Some(a2));
        std::fs::write(&file, "broken [").unwrap();
        assert_eq!(load(&file, Path::new("/甲")), None, "a broken file remembers nothing");
    }
}
