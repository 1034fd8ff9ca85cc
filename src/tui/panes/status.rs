//! The status bar: file, saved or not, 字数 of the item and the issue, estimated pages,
//! then a message or the focused pane's keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, Focus, Overlay};
use crate::tui::fit::{cells, fit};
use crate::tui::keymap::Context;

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let u = app.ui();
    let t = &app.theme;
    let name =
        app.session.issue_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let narrow = area.width < 80;
    let mut spans = vec![Span::styled(format!(" {name} "), t.status_file)];
    if app.session.read_only {
        spans.push(Span::styled(format!(" {} ", u.read_only), t.error));
    } else if app.is_dirty() {
        spans.push(Span::styled(
            if narrow { "● ".to_string() } else { format!("● {} ", u.unsaved) },
            t.status_dirty,
        ));
    } else {
        spans.push(Span::styled(if narrow { "✓ ".to_string() } else { format!("✓ {} ", u.saved) }, t.status));
    }
    let stats = app.stats();
    let item_zi = app.editor.as_ref().map(|e| e.zi_count());
    let mut figures = String::new();
    if area.width < 80 {
        // Compact: 259/4689字 11页
        if let Some(z) = item_zi {
            figures.push_str(&format!("{z}/"));
        }
        if stats.pending {
            figures.push_str(&format!("…{} …{} ", u.zi, u.pages));
        } else {
            figures.push_str(&format!("{}{} {}{} ", stats.issue_zi, u.zi, stats.pages, u.pages));
        }
    } else {
        if let Some(z) = item_zi {
            figures.push_str(&format!("{} {z}{} · ", u.this_item, u.zi));
        }
        if stats.pending {
            figures.push_str(&format!("{} …{} · ≈… {} ", u.this_issue, u.zi, u.pages));
        } else {
            figures.push_str(&format!(
                "{} {}{} · ≈{} {} ",
                u.this_issue, stats.issue_zi, u.zi, stats.pages, u.pages
            ));
        }
    }
    spans.push(Span::styled(figures, t.status));
    let used: usize = spans.iter().map(|s| cells(&s.content)).sum();
    let room = (area.width as usize).saturating_sub(used + 1);
    match &app.status {
        Some(status) => {
            let style = if status.error { t.error } else { t.message };
            spans.push(Span::styled(format!(" {}", fit(&status.text, room)), style));
        }
        None => {
            let ctx = match (&app.overlay, app.focus) {
                (Overlay::Dialog(_), _) => Context::Dialog,
                (Overlay::Preview { .. }, _) => Context::Preview,
                (Overlay::Help { .. }, _) => Context::Help,
                (_, Focus::Pool) => Context::Pool,
                (_, Focus::Outline) => Context::Outline,
                (_, Focus::Editor) => Context::Editor,
            };
            let mut hints = String::new();
            let bindings =
                app.keymap.bindings(ctx).iter().chain(app.keymap.bindings(Context::Global).iter().take(4));
            for b in bindings {
                let Some(key) = b.keys.first() else { continue };
                let hint = format!(" {} {} ", key.label(), b.describe(app.lang));
                if cells(&hints) + cells(&hint) > room {
                    break;
                }
                hints.push_str(&hint);
            }
            spans.push(Span::styled(hints, t.status_key));
        }
    }
    let used: usize = spans.iter().map(|s| cells(&s.content)).sum();
    spans.push(Span::styled(" ".repeat((area.width as usize).saturating_sub(used)), t.status));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}
