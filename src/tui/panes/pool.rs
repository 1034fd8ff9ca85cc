//! 稿件池: unplaced items, newest first — received date, headline, source, 字数.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{block, scroll_to};
use crate::tui::app::{App, Areas, Focus};
use crate::tui::fit::{cells, fit, pad, pad_left};

pub fn draw(f: &mut Frame, app: &App, area: Rect, areas: &mut Areas) {
    let u = app.ui();
    let t = &app.theme;
    let focused = app.focus == Focus::Pool;
    let view = app.pool_view();
    let title = format!(" {} ({}) ", u.pool, view.len());
    let b: Block = block(app, &title, focused);
    let inner = b.inner(area);
    f.render_widget(b, area);
    areas.pool = area;

    let mut list = inner;
    if app.filtering || !app.pool_filter.is_empty() {
        let caret = if app.filtering { "▏" } else { "" };
        let line = Line::from(vec![
            Span::styled(format!("/{} ", u.filter), t.accent),
            Span::styled(format!("{}{caret}", app.pool_filter), t.text),
        ]);
        f.render_widget(Paragraph::new(line), Rect { height: 1, ..inner });
        list = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
    }
    areas.pool_list = list;
    if view.is_empty() {
        let text = if app.session.pool().is_empty() { u.no_items } else { u.no_match };
        f.render_widget(Paragraph::new(Span::styled(text, t.dim)).wrap(Wrap { trim: true }), list);
        return;
    }
    // Two lines an item: date, headline and 字数; then the source, dimmed.
    let height = list.height as usize / 2;
    let offset = scroll_to(app.pool_offset.get(), app.pool_sel, height.max(1), view.len());
    app.pool_offset.set(offset);
    let width = list.width as usize;
    let mut lines = Vec::with_capacity(height * 2);
    for (k, &index) in view.iter().enumerate().skip(offset).take(height.max(1)) {
        let item = &app.session.pool()[index];
        let date = item.received.map_or("     ".to_string(), |d| format!("{:02}-{:02}", d.month(), d.day()));
        let count = format!("{}{}", item.zi_count(), u.zi);
        let room = width.saturating_sub(cells(&date) + 1 + cells(&count) + 1);
        let headline = item.headline_line();
        let headline = if headline.is_empty() { "—".to_string() } else { headline };
        let sources = item.sources.join(&app.session.issue().layout.source_separator);
        let selected = k == app.pool_sel;
        let style = match (selected, focused) {
            (true, true) => t.selected,
            (true, false) => t.selected_unfocused,
            _ => t.text,
        };
        let dim = if selected { style } else { t.dim };
        lines.push(Line::from(vec![
            Span::styled(format!("{date} "), dim),
            Span::styled(pad(&headline, room), style),
            Span::styled(pad_left(&count, cells(&count) + 1), dim),
        ]));
        lines.push(Line::from(Span::styled(
            pad(&format!("      {}", fit(&sources, width.saturating_sub(6))), width),
            dim,
        )));
    }
    f.render_widget(Paragraph::new(lines), list);
}
