//! A form: labelled fields the user types into, each found by its key (never by its
//! position), with the error of the last confirm and a hint. The typed dialogs (masthead,
//! footer, export, import, sections) are forms plus what their values mean.

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::lang::Lang;
use crate::tui::action::{Action, Msg};
use crate::tui::fit::{cells, pad};
use crate::tui::keymap::Context;
use crate::tui::msg::{Label, Message};
use crate::tui::panes::clean_input;
use crate::tui::panes::editor::caret;

use super::{Cx, frame, hint_lines};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Line,
    Multi,
    /// A file path: Tab completes it.
    Path,
    /// One of several values, chosen with ← →.
    Choice(Vec<String>),
    /// A box to tick (Space, ← →): its label is drawn beside it, across the row.
    Check,
}

pub struct Field<K> {
    pub key: K,
    pub label: Label,
    pub kind: Kind,
    pub input: TextArea<'static>,
    pub choice: usize,
}

fn text_area(value: &str, kind: &Kind) -> TextArea<'static> {
    let lines: Vec<String> =
        if value.is_empty() { vec![String::new()] } else { value.lines().map(str::to_string).collect() };
    let mut input = TextArea::new(lines);
    input.set_cursor_line_style(Style::default());
    input.set_wrap_mode(if *kind == Kind::Multi { WrapMode::WordOrGlyph } else { WrapMode::None });
    input.set_line_break_rules((*kind == Kind::Multi).then_some(crate::tui::panes::KINSOKU));
    // A one-line field is added to at its end; a multi-line one is read from its top.
    if *kind == Kind::Multi {
        input.move_cursor(CursorMove::Top);
    } else {
        input.move_cursor(CursorMove::End);
    }
    input
}

impl<K> Field<K> {
    pub fn line(key: K, label: Label, value: &str) -> Field<K> {
        Field::with(key, label, Kind::Line, value)
    }

    pub fn multi(key: K, label: Label, value: &str) -> Field<K> {
        Field::with(key, label, Kind::Multi, value)
    }

    pub fn path(key: K, label: Label, value: &str) -> Field<K> {
        Field::with(key, label, Kind::Path, value)
    }

    pub fn check(key: K, label: Label, ticked: bool) -> Field<K> {
        let mut f = Field::with(key, label, Kind::Check, "");
        f.choice = usize::from(ticked);
        f
    }

    pub fn choice(key: K, label: Label, options: Vec<String>, selected: usize) -> Field<K> {
        let n = options.len();
        let mut f = Field::with(key, label, Kind::Choice(options), "");
        f.choice = selected.min(n.saturating_sub(1));
        f
    }

    fn with(key: K, label: Label, kind: Kind, value: &str) -> Field<K> {
        let input = text_area(value, &kind);
        Field { key, label, kind, input, choice: 0 }
    }

    /// The field's text (trimmed; lines joined with `\n`), or the chosen option.
    pub fn value(&self) -> String {
        match &self.kind {
            Kind::Choice(options) => options.get(self.choice).cloned().unwrap_or_default(),
            _ => self.input.lines().join("\n").trim().to_string(),
        }
    }

    /// How many rows the field wants.
    fn rows(&self) -> u16 {
        if self.kind == Kind::Multi { 6 } else { 1 }
    }
}

/// What a message did to a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// Taken (typed, moved): nothing more to do.
    Handled,
    Confirm,
    Cancel,
    /// Not for a form.
    Ignored,
}

pub struct Form<K> {
    pub fields: Vec<Field<K>>,
    pub focus: usize,
    pub error: Option<Message>,
    pub hint: Option<(&'static str, &'static str)>,
}

impl<K: Copy + PartialEq> Form<K> {
    pub fn new(fields: Vec<Field<K>>) -> Form<K> {
        Form { fields, focus: 0, error: None, hint: None }
    }

    pub fn with_hint(mut self, zh: &'static str, en: &'static str) -> Form<K> {
        self.hint = Some((zh, en));
        self
    }

    fn field(&self, key: K) -> Option<&Field<K>> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn value(&self, key: K) -> String {
        self.field(key).map(Field::value).unwrap_or_default()
    }

    pub fn choice(&self, key: K) -> usize {
        self.field(key).map_or(0, |f| f.choice)
    }

    /// Whether a check field is ticked.
    pub fn ticked(&self, key: K) -> bool {
        self.field(key).is_some_and(|f| f.kind == Kind::Check && f.choice == 1)
    }

    /// The key of the focused field.
    pub fn focused(&self) -> Option<K> {
        self.fields.get(self.focus).map(|f| f.key)
    }

