//! 稿件池: unplaced items, newest first — received date, headline, source, 字数.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{block, scroll_to};
use crate::model::Date;
use crate::tui::app::{App, Areas, Focus};
use crate::tui::fit::{cells, fit, pad, pad_left};

pub fn draw(f: &mut Frame, app: &App, area: Rect, areas: &mut Areas) {
    let u = app.ui();
    let t = &app.theme;
    let focused = app.focus == Focus::Pool;
    let view = app.pool_view();
    let preview = app.session.pool_preview();
    let count = preview.map_or(view.len(), <[_]>::len);
    let title = format!(" {} ({count}) ", u.pool);
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
    if let Some(rows) = preview {
        // The pool is being read: its rows from the index, newest first.
        let height = list.height as usize / 2;
        let width = list.width as usize;
        let sep = &app.session.issue().layout.source_separator;
        let mut lines = Vec::with_capacity(height * 2);
        for (k, row) in rows.iter().enumerate().take(height.max(1)) {
            lines.extend(row_lines(
                app,
                row.received,
                &row.headline_line(),
                row.zi,
                &row.sources.join(sep),
                width,
                k == 0,
            ));
        }
        f.render_widget(Paragraph::new(lines), list);
        return;
    }
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
        let sources = item.sources.join(&app.session.issue().layout.source_separator);
        lines.extend(row_lines(
            app,
            item.received,
            &item.headline_line(),
            item.zi_count(),
            &sources,
            width,
            k == app.pool_sel,
        ));
    }
    f.render_widget(Paragraph::new(lines), list);
}

/// The two lines of one pooled item: date, headline and 字数; then the sources, dimmed.
fn row_lines(
    app: &App,
    received: Option<Date>,
    headline: &str,
    zi: usize,
    sources: &str,
    width: usize,
    selected: bool,
) -> [Line<'static>; 2] {
    let t = &app.theme;
    let style = match (selected, app.focus == Focus::Pool) {
        (true, true) => t.selected,
        (true, false) => t.selected_unfocused,
        _ => t.text,
    };
    let date = received.map_or("     ".to_string(), |d| format!("{:02}-{:02}", d.month(), d.day()));
    let count = format!("{zi}{}", app.ui().zi);
    let room = width.saturating_sub(cells(&date) + 1 + cells(&count) + 1);
    let headline = if headline.is_empty() { "—" } else { headline };
    let dim = if selected { style } else { t.dim };
    [
        Line::from(vec![
            Span::styled(format!("{date} "), dim),
            Span::styled(pad(headline, room), style),
            Span::styled(pad_left(&count, cells(&count) + 1), dim),
        ]),
        Line::from(Span::styled(
            pad(&format!("      {}", fit(sources, width.saturating_sub(6))), width),
            dim,
        )),
    ]
}
