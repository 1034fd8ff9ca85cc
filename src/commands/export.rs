//! `jianbao export`: the text, Markdown or PDF export of an issue, to a file or stdout.
//! The editor's export dialog calls the same functions, so both write the same bytes.

use std::path::{Path, PathBuf};

use super::{CommandError, Result};
use crate::export::fonts::{FontSet, Served, Sources};
use crate::export::pdf::{Missing, layout, pdf_laid};
use crate::export::{TextOptions, markdown, text};
use crate::lang::Lang;
use crate::model::Issue;
use crate::model::publication::{MAX_WIDTH, MIN_WIDTH};
use crate::store::output;
use crate::store::{StoreError, Workspace, load_issue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    /// The printed page (see `export::pdf`).
    Pdf,
    /// The same page for Word/WPS (see `export::docx`).
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// What a PDF export should tell: the face of each role (and each substitution), and the
/// characters no face has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub served: Vec<Served>,
    pub missing: Vec<Missing>,
    pub pages: usize,
}

impl Report {
    /// One line per role, then one per missing character (at most ten, then a count).
    pub fn say(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self.served.iter().map(|s| s.say(lang)).collect();
        for m in self.missing.iter().take(10) {
            out.push(m.say(lang));
        }
        if self.missing.len() > 10 {
            let more = self.missing.len() - 10;
            out.push(lang.pick(format!("另有 {more} 处缺字"), format!("and {more} more missing characters")));
        }
        out
    }
}

/// An export's bytes and, for a PDF, its report.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub report: Option<Report>,
}

/// What to export and how; `None` means "as the issue's layout says".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    pub format: Format,
    pub width: Option<u32>,
    pub paginate: Option<bool>,
}

/// Page length used by `--paginate` when the layout has none.
pub const DEFAULT_LINES_PER_PAGE: u32 = 22;

/// The text options these settings give for `issue`, or why they make no sense.
pub fn text_options(issue: &Issue, settings: Settings) -> Result<TextOptions> {
    let width = settings.width.unwrap_or(issue.layout.width);
    if width != 0 && !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
        return Err(CommandError::Usage(super::Usage::Width {
            found: width,
            min: MIN_WIDTH,
            max: MAX_WIDTH,
        }));
    }
    let lines_per_page = match settings.paginate {
        Some(true) if width == 0 => {
            return Err(CommandError::Usage(super::Usage::PaginateNeedsWidth));
        }
        Some(true) if issue.layout.lines_per_page == 0 => DEFAULT_LINES_PER_PAGE,
        Some(false) => 0,
        _ if width == 0 => 0,
        _ => issue.layout.lines_per_page,
    };
    Ok(TextOptions { width, lines_per_page })
}

/// The text export of `issue` with these settings (Markdown or text; a PDF is bytes, see
/// [`render_bytes`]).
pub fn render(issue: &Issue, settings: Settings) -> Result<String> {
    Ok(match settings.format {
        Format::Markdown => markdown(issue),
        Format::Text | Format::Pdf | Format::Docx => text(issue, text_options(issue, settings)?),
    })
}

