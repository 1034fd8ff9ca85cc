//! 本期目录: the masthead line, the TOC as it will print, sections with numbered items,
//! and the footer; moving items and sections, sending items back, the sections' settings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pool::pool_slot;
use super::{block, moved, scroll_to};
use crate::model::history::{Loc, Op, SectionHead, item_at};
use crate::model::{Issue, ItemPos, TocMode};
use crate::store::session::Session;
use crate::tui::action::{Action, Msg};
use crate::tui::cmd::{Cmd, Select, Step};
use crate::tui::fit::{cells, fit, pad};
use crate::tui::layers::issue_forms::{FooterForm, MastheadForm};
use crate::tui::layers::small_forms::{OneField, Purpose};
use crate::tui::layers::{Confirm, ConfirmKind, Cx, Layer};
use crate::tui::msg::Message;
use crate::tui::screen::inner;

/// A selectable row of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Masthead,
    Section(usize),
    Item(ItemPos),
    Footer,
}

/// What a display line of the outline shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Shown {
    Masthead,
    TocHeading,
    TocEntry(String),
    Section(usize),
    Column(String),
    Item(ItemPos),
    Footer,
}

impl Shown {
    fn row(&self) -> Option<Row> {
        match self {
            Shown::Masthead => Some(Row::Masthead),
            Shown::Section(s) => Some(Row::Section(*s)),
            Shown::Item(pos) => Some(Row::Item(*pos)),
            Shown::Footer => Some(Row::Footer),
            _ => None,
        }
    }
}

/// Every display line, top to bottom (cheap: the item lines are made when drawn).
fn shown(issue: &Issue) -> Vec<Shown> {
    let mut lines = vec![Shown::Masthead];
    let toc = issue.toc_entries();
    if !toc.is_empty() {
        lines.push(Shown::TocHeading);
        lines.extend(toc.into_iter().map(|e| Shown::TocEntry(e.title)));
    }
    for (s, section) in issue.sections.iter().enumerate() {
        lines.push(Shown::Section(s));
        let mut column = "";
        for (i, item) in section.items.iter().enumerate() {
            let c = item.column.trim();
            if c != column && !c.is_empty() {
                lines.push(Shown::Column(c.to_string()));
            }
            column = c;
            lines.push(Shown::Item(ItemPos::new(s, i)));
        }
    }
    lines.push(Shown::Footer);
    lines
}

#[derive(Debug)]
pub struct OutlinePane {
    pub sel: Row,
    pub offset: usize,
}

impl OutlinePane {
    /// The outline of `issue`, its first item selected.
    pub fn new(issue: &Issue) -> OutlinePane {
        let sel = rows(issue).into_iter().find(|r| matches!(r, Row::Item(_))).unwrap_or(Row::Masthead);
        OutlinePane { sel, offset: 0 }
    }

    /// Keep the selection on a row that exists (after a change): the nearest one above.
    pub fn keep_valid(&mut self, issue: &Issue) {
        let valid = match self.sel {
            Row::Masthead | Row::Footer => true,
            Row::Section(s) => s < issue.sections.len(),
            Row::Item(pos) => issue.item(pos).is_some(),
        };
        if valid {
            return;
        }
        let fallback = match self.sel {
            Row::Item(pos) => rows(issue).into_iter().rev().find(|r| match r {
                Row::Item(p) => *p <= pos,
                Row::Section(s) => *s <= pos.section,
                _ => false,
            }),
            _ => None,
        };
        self.sel = fallback.unwrap_or(Row::Masthead);
    }

    /// Scroll so that the selection is visible in the pane at `area`.
    pub fn keep_visible(&mut self, issue: &Issue, area: Rect) {
        let lines = shown(issue);
        let selected = lines.iter().position(|l| l.row() == Some(self.sel)).unwrap_or(0);
        self.offset = scroll_to(self.offset, selected, inner(area).height as usize, lines.len());
    }

