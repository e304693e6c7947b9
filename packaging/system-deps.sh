#!/bin/sh
# Qt (PySide6 + QtWebEngine) needs these Debian/Ubuntu libraries to run without a display.
# Installs them when missing and we are root; otherwise prints the command to run. Exit 1 only
# when something is missing and could not be installed.
set -u
PKGS="libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3 libnss3 libxcomposite1 \
libxdamage1 libxrandr2 libxtst6 libasound2 libxkbfile1"
command -v dpkg-query >/dev/null 2>&1 || {
    echo "system-deps: not a Debian/Ubuntu system; make sure Qt 6's runtime libraries are installed: $PKGS" >&2
    exit 0
}
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "system-deps: installing$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
    exit $?
fi
echo "system-deps: Qt needs these packages; run:" >&2
echo "  sudo apt-get install -y --no-install-recommends$missing" >&2
exit 1
