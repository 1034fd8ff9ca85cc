//! 帮助: every binding of every context, from the keymap that dispatches them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::block;
use crate::tui::app::App;
use crate::tui::fit::pad;
use crate::tui::keymap::Context;

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let u = app.ui();
    let t = &app.theme;
    let mut out = vec![Line::from(Span::styled(u.help_intro, t.title)), Line::from("")];
    for ctx in
        [Context::Global, Context::Pool, Context::Outline, Context::Editor, Context::Dialog, Context::Preview]
    {
        let name = match ctx {
            Context::Global => u.ctx_global,
            Context::Pool => u.ctx_pool,
            Context::Outline => u.ctx_outline,
            Context::Editor => u.ctx_editor,
            Context::Dialog => u.ctx_dialog,
            Context::Preview => u.ctx_preview,
            Context::Help => u.ctx_help,
        };
        out.push(Line::from(Span::styled(format!("【{name}】"), t.section)));
        for b in app.keymap.bindings(ctx) {
            out.push(Line::from(vec![
                Span::styled(pad(&b.keys_label(), 22), t.help_key),
                Span::styled(b.describe(app.lang).to_string(), t.text),
            ]));
        }
        if ctx == Context::Editor {
            out.push(Line::from(Span::styled(u.editor_keys, t.dim)));
        }
        out.push(Line::from(""));
    }
    out
}

pub fn draw(f: &mut Frame, app: &App, area: Rect, scroll: usize) {
    let b = block(app, &format!(" {} ", app.ui().help), true);
    let inner = b.inner(area);
    super::clear_area(f, area);
    f.render_widget(b, area);
    let all = lines(app);
    let scroll = scroll.min(all.len().saturating_sub(1));
    f.render_widget(Paragraph::new(all).wrap(Wrap { trim: false }).scroll((scroll as u16, 0)), inner);
}
