//! The command line in Chinese: `--help` and clap's own errors in the interface's language
//! (clap speaks English only). The help text of each command and option is ours, keyed by
//! the clap ids of `main.rs`'s definitions; a test keeps the table and the definitions in
//! step, so a new option cannot go out without its Chinese words.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::lang::Lang;

/// `(command, argument id, words)`: "" is the top-level command; an argument id of ""
/// is the command's own description.
const WORDS: &[(&str, &str, &str)] = &[
    (
        "",
        "",
        "简报 jianbao —— 编排内部简报（《科协每周动态》之类）的各期：从稿件池选稿、编排目录，导出印刷用的文本、PDF 和 Word",
    ),
    ("", "path", "在编辑器中打开的一期（文件）或工作区（文件夹）；不给则打开默认工作区"),
    ("", "theme", "配色：default、light、high-contrast，或 <配置目录>/themes/ 中自己的一套"),
    ("", "sample", "打开自带的示例刊物（用它建立的默认工作区），不管 config.toml 指定了哪个工作区"),
    ("init", "", "为自己的刊物建立工作区：写出 jianbao.toml 和第一期；输出第一期文件的路径"),
    ("init", "dir", "文件夹（默认：当前文件夹）；不能已经是工作区"),
    ("init", "title", "刊名，如报头所印"),
    ("init", "publisher", "编印单位"),
    ("init", "toc_heading", "目录标题（默认：目录提要）"),
    ("init", "run_in", "标题接排在第一段开头（如《科创专班工作动态》），而不是居中单独成行"),
    ("init", "editor", "报尾的编辑"),
    ("init", "reviewer", "报尾的审核"),
    ("init", "email", "报尾的信息报送邮箱"),
    (
        "init",
        "distribution",
        "分送的一行：“分送：市科协各部门”开始一组，不带“分送：”之类的行加到上一组（可重复）",
    ),
    ("init", "number", "第一期的期号（默认 1）"),
    ("init", "total", "第一期的总期号（默认与期号相同）"),
    ("init", "date", "第一期的日期，如 2026-12-04 或 2026年12月4日（默认今天）"),
    (
        "new",
        "",
        "新建下一期：第N+1期、总第M+1期（新的一年从第1期起），日期加7天，刊名、版式、报尾和栏目沿用上一期，不含稿件；输出新文件的路径",
    ),
    ("new", "from", "接在哪一期之后（默认：工作区最新的一期）"),
    ("new", "workspace", "工作区（默认：--from 那一期所在的工作区、当前文件夹，或默认工作区）"),
    ("new", "output", "写到这里而不是 issues/<年>-<期>.toml（从不覆盖已有文件）；- 表示标准输出"),
    ("export", "", "导出一期：印刷用文本、Markdown、PDF 或 Word（DOCX）"),
    ("export", "issue", "这一期的文件（issues/<年>-<期>.toml）"),
    (
        "export",
        "output",
        "写到哪里：文件（整体替换）、- 表示标准输出，或设备、FIFO、/dev/fd/N（原地写入）；默认：工作区 exports/ 中按期号和格式命名",
    ),
    ("export", "format", "格式：text（印刷文本，默认）、markdown、pdf、docx"),
    ("export", "width", "每行字数，取代本期版式；0 = 每段一行（供 Word/WPS 使用）"),
    ("export", "paginate", "分页并加页码（版式的每页行数，或 22 行）"),
    ("export", "no_paginate", "不分页"),
    (
        "import",
        "",
        "把稿件导入稿件池（UTF-8、UTF-16、GBK 文本，.docx，PDF，Markdown）；加 --issue 则把一期旧刊导入为一期文件；每个文件一行小结",
    ),
    ("import", "files", "要导入的文件"),
    ("import", "issue", "文件是完整的一期旧刊：写成一期文件"),
    (
        "import",
        "output",
        "与 --issue 同用：一期文件写到哪里（默认：工作区 issues/<年>-<期>.toml，或输入文件旁）",
    ),
    (
        "import",
        "force",
        "已在稿件池或某一期中的稿件（标题相同，或正文至少九成相同）也照样导入；不加则跳过并列出",
    ),
    ("import", "workspace", "工作区（默认：当前文件夹若是工作区则用它，否则默认工作区）"),
    ("check", "", "发稿前检查一期：错误（退出码 1）和警告，每条一行"),
    ("check", "issue", "这一期的文件"),
];

/// The placeholders of values, in Chinese.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("ISSUE", "期文件"),
    ("ISSUE.toml", "期文件.toml"),
    ("FILE", "文件"),
    ("DIR", "文件夹"),
    ("NAME", "名称"),
    ("PATH", "路径"),
    ("FORMAT", "格式"),
    ("N", "字数"),
    ("TEXT", "文字"),
    ("NUMBER", "编号"),
    ("DATE", "日期"),
];

