//! Colours by role. Built-in themes (default dark, light, high-contrast) are TOML files in
//! `themes/`, embedded in the binary; a theme in the config folder's `themes/` overrides
//! the built-in of the same name key by key, or adds a new name.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

const BUILT_IN: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("high-contrast", include_str!("../../themes/high-contrast.toml")),
];

macro_rules! roles {
    ($($role:ident),* $(,)?) => {
        /// A style for every role the interface draws.
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct Theme {
            pub name: String,
            $(pub $role: Style,)*
        }

        impl Theme {
            fn set(&mut self, role: &str, style: Style) -> Result<(), String> {
                match role {
                    $(stringify!($role) => self.$role = style,)*
                    other => return Err(format!("unknown theme key `{other}`")),
                }
                Ok(())
            }

            /// Every role, for tests and documentation.
            pub const ROLES: &'static [&'static str] = &[$(stringify!($role)),*];
        }
    };
}

roles!(
    text,
    dim,
    accent,
    border,
    border_focused,
    title,
    title_focused,
    selected,
    selected_unfocused,
    masthead,
    toc,
    section,
    column,
    not_in_toc,
    label,
    label_focused,
    cursor,
    status,
    status_file,
    status_dirty,
    status_key,
    message,
    error,
    dialog,
    dialog_border,
    page_break,
    help_key,
);

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    dim: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underline: bool,
    #[serde(default)]
    reversed: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    styles: HashMap<String, StyleSpec>,
}

fn color(text: &str) -> Result<Color, String> {
    Color::from_str(text).map_err(|_| format!("unknown colour `{text}`"))
}

fn style(spec: &StyleSpec) -> Result<Style, String> {
    let mut style = Style::default();
    if let Some(fg) = &spec.fg {
        style = style.fg(color(fg)?);
    }
    if let Some(bg) = &spec.bg {
        style = style.bg(color(bg)?);
    }
    for (on, m) in [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underline, Modifier::UNDERLINED),
        (spec.reversed, Modifier::REVERSED),
    ] {
        if on {
            style = style.add_modifier(m);
        }
    }
    Ok(style)
}

impl Theme {
    /// Apply a theme file's styles over this theme.
    fn overlay(mut self, text: &str) -> Result<Theme, String> {
        let file: ThemeFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if let Some(name) = file.name {
            self.name = name;
        }
        let mut keys: Vec<_> = file.styles.iter().collect();
        keys.sort_by_key(|(k, _)| k.as_str());
        for (role, spec) in keys {
            self.set(role, style(spec)?)?;
        }
        Ok(self)
    }

    fn built_in(name: &str) -> Option<Theme> {
        let (_, default) = BUILT_IN[0];
        let base = Theme::default().overlay(default).ok()?;
        let (_, text) = BUILT_IN.iter().find(|(n, _)| *n == name)?;
        base.overlay(text).ok()
    }

    /// The theme called `name`: a user theme in `<config>/themes/<name>.toml` over the
    /// built-in of that name (or over the default theme).
    pub fn load(name: &str, config_dir: Option<&Path>) -> Result<Theme, String> {
        let user = config_dir.map(|d| d.join("themes").join(format!("{name}.toml"))).filter(|p| p.is_file());
        let base = Theme::built_in(name);
        match (user, base) {
            (Some(path), base) => {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let base = base.unwrap_or_else(Theme::fallback);
                base.overlay(&text)
                    .map(|mut t| {
                        t.name = name.to_string();
                        t
                    })
                    .map_err(|e| format!("{}: {e}", path.display()))
            }
            (None, Some(theme)) => Ok(theme),
            (None, None) => Err(format!(
                "there is no theme `{name}` (built in: {})",
                BUILT_IN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            )),
        }
    }

    /// The default theme.
    pub fn fallback() -> Theme {
        Theme::built_in("default").expect("the built-in themes are valid (tested)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_theme_sets_every_role() {
        for (name, text) in BUILT_IN {
            let file: ThemeFile = toml::from_str(text).unwrap();
            for role in Theme::ROLES {
                assert!(file.styles.contains_key(*role), "{name} lacks {role}");
            }
            let theme = Theme::load(name, None).unwrap();
            assert_eq!(theme.name, *name);
        }
    }

    #[test]
    fn a_user_theme_overrides_key_by_key() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("themes")).unwrap();
        std::fs::write(dir.path().join("themes/light.toml"), "[styles]\nselected = { fg = \"#ff0000\" }\n")
            .unwrap();
        let theme = Theme::load("light", Some(dir.path())).unwrap();
        assert_eq!(theme.selected.fg, Some(Color::Rgb(255, 0, 0)));
        assert_eq!(theme.masthead, Theme::load("light", None).unwrap().masthead);
    }

    #[test]
    fn unknown_names_and_keys_are_errors() {
        assert!(Theme::load("nonesuch", None).is_err());
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("themes")).unwrap();
        std::fs::write(dir.path().join("themes/mine.toml"), "[styles]\nnonesuch = { fg = \"red\" }\n")
            .unwrap();
        assert!(Theme::load("mine", Some(dir.path())).unwrap_err().contains("nonesuch"));
    }
}
