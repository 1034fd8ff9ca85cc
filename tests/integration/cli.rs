//! Integration tests of the `jianbao` command line against SPEC.md §2 and §4: `new`,
//! `export`, `check`, bad input and `--help`. Every test runs the real binary in a
//! sandbox: temporary data/config/state/home folders, a temporary working folder, and a
//! private copy of the sample workspace when it writes anything.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jianbao::model::{Issue, Item};
use jianbao::store::{load_issue, save_issue};
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

const BIN: &str = env!("CARGO_BIN_EXE_jianbao");
const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");

/// The newest sample issue (《科协每周动态》 2026年第45期, 总第318期, 2026-11-20).
const WEEKLY: &str = "2026-45";
/// The other publication's sample issue (《科创专班工作动态》 第21期, 总第87期, 2026-11-18).
const ZHUANBAN: &str = "2026-21";

/// Run the binary with `args` in `cwd`, in English.
fn run(args: &[&str], cwd: &Path) -> Output {
    run_lang(args, cwd, Some("en"))
}

/// Run the binary with `args` in `cwd`; `lang` sets `JIANBAO_LANG` (None: unset). The
/// user's data, config, state and home folders are replaced by empty temporary ones.
fn run_lang(args: &[&str], cwd: &Path, lang: Option<&str>) -> Output {
    let env = TempDir::new().expect("temp dir");
    run_in_env(args, cwd, env.path(), lang)
}

/// Run the binary with `args` in `cwd`, with data, config, state and home folders under
/// `env` (`env/data`, `env/config`, `env/state`, `env/home`), kept between runs.
fn run_in_env(args: &[&str], cwd: &Path, env: &Path, lang: Option<&str>) -> Output {
    let dirs = ["data", "config", "state", "home"].map(|d| {
        let p = env.join(d);
        fs::create_dir_all(&p).expect("env dir");
        p
    });
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(cwd)
        .env("XDG_DATA_HOME", &dirs[0])
        .env("XDG_CONFIG_HOME", &dirs[1])
        .env("XDG_STATE_HOME", &dirs[2])
        .env("HOME", &dirs[3])
        .env_remove("JIANBAO_LANG")
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    if let Some(lang) = lang {
        cmd.env("JIANBAO_LANG", lang);
    }
    cmd.output().expect("run jianbao")
}

/// Copy the folder `from` into `to` (created), recursively.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create folder");
    for entry in fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A private copy of the sample workspace; the temp folder itself is the workspace.
fn sample_ws() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    copy_dir(Path::new(SAMPLES), dir.path());
    dir
}

/// An empty temporary folder to run in.
fn scratch() -> TempDir {
    TempDir::new().expect("temp dir")
}

fn issue_file(ws: &Path, stem: &str) -> PathBuf {
    ws.join("issues").join(format!("{stem}.toml"))
}

fn s(p: &Path) -> String {
    p.to_str().expect("UTF-8 temp path").to_string()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code (not killed by a signal)")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn load(path: &Path) -> Issue {
    load_issue(path).unwrap_or_else(|e| panic!("load {}: {e}", path.display())).doc
}

/// Replace the one occurrence of `from` in `text` (the pattern must be there, once).
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "pattern {from:?} should occur exactly once");
    text.replacen(from, to, 1)
}

/// Rewrite the file at `path` with `from` replaced by `to` (exactly one occurrence).
fn edit_file(path: &Path, from: &str, to: &str) {
    let text = replace_once(&read(path), from, to);
    fs::write(path, text).expect("write edited file");
}

/// Load, change and save an issue through the library.
fn edit_issue(path: &Path, change: impl FnOnce(&mut Issue)) {
    let mut issue = load(path);
    change(&mut issue);
    save_issue(path, &issue).expect("save issue");
}

/// Write a copy of the 2026-45 sample with other numbers and date, named after them.
fn write_weekly_variant(ws: &Path, stem: &str, number: u32, total: u32, date: &str) -> PathBuf {
    let text = read(&issue_file(ws, WEEKLY));
    let text = replace_once(&text, "number = 45\n", &format!("number = {number}\n"));
    let text = replace_once(&text, "total = 318\n", &format!("total = {total}\n"));
    let text = replace_once(&text, "date = 2026-11-20\n", &format!("date = {date}\n"));
    let path = issue_file(ws, stem);
    fs::write(&path, text).expect("write variant");
    path
}

/// The lines of `text` that start with `prefix`.
fn lines_starting<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(prefix)).collect()
}

