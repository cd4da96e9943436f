#!/usr/bin/env bash
# Build the Linux one-folder bundle with PyInstaller and smoke-test it: the frozen app's --self-test must
# pass offscreen. Prints the bundle size and the frozen start time against running from source.
#
#   bash packaging/build_linux.sh            # output in dist/happyhorse/
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV="$ROOT/build/venv-package"
export QT_QPA_PLATFORM=offscreen

# A venv with only the runtime dependencies and PyInstaller, so no test tool lands in the bundle; Qt and
# PyInstaller at the release's pins (packaging/release-constraints.txt), so this measures what ships.
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --upgrade -c packaging/release-constraints.txt pyinstaller .
"$VENV/bin/pyinstaller" packaging/happyhorse.spec --noconfirm --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller"

BUNDLE="$ROOT/dist/happyhorse"
# Drop debug symbols from the Python side (libpython alone shrinks by ~17 MB) — but leave Qt's files as
# the wheels ship them: stripping them loses the metadata Qt finds its plugins by (no media backend).
if command -v strip >/dev/null 2>&1; then
  find "$BUNDLE/_internal" -type f -name '*.so*' -not -path '*/PySide6/*' -exec strip --strip-unneeded {} + || true
fi
cp packaging/linux/happyhorse.desktop "$BUNDLE/"
cp resources/icon-256.png "$BUNDLE/happyhorse.png"

now() { python3 -c 'import time; print(time.time())'; }
echo "== frozen self-test"
start=$(now)
"$BUNDLE/happyhorse" --self-test --report "$ROOT/dist/self-test-linux.txt"
frozen=$(python3 -c "import time; print(f'{time.time() - $start:.2f}')")
start=$(now)
(cd /tmp && "$VENV/bin/python" -m happyhorse_desktop --self-test >/dev/null)  # the installed copy, not ./
source_time=$(python3 -c "import time; print(f'{time.time() - $start:.2f}')")
size_mb=$(du -sm "$BUNDLE" | cut -f1)
echo "== bundle: $BUNDLE"
echo "bundle size: ${size_mb} MB unpacked (limit <= 160 MB)"
echo "self-test wall time: frozen ${frozen} s, from source ${source_time} s"
