//! Structural edits and their undo. Every change to the issue or the pool outside the text
//! areas is a list of [`Op`]s; each op knows its inverse, so undo applies the inverses in
//! reverse order and redo applies the ops again. Ops hold only what they touch (an item,
//! a section head), so a step costs little whatever the size of the issue or the pool.

use std::collections::VecDeque;

use crate::model::{Footer, Issue, Item, ItemPos, Layout, Numbering, Publication, Section, TocMode};

/// What the editor edits: the open issue and the workspace's pool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub issue: Issue,
    /// Pooled items, newest first.
    pub pool: Vec<Item>,
}

/// Where an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loc {
    Issue(ItemPos),
    Pool(usize),
}

/// A section's own settings (its items aside).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionHead {
    pub title: String,
    pub toc: TocMode,
}

/// The issue's settings edited in the masthead and footer dialogs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub publication: Publication,
    pub layout: Layout,
    pub numbering: Numbering,
    pub footer: Footer,
}

impl Meta {
    pub fn of(issue: &Issue) -> Meta {
        Meta {
            publication: issue.publication.clone(),
            layout: issue.layout.clone(),
            numbering: issue.numbering,
            footer: issue.footer.clone(),
        }
    }
}

/// One invertible change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    PoolToIssue {
        pool_index: usize,
        pos: ItemPos,
    },
    IssueToPool {
        pos: ItemPos,
        pool_index: usize,
    },
    /// Remove the item at `from`, then insert it at `to` (positions after the removal).
    MoveInIssue {
        from: ItemPos,
        to: ItemPos,
    },
    InsertSection {
        index: usize,
        section: Box<Section>,
    },
    RemoveSection {
        index: usize,
        section: Box<Section>,
    },
    SwapSections {
        a: usize,
        b: usize,
    },
    EditSection {
        index: usize,
        before: SectionHead,
        after: SectionHead,
    },
    EditItem {
        at: Loc,
        before: Box<Item>,
        after: Box<Item>,
    },
    EditMeta {
        before: Box<Meta>,
        after: Box<Meta>,
    },
    InsertPool {
        index: usize,
        item: Box<Item>,
    },
    RemovePool {
        index: usize,
        item: Box<Item>,
    },
}

/// An op that does not fit the model it is applied to (a bug or a stale step).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale(pub &'static str);

/// The item at a place, if any.
pub fn item_at(m: &Model, at: Loc) -> Option<&Item> {
    match at {
        Loc::Issue(pos) => m.issue.item(pos),
        Loc::Pool(i) => m.pool.get(i),
    }
}

fn item_at_mut(m: &mut Model, at: Loc) -> Option<&mut Item> {
    match at {
        Loc::Issue(pos) => m.issue.item_mut(pos),
        Loc::Pool(i) => m.pool.get_mut(i),
    }
}

fn take_from_issue(m: &mut Model, pos: ItemPos) -> Result<Item, Stale> {
    m.issue.unplace_item(pos).map_err(|_| Stale("no item at that place in the issue"))
}

fn put_in_issue(m: &mut Model, pos: ItemPos, item: Item) -> Result<(), Stale> {
    let section = m.issue.sections.get_mut(pos.section).ok_or(Stale("no such section"))?;
    if pos.index > section.items.len() {
        return Err(Stale("position past the end of the section"));
    }
    section.items.insert(pos.index, item);
    Ok(())
}

impl Op {
    /// Apply the op; on error the model is unchanged.
    pub fn apply(&self, m: &mut Model) -> Result<(), Stale> {
        match self {
            Op::PoolToIssue { pool_index, pos } => {
                if *pool_index >= m.pool.len() {
                    return Err(Stale("no such pooled item"));
                }
                let section = m.issue.sections.get(pos.section).ok_or(Stale("no such section"))?;
                if pos.index > section.items.len() {
                    return Err(Stale("position past the end of the section"));
                }
                let item = m.pool.remove(*pool_index);
                put_in_issue(m, *pos, item)
            }
            Op::IssueToPool { pos, pool_index } => {
                if *pool_index > m.pool.len() {
                    return Err(Stale("pool position past the end"));
                }
                let item = take_from_issue(m, *pos)?;
                m.pool.insert(*pool_index, item);
                Ok(())
            }
            Op::MoveInIssue { from, to } => {
                m.issue.item(*from).ok_or(Stale("no item at that place in the issue"))?;
                let target = m.issue.sections.get(to.section).ok_or(Stale("no such section"))?;
                let len_after = target.items.len() - usize::from(to.section == from.section);
                if to.index > len_after {
                    return Err(Stale("position past the end of the section"));
                }
                let item = take_from_issue(m, *from)?;
                put_in_issue(m, *to, item)
            }
            Op::InsertSection { index, section } => {
                if *index > m.issue.sections.len() {
                    return Err(Stale("section position past the end"));
                }
                m.issue.sections.insert(*index, (**section).clone());
                Ok(())
            }
            Op::RemoveSection { index, section } => {
                if m.issue.sections.get(*index) != Some(section) {
                    return Err(Stale("the section is not as recorded"));
                }
                m.issue.sections.remove(*index);
                Ok(())
            }
            Op::SwapSections { a, b } => {
                let n = m.issue.sections.len();
                if *a >= n || *b >= n {
                    return Err(Stale("no such section"));
                }
                m.issue.sections.swap(*a, *b);
                Ok(())
            }
            Op::EditSection { index, after, .. } => {
                let s = m.issue.sections.get_mut(*index).ok_or(Stale("no such section"))?;
                s.title = after.title.clone();
                s.toc = after.toc;
                Ok(())
            }
            Op::EditItem { at, after, .. } => {
                let item = item_at_mut(m, *at).ok_or(Stale("no such item"))?;
                *item = (**after).clone();
                Ok(())
            }
            Op::EditMeta { after, .. } => {
                m.issue.publication = after.publication.clone();
                m.issue.layout = after.layout.clone();
                m.issue.numbering = after.numbering;
                m.issue.footer = after.footer.clone();
                Ok(())
            }
            Op::InsertPool { index, item } => {
                if *index > m.pool.len() {
                    return Err(Stale("pool position past the end"));
                }
                m.pool.insert(*index, (**item).clone());
                Ok(())
            }
            Op::RemovePool { index, item } => {
                if m.pool.get(*index) != Some(item) {
                    return Err(Stale("the pooled item is not as recorded"));
                }
                m.pool.remove(*index);
                Ok(())
            }
        }
    }

