//! The masthead dialog (title, publisher, numbers, date, TOC heading) and the footer dialog
//! (e-mail, editor, reviewer, copies, distribution): each validates into the issue's new
//! settings, one undoable step.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::form::{Field, Form, Reply as FormReply};
use super::{Cx, FormLayer, Reply};
use crate::model::history::{Meta, Op};
use crate::model::{Date, Distribution};
use crate::tui::action::Msg;
use crate::tui::cmd::{Cmd, Step};
use crate::tui::effect::{Defaults, Effect};
use crate::tui::keymap::Context;
use crate::tui::msg::{Label, Message};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum M {
    Title,
    Publisher,
    Year,
    Number,
    Total,
    Date,
    TocHeading,
    AlsoDefault,
}

pub struct MastheadForm {
    form: Form<M>,
}

impl MastheadForm {
    pub fn new(cx: &Cx) -> MastheadForm {
        let issue = cx.doc.issue();
        let (p, n) = (&issue.publication, issue.numbering);
        MastheadForm {
            form: Form::new(
                vec![
                    Field::line(M::Title, Label::Title, &p.title),
                    Field::line(M::Publisher, Label::Publisher, &p.publisher),
                    Field::line(M::Year, Label::Year, &n.year.to_string()),
                    Field::line(M::Number, Label::Number, &n.number.to_string()),
                    Field::line(M::Total, Label::Total, &n.total.to_string()),
                    Field::line(M::Date, Label::Date, &n.date.to_string()),
                    Field::line(M::TocHeading, Label::TocHeading, &p.toc_heading),
                ]
                .into_iter()
                .chain(also_default(cx, M::AlsoDefault))
                .collect(),
            )
            .with_hint("日期如 2026-11-27 或 2026年11月27日", "Dates: 2026-11-27 or 2026年11月27日"),
        }
    }

    /// The issue's settings as the form says them, and the defaults to keep.
    fn submit(&self, cx: &Cx) -> Result<(Vec<Op>, Option<Defaults>), Message> {
        let before = Meta::of(cx.doc.issue());
        let mut after = before.clone();
        let f = &self.form;
        let number = |key, label| f.value(key).parse::<u32>().map_err(|_| Message::NotANumber(label));
        after.publication.title = f.value(M::Title);
        after.publication.publisher = f.value(M::Publisher);
        after.numbering.year = f.value(M::Year).parse().map_err(|_| Message::NotANumber(Label::Year))?;
        after.numbering.number = number(M::Number, Label::Number)?;
        after.numbering.total = number(M::Total, Label::Total)?;
        after.numbering.date = f.value(M::Date).parse::<Date>().map_err(Message::BadDate)?;
        after.publication.toc_heading = f.value(M::TocHeading);
        if after.publication.title.is_empty() {
            return Err(Message::EmptyTitle);
        }
        let keep = f.ticked(M::AlsoDefault).then(|| Defaults::Masthead(after.publication.clone()));
        Ok((edit_meta(before, after), keep))
    }
}

/// The box "也作为以后各期的默认", in a workspace (where there is a jianbao.toml to write).
fn also_default<K>(cx: &Cx, key: K) -> Option<Field<K>> {
    cx.doc.ws.is_some().then(|| Field::check(key, Label::AlsoDefault, false))
}

fn edit_meta(before: Meta, after: Meta) -> Vec<Op> {
    if after == before {
        vec![]
    } else {
        vec![Op::EditMeta { before: Box::new(before), after: Box::new(after) }]
    }
}

/// Answer a form's reply: a confirm that validates closes it with the step (and the
/// writing of the defaults when the box was ticked).
fn answer(
    form_reply: FormReply,
    submitted: impl FnOnce() -> Result<(Vec<Op>, Option<Defaults>), Message>,
    error: &mut Option<Message>,
) -> Reply {
    match form_reply {
        FormReply::Confirm => match submitted() {
            Ok((ops, keep)) => {
                let mut cmds = Vec::new();
                if !ops.is_empty() {
                    cmds.push(Cmd::Step(Step::new(ops)));
                }
                cmds.extend(keep.map(|d| Cmd::Effect(Effect::SaveDefaults(d))));
                Reply::Close(cmds)
            }
            Err(message) => {
                *error = Some(message);
                Reply::Stay(vec![])
            }
        },
        FormReply::Cancel => Reply::Close(vec![]),
        FormReply::Handled | FormReply::Ignored => Reply::Stay(vec![]),
    }
}

