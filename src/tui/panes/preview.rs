//! 预览: the export text itself, as `jianbao export` writes it, scrollable; page breaks
//! are drawn as a rule.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::block;
use crate::tui::app::{App, Areas};
use crate::tui::fit::cells;

pub fn draw(f: &mut Frame, app: &App, area: Rect, lines: &[String], scroll: usize, areas: &mut Areas) {
    let u = app.ui();
    let t = &app.theme;
    let name =
        app.session.issue_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let b = block(app, &format!(" {} · {name} ", u.preview), true);
    let inner = b.inner(area);
    super::clear_area(f, area);
    f.render_widget(b, area);
    areas.preview = inner;
    let width = inner.width as usize;
    let out: Vec<Line> = lines
        .iter()
        .skip(scroll)
        .take(inner.height as usize)
        .map(|l| {
            if l == "\u{c}" {
                let label = format!(" {} ", u.page_break);
                let side = width.saturating_sub(cells(&label)) / 2;
                Line::from(Span::styled(
                    format!("{}{label}{}", "┄".repeat(side), "┄".repeat(side)),
                    t.page_break,
                ))
            } else {
                Line::from(Span::styled(l.clone(), t.text))
            }
        })
        .collect();
    f.render_widget(Paragraph::new(out), inner);
}
