//! The Word document: real styles with East Asian fonts named (never theme fonts), Word's
//! document grid of 28 字 × 22 lines, odd and even footers with PAGE fields, the red
//! masthead and rule, the 报尾 in a table floating at the foot, and the issue's whole text
//! in order.

use std::io::Read;
use std::path::Path;

use jianbao::commands::export::{Format, Settings, render_bytes};
use jianbao::export::fonts::Sources;
use jianbao::export::{TextOptions, text};
use jianbao::model::Issue;
use jianbao::store::load_issue;

fn sample(stem: &str) -> Issue {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/issues").join(format!("{stem}.toml"));
    load_issue(&path).unwrap().doc
}

fn docx_of(issue: &Issue) -> Vec<u8> {
    let settings = Settings { format: Format::Docx, ..Settings::default() };
    // A DOCX names fonts and embeds none: no font is looked for.
    let nowhere = Sources { system: false, folders: vec![] };
    render_bytes(issue, settings, &nowhere).unwrap().bytes
}

/// Every part of the package, by name.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|k| {
            let mut f = zip.by_index(k).unwrap();
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (f.name().unwrap().to_string(), text)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    &parts.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}")).1
}

/// The `<w:style …>…</w:style>` of `id`.
fn style<'a>(styles: &'a str, id: &str) -> &'a str {
    let start = styles.find(&format!(r#"w:styleId="{id}""#)).unwrap_or_else(|| panic!("no style {id}"));
    &styles[start..start + styles[start..].find("</w:style>").unwrap()]
}

#[test]
fn the_grid_the_page_and_the_fonts_are_wordss_own() {
    let p = parts(&docx_of(&sample("2026-45")));
    let doc = part(&p, "word/document.xml");
    // 225 mm / 22 lines = 579.8 twips, rounded down (580 × 22 is taller than the 版心, and
    // Word and LibreOffice then set 21 lines). A line grid: each style's 字 is brought to
    // the 28-字 pitch by its letter spacing.
    assert!(doc.contains(r#"<w:docGrid w:type="lines" w:linePitch="579" />"#), "{doc:.300}");
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    assert!(doc.contains(r#"w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#));
    let styles = part(&p, "word/styles.xml");
    for name in ["正文", "标题", "栏目", "专栏", "来源", "目录", "报头", "报尾"] {
        assert!(styles.contains(&format!(r#"<w:name w:val="{name}""#)), "style {name}");
    }
    // 156 mm / 28 = 15.77 pt: 三号 (16 pt) less 0.25 pt, rounded down to whole twips.
    for id in ["Body", "Headline", "Section", "Column", "Source", "TocHeading", "Toc", "Colophon"] {
        let s = style(styles, id);
        assert!(s.contains(r#"<w:sz w:val="32" />"#) && s.contains(r#"<w:spacing w:val="-5" />"#), "{s}");
    }
    assert!(!style(styles, "Masthead").contains("<w:spacing w:val="), "the title sets its own spacing");
    // One Normal, at the body's size (docx-rs writes an empty one of its own first, which
    // LibreOffice would take, reading the grid against 12 pt).
    assert_eq!(styles.matches(r#"w:styleId="Normal""#).count(), 1, "{styles:.1200}");
    assert!(style(styles, "Normal").contains(r#"<w:sz w:val="32" />"#));
    // No space between 汉字 and Latin letters or digits but the layout's.
    assert!(styles.contains(r#"<w:autoSpaceDE w:val="0" /><w:autoSpaceDN w:val="0" />"#));
    // No punctuation hanging past the margin: the layout carries a character down instead.
    assert!(styles.contains(r#"<w:overflowPunct w:val="0" />"#));
    for face in ["仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "Times New Roman"] {
        assert!(
            styles.contains(&format!(r#"w:eastAsia="{face}""#))
                || styles.contains(&format!(r#"w:ascii="{face}""#)),
            "{face}"
        );
    }
    for (name, text) in &p {
        assert!(!text.contains("Theme\""), "{name} names a theme font");
        assert!(!text.contains("asciiTheme") && !text.contains("eastAsiaTheme"), "{name} names a theme font");
    }
    assert!(doc.contains(r#"w:eastAsia="仿宋_GB2312""#), "runs name their East Asian font too");
}

/// `docx_grid = "chars"`: Word's 字 grid of 28 × 22, as Word's own 公文 templates set it,
/// and no letter spacing on the styles (Word fits the 字 to the grid itself).
#[test]
fn words_char_grid_is_there_when_asked() {
    let mut issue = sample("2026-45");
    issue.print.docx_grid = jianbao::model::print::DocxGrid::Chars;
    let p = parts(&docx_of(&issue));
    let doc = part(&p, "word/document.xml");
    // 156 mm / 28 字 = 15.8 pt, 0.2 pt under 三号: charSpace is that in 1/4096 pt.
    assert!(
        doc.contains(r#"<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-848" />"#),
        "{doc:.300}"
    );
    let styles = part(&p, "word/styles.xml");
    assert!(!styles.contains("<w:spacing w:val="), "{styles:.2000}");
    assert_eq!(styles.matches(r#"w:styleId="Normal""#).count(), 1);
}

/// A layout wider than the 版心 holds at 三号 (30 字 in 156 mm) sets the type at its cell,
/// as the PDF does: 15 pt less 0.3 pt, 30 of them in 442 pt.
#[test]
fn a_wide_layout_sets_smaller_type_in_word_too() {
    let mut issue = sample("2026-45");
    issue.layout.width = 30;
    let p = parts(&docx_of(&issue));
    let body = style(part(&p, "word/styles.xml"), "Body");
    assert!(
        body.contains(r#"<w:sz w:val="30" />"#) && body.contains(r#"<w:spacing w:val="-6" />"#),
        "{body}"
    );
}

#[test]
fn odd_and_even_footers_carry_the_page_number_on_the_outer_side() {
    let p = parts(&docx_of(&sample("2026-45")));
    assert!(part(&p, "word/settings.xml").contains("<w:evenAndOddHeaders"));
    let doc = part(&p, "word/document.xml");
    assert!(
        doc.contains(r#"<w:footerReference w:type="default""#)
            && doc.contains(r#"<w:footerReference w:type="even""#)
    );
    let footers: Vec<&str> =
        p.iter().filter(|(n, _)| n.starts_with("word/footer")).map(|(_, t)| t.as_str()).collect();
    assert_eq!(footers.len(), 2);
    for f in &footers {
        assert!(f.contains("<w:instrText>PAGE</w:instrText>"), "{f}");
        assert!(f.contains("— ") && f.contains(" —"));
        assert!(f.contains(r#"w:eastAsia="宋体""#));
    }
    assert!(footers.iter().any(|f| f.contains(r#"<w:jc w:val="right""#)));
    assert!(footers.iter().any(|f| f.contains(r#"<w:jc w:val="left""#)));
}

#[test]
fn the_masthead_is_red_with_its_rule_and_the_colophon_floats_at_the_foot() {
    let issue = sample("2026-45");
    let p = parts(&docx_of(&issue));
    let doc = part(&p, "word/document.xml");
    assert!(doc.contains(r#"<w:color w:val="E60012""#), "the red title");
    assert!(doc.contains(r#"w:color="E60012""#), "the red rule");
    // The 报尾: a table floating at the foot of the page, narrower than LibreOffice's 97 %
    // of the 版心 (wider ones it sets in the text), centred; the 分送 block's rules are the
    // borders of its row, 0.35 mm (8 eighths of a point) above and 0.25 mm (6) below.
    let at = doc.find("<w:tbl>").expect("the 报尾's table");
    let table = &doc[at..doc.find("</w:tbl>").unwrap()];
    assert!(
        table.contains(r#"<w:tblpPr w:vertAnchor="margin" w:horzAnchor="margin" w:tblpXSpec="center" w:tblpYSpec="bottom" />"#),
        "{table:.600}"
    );
    let width: u32 =
        table.split(r#"<w:tblW w:w=""#).nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    assert!(width * 100 < 8844 * 97 && width * 100 >= 8844 * 95, "{width}");
    assert!(
        table.contains(r#"<w:top w:val="single" w:sz="8""#)
            && table.contains(r#"<w:bottom w:val="single" w:sz="6""#),
        "{table}"
    );
    for text in ["信息报送邮箱：", "编辑：", "审核：", "分送：", "（共印", "份）"] {
        assert!(table.contains(text), "{text} in the 报尾");
    }
    assert!(!doc.contains("<w:framePr"), "no frame: LibreOffice ignores its anchor");
    // Nothing after it but the paragraph it is anchored to, one point high.
    assert!(doc[at..].contains(r#"<w:spacing w:line="20" w:lineRule="exact" />"#));
}

/// Word reflows the text, so the check is on content: the document's paragraphs, read
/// back by our own .docx reader, are the unwrapped text export's lines.
#[test]
fn the_whole_text_is_there_in_order() {
    for stem in ["2026-45", "2026-21"] {
        let issue = sample(stem);
        let paragraphs = jianbao::import::docx::read(&docx_of(&issue)).unwrap();
        let squeeze = |s: &str| -> String {
            s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '━' | '─')).collect()
        };
        let docx: String = paragraphs.iter().map(|p| squeeze(&p.text)).collect();
        let unwrapped = text(&issue, TextOptions { width: 0, lines_per_page: 0 });
        assert_eq!(docx, squeeze(&unwrapped), "{stem}");
    }
}

/// A blank grid line before each headline, 【栏目】 and 专栏 heading, as the text export
/// leaves one (a paragraph property, not an empty paragraph).
#[test]
fn headlines_sections_and_columns_have_a_line_before() {
    for stem in ["2026-45", "2026-21"] {
        let issue = sample(stem);
        let parts = parts(&docx_of(&issue));
        let document = part(&parts, "word/document.xml");
        let mut want = 0;
        for section in issue.sections.iter().filter(|s| !s.items.is_empty()) {
            want += usize::from(!section.bare_title().is_empty());
            let mut column = "";
            for item in &section.items {
                let c = item.column.trim();
                want += usize::from(c != column && !c.is_empty()) + 1;
                column = c;
            }
        }
        assert_eq!(document.matches(r#"w:beforeLines="100""#).count(), want, "{stem}");
    }
}

#[test]
fn the_command_writes_the_docx_beside_the_other_exports() {
    let d = tempfile::tempdir().unwrap();
    let ws = d.path().join("ws");
    jianbao::store::Workspace::create_from_samples(&ws).unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["export", "--format", "docx"])
        .arg(ws.join("issues/2026-45.toml"))
        .env("JIANBAO_LANG", "zh")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("正文：仿宋_GB2312") && stderr.contains("标题：方正小标宋简体"),
        "the faces asked for: {stderr}"
    );
    let out = ws.join("exports/2026-45.docx");
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), out.display().to_string());
}

/// The masthead takes the text export's lines (title and the blank line under it exactly,
/// a blank line before the publisher's, the rule's line after it), and each Latin run is
/// brought to its half-字 cells: capitals narrowed, so that Word fills a line as the text
/// export does.
#[test]
fn the_masthead_keeps_its_lines_and_latin_runs_keep_their_cells() {
    let p = parts(&docx_of(&sample("2026-45")));
    let doc = part(&p, "word/document.xml");
    let pitch = 579;
    let masthead = doc.split(r#"<w:pStyle w:val="Masthead" />"#).nth(1).expect("a masthead");
    let masthead = &masthead[..masthead.find("</w:p>").unwrap()];
    assert!(masthead.contains(&format!(r#"w:line="{}" w:lineRule="exact""#, 2 * pitch)), "{masthead}");
    let rule_at = doc.find("<w:pBdr>").expect("the masthead's rule");
    let publisher = &doc[rule_at + "<w:pBdr>".len()..];
    let spacing = &doc[doc[..rule_at].rfind("<w:p ").unwrap()..rule_at];
    assert!(spacing.contains(&format!(r#"w:before="{pitch}""#)), "{spacing}");
    assert!(publisher.starts_with(r#"<w:bottom w:val="single" w:space="13""#), "{publisher:.120}");
    // The sample has "AIGC" and "GD32MCU" in its body: narrowed runs of their own.
    for word in ["AIGC", "GD32MCU"] {
        let at = doc.find(&format!(">{word}<")).unwrap_or_else(|| panic!("{word} is a run of its own"));
        let props = &doc[doc[..at].rfind("<w:rPr>").unwrap()..at];
        assert!(props.contains("<w:w w:val="), "{word}: {props}");
        assert!(props.contains("<w:spacing w:val="), "{word}: {props}");
    }
}