    /// The row under a click on screen row `row`, if any.
    pub fn hit(&self, issue: &Issue, area: Rect, row: u16) -> Option<Row> {
        let list = inner(area);
        let line = self.offset + row.checked_sub(list.y)? as usize;
        (row < list.y + list.height).then(|| shown(issue).get(line).and_then(Shown::row)).flatten()
    }

    /// Where a placed item goes: after the selection.
    pub fn place_target(&self, issue: &Issue) -> ItemPos {
        match self.sel {
            Row::Item(pos) => ItemPos::new(pos.section, pos.index + 1),
            Row::Section(s) => ItemPos::new(s, 0),
            Row::Masthead => ItemPos::new(0, 0),
            Row::Footer => {
                let last = issue.sections.len().saturating_sub(1);
                ItemPos::new(last, issue.sections.get(last).map_or(0, |s| s.items.len()))
            }
        }
    }

    /// The section of the selection (a section row, or an item's).
    pub fn section(&self) -> Option<usize> {
        match self.sel {
            Row::Section(s) => Some(s),
            Row::Item(pos) => Some(pos.section),
            _ => None,
        }
    }

    /// The commands for `msg`, or `None` when it is not the outline's.
    pub fn update(&mut self, msg: &Msg, cx: &Cx, area: Rect) -> Option<Vec<Cmd>> {
        let doc = cx.doc;
        let all = rows(doc.issue());
        let k = all.iter().position(|r| *r == self.sel).unwrap_or(0);
        let page = inner(area).height.saturating_sub(1).max(1) as isize;
        let go = |to: usize| all[to.min(all.len() - 1)];
        let out = match msg {
            Msg::Do(Action::Up) => self.select(go(moved(k, -1, all.len()))),
            Msg::Do(Action::Down) => self.select(go(moved(k, 1, all.len()))),
            Msg::Do(Action::PageUp) => self.select(go(moved(k, -page, all.len()))),
            Msg::Do(Action::PageDown) => self.select(go(moved(k, page, all.len()))),
            Msg::Do(Action::Top) => self.select(all[0]),
            Msg::Do(Action::Bottom) => self.select(all[all.len() - 1]),
            Msg::Do(Action::Edit) => match self.sel {
                Row::Item(_) => vec![Cmd::Edit],
                Row::Masthead => editable(doc, || Layer::Form(Box::new(MastheadForm::new(cx)))),
                Row::Footer => editable(doc, || Layer::Form(Box::new(FooterForm::new(cx)))),
                Row::Section(s) => {
                    editable(doc, || Layer::Form(Box::new(OneField::new(Purpose::RenameSection(s), cx))))
                }
            },
            Msg::Do(Action::MoveUp) => self.shift(doc, true),
            Msg::Do(Action::MoveDown) => self.shift(doc, false),
            Msg::Do(Action::Unplace) => match self.sel {
                Row::Item(pos) => unplace(doc, pos),
                Row::Section(s) => delete_section(cx, s),
                _ => vec![],
            },
            Msg::Do(Action::NewSection) => {
                let at = self.section().map_or(doc.issue().sections.len(), |s| s + 1);
                editable(doc, || Layer::Form(Box::new(OneField::new(Purpose::NewSection(at), cx))))
            }
            Msg::Do(Action::RenameSection) => match self.section() {
                Some(s) => {
                    editable(doc, || Layer::Form(Box::new(OneField::new(Purpose::RenameSection(s), cx))))
                }
                None => vec![],
            },
            Msg::Do(Action::DeleteSection) => match self.sel {
                Row::Section(s) => delete_section(cx, s),
                _ => vec![],
            },
            Msg::Do(Action::CycleSectionToc) => self.cycle_toc(doc),
            Msg::Do(Action::ToggleInToc) => self.toggle_in_toc(doc),
            Msg::Do(Action::EditTocTitle) => match self.sel {
                Row::Item(pos) => match doc.issue().item(pos) {
                    Some(item) => {
                        let id = item.id.clone();
                        editable(doc, || Layer::Form(Box::new(OneField::new(Purpose::TocTitle(id), cx))))
                    }
                    None => vec![],
                },
                _ => vec![],
            },
            _ => return None,
        };
        Some(out)
    }

