//! `-o` on every command that takes it (export, import --issue, new): a regular file is
//! replaced atomically, anything else — /dev/null, a FIFO, a descriptor, a process
//! substitution — is written in place and stays what it was; a folder is refused.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_jianbao");
const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = TempDir::new().unwrap();
        copy_dir(Path::new(SAMPLES), &dir.path().join("ws"));
        for d in ["data", "config", "state", "home"] {
            fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        Sandbox { dir }
    }

    fn ws(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    fn issue(&self) -> PathBuf {
        self.ws().join("issues").join("2026-45.toml")
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        let d = self.dir.path();
        cmd.current_dir(self.ws())
            .env("XDG_DATA_HOME", d.join("data"))
            .env("XDG_CONFIG_HOME", d.join("config"))
            .env("XDG_STATE_HOME", d.join("state"))
            .env("HOME", d.join("home"))
            .env("JIANBAO_LANG", "en")
            .env("JIANBAO", BIN);
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(BIN).args(args).output().unwrap()
    }

    /// Run a shell line (for redirections and process substitution); `$JIANBAO` is the binary.
    fn bash(&self, line: &str) -> Output {
        self.command("bash").args(["-c", line]).output().unwrap()
    }

    fn export_text(&self) -> String {
        let out = self.run(&["export", &self.issue().to_string_lossy(), "-o", "-"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[cfg(unix)]
fn is_char_device(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::metadata(p).is_ok_and(|m| m.file_type().is_char_device())
}

#[cfg(unix)]
#[test]
fn dev_null_stays_a_device_for_every_command() {
    let sb = Sandbox::new();
    let issue = s(&sb.issue());
    let export_txt = sb.ws().join("exports");
    for args in [
        vec!["export", &issue, "-o", "/dev/null"],
        vec!["export", &issue, "--format", "markdown", "-o", "/dev/null"],
        vec!["new", "--from", &issue, "-o", "/dev/null"],
    ] {
        let out = sb.run(&args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stdout.is_empty(), "nothing is said on stdout for a device: {args:?}");
        assert!(is_char_device(Path::new("/dev/null")), "/dev/null is still a device after {args:?}");
    }
    assert!(!export_txt.exists(), "nothing was written to the exports folder");
    assert!(!sb.ws().join("issues").join("2026-46.toml").exists(), "new -o wrote only to the device");
    // A past issue imported to /dev/null: the device gets it, nothing lands in the workspace.
    let past = sb.dir.path().join("past.txt");
    fs::write(&past, sb.export_text()).unwrap();
    let before = fs::read_dir(sb.ws().join("issues")).unwrap().count();
    let out = sb.run(&["import", "--issue", &s(&past), "-o", "/dev/null"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(is_char_device(Path::new("/dev/null")));
    assert_eq!(fs::read_dir(sb.ws().join("issues")).unwrap().count(), before);
}

#[cfg(unix)]
#[test]
fn a_fifo_read_by_another_process_gets_the_whole_export() {
    let sb = Sandbox::new();
    let fifo = sb.dir.path().join("print.fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = Command::new("cat").arg(&fifo).stdout(Stdio::piped()).spawn().unwrap();
    let out = sb.run(&["export", &s(&sb.issue()), "-o", &s(&fifo)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = reader.wait_with_output().unwrap();
    assert_eq!(String::from_utf8(got.stdout).unwrap(), sb.export_text());
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO is still a FIFO");
}

#[test]
fn dash_is_standard_output_and_stdout_says_nothing_else() {
    let sb = Sandbox::new();
    let text = sb.export_text();
    assert!(text.starts_with(' ') && text.contains("科协每周动态"));
    let out = sb.run(&["new", "--from", &s(&sb.issue()), "-o", "-"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let toml = String::from_utf8(out.stdout).unwrap();
    assert!(toml.starts_with("format = 1") && toml.contains("number = 46"), "{toml}");
    assert!(!sb.ws().join("issues").join("2026-46.toml").exists());
}

#[cfg(unix)]
#[test]
fn dev_stdout_appends_to_a_redirected_file_and_a_process_substitution_gets_it() {
    let sb = Sandbox::new();
    let text = sb.export_text();
    let log = sb.dir.path().join("log.txt");
    fs::write(&log, "前一行\n").unwrap();
    let out = sb.bash(&format!("\"$JIANBAO\" export '{}' -o /dev/stdout >> '{}'", s(&sb.issue()), s(&log)));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(fs::read_to_string(&log).unwrap(), format!("前一行\n{text}"), "appended, not truncated");

    let copy = sb.dir.path().join("copy.txt");
    let out = sb.bash(&format!("\"$JIANBAO\" export '{}' -o >(cat > '{}'); wait", s(&sb.issue()), s(&copy)));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The substituted process may finish a moment after the shell.
    for _ in 0..100 {
        if fs::read_to_string(&copy).is_ok_and(|t| t == text) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(fs::read_to_string(&copy).unwrap(), text);
}

#[test]
fn a_folder_as_output_is_one_sentence_and_exit_2() {
    let sb = Sandbox::new();
    let folder = sb.dir.path().join("打印稿");
    fs::create_dir(&folder).unwrap();
    let issue = s(&sb.issue());
    for args in [vec!["export", &issue, "-o", &s(&folder)], vec!["new", "--from", &issue, "-o", &s(&folder)]]
    {
        let out = sb.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
        assert!(err.contains("打印稿") && err.contains("folder"), "{err}");
        assert!(!err.contains("panicked") && !err.contains("Os {"), "{err}");
        assert_eq!(fs::read_dir(&folder).unwrap().count(), 0, "nothing written inside the folder");
    }
}

#[test]
fn a_regular_file_is_still_replaced_atomically_and_new_never_overwrites() {
    let sb = Sandbox::new();
    let out_file = sb.dir.path().join("2026-45.txt");
    fs::write(&out_file, "旧的导出").unwrap();
    let out = sb.run(&["export", &s(&sb.issue()), "-o", &s(&out_file)]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), s(&out_file), "the path is printed");
    assert_eq!(fs::read_to_string(&out_file).unwrap(), sb.export_text());
    let leftovers: Vec<_> = fs::read_dir(sb.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");

    let taken = sb.dir.path().join("taken.toml");
    fs::write(&taken, "别人的文件").unwrap();
    let out = sb.run(&["new", "--from", &s(&sb.issue()), "-o", &s(&taken)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&taken).unwrap(), "别人的文件");
}
