#!/usr/bin/env bash
# Sets up, builds, and codes the bundled example articles with the built-in dictionaries.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build >/dev/null
cmake --build build -j"$(nproc)"
for f in examples/es-cumbre.txt examples/en-ceasefire.txt; do
  id=$(basename "$f" .txt)
  echo "== $f" >&2
  build/gesta code --date 2025-03-03 --id "$id" "$f"
done
