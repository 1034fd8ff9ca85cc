//! Operations on an issue's outline: placing, moving and unplacing items; adding,
//! renaming, removing and reordering sections. Each checks its arguments and returns
//! `Result`, leaving the issue unchanged on error.

use thiserror::Error;

use super::issue::{Issue, Section, TocMode};
use super::item::Item;

/// Where an item sits: section index and index within the section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemPos {
    pub section: usize,
    pub index: usize,
}

impl ItemPos {
    pub const fn new(section: usize, index: usize) -> ItemPos {
        ItemPos { section, index }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OutlineError {
    #[error("there is no section {0}")]
    NoSection(usize),
    #[error("there is no item at section {}, position {}", .0.section + 1, .0.index + 1)]
    NoItem(ItemPos),
    #[error("an item with id `{0}` is already in this issue")]
    DuplicateId(String),
    #[error("section “{0}” still holds items")]
    SectionNotEmpty(String),
    #[error("the item is already first")]
    AtTop,
    #[error("the item is already last")]
    AtBottom,
    #[error("the section is already there")]
    SectionAtEdge,
}

pub type Result<T> = std::result::Result<T, OutlineError>;

impl Issue {
    pub fn item(&self, pos: ItemPos) -> Option<&Item> {
        self.sections.get(pos.section)?.items.get(pos.index)
    }

    pub fn item_mut(&mut self, pos: ItemPos) -> Option<&mut Item> {
        self.sections.get_mut(pos.section)?.items.get_mut(pos.index)
    }

    /// Where the item with this id is placed.
    pub fn find_item(&self, id: &str) -> Option<ItemPos> {
        self.sections.iter().enumerate().find_map(|(s, section)| {
            section.items.iter().position(|i| i.id == id).map(|i| ItemPos::new(s, i))
        })
    }

    fn check_item(&self, pos: ItemPos) -> Result<()> {
        self.item(pos).map(|_| ()).ok_or(OutlineError::NoItem(pos))
    }

    fn check_section(&self, section: usize) -> Result<()> {
        if section < self.sections.len() { Ok(()) } else { Err(OutlineError::NoSection(section)) }
    }

    /// Place a pooled item at `at` (an index equal to the section's length appends).
    pub fn place_item(&mut self, item: Item, at: ItemPos) -> Result<ItemPos> {
        self.check_section(at.section)?;
        if at.index > self.sections[at.section].items.len() {
            return Err(OutlineError::NoItem(at));
        }
        if self.find_item(&item.id).is_some() {
            return Err(OutlineError::DuplicateId(item.id));
        }
        self.sections[at.section].items.insert(at.index, item);
        Ok(at)
    }

    /// Take the item out of the outline (back to the pool).
    pub fn unplace_item(&mut self, pos: ItemPos) -> Result<Item> {
        self.check_item(pos)?;
        Ok(self.sections[pos.section].items.remove(pos.index))
    }

    /// Move an item one place up; from the top of a section it goes to the end of the
    /// section above.
    pub fn move_item_up(&mut self, pos: ItemPos) -> Result<ItemPos> {
        self.check_item(pos)?;
        if pos.index > 0 {
            self.sections[pos.section].items.swap(pos.index, pos.index - 1);
            return Ok(ItemPos::new(pos.section, pos.index - 1));
        }
        if pos.section == 0 {
            return Err(OutlineError::AtTop);
        }
        let item = self.sections[pos.section].items.remove(0);
        let above = &mut self.sections[pos.section - 1].items;
        above.push(item);
        Ok(ItemPos::new(pos.section - 1, above.len() - 1))
    }

    /// Move an item one place down; from the bottom of a section it goes to the top of
    /// the section below.
    pub fn move_item_down(&mut self, pos: ItemPos) -> Result<ItemPos> {
        self.check_item(pos)?;
        let len = self.sections[pos.section].items.len();
        if pos.index + 1 < len {
            self.sections[pos.section].items.swap(pos.index, pos.index + 1);
            return Ok(ItemPos::new(pos.section, pos.index + 1));
        }
        if pos.section + 1 >= self.sections.len() {
            return Err(OutlineError::AtBottom);
        }
        let item = self.sections[pos.section].items.remove(pos.index);
        self.sections[pos.section + 1].items.insert(0, item);
        Ok(ItemPos::new(pos.section + 1, 0))
    }

    /// Move an item to the end of another section.
    pub fn move_item_to_section(&mut self, pos: ItemPos, section: usize) -> Result<ItemPos> {
        self.check_item(pos)?;
        self.check_section(section)?;
        let item = self.sections[pos.section].items.remove(pos.index);
        let target = &mut self.sections[section].items;
        target.push(item);
        Ok(ItemPos::new(section, target.len() - 1))
    }

    /// Insert a new, empty section at `at` (≤ number of sections).
    pub fn add_section(&mut self, at: usize, title: &str) -> Result<usize> {
        if at > self.sections.len() {
            return Err(OutlineError::NoSection(at));
        }
        self.sections.insert(at, Section::new(title.trim()));
        Ok(at)
    }

    pub fn rename_section(&mut self, section: usize, title: &str) -> Result<()> {
        self.check_section(section)?;
        self.sections[section].title = title.trim().to_string();
        Ok(())
    }

    /// Remove an empty section.
    pub fn remove_section(&mut self, section: usize) -> Result<Section> {
        self.check_section(section)?;
        if !self.sections[section].items.is_empty() {
            return Err(OutlineError::SectionNotEmpty(self.sections[section].bare_title().to_string()));
        }
        Ok(self.sections.remove(section))
    }

    /// Remove a section and hand back its items (for the pool), in order.
    pub fn remove_section_unplacing(&mut self, section: usize) -> Result<Vec<Item>> {
        self.check_section(section)?;
        Ok(self.sections.remove(section).items)
    }

    /// Swap a section with its neighbour above (`up`) or below.
    pub fn move_section(&mut self, section: usize, up: bool) -> Result<usize> {
        self.check_section(section)?;
        let to = if up { section.checked_sub(1) } else { Some(section + 1) };
        match to {
            Some(to) if to < self.sections.len() => {
                self.sections.swap(section, to);
                Ok(to)
            }
            _ => Err(OutlineError::SectionAtEdge),
        }
    }

    pub fn set_section_toc(&mut self, section: usize, toc: TocMode) -> Result<()> {
        self.check_section(section)?;
        self.sections[section].toc = toc;
        Ok(())
    }

    /// Flip whether the item is listed in the TOC; returns the new setting.
    pub fn toggle_in_toc(&mut self, pos: ItemPos) -> Result<bool> {
        let item = self.item_mut(pos).ok_or(OutlineError::NoItem(pos))?;
        item.in_toc = !item.in_toc;
        Ok(item.in_toc)
    }

    pub fn set_toc_title(&mut self, pos: ItemPos, title: &str) -> Result<()> {
        let item = self.item_mut(pos).ok_or(OutlineError::NoItem(pos))?;
        item.toc_title = title.trim().to_string();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Footer, Layout, Numbering, Publication, TocTarget};

    fn issue(sections: &[(&str, &[&str])]) -> Issue {
        Issue {
            format: 1,
            publication: Publication::default(),
            layout: Layout::default(),
            numbering: Numbering {
                year: 2026,
                number: 45,
                total: 318,
                date: Date::new(2026, 11, 20).unwrap(),
            },
            sections: sections
                .iter()
                .map(|(title, ids)| Section {
                    title: title.to_string(),
                    toc: TocMode::Items,
                    items: ids.iter().map(|id| Item::new(*id, format!("标题{id}"))).collect(),
                })
                .collect(),
            footer: Footer::default(),
            print: Default::default(),
        }
    }

    fn ids(issue: &Issue) -> Vec<Vec<&str>> {
        issue.sections.iter().map(|s| s.items.iter().map(|i| i.id.as_str()).collect()).collect()
    }

    #[test]
    fn place_inserts_at_the_position() {
        let mut i = issue(&[("", &["a", "b"]), ("学会动态", &[])]);
        assert_eq!(i.place_item(Item::new("x", "新稿"), ItemPos::new(0, 1)), Ok(ItemPos::new(0, 1)));
        i.place_item(Item::new("y", "新稿二"), ItemPos::new(1, 0)).unwrap();
        assert_eq!(ids(&i), [vec!["a", "x", "b"], vec!["y"]]);
    }

    #[test]
    fn place_refuses_a_duplicate_or_a_bad_position() {
        let mut i = issue(&[("", &["a"])]);
        let before = i.clone();
        assert_eq!(
            i.place_item(Item::new("a", "重复"), ItemPos::new(0, 0)),
            Err(OutlineError::DuplicateId("a".into()))
        );
        assert_eq!(
            i.place_item(Item::new("z", "z"), ItemPos::new(0, 5)),
            Err(OutlineError::NoItem(ItemPos::new(0, 5)))
        );
        assert_eq!(i.place_item(Item::new("z", "z"), ItemPos::new(3, 0)), Err(OutlineError::NoSection(3)));
        assert_eq!(i, before);
    }

    #[test]
    fn moving_up_crosses_into_the_section_above() {
        let mut i = issue(&[("", &["a", "b"]), ("学会动态", &["c", "d"])]);
        assert_eq!(i.move_item_up(ItemPos::new(1, 1)), Ok(ItemPos::new(1, 0)));
        assert_eq!(ids(&i), [vec!["a", "b"], vec!["d", "c"]]);
        assert_eq!(i.move_item_up(ItemPos::new(1, 0)), Ok(ItemPos::new(0, 2)));
        assert_eq!(ids(&i), [vec!["a", "b", "d"], vec!["c"]]);
        assert_eq!(i.move_item_up(ItemPos::new(0, 0)), Err(OutlineError::AtTop));
    }

    #[test]
    fn moving_down_crosses_into_the_section_below_even_an_empty_one() {
        let mut i = issue(&[("", &["a", "b"]), ("空", &[]), ("学会动态", &["c"])]);
        assert_eq!(i.move_item_down(ItemPos::new(0, 1)), Ok(ItemPos::new(1, 0)));
        assert_eq!(ids(&i), [vec!["a"], vec!["b"], vec!["c"]]);
        assert_eq!(i.move_item_down(ItemPos::new(1, 0)), Ok(ItemPos::new(2, 0)));
        assert_eq!(ids(&i), [vec!["a"], vec![], vec!["b", "c"]]);
        assert_eq!(i.move_item_down(ItemPos::new(2, 1)), Err(OutlineError::AtBottom));
    }

    #[test]
    fn up_then_down_is_the_identity() {
        let mut i = issue(&[("", &["a", "b"]), ("学会动态", &["c"])]);
        let before = i.clone();
        let pos = i.move_item_up(ItemPos::new(1, 0)).unwrap();
        i.move_item_down(pos).unwrap();
        assert_eq!(i, before);
    }

    #[test]
    fn move_to_section_appends() {
        let mut i = issue(&[("", &["a", "b"]), ("学会动态", &["c"])]);
        assert_eq!(i.move_item_to_section(ItemPos::new(0, 0), 1), Ok(ItemPos::new(1, 1)));
        assert_eq!(ids(&i), [vec!["b"], vec!["c", "a"]]);
        assert_eq!(i.move_item_to_section(ItemPos::new(0, 0), 9), Err(OutlineError::NoSection(9)));
    }

    #[test]
    fn unplace_returns_the_item() {
        let mut i = issue(&[("", &["a", "b"])]);
        assert_eq!(i.unplace_item(ItemPos::new(0, 0)).unwrap().id, "a");
        assert_eq!(ids(&i), [vec!["b"]]);
        assert!(i.unplace_item(ItemPos::new(0, 1)).is_err());
    }

    #[test]
    fn sections_are_added_renamed_reordered_and_removed_when_empty() {
        let mut i = issue(&[("", &["a"]), ("学会动态", &["b"])]);
        assert_eq!(i.add_section(2, " 区科协动态 "), Ok(2));
        assert_eq!(i.sections[2].title, "区科协动态");
        i.rename_section(2, "基层动态").unwrap();
        assert_eq!(i.move_section(2, true), Ok(1));
        assert_eq!(i.sections[1].title, "基层动态");
        assert_eq!(i.move_section(0, true), Err(OutlineError::SectionAtEdge));
        assert_eq!(i.remove_section(2), Err(OutlineError::SectionNotEmpty("学会动态".into())));
        assert_eq!(i.remove_section(1).unwrap().title, "基层动态");
        let items = i.remove_section_unplacing(1).unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(i.sections.len(), 1);
    }

    #[test]
    fn toc_follows_modes_flags_and_short_titles() {
        let mut i = issue(&[("", &["a", "b"]), ("学会动态", &["c", "d"]), ("区科协动态", &["e"])]);
        i.set_section_toc(1, TocMode::Section).unwrap();
        i.set_section_toc(2, TocMode::None).unwrap();
        assert_eq!(i.toggle_in_toc(ItemPos::new(0, 1)), Ok(false));
        i.set_toc_title(ItemPos::new(0, 0), "短题").unwrap();
        let toc = i.toc_entries();
        let titles: Vec<&str> = toc.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["短题", "学会动态"]);
        assert_eq!(toc[1].target, TocTarget::Section(1));
        // Derived, not stored: moving an item changes the TOC at once.
        i.move_item_down(ItemPos::new(0, 0)).unwrap();
        i.toggle_in_toc(ItemPos::new(0, 0)).unwrap();
        assert_eq!(i.toc_entries()[0].title, "标题b");
    }
}
