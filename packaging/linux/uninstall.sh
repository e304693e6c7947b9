#!/bin/sh
# Remove what install.sh put in place (its manifest lists every file), and the association.
set -eu
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
MANIFEST="$DATA/hugo-post-editor/installed-files"
[ -f "$MANIFEST" ] || { echo "Hugo Post Editor is not installed for this user."; exit 0; }
while IFS= read -r path; do
    case "$path" in
        mimeapps:*)
            list=${path#mimeapps:}
            [ -f "$list" ] && sed -i '/^text\/markdown=hugo-post-editor.desktop;$/d' "$list" ;;
        *) rm -rf "$path" ;;
    esac
done < "$MANIFEST"
rm -f "$MANIFEST"  # the folder also holds recovery copies of unsaved edits: those stay
rmdir "$DATA/hugo-post-editor" 2>/dev/null || true
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true
echo "Removed Hugo Post Editor (your posts and settings are not touched)."
