#!/usr/bin/env bash
# Wrap the PyInstaller .app bundle into a .dmg with an Applications link; sign and notarise it when the
# credentials are there.
#
#   pyinstaller packaging/happyhorse.spec --noconfirm     # makes "dist/HappyHorse Desktop.app"
#   bash packaging/macos/make_dmg.sh 0.1.0                 # makes dist/HappyHorse-Desktop-0.1.0-macos-<arch>.dmg
#
# <arch> is the app's own architecture (arm64 or x86_64), read from its executable.
#
# Signing: the spec signs the app (every binary, hardened runtime) when MACOS_SIGN_IDENTITY is set at
# build time; this script checks that signature and signs the .dmg with the same identity.
# Notarisation, when all three are set (an App Store Connect API key, as the release workflow has it):
#   MACOS_NOTARY_KEY_PATH    the .p8 key file
#   MACOS_NOTARY_KEY_ID      its key id
#   MACOS_NOTARY_ISSUER      the issuer id of the team
# The .dmg is submitted with `notarytool submit --key/--key-id/--issuer --wait` and the ticket stapled.
#
# Without them the .dmg is unsigned: on macOS 15 and later the first start is refused; the user opens
# System Settings ▸ Privacy & Security and clicks "Open Anyway" (see README "Download and install").
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION="${1:?usage: make_dmg.sh VERSION}"
APP_NAME="HappyHorse Desktop"
APP="dist/${APP_NAME}.app"
[ -d "$APP" ] || { echo "missing $APP: run pyinstaller packaging/happyhorse.spec first" >&2; exit 1; }

ARCHS=$(lipo -archs "$APP/Contents/MacOS/happyhorse")
case "$ARCHS" in
  "arm64") ARCH=arm64 ;;
  "x86_64") ARCH=x86_64 ;;
  *) ARCH=universal2 ;;  # both slices: one download for every Mac
esac
DMG="dist/HappyHorse-Desktop-${VERSION}-macos-${ARCH}.dmg"

PLIST_VERSION=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist")
[ "$PLIST_VERSION" = "$VERSION" ] || { echo "the app says $PLIST_VERSION, not $VERSION" >&2; exit 1; }

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --verify --deep --strict --verbose=2 "$APP"
  codesign --display --verbose=2 "$APP" 2>&1 | grep -q "flags=.*runtime" \
    || { echo "$APP is not signed with the hardened runtime" >&2; exit 1; }
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "$APP_NAME" -srcfolder "$STAGE" -ov -format UDZO "$DMG"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
fi
if [ -n "${MACOS_NOTARY_KEY_PATH:-}" ] && [ -n "${MACOS_NOTARY_KEY_ID:-}" ] && [ -n "${MACOS_NOTARY_ISSUER:-}" ]; then
  xcrun notarytool submit "$DMG" --key "$MACOS_NOTARY_KEY_PATH" --key-id "$MACOS_NOTARY_KEY_ID" \
    --issuer "$MACOS_NOTARY_ISSUER" --wait --timeout 30m
  xcrun stapler staple "$DMG"
  xcrun stapler validate "$DMG"
  spctl --assess --type open --context context:primary-signature --verbose=2 "$DMG"
fi
echo "built $DMG"
