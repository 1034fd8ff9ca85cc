//! Dialogs drawn over the panes: forms, confirmations, the open list.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use super::centred;
use super::editor::caret;
use crate::tui::app::App;
use crate::tui::dialog::{Confirm, Dialog, FieldKind, Form, OpenList};
use crate::tui::fit::{cells, fit, pad};

fn frame<'a>(app: &App, title: &str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(app.theme.dialog_border)
        .style(app.theme.dialog)
        .title(Span::styled(format!(" {title} "), app.theme.title_focused))
}

pub fn draw(f: &mut Frame, app: &App, area: Rect, dialog: &Dialog) -> Option<Position> {
    match dialog {
        Dialog::Form(form) => draw_form(f, app, area, form),
        Dialog::Confirm(c) => {
            draw_confirm(f, app, area, c);
            None
        }
        Dialog::Open(list) => {
            draw_open(f, app, area, list);
            None
        }
    }
}

fn keys_line(app: &App, multi: bool) -> String {
    let u = app.ui();
    if multi {
        format!("Ctrl-S {}  Esc {}  Tab ↓↑", u.ok, u.cancel)
    } else {
        format!("Enter {}  Esc {}  Tab ↓↑", u.ok, u.cancel)
    }
}

fn draw_form(f: &mut Frame, app: &App, area: Rect, form: &Form) -> Option<Position> {
    let t = &app.theme;
    let label = (form.fields.iter().map(|x| cells(x.label)).max().unwrap_or(4) as u16 + 2).max(8);
    let extra = 1 + u16::from(form.error.is_some()) + u16::from(form.hint.is_some());
    // A multi-line field gives up rows when the screen is short.
    let fixed: u16 = form.fields.iter().filter(|x| x.kind != FieldKind::Multi).map(|x| x.rows()).sum();
    let spare = area.height.saturating_sub(fixed + extra + 2);
    let rows_of = |x: &crate::tui::dialog::FormField| {
        if x.kind == FieldKind::Multi { x.rows().min(spare.max(1)) } else { x.rows() }
    };
    let rows: u16 = form.fields.iter().map(rows_of).sum();
    let rect = centred(area, 76, rows + extra + 2);
    super::clear_area(f, rect);
    let b = frame(app, form.title);
    let inner = b.inner(rect);
    f.render_widget(b, rect);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let mut cursor = None;
    for (k, field) in form.fields.iter().enumerate() {
        if y >= bottom {
            break;
        }
        let h = rows_of(field).min(bottom - y);
        let active = k == form.focus;
        let label_style = if active { t.label_focused } else { t.label };
        f.render_widget(
            Paragraph::new(Span::styled(pad(field.label, label as usize - 1), label_style)),
            Rect { x: inner.x, y, width: label - 1, height: 1 },
        );
        let input = Rect { x: inner.x + label, y, width: inner.width.saturating_sub(label), height: h };
        match &field.kind {
            FieldKind::Choice(options) => {
                let mut spans = Vec::new();
                for (n, option) in options.iter().enumerate() {
                    let style = if n == field.choice {
                        if active { t.selected } else { t.selected_unfocused }
                    } else {
                        t.dim
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
    let multi = form.fields.get(form.focus).is_some_and(|x| x.kind == FieldKind::Multi);
    let mut notes = Vec::new();
    if let Some(e) = &form.error {
        notes.push(Line::from(Span::styled(e.clone(), t.error)));
    }
    if let Some(h) = form.hint {
        notes.push(Line::from(Span::styled(h, t.dim)));
    }
    notes.push(Line::from(Span::styled(keys_line(app, multi), t.dim)));
    if y < bottom {
        f.render_widget(
            Paragraph::new(notes),
            Rect { x: inner.x, y, width: inner.width, height: bottom - y },
        );
    }
    cursor
}

fn draw_confirm(f: &mut Frame, app: &App, area: Rect, c: &Confirm) {
    let t = &app.theme;
    let width = 64u16.min(area.width);
    let text_rows = (cells(&c.message) as u16).div_ceil(width.saturating_sub(4).max(1)) + 1;
    let rect = centred(area, width, text_rows + 4);
    super::clear_area(f, rect);
    let b = frame(app, c.title);
    let inner = b.inner(rect);
    f.render_widget(b, rect);
    let mut buttons = Vec::new();
    for (k, (label, _)) in c.options.iter().enumerate() {
        let style = if k == c.selected { t.selected } else { t.dim };
        buttons.push(Span::styled(format!(" {label} "), style));
        buttons.push(Span::raw("  "));
    }
    let lines =
        vec![Line::from(Span::styled(c.message.clone(), t.text)), Line::from(""), Line::from(buttons)];
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

fn draw_open(f: &mut Frame, app: &App, area: Rect, list: &OpenList) {
    let t = &app.theme;
    let height = (list.entries.len() as u16 + 6).min(area.height);
    let rect = centred(area, 80, height);
    super::clear_area(f, rect);
    let b = frame(app, app.ui().open_title);
    let inner = b.inner(rect);
    f.render_widget(b, rect);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    let mut group = "";
    let mut selected_line = 0;
    for (k, e) in list.entries.iter().enumerate() {
        if e.group != group {
            group = e.group;
            lines.push(Line::from(Span::styled(group, t.section)));
        }
        if k == list.selected {
            selected_line = lines.len();
        }
        let style = if k == list.selected { t.selected } else { t.text };
        lines.push(Line::from(Span::styled(
            pad(&format!("  {}", fit(&e.label, width.saturating_sub(2))), width),
            style,
        )));
    }
    lines.push(Line::from(Span::styled(keys_line(app, false), t.dim)));
    let skip = selected_line.saturating_sub(inner.height.saturating_sub(2) as usize);
    f.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), inner);
}
