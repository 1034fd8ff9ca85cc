//! Random issues in the genre, for property tests of the export.

use jianbao::model::{
    Date, Distribution, Footer, HeadlineStyle, Issue, Item, Layout, Numbering, Publication, Section,
    SourcePlacement, TocMode,
};
use proptest::prelude::*;

/// Words as an editor writes them, each followed by at most one pause or stop mark.
pub fn prose(words: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    let word = prop_oneof![
        8 => "[\\u4e00-\\u4e2f\\u5e02\\u79d1\\u534f]{1,5}",
        1 => "[A-Za-z0-9]{1,6}(-[A-Za-z0-9]{1,4})?",
        1 => Just("skxxxbs@bast.net.cn".to_string()),
        1 => "[\\u4e00-\\u4e2f]{1,4}".prop_map(|w| format!("“{w}”")),
        1 => "[\\u4e00-\\u4e2f]{1,4}".prop_map(|w| format!("《{w}》")),
        1 => "[\\u4e00-\\u4e2f]{1,4}".prop_map(|w| format!("（{w}）")),
        1 => Just("——".to_string()),
        1 => Just("……".to_string()),
    ];
    let mark = prop_oneof![6 => Just(""), 2 => Just("，"), 1 => Just("。"), 1 => Just("、"), 1 => Just("；"), 1 => Just("：")];
    proptest::collection::vec((word, mark), words)
        .prop_map(|v| v.into_iter().map(|(w, m)| format!("{w}{m}")).collect())
}

/// A headline: CJK words without end punctuation.
fn headline_part() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[\\u4e00-\\u4e2f\\u5e02\\u79d1\\u534f]{4,26}",
        1 => "[\\u4e00-\\u4e2f]{2,8}[A-Z]{2,5}[0-9]{1,3}[\\u4e00-\\u4e2f]{2,12}",
        1 => "[\\u4e00-\\u4e2f]{4,10}".prop_map(|w| format!("“{w}”主题活动举办")),
        1 => "[\\u4e00-\\u4e2f]{30,44}",
    ]
}

fn item(id: usize) -> impl Strategy<Value = Item> {
    (
        proptest::collection::vec(headline_part(), 1..3),
        prop_oneof![3 => Just(String::new()), 1 => "[\\u4e00-\\u4e2f]{4,12}"],
        prop_oneof![4 => Just(true), 1 => Just(false)],
        proptest::collection::vec("[\\u4e00-\\u4e2f]{3,9}(科协|学会)", 0..4),
        proptest::collection::vec(prose(3..60), 1..4),
        prop_oneof![3 => Just(0usize), 1 => Just(1), 1 => Just(2)],
    )
        .prop_map(move |(parts, toc_title, in_toc, sources, paragraphs, column)| {
            let mut item = Item::new(format!("gen-{id}"), parts.join("\n"));
            item.toc_title = toc_title;
            item.in_toc = in_toc;
            item.sources = sources;
            item.body = paragraphs.join("\n");
            item.column = ["", "江州科技工作者沙龙", "学术交流与科技人才托举工作专栏"][column].to_string();
            item
        })
}

fn section(first_id: usize) -> impl Strategy<Value = Section> {
    (
        prop_oneof![1 => Just(String::new()), 3 => "[\\u4e00-\\u4e2f]{2,8}"],
        prop_oneof![4 => Just(TocMode::Items), 1 => Just(TocMode::Section), 1 => Just(TocMode::None)],
        (0usize..5).prop_flat_map(move |n| (0..n).map(|k| item(first_id + k)).collect::<Vec<_>>()),
    )
        .prop_map(|(title, toc, items)| Section { title, toc, items })
}

fn footer() -> impl Strategy<Value = Footer> {
    let group = (
        prop_oneof![Just("分送"), Just("报"), Just("送"), Just("发"), Just("抄送")],
        proptest::collection::vec("[\\u4e00-\\u4e2f]{3,40}", 0..4),
    )
        .prop_map(|(label, recipients)| Distribution { label: label.to_string(), recipients });
    (
        prop_oneof![Just(String::new()), Just("kxdt@jzkx.org.cn".to_string())],
        prop_oneof![Just(String::new()), "[\\u4e00-\\u4e2f]{2,3}"],
        prop_oneof![Just(String::new()), "[\\u4e00-\\u4e2f]{2,3}"],
        prop_oneof![Just(0u32), 1u32..1000],
        proptest::collection::vec(group, 0..3),
    )
        .prop_map(|(email, editor, reviewer, copies, distribution)| Footer {
            email,
            editor,
            reviewer,
            copies,
            distribution,
        })
}

