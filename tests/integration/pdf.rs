//! The printed page as PDF, checked on the bundled samples with the committed font subset
//! only (tests/fonts: Noto Serif CJK SC cut to the samples' characters), never the
//! machine's fonts: per page the PDF's text is the paginated text export's page, fonts are
//! embedded as subsets, the masthead is red, bookmarks and TOC links lead to the items.

use std::path::{Path, PathBuf};
use std::process::Command;

use jianbao::commands::export::{Format, Rendered, Settings, render_bytes};
use jianbao::export::fonts::{Role, Sources};
use jianbao::export::{TextOptions, text};
use jianbao::lang::Lang;
use jianbao::model::Issue;
use jianbao::store::load_issue;
use pdf_extract::{Document, Object};

const BIN: &str = env!("CARGO_BIN_EXE_jianbao");

fn fonts_dir() -> PathBuf {
    crate::common::app::test_fonts().remove(0)
}

fn test_fonts() -> Sources {
    Sources { system: false, folders: vec![fonts_dir()] }
}

fn sample(stem: &str) -> Issue {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/issues").join(format!("{stem}.toml"));
    load_issue(&path).unwrap().doc
}

fn pdf_of(issue: &Issue) -> Rendered {
    render_bytes(issue, Settings { format: Format::Pdf, ..Settings::default() }, &test_fonts()).unwrap()
}

/// Text without spaces, line breaks and the rules' box-drawing characters (the PDF draws
/// rules as lines, not as text).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '━' | '─' | '\u{c}')).collect()
}

#[test]
fn each_page_holds_the_text_exports_page_line_for_line() {
    for stem in ["2026-45", "2026-21"] {
        let issue = sample(stem);
        let out = pdf_of(&issue);
        let report = out.report.expect("a PDF has a report");
        assert!(report.missing.is_empty(), "{stem}: {:?}", report.missing);
        let text = text(&issue, TextOptions::of(&issue));
        let text_pages: Vec<&str> = text.split('\u{c}').collect();
        let pdf_pages = pdf_extract::extract_text_from_mem_by_pages(&out.bytes).unwrap();
        assert_eq!(pdf_pages.len(), text_pages.len(), "{stem}: page count");
        assert_eq!(report.pages, text_pages.len());
        for (k, (p, t)) in pdf_pages.iter().zip(&text_pages).enumerate() {
            assert_eq!(squeeze(p), squeeze(t), "{stem}, page {}", k + 1);
        }
    }
}

#[test]
fn fonts_are_embedded_as_subsets_and_the_file_stays_small() {
    let out = pdf_of(&sample("2026-45"));
    assert!(out.bytes.len() < 1_000_000, "{} bytes", out.bytes.len());
    let doc = Document::load_mem(&out.bytes).unwrap();
    let mut embedded = 0;
    for (_, object) in doc.objects.iter() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"FontDescriptor".as_slice())
        {
            let name = dict.get(b"FontName").unwrap().as_name().unwrap();
            // A subset's name starts with six capital letters and a plus sign.
            assert_eq!(name.get(6), Some(&b'+'), "{}", String::from_utf8_lossy(name));
            assert!(name[..6].iter().all(u8::is_ascii_uppercase));
            assert!(dict.has(b"FontFile2") || dict.has(b"FontFile3"), "the font program is in the file");
            embedded += 1;
        }
    }
    assert!(embedded >= 1);
}

/// Fill colours set on a page, as (r, g, b) in 0–1.
fn fill_colours(doc: &Document, page: u32) -> Vec<(f32, f32, f32)> {
    let id = doc.get_pages()[&page];
    let content = doc.get_and_decode_page_content(id).unwrap();
    content
        .operations
        .iter()
        .filter(|op| matches!(op.operator.as_str(), "rg" | "sc" | "scn") && op.operands.len() == 3)
        .map(|op| {
            let v: Vec<f32> = op.operands.iter().map(|o| o.as_float().unwrap_or(-1.0)).collect();
            (v[0], v[1], v[2])
        })
        .collect()
}

