#!/usr/bin/env bash
# Build the one-folder bundle: build/pyinstaller/dist/jobtracker/jobtracker
#   packaging/pyinstaller/build.sh [OUTPUT_FOLDER]    (default: build/pyinstaller)
# Needs: pip install -e '.[test]' (which brings pyinstaller) in the Python named by $PYTHON
# (default: python3). Prints the bundle's size.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/build/pyinstaller}"
# A cache of its own: builds running side by side would otherwise share (and clobber) one.
PYINSTALLER_CONFIG_DIR="$out/cache" "${PYTHON:-python3}" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$out/dist" --workpath "$out/work" "$root/packaging/pyinstaller/jobtracker.spec"
echo "bundle: $out/dist/jobtracker ($(du -sh "$out/dist/jobtracker" | cut -f1))"