    fn select(&mut self, row: Row) -> Vec<Cmd> {
        self.sel = row;
        vec![]
    }

    fn shift(&mut self, doc: &Session, up: bool) -> Vec<Cmd> {
        if doc.read_only {
            return vec![Cmd::Say(Message::ReadOnly)];
        }
        let issue = doc.issue();
        match self.sel {
            Row::Item(pos) => {
                let to = if up {
                    if pos.index > 0 {
                        Some(ItemPos::new(pos.section, pos.index - 1))
                    } else if pos.section > 0 {
                        Some(ItemPos::new(pos.section - 1, issue.sections[pos.section - 1].items.len()))
                    } else {
                        None
                    }
                } else if pos.index + 1 < issue.sections[pos.section].items.len() {
                    Some(ItemPos::new(pos.section, pos.index + 1))
                } else if pos.section + 1 < issue.sections.len() {
                    Some(ItemPos::new(pos.section + 1, 0))
                } else {
                    None
                };
                let Some(to) = to else { return vec![] };
                let id = issue.sections[pos.section].items[pos.index].id.clone();
                vec![Cmd::Step(Step::new(vec![Op::MoveInIssue { from: pos, to }]).select(Select::Item(id)))]
            }
            Row::Section(s) => {
                let other =
                    if up { s.checked_sub(1) } else { Some(s + 1).filter(|&t| t < issue.sections.len()) };
                match other {
                    Some(t) => vec![Cmd::Step(
                        Step::new(vec![Op::SwapSections { a: s, b: t }]).select(Select::Section(t)),
                    )],
                    None => vec![],
                }
            }
            _ => vec![],
        }
    }

    fn cycle_toc(&self, doc: &Session) -> Vec<Cmd> {
        if doc.read_only {
            return vec![Cmd::Say(Message::ReadOnly)];
        }
        let Some(s) = self.section() else { return vec![] };
        let section = &doc.issue().sections[s];
        let before = SectionHead { title: section.title.clone(), toc: section.toc };
        let toc = match section.toc {
            TocMode::Items => TocMode::Section,
            TocMode::Section => TocMode::None,
            TocMode::None => TocMode::Items,
        };
        let after = SectionHead { toc, ..before.clone() };
        vec![Cmd::Step(Step::new(vec![Op::EditSection { index: s, before, after }]))]
    }

    fn toggle_in_toc(&self, doc: &Session) -> Vec<Cmd> {
        if doc.read_only {
            return vec![Cmd::Say(Message::ReadOnly)];
        }
        let Row::Item(pos) = self.sel else { return vec![] };
        let loc = Loc::Issue(pos);
        let Some(before) = item_at(&doc.model, loc).cloned() else { return vec![] };
        let after = crate::model::Item { in_toc: !before.in_toc, ..before.clone() };
        vec![Cmd::Step(Step::new(vec![Op::EditItem {
            at: loc,
            before: Box::new(before),
            after: Box::new(after),
        }]))]
    }

    pub fn render(&self, f: &mut Frame, area: Rect, cx: &Cx, focused: bool) {
        let (env, issue) = (cx.env, cx.doc.issue());
        let t = &env.theme;
        let lang = env.lang;
        let title = format!(" {} · {} ", lang.pick("本期目录", "Outline"), issue.publication.title);
        f.render_widget(block(env, &title, focused), area);
        let list = inner(area);
        let width = list.width as usize;
        let lines = shown(issue);
        let mut out = Vec::with_capacity(list.height as usize);
        for line in lines.iter().skip(self.offset).take(list.height as usize) {
            let (spans, style) = spans_of(cx, line, width);
            if line.row().is_some_and(|r| r == self.sel) {
                let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
                let sel = if focused { t.selected } else { t.selected_unfocused };
                out.push(Line::from(Span::styled(pad(&text, width), sel)));
                continue;
            }
            let mut fitted = Vec::new();
            let mut used = 0;
            for span in spans {
                let content = fit(&span.content, width.saturating_sub(used));
                used += cells(&content);
                let st = if span.style == Style::default() { style } else { span.style };
                fitted.push(Span::styled(content, st));
            }
            out.push(Line::from(fitted));
        }
        f.render_widget(Paragraph::new(out), list);
    }
}

