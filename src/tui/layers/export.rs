//! The export dialog: where, which format, how wide, paged or not — exactly the choices
//! of `jianbao export`, validated into its settings.

use std::path::{Path, PathBuf};

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::confirm::{Confirm, ConfirmKind};
use super::form::{Field, Form, Reply as FormReply, options};
use super::{Cx, FormLayer, Layer, Reply};
use crate::commands::export::{Format, Settings, default_output};
use crate::model::publication::{MAX_WIDTH, MIN_WIDTH};
use crate::store::choices::ExportChoice;
use crate::tui::action::Msg;
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
    /// Where the choices are remembered: the workspace, or the issue's folder.
    root: PathBuf,
    /// The folder last written to, when not the default one (the name still follows the
    /// format and width).
    folder: Option<PathBuf>,
}

/// The workspace of the open issue, else its folder: what the dialog's memory is kept by.
fn root_of(cx: &Cx) -> PathBuf {
    match &cx.doc.ws {
        Some(ws) => ws.root().to_path_buf(),
        None => cx.doc.issue_path.parent().map(Path::to_path_buf).unwrap_or_default(),
    }
}

impl ExportForm {
    pub fn new(cx: &Cx) -> ExportForm {
        let issue = cx.doc.issue();
        let lang = cx.env.lang;
        let root = root_of(cx);
        let last = cx.env.dirs.export_choices_file().and_then(|f| crate::store::choices::load(&f, &root));
        let format =
            last.as_ref().and_then(|c| FORMATS.iter().position(|f| f.extension() == c.format)).unwrap_or(0);
        let width = last.as_ref().and_then(|c| c.width).unwrap_or(issue.layout.width);
        let paginate = match &last {
            Some(c) => usize::from(!c.paginate),
            None => usize::from(issue.layout.lines_per_page == 0),
        };
        let folder = last.and_then(|c| c.folder);
        let settings = Settings {
            format: FORMATS[format],
            width: (width != issue.layout.width).then_some(width),
            paginate: None,
        };
        let path = default_path(cx, folder.as_deref(), settings);
        ExportForm {
            root,
            folder,
            form: Form::new(vec![
                Field::path(E::Path, Label::Path, &path.to_string_lossy()),
                Field::choice(
                    E::Format,
                    Label::Format,
                    options(
                        lang,
                        &[("纯文本", "text"), ("Markdown", "Markdown"), ("PDF", "PDF"), ("DOCX", "DOCX")],
                    ),
                    format,
                ),
                Field::line(E::Width, Label::Width, &width.to_string()),
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
        // `~` is the home folder; a relative path is taken from where jianbao was
        // started, and said in full.
        let path = cx.env.cwd.join(super::import::expand_home(&self.form.value(E::Path)));
        let is_default = path == default_output(&cx.doc.issue_path, issue, settings);
        Ok((path, settings, is_default))
    }

    /// What to keep for the next opening of the dialog.
    fn choice(&self, path: &Path, settings: Settings, cx: &Cx) -> ExportChoice {
        let default = default_output(&cx.doc.issue_path, cx.doc.issue(), settings);
        let folder = path.parent().filter(|&f| Some(f) != default.parent()).map(Path::to_path_buf);
        ExportChoice {
            root: self.root.clone(),
            format: settings.format.extension().into(),
            width: settings.width,
            paginate: settings.paginate.unwrap_or(false),
            folder,
        }
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
            && self.form.value(E::Path) == default_path(cx, self.folder.as_deref(), before).to_string_lossy()
        {
            let path = default_path(cx, self.folder.as_deref(), after);
            self.form.set_value(E::Path, &path.to_string_lossy());
        }
        match reply {
            FormReply::Confirm => match self.settings(cx) {
                Ok((path, settings, make_folder)) => {
                    let remember = self.choice(&path, settings, cx);
                    let export = Effect::Export { path: path.clone(), settings, make_folder, remember };
                    Reply::Stay(ask_first(cx, &path, export))
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

/// The default file of these settings, in `folder` when one was chosen before.
fn default_path(cx: &Cx, folder: Option<&Path>, settings: Settings) -> PathBuf {
    let path = default_output(&cx.doc.issue_path, cx.doc.issue(), settings);
    match (folder, path.file_name()) {
        (Some(folder), Some(name)) => folder.join(name),
        _ => path,
    }
}

/// Export at once, or ask first: about the errors `check` finds (export anyway, or go
/// back), then about a file of that name (replace it, or go back). Going back returns to
/// the dialog with its values; going on closes it.
fn ask_first(cx: &Cx, path: &Path, export: Effect) -> Vec<Cmd> {
    let lang = cx.env.lang;
    let go = vec![Cmd::Pop, Cmd::Effect(export)];
    // A device, FIFO or descriptor is written in place: nothing to replace.
    let go = if path.is_file() {
        let message = lang.pick(
            format!("{} 已存在。替换它吗？", path.display()),
            format!("{} exists. Replace it?", path.display()),
        );
        let confirm = Confirm::new(ConfirmKind::Overwrite, lang.pick("文件已存在", "File exists"), message)
            .button(lang.pick("替换", "Replace"), go)
            .button(lang.pick("返回", "Back"), vec![])
            .selected(1);
        vec![Cmd::Push(Layer::Confirm(confirm))]
    } else {
        go
    };
    let errors: Vec<String> = crate::check::check(cx.doc.issue(), None)
        .into_iter()
        .filter(|f| f.severity == crate::check::Severity::Error)
        .map(|f| f.message(lang))
        .collect();
    if errors.is_empty() {
        return go;
    }
    const SHOWN: usize = 5;
    let mut message = lang.pick(
        format!("检查发现 {} 个错误：", errors.len()),
        format!("The check found {} errors:", errors.len()),
    );
    for e in errors.iter().take(SHOWN) {
        message.push('\n');
        message.push_str(e);
    }
    if errors.len() > SHOWN {
        message.push('\n');
        message.push_str(&lang.pick(
            format!("……另有 {} 个（F8 查看全部）", errors.len() - SHOWN),
            format!("… and {} more (F8 lists them all)", errors.len() - SHOWN),
        ));
    }
    let confirm = Confirm::new(ConfirmKind::ExportErrors, lang.pick("导出前检查", "Before export"), message)
        .button(lang.pick("仍然导出", "Export anyway"), go)
        .button(lang.pick("返回", "Back"), vec![])
        .selected(1);
    vec![Cmd::Push(Layer::Confirm(confirm))]
}
