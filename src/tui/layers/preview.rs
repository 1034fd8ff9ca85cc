//! 预览: the export text itself, as `jianbao export` writes it, scrollable; page breaks
//! are drawn as a rule.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Cx, Reply};
use crate::export::{TextOptions, text};
use crate::tui::action::{Action, Msg};
use crate::tui::fit::cells;
use crate::tui::panes::block;

/// Where a scrolling key or the wheel takes a view at `at` with `rows` on screen and
/// `last` its last top row (the one that shows the end at the foot); `None`: not a
/// scrolling message.
pub fn scroll(at: usize, rows: usize, last: usize, msg: &Msg) -> Option<usize> {
    let page = rows.saturating_sub(1).max(1);
    let to = match msg {
        Msg::Do(Action::Up) => at.saturating_sub(1),
        Msg::Do(Action::Down) => at + 1,
        Msg::Do(Action::PageUp) => at.saturating_sub(page),
        Msg::Do(Action::PageDown) => at + page,
        Msg::Do(Action::Top) => 0,
        Msg::Do(Action::Bottom) => last,
        Msg::Wheel { down: true, .. } => at + 3,
        Msg::Wheel { down: false, .. } => at.saturating_sub(3),
        _ => return None,
    };
    Some(to.min(last))
}

pub struct Preview {
    /// The export's lines; a page break is a line of its own, "\u{c}".
    pub lines: Vec<String>,
    pub scroll: usize,
    /// Columns scrolled to the right (a window narrower than the layout).
    pub across: usize,
}

/// How far ← and → move the preview: four 字.
const ACROSS_STEP: usize = 8;

impl Preview {
    /// The preview of the issue as its layout exports it.
    pub fn of(issue: &crate::model::Issue) -> Preview {
        let out = text(issue, TextOptions::of(issue));
        let mut lines = Vec::new();
        for line in out.split('\n') {
            match line.strip_prefix('\u{c}') {
                Some(rest) => {
                    lines.push("\u{c}".to_string());
                    lines.push(rest.to_string());
                }
                None => lines.push(line.to_string()),
            }
        }
        if lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        Preview { lines, scroll: 0, across: 0 }
    }

    pub fn update(&mut self, msg: &Msg, cx: &Cx) -> Reply {
        let rows = (cx.page().height as usize).max(1);
        if let Msg::Do(a @ (Action::ScrollLeft | Action::ScrollRight)) = msg {
            // As far right as shows the widest line's end at the right edge, in whole 字.
            let widest = self.lines.iter().map(|l| cells(l)).max().unwrap_or(0);
            let most = widest.saturating_sub(cx.page().width as usize).next_multiple_of(2);
            self.across = match a {
                Action::ScrollLeft => self.across.saturating_sub(ACROSS_STEP),
                _ => (self.across + ACROSS_STEP).min(most),
            };
            return Reply::Stay(vec![]);
        }
        // The last page is the one that shows the last line at its foot.
        let last = self.lines.len().saturating_sub(rows);
        self.scroll = match scroll(self.scroll, rows, last, msg) {
            Some(to) => to,
            None => match msg {
                Msg::Do(Action::Cancel | Action::Preview) => return Reply::Close(vec![]),
                Msg::Do(Action::Quit) => {
                    return Reply::Close(vec![crate::tui::cmd::Cmd::Leave(crate::tui::effect::Then::Quit)]);
                }
                Msg::Do(_) => return Reply::Pass,
                _ => return Reply::Stay(vec![]),
            },
        };
        Reply::Stay(vec![])
    }

    pub fn render(&self, f: &mut Frame, area: Rect, cx: &Cx) {
        let t = &cx.env.theme;
        let lang = cx.env.lang;
        let name = cx.doc.issue_path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let b = block(cx.env, &format!(" {} · {name} ", lang.pick("预览", "Preview")), true);
        let inner = b.inner(area);
        crate::tui::panes::clear_area(f, area);
        f.render_widget(b, area);
        let width = inner.width as usize;
        let out: Vec<Line> = self
            .lines
            .iter()
            .skip(self.scroll)
            .take(inner.height as usize)
            .map(|l| {
                if l == "\u{c}" {
                    let label = format!(" {} ", lang.pick("分页", "page break"));
                    // Drawn across what shows, wherever the view is scrolled to.
                    let side = (width + self.across).saturating_sub(cells(&label)) / 2;
                    Line::from(Span::styled(
                        format!("{}{label}{}", "┄".repeat(side), "┄".repeat(side)),
                        t.page_break,
                    ))
                } else {
                    Line::from(Span::styled(l.clone(), t.text))
                }
            })
            .collect();
        f.render_widget(Paragraph::new(out).scroll((0, self.across as u16)), inner);
    }
}