/// Every selectable row, top to bottom.
pub fn rows(issue: &Issue) -> Vec<Row> {
    let mut rows = vec![Row::Masthead];
    for (s, section) in issue.sections.iter().enumerate() {
        rows.push(Row::Section(s));
        rows.extend((0..section.items.len()).map(|i| Row::Item(ItemPos::new(s, i))));
    }
    rows.push(Row::Footer);
    rows
}

fn editable(doc: &Session, layer: impl FnOnce() -> Layer) -> Vec<Cmd> {
    if doc.read_only { vec![Cmd::Say(Message::ReadOnly)] } else { vec![Cmd::Push(layer())] }
}

fn unplace(doc: &Session, pos: ItemPos) -> Vec<Cmd> {
    if doc.read_only {
        return vec![Cmd::Say(Message::ReadOnly)];
    }
    let Some(item) = doc.issue().item(pos) else { return vec![] };
    let pool_index = pool_slot(doc.pool(), item);
    let step =
        Step::new(vec![Op::IssueToPool { pos, pool_index }]).say(Message::BackInPool(item.headline_line()));
    vec![Cmd::Step(step)]
}

/// Delete a section: at once when it is empty, after asking when it has items (they go
/// back to the pool).
fn delete_section(cx: &Cx, s: usize) -> Vec<Cmd> {
    let doc = cx.doc;
    if doc.read_only {
        return vec![Cmd::Say(Message::ReadOnly)];
    }
    let Some(section) = doc.issue().sections.get(s) else { return vec![] };
    let after = if s > 0 { Select::Section(s - 1) } else { Select::Masthead };
    let step = Step::new(remove_section_ops(doc, s)).select(after);
    if section.items.is_empty() {
        return vec![Cmd::Step(step)];
    }
    let lang = cx.env.lang;
    let title = if section.bare_title().is_empty() {
        lang.pick("（导语）", "(lead items)").to_string()
    } else {
        format!("【{}】", section.bare_title())
    };
    let n = section.items.len();
    let message = match lang {
        crate::lang::Lang::Zh => format!("{title}中还有 {n} 篇稿件。删除栏目并把它们退回稿件池？"),
        crate::lang::Lang::En => {
            format!("{title} holds {n} items. Delete the section and send them back to the pool?")
        }
    };
    let confirm = Confirm::new(ConfirmKind::DeleteSection, lang.pick("删除栏目", "Delete section"), message)
        .button(lang.pick("是", "Yes"), vec![Cmd::Step(step)])
        .button(lang.pick("否", "No"), vec![])
        .selected(1);
    vec![Cmd::Push(Layer::Confirm(confirm))]
}

/// The ops that send a section's items back to the pool (last first) and remove it.
fn remove_section_ops(doc: &Session, s: usize) -> Vec<Op> {
    let issue = doc.issue();
    let section = &issue.sections[s];
    let mut pool = doc.pool().to_vec();
    let mut ops = Vec::new();
    for (i, item) in section.items.iter().enumerate().rev() {
        let pool_index = pool_slot(&pool, item);
        pool.insert(pool_index, item.clone());
        ops.push(Op::IssueToPool { pos: ItemPos::new(s, i), pool_index });
    }
    let mut emptied = section.clone();
    emptied.items.clear();
    ops.push(Op::RemoveSection { index: s, section: Box::new(emptied) });
    ops
}

