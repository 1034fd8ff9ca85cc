//! The import corpus (tests/fixtures/import/corpus/): submissions as units send them, each
//! with what a careful editor takes from it (`NN-name.expect.toml`); whole past issues as
//! text extracted from their PDFs, and PDF files made by different tools, each with the
//! issue it was made from (`*.truth.toml`). Every file is checked whole, and every
//! mismatch of the corpus is listed at once, so a change to the reader shows all it
//! breaks.

use std::fs;
use std::path::{Path, PathBuf};

use jianbao::import;
use jianbao::model::{Date, Issue, Item};
use serde::Deserialize;

fn corpus(sub: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/corpus").join(sub)
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

#[derive(Debug, Deserialize)]
struct Expect {
    item: Vec<Want>,
}

#[derive(Debug, Deserialize)]
struct Want {
    headline: String,
    sources: Vec<String>,
    paragraphs: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    received: Option<toml::value::Datetime>,
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("2026-11-20-c{n:03}")
    }
}

/// The same text in GBK and in UTF-16 (LE with a BOM, BE with a BOM).
fn encodings(bytes: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let text = String::from_utf8(bytes.to_vec()).expect("corpus files are UTF-8");
    let text = text.trim_start_matches('\u{feff}');
    let (gbk, _, lossy) = encoding_rs::GB18030.encode(text);
    assert!(!lossy);
    let utf16 = |be: bool| {
        let mut out = if be { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if be { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        out
    };
    vec![
        ("UTF-8", bytes.to_vec()),
        ("GBK", gbk.into_owned()),
        ("UTF-16LE", utf16(false)),
        ("UTF-16BE", utf16(true)),
    ]
}

fn check_item(name: &str, k: usize, item: &Item, want: &Want, problems: &mut Vec<String>) {
    let mut differ = |what: &str, got: String, want: String| {
        if got != want {
            problems.push(format!("{name} item {k}: {what}\n    got  {got}\n    want {want}"));
        }
    };
    differ("headline", format!("{:?}", item.headline), format!("{:?}", want.headline));
    differ("sources", format!("{:?}", item.sources), format!("{:?}", want.sources));
    let paragraphs: Vec<&str> = item.paragraphs().collect();
    differ("paragraphs", format!("{paragraphs:#?}"), format!("{:#?}", want.paragraphs));
    differ("notes", format!("{:?}", item.notes), format!("{:?}", want.notes.join("；")));
    let received = want.received.map(|d| d.to_string().parse::<Date>().expect("a date"));
    differ("received", format!("{:?}", item.received), format!("{received:?}"));
}

/// What `path`'s `.expect.toml` beside it says.
fn read_expect(path: &Path) -> Expect {
    let file = path.with_extension("expect.toml");
    toml::from_str(&fs::read_to_string(&file).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The items read from `name` against what the editor takes from it.
fn check_items(name: &str, items: &[Item], expect: &Expect, problems: &mut Vec<String>) {
    if items.len() != expect.item.len() {
        let got: Vec<&str> = items.iter().map(|i| i.headline.as_str()).collect();
        problems.push(format!("{name}: {} items, want {}: {got:?}", items.len(), expect.item.len()));
    }
    for (k, (item, want)) in items.iter().zip(&expect.item).enumerate() {
        check_item(name, k + 1, item, want, problems);
    }
}

/// Thirty submissions in the shapes offices send: every item, headline, source, paragraph,
/// note and date as the editor would take them, the same in UTF-8, GBK and UTF-16.
#[test]
fn corpus_submissions_read_as_an_editor_reads_them() {
    let dir = corpus("submissions");
    let texts = files(&dir, "txt");
    assert!(texts.len() >= 30, "the corpus has {} submissions", texts.len());
    let mut problems = Vec::new();
    for path in &texts {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let expect = read_expect(path);
        let mut first: Option<Vec<Item>> = None;
        for (encoding, bytes) in encodings(&fs::read(path).unwrap()) {
            let doc = import::read_bytes(path, &bytes).unwrap_or_else(|e| panic!("{name} ({encoding}): {e}"));
            let items = import::items(&doc, ids());
            match &first {
                None => {
                    check_items(&name, &items, &expect, &mut problems);
                    first = Some(items);
                }
                Some(utf8) => {
                    if *utf8 != items {
                        problems.push(format!("{name}: {encoding} reads differently from UTF-8"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// How alike two texts are, character by character: twice the longest common subsequence
/// over the two lengths (as difflib's ratio).
pub fn char_ratio(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let mut row = vec![0u32; b.len() + 1];
    for &x in &a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    2.0 * f64::from(row[b.len()]) / (a.len() + b.len()) as f64
}

/// Compare an imported issue with the issue it was printed from: sections, headlines,
/// sources exactly; bodies at least 0.97 alike (a PDF may lose a space or a line break
/// the original had); the masthead's numbering.
pub fn compare_issue(name: &str, got: &Issue, truth: &Issue, problems: &mut Vec<String>) {
    let sections = |i: &Issue| i.sections.iter().map(|s| s.title.clone()).collect::<Vec<_>>();
    if sections(got) != sections(truth) {
        problems.push(format!("{name}: sections {:?}, want {:?}", sections(got), sections(truth)));
    }
    if got.numbering != truth.numbering {
        problems.push(format!("{name}: numbering {:?}, want {:?}", got.numbering, truth.numbering));
    }
    if got.publication.title != truth.publication.title {
        problems
            .push(format!("{name}: title {:?}, want {:?}", got.publication.title, truth.publication.title));
    }
    let (g, t): (Vec<&Item>, Vec<&Item>) = (got.items().collect(), truth.items().collect());
    if g.len() != t.len() {
        let heads: Vec<&str> = g.iter().map(|i| i.headline.as_str()).collect();
        problems.push(format!("{name}: {} items, want {}: {heads:?}", g.len(), t.len()));
    }
    for (k, (a, b)) in g.iter().zip(&t).enumerate() {
        if a.headline != b.headline {
            problems.push(format!("{name} item {}: headline {:?}, want {:?}", k + 1, a.headline, b.headline));
        }
        if a.sources != b.sources {
            problems.push(format!("{name} item {}: sources {:?}, want {:?}", k + 1, a.sources, b.sources));
        }
        if a.column != b.column {
            problems.push(format!("{name} item {}: column {:?}, want {:?}", k + 1, a.column, b.column));
        }
        let ratio = char_ratio(&a.body, &b.body);
        if ratio < 0.97 {
            problems.push(format!(
                "{name} item {}: body {ratio:.3} alike\n    got  {:?}\n    want {:?}",
                k + 1,
                a.body,
                b.body
            ));
        }
    }
}

fn read_truth(path: &Path) -> Issue {
    jianbao::store::load_issue(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).doc
}

/// Whole past issues as text extracted from their PDFs: each gives back the issue it was
/// printed from.
#[test]
fn corpus_issues_extracted_from_their_pdfs() {
    let dir = corpus("issues");
    let mut problems = Vec::new();
    let texts = files(&dir, "txt");
    assert!(texts.len() >= 2, "{} issues", texts.len());
    for path in &texts {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let truth = read_truth(&path.with_extension("truth.toml"));
        let doc = import::read_file(path).unwrap();
        let got = import::issue(&doc, path, ids()).unwrap_or_else(|e| panic!("{name}: {e}"));
        compare_issue(&name, &got, &truth, &mut problems);
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn char_ratio_is_difflibs_ratio() {
    assert_eq!(char_ratio("abcd", "abcd"), 1.0);
    assert_eq!(char_ratio("abcd", "abed"), 0.75);
    assert_eq!(char_ratio("", "ab"), 0.0);
}

fn test_fonts() -> jianbao::export::fonts::Sources {
    jianbao::export::fonts::Sources { system: false, folders: crate::common::app::test_fonts() }
}

/// Every issue the tests hold, as (name, truth).
fn truths() -> Vec<(String, Issue)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = files(&root.join("samples/issues"), "toml");
    paths.extend(
        files(&root.join("tests/fixtures/import"), "toml")
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(".truth.toml")),
    );
    paths.extend(
        files(&corpus("issues"), "toml").into_iter().filter(|p| p.to_string_lossy().ends_with(".truth.toml")),
    );
    paths
        .into_iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().to_string(), read_truth(&p)))
        .collect()
}

/// Our own PDF of every issue the tests hold, read back: the issue it was made from.
#[test]
fn our_own_pdfs_read_back_as_the_issues_they_print() {
    use jianbao::commands::export::{Format, Settings, render_bytes};
    let mut problems = Vec::new();
    let mut wide = 0;
    for (name, truth) in truths() {
        // A layout wider than the type area holds at the body's size (30, 32 字 of 三号 on
        // a 156 mm measure) is set in smaller type: it reads back all the same.
        let measure = f64::from(truth.print.text_width.0) / 25.4 * 72.0;
        wide +=
            usize::from(f64::from(truth.layout.width) * f64::from(truth.print.body_size.0) > measure + 1.0);
        let out =
            render_bytes(&truth, Settings { format: Format::Pdf, ..Settings::default() }, &test_fonts())
                .unwrap();
        let missing = &out.report.as_ref().unwrap().missing;
        assert!(
            missing.is_empty(),
            "{name}: the test font lacks {missing:?} (run tests/fonts/make-subset.sh)"
        );
        let file = Path::new("issue.pdf");
        let doc = import::read_bytes(file, &out.bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.encoding, "PDF");
        let got = import::issue(&doc, file, ids()).unwrap_or_else(|e| panic!("{name}: {e}"));
        compare_issue(&format!("{name} (our PDF)"), &got, &truth, &mut problems);
        if got.footer != truth.footer {
            problems.push(format!(
                "{name} (our PDF): footer\n    got  {:?}\n    want {:?}",
                got.footer, truth.footer
            ));
        }
    }
    assert!(wide >= 2, "the wide issues are among them ({wide})");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// PDF files made by other tools (corpus/pdf/, made by corpus/pdf/make.sh): LibreOffice
/// printing our DOCX and a Word-like submission, Chromium printing a page; each read as
/// the issue or the items it shows.
#[test]
fn pdf_files_made_by_other_tools() {
    let dir = corpus("pdf");
    let mut problems = Vec::new();
    let pdfs = files(&dir, "pdf");
    assert!(pdfs.len() >= 2, "{} PDF files", pdfs.len());
    for path in &pdfs {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let doc = import::read_file(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let truth = path.with_extension("truth.toml");
        if truth.exists() {
            let got = import::issue(&doc, path, ids()).unwrap_or_else(|e| panic!("{name}: {e}"));
            compare_issue(&name, &got, &read_truth(&truth), &mut problems);
        } else {
            check_items(&name, &import::items(&doc, ids()), &read_expect(path), &mut problems);
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// A scan, a password-protected file and a broken one are refused with one sentence in
/// the interface's language and exit 2; nothing of an import that names them is written,
/// not even the good files beside them.
#[test]
fn pdfs_without_text_are_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let ws = jianbao::store::Workspace::create_from_samples(&dir.path().join("ws")).unwrap();
    let before = ws.pool_items().unwrap().len();
    let broken = dir.path().join("损坏.pdf");
    fs::write(&broken, b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF").unwrap();
    let good = corpus("pdf/lo-submission.pdf");
    for (file, zh, en) in [
        (corpus("pdf/refused/scanned.pdf"), "扫描件，没有可提取的文字", "it is a scan"),
        (corpus("pdf/refused/encrypted.pdf"), "文件设有密码", "password-protected"),
        (broken.clone(), "不是可以读取的 PDF 文件", "not a readable PDF"),
    ] {
        for (lang, said) in [("zh", zh), ("en", en)] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_jianbao"))
                .args(["import", "--workspace"])
                .arg(ws.root())
                .arg(&good)
                .arg(&file)
                .env("JIANBAO_LANG", lang)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr).to_string();
            assert_eq!(out.status.code(), Some(2), "{}: {err}", file.display());
            assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
            assert!(err.contains(said) && err.contains(&file.display().to_string()), "{err}");
            assert_eq!(ws.pool_items().unwrap().len(), before, "nothing half-imported");
        }
    }
}

/// Submissions typed in Word (corpus/docx/, made with their expectations by make.py):
/// header, 【】 and 标题：, a signature set right, sources closing the last paragraph.
#[test]
fn docx_submissions_read_as_text_submissions_are() {
    let dir = corpus("docx");
    let mut problems = Vec::new();
    let docs = files(&dir, "docx");
    assert!(docs.len() >= 3, "{} .docx files", docs.len());
    for path in &docs {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let doc = import::read_file(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.encoding, "docx");
        check_items(&name, &import::items(&doc, ids()), &read_expect(path), &mut problems);
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