/// A whole issue with random layout settings.
pub fn issue() -> impl Strategy<Value = Issue> {
    (
        prop_oneof![
            Just("科协每周动态"),
            Just("科创专班工作动态"),
            Just("江州市科学技术协会科技创新与学术交流工作动态简报")
        ],
        prop_oneof![
            Just("江州市科协办公室"),
            Just(""),
            Just("江州市科学技术协会办公室与江州市科技创新工作专班办公室联合编印")
        ],
        prop_oneof![Just("目录提要"), Just("内容提要")],
        prop_oneof![Just("◆"), Just("■")],
        (10u32..=40, prop_oneof![Just(HeadlineStyle::Heading), Just(HeadlineStyle::RunIn)]),
        prop_oneof![Just(SourcePlacement::Inline), Just(SourcePlacement::Line)],
        (2000i16..2040, 1i8..=12, 1i8..=28, 1u32..60, 1u32..999),
        (0usize..4).prop_flat_map(|n| (0..n).map(|k| section(k * 10)).collect::<Vec<_>>()),
        footer(),
    )
        .prop_map(
            |(
                title,
                publisher,
                toc_heading,
                bullet,
                (width, style),
                placement,
                (y, m, d, number, total),
                sections,
                footer,
            )| {
                Issue {
                    format: 1,
                    publication: Publication {
                        title: title.into(),
                        publisher: publisher.into(),
                        toc_heading: toc_heading.into(),
                        toc_bullet: bullet.into(),
                    },
                    layout: Layout {
                        width,
                        lines_per_page: 22,
                        headline_style: style,
                        source_placement: placement,
                        source_separator: "、".into(),
                    },
                    numbering: Numbering { year: y as u16, number, total, date: Date::new(y, m, d).unwrap() },
                    sections,
                    footer,
                    print: Default::default(),
                }
            },
        )
}

/// A random issue whose text export can be read back unambiguously: every section has
/// items and only the first may be untitled; items have sources; a short TOC title is a
/// tail of the headline; a 专栏 never changes back to none; no section is left out of the
/// TOC as a whole.
pub fn readable_issue() -> impl Strategy<Value = Issue> {
    issue().prop_filter("distinct headlines and titles", distinct_titles).prop_map(|mut issue| {
        issue.sections.retain(|s| !s.items.is_empty());
        for (k, s) in issue.sections.iter_mut().enumerate() {
            if k > 0 && s.title.is_empty() {
                s.title = format!("栏目{k}");
            }
            if s.toc == TocMode::None || (s.toc == TocMode::Section && s.title.is_empty()) {
                s.toc = TocMode::Items;
            }
            let mut column = String::new();
            for item in &mut s.items {
                if item.sources.is_empty() {
                    item.sources.push("江州市科协".into());
                }
                if !item.column.is_empty() || !column.is_empty() {
                    if item.column.is_empty() {
                        item.column = column.clone();
                    }
                    column = item.column.clone();
                }
                let headline = item.headline_line();
                let n = headline.chars().count();
                item.toc_title = if !item.toc_title.is_empty() && n >= 10 {
                    headline.chars().skip(3).collect()
                } else {
                    String::new()
                };
                if s.toc == TocMode::Section {
                    item.in_toc = true;
                    item.toc_title.clear();
                }
            }
        }
        issue
    })
}

/// Headlines, section titles and 专栏 names that a reader can tell apart: distinct, and
/// each with a fair variety of characters (shrinking otherwise runs to `一一一`).
fn distinct_titles(issue: &Issue) -> bool {
    let mut seen = std::collections::HashSet::new();
    let names = issue
        .sections
        .iter()
        .map(|s| s.title.clone())
        .filter(|t| !t.is_empty())
        .chain(issue.items().map(|i| i.headline_line()))
        .chain(issue.items().map(|i| i.column.clone()).filter(|c| !c.is_empty()));
    let mut columns = std::collections::HashSet::new();
    for name in names {
        let n = name.chars().count();
        let varied = name.chars().collect::<std::collections::HashSet<_>>().len() >= 3.max(n / 3);
        if !varied || (!seen.insert(name.clone()) && !columns.contains(&name)) {
            return false;
        }
        if issue.items().any(|i| i.column == name) {
            columns.insert(name);
        }
    }
    true
}
