//! Layers over the panes, on a stack: confirmations, forms, the open list, the preview,
//! the help. The top one takes the keys; each is a typed struct that turns what the user
//! did into commands for the app (a form validates into typed values first), as the
//! layers of helix's compositor and gitui's popups do.

pub mod confirm;
pub mod export;
pub mod findings;
pub mod form;
pub mod help;
pub mod import;
pub mod issue_forms;
pub mod open;
pub mod preview;
pub mod setup;
pub mod small_forms;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders};

use super::action::Msg;
use super::app::Env;
use super::cmd::Cmd;
use super::fit::cells;
use super::keymap::Context;
use crate::store::session::Session;

pub use confirm::{Confirm, ConfirmKind};

/// What a layer may look at: the open document and the editor's settings.
pub struct Cx<'a> {
    pub doc: &'a Session,
    pub env: &'a Env,
    /// The screen's size, for page lengths.
    pub screen: Rect,
}

impl Cx<'_> {
    /// The text area of a full-screen layer (help, preview): the main area inside its frame.
    pub fn page(&self) -> Rect {
        let main = crate::tui::screen::Areas::of(
            self.screen,
            self.doc.why_read_only.is_some(),
            crate::tui::app::Focus::Pool,
        )
        .main;
        crate::tui::screen::inner(main)
    }
}

/// What a layer did with a message.
pub enum Reply {
    /// Taken; the layer stays, and these are done.
    Stay(Vec<Cmd>),
    /// The layer closes, and these are done.
    Close(Vec<Cmd>),
    /// Not the layer's: the app handles it (a global key in the preview, say).
    Pass,
}

pub enum Layer {
    Confirm(Confirm),
    Form(Box<dyn FormLayer>),
    Open(open::OpenList),
    Preview(preview::Preview),
    Help(help::Help),
}

impl std::fmt::Debug for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Layer::Confirm(c) => write!(f, "Confirm({:?})", c.kind),
            Layer::Form(form) => write!(f, "Form({})", form.name()),
            Layer::Open(_) => write!(f, "Open"),
            Layer::Preview(_) => write!(f, "Preview"),
            Layer::Help(_) => write!(f, "Help"),
        }
    }
}

/// The selection of a dialog's list of `n` after `msg`: the next / previous field moves
/// it, round the ends; anything else leaves it.
pub fn step_in_list(selected: usize, n: usize, msg: &Msg) -> usize {
    let n = n.max(1);
    match msg {
        Msg::Do(super::action::Action::NextField) => (selected + 1) % n,
        Msg::Do(super::action::Action::PrevField) => (selected + n - 1) % n,
        _ => selected,
    }
}

/// A dialog with fields: what it is called, its keymap context, and what its values mean.
pub trait FormLayer {
    /// A name for tests and logs (`masthead`, `export`…).
    fn name(&self) -> &'static str;
    fn title(&self, cx: &Cx) -> String;
    fn form_context(&self) -> Context;
    /// Take a message; confirm validates the values into commands, or shows why not.
    fn update(&mut self, msg: &Msg, cx: &Cx) -> Reply;
    fn render(&self, f: &mut Frame, area: Rect, cx: &Cx) -> Option<Position>;
    /// The error of the last confirm that did not validate.
    fn error(&self) -> Option<&super::msg::Message>;
}

impl Layer {
    /// The keymap context while this layer is on top.
    pub fn context(&self) -> Context {
        match self {
            Layer::Confirm(_) => Context::Confirm,
            Layer::Form(form) => form.form_context(),
            Layer::Open(_) => Context::Dialog,
            Layer::Preview(_) => Context::Preview,
            Layer::Help(_) => Context::Help,
        }
    }

    pub fn update(&mut self, msg: &Msg, cx: &Cx) -> Reply {
        match self {
            Layer::Confirm(c) => c.update(msg),
            Layer::Form(form) => form.update(msg, cx),
            Layer::Open(list) => list.update(msg),
            Layer::Preview(p) => p.update(msg, cx),
            Layer::Help(h) => h.update(msg, cx),
        }
    }

    /// Draw over `area`; where the terminal's caret belongs (a form's field).
    pub fn render(&self, f: &mut Frame, area: Rect, cx: &Cx) -> Option<Position> {
        match self {
            Layer::Confirm(c) => {
                c.render(f, area, cx);
                None
            }
            Layer::Form(form) => form.render(f, area, cx),
            Layer::Open(list) => {
                list.render(f, area, cx);
                None
            }
            Layer::Preview(p) => {
                p.render(f, area, cx);
                None
            }
            Layer::Help(h) => {
                h.render(f, area, cx);
                None
            }
        }
    }
}

/// A dialog's frame.
pub fn frame<'a>(cx: &Cx, title: &str) -> Block<'a> {
    let t = &cx.env.theme;
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(t.dialog_border)
        .style(t.dialog)
        .title(Span::styled(format!(" {title} "), t.title_focused))
}

/// The keys of `ctx` as dialog hints, from the keymap (so a rebinding shows), wrapped to
/// `width` columns.
pub fn hint_lines(cx: &Cx, ctx: Context, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for (_, key, words) in cx.env.keymap.hints(ctx, cx.env.lang) {
        let hint = format!("{key} {words}");
        if !line.is_empty() && cells(&line) + 2 + cells(&hint) > width {
            lines.push(Line::from(Span::styled(std::mem::take(&mut line), cx.env.theme.dim)));
        }
        if !line.is_empty() {
            line.push_str("  ");
        }
        line.push_str(&hint);
    }
    if !line.is_empty() {
        lines.push(Line::from(Span::styled(line, cx.env.theme.dim)));
    }
    lines
}