    /// The op that undoes this one.
    pub fn inverse(&self) -> Op {
        match self.clone() {
            Op::PoolToIssue { pool_index, pos } => Op::IssueToPool { pos, pool_index },
            Op::IssueToPool { pos, pool_index } => Op::PoolToIssue { pool_index, pos },
            Op::MoveInIssue { from, to } => Op::MoveInIssue { from: to, to: from },
            Op::InsertSection { index, section } => Op::RemoveSection { index, section },
            Op::RemoveSection { index, section } => Op::InsertSection { index, section },
            Op::SwapSections { a, b } => Op::SwapSections { a, b },
            Op::EditSection { index, before, after } => {
                Op::EditSection { index, before: after, after: before }
            }
            Op::EditItem { at, before, after } => Op::EditItem { at, before: after, after: before },
            Op::EditMeta { before, after } => Op::EditMeta { before: after, after: before },
            Op::InsertPool { index, item } => Op::RemovePool { index, item },
            Op::RemovePool { index, item } => Op::InsertPool { index, item },
        }
    }
}

/// Apply `ops` in order, all or nothing.
pub fn apply_all(m: &mut Model, ops: &[Op]) -> Result<(), Stale> {
    for (k, op) in ops.iter().enumerate() {
        if let Err(e) = op.apply(m) {
            for done in ops[..k].iter().rev() {
                let _ = done.inverse().apply(m);
            }
            return Err(e);
        }
    }
    Ok(())
}

fn inverse_all(ops: &[Op]) -> Vec<Op> {
    ops.iter().rev().map(Op::inverse).collect()
}

/// Undo and redo stacks of structural steps. Every step gets a serial number, so that a
/// state of the document can be named (`state`) and recognised again after undo and redo.
#[derive(Debug, Clone)]
pub struct History {
    undo: VecDeque<(u64, Vec<Op>)>,
    redo: Vec<(u64, Vec<Op>)>,
    limit: usize,
    /// The serial the next step gets.
    next: u64,
    /// The state with an empty undo stack: 0 at first, then the last step that fell off
    /// the bottom of a full stack.
    base: u64,
}

/// Steps kept for undo.
pub const HISTORY_LIMIT: usize = 200;

impl Default for History {
    fn default() -> Self {
        History { undo: VecDeque::new(), redo: Vec::new(), limit: HISTORY_LIMIT, next: 1, base: 0 }
    }
}

impl History {
    /// Apply a step and remember it; a new step forgets what was undone.
    pub fn commit(&mut self, m: &mut Model, ops: Vec<Op>) -> Result<(), Stale> {
        if ops.is_empty() {
            return Ok(());
        }
        apply_all(m, &ops)?;
        self.undo.push_back((self.next, ops));
        self.next += 1;
        while self.undo.len() > self.limit {
            if let Some((serial, _)) = self.undo.pop_front() {
                self.base = serial;
            }
        }
        self.redo.clear();
        Ok(())
    }

    /// Undo the last step; `false` when there is none.
    pub fn undo(&mut self, m: &mut Model) -> Result<bool, Stale> {
        let Some((serial, ops)) = self.undo.pop_back() else { return Ok(false) };
        if let Err(e) = apply_all(m, &inverse_all(&ops)) {
            self.undo.push_back((serial, ops));
            return Err(e);
        }
        self.redo.push((serial, ops));
        Ok(true)
    }

    /// Redo the last undone step; `false` when there is none.
    pub fn redo(&mut self, m: &mut Model) -> Result<bool, Stale> {
        let Some((serial, ops)) = self.redo.pop() else { return Ok(false) };
        if let Err(e) = apply_all(m, &ops) {
            self.redo.push((serial, ops));
            return Err(e);
        }
        self.undo.push_back((serial, ops));
        Ok(true)
    }

    /// The document's state as far as this history can tell: equal values mean the same
    /// steps are applied (undo back to a state gives its number again).
    pub fn state(&self) -> u64 {
        self.undo.back().map_or(self.base, |(serial, _)| *serial)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }
}
