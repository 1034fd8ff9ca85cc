//! Dialogs: forms of labelled fields, confirmations with a few choices, the open list.
//! They hold what the user is typing; the app reads them out on confirm.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::editor::clean_input;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Line,
    Multi,
    /// One of several values, chosen with ← →.
    Choice(Vec<String>),
}

pub struct FormField {
    pub label: &'static str,
    pub kind: FieldKind,
    pub input: TextArea<'static>,
    pub choice: usize,
}

impl FormField {
    pub fn line(label: &'static str, value: &str) -> FormField {
        FormField::with(label, FieldKind::Line, value)
    }

    pub fn multi(label: &'static str, value: &str) -> FormField {
        FormField::with(label, FieldKind::Multi, value)
    }

    pub fn choice(label: &'static str, options: &[&str], selected: usize) -> FormField {
        let mut f =
            FormField::with(label, FieldKind::Choice(options.iter().map(|s| s.to_string()).collect()), "");
        f.choice = selected.min(options.len().saturating_sub(1));
        f
    }

    fn with(label: &'static str, kind: FieldKind, value: &str) -> FormField {
        let lines: Vec<String> =
            if value.is_empty() { vec![String::new()] } else { value.lines().map(str::to_string).collect() };
        let mut input = TextArea::new(lines);
        input.set_cursor_line_style(Style::default());
        input.set_wrap_mode(if kind == FieldKind::Multi { WrapMode::WordOrGlyph } else { WrapMode::None });
        input.move_cursor(CursorMove::Bottom);
        input.move_cursor(CursorMove::End);
        FormField { label, kind, input, choice: 0 }
    }

    /// The field's text (trimmed; lines joined with `\n`), or the chosen option.
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Choice(options) => options.get(self.choice).cloned().unwrap_or_default(),
            _ => self.input.lines().join("\n").trim().to_string(),
        }
    }

    /// How many rows the field wants.
    pub fn rows(&self) -> u16 {
        match self.kind {
            FieldKind::Multi => 6,
            _ => 1,
        }
    }
}

/// What a form is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    Masthead,
    Footer,
    Export,
    NewSection { at: usize },
    RenameSection(usize),
    TocTitle { id: String },
    Import,
}

pub struct Form {
    pub purpose: FormPurpose,
    pub title: &'static str,
    pub fields: Vec<FormField>,
    pub focus: usize,
    pub error: Option<String>,
    pub hint: Option<&'static str>,
}

/// What a key did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    Handled,
    Confirm,
}

impl Form {
    pub fn new(purpose: FormPurpose, title: &'static str, fields: Vec<FormField>) -> Form {
        Form { purpose, title, fields, focus: 0, error: None, hint: None }
    }

    pub fn field(&self, k: usize) -> &FormField {
        &self.fields[k]
    }