/// The file names in a folder, sorted (empty when it does not exist).
fn listing(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> =
        entries.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// Run `check` in English on an issue; exit code, stdout — without the warnings about
/// the notes the samples carry on two items (`check_warns_of_notes_left_on_items`), so
/// that a test sees the findings it planted.
fn check(issue: &Path) -> (i32, String) {
    let (code, out) = check_all(issue);
    let planted: String =
        out.lines().filter(|l| !l.contains("a note is left on it")).map(|l| format!("{l}\n")).collect();
    (code, planted)
}

/// Run `check` in English on an issue; exit code, stdout.
fn check_all(issue: &Path) -> (i32, String) {
    let cwd = scratch();
    let out = run(&["check", &s(issue)], cwd.path());
    (code(&out), stdout(&out))
}

/// Assert exit 1 and exactly one stdout line, an error line containing every `needle`.
fn assert_single_error(issue: &Path, needles: &[&str]) {
    let (code, out) = check(issue);
    assert_eq!(code, 1, "check should fail; stdout:\n{out}");
    let errors = lines_starting(&out, "error");
    assert_eq!(errors.len(), 1, "one error line expected:\n{out}");
    for needle in needles {
        assert!(errors[0].contains(needle), "error line should contain {needle:?}: {}", errors[0]);
    }
    assert_eq!(out.lines().count(), 1, "only the planted finding expected:\n{out}");
}

/// Assert exit 0 and exactly one stdout line, a warning containing every `needle`.
fn assert_single_warning(issue: &Path, needles: &[&str]) {
    let (code, out) = check(issue);
    assert_eq!(code, 0, "warnings alone must not fail the check; stdout:\n{out}");
    assert!(lines_starting(&out, "error").is_empty(), "no error expected:\n{out}");
    let warnings = lines_starting(&out, "warning");
    assert_eq!(warnings.len(), 1, "one warning line expected:\n{out}");
    for needle in needles {
        assert!(warnings[0].contains(needle), "warning should contain {needle:?}: {}", warnings[0]);
    }
    assert_eq!(out.lines().count(), 1, "only the planted finding expected:\n{out}");
}

/// An input or usage error: exit 2, exactly one non-empty stderr line that contains
/// `names` (usually the file), and no panic, backtrace hint, debug dump or raw OS error.
/// Returns that line.
fn assert_clean_failure(out: &Output, names: &str) -> String {
    let err = stderr(out);
    assert_eq!(code(out), 2, "exit status 2 expected; stderr: {err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "exactly one stderr line expected:\n{err}");
    let line = lines[0];
    assert!(!line.trim().is_empty(), "the stderr line is empty");
    assert!(line.contains(names), "stderr should name {names:?}: {line}");
    for bad in ["panicked", "RUST_BACKTRACE", "{", "os error"] {
        assert!(!line.contains(bad), "stderr contains {bad:?}: {line}");
    }
    line.to_string()
}

/// Run `check`, `export` (default output and `-o FILE`) and `new --from` on a bad issue
/// file in the workspace `ws`; each must fail cleanly naming `bad`, and write nothing.
/// `expect` checks the stderr line further. Returns the `check` stderr line.
fn assert_rejected_everywhere(ws: &Path, bad: &Path, expect: impl Fn(&str)) -> String {
    let cwd = scratch();
    let issues_before = listing(&ws.join("issues"));
    let out_file = cwd.path().join("out.txt");
    let name = s(bad);
    let runs: [(&str, Vec<&str>); 5] = [
        ("check", vec!["check", &name]),
        ("export", vec!["export", &name]),
        ("export -o FILE", vec!["export", &name, "-o", "out.txt"]),
        ("export -o -", vec!["export", &name, "-o", "-"]),
        ("new --from", vec!["new", "--from", &name]),
    ];
    let mut first = String::new();
    for (what, args) in runs {
        let out = run(&args, cwd.path());
        let line = assert_clean_failure(&out, &name);
        assert!(out.stdout.is_empty(), "{what}: nothing on stdout expected: {}", stdout(&out));
        expect(&line);
        if first.is_empty() {
            first = line;
        }
    }
    assert!(!ws.join("exports").exists(), "no exports folder may be made");
    assert!(!out_file.exists(), "no output file may be written");
    assert_eq!(listing(&ws.join("issues")), issues_before, "no issue file may be made");
    first
}

/// The 1-based line number of the first line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines().position(|l| l.starts_with(prefix)).expect("line present") + 1
}

// ---------------------------------------------------------------------------------------
// new
// ---------------------------------------------------------------------------------------

#[test]
fn new_creates_the_issue_after_the_newest_and_prints_its_path() {
    let ws = sample_ws();
    let cwd = scratch();
    let out = run(&["new", "--workspace", &s(ws.path())], cwd.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let path = issue_file(ws.path(), "2026-46");
    assert_eq!(stdout(&out), format!("{}\n", path.display()));
    assert!(path.is_file());

    let prev = load(&issue_file(ws.path(), WEEKLY));
    let new = load(&path);
    assert_eq!((new.numbering.year, new.numbering.number, new.numbering.total), (2026, 46, 319));
    assert_eq!(new.numbering.date.to_string(), "2026-11-27");
    let titles = |i: &Issue| i.sections.iter().map(|s| s.title.clone()).collect::<Vec<_>>();
    assert_eq!(titles(&new), titles(&prev));
    assert_eq!(titles(&new), ["", "学会动态", "区科协动态", "基层组织动态"]);
    assert!(new.sections.iter().all(|s| s.items.is_empty()), "the new issue has no items");
    assert_eq!(new.publication, prev.publication);
    assert_eq!(new.publication.title, "科协每周动态");
    assert_eq!(new.footer, prev.footer);
}

#[test]
fn new_from_an_issue_of_another_publication_keeps_that_publication() {
    let ws = sample_ws();
    let out = run(&["new", "--from", &format!("issues/{ZHUANBAN}.toml")], ws.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let path = issue_file(ws.path(), "2026-22");
    assert!(path.is_file(), "2026-22.toml should exist; stdout: {}", stdout(&out));
    let printed = ws.path().join(stdout(&out).trim_end());
    assert_eq!(printed.canonicalize().unwrap(), path.canonicalize().unwrap());

    let prev = load(&issue_file(ws.path(), ZHUANBAN));
    let new = load(&path);
    assert_eq!((new.numbering.year, new.numbering.number, new.numbering.total), (2026, 22, 88));
    assert_eq!(new.numbering.date.to_string(), "2026-11-25");
    assert_eq!(new.publication.title, "科创专班工作动态");
    assert_eq!(new.publication, prev.publication);
    assert_eq!(new.layout, prev.layout);
    assert_eq!(new.footer, prev.footer);
    assert_eq!(new.sections.len(), prev.sections.len());
    assert!(new.sections.iter().all(|s| s.items.is_empty()));
}

#[test]
fn new_restarts_the_number_in_a_new_year() {
    let ws = sample_ws();
    let last = write_weekly_variant(ws.path(), "2026-52", 52, 318, "2026-12-28");
    let cwd = scratch();
    let out = run(&["new", "--from", &s(&last)], cwd.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let path = issue_file(ws.path(), "2027-01");
    assert_eq!(stdout(&out), format!("{}\n", path.display()));
    let new = load(&path);
    assert_eq!((new.numbering.year, new.numbering.number, new.numbering.total), (2027, 1, 319));
    assert_eq!(new.numbering.date.to_string(), "2027-01-04");
}

#[test]
fn new_twice_follows_the_newest_issue_each_time() {
    let ws = sample_ws();
    let cwd = scratch();
    let first = run(&["new", "--workspace", &s(ws.path())], cwd.path());
    assert_eq!(code(&first), 0, "stderr: {}", stderr(&first));
    let second = run(&["new", "--workspace", &s(ws.path())], cwd.path());
    assert_eq!(code(&second), 0, "stderr: {}", stderr(&second));
    let path = issue_file(ws.path(), "2026-47");
    assert_eq!(stdout(&second), format!("{}\n", path.display()));
    let new = load(&path);
    assert_eq!((new.numbering.number, new.numbering.total), (47, 320));
    assert_eq!(new.numbering.date.to_string(), "2026-12-04");
}

#[test]
fn new_never_overwrites_an_existing_issue() {
    let ws = sample_ws();
    let existing = write_weekly_variant(ws.path(), "2026-46", 46, 319, "2026-11-27");
    let before = fs::read(&existing).unwrap();
    let cwd = scratch();
    let out = run(&["new", "--from", &s(&issue_file(ws.path(), WEEKLY))], cwd.path());
    let line = assert_clean_failure(&out, "2026-46");
    assert!(line.contains("already exists"), "{line}");
    assert!(out.stdout.is_empty());
    assert_eq!(fs::read(&existing).unwrap(), before, "the existing issue must be unchanged");
}

#[test]
fn new_in_a_workspace_without_issues_makes_issue_number_one() {
    let ws = scratch();
    fs::copy(Path::new(SAMPLES).join("jianbao.toml"), ws.path().join("jianbao.toml")).unwrap();
    fs::create_dir(ws.path().join("pool")).unwrap();
    fs::create_dir(ws.path().join("issues")).unwrap();
    let cwd = scratch();
    let out = run(&["new", "--workspace", &s(ws.path())], cwd.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let printed = PathBuf::from(stdout(&out).trim_end());
    assert!(printed.is_file(), "printed path {} should exist", printed.display());
    assert_eq!(listing(&ws.path().join("issues")).len(), 1);
    let new = load(&printed);
    assert_eq!((new.numbering.number, new.numbering.total), (1, 1));
    assert_eq!(i32::from(new.numbering.year), i32::from(new.numbering.date.year()));
    assert_eq!(printed, issue_file(ws.path(), &format!("{}-01", new.numbering.year)));
    assert_eq!(new.publication.title, "科协每周动态");
}

#[test]
fn new_without_workspace_uses_the_current_folder_when_it_is_one() {
    let ws = sample_ws();
    let out = run(&["new"], ws.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let path = issue_file(ws.path(), "2026-46");
    assert!(path.is_file(), "stdout: {}", stdout(&out));
    let printed = ws.path().join(stdout(&out).trim_end());
    assert_eq!(printed.canonicalize().unwrap(), path.canonicalize().unwrap());
}

#[test]
fn new_outside_any_workspace_uses_the_default_workspace_made_from_the_samples() {
    let env = scratch();
    let cwd = scratch();
    let first = run_in_env(&["new"], cwd.path(), env.path(), Some("en"));
    assert_eq!(code(&first), 0, "stderr: {}", stderr(&first));
    let printed = PathBuf::from(stdout(&first).trim_end());
    assert!(
        printed.starts_with(env.path()),
        "the default workspace is in the data dir: {}",
        printed.display()
    );
    assert!(printed.ends_with("issues/2026-46.toml"), "{}", printed.display());
    assert!(printed.is_file());
    let root = printed.parent().and_then(Path::parent).unwrap();
    assert!(root.join("jianbao.toml").is_file(), "the default workspace has a profile");
    assert!(root.join("issues").join("2026-45.toml").is_file(), "filled with the samples");
    assert!(listing(cwd.path()).is_empty(), "nothing is written in the current folder");

    let second = run_in_env(&["new"], cwd.path(), env.path(), Some("en"));
    assert_eq!(code(&second), 0, "stderr: {}", stderr(&second));
    assert_eq!(stdout(&second), format!("{}\n", root.join("issues").join("2026-47.toml").display()));
}

#[test]
fn new_refuses_a_folder_that_is_not_a_workspace() {
    let dir = scratch();
    let cwd = scratch();
    let out = run(&["new", "--workspace", &s(dir.path())], cwd.path());
    assert_clean_failure(&out, &s(dir.path()));
    assert!(out.stdout.is_empty());
    assert!(listing(dir.path()).is_empty(), "nothing may be created in it");
    let missing = dir.path().join("nowhere");
    let out = run(&["new", "--workspace", &s(&missing)], cwd.path());
    assert_clean_failure(&out, &s(&missing));
    assert!(!missing.exists(), "a missing workspace is not created");
}

#[test]
fn new_carries_the_settings_of_the_issue_it_follows() {
    let ws = sample_ws();
    // Changed in issue 45 (as the footer dialog does): issue 46 has it. Changed in
    // jianbao.toml only: the previous issue is the truth, the profile is not read.
    edit_file(&issue_file(ws.path(), WEEKLY), "editor = \"陈思远\"", "editor = \"王新\"");
    edit_file(
        &issue_file(ws.path(), WEEKLY),
        "[[footer.distribution]]",
        "[[footer.distribution]]\nlabel = \"报\"\nrecipients = [\"市委办公室\"]\n\n[[footer.distribution]]",
    );
    edit_file(&ws.path().join("jianbao.toml"), "reviewer = \"何立新\"", "reviewer = \"李明\"");
    let cwd = scratch();
    let out = run(&["new", "--workspace", &s(ws.path())], cwd.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let new = load(&issue_file(ws.path(), "2026-46"));
    assert_eq!(new.footer.editor, "王新");
    assert_eq!(new.footer.reviewer, "何立新", "jianbao.toml is the template of a first issue only");
    assert_eq!(new.footer.distribution[0].label, "报");
    assert_eq!(new.footer.distribution[0].recipients, ["市委办公室"]);
}

/// SPEC §4: jianbao.toml is the template of a workspace's first issue.
#[test]
fn the_first_issue_of_a_workspace_takes_the_profile() {
    let ws = sample_ws();
    for entry in fs::read_dir(ws.path().join("issues")).unwrap() {
        fs::remove_file(entry.unwrap().path()).unwrap();
    }
    edit_file(&ws.path().join("jianbao.toml"), "reviewer = \"何立新\"", "reviewer = \"李明\"");
    let cwd = scratch();
    let out = run(&["new", "--workspace", &s(ws.path())], cwd.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let new = load(Path::new(stdout(&out).trim()));
    assert_eq!((new.numbering.number, new.numbering.total), (1, 1));
    assert_eq!(new.footer.reviewer, "李明");
    assert_eq!(new.publication.title, "科协每周动态");
}

/// SPEC §2: "`jianbao.toml` holds … [publication], [layout] and [footer] …; `new` copies
/// them into the issue it makes." Without `--from`, the new issue is the workspace
/// publication's next one, even when another publication's issue is newer.
#[test]
fn new_in_a_workspace_makes_the_profiles_publication_even_when_another_is_newer() {
    let ws = sample_ws();
    edit_file(&issue_file(ws.path(), ZHUANBAN), "date = 2026-11-18\n", "date = 2026-11-21\n");
    let cwd = scratch();
    let out = run(&["new", "--workspace", &s(ws.path())], cwd.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let path = issue_file(ws.path(), "2026-46");
    assert_eq!(stdout(&out), format!("{}\n", path.display()));
    let new = load(&path);
    assert_eq!(new.publication.title, "科协每周动态");
    assert_eq!((new.numbering.number, new.numbering.total), (46, 319));
    assert!(!issue_file(ws.path(), "2026-22").exists());
}

// ---------------------------------------------------------------------------------------
// export
// ---------------------------------------------------------------------------------------

/// `export ISSUE -o - [extra…]` on the pristine samples: the text, after asserting exit 0.
fn export_stdout(extra: &[&str]) -> String {
    let cwd = scratch();
    let issue = Path::new(SAMPLES).join("issues").join(format!("{WEEKLY}.toml"));
    let issue = s(&issue);
    let mut args = vec!["export", issue.as_str(), "-o", "-"];
    args.extend_from_slice(extra);
    let out = run(&args, cwd.path());
    assert_eq!(code(&out), 0, "export {extra:?} failed: {}", stderr(&out));
    assert!(out.stderr.is_empty(), "nothing on stderr expected: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn export_to_stdout_is_byte_identical_across_runs() {
    let a = export_stdout(&[]);
    let b = export_stdout(&[]);
    assert!(a.contains("科协每周动态"), "{a}");
    assert!(a.contains("2026年 第45期"));
    assert!(a.contains("（总第318期）"));
    assert_eq!(a, b);
}

#[test]
fn export_without_output_writes_exports_folder_and_prints_the_path() {
    let ws = sample_ws();
    let cwd = scratch();
    let issue = s(&issue_file(ws.path(), WEEKLY));
    let out = run(&["export", &issue], cwd.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let path = ws.path().join("exports").join("2026-45.txt");
    assert_eq!(stdout(&out), format!("{}\n", path.display()));
    let piped = run(&["export", &issue, "-o", "-"], cwd.path());
    assert_eq!(code(&piped), 0);
    assert!(!piped.stdout.is_empty());
    assert_eq!(fs::read(&path).unwrap(), piped.stdout);
}

#[test]
fn export_markdown_goes_to_an_md_file_starting_with_the_title() {
    let ws = sample_ws();
    let cwd = scratch();
    let out = run(&["export", &s(&issue_file(ws.path(), WEEKLY)), "--format", "markdown"], cwd.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let printed = PathBuf::from(stdout(&out).trim_end());
    assert_eq!(printed, ws.path().join("exports").join("2026-45.md"));
    assert!(printed.extension().is_some_and(|e| e == "md"));
    assert!(read(&printed).starts_with("# 科协每周动态"), "{}", read(&printed));
}

#[test]
fn each_format_and_width_has_a_default_name_of_its_own() {
    let ws = sample_ws();
    let cwd = scratch();
    let issue = s(&issue_file(ws.path(), WEEKLY));
    for (args, name) in [
        (&[][..], "2026-45.txt"),
        (&["--width", "0"][..], "2026-45.unwrapped.txt"),
        (&["--width", "20"][..], "2026-45.w20.txt"),
        (&["--width", "28"][..], "2026-45.txt"),
        (&["--format", "markdown"][..], "2026-45.md"),
        (&["--format", "docx"][..], "2026-45.docx"),
    ] {
        let mut all = vec!["export", issue.as_str()];
        all.extend_from_slice(args);
        let out = run(&all, cwd.path());
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert_eq!(PathBuf::from(stdout(&out).trim_end()), ws.path().join("exports").join(name), "{args:?}");
    }
    let names = fs::read_dir(ws.path().join("exports")).unwrap().count();
    assert_eq!(names, 5, "five different files, none written over by another");
}

#[test]
fn export_width_zero_is_unwrapped_and_unpaginated() {
    let text = export_stdout(&["--width", "0"]);
    assert!(!text.is_empty());
    assert!(!text.contains('\u{c}'), "no form feed in unwrapped text");
    for line in text.lines() {
        assert!(!line.starts_with(' '), "no centring padding expected: {line:?}");
    }
    // One line per paragraph: the sample's first paragraph is on one line.
    assert!(text.lines().any(|l| l.starts_with("　　11月16日") && l.ends_with("副主席钱雅琴主持。")));
}

/// The pages of a paginated export, checked to be `lines + 1` lines each and to end with
/// the page number `— k —`.
fn assert_pages(text: &str, lines: usize) {
    assert!(text.contains('\u{c}'), "a paginated export has form feeds");
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages.len() >= 2);
    for (k, page) in pages.iter().enumerate() {
        let page_lines: Vec<&str> = page.lines().collect();
        assert_eq!(page_lines.len(), lines + 1, "page {} has {} lines:\n{page}", k + 1, page_lines.len());
        let number = page_lines.last().unwrap().trim_matches([' ', '\u{3000}']);
        assert_eq!(number, format!("— {} —", k + 1), "page number line of page {}", k + 1);
    }
}

#[test]
fn export_paginate_makes_pages_of_fixed_length_with_page_numbers() {
    assert_pages(&export_stdout(&["--paginate"]), 22);
}

#[test]
fn export_paginate_uses_22_lines_when_the_layout_has_no_pages() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(&issue, "lines_per_page = 22\n", "lines_per_page = 0\n");
    let cwd = scratch();
    let plain = run(&["export", &s(&issue), "-o", "-"], cwd.path());
    assert_eq!(code(&plain), 0, "stderr: {}", stderr(&plain));
    assert!(!stdout(&plain).contains('\u{c}'), "lines_per_page = 0: no pagination");
    let paged = run(&["export", &s(&issue), "-o", "-", "--paginate"], cwd.path());
    assert_eq!(code(&paged), 0, "stderr: {}", stderr(&paged));
    assert_pages(&stdout(&paged), 22);
}

#[test]
fn export_no_paginate_has_no_form_feed() {
    let text = export_stdout(&["--no-paginate"]);
    assert!(text.contains("科协每周动态"));
    assert!(!text.contains('\u{c}'));
    assert!(!text.contains("— 1 —"), "no page numbers");
}

#[test]
fn export_narrow_width_never_exceeds_the_line() {
    let text = export_stdout(&["--width", "20", "--no-paginate"]);
    assert!(text.lines().count() > 100);
    for line in text.lines() {
        assert!(line.width_cjk() <= 40, "line wider than 20 字 ({}): {line:?}", line.width_cjk());
        assert!(!line.ends_with(' '), "trailing space: {line:?}");
    }
    assert!(text.lines().any(|l| l.width_cjk() > 36), "lines should be filled");
}

/// SPEC §3 line breaking, checked on both samples at several widths: no line starts with
/// closing punctuation or ends with an opening one, none is wider than the width, and
/// none has trailing spaces.
#[test]
fn export_lines_obey_the_line_breaking_rules_at_many_widths() {
    const NO_START: &str = "、，。：；！？”’）】》」』〕〉‧·";
    const NO_END: &str = "“‘（【《「『〔〈";
    let cwd = scratch();
    for stem in [WEEKLY, ZHUANBAN] {
        let issue = s(&Path::new(SAMPLES).join("issues").join(format!("{stem}.toml")));
        for width in [10usize, 13, 17, 20, 23, 28, 35, 40] {
            let w = width.to_string();
            let out = run(&["export", &issue, "-o", "-", "--width", &w, "--paginate"], cwd.path());
            assert_eq!(code(&out), 0, "{stem} width {width}: {}", stderr(&out));
            let text = stdout(&out);
            assert_pages(&text, 22);
            for line in text.split(['\n', '\u{c}']) {
                let ctx = || format!("{stem} width {width}: {line:?}");
                assert!(line.width_cjk() <= 2 * width, "too wide: {}", ctx());
                assert!(!line.ends_with(' '), "trailing space: {}", ctx());
                if let Some(first) = line.chars().next() {
                    assert!(!NO_START.contains(first), "forbidden line start: {}", ctx());
                }
                if let Some(last) = line.chars().next_back() {
                    assert!(!NO_END.contains(last), "forbidden line end: {}", ctx());
                }
            }
        }
    }
}

#[test]
fn export_width_out_of_range_is_a_usage_error() {
    let ws = sample_ws();
    let cwd = scratch();
    let out = run(&["export", &s(&issue_file(ws.path(), WEEKLY)), "--width", "5"], cwd.path());
    let line = assert_clean_failure(&out, "width");
    assert!(line.contains('5'), "{line}");
    assert!(out.stdout.is_empty());
    assert!(!ws.path().join("exports").exists(), "nothing written");
}

#[test]
fn export_width_zero_with_paginate_is_a_usage_error() {
    let ws = sample_ws();
    let cwd = scratch();
    let out = run(&["export", &s(&issue_file(ws.path(), WEEKLY)), "--width", "0", "--paginate"], cwd.path());
    assert_clean_failure(&out, "--paginate");
    assert!(out.stdout.is_empty());
    assert!(!ws.path().join("exports").exists(), "nothing written");
}

#[test]
fn export_paginate_and_no_paginate_conflict() {
    let ws = sample_ws();
    let cwd = scratch();
    let issue = s(&issue_file(ws.path(), WEEKLY));
    let out = run(&["export", &issue, "--paginate", "--no-paginate", "-o", "-"], cwd.path());
    assert_eq!(code(&out), 2, "stderr: {}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("--no-paginate"), "{}", stderr(&out));
}

#[test]
fn export_to_a_missing_folder_fails_and_creates_nothing() {
    let ws = sample_ws();
    let cwd = scratch();
    let out =
        run(&["export", &s(&issue_file(ws.path(), WEEKLY)), "-o", "missing-folder/out.txt"], cwd.path());
    assert_clean_failure(&out, "missing-folder/out.txt");
    assert!(out.stdout.is_empty());
    assert!(!cwd.path().join("missing-folder").exists(), "the folder must not be created");
    assert!(!ws.path().join("exports").exists());
}

// ---------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------

#[test]
fn check_passes_both_sample_issues() {
    for stem in [WEEKLY, ZHUANBAN] {
        let (code, out) = check(&Path::new(SAMPLES).join("issues").join(format!("{stem}.toml")));
        assert_eq!(code, 0, "{stem}: {out}");
        assert!(lines_starting(&out, "error").is_empty(), "{stem}: {out}");
    }
}

#[test]
fn check_warns_of_notes_left_on_items() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    let (code, out) = check_all(&issue);
    assert_eq!(code, 0, "a note is a warning, not an error: {out}");
    let warnings = lines_starting(&out, "warning");
    let noted: Vec<_> = warnings.iter().filter(|l| l.contains("a note is left on it")).collect();
    assert_eq!(noted.len(), 2, "the sample issue carries two notes: {out}");
    assert!(
        noted[0].contains("江州市科协召开2027年重点工作谋划会")
            && noted[0].contains("郑国良讲话稿全文见办公室共享盘")
    );
    // Settled (the note emptied): its warning goes.
    edit_file(&issue, "notes = \"郑国良讲话稿全文见办公室共享盘\"", "notes = \"\"");
    let (_, out) = check_all(&issue);
    assert_eq!(out.matches("a note is left on it").count(), 1, "{out}");
    assert!(!out.contains("郑国良讲话稿"), "{out}");
}

#[test]
fn check_reports_a_duplicate_id() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(&issue, "id = \"2026-11-18-kx02\"", "id = \"2026-11-16-kx01\"");
    assert_single_error(
        &issue,
        &["江州市科协与江州市卫生健康委员会签署科学普及与健康促进战略合作协议", "2026-11-16-kx01"],
    );
}

#[test]
fn check_reports_a_duplicate_headline() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(
        &issue,
        "headline = \"第五届江州人工智能青年学者论坛举办\"",
        "headline = \"江州市作物学会赴鹤山区开展秋播小麦技术指导\"",
    );
    assert_single_error(&issue, &["江州市作物学会赴鹤山区开展秋播小麦技术指导"]);
}

#[test]
fn check_reports_an_empty_section() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(&issue, "\n[footer]\n", "\n[[sections]]\ntitle = \"空栏目\"\ntoc = \"items\"\n\n[footer]\n");
    assert_single_error(&issue, &["空栏目"]);
}

#[test]
fn check_accepts_numbering_that_follows_the_previous_issue() {
    let ws = sample_ws();
    write_weekly_variant(ws.path(), "2026-44", 44, 317, "2026-11-13");
    let (code, out) = check(&issue_file(ws.path(), WEEKLY));
    assert_eq!(code, 0, "{out}");
    assert!(lines_starting(&out, "error").is_empty(), "{out}");
}

#[test]
fn check_reports_a_number_that_does_not_follow_the_previous_issue() {
    let ws = sample_ws();
    write_weekly_variant(ws.path(), "2026-44", 44, 317, "2026-11-13");
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(&issue, "number = 45\n", "number = 47\n");
    assert_single_error(&issue, &["47"]);
}

#[test]
fn check_reports_a_running_total_that_does_not_follow_the_previous_issue() {
    let ws = sample_ws();
    write_weekly_variant(ws.path(), "2026-44", 44, 317, "2026-11-13");
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(&issue, "total = 318\n", "total = 320\n");
    assert_single_error(&issue, &["320"]);
}

#[test]
fn check_reports_an_unbalanced_quote_in_a_body_paragraph() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(&issue, "“宽幅精播+播后镇压”", "“宽幅精播+播后镇压");
    assert_single_error(&issue, &["江州市作物学会赴鹤山区开展秋播小麦技术指导", "“"]);
}

#[test]
fn check_reports_an_unbalanced_book_title_mark_in_a_headline() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(
        &issue,
        "headline = \"第五届江州人工智能青年学者论坛举办\"",
        "headline = \"《第五届江州人工智能青年学者论坛举办\"",
    );
    assert_single_error(&issue, &["第五届江州人工智能青年学者论坛举办", "《"]);
}

#[test]
fn check_reports_an_empty_headline() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(&issue, "headline = \"第五届江州人工智能青年学者论坛举办\"", "headline = \"\"");
    // With no headline the item can only be named by its id.
    assert_single_error(&issue, &["2026-11-15-xh02"]);
}

#[test]
fn check_reports_an_empty_body() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_issue(&issue, |i| {
        let item = i.sections[1].items.iter_mut().find(|it| it.id == "2026-11-15-xh02").unwrap();
        item.body = "\n  \n".to_string();
    });
    assert_single_error(&issue, &["第五届江州人工智能青年学者论坛举办"]);
}

#[test]
fn check_warns_about_an_item_without_sources() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_issue(&issue, |i| i.sections[1].items[0].sources.clear());
    assert_single_warning(&issue, &["江州市作物学会赴鹤山区开展秋播小麦技术指导"]);
}

#[test]
fn check_warns_about_a_very_long_item() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_issue(&issue, |i| {
        // 14 字 a sentence, 20 sentences a paragraph, 12 paragraphs: 3360 字.
        let paragraph = "这是一段用于检验篇幅提示的文字。".repeat(20);
        i.sections[0].items[0].body = vec![paragraph; 12].join("\n");
    });
    assert_single_warning(&issue, &["江州市科协召开2027年重点工作谋划会"]);
}

#[test]
fn check_warns_about_a_toc_longer_than_the_first_page() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_issue(&issue, |i| {
        for k in 1..=30 {
            let mut item = Item::new(format!("2026-11-20-toc{k:02}"), format!("目录测试稿件第{k}号"));
            item.sources = vec!["市科协办公室".to_string()];
            item.body = format!("第{k}号稿件的正文。");
            i.sections[0].items.push(item);
        }
    });
    assert_single_warning(&issue, &[]);
}

