//! Keys → actions, per context. The default keymap is a TOML file built into the binary;
//! config.toml adds entries of the same shape that take precedence. The same entries
//! drive dispatch, the status-bar hints and the help overlay.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Action;
use crate::lang::Lang;

const DEFAULT_KEYMAP: &str = include_str!("keymap.toml");

/// Where a key is pressed. A layer on top (a dialog, the preview, the help) decides the
/// context, else the focused pane; the kind of the focused field decides a form's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Pool,
    /// Typing the pool's filter.
    Filter,
    Outline,
    Editor,
    /// The editor pane focused, not being typed in (Tab brought the user here).
    Reading,
    /// A form, on a one-line field (and the open list).
    Dialog,
    /// A form, on a choice field.
    Choice,
    /// A form, on a multi-line field: Enter and the arrows belong to the text.
    Multiline,
    /// A form, on a path field: Tab completes.
    Path,
    /// A confirmation's buttons.
    Confirm,
    Preview,
    Help,
}

impl Context {
    pub const ALL: [Context; 13] = [
        Context::Global,
        Context::Pool,
        Context::Filter,
        Context::Outline,
        Context::Editor,
        Context::Reading,
        Context::Dialog,
        Context::Choice,
        Context::Multiline,
        Context::Path,
        Context::Confirm,
        Context::Preview,
        Context::Help,
    ];

    fn from_name(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Pool => "pool",
            Context::Filter => "filter",
            Context::Outline => "outline",
            Context::Editor => "editor",
            Context::Reading => "reading",
            Context::Dialog => "dialog",
            Context::Choice => "choice",
            Context::Multiline => "multiline",
            Context::Path => "path",
            Context::Confirm => "confirm",
            Context::Preview => "preview",
            Context::Help => "help",
        }
    }

    /// Whether keys this context does not bind go on to the global ones. A form does not
    /// pass them on: there, every other key is text.
    pub fn falls_back(self) -> bool {
        matches!(
            self,
            Context::Pool
                | Context::Filter
                | Context::Outline
                | Context::Editor
                | Context::Reading
                | Context::Preview
                | Context::Help
        )
    }
}

/// A key with its modifiers, as bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Chord {
    /// From a key event. A typed character carries its case already, so Shift is dropped
    /// from it (`?` and `K` arrive with Shift on most terminals).
    pub fn from_event(key: &KeyEvent) -> Chord {
        let mut mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match key.code {
            KeyCode::BackTab => {
                mods |= KeyModifiers::SHIFT;
                KeyCode::Tab
            }
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(if mods.is_empty() { c } else { c.to_ascii_lowercase() })
            }
            other => other,
        };
        Chord { code, mods }
    }

    /// Parse `ctrl-s`, `alt-up`, `shift-tab`, `f1`, `?`, `K`, `enter`.
    pub fn parse(text: &str) -> Result<Chord, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, m) = match () {
                _ if lower.starts_with("ctrl-") => ("ctrl-", KeyModifiers::CONTROL),
                _ if lower.starts_with("alt-") => ("alt-", KeyModifiers::ALT),
                _ if lower.starts_with("shift-") => ("shift-", KeyModifiers::SHIFT),
                _ => break,
            };
            mods |= m;
            rest = &rest[prefix.len()..];
        }
        let named = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => Some(KeyCode::Enter),
            "esc" | "escape" => Some(KeyCode::Esc),
            "tab" => Some(KeyCode::Tab),
            "backtab" => {
                mods |= KeyModifiers::SHIFT;
                Some(KeyCode::Tab)
            }
            "up" => Some(KeyCode::Up),
            "down" => Some(KeyCode::Down),
            "left" => Some(KeyCode::Left),
            "right" => Some(KeyCode::Right),
            "home" => Some(KeyCode::Home),
            "end" => Some(KeyCode::End),
            "pageup" => Some(KeyCode::PageUp),
            "pagedown" => Some(KeyCode::PageDown),
            "delete" | "del" => Some(KeyCode::Delete),
            "backspace" => Some(KeyCode::Backspace),
            "insert" => Some(KeyCode::Insert),
            "space" => Some(KeyCode::Char(' ')),
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                Some(KeyCode::F(f[1..].parse().unwrap_or(1)))
            }
            _ => None,
        };
        let code = match named {
            Some(code) => code,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        mods.remove(KeyModifiers::SHIFT);
                        KeyCode::Char(if mods.is_empty() { c } else { c.to_ascii_lowercase() })
                    }
                    _ => return Err(format!("unknown key `{text}`")),
                }
            }
        };
        Ok(Chord { code, mods })
    }

    /// How the help and the status bar show the key: `Ctrl-S`, `Alt-↑`, `Enter`.
    pub fn label(&self) -> String {
        let mut out = String::new();
        for (m, name) in
            [(KeyModifiers::CONTROL, "Ctrl-"), (KeyModifiers::ALT, "Alt-"), (KeyModifiers::SHIFT, "Shift-")]
        {
            if self.mods.contains(m) {
                out.push_str(name);
            }
        }
        let key = match self.code {
            KeyCode::Enter => "Enter".to_string(),
            KeyCode::Esc => "Esc".to_string(),
            KeyCode::Tab => "Tab".to_string(),
            KeyCode::Up => "↑".to_string(),
            KeyCode::Down => "↓".to_string(),
            KeyCode::Left => "←".to_string(),
            KeyCode::Right => "→".to_string(),
            KeyCode::Home => "Home".to_string(),
            KeyCode::End => "End".to_string(),
            KeyCode::PageUp => "PgUp".to_string(),
            KeyCode::PageDown => "PgDn".to_string(),
            KeyCode::Delete => "Del".to_string(),
            KeyCode::Backspace => "Backspace".to_string(),
            KeyCode::Insert => "Ins".to_string(),
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.mods.is_empty() => c.to_string(),
            KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
            other => format!("{other:?}"),
        };
        out.push_str(&key);
        out
    }
}