/// The export of `issue` as bytes: the PDF on the grid of these settings' width and the
/// layout's page length (28 × 22 when either is 0), with fonts from `sources`.
pub fn render_bytes(issue: &Issue, settings: Settings, sources: &Sources) -> Result<Rendered> {
    if !matches!(settings.format, Format::Pdf | Format::Docx) {
        return Ok(Rendered { bytes: render(issue, settings)?.into_bytes(), report: None });
    }
    let options = text_options(issue, Settings { paginate: None, ..settings })?;
    let mut issue = issue.clone();
    issue.layout.width = if options.width > 0 { options.width } else { 28 };
    if issue.layout.lines_per_page == 0 {
        issue.layout.lines_per_page = DEFAULT_LINES_PER_PAGE;
    }
    if settings.format == Format::Docx {
        // Word embeds nothing: the report names the face each style asks for.
        let served = crate::export::fonts::ROLES
            .iter()
            .map(|&role| {
                let family = crate::export::docx::family(&issue.print, role);
                Served { role, wanted: family.clone(), used: family }
            })
            .collect();
        let report = Report { served, missing: vec![], pages: 0 };
        return Ok(Rendered { bytes: crate::export::docx::docx(&issue), report: Some(report) });
    }
    // The fonts are found and read (most of it is reading 20–30 MB files) while the pages
    // are laid out on another thread.
    let (fonts, laid) = std::thread::scope(|scope| {
        let laid = scope.spawn(|| layout(&issue));
        let fonts = FontSet::find(sources, &issue.print.fonts);
        (fonts, laid.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let mut fonts = fonts.map_err(super::PrintError::Fonts)?;
    let out = pdf_laid(&issue, &mut fonts, laid).map_err(super::PrintError::Pdf)?;
    let report = Report { served: out.served, missing: out.missing, pages: out.pages };
    Ok(Rendered { bytes: out.bytes, report: Some(report) })
}

/// Where an export goes by default: `exports/<year>-<NN>.<ext>` in the issue's workspace,
/// or beside the issue file when it is in no workspace. Each format and text width has a
/// name of its own, so that one never replaces another: `2026-45.txt` (the layout's
/// width), `2026-45.unwrapped.txt` (width 0), `2026-45.w20.txt`, `.md`, `.pdf`, `.docx`.
pub fn default_output(issue_path: &Path, issue: &Issue, settings: Settings) -> PathBuf {
    let format = settings.format;
    let width = match (format, settings.width) {
        (Format::Text, Some(0)) if issue.layout.width != 0 => ".unwrapped".to_string(),
        (Format::Text, Some(w)) if w != issue.layout.width => format!(".w{w}"),
        _ => String::new(),
    };
    let name = format!("{}{width}.{}", issue.file_stem(), format.extension());
    match Workspace::containing(issue_path) {
        Some(ws) => ws.exports_dir().join(name),
        None => issue_path.with_file_name(name),
    }
}

/// Write `bytes` to `path`: a regular file atomically, a device, FIFO or descriptor in
/// place (see `store::output`); the default exports folder is made when missing, any other
/// missing folder is an error.
pub fn write_export(path: &Path, bytes: &[u8], make_folder: bool) -> Result<()> {
    if make_folder && let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::write(dir, &e))?;
    }
    let target = output::classify(path).map_err(|e| StoreError::write(path, &e))?;
    output::write_to(&target, bytes, false).map_err(|e| StoreError::write(path, &e).into())
}

/// Where an export went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Stdout(String),
    File(PathBuf),
    /// A device, FIFO or descriptor, written in place.
    Device(PathBuf),
    /// Bytes for standard output (a PDF).
    StdoutBytes(Vec<u8>),
}

/// Where an export went and, for a PDF, what it should tell.
pub struct Exported {
    pub destination: Destination,
    pub report: Option<Report>,
}

/// `jianbao export ISSUE [-o FILE|-] …`
pub fn export_file(issue_path: &Path, output: Option<&Path>, settings: Settings) -> Result<Destination> {
    Ok(export_with(issue_path, output, settings, &Sources::for_export(None))?.destination)
}

/// [`export_file`] with the fonts of `sources`, and the PDF's report.
pub fn export_with(
    issue_path: &Path,
    output: Option<&Path>,
    settings: Settings,
    sources: &Sources,
) -> Result<Exported> {
    let loaded = load_issue(issue_path)?;
    if loaded.read_only {
        return Err(
            StoreError::NewerFormat { path: issue_path.to_path_buf(), found: loaded.doc.format }.into()
        );
    }
    let issue = loaded.doc;
    let Rendered { bytes, report } = render_bytes(&issue, settings, sources)?;
    let destination = match output {
        Some(p) if p == Path::new("-") => match String::from_utf8(bytes) {
            Ok(text) if matches!(settings.format, Format::Text | Format::Markdown) => {
                Destination::Stdout(text)
            }
            Ok(text) => Destination::StdoutBytes(text.into_bytes()),
            Err(e) => Destination::StdoutBytes(e.into_bytes()),
        },
        Some(p) => {
            write_export(p, &bytes, false)?;
            if output::classify(p).is_ok_and(|t| t.is_file()) {
                Destination::File(p.to_path_buf())
            } else {
                Destination::Device(p.to_path_buf())
            }
        }
        None => {
            let p = default_output(issue_path, &issue, settings);
            write_export(&p, &bytes, true)?;
            Destination::File(p)
        }
    };
    Ok(Exported { destination, report })
}
