//! The three panes — pool, outline, editor — and the status bar. Each pane owns its state
//! (selection, filter, scroll) and has an update that turns a message into commands for
//! the app, and a render that only reads.

pub mod editor;
pub mod item_editor;
pub mod outline;
pub mod pool;
pub mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Borders, Clear};
use unicode_width::UnicodeWidthStr;

pub use item_editor::{clean_input, parse_sources};

use super::app::Env;

/// A pane's frame, highlighted when it has the keyboard.
pub fn block<'a>(env: &Env, title: &str, focused: bool) -> Block<'a> {
    let t = &env.theme;
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused { BorderType::Thick } else { BorderType::Plain })
        .border_style(if focused { t.border_focused } else { t.border })
        .title(Span::styled(title.to_string(), if focused { t.title_focused } else { t.title }))
}

/// The first visible row so that `selected` is within `height` rows, moving as little as
/// possible from `offset`.
pub fn scroll_to(offset: usize, selected: usize, height: usize, len: usize) -> usize {
    if height == 0 {
        return 0;
    }
    let mut offset = offset.min(len.saturating_sub(height));
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset
}

/// Clear `rect` for an overlay. A wide character just left of it would cover the overlay's
/// first column (its right half sits there), so it is blanked too.
pub fn clear_area(f: &mut Frame, rect: Rect) {
    f.render_widget(Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buf = f.buffer_mut();
    for y in rect.y..rect.y + rect.height {
        let cell = &mut buf[(rect.x - 1, y)];
        if cell.symbol().width() > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// A centred rectangle of at most `width` × `height` inside `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// Move a selection by `delta` within `0..len` (a page is `page` rows).
pub fn moved(sel: usize, delta: isize, len: usize) -> usize {
    sel.saturating_add_signed(delta).min(len.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_keeps_the_selection_visible() {
        assert_eq!(scroll_to(0, 5, 10, 100), 0);
        assert_eq!(scroll_to(0, 15, 10, 100), 6);
        assert_eq!(scroll_to(20, 15, 10, 100), 15);
        assert_eq!(scroll_to(95, 99, 10, 100), 90);
        assert_eq!(scroll_to(3, 0, 0, 100), 0);
    }
}

/// The 禁则 of the export, for the text fields' soft wrap: no wrapped row starts with
/// 、。，）」 or ends with （「“ (see vendor/ratatui-textarea/PATCHED.md).
pub const KINSOKU: ratatui_textarea::LineBreakRules = ratatui_textarea::LineBreakRules {
    no_start: crate::layout::kinsoku::is_no_start,
    no_end: crate::layout::kinsoku::is_no_end,
};

#[cfg(test)]
mod kinsoku_tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;
    use ratatui_textarea::{TextArea, WrapMode};

    /// The rows a text area of `width` columns draws.
    fn rows(text: &str, width: u16) -> Vec<String> {
        let mut t = TextArea::new(text.lines().map(str::to_string).collect());
        t.set_wrap_mode(WrapMode::WordOrGlyph);
        t.set_line_break_rules(Some(super::KINSOKU));
        let area = Rect::new(0, 0, width, 20);
        let mut buf = Buffer::empty(area);
        (&t).render(area, &mut buf);
        (0..20)
            .map(|y| {
                let mut s = String::new();
                let mut x = 0;
                while x < width {
                    let sym = buf[(x, y)].symbol().to_string();
                    x += unicode_width::UnicodeWidthStr::width(sym.as_str()).max(1) as u16;
                    s.push_str(&sym);
                }
                s.trim_end().to_string()
            })
            .filter(|r| !r.is_empty())
            .collect()
    }

    #[test]
    fn soft_wrap_moves_a_pause_mark_down_with_the_character_before_it() {
        // 12 columns: 科科科科科、 would put 、 first on the second row.
        let r = rows("科科科科科科、市科协", 12);
        assert_eq!(r, ["科科科科科", "科、市科协"], "{r:?}");
        let r = rows("科科科科科“市科协”", 12);
        assert_eq!(r, ["科科科科科", "“市科协”"], "an opening quote does not end a row: {r:?}");
    }
}
