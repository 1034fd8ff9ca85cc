//! The TOC (目录提要) is derived from the outline, never stored.

use super::issue::{Issue, TocMode};
use super::outline::ItemPos;

/// What a TOC entry stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TocTarget {
    Item(ItemPos),
    Section(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    pub target: TocTarget,
    pub title: String,
}

impl Issue {
    /// The TOC in outline order, following each section's `toc` mode and each item's
    /// `in_toc` and `toc_title`.
    pub fn toc_entries(&self) -> Vec<TocEntry> {
        let mut entries = Vec::new();
        for (s, section) in self.sections.iter().enumerate() {
            match section.toc {
                TocMode::None => {}
                TocMode::Section => {
                    let title = section.bare_title();
                    if !title.is_empty() && !section.items.is_empty() {
                        entries.push(TocEntry { target: TocTarget::Section(s), title: title.to_string() });
                    }
                }
                TocMode::Items => {
                    for (i, item) in section.items.iter().enumerate() {
                        let title = item.toc_text();
                        if item.in_toc && !title.is_empty() {
                            entries.push(TocEntry { target: TocTarget::Item(ItemPos::new(s, i)), title });
                        }
                    }
                }
            }
        }
        entries
    }
}
