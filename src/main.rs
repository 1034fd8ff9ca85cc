//! The `jianbao` command line: one function per subcommand.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{Parser, Subcommand, ValueEnum};

use jianbao::check::Severity;
use jianbao::commands::export::{Destination, Format, Settings, export_with};
use jianbao::commands::{CommandError, check::check_file, new::new_issue};
use jianbao::lang::Lang;

/// 简报 jianbao — assemble the issues of an internal bulletin (《科协每周动态》 and kin):
/// pick items from the pool, arrange the outline, export print-exact text.
#[derive(Debug, Parser)]
#[command(name = "jianbao", version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// An issue file or a workspace folder to open in the editor (default workspace if none).
    path: Option<PathBuf>,

    /// Colour theme: default, light, high-contrast, or one of yours in <config>/themes/.
    #[arg(long, value_name = "NAME")]
    theme: Option<String>,

    /// Open the bundled sample publication (the default workspace made from it), whatever
    /// config.toml names.
    #[arg(long, conflicts_with = "path")]
    sample: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Set up a workspace for your own publication: jianbao.toml and its first issue.
    /// Prints the first issue's path.
    Init {
        /// The folder (default: the current one); it must not be a workspace yet.
        dir: Option<PathBuf>,
        /// The publication's title (刊名), as the masthead prints it.
        #[arg(long, value_name = "TEXT")]
        title: String,
        /// Who edits and prints it (编印单位).
        #[arg(long, value_name = "TEXT", default_value = "")]
        publisher: String,
        /// The TOC's heading (default 目录提要).
        #[arg(long, value_name = "TEXT", default_value = "")]
        toc_heading: String,
        /// Headlines run into the first paragraph (as 《科创专班工作动态》) instead of
        /// standing centred on their own lines.
        #[arg(long)]
        run_in: bool,
        /// 编辑 in the footer.
        #[arg(long, value_name = "TEXT", default_value = "")]
        editor: String,
        /// 审核 in the footer.
        #[arg(long, value_name = "TEXT", default_value = "")]
        reviewer: String,
        /// The footer's 信息报送邮箱.
        #[arg(long, value_name = "TEXT", default_value = "")]
        email: String,
        /// A distribution line: "分送：市科协各部门" starts a group, a line without a label
        /// adds a recipient to the group above (repeat the option).
        #[arg(long, value_name = "TEXT")]
        distribution: Vec<String>,
        /// The first issue's 期号 (default 1).
        #[arg(long, value_name = "NUMBER", default_value_t = 1)]
        number: u32,
        /// The first issue's 总期号 (default: its 期号).
        #[arg(long, value_name = "NUMBER")]
        total: Option<u32>,
        /// The first issue's date, 2026-12-04 or 2026年12月4日 (default today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
    },
    /// Create the next issue: 第N+1期, 总第M+1期 (第1期 in a new year), date +7 days, the same
    /// publication, footer and section titles, no items. Prints the new file's path.
    New {
        /// The issue to follow (default: the workspace's newest issue).
        #[arg(long, value_name = "ISSUE")]
        from: Option<PathBuf>,
        /// The workspace (default: the --from issue's, the current folder, or the default workspace).
        #[arg(long, value_name = "DIR")]
        workspace: Option<PathBuf>,
        /// Write the new issue here instead of issues/<year>-<NN>.toml (never over an existing
        /// file); - for standard output. A device or FIFO is written in place.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the print text (or Markdown) of an issue.
    Export {
        /// The issue file (issues/<year>-<NN>.toml).
        issue: PathBuf,
        /// Where to write: a file (replaced atomically), - for standard output, or a device,
        /// FIFO or /dev/fd/N (written in place). Default: exports/<year>-<NN>.txt in the
        /// issue's workspace.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Plain text for print, or Markdown.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// 字 per line, overriding the issue's layout; 0 = one line per paragraph (for Word/WPS).
        #[arg(long, value_name = "N")]
        width: Option<u32>,
        /// Break into pages with page numbers (the layout's lines_per_page, or 22).
        #[arg(long, conflicts_with = "no_paginate")]
        paginate: bool,
        /// Do not break into pages.
        #[arg(long)]
        no_paginate: bool,
    },
    /// Bring submissions into the pool (text in UTF-8, UTF-16 or GBK, .docx, Markdown), or,
    /// with --issue, a past issue into an issue file. One summary line per file.
    Import {
        /// The files to import.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The file is a whole past issue: write it as an issue file.
        #[arg(long)]
        issue: bool,
        /// With --issue: where to write the issue file (default: issues/<year>-<NN>.toml in
        /// the workspace, or beside the input).
        #[arg(short, long, value_name = "ISSUE.toml", requires = "issue")]
        output: Option<PathBuf>,
        /// Import items already in the pool or an issue (same headline, or the body at
        /// least 90 % the same) all the same; without it they are skipped and named.
        #[arg(long)]
        force: bool,
        /// The workspace (default: the current folder when it is one, else the default workspace).
        #[arg(long, value_name = "DIR")]
        workspace: Option<PathBuf>,
    },
    /// Preflight an issue: errors (exit 1) and warnings, one a line.
    Check {
        /// The issue file.
        issue: PathBuf,
    },
    /// For the kill test only: random edits of ISSUE, each saved, until killed.
    #[cfg(feature = "test-hooks")]
    #[command(name = "__save-loop", hide = true)]
    SaveLoop {
        issue: PathBuf,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        steps: Option<u64>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Markdown,
    Pdf,
    Docx,
}

fn main() -> ExitCode {
    let lang = interface_lang();
    let command = jianbao::commands::words::localize(<Cli as clap::CommandFactory>::command(), lang);
    let cli =
        match command.try_get_matches().and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m)) {
            Ok(cli) => cli,
            Err(e)
                if lang == Lang::Zh
                    && !matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) =>
            {
                eprintln!("jianbao: {}", jianbao::commands::words::say_error(&e));
                return ExitCode::from(2);
            }
            Err(e) => e.exit(),
        };
    let result = match cli.command {
        Some(Command::Init {
            dir,
            title,
            publisher,
            toc_heading,
            run_in,
            editor,
            reviewer,
            email,
            distribution,
            number,
            total,
            date,
        }) => {
            let date = match date.as_deref().map(str::parse::<jianbao::model::Date>) {
                None => Ok(jianbao::model::Date::today()),
                Some(Ok(d)) => Ok(d),
                Some(Err(e)) => Err(CommandError::Usage(jianbao::commands::Usage::Other(
                    jianbao::tui::msg::Message::BadDate(e).text(lang).to_string(),
                ))),
            };
            date.and_then(|date| {
                let setup = jianbao::commands::init::Setup {
                    title,
                    publisher,
                    toc_heading,
                    style: if run_in {
                        jianbao::model::HeadlineStyle::RunIn
                    } else {
                        jianbao::model::HeadlineStyle::Heading
                    },
                    editor,
                    reviewer,
                    email,
                    distribution: jianbao::tui::layers::issue_forms::parse_distribution(
                        &distribution.join("\n"),
                    ),
                    number,
                    total: total.unwrap_or(number),
                    date,
                };
                run_init(dir.as_deref().unwrap_or(Path::new(".")), &setup)
            })
        }
        Some(Command::New { from, workspace, output }) => {
            run_new(from.as_deref(), workspace.as_deref(), output.as_deref())
        }
        Some(Command::Export { issue, output, format, width, paginate, no_paginate }) => {
            let format = match format {
                FormatArg::Text => Format::Text,
                FormatArg::Markdown => Format::Markdown,
                FormatArg::Pdf => Format::Pdf,
                FormatArg::Docx => Format::Docx,
            };
            let paginate = match (paginate, no_paginate) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            run_export(&issue, output.as_deref(), Settings { format, width, paginate })
        }
        Some(Command::Check { issue }) => run_check(&issue),
        Some(Command::Import { files, issue, output, workspace, force }) => {
            run_import(&files, issue, output.as_deref(), workspace.as_deref(), force)
        }
        #[cfg(feature = "test-hooks")]
        Some(Command::SaveLoop { issue, seed, steps }) => {
            let mut out = std::io::stdout().lock();
            jianbao::soak::save_loop(&issue, seed, steps, &mut out)
                .map(|()| ExitCode::SUCCESS)
                .map_err(|e| CommandError::Usage(jianbao::commands::Usage::Other(e)))
        }
        None => run_editor(cli.path, cli.theme, cli.sample),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("jianbao: {}", err.say(interface_lang()));
            ExitCode::from(2)
        }
    }
}