impl FormLayer for MastheadForm {
    fn name(&self) -> &'static str {
        "masthead"
    }

    fn title(&self, cx: &Cx) -> String {
        cx.env.lang.pick("报头", "Masthead").into()
    }

    fn form_context(&self) -> Context {
        self.form.context()
    }

    fn update(&mut self, msg: &Msg, cx: &Cx) -> Reply {
        let reply = self.form.update(msg);
        let mut error = None;
        let out = answer(reply, || self.submit(cx), &mut error);
        if error.is_some() {
            self.form.error = error;
        }
        out
    }

    fn render(&self, f: &mut Frame, area: Rect, cx: &Cx) -> Option<Position> {
        self.form.render(f, area, cx, &self.title(cx))
    }

    fn error(&self) -> Option<&crate::tui::msg::Message> {
        self.form.error.as_ref()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum F {
    Email,
    Editor,
    Reviewer,
    Copies,
    Distribution,
    AlsoDefault,
}

pub struct FooterForm {
    form: Form<F>,
}

impl FooterForm {
    pub fn new(cx: &Cx) -> FooterForm {
        let footer = &cx.doc.issue().footer;
        let copies = if footer.copies == 0 { String::new() } else { footer.copies.to_string() };
        FooterForm {
            form: Form::new(
                vec![
                    Field::line(F::Email, Label::Email, &footer.email),
                    Field::line(F::Editor, Label::Editor, &footer.editor),
                    Field::line(F::Reviewer, Label::Reviewer, &footer.reviewer),
                    Field::line(F::Copies, Label::Copies, &copies),
                    Field::multi(
                        F::Distribution,
                        Label::Distribution,
                        &format_distribution(&footer.distribution),
                    ),
                ]
                .into_iter()
                .chain(also_default(cx, F::AlsoDefault))
                .collect(),
            )
            .with_hint(
                "每行一个单位；“分送：”“报：”“送：”“发：”开头另起一组",
                "One recipient a line; a line starting 分送： 报： 送： 发： starts a group",
            ),
        }
    }

    fn submit(&self, cx: &Cx) -> Result<(Vec<Op>, Option<Defaults>), Message> {
        let before = Meta::of(cx.doc.issue());
        let mut after = before.clone();
        let f = &self.form;
        after.footer.email = f.value(F::Email);
        after.footer.editor = f.value(F::Editor);
        after.footer.reviewer = f.value(F::Reviewer);
        let copies = f.value(F::Copies);
        after.footer.copies = if copies.is_empty() {
            0
        } else {
            copies.parse().map_err(|_| Message::NotANumber(Label::Copies))?
        };
        after.footer.distribution = parse_distribution(&f.value(F::Distribution));
        let keep = f.ticked(F::AlsoDefault).then(|| Defaults::Footer(after.footer.clone()));
        Ok((edit_meta(before, after), keep))
    }
}

impl FormLayer for FooterForm {
    fn name(&self) -> &'static str {
        "footer"
    }

    fn title(&self, cx: &Cx) -> String {
        cx.env.lang.pick("报尾", "Footer").into()
    }

    fn form_context(&self) -> Context {
        self.form.context()
    }

    fn update(&mut self, msg: &Msg, cx: &Cx) -> Reply {
        let reply = self.form.update(msg);
        let mut error = None;
        let out = answer(reply, || self.submit(cx), &mut error);
        if error.is_some() {
            self.form.error = error;
        }
        out
    }

    fn render(&self, f: &mut Frame, area: Rect, cx: &Cx) -> Option<Position> {
        self.form.render(f, area, cx, &self.title(cx))
    }

    fn error(&self) -> Option<&crate::tui::msg::Message> {
        self.form.error.as_ref()
    }
}

/// `分送：a` lines start a group; other lines are recipients of the group above.
pub fn parse_distribution(text: &str) -> Vec<Distribution> {
    let mut groups: Vec<Distribution> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let label = line.split_once(['：', ':']).filter(|(label, _)| {
            let n = label.trim().chars().count();
            (1..=4).contains(&n) && !label.contains(['、', '，', ','])
        });
        match label {
            Some((label, rest)) => {
                let mut recipients = Vec::new();
                if !rest.trim().is_empty() {
                    recipients.push(rest.trim().to_string());
                }
                groups.push(Distribution { label: label.trim().to_string(), recipients });
            }
            None => match groups.last_mut() {
                Some(g) => g.recipients.push(line.to_string()),
                None => {
                    groups.push(Distribution { label: "分送".into(), recipients: vec![line.to_string()] })
                }
            },
        }
    }
    groups
}

pub fn format_distribution(groups: &[Distribution]) -> String {
    let mut lines = Vec::new();
    for g in groups {
        let mut recipients = g.recipients.iter();
        lines.push(format!("{}：{}", g.label, recipients.next().map_or("", String::as_str)));
        lines.extend(recipients.cloned());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distribution_text_round_trips() {
        let text = "分送：市科协驻会领导\n机关各部门\n报：市委办公厅\n送：";
        let groups = parse_distribution(text);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].recipients, ["市科协驻会领导", "机关各部门"]);
        assert_eq!(groups[2].recipients.len(), 0);
        assert_eq!(format_distribution(&groups), text);
        // A recipient with a colon late in the line is not a label.
        assert_eq!(parse_distribution("分送：甲\n市学会、基金会：各区科协")[0].recipients.len(), 2);
    }
}
