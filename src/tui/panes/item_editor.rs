//! The item being edited: one text area per field. Changes stay here until the app
//! commits them to the document (on leaving the editor, selecting another item, saving,
//! previewing or exporting), where they become one undoable step.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};
use unicode_normalization::UnicodeNormalization;

use crate::layout::zi_count;
use crate::model::Item;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Headline,
    TocTitle,
    Column,
    Sources,
    /// The editor's notes on the item (never printed).
    Notes,
    Body,
}

impl Field {
    pub const ALL: [Field; 6] =
        [Field::Headline, Field::TocTitle, Field::Column, Field::Sources, Field::Notes, Field::Body];

    pub fn index(self) -> usize {
        Field::ALL.iter().position(|&f| f == self).unwrap_or(0)
    }

    fn multiline(self) -> bool {
        matches!(self, Field::Headline | Field::Notes | Field::Body)
    }
}

/// Text as it should enter the document: CRLF and CR become LF, tabs a space, other
/// control characters go, and the result is NFC.
pub fn clean_input(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|&c| c == '\n' || !c.is_control())
        .nfc()
        .collect()
}

/// Split a sources line into units: 、，,;； separate them.
pub fn parse_sources(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', ';', '；'])
        .map(|s| s.trim().trim_matches(['（', '）', '(', ')']).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn area(lines: Vec<String>, wrap: bool) -> TextArea<'static> {
    let mut t = TextArea::new(lines);
    t.set_cursor_line_style(Style::default());
    t.set_wrap_mode(if wrap { WrapMode::WordOrGlyph } else { WrapMode::None });
    t.set_line_break_rules(wrap.then_some(super::KINSOKU));
    t.set_max_histories(1000);
    // A one-line field shows its start until it is entered (then the caret goes to its
    // end, where it is usually added to).
    t
}

fn lines_of(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

/// What a key did in the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Edited,
    Moved,
    Ignored,
}

/// A body longer than this (in bytes, about 16,000 字) is edited through a window.
const WINDOW_ABOVE: usize = 48_000;
/// How much of the body the window holds on each side of the caret's paragraph (bytes,
/// about 4,000 字: more than a tall screen).
const WINDOW_SPAN: usize = 12_000;

pub struct ItemEditor {
    pub id: String,
    pub focus: Field,
    /// Whether the editor pane has the keyboard (only then a caret is drawn).
    active: bool,
    areas: [TextArea<'static>; 6],
    original: Item,
    original_lines: [Vec<String>; 6],
    /// A very long body is edited through a window: the text area holds the paragraphs
    /// around the caret, these the ones above and below it. The text area wraps its whole
    /// text again on every edit, so a keystroke costs what the window holds, not what the
    /// item holds. Empty for an item of ordinary length.
    above: Vec<String>,
    below: Vec<String>,
    /// 字数 of `above` and `below`.
    outside_zi: usize,
    /// 字数 of the item as last committed, as this editor counts it.
    base_zi: usize,
    /// Screen rows the body had when last drawn: a page for PgUp / PgDn.
    body_rows: std::cell::Cell<u16>,
}

impl ItemEditor {
    pub fn new(item: &Item) -> ItemEditor {
        let lines = [
            lines_of(&item.headline),
            vec![item.toc_title.clone()],
            vec![item.column.clone()],
            vec![item.sources.join("、")],
            lines_of(&item.notes),
            lines_of(&item.body),
        ];
        let windowed = item.body.len() > WINDOW_ABOVE;
        let areas = [
            area(lines[0].clone(), true),
            area(lines[1].clone(), false),
            area(lines[2].clone(), false),
            area(lines[3].clone(), false),
            area(lines[4].clone(), true),
            area(if windowed { Vec::new() } else { lines[5].clone() }, true),
        ];
        let mut editor = ItemEditor {
            id: item.id.clone(),
            focus: Field::Body,
            active: false,
            areas,
            original: item.clone(),
            original_lines: lines.map(|l| if l.is_empty() { vec![String::new()] } else { l }),
            above: Vec::new(),
            below: Vec::new(),
            outside_zi: 0,
            base_zi: 0,
            body_rows: std::cell::Cell::new(10),
        };
        if windowed {
            editor.set_window(editor.original_lines[Field::Body.index()].clone(), 0, 0);
        }
        editor.base_zi = editor.zi_count();
        if item.headline.trim().is_empty() {
            editor.focus = Field::Headline;
        }
        editor.refresh_carets();
        editor
    }

    /// Whether the body is edited through a window (a very long item).
    pub fn is_windowed(&self) -> bool {
        !self.above.is_empty() || !self.below.is_empty()
    }

    /// Every paragraph of the body, as it stands.
    fn body_lines(&self) -> impl Iterator<Item = &String> {
        self.above.iter().chain(self.areas[Field::Body.index()].lines()).chain(&self.below)
    }

    /// Put the window around paragraph `row` of the whole body, caret at `row`, `col` (in
    /// characters). The text area is made anew: its undo steps do not survive the move.
    fn window_at(&mut self, row: usize, col: usize) {
        let body = Field::Body.index();
        let mut all: Vec<String> = std::mem::take(&mut self.above);
        all.extend(self.areas[body].lines().iter().cloned());
        all.append(&mut self.below);
        self.set_window(all, row, col);
    }

    /// Split `all` (the whole body) into the paragraphs above the window, the window around
    /// paragraph `row`, and the ones below it.
    fn set_window(&mut self, mut all: Vec<String>, row: usize, col: usize) {
        let row = row.min(all.len().saturating_sub(1));
        let mut start = row;
        let mut taken = 0;
        while start > 0 && taken < WINDOW_SPAN {
            start -= 1;
            taken += all[start].len();
        }
        let mut end = (row + 1).min(all.len());
        taken = 0;
        while end < all.len() && taken < WINDOW_SPAN {
            taken += all[end].len();
            end += 1;
        }
        self.below = all.split_off(end);
        let window = all.split_off(start);
        self.above = all;
        self.outside_zi = self.above.iter().chain(&self.below).map(|l| zi_count(l)).sum();
        let mut t = area(window, true);
        t.move_cursor(CursorMove::Jump((row - start) as u16, col.min(u16::MAX as usize) as u16));
        self.areas[Field::Body.index()] = t;
        self.refresh_carets();
    }

    /// Before `key` moves the body's caret: keep a paragraph of the window on each side of
    /// it, and go to the ends of the whole body for Ctrl-Home / Ctrl-End.
    fn keep_window(&mut self, key: &KeyEvent) {
        if !self.is_windowed() {
            return;
        }
        let total = self.above.len() + self.areas[Field::Body.index()].lines().len() + self.below.len();
        match key.code {
            KeyCode::Home if key.modifiers.contains(KeyModifiers::CONTROL) && !self.above.is_empty() => {
                self.window_at(0, 0)
            }
            KeyCode::End if key.modifiers.contains(KeyModifiers::CONTROL) && !self.below.is_empty() => {
                self.window_at(total - 1, 0)
            }
            _ => self.recentre_at_edge(),
        }
    }

    /// With the caret on the window's first or last paragraph and more body beyond it,
    /// move the window so that the caret is in its middle.
    fn recentre_at_edge(&mut self) {
        let t = &self.areas[Field::Body.index()];
        let ratatui_textarea::DataCursor(row, col) = t.cursor();
        let last = t.lines().len().saturating_sub(1);
        if (row == 0 && !self.above.is_empty()) || (row >= last && !self.below.is_empty()) {
            self.window_at(self.above.len() + row, col);
        }
    }

    /// Show the caret in the focused field while the editor has the keyboard.
    pub fn set_active(&mut self, active: bool) {
        self.active = active;
        self.refresh_carets();
    }

    pub fn is_active(&self) -> bool {
        self.active
    }

    fn refresh_carets(&mut self) {
        let focus = self.focus.index();
        for (k, area) in self.areas.iter_mut().enumerate() {
            let on = self.active && k == focus;
            area.set_cursor_style(if on {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            });
        }
    }

    pub fn area(&self, field: Field) -> &TextArea<'static> {
        &self.areas[field.index()]
    }

    fn focused(&mut self) -> &mut TextArea<'static> {
        &mut self.areas[self.focus.index()]
    }

    /// The item as it stands in the editor.
    pub fn item(&self) -> Item {
        let text = |f: Field| self.areas[f.index()].lines().join("\n");
        let mut item = self.original.clone();
        if !self.is_modified() {
            return item;
        }
        item.headline = self.areas[0]
            .lines()
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        item.toc_title = text(Field::TocTitle).trim().to_string();
        item.column = text(Field::Column).trim().to_string();
        item.sources = parse_sources(&text(Field::Sources));
        item.notes = text(Field::Notes).trim().to_string();
        let body = if self.is_windowed() {
            self.body_lines().map(String::as_str).collect::<Vec<_>>().join("\n")
        } else {
            text(Field::Body)
        };
        item.body =
            if body.trim().is_empty() { String::new() } else { format!("{}\n", body.trim_end_matches('\n')) };
        item
    }

    /// Whether any field differs from the item it was opened with.
    pub fn is_modified(&self) -> bool {
        let body = Field::Body.index();
        self.areas.iter().zip(&self.original_lines).take(body).any(|(a, l)| a.lines() != l.as_slice())
            || if self.is_windowed() {
                let original = &self.original_lines[body];
                let (above, window) = (self.above.len(), self.areas[body].lines().len());
                above + window + self.below.len() != original.len()
                    || self.above[..] != original[..above]
                    || self.areas[body].lines() != &original[above..above + window]
                    || self.below[..] != original[above + window..]
            } else {
                self.areas[body].lines() != self.original_lines[body].as_slice()
            }
    }

    /// The editor now matches `item` (after its changes were committed).
    pub fn committed(&mut self, item: &Item) {
        self.original = item.clone();
        self.original_lines = std::array::from_fn(|k| self.areas[k].lines().to_vec());
        if self.is_windowed() {
            self.original_lines[Field::Body.index()] = self.body_lines().cloned().collect();
        }
        self.base_zi = self.zi_count();
    }

    /// The item's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// How many 字 typing has added (or taken) since the item was last committed: what
    /// the count lacks while the item is being edited.
    pub fn zi_delta(&self) -> isize {
        self.zi_count() as isize - self.base_zi as isize
    }

    /// Whether the editor shows `item` as it is (so a reload would change nothing).
    pub fn shows(&self, item: &Item) -> bool {
        self.id == item.id && (self.original == *item || self.item() == *item)
    }

    /// 字数 of the item as it stands.
    pub fn zi_count(&self) -> usize {
        zi_count(&self.areas[0].lines().join(""))
            + self.areas[Field::Body.index()].lines().iter().map(|l| zi_count(l)).sum::<usize>()
            + self.outside_zi
    }

    pub fn focus_field(&mut self, field: Field) {
        if field != self.focus && !field.multiline() {
            self.areas[field.index()].move_cursor(CursorMove::End);
        }
        self.focus = field;
        self.refresh_carets();
    }

    pub fn next_field(&mut self) {
        let k = (self.focus.index() + 1).min(Field::ALL.len() - 1);
        self.focus_field(Field::ALL[k]);
        if self.focus.multiline() {
            self.focused().move_cursor(CursorMove::Top);
        }
    }

    pub fn prev_field(&mut self) {
        let k = self.focus.index().saturating_sub(1);
        self.focus_field(Field::ALL[k]);
        self.focused().move_cursor(CursorMove::Bottom);
        self.focused().move_cursor(CursorMove::End);
    }

    /// A key for the focused field. ↑ on the first screen row and ↓ on the last move to the
    /// previous and next field; Enter leaves a single-line field (and the headline, where
    /// Alt-Enter inserts a chosen line break).
    pub fn input(&mut self, key: KeyEvent) -> Outcome {
        let field = self.focus;
        let plain = key.modifiers.is_empty();
        if field == Field::Body {
            self.keep_window(&key);
        }
        match key.code {
            KeyCode::Up | KeyCode::Down if plain => {
                let before = self.area(field).cursor();
                self.focused().input(key);
                if self.area(field).cursor() == before {
                    if key.code == KeyCode::Up && field != Field::Headline {
                        self.prev_field();
                    } else if key.code == KeyCode::Down && field != Field::Body {
                        self.next_field();
                    }
                }
                return Outcome::Moved;
            }
            // Ctrl-Home / Ctrl-End: the start and end of the whole field (the text area's
            // own Home / End, with or without Ctrl, stop at the paragraph's ends).
            KeyCode::Home | KeyCode::End if key.modifiers.contains(KeyModifiers::CONTROL) => {
                let shift = key.modifiers.contains(KeyModifiers::SHIFT);
                let t = self.focused();
                if shift && !t.is_selecting() {
                    t.start_selection();
                } else if !shift {
                    t.cancel_selection();
                }
                let (row, col) = if key.code == KeyCode::Home {
                    (CursorMove::Top, CursorMove::Head)
                } else {
                    (CursorMove::Bottom, CursorMove::End)
                };
                t.move_cursor(row);
                t.move_cursor(col);
                return Outcome::Moved;
            }
            // PgUp / PgDn move the caret a screen of rows: the view follows it and stops
            // with the last row at the foot, never scrolling past the end.
            KeyCode::PageUp | KeyCode::PageDown if field == Field::Body => {
                let rows = self.body_rows.get().saturating_sub(1).max(1);
                let step = if key.code == KeyCode::PageUp { CursorMove::Up } else { CursorMove::Down };
                for _ in 0..rows {
                    let before = self.focused().cursor();
                    self.focused().move_cursor(step);
                    if self.focused().cursor() == before {
                        break;
                    }
                    self.recentre_at_edge();
                }
                return Outcome::Moved;
            }
            KeyCode::Enter
                if key.modifiers.contains(KeyModifiers::ALT)
                    && matches!(field, Field::Headline | Field::Notes) =>
            {
                self.focused().insert_newline();
                return Outcome::Edited;
            }
            KeyCode::Enter if field != Field::Body => {
                self.next_field();
                return Outcome::Moved;
            }
            // A control character as a key (never typed; a broken terminal or input method):
            // kept out of the text, as `clean_input` keeps it out of a paste.
            KeyCode::Char(c) if c.is_control() => return Outcome::Ignored,
            KeyCode::Char('m') if key.modifiers.contains(KeyModifiers::CONTROL) && field != Field::Body => {
                // Newline shortcuts of the text area: not in one-line fields.
                return Outcome::Ignored;
            }
            _ => {}
        }
        let before = self.area(field).lines().len();
        let revision = self.area(field).lines().iter().map(String::len).sum::<usize>();
        self.focused().input(key);
        let area = self.area(field);
        let changed =
            area.lines().len() != before || area.lines().iter().map(String::len).sum::<usize>() != revision;
        if changed { Outcome::Edited } else { Outcome::Moved }
    }

    /// Paste as one edit (one undo step), cleaned; single-line fields take the first line.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = clean_input(text);
        let text = if self.focus.multiline() { text } else { text.lines().next().unwrap_or("").to_string() };
        if text.is_empty() {
            return false;
        }
        self.focused().insert_str(text)
    }

    pub fn undo(&mut self) -> bool {
        self.focused().undo()
    }

    pub fn redo(&mut self) -> bool {
        self.focused().redo()
    }

    /// Move the caret of `field` to a screen position (a mouse click), relative to the
    /// field's area on screen.
    pub fn click(&mut self, field: Field, row: u16, col: u16) {
        self.focus_field(field);
        let area = self.focused();
        let (top, left) = area.scroll_offset();
        let at = area.screen_to_data((row + top) as usize, (col + left) as usize);
        area.move_cursor(CursorMove::Jump(at.0 as u16, at.1 as u16));
    }

    /// The body was drawn `rows` high (a page for PgUp / PgDn).
    pub fn drawn_body_rows(&self, rows: u16) {
        self.body_rows.set(rows);
    }

    /// Scroll the body by `rows` (mouse wheel).
    pub fn scroll(&mut self, rows: i16) {
        self.areas[Field::Body.index()].scroll((rows, 0));
        // The wheel drags the caret along; at an edge of a window with more body beyond it,
        // the window follows.
        self.recentre_at_edge();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyEventKind, KeyEventState};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    fn item() -> Item {
        let mut item = Item::new("2026-11-22-n01", "江州市科协召开座谈会");
        item.sources = vec!["市科协办公室".into(), "江州市作物学会".into()];
        item.body = "第一段。\n第二段。\n".into();
        item
    }

    #[test]
    fn an_unchanged_editor_gives_back_the_item() {
        let e = ItemEditor::new(&item());
        assert!(!e.is_modified());
        assert_eq!(e.item(), item());
    }

    #[test]
    fn typing_chinese_changes_the_body() {
        let mut e = ItemEditor::new(&item());
        for c in "新增".chars() {
            e.input(key(KeyCode::Char(c)));
        }
        assert!(e.is_modified());
        assert_eq!(e.item().body, "新增第一段。\n第二段。\n");
        e.undo();
        e.undo();
        assert!(!e.is_modified());
    }

    #[test]
    fn sources_are_split_on_chinese_separators() {
        assert_eq!(
            parse_sources("市科协办公室、江州市作物学会，（鹤山区科协）"),
            ["市科协办公室", "江州市作物学会", "鹤山区科协"]
        );
        let mut e = ItemEditor::new(&item());
        e.focus_field(Field::Sources);
        e.paste("、滨江区科协");
        assert_eq!(e.item().sources.len(), 3);
    }

    #[test]
    fn a_paste_is_one_undo_step_and_is_cleaned() {
        let mut e = ItemEditor::new(&Item::new("x", "题"));
        e.focus_field(Field::Body);
        let big = "江州市科协召开座谈会。\r\n".repeat(2000);
        assert!(e.paste(&big));
        assert_eq!(e.item().body.matches('\r').count(), 0);
        assert_eq!(e.item().paragraphs().count(), 2000);
        e.undo();
        assert!(e.item().body.is_empty());
    }

    #[test]
    fn arrows_cross_fields_and_enter_leaves_single_line_fields() {
        let mut e = ItemEditor::new(&item());
        e.focus_field(Field::Headline);
        e.input(key(KeyCode::Enter));
        assert_eq!(e.focus, Field::TocTitle);
        e.input(key(KeyCode::Down));
        assert_eq!(e.focus, Field::Column);
        e.input(key(KeyCode::Up));
        assert_eq!(e.focus, Field::TocTitle);
        assert!(!e.is_modified());
    }

    #[test]
    fn input_is_cleaned_to_nfc_without_control_characters() {
        assert_eq!(clean_input("e\u{301}\u{7}a\tb\r\nc"), "éa b\nc");
    }

    /// An item of 300 paragraphs of about 100 字 each (30,000 字), numbered so that each
    /// can be told apart.
    fn long_item() -> Item {
        let mut item = item();
        item.body = (0..300)
            .map(|n| format!("第{n}段：江州市科协组织专家赴园区调研，围绕GD32MCU芯片与CUBE-Net 3.0平台的应用开展座谈交流。{}\n", "科".repeat(60)))
            .collect();
        item
    }

    fn ctrl(code: KeyCode) -> KeyEvent {
        KeyEvent { modifiers: KeyModifiers::CONTROL, ..key(code) }
    }

    #[test]
    fn a_very_long_body_is_edited_through_a_window_and_given_back_whole() {
        let it = long_item();
        let e = ItemEditor::new(&it);
        assert!(e.is_windowed());
        assert!(e.area(Field::Body).lines().len() < 300, "the text area holds a window, not the whole body");
        assert!(!e.is_modified());
        assert_eq!(e.item(), it);
        assert_eq!(e.zi_count(), it.zi_count());
        // An ordinary item is not windowed.
        assert!(!ItemEditor::new(&item()).is_windowed());
    }

    #[test]
    fn the_caret_walks_the_whole_long_body_and_edits_land_in_place() {
        let it = long_item();
        let mut e = ItemEditor::new(&it);
        e.set_active(true);
        e.focus_field(Field::Body);
        // Down, one screen row at a time, to the very end.
        for _ in 0..2000 {
            e.input(key(KeyCode::Down));
        }
        e.input(key(KeyCode::End));
        assert_eq!(e.input(key(KeyCode::Char('尾'))), Outcome::Edited);
        // Back up to the start (↑ on the body's first row goes on to the field above).
        while e.focus == Field::Body {
            e.input(key(KeyCode::Up));
        }
        e.focus_field(Field::Body);
        e.input(key(KeyCode::Home));
        e.input(key(KeyCode::Char('首')));
        let body = e.item().body;
        let paragraphs: Vec<&str> = body.lines().collect();
        assert_eq!(paragraphs.len(), 300);
        assert!(paragraphs[0].starts_with("首第0段"), "{}", paragraphs[0]);
        assert!(paragraphs[299].starts_with("第299段") && paragraphs[299].ends_with('尾'));
        let original: Vec<&str> = it.body.lines().collect();
        assert_eq!(paragraphs[1..299], original[1..299], "nothing else moved or changed");
        assert_eq!(e.zi_count(), it.zi_count() + 2);
        assert!(e.is_modified());
    }

    #[test]
    fn ctrl_home_and_end_reach_the_ends_and_backspace_joins_across_the_window_edge() {
        let it = long_item();
        let mut e = ItemEditor::new(&it);
        e.focus_field(Field::Body);
        e.input(ctrl(KeyCode::End));
        e.input(key(KeyCode::Home));
        // The caret is at the start of the last paragraph: Backspace joins it to the one
        // before, whichever side of the window that one was on.
        e.input(key(KeyCode::Backspace));
        let body = e.item().body;
        assert_eq!(body.lines().count(), 299);
        assert!(body.lines().last().unwrap().contains("第298段") && body.contains("科第299段"));
        e.input(ctrl(KeyCode::Home));
        e.input(key(KeyCode::Char('甲')));
        assert!(e.item().body.starts_with("甲第0段"));
        // Committing makes the editor clean again, with the whole body as the original.
        let now = e.item();
        e.committed(&now);
        assert!(!e.is_modified());
        assert_eq!(e.item(), now);
    }

    #[test]
    fn the_wheel_scrolls_past_the_window() {
        let it = long_item();
        let mut e = ItemEditor::new(&it);
        let first = e.area(Field::Body).lines()[0].clone();
        let draw = |e: &ItemEditor| {
            use ratatui::widgets::Widget;
            let rect = ratatui::layout::Rect::new(0, 0, 40, 10);
            e.area(Field::Body).render(rect, &mut ratatui::buffer::Buffer::empty(rect));
        };
        for _ in 0..400 {
            draw(&e);
            e.scroll(20);
        }
        assert_ne!(e.area(Field::Body).lines()[0], first, "the window moved down with the wheel");
        assert!(e.area(Field::Body).lines().last().unwrap().starts_with("第299段"));
        assert_eq!(e.item(), it, "scrolling changes nothing");
    }
}