/// The interface's language: JIANBAO_LANG, else `language` in config.toml, else Chinese.
fn interface_lang() -> Lang {
    Lang::from_env()
        .or_else(|| {
            let dirs = jianbao::tui::config::Dirs::system();
            jianbao::tui::config::Config::load(dirs.config_file().as_deref()).ok()?.lang()
        })
        .unwrap_or_default()
}

fn run_init(dir: &Path, setup: &jianbao::commands::init::Setup) -> Result<ExitCode, CommandError> {
    if setup.title.trim().is_empty() {
        return Err(CommandError::Usage(jianbao::commands::Usage::NoTitle));
    }
    let path = jianbao::commands::init::init(dir, setup)?;
    println!("{}", path.display());
    Ok(ExitCode::SUCCESS)
}

fn run_new(
    from: Option<&Path>,
    workspace: Option<&Path>,
    output: Option<&Path>,
) -> Result<ExitCode, CommandError> {
    let path = new_issue(from, workspace, output)?;
    if jianbao::store::output::classify(&path).is_ok_and(|t| t.is_file()) {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn run_export(issue: &Path, output: Option<&Path>, settings: Settings) -> Result<ExitCode, CommandError> {
    let config = jianbao::tui::config::Dirs::system().config;
    let sources = jianbao::export::fonts::Sources::for_export(config.as_deref());
    let exported = export_with(issue, output, settings, &sources)?;
    // A PDF says which face served each role, on stderr (stdout may be the PDF itself).
    if let Some(report) = &exported.report {
        for line in report.say(interface_lang()) {
            eprintln!("{line}");
        }
    }
    match exported.destination {
        Destination::Stdout(text) => write_stdout(text.as_bytes()),
        Destination::StdoutBytes(bytes) => write_stdout(&bytes),
        Destination::File(path) => println!("{}", path.display()),
        // The bytes went to a device or pipe (perhaps this very stdout): say nothing more.
        Destination::Device(_) => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn run_check(issue: &Path) -> Result<ExitCode, CommandError> {
    let lang = interface_lang();
    let findings = check_file(issue)?;
    let mut text = String::new();
    for f in &findings {
        text.push_str(&f.message(lang));
        text.push('\n');
    }
    write_stdout(text.as_bytes());
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = findings.len() - errors;
    let summary = match lang {
        Lang::Zh => format!("{}：{errors} 个错误，{warnings} 个警告", issue.display()),
        Lang::En => format!("{}: {errors} error(s), {warnings} warning(s)", issue.display()),
    };
    eprintln!("{summary}");
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_import(
    files: &[PathBuf],
    issue: bool,
    output: Option<&Path>,
    workspace: Option<&Path>,
    force: bool,
) -> Result<ExitCode, CommandError> {
    use jianbao::commands::import::{import_issue, import_to_pool};
    if issue {
        let [file] = files else {
            return Err(CommandError::Usage(jianbao::commands::Usage::OneIssueFile));
        };
        let report = import_issue(file, output, workspace)?;
        let written = report.written.first().map(|p| p.display().to_string()).unwrap_or_default();
        let to_file = report
            .written
            .first()
            .is_some_and(|p| jianbao::store::output::classify(p).is_ok_and(|t| t.is_file()));
        // A device or pipe (perhaps this stdout) has the issue itself: the summary goes aside.
        if to_file {
            println!("{} → {written}", report.line(interface_lang()));
        } else {
            eprintln!("{} → {written}", report.line(interface_lang()));
        }
    } else {
        for report in import_to_pool(files, workspace, force)? {
            println!("{}", report.line(interface_lang()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_editor(path: Option<PathBuf>, theme: Option<String>, sample: bool) -> Result<ExitCode, CommandError> {
    jianbao::tui::run(&jianbao::tui::Options { path, theme, lang: None, cwd: None, sample }).map_err(
        |e| match e {
            jianbao::tui::TuiError::Store(e) => CommandError::Store(e),
            other => CommandError::Usage(jianbao::commands::Usage::Other(other.to_string())),
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Print to stdout; a reader that went away (`| head`) is not an error.
fn write_stdout(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes).and_then(|()| out.flush());
}
