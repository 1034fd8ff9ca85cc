//! `jianbao init` and the editor's setup dialog: a workspace for one's own publication —
//! jianbao.toml from what the office says of it, and its first issue.

use std::path::{Path, PathBuf};

use super::Result;
use crate::model::{
    Date, Distribution, FORMAT, Footer, HeadlineStyle, Issue, Layout, Numbering, Profile, Publication,
};
use crate::store::Workspace;

/// What the office says of its publication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    pub title: String,
    pub publisher: String,
    pub toc_heading: String,
    pub style: HeadlineStyle,
    pub editor: String,
    pub reviewer: String,
    pub email: String,
    pub distribution: Vec<Distribution>,
    /// The first issue: 期号, 总期号 and date (第1期 of today's year unless said).
    pub number: u32,
    pub total: u32,
    pub date: Date,
}

impl Setup {
    pub fn profile(&self) -> Profile {
        Profile {
            format: FORMAT,
            publication: Publication {
                title: self.title.trim().to_string(),
                publisher: self.publisher.trim().to_string(),
                toc_heading: if self.toc_heading.trim().is_empty() {
                    Publication::default().toc_heading
                } else {
                    self.toc_heading.trim().to_string()
                },
                ..Publication::default()
            },
            layout: Layout { headline_style: self.style, ..Layout::default() },
            footer: Footer {
                email: self.email.trim().to_string(),
                editor: self.editor.trim().to_string(),
                reviewer: self.reviewer.trim().to_string(),
                copies: 0,
                distribution: self.distribution.clone(),
            },
            print: Default::default(),
        }
    }

    /// The first issue of the publication.
    pub fn first_issue(&self) -> Issue {
        let mut issue = Issue::first(&self.profile(), self.date);
        issue.numbering = Numbering {
            year: self.date.year().max(0) as u16,
            number: self.number.max(1),
            total: self.total.max(1),
            date: self.date,
        };
        issue
    }
}

/// Make `dir` a workspace for `setup` (a folder that is a workspace already is refused,
/// nothing written) and write its first issue; the issue file's path.
pub fn init(dir: &Path, setup: &Setup) -> Result<PathBuf> {
    let ws = Workspace::create(dir, &setup.profile())?;
    let issue = setup.first_issue();
    let path = ws.issue_path(&issue);
    super::write_new_issue(&path, &issue, true)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> Setup {
        Setup {
            title: "科创专班工作动态".into(),
            publisher: " 鹭城市科技创新工作专班办公室 ".into(),
            toc_heading: String::new(),
            style: HeadlineStyle::RunIn,
            editor: "林晓".into(),
            reviewer: "周文".into(),
            email: "kczb@lucheng.gov.cn".into(),
            distribution: vec![Distribution {
                label: "分送".into(), recipients: vec!["各成员单位".into()]
            }],
            number: 12,
            total: 40,
            date: Date::new(2026, 12, 4).unwrap(),
        }
    }

    #[test]
    fn init_writes_the_profile_and_the_first_issue_and_refuses_a_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("专班");
        let path = init(&root, &setup()).unwrap();
        assert_eq!(path, root.join("issues/2026-12.toml"));
        let issue = crate::store::load_issue(&path).unwrap().doc;
        assert_eq!((issue.numbering.number, issue.numbering.total), (12, 40));
        assert_eq!(issue.publication.publisher, "鹭城市科技创新工作专班办公室");
        assert_eq!(issue.publication.toc_heading, "目录提要", "the usual heading when none is given");
        assert_eq!(issue.layout.headline_style, HeadlineStyle::RunIn);
        let ws = Workspace::open(&root).unwrap();
        assert_eq!(ws.profile().unwrap().doc.footer.editor, "林晓");
        let again = init(&root, &setup());
        assert!(again.is_err(), "a workspace is not set up twice");
        assert_eq!(crate::store::load_issue(&path).unwrap().doc, issue, "nothing changed");
    }
}
