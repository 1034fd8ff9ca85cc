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
            (FieldKind::Line, KeyCode::Char('m' | 'j')) if key.modifiers.contains(KeyModifiers::CONTROL) => {}
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