    pub fn value(&self, k: usize) -> String {
        self.fields.get(k).map(FormField::value).unwrap_or_default()
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    pub fn prev(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    /// A key the keymap did not take. Enter in a multi-line field is a new line (the
    /// dialog confirms with Ctrl-S there).
    pub fn input(&mut self, key: KeyEvent) -> FormKey {
        let field = &mut self.fields[self.focus];
        match (&field.kind, key.code) {
            (FieldKind::Choice(options), KeyCode::Left) => {
                field.choice = (field.choice + options.len() - 1) % options.len();
            }
            (FieldKind::Choice(options), KeyCode::Right | KeyCode::Char(' ')) => {
                field.choice = (field.choice + 1) % options.len();
            }
            (FieldKind::Choice(_), _) => {}
            (FieldKind::Line, KeyCode::Enter) => return FormKey::Confirm,
            (FieldKind::Line, KeyCode::Char('m')) if key.modifiers.contains(KeyModifiers::CONTROL) => {}
            _ => {
                field.input.input(key);
            }
        }
        self.error = None;
        FormKey::Handled
    }

    /// ↑/↓ inside a multi-line field move its caret; at its edges they move between fields.
    pub fn arrow(&mut self, down: bool) {
        let field = &mut self.fields[self.focus];
        if field.kind == FieldKind::Multi {
            let before = field.input.cursor();
            field.input.move_cursor(if down { CursorMove::Down } else { CursorMove::Up });
            if field.input.cursor() != before {
                return;
            }
        }
        if down { self.next() } else { self.prev() }
    }

    /// Replace the focused field's text (path completion).
    pub fn set_value(&mut self, text: &str) {
        let field = &mut self.fields[self.focus];
        field.input = TextArea::new(vec![text.to_string()]);
        field.input.set_cursor_line_style(Style::default());
        field.input.move_cursor(CursorMove::End);
    }

    pub fn paste(&mut self, text: &str) {
        let field = &mut self.fields[self.focus];
        let text = clean_input(text);
        match field.kind {
            FieldKind::Multi => {
                field.input.insert_str(text);
            }
            FieldKind::Line => {
                field.input.insert_str(text.lines().next().unwrap_or(""));
            }
            FieldKind::Choice(_) => {}
        }
    }
}

/// Complete a typed path: the longest unambiguous completion among the folder's entries
/// (a folder gets its `/`), and the names that still match.
pub fn complete_path(input: &str) -> (String, Vec<String>) {
    let (dir, prefix) = match input.rfind('/') {
        Some(k) => (&input[..=k], &input[k + 1..]),
        None => ("", input),
    };
    let expanded = match dir.strip_prefix("~/") {
        Some(rest) => {
            std::env::var("HOME").map(|h| format!("{h}/{rest}")).unwrap_or_else(|_| dir.to_string())
        }
        None => dir.to_string(),
    };
    let listing = std::fs::read_dir(if expanded.is_empty() { "." } else { &expanded });
    let mut names: Vec<(String, bool)> = listing
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            (name.starts_with(prefix) && !name.starts_with('.')).then_some((name, is_dir))
        })
        .collect();
    names.sort();
    match names.as_slice() {
        [] => (input.to_string(), Vec::new()),
        [(name, is_dir)] => (format!("{dir}{name}{}", if *is_dir { "/" } else { "" }), Vec::new()),
        many => {
            let first = &many[0].0;
            let common = many.iter().fold(first.clone(), |acc, (n, _)| {
                acc.chars().zip(n.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
            });
            let longer =
                if common.chars().count() > prefix.chars().count() { common } else { prefix.to_string() };
            (
                format!("{dir}{longer}"),
                many.iter().map(|(n, d)| if *d { format!("{n}/") } else { n.clone() }).collect(),
            )
        }
    }
}

/// What a confirmation is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmPurpose {
    Quit,
    DeleteItem {
        id: String,
    },
    DeleteSection(usize),
    CreateFirstIssue,
    /// Save (or not) before opening another file.
    Leave {
        then: Leave,
    },
    /// Restore (Enter) or set aside (Esc) the unsaved changes of a session that ended
    /// before saving them.
    Restore(Box<crate::store::recovery::Recovered>),
    /// End the jianbao that holds this issue's lock and edit here.
    TakeOver(crate::store::lock::Holder),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leave {
    Open(PathBuf),
    NewIssue,
}

/// The answers a confirmation offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    /// Save first, then do it.
    SaveFirst,
    /// Do it without saving.
    Discard,
    No,
}

pub struct Confirm {
    pub purpose: ConfirmPurpose,
    pub title: &'static str,
    pub message: String,
    pub options: Vec<(String, Answer)>,
    pub selected: usize,
}

impl Confirm {
    pub fn answer(&self) -> Answer {
        self.options.get(self.selected).map_or(Answer::No, |(_, a)| *a)
    }
}

/// One file in the open dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEntry {
    pub path: PathBuf,
    pub label: String,
    pub group: &'static str,
}

pub struct OpenList {
    pub entries: Vec<OpenEntry>,
    pub selected: usize,
}

pub enum Dialog {
    Form(Form),
    Confirm(Confirm),
    Open(OpenList),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_complete_to_the_longest_common_prefix() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("来稿一.txt"), "x").unwrap();
        std::fs::write(dir.path().join("来稿二.docx"), "x").unwrap();
        std::fs::create_dir(dir.path().join("往期")).unwrap();
        let base = format!("{}/", dir.path().display());
        let (done, options) = complete_path(&format!("{base}来"));
        assert_eq!(done, format!("{base}来稿"));
        assert_eq!(options.len(), 2);
        assert_eq!(complete_path(&format!("{base}往")).0, format!("{base}往期/"));
        assert_eq!(complete_path(&format!("{base}来稿一")).0, format!("{base}来稿一.txt"));
        assert_eq!(complete_path(&format!("{base}无")).0, format!("{base}无"));
    }
}
