#!/bin/sh
# macOS: build "Hugo Post Editor.app" with PyInstaller and put it in a .dmg (drag to Applications).
# Runs on a Mac only (iconutil, hdiutil); see .github/workflows/package.yml.
#   packaging/macos/make-dmg.sh      ->  dist/hugo-post-editor-VERSION-macos-ARCH.dmg
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=${PYTHON:-python3}
cd "$ROOT"
"$PY" packaging/make_icons.py packaging/build/icons          # includes the .icns (iconutil)
"$PY" -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/hugo-post-editor.spec
APP="dist/Hugo Post Editor.app"
[ -d "$APP" ] || { echo "PyInstaller made no $APP" >&2; exit 1; }
VERSION=$("$APP/Contents/MacOS/hugo-post-editor" --version | awk '{print $2}')
codesign --force --deep --sign - "$APP"                        # ad hoc: runs locally; notarize to ship
STAGE=build/dmg
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Hugo Post Editor" -srcfolder "$STAGE" -ov -format UDZO \
    "dist/hugo-post-editor-$VERSION-macos-$(uname -m).dmg"
