//! One-field dialogs: a new section, a section's new name, an item's short TOC title.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::form::{Field, Form, Reply as FormReply};
use super::{Cx, FormLayer, Reply};
use crate::model::Section;
use crate::model::history::{Loc, Op, SectionHead, item_at};
use crate::tui::action::Msg;
use crate::tui::cmd::{Cmd, Select, Step};
use crate::tui::keymap::Context;
use crate::tui::msg::Label;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Only;

/// What the one field is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// A new section at this index.
    NewSection(usize),
    RenameSection(usize),
    /// The short TOC title of the item with this id.
    TocTitle(String),
}

pub struct OneField {
    purpose: Purpose,
    form: Form<Only>,
}

impl OneField {
    pub fn new(purpose: Purpose, cx: &Cx) -> OneField {
        let issue = cx.doc.issue();
        let (label, value) = match &purpose {
            Purpose::NewSection(_) => (Label::SectionTitle, String::new()),
            Purpose::RenameSection(s) => {
                (Label::SectionTitle, issue.sections.get(*s).map(|x| x.title.clone()).unwrap_or_default())
            }
            Purpose::TocTitle(id) => (
                Label::TocTitle,
                issue.items().find(|i| &i.id == id).map(|i| i.toc_title.clone()).unwrap_or_default(),
            ),
        };
        OneField { purpose, form: Form::new(vec![Field::line(Only, label, &value)]) }
    }

    fn submit(&self, cx: &Cx) -> Vec<Cmd> {
        let value = self.form.value(Only);
        let doc = cx.doc;
        let step = match &self.purpose {
            Purpose::NewSection(at) => {
                let at = (*at).min(doc.issue().sections.len());
                Step::new(vec![Op::InsertSection {
                    index: at,
                    section: Box::new(Section::new(value.trim())),
                }])
                .select(Select::Section(at))
            }
            Purpose::RenameSection(s) => {
                let Some(section) = doc.issue().sections.get(*s) else { return vec![] };
                let before = SectionHead { title: section.title.clone(), toc: section.toc };
                let after = SectionHead { title: value, ..before.clone() };
                if before == after {
                    return vec![];
                }
                Step::new(vec![Op::EditSection { index: *s, before, after }])
            }
            Purpose::TocTitle(id) => {
                let Some(loc @ Loc::Issue(_)) = doc.locate(id) else { return vec![] };
                let Some(before) = item_at(&doc.model, loc).cloned() else { return vec![] };
                let after = crate::model::Item { toc_title: value, ..before.clone() };
                if after == before {
                    return vec![];
                }
                Step::new(vec![Op::EditItem { at: loc, before: Box::new(before), after: Box::new(after) }])
            }
        };
        vec![Cmd::Step(step)]
    }
}

impl FormLayer for OneField {
    fn name(&self) -> &'static str {
        match self.purpose {
            Purpose::NewSection(_) => "new_section",
            Purpose::RenameSection(_) => "rename_section",
            Purpose::TocTitle(_) => "toc_title",
        }
    }

    fn title(&self, cx: &Cx) -> String {
        let lang = cx.env.lang;
        match self.purpose {
            Purpose::NewSection(_) => lang.pick("新建栏目", "New section"),
            Purpose::RenameSection(_) => lang.pick("栏目改名", "Rename section"),
            Purpose::TocTitle(_) => lang.pick("目录短标题", "Short TOC title"),
        }
        .into()
    }

    fn form_context(&self) -> Context {
        self.form.context()
    }

    fn update(&mut self, msg: &Msg, cx: &Cx) -> Reply {
        match self.form.update(msg) {
            FormReply::Confirm => Reply::Close(self.submit(cx)),
            FormReply::Cancel => Reply::Close(vec![]),
            FormReply::Handled | FormReply::Ignored => Reply::Stay(vec![]),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, cx: &Cx) -> Option<Position> {
        self.form.render(f, area, cx, &self.title(cx))
    }

    fn error(&self) -> Option<&crate::tui::msg::Message> {
        self.form.error.as_ref()
    }
}
