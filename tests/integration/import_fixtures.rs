//! The importer on fixtures written in the genre (tests/fixtures/import/): text copied out
//! of the PDFs of two past issues (hard-wrapped, page numbers, a paragraph cut by a page,
//! artifact spaces, an odd bullet glyph), a fragment without masthead, one e-mailed
//! submission in four encodings, a .docx built here, and files that must be refused.
//!
//! Each `pdf-*.txt` was made from its `pdf-*.truth.toml` by exporting it with
//! `--paginate` and doing to the text what a PDF extractor does; importing it must give
//! the truth back (ids, received dates, notes, origin, width and page length aside: the
//! text does not carry them).

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jianbao::import::{self, Document};
use jianbao::model::{Footer, Issue, Item};
use jianbao::store::{Workspace, load_issue, load_pool_item};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_jianbao");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// Temporary data, config, state and home folders and a working folder: the binary never
/// sees the user's own.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = TempDir::new().expect("temp dir");
        for d in ["data", "config", "state", "home", "work"] {
            fs::create_dir_all(dir.path().join(d)).expect("sandbox folder");
        }
        Sandbox { dir }
    }

    /// The working folder (not a workspace).
    fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    /// A fresh copy of the sample workspace.
    fn workspace(&self) -> Workspace {
        Workspace::create_from_samples(&self.dir.path().join("ws")).expect("sample workspace")
    }

    fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Output {
        let root = self.dir.path();
        Command::new(BIN)
            .args(args)
            .current_dir(self.work())
            .env("XDG_DATA_HOME", root.join("data"))
            .env("XDG_CONFIG_HOME", root.join("config"))
            .env("XDG_STATE_HOME", root.join("state"))
            .env("HOME", root.join("home"))
            .env("JIANBAO_LANG", "en")
            .env_remove("RUST_BACKTRACE")
            .env_remove("RUST_LIB_BACKTRACE")
            .output()
            .expect("run jianbao")
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn show(out: &Output) -> String {
    format!("status {:?}\n--- stdout\n{}--- stderr\n{}", out.status.code(), stdout(out), stderr(out))
}

/// The pool's file names.
fn pool_files(ws: &Workspace) -> BTreeSet<String> {
    fs::read_dir(ws.pool_dir())
        .expect("pool folder")
        .map(|e| e.expect("pool entry").file_name().to_string_lossy().into_owned())
        .collect()
}

/// Ids `t01`, `t02`, … (the same sequence for every document compared).
fn counter() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("t{n:02}")
    }
}

fn paragraphs(item: &Item) -> Vec<&str> {
    item.paragraphs().collect()
}

// ---------------------------------------------------------------------------------------
// Comparing an imported issue with its truth
// ---------------------------------------------------------------------------------------

fn footer_lines(f: &Footer, out: &mut Vec<String>) {
    out.push(format!("footer.email = {}", f.email));
    out.push(format!("footer.editor = {}", f.editor));
    out.push(format!("footer.reviewer = {}", f.reviewer));
    out.push(format!("footer.copies = {}", f.copies));
    for d in &f.distribution {
        out.push(format!("footer.{}: {}", d.label, d.recipients.join(" | ")));
    }
}

/// What the import must recover, one fact a line, in outline order: publication,
/// numbering, style, then each section and item with its paragraphs, then the footer.
fn facts(issue: &Issue) -> Vec<String> {
    let mut out = vec![
        format!("publication.title = {}", issue.publication.title),
        format!("publication.publisher = {}", issue.publication.publisher),
        format!("publication.toc_heading = {}", issue.publication.toc_heading),
        format!(
            "issue = {}年 第{}期 总第{}期 {}",
            issue.numbering.year, issue.numbering.number, issue.numbering.total, issue.numbering.date
        ),
        format!("layout.headline_style = {}", issue.layout.headline_style.as_str()),
        format!("layout.source_placement = {}", issue.layout.source_placement.as_str()),
    ];
    for section in &issue.sections {
        out.push(format!("[section] “{}” toc = {}", section.title, section.toc.as_str()));
        for item in &section.items {
            out.push(format!("  [item] {}", item.headline.replace('\n', "⏎")));
            out.push(format!("    toc_title = {}", item.toc_title));
            out.push(format!("    in_toc = {}", item.in_toc));
            out.push(format!("    column = {}", item.column));
            out.push(format!("    sources = {}", item.sources.join("、")));
            for p in item.paragraphs() {
                out.push(format!("    ¶ {p}"));
            }
        }
    }
    footer_lines(&issue.footer, &mut out);
    out
}

