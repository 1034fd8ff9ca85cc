//! 帮助: every binding of every context, from the keymap that dispatches them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Cx, Reply};
use crate::tui::action::{Action, Msg};
use crate::tui::app::Env;
use crate::tui::fit::pad;
use crate::tui::keymap::Context;
use crate::tui::panes::block;

#[derive(Default)]
pub struct Help {
    pub scroll: usize,
}

/// The contexts the help lists, with their names.
fn contexts() -> [(Context, &'static str, &'static str); 12] {
    [
        (Context::Global, "全局", "Everywhere"),
        (Context::Pool, "稿件池", "Pool"),
        (Context::Filter, "筛选", "Filter"),
        (Context::Outline, "本期目录", "Outline"),
        (Context::Reading, "正文（浏览，Tab 进入时）", "Editor pane, reading (reached with Tab)"),
        (Context::Editor, "正文编辑", "Editor"),
        (Context::Dialog, "对话框", "Dialogs"),
        (Context::Choice, "对话框：选项", "Dialogs: a choice"),
        (Context::Multiline, "对话框：多行栏", "Dialogs: a multi-line field"),
        (Context::Path, "对话框：路径栏", "Dialogs: a path field"),
        (Context::Confirm, "确认", "Confirmations"),
        (Context::Preview, "预览", "Preview"),
    ]
}

pub fn lines(env: &Env) -> Vec<Line<'static>> {
    let t = &env.theme;
    let lang = env.lang;
    let mut out = vec![
        Line::from(Span::styled(
            lang.pick("所有按键（可在 config.toml 中修改）", "Every key (change them in config.toml)"),
            t.title,
        )),
        Line::from(""),
    ];
    for (ctx, zh, en) in contexts() {
        out.push(Line::from(Span::styled(format!("【{}】", lang.pick(zh, en)), t.section)));
        for b in env.keymap.bindings(ctx) {
            out.push(Line::from(vec![
                Span::styled(pad(&b.keys_label(), 22), t.help_key),
                Span::styled(b.describe(lang).to_string(), t.text),
            ]));
        }
        if ctx == Context::Editor {
            out.push(Line::from(Span::styled(
                lang.pick(
                    "编辑时：Enter 另起一段（标题中 Alt-Enter 换行）；↑↓ 在各栏之间移动；Ctrl-Z 撤销",
                    "While editing: Enter starts a paragraph (Alt-Enter breaks a headline); ↑↓ move between fields; Ctrl-Z undoes",
                ),
                t.dim,
            )));
        }
        out.push(Line::from(""));
    }
    out.pop();
    out
}

/// The help as drawn: its lines, wrapped to the screen.
fn text(env: &Env) -> Paragraph<'static> {
    Paragraph::new(lines(env)).wrap(Wrap { trim: false })
}

impl Help {
    pub fn update(&mut self, msg: &Msg, cx: &Cx) -> Reply {
        let page = cx.page();
        let rows = (page.height as usize).max(1);
        // Long lines wrap on a narrow screen: the end is counted in screen rows.
        let total = text(cx.env).line_count(page.width);
        let last = total.saturating_sub(rows);
        self.scroll = match crate::tui::layers::preview::scroll(self.scroll, rows, last, msg) {
            Some(to) => to,
            None => match msg {
                Msg::Do(Action::Cancel | Action::Help) => return Reply::Close(vec![]),
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
        let b = block(cx.env, &format!(" {} ", cx.env.lang.pick("帮助", "Help")), true);
        let inner = b.inner(area);
        crate::tui::panes::clear_area(f, area);
        f.render_widget(b, area);
        f.render_widget(text(cx.env).scroll((self.scroll as u16, 0)), inner);
    }
}
