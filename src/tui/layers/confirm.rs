//! A confirmation: a question and a few buttons, each carrying the commands it stands for
//! (the confirmed action is pushed, not decided by matching on what was asked).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Cx, Reply, frame};
use crate::tui::action::{Action, Msg};
use crate::tui::cmd::Cmd;
use crate::tui::fit::cells;

/// What is being asked (for tests, and for the one question that must not be disturbed:
/// a pending restore keeps its recovery file until answered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfirmKind {
    Quit,
    Leave,
    Restore,
    DeleteItem,
    DeleteSection,
    FirstIssue,
    TakeOver,
    /// The export would replace a file.
    Overwrite,
    /// The issue has errors the export would print.
    ExportErrors,
    /// Something to read, with one button (the fonts of a PDF export).
    Info,
}

pub struct Confirm {
    pub kind: ConfirmKind,
    pub title: String,
    pub message: String,
    /// Label and commands of each button.
    pub buttons: Vec<(String, Vec<Cmd>)>,
    pub selected: usize,
    /// What Esc does.
    pub on_cancel: Vec<Cmd>,
}

impl Confirm {
    pub fn new(kind: ConfirmKind, title: impl Into<String>, message: impl Into<String>) -> Confirm {
        Confirm {
            kind,
            title: title.into(),
            message: message.into(),
            buttons: Vec::new(),
            selected: 0,
            on_cancel: Vec::new(),
        }
    }

    pub fn button(mut self, label: impl Into<String>, cmds: Vec<Cmd>) -> Confirm {
        self.buttons.push((label.into(), cmds));
        self
    }

    /// Esc does this (by default nothing).
    pub fn on_cancel(mut self, cmds: Vec<Cmd>) -> Confirm {
        self.on_cancel = cmds;
        self
    }

    pub fn selected(mut self, k: usize) -> Confirm {
        self.selected = k.min(self.buttons.len().saturating_sub(1));
        self
    }

    pub fn update(&mut self, msg: &Msg) -> Reply {
        let n = self.buttons.len().max(1);
        match msg {
            Msg::Do(Action::Confirm) => {
                let cmds =
                    self.buttons.get_mut(self.selected).map(|(_, c)| std::mem::take(c)).unwrap_or_default();
                Reply::Close(cmds)
            }
            Msg::Do(Action::Cancel) => Reply::Close(std::mem::take(&mut self.on_cancel)),
            Msg::Do(Action::NextOption) => {
                self.selected = (self.selected + 1) % n;
                Reply::Stay(vec![])
            }
            Msg::Do(Action::PrevOption) => {
                self.selected = (self.selected + n - 1) % n;
                Reply::Stay(vec![])
            }
            // Everything else waits for the answer.
            _ => Reply::Stay(vec![]),
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, cx: &Cx) {
        let t = &cx.env.theme;
        let width = 64u16.min(area.width);
        let inner_w = width.saturating_sub(2).max(1) as usize;
        let text_rows: usize = self.message.lines().map(|l| cells(l).div_ceil(inner_w).max(1)).sum();
        let button_width: usize = self.buttons.iter().map(|(l, _)| cells(l) + 4).sum();
        let button_rows = button_width.div_ceil(inner_w).max(1);
        let rect = crate::tui::panes::centred(area, width, (text_rows + button_rows + 3) as u16);
        crate::tui::panes::clear_area(f, rect);
        let b = frame(cx, &self.title);
        let inner = b.inner(rect);
        f.render_widget(b, rect);
        let mut buttons = Vec::new();
        for (k, (label, _)) in self.buttons.iter().enumerate() {
            let style = if k == self.selected { t.selected } else { t.dim };
            buttons.push(Span::styled(format!(" {label} "), style));
            buttons.push(Span::raw("  "));
        }
        let mut lines: Vec<Line> =
            self.message.lines().map(|l| Line::from(Span::styled(l.to_string(), t.text))).collect();
        lines.push(Line::from(""));
        lines.push(Line::from(buttons));
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    }
}
