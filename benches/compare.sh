#!/usr/bin/env bash
# jianbao side by side with the tools an office would otherwise use, in one run:
#
#   1. the print text of a 300-item issue: `jianbao export` against
#      `jianbao export --format markdown` piped through `pandoc -t plain --columns=56`
#      (56 columns = 28 字, the issue's width);
#   2. the first full screen from process start, 200×60 in a pseudo-terminal:
#      `jianbao` on a workspace of 10,000 pooled items and 52 issues against `vim` opening
#      that issue's exported text;
#   3. the printed page of that issue: `jianbao export --format pdf` against LibreOffice
#      converting our DOCX (`soffice --headless --convert-to pdf`), with sizes and pages.
#
# Each is run RUNS times (default 15); the medians and their ratios are printed.
# pandoc, vim, python3 (which drives the pseudo-terminal), LibreOffice Writer, poppler
# (pdfinfo) and the Noto CJK fonts are installed from Debian's packages when missing.
#
#   bash benches/compare.sh            # RUNS=30 bash benches/compare.sh for steadier figures
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-15}"

missing=()
for pair in pandoc:pandoc vim:vim python3:python3 soffice:libreoffice-writer-nogui pdfinfo:poppler-utils; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing ${missing[*]} (Debian packages)…"
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cargo build --release --quiet --bin jianbao --example gen_workspace
jianbao="$PWD/target/release/jianbao"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
target/release/examples/gen_workspace "$work/ws" --items 10000 --issues 52 --issue-items 300 >/dev/null
issue="$work/ws/issues/2026-45.toml"
"$jianbao" export "$issue" -o "$work/issue.txt" >/dev/null
# A home of its own: no user config, no recovery files, no recently-opened list.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_STATE_HOME="$work/home/state" \
    XDG_DATA_HOME="$work/home/data"
mkdir -p "$HOME"

python3 - "$RUNS" "$jianbao" "$issue" "$work" <<'PY'
import os, pty, select, signal, statistics, struct, subprocess, sys, time, fcntl, termios

runs, jianbao, issue, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ws = os.path.dirname(os.path.dirname(issue))

def timed(fn):
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1000

def export_text():
    subprocess.run([jianbao, "export", issue, "-o", os.path.join(work, "a.txt")], check=True, capture_output=True)

def export_pandoc():
    md = subprocess.run([jianbao, "export", issue, "--format", "markdown", "-o", "-"],
                        check=True, capture_output=True).stdout
    subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--columns=56"],
                   input=md, check=True, capture_output=True)

def export_pdf():
    subprocess.run([jianbao, "export", issue, "--format", "pdf", "-o", os.path.join(work, "ours.pdf")],
                   check=True, capture_output=True)

def export_docx():
    subprocess.run([jianbao, "export", issue, "--format", "docx", "-o", os.path.join(work, "ours.docx")],
                   check=True, capture_output=True)

def libreoffice_pdf():
    subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + os.path.join(work, "lo"),
                    "--convert-to", "pdf", "--outdir", os.path.join(work, "lo-out"),
                    os.path.join(work, "ours.docx")], check=True, capture_output=True)

def pages(path):
    info = subprocess.run(["pdfinfo", path], check=True, capture_output=True, text=True).stdout
    return next(int(l.split()[1]) for l in info.splitlines() if l.startswith("Pages:"))

def first_frame(argv, done):
    """Milliseconds from fork to the screen output containing `done`."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))
    seen, took = b"", None
    while time.perf_counter() - start < 30:
        ready, _, _ = select.select([fd], [], [], 0.005)
        if ready:
            try:
                seen += os.read(fd, 1 << 16)
            except OSError:
                break
            if done in seen:
                took = (time.perf_counter() - start) * 1000
                break
    os.kill(pid, signal.SIGTERM)
    # Drain until the child is gone, so that it never blocks on a full terminal.
    while True:
        ready, _, _ = select.select([fd], [], [], 0.05)
        try:
            if ready and os.read(fd, 1 << 16):
                continue
        except OSError:
            pass
        if os.waitpid(pid, os.WNOHANG) != (0, 0):
            break
    os.close(fd)
    if took is None:
        sys.exit(f"compare: no first frame from {argv[0]}")
    return took

def median_frame(argv, done):
    first_frame(argv, done)  # warm the page cache (and jianbao's pool index)
    return statistics.median(first_frame(argv, done) for _ in range(runs))

ours = timed(export_text)
pandoc = timed(export_pandoc)
pdf = timed(export_pdf)
docx = timed(export_docx)
libreoffice_pdf()  # its first start makes its profile
lo = timed(libreoffice_pdf)
lo_pdf = os.path.join(work, "lo-out", "ours.pdf")
text_pages = open(os.path.join(work, "issue.txt"), encoding="utf-8").read().count("\f") + 1
# jianbao's first frame ends with the status bar's key hints; vim's with its file message.
frame_ours = median_frame([jianbao, ws], b"Enter")
frame_vim = median_frame(["vim", "-N", "-u", "NONE", "-i", "NONE", os.path.join(work, "issue.txt")], b"issue.txt\"")

print(f"medians of {runs} runs; {os.cpu_count()} cores")
print(f"{'print text, 300 items':<44}{'ms':>10}")
print(f"{'  jianbao export':<44}{ours:>10.1f}")
print(f"{'  jianbao export --format markdown | pandoc':<44}{pandoc:>10.1f}   {pandoc / ours:.1f}× jianbao")
print(f"{'printed page, 300 items':<44}{'ms':>10}{'pages':>8}{'KB':>8}")
print(f"{'  jianbao export --format pdf':<44}{pdf:>10.1f}{pages(os.path.join(work, 'ours.pdf')):>8}"
      f"{os.path.getsize(os.path.join(work, 'ours.pdf')) // 1024:>8}")
print(f"{'  jianbao export --format docx':<44}{docx:>10.1f}{'':>8}{os.path.getsize(os.path.join(work, 'ours.docx')) // 1024:>8}")
print(f"{'  soffice --convert-to pdf (our DOCX)':<44}{lo:>10.1f}{pages(lo_pdf):>8}{os.path.getsize(lo_pdf) // 1024:>8}"
      f"   {lo / pdf:.1f}× jianbao; the text export has {text_pages} pages")
print(f"{'first frame, 200×60 pty':<44}{'ms':>10}")
print(f"{'  jianbao, 10,000 pooled + 52 issues':<44}{frame_ours:>10.1f}")
print(f"{'  vim -u NONE on the exported issue':<44}{frame_vim:>10.1f}   {frame_ours / frame_vim:.2f}× vim")
PY