#[test]
fn check_prints_one_finding_a_line() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(&issue, "id = \"2026-11-18-kx02\"", "id = \"2026-11-16-kx01\"");
    edit_file(&issue, "“宽幅精播+播后镇压”", "“宽幅精播+播后镇压");
    edit_file(&issue, "\n[footer]\n", "\n[[sections]]\ntitle = \"空栏目\"\ntoc = \"items\"\n\n[footer]\n");
    let (code, out) = check(&issue);
    assert_eq!(code, 1, "{out}");
    assert_eq!(out.lines().count(), 3, "three planted errors, three lines:\n{out}");
    assert_eq!(lines_starting(&out, "error").len(), 3, "{out}");
}

#[test]
fn check_speaks_chinese_by_default() {
    let ws = sample_ws();
    let issue = issue_file(ws.path(), WEEKLY);
    edit_file(&issue, "id = \"2026-11-18-kx02\"", "id = \"2026-11-16-kx01\"");
    let cwd = scratch();
    let out = run_lang(&["check", &s(&issue)], cwd.path(), None);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let text = stdout(&out);
    assert_eq!(lines_starting(&text, "错误").len(), 1, "{text}");
    assert!(lines_starting(&text, "error").is_empty(), "{text}");
}

// ---------------------------------------------------------------------------------------
// Bad input: exit 2, one clear line naming the file, nothing written
// ---------------------------------------------------------------------------------------

/// A broken copy of the 2026-45 sample, saved as `issues/bad.toml` of a fresh workspace.
fn broken_issue(change: impl FnOnce(&str) -> String) -> (TempDir, PathBuf, String) {
    let ws = sample_ws();
    let text = change(&read(&issue_file(ws.path(), WEEKLY)));
    let bad = ws.path().join("issues").join("bad.toml");
    fs::write(&bad, &text).unwrap();
    (ws, bad, text)
}

/// The line and column in `file:LINE:COL` of an error line about `file`.
fn line_column(line: &str, file: &Path) -> (usize, usize) {
    let prefix = format!("{}:", file.display());
    let at = line.find(&prefix).unwrap_or_else(|| panic!("no {prefix}LINE:COL in {line}"));
    let mut parts = line[at + prefix.len()..].splitn(3, ':');
    let mut number = || parts.next().and_then(|p| p.parse::<usize>().ok());
    let (Some(l), Some(c)) = (number(), number()) else { panic!("no LINE:COL after the file name: {line}") };
    (l, c)
}

#[test]
fn malformed_toml_is_reported_with_its_line_and_column() {
    let (ws, bad, text) = broken_issue(|t| {
        replace_once(t, "publisher = \"江州市科协办公室\"\n", "publisher = \"江州市科协办公室\n")
    });
    let broken_line = line_of(&text, "publisher = ");
    assert_rejected_everywhere(ws.path(), &bad, |line| {
        let (l, c) = line_column(line, &bad);
        assert_eq!(l, broken_line, "{line}");
        assert!(c >= 1, "{line}");
    });
}

