//! The findings list (F8): what `jianbao check` says about the open issue, errors first;
//! Enter goes to the item or section a finding is about.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Cx, FormLayer, Reply, frame, hint_lines};
use crate::check::{Finding, Place, Severity};
use crate::tui::action::{Action, Msg};
use crate::tui::app::Focus;
use crate::tui::cmd::{Cmd, Select};
use crate::tui::fit::{fit, pad};
use crate::tui::keymap::Context;

pub struct FindingsList {
    pub findings: Vec<Finding>,
    pub selected: usize,
}

impl FindingsList {
    pub fn of(cx: &Cx) -> FindingsList {
        let mut findings = crate::check::check(cx.doc.issue(), None);
        findings.sort_by_key(|f| f.severity);
        FindingsList { findings, selected: 0 }
    }

    /// Where Enter takes the user: the outline's row of the finding.
    fn jump(&self) -> Vec<Cmd> {
        let Some(f) = self.findings.get(self.selected) else { return vec![] };
        let select = match &f.place {
            Place::Issue => Select::Masthead,
            Place::Section(k, _) => Select::Section(*k),
            Place::Item { id, .. } => Select::Item(id.clone()),
        };
        vec![Cmd::Select(select), Cmd::Focus(Focus::Outline)]
    }
}

impl FormLayer for FindingsList {
    fn name(&self) -> &'static str {
        "findings"
    }

    fn title(&self, cx: &Cx) -> String {
        let lang = cx.env.lang;
        let errors = crate::check::error_count(&self.findings);
        let warnings = self.findings.len() - errors;
        lang.pick(
            format!("检查：{errors} 个错误，{warnings} 个警告"),
            format!("Check: {errors} errors, {warnings} warnings"),
        )
    }

    fn form_context(&self) -> Context {
        Context::Dialog
    }

    fn update(&mut self, msg: &Msg, _cx: &Cx) -> Reply {
        match msg {
            Msg::Do(Action::Confirm) => Reply::Close(self.jump()),
            Msg::Do(Action::Cancel) => Reply::Close(vec![]),
            _ => {
                self.selected = super::step_in_list(self.selected, self.findings.len(), msg);
                Reply::Stay(vec![])
            }
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, cx: &Cx) -> Option<Position> {
        let t = &cx.env.theme;
        let lang = cx.env.lang;
        let width = 96.min(area.width);
        let hint_rows = hint_lines(cx, Context::Dialog, width.saturating_sub(2) as usize).len() as u16;
        let height = (self.findings.len().max(1) as u16 + hint_rows + 2).min(area.height);
        let rect = crate::tui::panes::centred(area, width, height);
        crate::tui::panes::clear_area(f, rect);
        let b = frame(cx, &self.title(cx));
        let inner = b.inner(rect);
        f.render_widget(b, rect);
        let width = inner.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        if self.findings.is_empty() {
            lines.push(Line::from(Span::styled(lang.pick("没有发现问题。", "Nothing found."), t.dim)));
        }
        for (k, finding) in self.findings.iter().enumerate() {
            let style = match (k == self.selected, finding.severity) {
                (true, _) => t.selected,
                (false, Severity::Error) => t.error,
                (false, Severity::Warning) => t.text,
            };
            lines.push(Line::from(Span::styled(pad(&fit(&finding.message(lang), width), width), style)));
        }
        let hints = hint_lines(cx, Context::Dialog, width);
        let room = (inner.height as usize).saturating_sub(hints.len()).max(1);
        let skip = (self.selected + 1).saturating_sub(room);
        let mut shown: Vec<Line> = lines.into_iter().skip(skip).take(room).collect();
        shown.extend(hints);
        f.render_widget(Paragraph::new(shown), inner);
        None
    }

    fn error(&self) -> Option<&crate::tui::msg::Message> {
        None
    }
}
