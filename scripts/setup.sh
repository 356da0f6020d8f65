#!/usr/bin/env bash
# Installs what gesta needs to build and test on Debian 12, skipping what is already there.
set -euo pipefail
pkgs=(build-essential cmake pkg-config python3 libutf8proc-dev libstemmer-dev libjansson-dev libcmocka-dev
  valgrind)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi
