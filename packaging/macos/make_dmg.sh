#!/usr/bin/env bash
# Wrap the PyInstaller .app bundle into a .dmg with an Applications link; optionally sign and notarise.
#
#   pyinstaller packaging/happyhorse.spec --noconfirm      # makes "dist/HappyHorse Desktop.app"
#   bash packaging/macos/make_dmg.sh 0.1.0                   # makes dist/HappyHorse-Desktop-0.1.0.dmg
#
# Signing and notarisation happen only when these environment variables are set:
#   MACOS_SIGN_IDENTITY     "Developer ID Application: Name (TEAMID)" in the login keychain
#   MACOS_NOTARY_PROFILE    a profile stored with `xcrun notarytool store-credentials` (Apple ID,
#                           team id and app-specific password), used to notarise and staple the .dmg
# Without them the .dmg is unsigned: it opens after a right-click ▸ Open (Gatekeeper warns once).
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION="${1:?usage: make_dmg.sh VERSION}"
APP="dist/HappyHorse Desktop.app"
DMG="dist/HappyHorse-Desktop-${VERSION}.dmg"
[ -d "$APP" ] || { echo "missing $APP: run pyinstaller packaging/happyhorse.spec first" >&2; exit 1; }

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "HappyHorse Desktop" -srcfolder "$STAGE" -ov -format UDZO "$DMG"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
fi
if [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$DMG" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
echo "built $DMG"
