#!/usr/bin/env bash
# Make a drag-to-Applications .dmg from the PyInstaller RothWizard.app (macOS only: hdiutil, codesign).
#   bash packaging/macos/make-dmg.sh dist/RothWizard.app dist/RothWizard-<v>.dmg <version>
# Called by `python packaging/build.py macos`. Signs ad hoc ("-") unless MACOS_SIGN_IDENTITY names a
# Developer ID certificate in the keychain; notarisation (xcrun notarytool) needs an Apple account and is
# not done here: an unsigned, un-notarised app must be opened with right-click > Open the first time.
set -euo pipefail
app=$1 out=$2 version=$3
[ "$(uname)" = Darwin ] || { echo "make-dmg.sh: needs macOS (hdiutil)" >&2; exit 2; }
[ -d "$app" ] || { echo "make-dmg.sh: no $app" >&2; exit 2; }
identity=${MACOS_SIGN_IDENTITY:--}
codesign --force --deep --options runtime --timestamp=none --sign "$identity" "$app"
codesign --verify --deep --strict "$app"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$out"
hdiutil create -volname "RothWizard $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$out"
hdiutil verify "$out"
echo "$out"