#[test]
fn the_masthead_is_red_and_the_rest_black() {
    let out = pdf_of(&sample("2026-45"));
    let doc = Document::load_mem(&out.bytes).unwrap();
    let red = (0xE6 as f32 / 255.0, 0.0, 0x12 as f32 / 255.0);
    let near = |a: (f32, f32, f32), b: (f32, f32, f32)| {
        (a.0 - b.0).abs() + (a.1 - b.1).abs() + (a.2 - b.2).abs() < 0.01
    };
    let first = fill_colours(&doc, 1);
    assert!(first.iter().any(|&c| near(c, red)), "page 1 has the red title and rule: {first:?}");
    assert!(first.iter().any(|&c| near(c, (0.0, 0.0, 0.0))), "and black text");
    let second = fill_colours(&doc, 2);
    assert!(!second.iter().any(|&c| near(c, red)), "no red after the masthead: {second:?}");
}

#[test]
fn sections_and_items_are_bookmarks_and_toc_entries_link_to_them() {
    let issue = sample("2026-45");
    let out = pdf_of(&issue);
    let doc = Document::load_mem(&out.bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc.get_object(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let count = outlines.as_dict().unwrap().get(b"Count").unwrap().as_i64().unwrap();
    let sections =
        issue.sections.iter().filter(|s| !s.items.is_empty() && !s.bare_title().is_empty()).count();
    let items = issue.items().count();
    assert!(count.unsigned_abs() as usize >= sections + items.min(1), "{count} bookmarks");
    // The TOC is on page 1: one link for each entry.
    let page1 = doc.get_pages()[&1];
    let annots = doc.get_dictionary(page1).unwrap().get(b"Annots").map(|a| match a {
        Object::Array(v) => v.len(),
        Object::Reference(r) => doc.get_object(*r).unwrap().as_array().unwrap().len(),
        _ => 0,
    });
    assert_eq!(annots.unwrap_or(0), issue.toc_entries().len());
}

#[test]
fn the_report_names_each_roles_face_and_the_substitutions() {
    let out = pdf_of(&sample("2026-45"));
    let report = out.report.unwrap();
    let body = report.served.iter().find(|s| s.role == Role::Body).unwrap();
    assert_eq!(body.used, "Noto Serif CJK SC");
    assert_eq!(body.say(Lang::Zh), "正文：仿宋_GB2312 未找到，改用 Noto Serif CJK SC");
    assert_eq!(report.served.len(), 6, "every role is served");
    let lines = report.say(Lang::Zh);
    assert!(lines.iter().any(|l| l.starts_with("页码：宋体 未找到")), "{lines:?}");
}

#[test]
fn a_character_no_font_has_is_reported_with_its_place_and_not_printed() {
    let mut issue = sample("2026-45");
    issue.sections[0].items[0].body.insert(0, '𪚥');
    let out = pdf_of(&issue);
    let report = out.report.unwrap();
    assert_eq!(report.missing.len(), 1, "{:?}", report.missing);
    let m = &report.missing[0];
    assert_eq!((m.c, m.page), ('𪚥', 1));
    assert!(m.say(Lang::Zh).contains("第1页第"), "{}", m.say(Lang::Zh));
    let pages = pdf_extract::extract_text_from_mem_by_pages(&out.bytes).unwrap();
    assert!(!pages[0].contains('𪚥'));
}

#[test]
fn pdf_a_2b_is_written_when_asked() {
    let mut issue = sample("2026-45");
    issue.print.pdf_a = true;
    let out = pdf_of(&issue);
    let bytes = String::from_utf8_lossy(&out.bytes);
    assert!(bytes.contains("pdfaid:part") || bytes.contains("pdfaid"), "PDF/A identification in the XMP");
    let plain = pdf_of(&sample("2026-45"));
    assert!(!String::from_utf8_lossy(&plain.bytes).contains("pdfaid"));
}

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let ws = d.path().join("ws");
    jianbao::store::Workspace::create_from_samples(&ws).unwrap();
    (d, ws)
}

#[test]
fn the_command_writes_the_pdf_and_tells_the_fonts_on_stderr() {
    let (d, ws) = workspace();
    let out = d.path().join("第45期.pdf");
    let run = Command::new(BIN)
        .args(["export", "--format", "pdf", "-o"])
        .arg(&out)
        .arg(ws.join("issues/2026-45.toml"))
        .env("JIANBAO_FONTS", fonts_dir())
        .env("JIANBAO_LANG", "zh")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    assert!(stderr.contains("正文：仿宋_GB2312 未找到，改用 Noto Serif CJK SC"), "{stderr}");
    // The default name follows the format.
    let run = Command::new(BIN)
        .args(["export", "--format", "pdf"])
        .arg(ws.join("issues/2026-45.toml"))
        .env("JIANBAO_FONTS", fonts_dir())
        .output()
        .unwrap();
    assert!(run.status.success());
    assert!(ws.join("exports/2026-45.pdf").exists());
}

#[test]
fn without_any_chinese_font_the_command_says_what_to_install() {
    let (d, ws) = workspace();
    let empty = d.path().join("no-fonts");
    std::fs::create_dir(&empty).unwrap();
    let out = d.path().join("x.pdf");
    let run = Command::new(BIN)
        .args(["export", "--format", "pdf", "-o"])
        .arg(&out)
        .arg(ws.join("issues/2026-45.toml"))
        .env("JIANBAO_FONTS", &empty)
        .env("JIANBAO_LANG", "zh")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("找不到中文字体") && stderr.contains("fonts-noto-cjk"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!out.exists(), "nothing half-written");
}

#[test]
fn a_bad_print_setting_is_refused_with_file_line_and_column() {
    let (_d, ws) = workspace();
    let issue = ws.join("issues/2026-45.toml");
    let mut text = std::fs::read_to_string(&issue).unwrap();
    text.push_str("\n[print]\ntop = -3\n");
    std::fs::write(&issue, &text).unwrap();
    let line = text.lines().count();
    let run = Command::new(BIN)
        .args(["export", "--format", "pdf"])
        .arg(&issue)
        .env("JIANBAO_FONTS", fonts_dir())
        .env("JIANBAO_LANG", "zh")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(&format!("2026-45.toml:{line}:")), "{stderr}");
    assert!(stderr.contains("超出范围"), "{stderr}");
}