    /// Replace a field's text (a path completed, a name that follows a choice).
    pub fn set_value(&mut self, key: K, text: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.input = text_area(text, &f.kind);
        }
    }

    /// The keymap context of the focused field.
    pub fn context(&self) -> Context {
        match self.fields.get(self.focus).map(|f| &f.kind) {
            Some(Kind::Multi) => Context::Multiline,
            Some(Kind::Path) => Context::Path,
            Some(Kind::Choice(_) | Kind::Check) => Context::Choice,
            _ => Context::Dialog,
        }
    }

    fn step(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.focus = if forward { (self.focus + 1) % n } else { (self.focus + n - 1) % n };
        if let Some(f) = self.fields.get_mut(self.focus)
            && f.kind != Kind::Multi
        {
            f.input.move_cursor(CursorMove::End);
        }
    }

    /// Take a message meant for the dialog.
    pub fn update(&mut self, msg: &Msg) -> Reply {
        let Some(field) = self.fields.get_mut(self.focus) else { return Reply::Ignored };
        let reply = match msg {
            Msg::Do(Action::Confirm) => return Reply::Confirm,
            Msg::Do(Action::Cancel) => return Reply::Cancel,
            Msg::Do(Action::NextField) => {
                self.step(true);
                Reply::Handled
            }
            Msg::Do(Action::PrevField) => {
                self.step(false);
                Reply::Handled
            }
            // A path field completes the name typed so far; the names still matching are
            // shown where an error would be.
            Msg::Do(Action::Complete) if field.kind == Kind::Path => {
                let (done, names) = super::import::complete_path(&field.value());
                field.input = text_area(&done, &field.kind);
                self.error = (!names.is_empty()).then_some(Message::Completions(names));
                return Reply::Handled;
            }
            Msg::Do(Action::NextOption | Action::PrevOption) => {
                let n = match &field.kind {
                    Kind::Choice(options) => options.len().max(1),
                    Kind::Check => 2,
                    _ => 1,
                };
                let forward = matches!(msg, Msg::Do(Action::NextOption));
                field.choice = if forward { (field.choice + 1) % n } else { (field.choice + n - 1) % n };
                Reply::Handled
            }
            Msg::Type(key) => {
                match (&field.kind, key.code) {
                    (Kind::Choice(_) | Kind::Check, _) => {}
                    // ↑ / ↓ inside a multi-line field move its caret; at its edges, between fields.
                    (Kind::Multi, KeyCode::Up | KeyCode::Down) => {
                        let before = field.input.cursor();
                        field.input.input(*key);
                        if field.input.cursor() == before {
                            self.step(key.code == KeyCode::Down);
                        }
                    }
                    (Kind::Line | Kind::Path, KeyCode::Enter) => {}
                    (Kind::Line | Kind::Path, KeyCode::Char('m'))
                        if key.modifiers.contains(KeyModifiers::CONTROL) => {}
                    (_, KeyCode::Char(c)) if c.is_control() => {}
                    _ => {
                        field.input.input(*key);
                    }
                }
                Reply::Handled
            }
            Msg::Paste(text) => {
                let text = clean_input(text);
                match field.kind {
                    Kind::Multi => {
                        field.input.insert_str(text);
                    }
                    Kind::Line | Kind::Path => {
                        field.input.insert_str(text.lines().next().unwrap_or(""));
                    }
                    Kind::Choice(_) | Kind::Check => {}
                }
                Reply::Handled
            }
            _ => Reply::Ignored,
        };
        if reply == Reply::Handled {
            self.error = None;
        }
        reply
    }

    /// Draw the form in a dialog frame over `area`; where the caret is.
    pub fn render(&self, f: &mut Frame, area: Rect, cx: &Cx, title: &str) -> Option<Position> {
        let t = &cx.env.theme;
        let lang = cx.env.lang;
        let label_w = (self
            .fields
            .iter()
            .filter(|x| x.kind != Kind::Check)
            .map(|x| cells(x.label.text(lang)))
            .max()
            .unwrap_or(4) as u16
            + 2)
        .max(8);
        let width = 76.min(area.width);
        let inner_w = width.saturating_sub(2);
        let mut notes: Vec<Line> = Vec::new();
        if let Some(e) = &self.error {
            notes.push(Line::from(Span::styled(e.text(lang), t.error)));
        }
        if let Some((zh, en)) = self.hint {
            // Wrapped with the export's 禁则 (no line starts with 、 or ”); the layout counts
            // “ ” as two columns where a terminal may show one: a line is never too long.
            for line in crate::layout::breaking::wrap(lang.pick(zh, en), inner_w as usize, 0, 0) {
                notes.push(Line::from(Span::styled(line, t.dim)));
            }
        }
        // A multi-line field gives up rows when the screen is short; then the keys go too
        // (the status bar shows them), before the dialog's own hint is cut.
        let fixed: u16 = self.fields.iter().filter(|x| x.kind != Kind::Multi).map(Field::rows).sum();
        let multis = self.fields.iter().filter(|x| x.kind == Kind::Multi).count() as u16;
        let room = area.height.saturating_sub(fixed + multis + 2) as usize;
        let keys = hint_lines(cx, self.context(), inner_w as usize);
        if notes.len() + keys.len() <= room {
            notes.extend(keys);
        }
        let extra = notes.len() as u16;
        let spare = area.height.saturating_sub(fixed + extra + 2);
        let rows_of =
            |x: &Field<K>| if x.kind == Kind::Multi { x.rows().min(spare.max(1)) } else { x.rows() };
        let rows: u16 = self.fields.iter().map(rows_of).sum();
        let rect = super::super::panes::centred(area, width, rows + extra + 2);
        super::super::panes::clear_area(f, rect);
        let b = frame(cx, title);
        let inner = b.inner(rect);
        f.render_widget(b, rect);
        let mut y = inner.y;
        let bottom = inner.y + inner.height;
        let mut cursor = None;
        // More fields than rows (a long form on a small screen): scrolled so the focused
        // one shows, the notes kept under them.
        let field_room = inner.height.saturating_sub(extra);
        let mut first = 0;
        while first < self.focus
            && self.fields[first..=self.focus.min(self.fields.len().saturating_sub(1))]
                .iter()
                .map(rows_of)
                .sum::<u16>()
                > field_room
        {
            first += 1;
        }
        for (k, field) in self.fields.iter().enumerate().skip(first) {
            if y >= bottom || (y - inner.y >= field_room && k > self.focus) {
                break;
            }
            let h = rows_of(field).min(bottom - y);
            let active = k == self.focus;
            let label_style = if active { t.label_focused } else { t.label };
            if field.kind == Kind::Check {
                // The box under the inputs, its words beside it (they may be long).
                let mark = if field.choice == 1 { "[x] " } else { "[ ] " };
                let style = if active { t.label_focused } else { t.label };
                let words = format!("{mark}{}", field.label.text(lang));
                // Under the inputs when it fits there, else from the left edge.
                let indent = if cells(&words) as u16 + label_w <= inner.width { label_w } else { 0 };
                let row = Rect { x: inner.x + indent, y, width: inner.width - indent, height: 1 };
                f.render_widget(Paragraph::new(Span::styled(words, style)), row);
                y += h;
                continue;
            }
            f.render_widget(
                Paragraph::new(Span::styled(pad(field.label.text(lang), label_w as usize - 1), label_style)),
                Rect { x: inner.x, y, width: label_w - 1, height: 1 },
            );
            let input =
                Rect { x: inner.x + label_w, y, width: inner.width.saturating_sub(label_w), height: h };
            match &field.kind {
                Kind::Choice(options) => {
                    let mut spans = Vec::new();
                    // All the options when they fit; else only the chosen one, with arrows
                    // saying there are more (← →).
                    let all: usize = options.iter().map(|o| cells(o) + 3).sum();
                    if all > input.width as usize {
                        let chosen = options.get(field.choice).map_or("", String::as_str);
                        let style = if active { t.selected } else { t.selected_unfocused };
                        spans.push(Span::styled(format!("← {chosen} →"), style));
                        f.render_widget(Paragraph::new(Line::from(spans)), input);
                        y += h;
                        continue;
                    }
                    for (n, option) in options.iter().enumerate() {
                        let style = match (n == field.choice, active) {
                            (true, true) => t.selected,
                            (true, false) => t.selected_unfocused,
                            _ => t.dim,
                        };
                        spans.push(Span::styled(format!(" {option} "), style));
                        spans.push(Span::raw(" "));
                    }
                    f.render_widget(Paragraph::new(Line::from(spans)), input);
                }
                _ => {
                    f.render_widget(&field.input, input);
                    if active {
                        cursor = caret(&field.input, input);
                    }
                }
            }
            y += h;
        }
        if y < bottom {
            f.render_widget(
                Paragraph::new(notes),
                Rect { x: inner.x, y, width: inner.width, height: bottom - y },
            );
        }
        cursor
    }
}

/// The options of a choice field in the interface's language.
pub fn options(lang: Lang, choices: &[(&str, &str)]) -> Vec<String> {
    choices.iter().map(|(zh, en)| lang.pick(zh, en).to_string()).collect()
}
