//! One frame: the three panes (or the focused one on a narrow screen), the status bar, and
//! any overlay; the terminal cursor goes to the caret so input methods open there.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Areas, Focus, Overlay};
use super::panes;

/// The smallest usable screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this width the three panes sit side by side.
pub const WIDE: u16 = 100;

pub fn draw(f: &mut Frame, app: &App) {
    let area = f.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = Paragraph::new(Span::styled(app.ui().enlarge, app.theme.error)).wrap(Wrap { trim: true });
        f.render_widget(text, area);
        return;
    }
    let banner = app.read_only_banner();
    let [top, main, status] = Layout::vertical([
        Constraint::Length(u16::from(banner.is_some())),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    if let Some(text) = banner {
        let line = super::fit::fit(&text, top.width as usize);
        f.render_widget(Paragraph::new(Span::styled(line, app.theme.error)), top);
    }
    let mut areas = Areas::default();
    let mut cursor = None;
    if main.width >= WIDE {
        let [pool, outline, editor] = Layout::horizontal([
            Constraint::Percentage(30),
            Constraint::Percentage(30),
            Constraint::Percentage(40),
        ])
        .areas(main);
        panes::pool::draw(f, app, pool, &mut areas);
        panes::outline::draw(f, app, outline, &mut areas);
        cursor = panes::editor::draw(f, app, editor, &mut areas);
    } else {
        let [tabs, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(main);
        draw_tabs(f, app, tabs);
        match app.focus {
            Focus::Pool => panes::pool::draw(f, app, body, &mut areas),
            Focus::Outline => panes::outline::draw(f, app, body, &mut areas),
            Focus::Editor => cursor = panes::editor::draw(f, app, body, &mut areas),
        }
    }
    panes::status::draw(f, app, status);
    match &app.overlay {
        Overlay::None => {}
        Overlay::Preview { lines, scroll } => {
            cursor = None;
            panes::preview::draw(f, app, main, lines, *scroll, &mut areas);
        }
        Overlay::Help { scroll } => {
            cursor = None;
            panes::help::draw(f, app, main, *scroll);
        }
        Overlay::Dialog(dialog) => cursor = panes::dialog::draw(f, app, main, dialog),
    }
    if app.focus != Focus::Editor && matches!(app.overlay, Overlay::None) {
        cursor = None;
    }
    if let Some(pos) = cursor {
        f.set_cursor_position(pos);
    }
    app.areas.set(areas);
}

/// On a narrow screen: which pane is shown, and the others a Tab away.
fn draw_tabs(f: &mut Frame, app: &App, area: Rect) {
    let u = app.ui();
    let t = &app.theme;
    let mut spans = Vec::new();
    for (focus, name) in [(Focus::Pool, u.pool), (Focus::Outline, u.outline), (Focus::Editor, u.editor)] {
        let style = if app.focus == focus { t.selected } else { t.dim };
        spans.push(Span::styled(format!(" {name} "), style));
        spans.push(Span::raw(" "));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
