#!/usr/bin/env bash
# Fail when a binary in the app needs a newer macOS than its Info.plist promises (LSMinimumSystemVersion).
#
#   bash packaging/macos/check_minimum.sh "dist/HappyHorse Desktop.app"
#
# The spec derives the promise from the wheels' platform tags; this reads what every Mach-O file in the
# bundle actually says (its LC_BUILD_VERSION "minos", or LC_VERSION_MIN_MACOSX for old binaries).
set -euo pipefail
APP="${1:?usage: check_minimum.sh APP}"
promised=$(/usr/libexec/PlistBuddy -c "Print :LSMinimumSystemVersion" "$APP/Contents/Info.plist")
newest="0"
newest_file=""
while IFS= read -r -d '' file; do
  file -b "$file" | grep -q "Mach-O" || continue
  for minos in $(otool -l "$file" | awk '/^ *minos /{print $2} /LC_VERSION_MIN_MACOSX/{getline; getline; print $2}'); do
    if [ "$(printf '%s\n%s\n' "$newest" "$minos" | sort -V | tail -n 1)" = "$minos" ] && [ "$minos" != "$newest" ]; then
      newest="$minos"
      newest_file="$file"
    fi
  done
done < <(find "$APP/Contents" -type f \( -perm -u+x -o -name '*.dylib' -o -name '*.so' \) -print0)
echo "LSMinimumSystemVersion $promised; newest binary requirement $newest ($newest_file)"
if [ "$(printf '%s\n%s\n' "$promised" "$newest" | sort -V | tail -n 1)" != "$promised" ]; then
  echo "the app claims macOS $promised but $newest_file needs macOS $newest" >&2
  exit 1
fi
