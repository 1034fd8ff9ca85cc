//! The export dialog: where, which format, how wide, paged or not — exactly the choices
//! of `jianbao export`, validated into its settings.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::form::{Field, Form, Reply as FormReply, options};
use super::{Cx, FormLayer, Reply};
use crate::commands::export::{Format, Settings, default_output};
use crate::model::publication::{MAX_WIDTH, MIN_WIDTH};
use crate::tui::action::{Action, Msg};
use crate::tui::cmd::Cmd;
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::msg::{Label, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum E {
    Path,
    Format,
    Width,
    Paginate,
}

/// The formats offered, in the order of the choice.
pub const FORMATS: [Format; 4] = [Format::Text, Format::Markdown, Format::Pdf, Format::Docx];

pub struct ExportForm {
    form: Form<E>,
}

impl ExportForm {
    pub fn new(cx: &Cx) -> ExportForm {
        let issue = cx.doc.issue();
        let lang = cx.env.lang;
        let path = default_output(&cx.doc.issue_path, issue, Settings::default());
        let paginate = usize::from(issue.layout.lines_per_page == 0);
        ExportForm {
            form: Form::new(vec![
                Field::path(E::Path, Label::Path, &path.to_string_lossy()),
                Field::choice(
                    E::Format,
                    Label::Format,
                    options(
                        lang,
                        &[("纯文本", "text"), ("Markdown", "Markdown"), ("PDF", "PDF"), ("DOCX", "DOCX")],
                    ),
                    0,
                ),
                Field::line(E::Width, Label::Width, &issue.layout.width.to_string()),
                Field::choice(
                    E::Paginate,
                    Label::Paginate,
                    options(lang, &[("是", "yes"), ("否", "no")]),
                    paginate,
                ),
            ]),
        }
    }

    fn format(&self) -> Format {
        FORMATS.get(self.form.choice(E::Format)).copied().unwrap_or_default()
    }

    /// What the dialog asks for, or why it cannot be done.
    pub fn settings(&self, cx: &Cx) -> Result<(PathBuf, Settings, bool), Message> {
        let issue = cx.doc.issue();
        let format = self.format();
        let width: u32 = self.form.value(E::Width).parse().map_err(|_| Message::NotANumber(Label::Width))?;
        if width != 0 && !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
            return Err(Message::BadWidth { min: MIN_WIDTH, max: MAX_WIDTH });
        }
        let settings = Settings {
            format,
            width: (width != issue.layout.width).then_some(width),
            paginate: Some(self.form.choice(E::Paginate) == 0 && width > 0),
        };
        let path = PathBuf::from(self.form.value(E::Path));
        let is_default = path == default_output(&cx.doc.issue_path, issue, settings);
        Ok((path, settings, is_default))
    }

    /// The format and width asked for so far (a width not yet a number counts as the
    /// layout's), for the default file name.
    fn naming(&self, cx: &Cx) -> Settings {
        let width = self.form.value(E::Width).parse().ok().filter(|&w| w != cx.doc.issue().layout.width);
        Settings { format: self.format(), width, paginate: None }
    }
}

impl FormLayer for ExportForm {
    fn name(&self) -> &'static str {
        "export"
    }

    fn title(&self, cx: &Cx) -> String {
        cx.env.lang.pick("导出", "Export").into()
    }

    fn form_context(&self) -> Context {
        self.form.context()
    }

    fn update(&mut self, msg: &Msg, cx: &Cx) -> Reply {
        let before = self.naming(cx);
        let reply = self.form.update(msg);
        let after = self.naming(cx);
        // The file's name follows the format and the width while it is the default one.
        if after != before
            && self.form.value(E::Path)
                == default_output(&cx.doc.issue_path, cx.doc.issue(), before).to_string_lossy()
        {
            let path = default_output(&cx.doc.issue_path, cx.doc.issue(), after);
            self.form.set_value(E::Path, &path.to_string_lossy());
        }
        if matches!(msg, Msg::Do(Action::Complete)) && self.form.focused() == Some(E::Path) {
            let (done, names) = super::import::complete_path(&self.form.value(E::Path));
            self.form.set_value(E::Path, &done);
            self.form.error = (!names.is_empty()).then_some(Message::Completions(names));
            return Reply::Stay(vec![]);
        }
        match reply {
            FormReply::Confirm => match self.settings(cx) {
                Ok((path, settings, make_folder)) => {
                    Reply::Close(vec![Cmd::Effect(Effect::Export { path, settings, make_folder })])
                }
                Err(message) => {
                    self.form.error = Some(message);
                    Reply::Stay(vec![])
                }
            },
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