#[test]
fn an_unknown_field_is_reported_at_its_key() {
    let (ws, bad, text) = broken_issue(|t| {
        replace_once(
            t,
            "toc_title = \"市科协与市卫健委签署战略合作协议\"\n",
            "toc_title = \"市科协与市卫健委签署战略合作协议\"\nhedline = \"x\"\n",
        )
    });
    let key_line = line_of(&text, "hedline = ");
    assert_rejected_everywhere(ws.path(), &bad, |line| {
        assert_eq!(line_column(line, &bad), (key_line, 1), "{line}");
        assert!(line.contains("unknown field"), "{line}");
        assert!(line.contains("hedline"), "{line}");
    });
}

#[test]
fn a_mistyped_field_is_reported_with_line_and_column() {
    let (ws, bad, text) = broken_issue(|t| replace_once(t, "number = 45\n", "number = \"45\"\n"));
    let at = line_of(&text, "number = ");
    assert_rejected_everywhere(ws.path(), &bad, |line| {
        let (l, c) = line_column(line, &bad);
        assert_eq!(l, at, "{line}");
        // At the key (column 1) or at the value (column 10).
        assert!(c == 1 || c == 10, "{line}");
    });
}

#[test]
fn an_impossible_date_is_reported() {
    let (ws, bad, text) = broken_issue(|t| replace_once(t, "date = 2026-11-20\n", "date = 2026-02-30\n"));
    let at = line_of(&text, "date = ");
    assert_rejected_everywhere(ws.path(), &bad, |line| {
        assert_eq!(line_column(line, &bad).0, at, "{line}");
    });
}

