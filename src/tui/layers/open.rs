//! The open dialog: the workspace's issues, newest first, then the recent files.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Cx, Reply, frame, hint_lines};
use crate::tui::action::{Action, Msg};
use crate::tui::cmd::Cmd;
use crate::tui::effect::{OpenEntry, Then};
use crate::tui::fit::{fit, pad};
use crate::tui::keymap::Context;

pub struct OpenList {
    pub entries: Vec<OpenEntry>,
    pub selected: usize,
}

impl OpenList {
    pub fn update(&mut self, msg: &Msg) -> Reply {
        match msg {
            Msg::Do(Action::Confirm) => match self.entries.get(self.selected) {
                Some(entry) => Reply::Close(vec![Cmd::Leave(Then::Open(entry.path.clone()))]),
                None => Reply::Close(vec![]),
            },
            Msg::Do(Action::Cancel) => Reply::Close(vec![]),
            _ => {
                self.selected = super::step_in_list(self.selected, self.entries.len(), msg);
                Reply::Stay(vec![])
            }
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, cx: &Cx) {
        let t = &cx.env.theme;
        let lang = cx.env.lang;
        let height = (self.entries.len() as u16 + 6).min(area.height);
        let rect = crate::tui::panes::centred(area, 80, height);
        crate::tui::panes::clear_area(f, rect);
        let b = frame(cx, lang.pick("打开", "Open"));
        let inner = b.inner(rect);
        f.render_widget(b, rect);
        let width = inner.width as usize;
        let mut lines = Vec::new();
        let mut group = None;
        let mut selected_line = 0;
        for (k, e) in self.entries.iter().enumerate() {
            if group != Some(e.recent) {
                group = Some(e.recent);
                let name = if e.recent {
                    lang.pick("最近打开", "Recently opened")
                } else {
                    lang.pick("本工作区各期", "Issues in this workspace")
                };
                lines.push(Line::from(Span::styled(name, t.section)));
            }
            if k == self.selected {
                selected_line = lines.len();
            }
            let style = if k == self.selected { t.selected } else { t.text };
            lines.push(Line::from(Span::styled(
                pad(&format!("  {}", fit(&e.label, width.saturating_sub(2))), width),
                style,
            )));
        }
        let hints = hint_lines(cx, Context::Dialog, width);
        let room = (inner.height as usize).saturating_sub(hints.len());
        let skip = (selected_line + 1).saturating_sub(room);
        let mut shown: Vec<Line> = lines.into_iter().skip(skip).take(room).collect();
        shown.extend(hints);
        f.render_widget(Paragraph::new(shown), inner);
    }
}
