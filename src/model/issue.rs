//! An issue (期) and the files that hold model data.

use serde::Deserialize;

use super::date::Date;
use super::item::Item;
use super::print::Print;
use super::publication::{Footer, Layout, Publication};

/// The file format this program reads and writes.
pub const FORMAT: u32 = 1;

/// One number of the bulletin, as stored in `issues/<year>-<NN>.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issue {
    pub format: u32,
    pub publication: Publication,
    #[serde(default)]
    pub layout: Layout,
    #[serde(rename = "issue")]
    pub numbering: Numbering,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub footer: Footer,
    #[serde(default)]
    pub print: Print,
}

/// The `[issue]` table: 2023年 第23期 （总第76期） 2023年9月15日.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Numbering {
    pub year: u16,
    pub number: u32,
    pub total: u32,
    pub date: Date,
}

impl Numbering {
    /// `2023年 第23期`
    pub fn year_and_number(&self) -> String {
        format!("{}年 第{}期", self.year, self.number)
    }

    /// `（总第76期）`
    pub fn total_line(&self) -> String {
        format!("（总第{}期）", self.total)
    }

    /// The numbering of the issue a week later: 第N+1期 and 总第M+1期, or 第1期 when the
    /// new date falls in another year.
    pub fn next(&self) -> Option<Numbering> {
        let date = self.date.add_days(7)?;
        let year = u16::try_from(date.year()).ok()?;
        let number = if year == self.year { self.number + 1 } else { 1 };
        Some(Numbering { year, number, total: self.total + 1, date })
    }
}

/// What a section contributes to the TOC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TocMode {
    /// One entry per item (in TOC).
    #[default]
    Items,
    /// One entry: the section's title.
    Section,
    /// Nothing.
    None,
}

impl TocMode {
    pub fn as_str(self) -> &'static str {
        match self {
            TocMode::Items => "items",
            TocMode::Section => "section",
            TocMode::None => "none",
        }
    }
}

/// A 【栏目】 with its items; the first section may be untitled (lead items).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub toc: TocMode,
    #[serde(default)]
    pub items: Vec<Item>,
}

impl Section {
    pub fn new(title: impl Into<String>) -> Section {
        Section { title: title.into(), toc: TocMode::Items, items: Vec::new() }
    }

    /// The title without the 【】 a user may have typed, and without surrounding spaces
    /// (`【 科创工作 】` → `科创工作`).
    pub fn bare_title(&self) -> &str {
        let t = self.title.trim();
        let t = t.strip_prefix('【').unwrap_or(t);
        let t = t.strip_suffix('】').unwrap_or(t);
        t.trim()
    }
}

/// `jianbao.toml`: the publication profile copied into every new issue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub format: u32,
    pub publication: Publication,
    #[serde(default)]
    pub layout: Layout,
    #[serde(default)]
    pub footer: Footer,
    #[serde(default)]
    pub print: Print,
}

/// `pool/<id>.toml`: one item waiting in the pool.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoolFile {
    pub format: u32,
    pub item: Item,
}

impl Issue {
    /// A first issue for a publication profile: 第1期, 总第1期, on `date`, with one untitled
    /// section for the lead items.
    pub fn first(profile: &Profile, date: Date) -> Issue {
        Issue {
            format: FORMAT,
            publication: profile.publication.clone(),
            layout: profile.layout.clone(),
            numbering: Numbering { year: date.year().max(0) as u16, number: 1, total: 1, date },
            sections: vec![Section::new("")],
            footer: profile.footer.clone(),
            print: profile.print.clone(),
        }
    }

    /// The issue a week later: the next numbering, this issue's publication, layout, print
    /// and footer settings (the previous issue is the truth: a change made in it reaches
    /// the next one), its section titles with no items.
    pub fn next(&self) -> Option<Issue> {
        let numbering = self.numbering.next()?;
        let sections = self
            .sections
            .iter()
            .map(|s| Section { title: s.title.clone(), toc: s.toc, items: Vec::new() })
            .collect();
        Some(Issue {
            format: FORMAT,
            publication: self.publication.clone(),
            layout: self.layout.clone(),
            numbering,
            sections,
            footer: self.footer.clone(),
            print: self.print.clone(),
        })
    }

    /// 字数 of every placed item.
    pub fn zi_count(&self) -> usize {
        self.items().map(Item::zi_count).sum()
    }

    /// Every placed item in outline order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    /// The issue's file name: `2023-23.toml`.
    pub fn file_stem(&self) -> String {
        format!("{}-{:02}", self.numbering.year, self.numbering.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering(y: i16, m: i8, d: i8, number: u32) -> Numbering {
        Numbering { year: y as u16, number, total: 76, date: Date::new(y, m, d).unwrap() }
    }

    #[test]
    fn next_issue_is_a_week_later() {
        let next = numbering(2023, 9, 15, 23).next().unwrap();
        assert_eq!((next.year, next.number, next.total), (2023, 24, 77));
        assert_eq!(next.date.to_string(), "2023-09-22");
    }

    #[test]
    fn numbering_restarts_in_a_new_year() {
        let next = numbering(2026, 12, 29, 52).next().unwrap();
        assert_eq!((next.year, next.number, next.total), (2027, 1, 77));
    }

    #[test]
    fn masthead_strings() {
        let n = numbering(2023, 9, 15, 23);
        assert_eq!(n.year_and_number(), "2023年 第23期");
        assert_eq!(n.total_line(), "（总第76期）");
    }

    #[test]
    fn bare_title_strips_brackets_and_spaces() {
        assert_eq!(Section::new("【 科创工作 】").bare_title(), "科创工作");
        assert_eq!(Section::new("学会动态").bare_title(), "学会动态");
    }
}