#[test]
fn print_settings_survive_a_save_and_only_changes_are_written() {
    let mut issue = sample("2026-45");
    let plain = jianbao::store::write::issue_toml(&issue);
    assert!(!plain.contains("[print]"), "the default page writes nothing");
    issue.print.top = jianbao::model::print::Num(35.0);
    issue.print.fonts.body = "FangSong".into();
    let text = jianbao::store::write::issue_toml(&issue);
    assert!(
        text.contains("[print]\ntop = 35\n") && text.contains("[print.fonts]\nbody = \"FangSong\""),
        "{text}"
    );
    let d = tempfile::tempdir().unwrap();
    let path = d.path().join("2026-45.toml");
    std::fs::write(&path, &text).unwrap();
    assert_eq!(load_issue(&path).unwrap().doc, issue);
}

/// Where every run of glyphs and every rule of the sample issue's PDF goes (page, x and
/// baseline in points from the top-left corner, size, face, colour, text), reviewed by
/// eye against its pages rendered to PNG (`tests/golden/pdf/2026-45-page1.png` is page 1).
/// After a deliberate change: `UPDATE_GOLDEN=1 cargo test --test integration pdf::` and
/// read the diff.
#[test]
fn the_placement_matches_the_reviewed_golden_file() {
    let issue = sample("2026-45");
    let mut fonts = jianbao::export::fonts::FontSet::find(&test_fonts(), &issue.print.fonts).unwrap();
    let out = jianbao::export::pdf::pdf_recorded(&issue, &mut fonts).unwrap();
    let text = out.placements.join("\n") + "\n";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/pdf/2026-45.positions.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    let first_difference = golden.lines().zip(text.lines()).position(|(a, b)| a != b);
    assert!(golden == text, "placement changed; first different line: {first_difference:?}");
}

