#!/bin/sh
# The first step of `npm test`: the programs the tests run outside npm.
#   chromium   (/usr/bin/chromium, or $CHROMIUM_PATH)  the browser tests and bench:web
#   pdftotext  (/usr/bin/pdftotext, Debian's poppler-utils)  the PDF tests
# Present: nothing to do. Missing, as root on Debian: installed with apt-get.
# Otherwise: one line saying what to install, and npm test stops.
set -eu

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
pdftotext=/usr/bin/pdftotext

missing() {
  pkgs=""
  files=""
  if [ ! -x "$chromium" ]; then
    pkgs="$pkgs chromium"
    files="$files $chromium"
  fi
  if [ ! -x "$pdftotext" ]; then
    pkgs="$pkgs poppler-utils"
    files="$files $pdftotext"
  fi
  pkgs="${pkgs# }"
  files="${files# }"
}

missing
[ -z "$pkgs" ] && exit 0

is_debian() {
  [ -r /etc/os-release ] && . /etc/os-release && [ "${ID:-}" = debian ] && command -v apt-get >/dev/null 2>&1
}

if [ "$(id -u)" -eq 0 ] && is_debian; then
  echo "ensure-test-deps: installing $pkgs (for $files)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  apt-get install -y -qq $pkgs >/dev/null
  missing
  [ -z "$pkgs" ] && exit 0
  echo "ensure-test-deps: still missing $files after apt-get install (CHROMIUM_PATH=${CHROMIUM_PATH:-unset})" >&2
  exit 1
fi

if is_debian; then
  how="sudo apt-get install $pkgs"
else
  how="your system's package of $pkgs (Chromium at $chromium or set CHROMIUM_PATH; poppler's pdftotext at $pdftotext)"
fi
echo "npm test needs $files: install with: $how" >&2
exit 1
