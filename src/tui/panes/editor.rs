//! 正文: the selected item's headline, TOC title, column and sources, and its body in a
//! soft-wrapping text area. Returns where the terminal cursor belongs (for input methods).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::block;
use crate::tui::app::{App, Areas, Focus};
use crate::tui::editor::Field;
use crate::tui::fit::{cells, pad};

/// Width of the label column: the longest label and a space (at least 6 cells).
fn label_width(labels: &[&str]) -> u16 {
    (labels.iter().map(|l| cells(l)).max().unwrap_or(4) as u16 + 2).max(6)
}

pub fn draw(f: &mut Frame, app: &App, area: Rect, areas: &mut Areas) -> Option<Position> {
    let u = app.ui();
    let t = &app.theme;
    let focused = app.focus == Focus::Editor;
    let title = match &app.editor {
        Some(ed) => format!(" {} · {} ", u.editor, ed.id),
        None => format!(" {} ", u.editor),
    };
    let b = block(app, &title, focused);
    let inner = b.inner(area);
    f.render_widget(b, area);
    areas.editor = area;
    let Some(ed) = &app.editor else {
        f.render_widget(
            Paragraph::new(Span::styled(u.no_item_selected, t.dim)).wrap(Wrap { trim: true }),
            inner,
        );
        return None;
    };
    let labels = [u.field_headline, u.field_toc_title, u.field_column, u.field_sources, u.field_body];
    let label = label_width(&labels);
    if inner.width <= label + 2 || inner.height < 2 {
        return None;
    }
    let text_w = inner.width - label;
    let headline_rows = {
        let h = ed.area(Field::Headline);
        let rows: usize = h.lines().iter().map(|l| cells(l).div_ceil(text_w as usize).max(1)).sum();
        (rows as u16).clamp(1, 3)
    };
    let heights = [headline_rows, 1, 1, 1];
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let mut cursor = None;
    for (k, field) in Field::ALL.iter().copied().enumerate() {
        if y >= bottom {
            break;
        }
        let rows = if field == Field::Body {
            // A thin rule between the fields and the body when there is room.
            if bottom - y > 3 {
                let rule = "─".repeat(inner.width as usize);
                f.render_widget(
                    Paragraph::new(Span::styled(rule, t.border)),
                    Rect { x: inner.x, y, width: inner.width, height: 1 },
                );
                y += 1;
            }
            bottom - y
        } else {
            heights[k].min(bottom - y)
        };
        let active = focused && ed.focus == field;
        let label_style = if active { t.label_focused } else { t.label };
        f.render_widget(
            Paragraph::new(Span::styled(pad(labels[k], label as usize - 1), label_style)),
            Rect { x: inner.x, y, width: label - 1, height: 1 },
        );
        let rect = Rect { x: inner.x + label, y, width: text_w, height: rows };
        areas.fields[k] = rect;
        let textarea: &TextArea = ed.area(field);
        f.render_widget(textarea, rect);
        if active {
            cursor = caret(textarea, rect);
        }
        y += rows;
    }
    cursor
}

/// Where the caret of a drawn text area is on screen.
pub fn caret(textarea: &TextArea, rect: Rect) -> Option<Position> {
    let sc = textarea.screen_cursor();
    let (top, left) = textarea.scroll_offset();
    let row = sc.row.checked_sub(top as usize)?;
    let col = sc.col.checked_sub(left as usize)?;
    (row < rect.height as usize && col < rect.width as usize)
        .then(|| Position { x: rect.x + col as u16, y: rect.y + row as u16 })
}
