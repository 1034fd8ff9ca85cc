//! Files and text: open a workspace of 10,000 pooled items and 52 issues (to the first
//! frame), export a 300-item issue (wrapped, paginated, Markdown, PDF, DOCX), lay out a 100,000-字
//! paragraph, save a 300-item issue, import a 40-page PDF issue and 1,000 submission files.

mod support;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use jianbao::commands::export::{Format, Settings, render_bytes};
use jianbao::export::fonts::{FontSet, Sources};
use jianbao::export::{TextOptions, markdown, text};
use jianbao::layout::wrap;
use jianbao::model::Item;
use jianbao::model::history::{Loc, Op};
use jianbao::store::load_issue;
use jianbao::store::session::Session;
use jianbao::tui::config::Dirs;
use jianbao::tui::{Options, start, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn open(c: &mut Criterion) {
    let (dir, _) = support::workspace(10_000, 52);
    let mut group = c.benchmark_group("open");
    group.sample_size(20);
    group.bench_function("10000 pooled + 52 issues, to the first frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                // As `jianbao DIR`: find the newest issue, open it, draw.
                let started = Instant::now();
                let mut app = start(
                    &Options {
                        path: Some(dir.clone()),
                        theme: None,
                        lang: Some(jianbao::lang::Lang::Zh),
                        cwd: None,
                        sample: false,
                    },
                    &Dirs { config: None, state: None, fonts: None },
                    std::sync::Arc::new(|_| {}),
                    ratatui::layout::Rect::new(0, 0, 200, 60),
                )
                .unwrap();
                let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
                terminal.draw(|f| ui::draw(f, &app)).unwrap();
                total += started.elapsed();
                // The pool goes on arriving in the background: let it finish, untimed, so
                // that the next open does not share the cores with it.
                app.wait_pool();
                black_box(app);
            }
            total
        })
    });
    group.finish();
}

fn export(c: &mut Criterion) {
    let (_, path) = support::issue_of(300);
    let issue = load_issue(&path).unwrap().doc;
    let mut group = c.benchmark_group("export 300 items");
    group.bench_function("wrapped", |b| {
        b.iter(|| text(black_box(&issue), TextOptions { width: 28, lines_per_page: 0 }))
    });
    group.bench_function("paginated", |b| {
        b.iter(|| text(black_box(&issue), TextOptions { width: 28, lines_per_page: 22 }))
    });
    group.bench_function("markdown", |b| b.iter(|| markdown(black_box(&issue))));
    // The PDF with this machine's fonts (the committed test subset where it has none),
    // font discovery included: what `jianbao export --format pdf` does.
    let settings = Settings { format: Format::Pdf, ..Settings::default() };
    let system = Sources::for_export(None);
    let sources = if FontSet::find(&system, &issue.print.fonts).is_ok() {
        system
    } else {
        Sources { system: false, folders: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fonts")] }
    };
    let bytes = render_bytes(&issue, settings, &sources).unwrap().bytes.len();
    eprintln!("PDF of the 300-item issue: {bytes} bytes");
    group.sample_size(10);
    group.bench_function("pdf", |b| b.iter(|| render_bytes(black_box(&issue), settings, &sources).unwrap()));
    let docx = Settings { format: Format::Docx, ..Settings::default() };
    let bytes = render_bytes(&issue, docx, &sources).unwrap().bytes.len();
    eprintln!("DOCX of the 300-item issue: {bytes} bytes");
    group.bench_function("docx", |b| b.iter(|| render_bytes(black_box(&issue), docx, &sources).unwrap()));
    group.finish();
}

/// Import: a past issue of about 40 pages from its PDF (ours, made here with the test
/// font), and 1,000 submission files into a pool (read, checked against the workspace
/// for duplicates, written), each into a fresh copy of the sample workspace.
fn import(c: &mut Criterion) {
    use criterion::BatchSize;
    use jianbao::commands::import::import_to_pool;
    use jianbao::store::Workspace;
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    let (_, path) = support::issue_of(18);
    let issue = load_issue(&path).unwrap().doc;
    let fonts =
        Sources { system: false, folders: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fonts")] };
    let pdf = render_bytes(&issue, Settings { format: Format::Pdf, ..Settings::default() }, &fonts).unwrap();
    let pages = pdf.report.as_ref().map_or(0, |r| r.pages);
    eprintln!("the PDF issue: {pages} pages, {} bytes", pdf.bytes.len());
    let file = Path::new("issue.pdf");
    group.bench_function(format!("a {pages}-page PDF issue"), |b| {
        b.iter(|| {
            let doc = jianbao::import::read_bytes(file, black_box(&pdf.bytes)).unwrap();
            let mut n = 0;
            jianbao::import::issue(&doc, file, || {
                n += 1;
                format!("2026-11-20-b{n:03}")
            })
            .unwrap()
        })
    });

    let dir = tempfile::tempdir().unwrap();
    let mut r = support::generate::Rng::new(7);
    let date = jianbao::model::Date::new(2026, 11, 20).unwrap();
    let files: Vec<std::path::PathBuf> = (0..1000)
        .map(|k| {
            let item = support::generate::item(&mut r, format!("s{k}"), date);
            let mut text = format!("报送单位：{}\n联系人：王敏  电话：0571-8888 {k:04}\n\n", item.sources[0]);
            text.push_str(&format!("{}（{k}）\n\n", item.headline));
            for p in item.paragraphs() {
                text.push_str(&format!("　　{p}\n"));
            }
            text.push_str(&format!("（{}）\n", item.sources.join("、")));
            let path = dir.path().join(format!("来稿{k:04}.txt"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    group.bench_function("1000 submission files into a pool", |b| {
        b.iter_batched(
            || {
                let ws = tempfile::tempdir().unwrap();
                Workspace::create_from_samples(&ws.path().join("ws")).unwrap();
                ws
            },
            |ws| {
                let reports = import_to_pool(&files, Some(&ws.path().join("ws")), false).unwrap();
                assert_eq!(reports.len(), 1000);
                ws
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn layout(c: &mut Criterion) {
    let item = support::generate::long_item("2026-11-20-long", 100_000);
    let paragraph: String = item.body.lines().collect();
    assert!(paragraph.chars().count() >= 100_000);
    c.bench_function("lay out a 100000-zi paragraph at 28 zi", |b| {
        b.iter(|| wrap(black_box(&paragraph), 56, 4, 0))
    });
}

fn save(c: &mut Criterion) {
    let (_, path) = support::issue_of(300);
    let mut session = Session::open(Path::new(&path)).unwrap();
    session.wait_pool();
    let mut flip = false;
    c.bench_function("save a 300-item issue", |b| {
        b.iter(|| {
            // One change, so that there is something to save.
            flip = !flip;
            let before = session.issue().sections[0].items[0].clone();
            let after = Item { notes: if flip { "已核".into() } else { String::new() }, ..before.clone() };
            let at = Loc::Issue(jianbao::model::ItemPos::new(0, 0));
            session
                .commit(vec![Op::EditItem { at, before: Box::new(before), after: Box::new(after) }])
                .unwrap();
            session.save().unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(4)).warm_up_time(Duration::from_secs(1));
    targets = open, export, layout, save, import
}
criterion_main!(benches);