/// One entry: keys, action, and its description in both languages.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: Vec<Chord>,
    pub action: Action,
    pub zh: String,
    pub en: String,
    /// Place in the status bar's hints (1 first); none: after the ranked ones.
    pub bar: Option<u8>,
}

impl Binding {
    pub fn describe(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }

    pub fn keys_label(&self) -> String {
        self.keys.iter().map(Chord::label).collect::<Vec<_>>().join(" / ")
    }
}

/// The keymap file's shape (also `[keys]` in config.toml): `[[context]]` arrays of entries.
pub type KeymapFile = HashMap<String, Vec<Entry>>;

/// An entry as read from a keymap file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub keys: Vec<String>,
    pub action: Action,
    #[serde(default)]
    pub zh: String,
    #[serde(default)]
    pub en: String,
    /// Place in the status bar's hints, most important first (1); entries without one
    /// follow in the file's order.
    #[serde(default)]
    pub bar: Option<u8>,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    contexts: HashMap<Context, Vec<Binding>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::from_toml(DEFAULT_KEYMAP).expect("the built-in keymap is valid (tested)")
    }
}

fn binding(entry: &Entry) -> Result<Binding, String> {
    let keys = entry.keys.iter().map(|k| Chord::parse(k)).collect::<Result<Vec<_>, _>>()?;
    Ok(Binding { keys, action: entry.action, zh: entry.zh.clone(), en: entry.en.clone(), bar: entry.bar })
}

impl Keymap {
    pub fn from_toml(text: &str) -> Result<Keymap, String> {
        let file: KeymapFile = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut contexts: HashMap<Context, Vec<Binding>> = HashMap::new();
        for (name, entries) in file {
            let ctx = Context::from_name(&name).ok_or_else(|| format!("unknown key context `{name}`"))?;
            for e in &entries {
                contexts.entry(ctx).or_default().push(binding(e)?);
            }
        }
        Ok(Keymap { contexts })
    }