#[test]
fn a_missing_required_field_is_reported() {
    let (ws, bad, _) = broken_issue(|t| replace_once(t, "date = 2026-11-20\n", ""));
    assert_rejected_everywhere(ws.path(), &bad, |line| {
        assert!(line.contains("date"), "the missing field should be named: {line}");
    });
}

#[test]
fn a_missing_file_is_reported() {
    let ws = sample_ws();
    let missing = ws.path().join("issues").join("2026-99.toml");
    assert_rejected_everywhere(ws.path(), &missing, |_| {});
    assert!(!missing.exists());
}

#[test]
fn a_folder_given_as_the_issue_is_reported() {
    let ws = sample_ws();
    let folder = ws.path().join("issues").join("folder.toml");
    fs::create_dir(&folder).unwrap();
    assert_rejected_everywhere(ws.path(), &folder, |_| {});
    assert!(folder.is_dir());
}

#[test]
fn an_empty_file_is_reported() {
    let ws = sample_ws();
    let empty = ws.path().join("issues").join("empty.toml");
    fs::write(&empty, b"").unwrap();
    assert_rejected_everywhere(ws.path(), &empty, |_| {});
    assert_eq!(fs::read(&empty).unwrap(), b"", "the empty file is left alone");
}

#[test]
fn a_file_that_is_not_utf8_is_reported() {
    let ws = sample_ws();
    let binary = ws.path().join("issues").join("binary.toml");
    let bytes = [0xff, 0xfe, 0x00, 0x66, 0x00, 0x6f, 0x00, 0x72, 0x80, 0x81, 0x0a];
    fs::write(&binary, bytes).unwrap();
    assert_rejected_everywhere(ws.path(), &binary, |_| {});
    assert_eq!(fs::read(&binary).unwrap(), bytes);
}

