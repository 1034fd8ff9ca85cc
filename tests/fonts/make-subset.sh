#!/usr/bin/env bash
# Makes tests/fonts/NotoSerifCJKsc-subset.otf: Noto Serif CJK SC Regular (SIL OFL 1.1,
# see OFL.txt) cut down to the characters of the bundled samples, ASCII and the
# punctuation of the genre, so that the PDF tests never depend on the machine's fonts.
# Needs fonts-noto-cjk (Debian) and fonttools (pip install fonttools). Run it again when
# the samples or the import fixtures gain characters: the tests report any character the
# subset lacks.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=${NOTO_SERIF_CJK:-/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc}
text=$(mktemp)
trap 'rm -f "$text"' EXIT
# The samples, and every issue and submission of the import fixtures (their PDFs are made
# in the tests and read back).
cat "$root"/samples/issues/*.toml "$root"/samples/pool/*.toml "$root"/samples/jianbao.toml > "$text"
find "$root"/tests/fixtures/import -name '*.toml' -o -name '*.txt' | sort | xargs cat >> "$text"
# 鑫 and 犇 stay out: the fallback test needs characters this face lacks.
sed -i 's/鑫//g; s/犇//g' "$text"
printf '%s' '　、。，；：？！“”‘’（）【】《》〈〉「」『』—…·％－／◆●■□○◇★☆一二三四五六七八九十百千万亿年月日期第总共印份页分送报发编辑审核信息邮箱目录提要' >> "$text"
# --font-number=2 is the SC face of the collection (JP, KR, SC, TC, HK).
pyftsubset "$src" --font-number=2 --text-file="$text" \
  --unicodes='U+0020-007E' \
  --layout-features='' --no-hinting --desubroutinize \
  --output-file="$here/NotoSerifCJKsc-subset.otf"
ls -l "$here/NotoSerifCJKsc-subset.otf"

# A second face for the per-character fallback test: Noto Sans CJK SC with only 鑫 and 犇,
# two characters the serif subset does not have.
sans=${NOTO_SANS_CJK:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
pyftsubset "$sans" --font-number=2 --text='鑫犇' --layout-features='' --no-hinting --desubroutinize \
  --output-file="$here/NotoSansCJKsc-fallback.otf"
ls -l "$here/NotoSansCJKsc-fallback.otf"