fn value_name(name: &str) -> Option<&'static str> {
    VALUE_NAMES.iter().find(|(en, _)| *en == name).map(|(_, zh)| *zh)
}

fn words(command: &str, arg: &str) -> Option<&'static str> {
    WORDS.iter().find(|(c, a, _)| *c == command && *a == arg).map(|(_, _, w)| *w)
}

const TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// One command's words: its description, its arguments', the headings and the help and
/// version flags.
fn localize_one(mut cmd: Command, name: &str) -> Command {
    if let Some(about) = words(name, "") {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    let ids: Vec<(String, bool)> =
        cmd.get_arguments().map(|a| (a.get_id().to_string(), a.is_positional())).collect();
    for (id, positional) in ids {
        let help = words(name, &id);
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let names: Vec<clap::builder::Str> = match a.get_value_names() {
                Some(names) => names
                    .iter()
                    .map(|n| value_name(n.as_str()).map_or_else(|| n.clone(), Into::into))
                    .collect(),
                // A positional without a value name shows its id in capitals.
                None if positional => value_name(&id.to_uppercase()).into_iter().map(Into::into).collect(),
                None => Vec::new(),
            };
            let a = if names.is_empty() { a } else { a.value_names(names) };
            let a = a.help_heading(if positional { "参数" } else { "选项" });
            // Defaults and choices are in our words (clap would add them in English).
            let a = if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            };
            match help {
                Some(w) => a.help(w).long_help(None::<&str>),
                None => a,
            }
        });
    }
    // The usage line, its placeholders in Chinese (a subcommand's is rendered without
    // the program's name).
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let usage = usage.replace("[OPTIONS]", "[选项]").replace("<COMMAND>", "<命令>");
    let usage = if name.is_empty() { usage } else { format!("jianbao {usage}") };
    cmd = cmd.override_usage(usage);
    let has_version = cmd.get_version().is_some();
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        );
    if has_version && name.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    }
    cmd
}

/// The command line in `lang`: English is clap's own (the definitions' doc comments).
pub fn localize(cmd: Command, lang: Lang) -> Command {
    if lang == Lang::En {
        return cmd;
    }
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
    // No `help` command: a word there is the path to open (`--help` does the job).
    let mut cmd = localize_one(cmd, "").disable_help_subcommand(true);
    for name in names {
        cmd = cmd.mut_subcommand(name.as_str(), |sub| localize_one(sub, &name));
    }
    cmd
}

/// Every `(command, argument)` of `cmd` without Chinese words (for the test that keeps
/// the table complete); hidden commands are not for users and need none.
pub fn missing(cmd: &Command) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |c: &Command, name: &str| {
        if words(name, "").is_none() {
            out.push(format!("{name} (the command)"));
        }
        for a in c.get_arguments() {
            let id = a.get_id().as_str();
            if !matches!(id, "help" | "version") && words(name, id).is_none() {
                out.push(format!("{name} {id}"));
            }
        }
    };
    check(cmd, "");
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        check(sub, sub.get_name());
    }
    out
}

fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join("、")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A clap error (not help or version) as one sentence in Chinese, with the usage of the
/// command it is about.
pub fn say_error(err: &clap::Error) -> String {
    let arg = context(err, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(err, ContextKind::InvalidValue).unwrap_or_default();
    let what = match err.kind() {
        ErrorKind::UnknownArgument => {
            let hint = context(err, ContextKind::SuggestedArg)
                .map(|s| format!("，是不是要写 {s}"))
                .unwrap_or_default();
            format!("不认识的选项“{arg}”{hint}")
        }
        ErrorKind::InvalidSubcommand => {
            let name = context(err, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("没有“{name}”这个命令")
        }
        ErrorKind::InvalidValue => {
            let valid = context(err, ContextKind::ValidValue)
                .filter(|v| !v.is_empty())
                .map(|v| format!("，可用的有：{v}"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("{arg} 需要一个值{valid}")
            } else {
                format!("{arg} 的值“{value}”不对{valid}")
            }
        }
        ErrorKind::ValueValidation => format!("{arg} 的值“{value}”不对（应为数字）"),
        ErrorKind::MissingRequiredArgument => format!("缺少 {arg}"),
        ErrorKind::ArgumentConflict => {
            let other = context(err, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} 与 {other} 不能同时使用")
        }
        ErrorKind::TooManyValues => format!("多出的参数“{value}”"),
        ErrorKind::NoEquals => format!("{arg} 的值要用 = 连写"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::InvalidUtf8 => "命令行含有无法识别的字符（不是 UTF-8）".to_string(),
        _ => "命令行参数有误".to_string(),
    };
    let usage = context(err, ContextKind::Usage)
        .map(|u| u.trim().trim_start_matches("Usage:").trim_start_matches("用法：").trim().to_string())
        .filter(|u| !u.is_empty());
    match usage {
        Some(u) => format!("{what}。用法：{u}（详见 --help）"),
        None => format!("{what}（详见 jianbao --help）"),
    }
}
