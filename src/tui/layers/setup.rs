//! The setup dialog of a first run: the office's own publication (the same as `jianbao
//! init`), written as a workspace with its first issue, which then opens; Esc stays with
//! the sample.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::form::{Field, Form, Reply as FormReply, options};
use super::issue_forms::parse_distribution;
use super::{Cx, FormLayer, Reply};
use crate::commands::init::Setup;
use crate::model::{Date, HeadlineStyle};
use crate::tui::action::Msg;
use crate::tui::cmd::Cmd;
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::msg::{Label, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S {
    Title,
    Publisher,
    TocHeading,
    Style,
    Editor,
    Reviewer,
    Email,
    Distribution,
    Number,
    Total,
    Date,
    Folder,
}

pub struct SetupForm {
    form: Form<S>,
}

impl SetupForm {
    /// Suggesting `folder` for the new workspace.
    pub fn new(cx: &Cx, folder: &std::path::Path) -> SetupForm {
        let lang = cx.env.lang;
        SetupForm {
            form: Form::new(vec![
                Field::line(S::Title, Label::Title, ""),
                Field::line(S::Publisher, Label::Publisher, ""),
                Field::line(S::TocHeading, Label::TocHeading, "目录提要"),
                Field::choice(
                    S::Style,
                    Label::Style,
                    options(lang, &[("标题居中单独成行", "centred headlines"), ("标题接排段首", "run-in headlines")]),
                    0,
                ),
                Field::line(S::Editor, Label::Editor, ""),
                Field::line(S::Reviewer, Label::Reviewer, ""),
                Field::line(S::Email, Label::Email, ""),
                Field::multi(S::Distribution, Label::Distribution, ""),
                Field::line(S::Number, Label::Number, "1"),
                Field::line(S::Total, Label::Total, "1"),
                Field::line(S::Date, Label::Date, &Date::today().to_string()),
                Field::path(S::Folder, Label::Folder, &folder.to_string_lossy()),
            ])
            .with_hint(
                "欢迎使用简报。填写本单位刊物的信息，建立自己的工作区和第一期；Esc 先看示例刊物（以后可用 jianbao init 建立，jianbao --sample 打开示例）。",
                "Welcome. Describe your office's publication to set up its workspace and first issue; Esc looks at the sample first (later: jianbao init to set up, jianbao --sample for the sample).",
            ),
        }
    }

    /// The setup the form says; a relative folder is taken from `cwd`.
    fn setup(&self, cwd: &std::path::Path) -> Result<(PathBuf, Setup), Message> {
        let f = &self.form;
        let title = f.value(S::Title);
        if title.is_empty() {
            return Err(Message::EmptyTitle);
        }
        let number = |key, label| f.value(key).parse::<u32>().map_err(|_| Message::NotANumber(label));
        let folder = cwd.join(super::import::expand_home(&f.value(S::Folder)));
        if folder.join("jianbao.toml").exists() {
            return Err(Message::AlreadyWorkspace(folder));
        }
        let setup = Setup {
            title,
            publisher: f.value(S::Publisher),
            toc_heading: f.value(S::TocHeading),
            style: if f.choice(S::Style) == 1 { HeadlineStyle::RunIn } else { HeadlineStyle::Heading },
            editor: f.value(S::Editor),
            reviewer: f.value(S::Reviewer),
            email: f.value(S::Email),
            distribution: parse_distribution(&f.value(S::Distribution)),
            number: number(S::Number, Label::Number)?,
            total: number(S::Total, Label::Total)?,
            date: f.value(S::Date).parse::<Date>().map_err(Message::BadDate)?,
        };
        Ok((folder, setup))
    }
}

impl FormLayer for SetupForm {
    fn name(&self) -> &'static str {
        "setup"
    }

    fn title(&self, cx: &Cx) -> String {
        cx.env.lang.pick("建立自己的刊物", "Set up your publication").into()
    }

    fn form_context(&self) -> Context {
        self.form.context()
    }

    fn update(&mut self, msg: &Msg, cx: &Cx) -> Reply {
        match self.form.update(msg) {
            FormReply::Confirm => match self.setup(&cx.env.cwd) {
                Ok((dir, setup)) => {
                    Reply::Close(vec![Cmd::Effect(Effect::Init { dir, setup: Box::new(setup) })])
                }
                Err(message) => {
                    self.form.error = Some(message);
                    Reply::Stay(vec![])
                }
            },
            FormReply::Cancel => Reply::Close(vec![Cmd::Say(Message::SampleKept)]),
            FormReply::Handled | FormReply::Ignored => Reply::Stay(vec![]),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, cx: &Cx) -> Option<Position> {
        self.form.render(f, area, cx, &self.title(cx))
    }

    fn error(&self) -> Option<&Message> {
        self.form.error.as_ref()
    }
}
