//! The import dialog: a path, with Tab completion; the file's items land in the pool.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use super::form::{Field, Form, Reply as FormReply};
use super::{Cx, FormLayer, Reply};
use crate::tui::action::Msg;
use crate::tui::cmd::Cmd;
use crate::tui::effect::Effect;
use crate::tui::keymap::Context;
use crate::tui::msg::Label;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct P;

pub struct ImportForm {
    form: Form<P>,
}

impl ImportForm {
    /// Starting in `start` (the current folder, with its `/`).
    pub fn new(start: &str) -> ImportForm {
        ImportForm {
            form: Form::new(vec![Field::path(P, Label::ImportPath, start)]).with_hint(
                "可导入 UTF-8/GBK/UTF-16 文本、.docx、PDF、Markdown",
                "Text in UTF-8/GBK/UTF-16, .docx, PDF and Markdown",
            ),
        }
    }
}

impl FormLayer for ImportForm {
    fn name(&self) -> &'static str {
        "import"
    }

    fn title(&self, cx: &Cx) -> String {
        cx.env.lang.pick("导入稿件", "Import").into()
    }

    fn form_context(&self) -> Context {
        self.form.context()
    }

    fn update(&mut self, msg: &Msg, _cx: &Cx) -> Reply {
        match self.form.update(msg) {
            FormReply::Confirm => {
                let path = PathBuf::from(expand_home(&self.form.value(P)));
                Reply::Close(vec![Cmd::Effect(Effect::Import { path })])
            }
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

/// `~` and `~/…` as the path they stand for.
pub fn expand_home(input: &str) -> String {
    if input == "~" {
        return std::env::var("HOME").unwrap_or_else(|_| input.to_string());
    }
    match input.strip_prefix("~/") {
        Some(rest) => {
            std::env::var("HOME").map(|h| format!("{h}/{rest}")).unwrap_or_else(|_| input.to_string())
        }
        None => input.to_string(),
    }
}

/// Complete a typed path: the longest unambiguous completion among the folder's entries
/// (a folder gets its `/`), and the names that still match.
pub fn complete_path(input: &str) -> (String, Vec<String>) {
    let (dir, prefix) = match input.rfind('/') {
        Some(k) => (&input[..=k], &input[k + 1..]),
        None => ("", input),
    };
    let expanded = expand_home(dir);
    let listing = std::fs::read_dir(if expanded.is_empty() { "." } else { &expanded });
    let mut names: Vec<(String, bool)> = listing
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            (name.starts_with(prefix) && !name.starts_with('.')).then_some((name, is_dir))
        })
        .collect();
    names.sort();
    match names.as_slice() {
        [] => (input.to_string(), Vec::new()),
        [(name, is_dir)] => (format!("{dir}{name}{}", if *is_dir { "/" } else { "" }), Vec::new()),
        many => {
            let first = &many[0].0;
            let common = many.iter().fold(first.clone(), |acc, (n, _)| {
                acc.chars().zip(n.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
            });
            let longer =
                if common.chars().count() > prefix.chars().count() { common } else { prefix.to_string() };
            (
                format!("{dir}{longer}"),
                many.iter().map(|(n, d)| if *d { format!("{n}/") } else { n.clone() }).collect(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_complete_to_the_longest_common_prefix() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("来稿一.txt"), "x").unwrap();
        std::fs::write(dir.path().join("来稿二.docx"), "x").unwrap();
        std::fs::create_dir(dir.path().join("往期")).unwrap();
        let base = format!("{}/", dir.path().display());
        let (done, options) = complete_path(&format!("{base}来"));
        assert_eq!(done, format!("{base}来稿"));
        assert_eq!(options.len(), 2);
        assert_eq!(complete_path(&format!("{base}往")).0, format!("{base}往期/"));
        assert_eq!(complete_path(&format!("{base}来稿一")).0, format!("{base}来稿一.txt"));
        assert_eq!(complete_path(&format!("{base}无")).0, format!("{base}无"));
    }
}
