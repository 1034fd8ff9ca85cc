//! 正文: the selected item's headline, TOC title, column and sources, and its body in a
//! soft-wrapping text area. Typing goes into the focused field; the changes become one
//! undoable step when the editor is left (the app commits them).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

use super::block;
use super::item_editor::{Field, ItemEditor};
use crate::lang::Lang;
use crate::tui::action::{Action, Msg};
use crate::tui::fit::{cells, pad};
use crate::tui::layers::Cx;
use crate::tui::screen::{contains, inner};

#[derive(Default)]
pub struct EditorPane {
    /// The item shown (none selected: nothing).
    pub ed: Option<ItemEditor>,
}

fn labels(lang: Lang) -> [&'static str; 6] {
    [
        lang.pick("标题", "Headline"),
        lang.pick("目录题", "TOC title"),
        lang.pick("专栏", "Column"),
        lang.pick("来源", "Sources"),
        lang.pick("备注", "Notes"),
        lang.pick("正文", "Body"),
    ]
}

/// Width of the label column: the longest label and a space (at least 6 cells).
fn label_width(lang: Lang) -> u16 {
    (labels(lang).iter().map(|l| cells(l)).max().unwrap_or(4) as u16 + 2).max(6)
}

impl EditorPane {
    /// Where each field's text goes in the pane at `area` (a field with no room: empty),
    /// and the rows of the rule above the body.
    fn layout(&self, area: Rect, lang: Lang) -> Option<([Rect; 6], Option<Rect>)> {
        let ed = self.ed.as_ref()?;
        let inner = inner(area);
        let label = label_width(lang);
        if inner.width <= label + 2 || inner.height < 2 {
            return None;
        }
        let text_w = inner.width - label;
        let headline_rows = {
            let rows: usize = ed
                .area(Field::Headline)
                .lines()
                .iter()
                .map(|l| cells(l).div_ceil(text_w as usize).max(1))
                .sum();
            (rows as u16).clamp(1, 3)
        };
        // Notes: a row, two when there are several lines.
        let notes_rows = (ed.area(Field::Notes).lines().len() as u16).clamp(1, 2);
        let heights = [headline_rows, 1, 1, 1, notes_rows];
        let mut rects = [Rect::default(); 6];
        let mut rule = None;
        let mut y = inner.y;
        let bottom = inner.y + inner.height;
        for (k, field) in Field::ALL.iter().enumerate() {
            if y >= bottom {
                break;
            }
            let rows = if *field == Field::Body {
                // A thin rule between the fields and the body when there is room.
                if bottom - y > 3 {
                    rule = Some(Rect { x: inner.x, y, width: inner.width, height: 1 });
                    y += 1;
                }
                bottom - y
            } else {
                heights[k].min(bottom - y)
            };
            rects[k] = Rect { x: inner.x + label, y, width: text_w, height: rows };
            y += rows;
        }
        Some((rects, rule))
    }

    /// Where a field's text is drawn in the pane at `area`.
    pub fn field_area(&self, area: Rect, lang: Lang, field: Field) -> Option<Rect> {
        self.layout(area, lang).map(|(rects, _)| rects[field.index()])
    }

    /// The field under a click, and the click's row and column inside it.
    pub fn hit(&self, area: Rect, lang: Lang, column: u16, row: u16) -> Option<(Field, u16, u16)> {
        let (rects, _) = self.layout(area, lang)?;
        let k = rects.iter().position(|r| contains(*r, column, row))?;
        Some((Field::ALL[k], row - rects[k].y, column - rects[k].x))
    }

    /// A message for the text; whether it was one.
    pub fn update(&mut self, msg: &Msg, read_only: bool) -> bool {
        let Some(ed) = &mut self.ed else { return false };
        match msg {
            Msg::Type(key) if !read_only => {
                ed.input(*key);
            }
            Msg::Paste(text) if !read_only => {
                ed.paste(text);
            }
            Msg::Do(Action::NextField) => ed.next_field(),
            Msg::Do(Action::PrevField) => ed.prev_field(),
            Msg::Do(Action::Undo) => return ed.undo(),
            Msg::Do(Action::Redo) => return ed.redo(),
            Msg::Wheel { down, .. } => ed.scroll(if *down { 3 } else { -3 }),
            _ => return false,
        }
        true
    }

    /// Draw the pane; where the terminal's caret belongs (for input methods).
    /// `editing`: the pane takes typing (its title says so).
    pub fn render(
        &self,
        f: &mut Frame,
        area: Rect,
        cx: &Cx,
        focused: bool,
        editing: bool,
    ) -> Option<Position> {
        let (env, lang) = (cx.env, cx.env.lang);
        let t = &env.theme;
        let state = if editing { lang.pick(" · 正在编辑", " · editing") } else { "" };
        let title = match &self.ed {
            Some(ed) => format!(" {}{state} · {} ", lang.pick("正文", "Editor"), ed.id),
            None => format!(" {} ", lang.pick("正文", "Editor")),
        };
        f.render_widget(block(env, &title, focused), area);
        let Some(ed) = &self.ed else {
            let text = lang.pick("（选中一篇稿件即可在此编辑）", "(Select an item to edit it here.)");
            f.render_widget(Paragraph::new(Span::styled(text, t.dim)).wrap(Wrap { trim: true }), inner(area));
            return None;
        };
        let (rects, rule) = self.layout(area, lang)?;
        if let Some(rule) = rule {
            f.render_widget(Paragraph::new(Span::styled("─".repeat(rule.width as usize), t.border)), rule);
        }
        let label = label_width(lang);
        let names = labels(lang);
        let mut cursor = None;
        for (k, field) in Field::ALL.iter().copied().enumerate() {
            let rect = rects[k];
            if rect.height == 0 {
                continue;
            }
            let active = focused && ed.focus == field;
            // A note left on the item stands out: it is something to settle before print.
            let noted = field == Field::Notes && !ed.area(field).is_empty();
            let label_style = if active {
                t.label_focused
            } else if noted {
                t.error
            } else {
                t.label
            };
            f.render_widget(
                Paragraph::new(Span::styled(pad(names[k], label as usize - 1), label_style)),
                Rect { x: rect.x - label, y: rect.y, width: label - 1, height: 1 },
            );
            let textarea: &TextArea = ed.area(field);
            f.render_widget(textarea, rect);
            if field == Field::Body {
                ed.drawn_body_rows(rect.height);
            }
            if active {
                cursor = caret(textarea, rect);
            }
        }
        cursor
    }
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
