#!/usr/bin/env bash
# Installs what LichPhat needs on a fresh Debian/Ubuntu machine: the system libraries
# (libsndfile, libmpg123, libebur128 — the loudness reference the tests hold LichPhat to —, libsamplerate for rendering, zlib for the web app's zip
# downloads) and pkg-config. Uses sudo when not root.
# Swift itself must already be installed (https://www.swift.org/install/).
# Extra Debian packages may be named as arguments (tools used by a test or benchmark).
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
want=(libsndfile1-dev libebur128-dev libmpg123-dev libsamplerate0-dev zlib1g-dev pkg-config "$@")
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "Swift is not installed: see https://www.swift.org/install/" >&2; exit 2; }
