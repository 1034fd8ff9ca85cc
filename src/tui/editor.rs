//! The item being edited: one text area per field. Changes stay here until they are
//! committed to the model (on leaving the editor, selecting another item, saving,
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
    Body,
}

impl Field {
    pub const ALL: [Field; 5] =
        [Field::Headline, Field::TocTitle, Field::Column, Field::Sources, Field::Body];

    fn index(self) -> usize {
        Field::ALL.iter().position(|&f| f == self).unwrap_or(0)
    }

    fn multiline(self) -> bool {
        matches!(self, Field::Headline | Field::Body)
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
    t.set_max_histories(1000);
    if !wrap {
        // One-line fields are usually added to: start at the end.
        t.move_cursor(CursorMove::End);
    }
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

pub struct ItemEditor {
    pub id: String,
    pub focus: Field,
    /// Whether the editor pane has the keyboard (only then a caret is drawn).
    active: bool,
    areas: [TextArea<'static>; 5],
    original: Item,
    original_lines: [Vec<String>; 5],
}

impl ItemEditor {
    pub fn new(item: &Item) -> ItemEditor {
        let lines = [
            lines_of(&item.headline),
            vec![item.toc_title.clone()],
            vec![item.column.clone()],
            vec![item.sources.join("、")],
            lines_of(&item.body),
        ];
        let areas = [
            area(lines[0].clone(), true),
            area(lines[1].clone(), false),
            area(lines[2].clone(), false),
            area(lines[3].clone(), false),
            area(lines[4].clone(), true),
        ];
        let mut editor = ItemEditor {
            id: item.id.clone(),
            focus: Field::Body,
            active: false,
            areas,
            original: item.clone(),
            original_lines: lines.map(|l| if l.is_empty() { vec![String::new()] } else { l }),
        };
        if item.headline.trim().is_empty() {
            editor.focus = Field::Headline;
        }
        editor.refresh_carets();
        editor
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
        let body = text(Field::Body);
        item.body =
            if body.trim().is_empty() { String::new() } else { format!("{}\n", body.trim_end_matches('\n')) };
        item
    }

    /// Whether any field differs from the item it was opened with.
    pub fn is_modified(&self) -> bool {
        self.areas.iter().zip(&self.original_lines).any(|(a, l)| a.lines() != l.as_slice())
    }

    /// The editor now matches `item` (after its changes were committed).
    pub fn committed(&mut self, item: &Item) {
        self.original = item.clone();
        self.original_lines = std::array::from_fn(|k| self.areas[k].lines().to_vec());
    }

    /// Whether the editor shows `item` as it is (so a reload would change nothing).
    pub fn shows(&self, item: &Item) -> bool {
        self.id == item.id && (self.original == *item || self.item() == *item)
    }

    /// 字数 of the item as it stands.
    pub fn zi_count(&self) -> usize {
        zi_count(&self.areas[0].lines().join(""))
            + self.areas[4].lines().iter().map(|l| zi_count(l)).sum::<usize>()
    }

    pub fn focus_field(&mut self, field: Field) {
        self.focus = field;
        self.refresh_carets();
    }

    pub fn next_field(&mut self) {
        let k = (self.focus.index() + 1).min(Field::ALL.len() - 1);
        self.focus_field(Field::ALL[k]);
        self.focused().move_cursor(CursorMove::Top);
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
            KeyCode::Enter if key.modifiers.contains(KeyModifiers::ALT) && field == Field::Headline => {
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

    /// Scroll the body by `rows` (mouse wheel).
    pub fn scroll(&mut self, rows: i16) {
        self.areas[Field::Body.index()].scroll((rows, 0));
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
}