#[test]
fn a_file_from_a_newer_jianbao_is_refused_and_left_alone() {
    let (ws, bad, text) = broken_issue(|t| replace_once(t, "format = 1\n", "format = 2\n"));
    assert_rejected_everywhere(ws.path(), &bad, |line| {
        assert!(line.contains("newer"), "{line}");
    });
    assert_eq!(read(&bad), text, "a newer file is never rewritten");
}

#[test]
fn a_newer_file_with_unknown_fields_still_says_newer() {
    let (ws, bad, _) = broken_issue(|t| {
        let t = replace_once(t, "format = 1\n", "format = 2\n");
        replace_once(&t, "toc_bullet = \"◆\"\n", "toc_bullet = \"◆\"\nsubtitle = \"内部资料\"\n")
    });
    assert_rejected_everywhere(ws.path(), &bad, |line| {
        assert!(line.contains("newer"), "{line}");
    });
}

// ---------------------------------------------------------------------------------------
// Help
// ---------------------------------------------------------------------------------------

#[test]
fn help_describes_the_commands() {
    let cwd = scratch();
    let out = run(&["--help"], cwd.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for word in ["new", "export", "check", "Usage"] {
        assert!(text.contains(word), "--help should mention {word:?}:\n{text}");
    }
}

/// Whether `line` holds a Chinese character.
fn has_han(line: &str) -> bool {
    line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn help_is_in_chinese_by_default_every_command_and_option_described() {
    let cwd = scratch();
    for args in
        [&["--help"][..], &["new", "--help"], &["export", "--help"], &["import", "--help"], &["check", "-h"]]
    {
        let out = run_lang(args, cwd.path(), None);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("用法：jianbao"), "{args:?}:\n{text}");
        for english in
            ["Usage", "Options", "Arguments", "Commands", "Print help", "[default:", "possible values"]
        {
            assert!(!text.contains(english), "{args:?} still says {english:?}:\n{text}");
        }
        // Every command and option line is described in Chinese (none left in English).
        for line in text.lines().filter(|l| l.starts_with("  ")) {
            assert!(has_han(line), "{args:?}: {line:?} has no Chinese words:\n{text}");
        }
    }
    let out = run_lang(&["--help"], cwd.path(), Some("en"));
    assert!(stdout(&out).contains("Usage"), "English on request");
}

#[test]
fn command_line_mistakes_are_one_chinese_sentence_and_exit_2() {
    let cwd = scratch();
    for (args, words) in [
        (&["export", "x.toml", "--bogus"][..], "不认识的选项“--bogus”"),
        (&["export", "x.toml", "--format", "pfd"], "“pfd”不对，可用的有：text、markdown、pdf、docx"),
        (&["export", "x.toml", "--width", "二十八"], "--width <字数> 的值“二十八”不对"),
        (&["import"], "缺少 <文件>"),
        (&["export", "x.toml", "--paginate", "--no-paginate"], "不能同时使用"),
        (&["import", "a.txt", "--output"], "需要一个值"),
    ] {
        let out = run_lang(args, cwd.path(), None);
        assert_eq!(code(&out), 2, "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "one sentence for {args:?}:\n{err}");
        assert!(err.starts_with("jianbao: ") && err.contains(words), "{args:?}:\n{err}");
        assert!(!err.contains("error:") && !err.contains("Usage"), "{args:?}:\n{err}");
        assert!(stdout(&out).is_empty());
    }
    let out = run_lang(&["export", "x.toml", "--bogus"], cwd.path(), Some("en"));
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("unexpected argument '--bogus'"), "{}", stderr(&out));
}

#[test]
fn export_help_describes_its_options() {
    let cwd = scratch();
    let out = run(&["export", "--help"], cwd.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for word in ["--output", "-o", "--format", "markdown", "--width", "--paginate", "--no-paginate", "ISSUE"]
    {
        assert!(text.contains(word), "export --help should mention {word:?}:\n{text}");
    }
}

#[test]
fn new_and_check_help_describe_their_options() {
    let cwd = scratch();
    let new = run(&["new", "--help"], cwd.path());
    assert_eq!(code(&new), 0);
    assert!(stdout(&new).contains("--from") && stdout(&new).contains("--workspace"), "{}", stdout(&new));
    let check = run(&["check", "--help"], cwd.path());
    assert_eq!(code(&check), 0);
    assert!(stdout(&check).contains("ISSUE"), "{}", stdout(&check));
}

// ---------------------------------------------------------------------------------------
// other issue files of the workspace
// ---------------------------------------------------------------------------------------

#[test]
fn check_still_checks_when_another_issue_file_cannot_be_read() {
    let ws = sample_ws();
    fs::write(ws.path().join("issues/zz.toml"), "format = 1\n[issue\n").unwrap();
    let (code, out) = check(&issue_file(ws.path(), WEEKLY));
    assert_eq!(code, 0, "a broken sibling is a warning only:\n{out}");
    let warnings = lines_starting(&out, "warning");
    assert_eq!(warnings.len(), 1, "{out}");
    assert!(warnings[0].contains("zz.toml"), "{out}");
}

#[test]
fn new_refuses_to_guess_past_an_unreadable_issue_file() {
    let ws = sample_ws();
    fs::write(ws.path().join("issues/zz.toml"), "format = 1\n[issue\n").unwrap();
    let before = listing(&ws.path().join("issues"));
    let cwd = scratch();
    let out = run(&["new", "--workspace", &s(ws.path())], cwd.path());
    assert_clean_failure(&out, "zz.toml");
    assert_eq!(listing(&ws.path().join("issues")), before);
}

#[test]
fn numbering_is_checked_against_a_previous_issue_from_a_newer_jianbao() {
    let ws = sample_ws();
    let previous = write_weekly_variant(ws.path(), "2026-44", 44, 317, "2026-11-13");
    let text = read(&previous).replacen("format = 1", "format = 2", 1);
    let text = text.replacen("[layout]", "[layout]\nfuture_setting = true", 1);
    fs::write(&previous, text).unwrap();
    let (code, out) = check(&issue_file(ws.path(), WEEKLY));
    assert_eq!(code, 0, "2026-45 follows 2026-44:\n{out}");
    edit_file(&issue_file(ws.path(), WEEKLY), "total = 318\n", "total = 320\n");
    assert_single_error(&issue_file(ws.path(), WEEKLY), &["318", "320"]);
}

// ---------------------------------------------------------------------------------------
// init (issue 13 point 2)
// ---------------------------------------------------------------------------------------

/// `init DIR` writes jianbao.toml from what the office says and the first issue at the
/// number asked; the workspace then makes its next issue as any other.
#[test]
fn init_sets_up_ones_own_publication_and_its_first_issue() {
    let cwd = scratch();
    let out = run_lang(
        &[
            "init",
            "专班",
            "--title",
            "科创专班工作动态",
            "--publisher",
            "鹭城市科技创新工作专班办公室",
            "--run-in",
            "--editor",
            "林晓",
            "--reviewer",
            "周文",
            "--email",
            "kczb@lucheng.gov.cn",
            "--distribution",
            "分送：各成员单位",
            "--distribution",
            "市委办公室",
            "--distribution",
            "报：市政府办公室",
            "--number",
            "12",
            "--total",
            "40",
            "--date",
            "2026年12月4日",
        ],
        cwd.path(),
        None,
    );
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let ws = cwd.path().join("专班");
    let first = ws.join("issues/2026-12.toml");
    assert_eq!(stdout(&out).trim(), "专班/issues/2026-12.toml");
    let issue = load(&first);
    assert_eq!((issue.numbering.number, issue.numbering.total), (12, 40));
    assert_eq!(issue.numbering.date.to_string(), "2026-12-04");
    assert_eq!(issue.publication.title, "科创专班工作动态");
    assert_eq!(issue.layout.headline_style, jianbao::model::HeadlineStyle::RunIn);
    assert_eq!(issue.footer.distribution.len(), 2);
    assert_eq!(issue.footer.distribution[0].recipients, ["各成员单位", "市委办公室"]);
    assert_eq!(issue.footer.distribution[1].label, "报");
    let profile = read(&ws.join("jianbao.toml"));
    assert!(
        profile.contains("editor = \"林晓\"") && profile.contains("headline_style = \"run-in\""),
        "{profile}"
    );
    // The next issue follows it.
    let out = run(&["new", "--workspace", &s(&ws)], cwd.path());
    assert_eq!(code(&out), 0, "stderr: {}", stderr(&out));
    let next = load(&ws.join("issues/2026-13.toml"));
    assert_eq!((next.numbering.number, next.numbering.total), (13, 41));
}

/// A workspace is not set up twice; a missing or empty title and a date not in the
/// calendar are one Chinese sentence and exit 2, with nothing written.
#[test]
fn init_refuses_a_workspace_an_empty_title_and_a_bad_date() {
    let ws = sample_ws();
    let before = read(&ws.path().join("jianbao.toml"));
    let cwd = scratch();
    let out = run_lang(&["init", &s(ws.path()), "--title", "另一份简报"], cwd.path(), None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("已经存在，不会覆盖"), "{}", stderr(&out));
    assert_eq!(read(&ws.path().join("jianbao.toml")), before);
    for (args, words) in [
        (&["init", "甲", "--title", " "][..], "--title 不能为空"),
        (&["init", "乙"][..], "缺少 --title"),
        (&["init", "丙", "--title", "科协动态", "--date", "2026-02-30"][..], "不是日历上的日期"),
    ] {
        let out = run_lang(args, cwd.path(), None);
        assert_eq!(code(&out), 2, "{args:?}");
        let err = stderr(&out);
        assert!(err.contains(words) && err.lines().count() == 1, "{args:?}: {err}");
        assert!(!cwd.path().join(args[1]).join("jianbao.toml").exists(), "{args:?} wrote nothing");
    }
}
