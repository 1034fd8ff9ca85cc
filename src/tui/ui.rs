//! One frame, from the state alone: the panes (or the focused one on a narrow screen), the
//! status bar, the layers on top; the terminal cursor goes to the caret so that input
//! methods open there. Drawing changes nothing.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Focus};
use super::panes::status::{self, Bar};

pub fn draw(f: &mut Frame, app: &App) {
    let areas = super::screen::Areas::of(f.area(), app.read_only().is_some(), app.focus());
    let cx = app.cx();
    let env = app.env();
    let lang = env.lang;
    let t = &env.theme;
    if areas.too_small {
        let text =
            lang.pick("窗口太小，请放大到至少 40×12", "Window too small: please enlarge to 40×12 or more");
        f.render_widget(Paragraph::new(Span::styled(text, t.error)).wrap(Wrap { trim: true }), areas.screen);
        return;
    }
    if let Some(text) = app.banner() {
        let line = super::fit::fit(&text, areas.banner.width as usize);
        f.render_widget(Paragraph::new(Span::styled(line, t.error)), areas.banner);
    }
    let view = app.view();
    let focus = app.focus();
    if areas.tabs.height > 0 {
        let mut spans = Vec::new();
        for (pane, zh, en) in [
            (Focus::Pool, "稿件池", "Pool"),
            (Focus::Outline, "本期目录", "Outline"),
            (Focus::Editor, "正文", "Editor"),
        ] {
            let style = if focus == pane { t.selected } else { t.dim };
            spans.push(Span::styled(format!(" {} ", lang.pick(zh, en)), style));
            spans.push(Span::raw(" "));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), areas.tabs);
    }
    let mut cursor = None;
    if areas.pool.area() > 0 {
        view.pool.render(f, areas.pool, &cx, focus == Focus::Pool);
    }
    if areas.outline.area() > 0 {
        view.outline.render(f, areas.outline, &cx, focus == Focus::Outline);
    }
    if areas.editor.area() > 0 {
        let caret = view.editor.render(f, areas.editor, &cx, focus == Focus::Editor, app.typing());
        if focus == Focus::Editor {
            cursor = caret;
        }
    }
    let bar = Bar {
        dirty: app.is_dirty(),
        item_zi: app.editor().map(|e| e.zi_count()),
        // An item of the issue being typed in counts in 本期 at once, not only after Esc.
        issue_delta: app
            .editor()
            .filter(|e| matches!(app.doc().locate(e.id()), Some(crate::model::history::Loc::Issue(_))))
            .map_or(0, |e| e.zi_delta()),
        stats: view.stats,
        message: app.status(),
        hints: app.hints(),
        editing: app.typing(),
    };
    status::render(f, areas.status, &cx, &bar);
    if !view.layers.is_empty() {
        cursor = None;
        for layer in &view.layers {
            cursor = layer.render(f, areas.main, &cx);
        }
    }
    if let Some(pos) = cursor {
        f.set_cursor_position(pos);
    }
}
