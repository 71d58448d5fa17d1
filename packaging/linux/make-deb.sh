#!/usr/bin/env bash
# Wraps the standalone build (dist/charity-pos, from make dist) into a Debian package, for a Linux PC
# without Python (make deb):
#   /opt/charity-pos/                 the program, as make dist made it
#   /usr/bin/charity-pos              a link to it: the command line, and the app without a command
#   /usr/share/applications/charity-pos.desktop and the icon, for the desktop's menu
# The store's data stays in each person's own folders (~/.local/share/charity-pos, ~/.config/charity-pos):
# removing or upgrading the package never touches it.
#
#   bash packaging/linux/make-deb.sh [DIST_FOLDER [OUT_FOLDER]]   ->  OUT_FOLDER/charity-pos_VERSION_ARCH.deb
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dist="$(cd "${1:-$root/dist/charity-pos}" && pwd)"
out="${2:-$root/dist}"
python="${PYTHON:-python3}"
[ -x "$dist/charity-pos" ] || { echo "No program in $dist: run make dist first." >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "dpkg-deb is missing: a Debian package is made on Debian or Ubuntu." >&2; exit 1; }

version="$("$python" "$root/packaging/build_info.py" --deb-version)"
arch="$(dpkg --print-architecture)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/icons/hicolor/256x256/apps" \
         "$stage/DEBIAN"
cp -a "$dist" "$stage/opt/charity-pos"
ln -s /opt/charity-pos/charity-pos "$stage/usr/bin/charity-pos"
cp "$root/charity_pos/resources/icons/charity-pos.png" "$stage/usr/share/icons/hicolor/256x256/apps/charity-pos.png"
cat > "$stage/usr/share/applications/charity-pos.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=charity-pos
Name[zh_CN]=charity-pos 慈善超市
GenericName=Point of sale
GenericName[zh_CN]=收银与物资管理
Comment=Point of sale for community charity supermarkets
Comment[zh_CN]=慈善超市收银、捐赠与物资发放
Exec=/opt/charity-pos/charity-pos
Icon=charity-pos
Terminal=false
Categories=Office;Finance;
DESKTOP
chmod -R u+rwX,go+rX,go-w "$stage"

# What the build does not carry: OpenGL (the driver's), fontconfig's settings and a Chinese font
# (the screens and every PDF), as make dist's own system-deps.sh installs them.
cat > "$stage/DEBIAN/control" <<CONTROL
Package: charity-pos
Version: $version
Architecture: $arch
Maintainer: charity-pos <charity-pos@localhost>
Section: misc
Priority: optional
Installed-Size: $(du -sk "$stage" | cut -f1)
Depends: libc6, libgl1, libegl1, fontconfig, fonts-wqy-microhei
Description: point of sale for community charity supermarkets (慈善超市)
 Sales, donations and receipts, relief handouts, stock and the district's
 bundles, on one PC with a local database. Standalone: it carries its own
 Python and Qt.
CONTROL

mkdir -p "$out"
deb="$out/charity-pos_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$stage" "$deb" >/dev/null
echo "$deb: $(du -h "$deb" | cut -f1)"