/// A line diff (longest common subsequence): `-` the truth only, `+` the import only.
fn diff(want: &[String], got: &[String]) -> String {
    let (n, m) = (want.len(), got.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] =
                if want[i] == got[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && want[i] == got[j] {
            out.push_str(&format!("  {}\n", want[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+ {}\n", got[j]));
            j += 1;
        } else {
            out.push_str(&format!("- {}\n", want[i]));
            i += 1;
        }
    }
    out
}

/// `import --issue FIXTURE -o OUT` in a sandbox, and OUT compared with the truth.
fn assert_imports_as_truth(txt: &str, truth: &str) {
    let sandbox = Sandbox::new();
    let out_path = sandbox.work().join("imported.toml");
    let out = sandbox.run(&[
        OsStr::new("import"),
        OsStr::new("--issue"),
        fixture(txt).as_os_str(),
        OsStr::new("-o"),
        out_path.as_os_str(),
    ]);
    assert!(out.status.success(), "import --issue {txt} failed\n{}", show(&out));
    assert!(
        stdout(&out).contains(&out_path.display().to_string()),
        "the summary names the issue file\n{}",
        show(&out)
    );
    let got = load_issue(&out_path).unwrap_or_else(|e| panic!("the imported issue does not load: {e}")).doc;
    let want = load_issue(&fixture(truth)).unwrap_or_else(|e| panic!("the truth does not load: {e}")).doc;
    let (want, got) = (facts(&want), facts(&got));
    if want != got {
        panic!("{txt} does not import as {truth} (- truth, + imported):\n{}", diff(&want, &got));
    }
}

#[test]
fn pdf_heading_issue_imports_as_its_truth() {
    assert_imports_as_truth("pdf-heading.txt", "pdf-heading.truth.toml");
}

#[test]
fn pdf_runin_issue_imports_as_its_truth() {
    assert_imports_as_truth("pdf-runin.txt", "pdf-runin.truth.toml");
}

// ---------------------------------------------------------------------------------------
// The fixtures are what they claim to be
// ---------------------------------------------------------------------------------------

/// Width in 字 of a line of the PDF text (ASCII is half a 字).
fn zi(line: &str) -> f64 {
    line.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum()
}

#[test]
fn the_pdf_fixtures_look_like_pdf_text() {
    for (name, width) in [("pdf-heading.txt", 27.0), ("pdf-runin.txt", 28.0)] {
        let text = fs::read_to_string(fixture(name)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines.iter().all(|l| !l.starts_with([' ', '\u{3000}'])),
            "{name}: indents and centring are gone"
        );
        // Body lines run to the hard wrap (artifact spaces may add half a 字 or two).
        let full = lines.iter().filter(|l| (width - 1.0..=width + 2.0).contains(&zi(l))).count();
        assert!(full >= 20, "{name}: hard-wrapped at about {width} 字 ({full} full lines)");
        // A page-number line cuts a paragraph: the line before it does not end a sentence.
        let page = |l: &str| {
            let t = l.trim_start_matches('\u{c}');
            (t.starts_with("- ") && t.ends_with(" -")) || (t.starts_with("— ") && t.ends_with(" —"))
        };
        let cut = lines.windows(3).any(|w| page(w[1]) && !w[0].ends_with(['。', '）']) && !w[0].is_empty());
        assert!(cut, "{name}: a paragraph is split across a page");
    }
    let heading = fs::read_to_string(fixture("pdf-heading.txt")).unwrap();
    for artifact in
        ["2025 年 第 12 期", "2025 年 3 月 28 日", "【 科创工作 】", "将于 2025 年 5 月", "\u{f06c} "]
    {
        assert!(heading.contains(artifact), "pdf-heading.txt has “{artifact}”");
    }
    assert_eq!(heading.matches("召开 2025 年").count(), 2, "artifact spaces in two paragraphs");
    assert!(!heading.contains(['━', '─', '◆', '\u{c}']), "rules, ◆ and form feeds are gone");
}

// ---------------------------------------------------------------------------------------
// Into the pool
// ---------------------------------------------------------------------------------------

#[test]
fn a_fragment_becomes_pool_items() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace();
    let before = pool_files(&ws);
    let file = fixture("fragment.txt");
    let out = sandbox.run(&[
        OsStr::new("import"),
        OsStr::new("--workspace"),
        ws.root().as_os_str(),
        file.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", show(&out));
    let summary = stdout(&out);
    let line = summary.lines().next().unwrap_or_default();
    assert!(line.contains(&file.display().to_string()) && line.contains("2 items"), "summary: {summary}");
    let after = pool_files(&ws);
    assert!(before.is_subset(&after), "nothing in the pool was replaced");
    let new: Vec<&String> = after.difference(&before).collect();
    assert_eq!(new.len(), 2, "two new pool files: {new:?}");
    let mut items: Vec<Item> =
        new.iter().map(|f| load_pool_item(&ws.pool_dir().join(f)).expect("pool file loads").doc).collect();
    items.sort_by(|a, b| a.id.cmp(&b.id));

    let want: [(&str, usize, &[&str], &str); 2] = [
        (
            "鹤山区科协联合区教育局举办中小学科技辅导员培训班",
            2,
            &["鹤山区科协", "鹤山区教育局"],
            "并现场交流教学心得。",
        ),
        (
            "江州市药学会发布2025年度“合理用药进万家”活动计划",
            3,
            &["江州市药学会"],
            "解答群众日常用药中的常见疑问。",
        ),
    ];
    for (item, (headline, count, sources, last_ends)) in items.iter().zip(want) {
        assert_eq!(item.headline, headline);
        assert_eq!(paragraphs(item).len(), count, "paragraphs of “{headline}”: {:#?}", paragraphs(item));
        assert_eq!(item.sources, sources, "sources of “{headline}”");
        let last = paragraphs(item).last().copied().unwrap_or_default();
        assert!(last.ends_with(last_ends), "the sources are not left in the text: {last}");
        assert_eq!(item.origin, file.display().to_string(), "the item records the file it came from");
        assert!(item.received.is_some(), "the item records when it was received");
    }
    assert!(paragraphs(&items[0])[0].starts_with("3月15日至16日，鹤山区科协、区教育局"));
    assert!(paragraphs(&items[1])[1].contains("200余人"));
}

/// `submission.txt` in the encodings e-mail brings: (file name, bytes, encoding named).
fn submission_copies() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let text = fs::read_to_string(fixture("submission.txt")).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err(), "the GBK copy is not UTF-8 by accident");
    let utf16 = |big: bool| {
        let mut bytes = if big { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&if big { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        bytes
    };
    vec![
        ("submission-utf8.txt", text.as_bytes().to_vec(), "UTF-8"),
        ("submission-gbk.txt", gbk.into_owned(), "gb18030"),
        ("submission-utf16le.txt", utf16(false), "UTF-16LE"),
        ("submission-utf16be.txt", utf16(true), "UTF-16BE"),
    ]
}

#[test]
fn encodings_give_identical_items() {
    let dir = TempDir::new().unwrap();
    let mut results: Vec<(&str, Vec<Item>)> = Vec::new();
    let mut paths = Vec::new();
    for (name, bytes, encoding) in submission_copies() {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let doc: Document = import::read_file(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(doc.encoding.eq_ignore_ascii_case(encoding), "{name} read as {}", doc.encoding);
        results.push((name, import::items(&doc, counter())));
        paths.push((path, encoding));
    }
    let (_, first) = &results[0];
    assert_eq!(first.len(), 1, "one item: {first:#?}");
    let item = &first[0];
    assert_eq!(item.headline, "滨江区科协举办“科技工作者服务企业行”启动仪式");
    assert_eq!(item.sources, ["滨江区科协"]);
    let ps = paragraphs(item);
    assert_eq!(ps.len(), 3, "{ps:#?}");
    assert!(ps[0].starts_with("3月26日，滨江区科协在滨江科技园"));
    assert!(ps[1].contains("CUBE-Net 3.0视觉检测模型"));
    assert!(ps[2].ends_with("变成“长期陪伴”。"));
    for (name, items) in &results[1..] {
        assert_eq!(items, first, "{name} gives what the UTF-8 copy gives");
    }

    let sandbox = Sandbox::new();
    let ws = sandbox.workspace();
    // The four copies are one submission: --force takes each (else the last three are
    // reported as duplicates of the first).
    let mut args =
        vec![OsStr::new("import"), OsStr::new("--force"), OsStr::new("--workspace"), ws.root().as_os_str()];
    args.extend(paths.iter().map(|(p, _)| p.as_os_str()));
    let out = sandbox.run(&args);
    assert!(out.status.success(), "{}", show(&out));
    let summary = stdout(&out);
    let lines: Vec<&str> = summary.lines().collect();
    assert_eq!(lines.len(), 4, "one summary line a file: {summary}");
    for (k, (line, (path, encoding))) in lines.iter().zip(&paths).enumerate() {
        assert!(line.contains(&path.display().to_string()), "{line}");
        assert!(line.contains("1 item"), "{line}");
        assert_eq!(line.contains("imported anyway (--force)"), k > 0, "{line}");
        assert!(
            line.to_lowercase().contains(&encoding.to_lowercase()),
            "the summary names {encoding}: {line}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Word documents
// ---------------------------------------------------------------------------------------

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A submission as Word saves it: a centred headline, a paragraph in two runs, a centred
/// picture (with a caption in a text box inside the drawing), a table of two cells, and
/// a last paragraph with the sources.
const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/><w:sz w:val="36"/></w:rPr><w:t>江州市机械工程学会举办工业机器人技术对接会</w:t></w:r></w:p>
<w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr><w:r><w:t xml:space="preserve">3月27日，江州市机械工程学会在江州高新区举办工业机器人技术对接会，</w:t></w:r><w:r><w:t>全市30余家装备制造企业和5所高校的专家参加。</w:t></w:r></w:p>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline><wp:extent cx="5274310" cy="3515360"/><wp:docPr id="1" name="图片 1" descr="对接会现场"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>图为对接会签约环节</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>首批发布企业技术需求18项，涉及焊接、喷涂、装配等工序。</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>参与对接的专家来自江州大学、江州理工大学等5所高校。</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:ind w:firstLineChars="200"/></w:pPr><w:r><w:t>学会表示，将跟踪对接进展，年内再组织一场对接会。（江州市机械工程学会）</w:t></w:r></w:p>
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
</w:body></w:document>"#;

fn build_docx(path: &Path) {
    let file = fs::File::create(path).expect("create .docx");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in
        [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", DOCUMENT)]
    {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish");
}

#[test]
fn a_docx_built_here_imports() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("机械工程学会来稿.docx");
    build_docx(&path);
    let doc = import::read_file(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(doc.encoding, "docx");
    let items = import::items(&doc, counter());
    assert_eq!(items.len(), 1, "{items:#?}");
    let item = &items[0];
    assert_eq!(
        item.headline, "江州市机械工程学会举办工业机器人技术对接会",
        "the centred paragraph is the headline"
    );
    assert_eq!(
        paragraphs(item),
        [
            "3月27日，江州市机械工程学会在江州高新区举办工业机器人技术对接会，全市30余家装备制造企业和5所高校的专家参加。",
            "首批发布企业技术需求18项，涉及焊接、喷涂、装配等工序。",
            "参与对接的专家来自江州大学、江州理工大学等5所高校。",
            "学会表示，将跟踪对接进展，年内再组织一场对接会。",
        ],
        "paragraphs in order, table cells included"
    );
    assert_eq!(item.sources, ["江州市机械工程学会"]);
    let all = format!("{}{}", item.headline, item.body);
    assert!(!all.contains("图为") && !all.contains("对接会现场"), "nothing from the drawing: {all}");
}

// ---------------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------------

/// What stands at a path given to `import`.
enum Bad {
    Bytes(Vec<u8>),
    Missing,
    Folder,
}

#[test]
fn bad_files_are_refused_whole() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace();
    let before = pool_files(&ws);
    let dir = sandbox.dir.path().join("incoming");
    fs::create_dir_all(&dir).unwrap();

    // Bytes of no text encoding, NULs among them (a fixed pseudo-random sequence).
    let mut x: u32 = 0x2025_0328;
    let noise: Vec<u8> = (0..600)
        .map(|k| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            if k % 7 == 3 { 0 } else { (x >> 16) as u8 | 0x80 }
        })
        .collect();
    let mut corrupt = b"PK\x03\x04".to_vec();
    corrupt.extend(b"\x14\x00\x06\x00garbage, not a zip archive at all \xff\xfe\x01");
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.extend([0u8; 504]);

    let cases = [
        ("noise.txt", Bad::Bytes(noise), &["binary", "encoding", "text"][..]),
        ("corrupt.docx", Bad::Bytes(corrupt), &["docx", "zip", "corrupt"]),
        ("encrypted.docx", Bad::Bytes(encrypted), &["encrypted"]),
        ("empty.txt", Bad::Bytes(Vec::new()), &["empty"]),
        ("missing.txt", Bad::Missing, &["no such file", "not found", "does not exist"]),
        ("a folder.txt", Bad::Folder, &["folder", "directory"]),
    ];
    for (name, bad, reasons) in cases {
        let path = dir.join(name);
        match bad {
            Bad::Bytes(b) => fs::write(&path, b).unwrap(),
            Bad::Folder => fs::create_dir_all(&path).unwrap(),
            Bad::Missing => {}
        }
        let good = fixture("submission.txt");
        let out = sandbox.run(&[
            OsStr::new("import"),
            OsStr::new("--workspace"),
            ws.root().as_os_str(),
            good.as_os_str(),
            path.as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{name} is refused\n{}", show(&out));
        let err = stderr(&out);
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{name}: one line on stderr\n{err}");
        assert!(
            lines[0].contains(&path.display().to_string()),
            "{name}: the line names the file: {}",
            lines[0]
        );
        let lower = lines[0].to_lowercase();
        assert!(
            reasons.iter().any(|r| lower.contains(r)),
            "{name}: the line says why ({reasons:?}): {}",
            lines[0]
        );
        assert!(
            !lower.contains("panick") && !lower.contains("error {"),
            "{name}: no panic or debug dump: {}",
            lines[0]
        );
        assert_eq!(
            pool_files(&ws),
            before,
            "{name}: nothing at all is written to the pool, not even the good file"
        );
    }
}

#[test]
fn import_issue_refuses_a_fragment() {
    let sandbox = Sandbox::new();
    let out_path = sandbox.work().join("fragment-issue.toml");
    let file = fixture("fragment.txt");
    let out = sandbox.run(&[
        OsStr::new("import"),
        OsStr::new("--issue"),
        file.as_os_str(),
        OsStr::new("-o"),
        out_path.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", show(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().filter(|l| !l.trim().is_empty()).count(), 1, "one sentence: {err}");
    assert!(err.contains(&file.display().to_string()), "it names the file: {err}");
    assert!(err.to_lowercase().contains("no masthead"), "it says there is no masthead: {err}");
    assert!(!out_path.exists(), "no issue file is written");
}

#[test]
fn import_issue_never_overwrites() {
    let sandbox = Sandbox::new();
    let out_path = sandbox.work().join("2025-06.toml");
    let file = fixture("pdf-runin.txt");
    let args = [
        OsStr::new("import"),
        OsStr::new("--issue"),
        file.as_os_str(),
        OsStr::new("-o"),
        out_path.as_os_str(),
    ];
    let first = sandbox.run(&args);
    assert!(first.status.success(), "{}", show(&first));
    let written = fs::read(&out_path).expect("the issue file");
    let mtime = fs::metadata(&out_path).unwrap().modified().unwrap();
    let second = sandbox.run(&args);
    assert_eq!(second.status.code(), Some(2), "the second import is refused\n{}", show(&second));
    let err = stderr(&second);
    assert_eq!(err.lines().filter(|l| !l.trim().is_empty()).count(), 1, "one sentence: {err}");
    assert!(err.contains(&out_path.display().to_string()), "it names the file it will not overwrite: {err}");
    assert_eq!(fs::read(&out_path).unwrap(), written, "the file is unchanged");
    assert_eq!(fs::metadata(&out_path).unwrap().modified().unwrap(), mtime, "the file was not rewritten");
    let backups: Vec<_> =
        fs::read_dir(sandbox.work()).unwrap().flatten().filter(|e| e.file_name() != "2025-06.toml").collect();
    assert!(backups.is_empty(), "nothing else is written beside it: {backups:?}");
}

/// Submissions as offices send them (tests/fixtures/import/submissions/, written in the
/// genre): header, `标题：`, 【】, a mail client's wrap with indents, CRLF, a BOM, a
/// signature with a date, `供稿：`, `来源：`, `（供稿单位：…）`, sources closing the last
/// paragraph, two items in one file, a two-line headline. Each in UTF-8, GBK and UTF-16
/// gives the same items.
#[test]
fn submissions_in_the_shapes_offices_send() {
    use jianbao::model::Date;
    struct Want {
        headline: &'static str,
        sources: &'static [&'static str],
        paragraphs: usize,
        received: Option<Date>,
        notes: &'static str,
    }
    let cases: [(&str, &[Want]); 5] = [
        (
            "mail-wrap.txt",
            &[Want {
                headline: "机械工程学会组织专家赴园区企业开展技术诊断",
                sources: &["江州市机械工程学会"],
                paragraphs: 2,
                received: None,
                notes: "联系人：周立群 电话：0571-8736 2210",
            }],
        ),
        (
            "signature.txt",
            &[Want {
                headline: "东湖镇科普e站开展冬季安全用电宣传",
                sources: &["东湖镇科协"],
                paragraphs: 2,
                received: Date::new(2026, 11, 20),
                notes: "",
            }],
        ),
        (
            "multi.txt",
            &[
                Want {
                    headline: "江州市营养学会举办“健康食堂”专题培训",
                    sources: &["江州市营养学会", "市机关事务管理局"],
                    paragraphs: 2,
                    received: None,
                    notes: "",
                },
                Want {
                    headline: "云溪区科协召开基层科协组织建设推进会",
                    sources: &["云溪区科协"],
                    paragraphs: 2,
                    received: None,
                    notes: "",
                },
            ],
        ),
        (
            "two-line.txt",
            &[Want {
                headline: "江州市青少年科技创新大赛\n复赛在江州科技馆举行",
                sources: &["市科协青少年科技中心"],
                paragraphs: 2,
                received: None,
                notes: "",
            }],
        ),
        (
            "bom-bracket.txt",
            &[Want {
                headline: "市气象学会开展“气象科普进社区”活动",
                sources: &["江州市气象学会"],
                paragraphs: 2,
                received: None,
                notes: "",
            }],
        ),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/submissions");
    for (name, wants) in cases {
        let text = fs::read(dir.join(name)).unwrap();
        let utf8 = String::from_utf8(text.clone()).unwrap();
        let (gbk, _, _) = encoding_rs::GB18030.encode(utf8.trim_start_matches('\u{feff}'));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in utf8.trim_start_matches('\u{feff}').encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let mut seen = Vec::new();
        for bytes in [text.clone(), gbk.into_owned(), utf16] {
            let doc = jianbao::import::read_bytes(&dir.join(name), &bytes).unwrap();
            let mut n = 0;
            let items = jianbao::import::items(&doc, || {
                n += 1;
                format!("2026-11-20-t{n:02}")
            });
            assert_eq!(items.len(), wants.len(), "{name}: {items:#?}");
            for (item, want) in items.iter().zip(wants) {
                assert_eq!(item.headline, want.headline, "{name}");
                assert_eq!(item.sources, want.sources, "{name}");
                assert_eq!(item.paragraphs().count(), want.paragraphs, "{name}: {:?}", item.body);
                assert_eq!(item.received, want.received, "{name}");
                assert_eq!(item.notes, want.notes, "{name}");
                for header in ["报送单位", "联系人", "电话", "供稿", "来源", "标题："] {
                    assert!(!item.body.contains(header), "{name}: {header} in the body: {}", item.body);
                }
                let last = item.paragraphs().last().unwrap_or_default().to_string();
                assert!(
                    !last.ends_with(want.sources[0]) && !last.ends_with('）'),
                    "{name}: the source left in the body: {last}"
                );
            }
            seen.push(items);
        }
        assert!(seen.windows(2).all(|w| w[0] == w[1]), "{name}: every encoding gives the same items");
    }
    // The report names what was guessed, in the interface's language.
    let guessed = |name: &str| {
        let doc = jianbao::import::read_file(&dir.join(name)).unwrap();
        jianbao::import::warnings(&doc).iter().map(|w| w.say(jianbao::lang::Lang::Zh)).collect::<Vec<_>>()
    };
    assert_eq!(guessed("signature.txt"), ["第1条标题取自第一行", "第1条来源取自落款"]);
    assert_eq!(guessed("mail-wrap.txt"), Vec::<String>::new(), "标题： and 供稿： leave nothing to guess");
    let ws_dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create_from_samples(&ws_dir.path().join("ws")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["import", "--workspace"])
        .arg(ws.root())
        .arg(dir.join("signature.txt"))
        .env("JIANBAO_LANG", "zh")
        .output()
        .unwrap();
    let line = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(line.contains("：1 条（UTF-8）；请核对 2 处：第1条标题取自第一行；第1条来源取自落款"), "{line}");
    let item = ws
        .pool_items()
        .unwrap()
        .into_iter()
        .map(|l| l.doc)
        .find(|i| i.headline.contains("冬季安全用电"))
        .unwrap();
    assert_eq!(item.received, jianbao::model::Date::new(2026, 11, 20), "the signature's date, not today's");
}

/// An item already in the pool or an issue is skipped and named, in the summary line;
/// `--force` takes it all the same; a re-wrapped copy of the same text is the same item.
#[test]
fn duplicates_are_skipped_and_named_unless_forced() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace();
    let pool_count = || ws.pool_items().unwrap().len();
    let file = fixture("submissions/signature.txt");
    let import = |extra: &[&str], file: &Path| {
        let mut args: Vec<std::ffi::OsString> = vec!["import".into(), "--workspace".into(), ws.root().into()];
        args.extend(extra.iter().map(Into::into));
        args.push(file.into());
        let out = sandbox.run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", show(&out));
        stdout(&out)
    };
    let before = pool_count();
    let first = import(&[], &file);
    assert!(!first.contains("already there"), "{first}");
    assert_eq!(pool_count(), before + 1);
    let again = import(&[], &file);
    assert_eq!(pool_count(), before + 1, "the second copy is skipped: {again}");
    assert!(
        again.contains(": 0 items")
            && again.contains("1 already there, skipped (--force imports them): item 1 has the same headline as “东湖镇科普e站开展冬季安全用电宣传” in the pool"),
        "{again}"
    );
    // The same text under another headline, wrapped by a mail client: the body tells.
    let text = fs::read_to_string(&file).unwrap();
    let body: String = text.lines().skip(2).collect::<Vec<_>>().join("\n");
    let rewrapped: String = body
        .lines()
        .flat_map(|l| {
            let chars: Vec<char> = l.chars().collect();
            chars.chunks(30).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    let copy = sandbox.work().join("转发.txt");
    fs::write(&copy, format!("东湖镇开展用电安全宣传进村活动\n\n{rewrapped}\n")).unwrap();
    let said = import(&[], &copy);
    assert!(said.contains("the same body"), "{said}");
    assert_eq!(pool_count(), before + 1);
    let forced = import(&["--force"], &copy);
    assert!(forced.contains(": 1 item") && forced.contains("imported anyway (--force)"), "{forced}");
    assert_eq!(pool_count(), before + 2);

    // An item of an issue of the workspace: its place is named, in Chinese by default.
    let entry = ws.issues().unwrap().into_iter().next().unwrap();
    let n = entry.issue.doc.numbering;
    let third = entry.issue.doc.items().nth(2).unwrap().clone();
    let placed = sandbox.work().join("旧稿.txt");
    fs::write(
        &placed,
        format!("{}\n\n　　一段不同的正文，讲同一件事。\n\n（某单位）\n", third.headline.replace('\n', "")),
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["import", "--workspace"])
        .arg(ws.root())
        .arg(&placed)
        .env("JIANBAO_LANG", "zh")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    let place = format!("{}年第{}期第3条", n.year, n.number);
    assert!(
        said.contains("：0 条")
            && said.contains("1 条已有，未导入（要导入请加 --force）")
            && said.contains(&place),
        "{said}"
    );
}
