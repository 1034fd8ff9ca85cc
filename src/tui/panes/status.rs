//! The status bar: file, saved or not, 字数 of the item and the issue, estimated pages,
//! then the last message or the keys of where the user is (from the keymap).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::Stats;
use crate::tui::fit::{cells, fit};
use crate::tui::layers::Cx;
use crate::tui::msg::{Message, Severity};

/// What the bar shows besides the file.
pub struct Bar<'a> {
    pub dirty: bool,
    pub item_zi: Option<usize>,
    /// 字 typed into an item of the issue since it was last committed.
    pub issue_delta: isize,
    pub stats: Stats,
    pub message: Option<&'a Message>,
    /// The keys worth showing where the user is, most important first (when there is no
    /// message): `(key, words)`.
    pub hints: Vec<(String, String)>,
    /// Keys go into the item's text.
    pub editing: bool,
}

pub fn render(f: &mut Frame, area: Rect, cx: &Cx, bar: &Bar) {
    let (env, doc, lang) = (cx.env, cx.doc, cx.env.lang);
    let t = &env.theme;
    let name = doc.issue_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let narrow = area.width < 100;
    let mut spans = vec![Span::styled(format!(" {name} "), t.status_file)];
    if doc.read_only {
        spans.push(Span::styled(format!(" {} ", lang.pick("只读", "read-only")), t.error));
    } else if bar.dirty {
        let text =
            if narrow { "● ".to_string() } else { format!("● {} ", lang.pick("未保存", "unsaved")) };
        spans.push(Span::styled(text, t.status_dirty));
    } else {
        let text =
            if narrow { "✓ ".to_string() } else { format!("✓ {} ", lang.pick("已保存", "saved")) };
        spans.push(Span::styled(text, t.status));
    }
    let stats = bar.stats;
    let (zi, pages) = if stats.pending {
        ("…".to_string(), "…".to_string())
    } else {
        ((stats.issue_zi as isize + bar.issue_delta).max(0).to_string(), stats.pages.to_string())
    };
    let page_word = lang.pick("页", "pages");
    let mut figures = String::new();
    if narrow {
        // Compact: 259/4689字 11页
        if let Some(z) = bar.item_zi {
            figures.push_str(&format!("{z}/"));
        }
        figures.push_str(&format!("{zi}字 {pages}{page_word} "));
    } else {
        if let Some(z) = bar.item_zi {
            figures.push_str(&format!("{} {z}字 · ", lang.pick("本篇", "item")));
        }
        figures.push_str(&format!("{} {zi}字 · ≈{pages} {page_word} ", lang.pick("本期", "issue")));
    }
    spans.push(Span::styled(figures, t.status));
    if bar.editing {
        let words =
            if narrow { lang.pick("✎编辑", "✎") } else { lang.pick("✎ 正在编辑", "✎ editing") };
        spans.push(Span::styled(format!(" {words} "), t.status_dirty));
    }
    // What check finds (F8 lists it), errors in the error colour, where it fits.
    if !stats.pending && stats.errors + stats.warnings > 0 {
        let mut found =
            vec![Span::styled(if narrow { " " } else { lang.pick(" 检查 ", " check ") }, t.status)];
        if stats.errors > 0 {
            found.push(Span::styled(format!("✗{} ", stats.errors), t.error));
        }
        if stats.warnings > 0 {
            found.push(Span::styled(format!("⚠{} ", stats.warnings), t.status_dirty));
        }
        let used: usize = spans.iter().chain(&found).map(|s| cells(&s.content)).sum();
        if used < area.width as usize {
            spans.extend(found);
        }
    }
    let used: usize = spans.iter().map(|s| cells(&s.content)).sum();
    let room = (area.width as usize).saturating_sub(used + 1);
    match bar.message {
        Some(m) => {
            let style = if m.severity() == Severity::Info { t.message } else { t.error };
            spans.push(Span::styled(format!(" {}", fit(&m.text(lang), room)), style));
        }
        None => {
            let mut hints = String::new();
            for (key, words) in &bar.hints {
                let hint = format!(" {key} {words} ");
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
