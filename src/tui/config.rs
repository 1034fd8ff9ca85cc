//! `config.toml` in the config folder: theme, language, default workspace, key overrides.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::keymap::KeymapFile;
use crate::lang::Lang;
use crate::store::StoreError;
use crate::store::load::{parse_plain, read_text};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// A built-in theme (default, light, high-contrast) or one in `<config>/themes/`.
    pub theme: Option<String>,
    /// "zh" or "en".
    pub language: Option<String>,
    /// The workspace `jianbao` opens when given no path.
    pub workspace: Option<PathBuf>,
    /// Extra key bindings, in the keymap's shape: `[[keys.pool]]` …
    #[serde(default)]
    pub keys: KeymapFile,
}

/// Where jianbao keeps its settings and state.
#[derive(Debug, Clone)]
pub struct Dirs {
    pub config: Option<PathBuf>,
    pub state: Option<PathBuf>,
    /// Font folders to print with instead of the system's and `<config>/fonts` (tests;
    /// `None` in use).
    pub fonts: Option<Vec<PathBuf>>,
}

impl Dirs {
    pub fn system() -> Dirs {
        match directories::ProjectDirs::from("", "", "jianbao") {
            Some(d) => Dirs {
                config: Some(d.config_dir().to_path_buf()),
                state: Some(d.state_dir().unwrap_or_else(|| d.data_local_dir()).to_path_buf()),
                fonts: None,
            },
            None => Dirs { config: None, state: None, fonts: None },
        }
    }

    /// Where a PDF export looks for fonts.
    pub fn font_sources(&self) -> crate::export::fonts::Sources {
        match &self.fonts {
            Some(folders) => crate::export::fonts::Sources { system: false, folders: folders.clone() },
            None => crate::export::fonts::Sources::for_export(self.config.as_deref()),
        }
    }

    pub fn config_file(&self) -> Option<PathBuf> {
        self.config.as_ref().map(|d| d.join("config.toml"))
    }

    /// Where recovery files of unsaved changes go.
    pub fn recovery_dir(&self) -> Option<PathBuf> {
        self.state.as_ref().map(|d| d.join("recovery"))
    }

    /// The editor's log.
    pub fn log_file(&self) -> Option<PathBuf> {
        self.state.as_ref().map(|d| d.join("jianbao.log"))
    }

    /// The export dialog's last choices, per workspace.
    pub fn export_choices_file(&self) -> Option<PathBuf> {
        self.state.as_ref().map(|d| d.join("export.toml"))
    }

    pub fn recent_file(&self) -> Option<PathBuf> {
        self.state.as_ref().map(|d| d.join("recent.toml"))
    }
}

impl Config {
    /// The config file, or the defaults when there is none. A file that is there but wrong
    /// is an error naming file, line and column.
    pub fn load(file: Option<&Path>) -> Result<Config, StoreError> {
        match file {
            Some(f) if f.is_file() => parse_plain(f, &read_text(f)?),
            _ => Ok(Config::default()),
        }
    }

    /// The interface language `language` asks for (the caller puts `JIANBAO_LANG` first).
    pub fn lang(&self) -> Option<Lang> {
        self.language.as_deref().and_then(Lang::parse)
    }
}

/// Make `dir` the workspace `jianbao` opens with no argument: `workspace = "…"` at the
/// top of config.toml (replacing the one there); the rest of the file is kept as it is.
pub fn set_workspace(file: &Path, dir: &Path) -> std::io::Result<()> {
    let old = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let line = format!("workspace = {}\n", crate::store::write::basic_string(&dir.to_string_lossy()));
    let mut out = line;
    let mut in_table = false;
    for l in old.lines() {
        in_table |= l.trim_start().starts_with('[');
        let key = l.split('=').next().unwrap_or("").trim();
        if !in_table && key == "workspace" {
            continue;
        }
        out.push_str(l);
        out.push('\n');
    }
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)?;
    }
    crate::store::atomic::write_atomic_no_backup(file, out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_config_file_is_read_strictly() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("config.toml");
        std::fs::write(
            &f,
            "theme = \"light\"\nlanguage = \"en\"\n[[keys.pool]]\nkeys = [\"x\"]\naction = \"delete_item\"\n",
        )
        .unwrap();
        let c = Config::load(Some(&f)).unwrap();
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_eq!(c.keys["pool"].len(), 1);
        std::fs::write(&f, "theme = \"light\"\ncolour = 1\n").unwrap();
        let err = Config::load(Some(&f)).unwrap_err().to_string();
        assert!(err.contains(":2:1:"), "{err}");
        assert!(Config::load(Some(&dir.path().join("none.toml"))).unwrap().theme.is_none());
    }

    #[test]
    fn the_default_workspace_is_set_and_the_rest_kept() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("cfg/config.toml");
        set_workspace(&f, Path::new("/home/编辑/简报")).unwrap();
        assert_eq!(Config::load(Some(&f)).unwrap().workspace, Some(PathBuf::from("/home/编辑/简报")));
        std::fs::write(&f, "theme = \"light\"\nworkspace = \"/old\"\n[[keys.pool]]\nkeys = [\"x\"]\naction = \"delete_item\"\n")
            .unwrap();
        set_workspace(&f, Path::new("/new")).unwrap();
        let c = Config::load(Some(&f)).unwrap();
        assert_eq!(c.workspace, Some(PathBuf::from("/new")));
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_eq!(c.keys["pool"].len(), 1);
    }
}