    /// Put the user's entries in front of the defaults of their context. An entry without
    /// descriptions borrows those of the default entry for the same action.
    pub fn with_overrides(mut self, user: &KeymapFile) -> Result<Keymap, String> {
        for (name, entries) in user {
            let ctx = Context::from_name(name).ok_or_else(|| format!("unknown key context `{name}`"))?;
            let list = self.contexts.entry(ctx).or_default();
            for (k, e) in entries.iter().enumerate() {
                let mut b = binding(e)?;
                if let Some(default) = list.iter().find(|d| d.action == b.action) {
                    if b.zh.is_empty() {
                        b.zh = default.zh.clone();
                    }
                    if b.en.is_empty() {
                        b.en = default.en.clone();
                    }
                    if b.bar.is_none() {
                        b.bar = default.bar;
                    }
                }
                // The user's keys no longer mean what the defaults said.
                for d in list.iter_mut() {
                    d.keys.retain(|key| !b.keys.contains(key));
                }
                list.insert(k, b);
            }
            list.retain(|b| !b.keys.is_empty());
        }
        Ok(self)
    }

    /// The action bound to `chord` in `ctx` (not looking at other contexts).
    pub fn lookup(&self, ctx: Context, chord: &Chord) -> Option<Action> {
        self.contexts.get(&ctx)?.iter().find(|b| b.keys.contains(chord)).map(|b| b.action)
    }

    /// The action `key` means in `ctx`: its own binding, else (where the context lets keys
    /// through) the global one. `None`: the key is text.
    pub fn action_for(&self, ctx: Context, key: &KeyEvent) -> Option<Action> {
        let chord = Chord::from_event(key);
        self.lookup(ctx, &chord)
            .or_else(|| if ctx.falls_back() { self.lookup(Context::Global, &chord) } else { None })
    }

    /// Hints for the status bar or a dialog: `(action, key, words)` of the context's
    /// bindings and of the global ones where keys fall through to them — those with a
    /// `bar` place first, in its order, then the rest in the keymap's order.
    pub fn hints(&self, ctx: Context, lang: Lang) -> Vec<(Action, String, String)> {
        let own = self.bindings(ctx).iter();
        let global = if ctx.falls_back() { self.bindings(Context::Global) } else { &[] };
        let mut all: Vec<&Binding> = own.chain(global).filter(|b| b.action != Action::None).collect();
        all.sort_by_key(|b| b.bar.unwrap_or(u8::MAX));
        all.into_iter()
            .filter_map(|b| Some((b.action, b.keys.first()?.label(), b.describe(lang).to_string())))
            .collect()
    }

    pub fn bindings(&self, ctx: Context) -> &[Binding] {
        self.contexts.get(&ctx).map_or(&[], Vec::as_slice)
    }

