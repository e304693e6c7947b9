#!/bin/sh
# Build the Linux packages from the PyInstaller bundle in dist/hugo-post-editor:
#   dist/hugo-post-editor-VERSION-linux-ARCH.tar.gz  (install.sh / uninstall.sh for one user)
#   dist/hugo-post-editor_VERSION_ARCH.deb            (/opt, /usr/bin, desktop entry, icons, AppStream)
# Usage: packaging/linux/build.sh  (make package runs PyInstaller first, then this)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
DIST=$ROOT/dist
BUNDLE=$DIST/hugo-post-editor
ICONS=$ROOT/packaging/build/icons
HERE=$ROOT/packaging/linux
VERSION=$("$BUNDLE/hugo-post-editor" --version | awk '{print $2}')
ARCH=$(dpkg --print-architecture 2>/dev/null || uname -m)
DATE=$(date -u +%Y-%m-%d)
[ -x "$BUNDLE/hugo-post-editor" ] || { echo "no bundle in $BUNDLE: run PyInstaller first" >&2; exit 1; }
[ -f "$ICONS/hugo-post-editor-256.png" ] || "$PY" "$ROOT/packaging/make_icons.py" "$ICONS"

# ---- the tarball --------------------------------------------------------------------------
NAME=hugo-post-editor-$VERSION
STAGE=$ROOT/build/tar/$NAME
rm -rf "$ROOT/build/tar"
mkdir -p "$STAGE/share/icons"
cp -a "$BUNDLE" "$STAGE/app"
cp "$HERE/install.sh" "$HERE/uninstall.sh" "$STAGE/"
cp "$HERE/hugo-post-editor.desktop.in" "$HERE/markdown-mime.xml" "$STAGE/share/"
cp "$ICONS"/hugo-post-editor-*.png "$ICONS/hugo-post-editor.svg" "$STAGE/share/icons/"
echo "$VERSION" > "$STAGE/VERSION"
cat > "$STAGE/README.txt" <<TXT
Hugo Post Editor $VERSION

  ./install.sh     installs it for you (no root): ~/.local/opt/hugo-post-editor, the command
                   ~/.local/bin/hugo-post-editor, a menu entry, icons, and .md files open with it
  ./uninstall.sh   removes all of that again (your posts, settings and recovery copies stay)
TXT
tar -C "$ROOT/build/tar" -czf "$DIST/$NAME-linux-$ARCH.tar.gz" "$NAME"

# ---- the .deb ---------------------------------------------------------------------------
DEB=$ROOT/build/deb
rm -rf "$DEB"
mkdir -p "$DEB/DEBIAN" "$DEB/opt" "$DEB/usr/bin" "$DEB/usr/share/applications" "$DEB/usr/share/metainfo" \
    "$DEB/usr/share/doc/hugo-post-editor" "$DEB/usr/share/icons/hicolor/scalable/apps"
cp -a "$BUNDLE" "$DEB/opt/hugo-post-editor"
ln -s ../../opt/hugo-post-editor/hugo-post-editor "$DEB/usr/bin/hugo-post-editor"
sed "s|@EXEC@|hugo-post-editor|g" "$HERE/hugo-post-editor.desktop.in" > "$DEB/usr/share/applications/hugo-post-editor.desktop"
sed "s|@VERSION@|$VERSION|; s|@DATE@|$DATE|" "$HERE/io.github.hugo_post_editor.metainfo.xml.in" \
    > "$DEB/usr/share/metainfo/io.github.hugo_post_editor.metainfo.xml"
for png in "$ICONS"/hugo-post-editor-*.png; do
    size=$(basename "$png" .png | sed 's/.*-//')
    mkdir -p "$DEB/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$DEB/usr/share/icons/hicolor/${size}x${size}/apps/hugo-post-editor.png"
done
cp "$ICONS/hugo-post-editor.svg" "$DEB/usr/share/icons/hicolor/scalable/apps/"
cat > "$DEB/usr/share/doc/hugo-post-editor/copyright" <<TXT
Hugo Post Editor, MIT license. Bundles Qt and PySide6 (LGPLv3), Python (PSF) and Hugo (Apache-2.0).
TXT
SIZE=$(du -sk --exclude=DEBIAN "$DEB" | cut -f1)
# the libraries Qt needs, from the table `make sysdeps` installs from
DEPENDS=$("$PY" "$ROOT/packaging/system_deps.py" --debian-depends)
cat > "$DEB/DEBIAN/control" <<CTRL
Package: hugo-post-editor
Version: $VERSION
Architecture: $ARCH
Maintainer: Hugo Post Editor team <hugo-post-editor@users.noreply.github.com>
Installed-Size: $SIZE
Section: editors
Priority: optional
Depends: $DEPENDS
Homepage: https://github.com/hugo-post-editor/hugo-post-editor
Description: desktop editor for Hugo posts
 A front-matter form, a Markdown pane and a live preview that renders the way
 Hugo does; saving changes only the lines you edited. Open a site to browse its
 posts, make new ones from its archetypes and preview them in its theme.
CTRL
dpkg-deb --root-owner-group -Zgzip -z6 --build "$DEB" "$DIST/hugo-post-editor_${VERSION}_$ARCH.deb" >/dev/null
ls -la "$DIST"/*.tar.gz "$DIST"/*.deb
