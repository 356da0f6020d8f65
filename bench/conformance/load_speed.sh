#!/usr/bin/env bash
# Dictionary loading time of other formats (not part of the test suite): the full Phoenix set of
# PETRARCH 2 (Countries, International and MilNonState actors, agents, discards, CAMEO.2.0 verbs)
# and UniversalPetrarch's Spanish dictionaries, each loaded by `gesta code` on an empty input;
# best of five wall-clock runs, one core. Then the speed of coding with the Phoenix set, on the
# benchmark corpus of bench/speed (make it first with bench/speed/run.sh).
# Usage: bench/conformance/load_speed.sh [GESTA] [REFERENCE_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
g=${1:-build/gesta}
ref=${2:-../shared/reference}
p2=$ref/petrarch2
es=$ref/UniversalPetrarch/data/dictionaries/spanish
if [ ! -d "$p2" ]; then echo "load speed: $p2 absent, skipped"; exit 0; fi
phoenix=(--dict-format petrarch --verbs "$p2/CAMEO.2.0.txt" --actors "$p2/Phoenix.Countries.actors.txt"
  --actors "$p2/Phoenix.International.actors.txt" --actors "$p2/Phoenix.MilNonState.actors.txt"
  --agents "$p2/Phoenix.agents.txt" --discards "$p2/Phoenix.discards.txt")
spanish=(--dict-format petrarch --dict-lang es --verbs "$es/verbpatterns_es_190128.txt"
  --actors "$es/actors_unified_181220.txt" --agents "$es/agents_181220.txt")
timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
best() {
  local b=999
  for _ in 1 2 3 4 5; do
    # A load that fails is no time to report.
    if ! /usr/bin/time -f "%e" -o "$timing" taskset -c 0 "$g" code "$@" /dev/null >/dev/null 2>&1; then
      echo "load failed: gesta code $*" >&2
      exit 1
    fi
    b=$(python3 -c "print(min($b, $(tail -1 "$timing")))")
  done
  echo "$b"
}
t=$(best "${phoenix[@]}")
echo "Phoenix (PETRARCH 2) dictionaries loaded in $t s"
if [ -d "$es" ]; then
  t=$(best "${spanish[@]}")
  echo "UniversalPetrarch Spanish dictionaries loaded in $t s"
fi
t=$(best)
echo "built-in dictionaries loaded in $t s"
corpus=${BENCH_DIR:-/tmp/gesta-bench}/corpus-60.jsonl
if [ -s "$corpus" ]; then
  "$g" code "${phoenix[@]}" --stats --input jsonl "$corpus" 2>&1 >/dev/null | grep '^gesta: stats:' |
    sed 's/^gesta: stats:/coding with the Phoenix dictionaries, one thread:/'
fi