    /// The first key bound to `action` in `ctx`, for hints.
    pub fn key_for(&self, ctx: Context, action: Action) -> Option<String> {
        self.bindings(ctx).iter().find(|b| b.action == action).and_then(|b| b.keys.first()).map(Chord::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn the_default_keymap_parses_and_binds_the_spec_keys() {
        let map = Keymap::default();
        let at = |ctx, s: &str| map.lookup(ctx, &Chord::parse(s).unwrap());
        assert_eq!(at(Context::Global, "tab"), Some(Action::FocusNext));
        assert_eq!(at(Context::Global, "shift-tab"), Some(Action::FocusPrev));
        assert_eq!(at(Context::Pool, "enter"), Some(Action::Place));
        assert_eq!(at(Context::Outline, "enter"), Some(Action::Edit));
        assert_eq!(at(Context::Editor, "esc"), Some(Action::Leave));
        assert_eq!(at(Context::Outline, "alt-up"), Some(Action::MoveUp));
        assert_eq!(at(Context::Outline, "alt-down"), Some(Action::MoveDown));
        assert_eq!(at(Context::Outline, "delete"), Some(Action::Unplace));
        assert_eq!(at(Context::Global, "ctrl-s"), Some(Action::Save));
        assert_eq!(at(Context::Global, "ctrl-e"), Some(Action::Export));
        assert_eq!(at(Context::Global, "ctrl-p"), Some(Action::Preview));
        assert_eq!(at(Context::Global, "ctrl-z"), Some(Action::Undo));
        assert_eq!(at(Context::Global, "ctrl-y"), Some(Action::Redo));
        assert_eq!(at(Context::Global, "f1"), Some(Action::Help));
        assert_eq!(at(Context::Pool, "?"), Some(Action::Help));
        assert_eq!(at(Context::Pool, "q"), Some(Action::Quit));
        assert_eq!(at(Context::Global, "ctrl-q"), Some(Action::Quit));
        assert_eq!(at(Context::Pool, "j"), Some(Action::Down));
        assert_eq!(at(Context::Outline, "k"), Some(Action::Up));
        // Typing in the editor is never a command.
        assert_eq!(at(Context::Editor, "q"), None);
        assert_eq!(at(Context::Global, "q"), None);
    }

    #[test]
    fn no_two_actions_share_a_chord_in_one_context() {
        let map = Keymap::default();
        let mut bound = 0;
        for ctx in Context::ALL {
            let mut seen: HashMap<Chord, Action> = HashMap::new();
            for b in map.bindings(ctx) {
                for chord in &b.keys {
                    bound += 1;
                    if let Some(other) = seen.insert(*chord, b.action) {
                        panic!(
                            "{}: {} is bound to {other:?} and to {:?}",
                            ctx.name(),
                            chord.label(),
                            b.action
                        );
                    }
                }
            }
        }
        assert!(bound > 60, "only {bound} keys bound in all");
    }

    #[test]
    fn a_user_binding_takes_its_chord_from_the_default_action() {
        // Binding ctrl-s to preview leaves save without ctrl-s instead of sharing it.
        let user: KeymapFile =
            toml::from_str("[[global]]\nkeys = [\"ctrl-s\"]\naction = \"preview\"\n").unwrap();
        let map = Keymap::default().with_overrides(&user).unwrap();
        let chord = Chord::parse("ctrl-s").unwrap();
        let holders: Vec<Action> = map
            .bindings(Context::Global)
            .iter()
            .filter(|b| b.keys.contains(&chord))
            .map(|b| b.action)
            .collect();
        assert_eq!(holders, vec![Action::Preview]);
    }

    #[test]
    fn every_default_entry_is_described_in_both_languages() {
        let map = Keymap::default();
        for ctx in Context::ALL {
            for b in map.bindings(ctx) {
                assert!(!b.zh.is_empty() && !b.en.is_empty(), "{ctx:?} {:?}", b.action);
            }
        }
    }

    #[test]
    fn events_match_parsed_chords() {
        assert_eq!(
            Chord::from_event(&key(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Chord::parse("?").unwrap()
        );
        assert_eq!(
            Chord::from_event(&key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Chord::parse("shift-tab").unwrap()
        );
        assert_eq!(
            Chord::from_event(&key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Chord::parse("ctrl-s").unwrap()
        );
        assert_eq!(
            Chord::from_event(&key(KeyCode::Char('K'), KeyModifiers::SHIFT)),
            Chord::parse("K").unwrap()
        );
        assert_eq!(Chord::from_event(&key(KeyCode::Up, KeyModifiers::ALT)), Chord::parse("alt-up").unwrap());
        assert_eq!(Chord::parse("ctrl-s").unwrap().label(), "Ctrl-S");
        assert_eq!(Chord::parse("alt-up").unwrap().label(), "Alt-↑");
        assert!(Chord::parse("ctrl-nonsense").is_err());
    }

    #[test]
    fn user_entries_take_precedence_and_can_unbind() {
        let user: KeymapFile = toml::from_str(
            r#"
            [[pool]]
            keys = ["x"]
            action = "delete_item"
            [[pool]]
            keys = ["d", "delete"]
            action = "none"
            "#,
        )
        .unwrap();
        let map = Keymap::default().with_overrides(&user).unwrap();
        let at = |s: &str| map.lookup(Context::Pool, &Chord::parse(s).unwrap());
        assert_eq!(at("x"), Some(Action::DeleteItem));
        assert_eq!(at("d"), Some(Action::None));
        let x = map.bindings(Context::Pool).iter().find(|b| b.action == Action::DeleteItem).unwrap();
        assert!(!x.zh.is_empty(), "borrowed the default description");
    }
}
