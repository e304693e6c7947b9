#!/bin/sh
# Install Hugo Post Editor for this user: the app under ~/.local/opt, a command in ~/.local/bin,
# a menu entry, icons and the text/markdown association. Nothing needs root.
#   ./install.sh            install (or update)
#   ./uninstall.sh          remove everything this put in place (listed in its manifest)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
CONFIG=${XDG_CONFIG_HOME:-$HOME/.config}
BIN=${HUGO_POST_EDITOR_BIN:-$HOME/.local/bin}
APP=${HUGO_POST_EDITOR_PREFIX:-$HOME/.local/opt/hugo-post-editor}
MANIFEST="$DATA/hugo-post-editor/installed-files"

mkdir -p "$DATA/hugo-post-editor" "$BIN" "$DATA/applications" "$DATA/mime/packages" "$CONFIG"
: > "$MANIFEST"
note() { echo "$1" >> "$MANIFEST"; }

rm -rf "$APP"
mkdir -p "$(dirname "$APP")"
cp -a "$HERE/app" "$APP"
note "$APP"
ln -sf "$APP/hugo-post-editor" "$BIN/hugo-post-editor"
note "$BIN/hugo-post-editor"

sed "s|@EXEC@|$APP/hugo-post-editor|g" "$HERE/share/hugo-post-editor.desktop.in" \
    > "$DATA/applications/hugo-post-editor.desktop"
note "$DATA/applications/hugo-post-editor.desktop"

for png in "$HERE"/share/icons/hugo-post-editor-*.png; do
    size=$(basename "$png" .png | sed 's/.*-//')
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$DATA/icons/hicolor/${size}x${size}/apps/hugo-post-editor.png"
    note "$DATA/icons/hicolor/${size}x${size}/apps/hugo-post-editor.png"
done
mkdir -p "$DATA/icons/hicolor/scalable/apps"
cp "$HERE/share/icons/hugo-post-editor.svg" "$DATA/icons/hicolor/scalable/apps/hugo-post-editor.svg"
note "$DATA/icons/hicolor/scalable/apps/hugo-post-editor.svg"

cp "$HERE/share/markdown-mime.xml" "$DATA/mime/packages/hugo-post-editor.xml"
note "$DATA/mime/packages/hugo-post-editor.xml"

# open .md files with it: the user's mimeapps.list (what xdg-mime default writes)
LIST="$CONFIG/mimeapps.list"
touch "$LIST"
if ! grep -q '^\[Added Associations\]' "$LIST"; then printf '\n[Added Associations]\n' >> "$LIST"; fi
if ! grep -q '^text/markdown=.*hugo-post-editor.desktop' "$LIST"; then
    sed -i '/^\[Added Associations\]/a text/markdown=hugo-post-editor.desktop;' "$LIST"
fi
note "mimeapps:$LIST"

command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true

echo "Installed Hugo Post Editor $(cat "$HERE/VERSION") in $APP"
case ":$PATH:" in *":$BIN:"*) ;; *) echo "Add $BIN to your PATH to run hugo-post-editor from a terminal." ;; esac