/// The spans of one display line and its base style.
fn spans_of(cx: &Cx, line: &Shown, width: usize) -> (Vec<Span<'static>>, Style) {
    let (env, issue) = (cx.env, cx.doc.issue());
    let t = &env.theme;
    let lang = env.lang;
    match line {
        Shown::Masthead => {
            let n = issue.numbering;
            (
                vec![Span::raw(format!("{} 总第{}期 {}", n.year_and_number(), n.total, n.date.chinese()))],
                t.masthead,
            )
        }
        Shown::TocHeading => (vec![Span::raw(issue.publication.toc_heading.clone())], t.toc),
        Shown::TocEntry(title) => {
            (vec![Span::raw(format!("{}　{title}", issue.publication.toc_bullet))], t.dim)
        }
        Shown::Section(s) => {
            let section = &issue.sections[*s];
            let title = if section.bare_title().is_empty() {
                lang.pick("（导语）", "(lead items)").to_string()
            } else {
                format!("【{}】", section.bare_title())
            };
            let mode = match section.toc {
                TocMode::Items => lang.pick("列稿件", "items in TOC"),
                TocMode::Section => lang.pick("列栏目名", "title in TOC"),
                TocMode::None => lang.pick("不列入目录", "not in TOC"),
            };
            let mut spans = vec![Span::raw(title), Span::styled(format!("  {mode}"), t.dim)];
            if section.items.is_empty() {
                spans.push(Span::styled(format!("  {}", lang.pick("（空栏目）", "(empty section)")), t.dim));
            }
            (spans, t.section)
        }
        Shown::Column(c) => (vec![Span::raw(format!("  〔{c}〕"))], t.column),
        Shown::Item(pos) => item_line(cx, *pos, width),
        Shown::Footer => {
            let footer = &issue.footer;
            let mut summary = vec![lang.pick("报尾", "Footer").to_string()];
            for (label, value) in [
                (lang.pick("编辑", "Editor"), &footer.editor),
                (lang.pick("审核", "Reviewer"), &footer.reviewer),
            ] {
                if !value.is_empty() {
                    summary.push(format!("{label} {value}"));
                }
            }
            let groups: Vec<&str> = footer.distribution.iter().map(|d| d.label.as_str()).collect();
            if !groups.is_empty() {
                summary.push(groups.join("、"));
            }
            (vec![Span::raw(summary.join(" · "))], t.dim)
        }
    }
}

/// The mark of an item with a note, in the pool and the outline.
pub const NOTE_MARK: &str = " ［注］";

/// The row of the item at `pos`: its number in the issue, headline, a mark when the TOC
/// leaves it out, and its 字数.
fn item_line(cx: &Cx, pos: ItemPos, width: usize) -> (Vec<Span<'static>>, Style) {
    let (t, issue, lang) = (&cx.env.theme, cx.doc.issue(), cx.env.lang);
    let section = &issue.sections[pos.section];
    let item = &section.items[pos.index];
    let number = issue.sections[..pos.section].iter().map(|s| s.items.len()).sum::<usize>() + pos.index + 1;
    let count = format!("{}字", item.zi_count());
    // Only an item the TOC leaves out on its own is marked; a section listed by title (or
    // not at all) says so on its own row.
    let left_out = section.toc == TocMode::Items && !item.in_toc;
    let mut marks =
        if left_out { format!(" ○{}", lang.pick("不入目录", "not in TOC")) } else { String::new() };
    let noted = !item.notes.trim().is_empty();
    if noted {
        // First: of the two marks it is the one to act on.
        marks.insert_str(0, NOTE_MARK);
    }
    let head = format!("{number:>3} ");
    let room = width.saturating_sub(cells(&head) + cells(&count) + 1);
    let marks = fit(&marks, room / 2);
    let headline = pad(&item.headline_line(), room.saturating_sub(cells(&marks)));
    let style = if left_out { t.not_in_toc } else { t.text };
    let spans = vec![
        Span::styled(head, t.dim),
        Span::styled(headline, style),
        Span::styled(marks, if noted { t.error } else { t.not_in_toc }),
        Span::styled(format!(" {count}"), t.dim),
    ];
    (spans, style)
}
