//! `jianbao export`: the text or Markdown export of an issue, to a file or stdout. The
//! editor's export dialog calls the same functions, so both write the same bytes.

use std::path::{Path, PathBuf};

use super::{CommandError, Result};
use crate::export::{TextOptions, markdown, text};
use crate::model::Issue;
use crate::model::publication::{MAX_WIDTH, MIN_WIDTH};
use crate::store::output;
use crate::store::{StoreError, Workspace, load_issue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
        }
    }
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

/// The export of `issue` with these settings.
pub fn render(issue: &Issue, settings: Settings) -> Result<String> {
    Ok(match settings.format {
        Format::Markdown => markdown(issue),
        Format::Text => text(issue, text_options(issue, settings)?),
    })
}

/// Where an export goes by default: `exports/<year>-<NN>.txt` in the issue's workspace,
/// or beside the issue file when it is in no workspace.
pub fn default_output(issue_path: &Path, issue: &Issue, format: Format) -> PathBuf {
    let name = format!("{}.{}", issue.file_stem(), format.extension());
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
}

/// `jianbao export ISSUE [-o FILE|-] …`
pub fn export_file(issue_path: &Path, output: Option<&Path>, settings: Settings) -> Result<Destination> {
    let loaded = load_issue(issue_path)?;
    if loaded.read_only {
        return Err(
            StoreError::NewerFormat { path: issue_path.to_path_buf(), found: loaded.doc.format }.into()
        );
    }
    let issue = loaded.doc;
    let out = render(&issue, settings)?;
    match output {
        Some(p) if p == Path::new("-") => Ok(Destination::Stdout(out)),
        Some(p) => {
            write_export(p, out.as_bytes(), false)?;
            Ok(if output::classify(p).is_ok_and(|t| t.is_file()) {
                Destination::File(p.to_path_buf())
            } else {
                Destination::Device(p.to_path_buf())
            })
        }
        None => {
            let p = default_output(issue_path, &issue, settings.format);
            write_export(&p, out.as_bytes(), true)?;
            Ok(Destination::File(p))
        }
    }
}