#[test]
fn page_numbers_sit_one_zi_in_from_the_outer_edge_7_mm_below_the_type_area() {
    let issue = sample("2026-45");
    let mut fonts = jianbao::export::fonts::FontSet::find(&test_fonts(), &issue.print.fonts).unwrap();
    let out = jianbao::export::pdf::pdf_recorded(&issue, &mut fonts).unwrap();
    let pt = 72.0 / 25.4;
    let zi = 156.0 * pt / 28.0;
    let numbers: Vec<(usize, f32, f32)> = out
        .placements
        .iter()
        .filter(|l| l.ends_with(" — ") || l.contains(" — "))
        .filter_map(|l| {
            let mut f = l.split(' ');
            let page: usize = f.next()?.strip_prefix('p')?.parse().ok()?;
            let x: f32 = f.next()?.strip_prefix("x=")?.split('…').next()?.parse().ok()?;
            let y: f32 = f.next()?.strip_prefix("y=")?.parse().ok()?;
            Some((page, x, y))
        })
        .collect();
    assert!(numbers.len() >= out.pages, "{numbers:?}");
    let bottom = (37.0 + 225.0) * pt;
    for &(page, x, y) in &numbers {
        // The number's baseline: 7 mm below the 版心, plus the height of the figures.
        assert!(y > bottom + 7.0 * pt && y < bottom + 7.0 * pt + 14.0, "page {page}: y {y}");
        if page % 2 == 0 {
            assert!((x - (28.0 * pt + zi)).abs() < 0.2, "even page {page} starts one 字 in: {x}");
        } else {
            assert!(x > 28.0 * pt + 120.0 * pt, "odd page {page} is at the right: {x}");
        }
    }
}

#[test]
fn a_character_the_roles_face_lacks_comes_from_another_face() {
    let mut issue = sample("2026-45");
    issue.sections[0].items[0].body.insert_str(0, "鑫犇");
    let mut fonts = jianbao::export::fonts::FontSet::find(&test_fonts(), &issue.print.fonts).unwrap();
    let out = jianbao::export::pdf::pdf_recorded(&issue, &mut fonts).unwrap();
    assert!(out.missing.is_empty(), "{:?}", out.missing);
    let sans: Vec<&String> = out.placements.iter().filter(|l| l.contains("Noto Sans CJK SC")).collect();
    assert!(sans.iter().any(|l| l.ends_with(" 鑫犇")), "{sans:?}");
    let pages = pdf_extract::extract_text_from_mem_by_pages(&out.bytes).unwrap();
    assert!(pages.iter().any(|p| p.contains("鑫犇")), "the fallback characters are text too");
}

#[test]
fn the_next_issue_keeps_the_print_settings_of_the_issue_it_follows() {
    let (_d, ws) = workspace();
    let newest = ws.join("issues/2026-45.toml");
    let mut text = std::fs::read_to_string(&newest).unwrap();
    text.push_str("\n[print]\ntop = 35\n\n[print.fonts]\nbody = \"FangSong\"\n");
    std::fs::write(&newest, text).unwrap();
    let run = Command::new(BIN).args(["new", "--workspace"]).arg(&ws).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let path = String::from_utf8_lossy(&run.stdout).trim().to_string();
    let issue = load_issue(Path::new(&path)).unwrap().doc;
    assert_eq!(issue.print.top, jianbao::model::print::Num(35.0));
    assert_eq!(issue.print.fonts.body, "FangSong");
    assert!(std::fs::read_to_string(&path).unwrap().contains("[print]\ntop = 35\n"));
}

/// A layout wider than the 版心 holds at 三号 (32 字 in 156 mm) sets its type at the size
/// of its cell, so the glyphs never overlap; the 28-字 grid keeps 三号 (see the golden file).
#[test]
fn a_wide_layout_shrinks_the_type_to_its_cell() {
    let mut issue = sample("2026-45");
    issue.layout.width = 32;
    let mut fonts = jianbao::export::fonts::FontSet::find(&test_fonts(), &issue.print.fonts).unwrap();
    let out = jianbao::export::pdf::pdf_recorded(&issue, &mut fonts).unwrap();
    let pt = 72.0 / 25.4;
    let cell = 156.0 * pt / 32.0;
    let mut checked = 0;
    for l in out.placements.iter().filter(|l| !l.contains("#E60012") && !l.contains(" rule ")) {
        let Some(size) = l.split(' ').find_map(|f| f.strip_suffix("pt")?.parse::<f32>().ok()) else {
            continue;
        };
        checked += 1;
        assert!(size <= cell * 1.03 + 0.01, "{size} pt in a {cell:.2} pt cell: {l}");
    }
    assert!(checked > 100, "{checked} runs checked");
    let sizes: Vec<f32> = out
        .placements
        .iter()
        .filter_map(|l| l.split(' ').find_map(|f| f.strip_suffix("pt")?.parse::<f32>().ok()))
        .collect();
    assert!(sizes.iter().any(|&s| (s - 14.2).abs() < 0.2), "the body at its cell's size: {sizes:?}");
}
