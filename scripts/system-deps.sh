#!/usr/bin/env bash
# Installs the Debian packages charity-pos needs, only those missing.
#   base: Python's venv, Qt's runtime libraries and a Chinese font
#   test: base + what tests read PDFs and images with, and a PostgreSQL server
#         (the hub tests start their own in a temporary folder; none is set up here)
#   run:  base + Qt's X11 (xcb) platform and a virtual X server for headless machines
#   dist: run + what PyInstaller reads shared libraries with (binutils' objdump), for make dist; Qt's
#         xcb libraries are there so that the build carries what showing a window needs
set -euo pipefail
what="${1:-base}"

base=(fonts-wqy-microhei fontconfig libgl1 libegl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0)
test_pkgs=(poppler-utils postgresql)
run_pkgs=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
          libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libx11-xcb1 xvfb xauth)
dist_pkgs=(binutils)

packages=("${base[@]}")
case "$what" in
  test) packages+=("${test_pkgs[@]}") ;;
  run) packages+=("${run_pkgs[@]}") ;;
  dist) packages+=("${run_pkgs[@]}" "${dist_pkgs[@]}") ;;
esac
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  exit 0  # not Debian: the platform's own packages are the user's business
fi
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "Not root and no sudo: please install ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
