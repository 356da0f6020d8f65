#!/usr/bin/env bash
# The speed benchmark (not part of the test suite). Builds gesta in Release mode, assembles a
# 60 MB corpus of Spanish and English news (bench/speed/make_corpus.py), and prints, for one and
# two threads: sentences/s, MB/s, events/s, peak RSS and the CPU time other processes took
# meanwhile, and the ratio of the two; each language alone on one thread; then the dictionary
# start-up time, and
# callgrind's instruction count per sentence on a small fixed input (repeatable on noisy
# machines). Usage: bench/speed/run.sh [MEGABYTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
mb=${1:-60}
out=${BENCH_DIR:-/tmp/gesta-bench}
mkdir -p "$out"
command -v python3 >/dev/null || { echo "bench: needs python3 (apt-get install python3)"; exit 2; }
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DGESTA_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target gesta >/dev/null
g=build-bench/gesta
[ -s "$out/corpus-$mb.jsonl" ] || python3 bench/speed/make_corpus.py "$out/corpus-$mb.jsonl" "$mb" 1
[ -s "$out/small.jsonl" ] || python3 bench/speed/make_corpus.py "$out/small.jsonl" 0.25 7
echo "input: $out/corpus-$mb.jsonl ($(du -hL "$out/corpus-$mb.jsonl" | cut -f1))"
# CPU time the rest of the machine used during a run (/proc/stat's busy time minus the run's own):
# on a shared machine, a figure measured while others were busy says little about threads.
busy_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)
declare -A rate
for j in 1 2; do
  b0=$(busy_ticks)
  /usr/bin/time -f "%M %U %S" -o "$out/rss" "$g" code -j "$j" --stats --input jsonl \
    "$out/corpus-$mb.jsonl" >/dev/null 2>"$out/err"
  b1=$(busy_ticks)
  read -r rss usr sys <"$out/rss"
  others=$(awk -v b="$((b1 - b0))" -v hz="$hz" -v u="$usr" -v s="$sys" \
    'BEGIN { o = b / hz - u - s; printf "%.1f", o < 0 ? 0 : o }')
  line=$(grep '^gesta: stats:' "$out/err")
  rate[$j]=$(echo "$line" | grep -o '[0-9]* sentences/s' | cut -d' ' -f1)
  echo "threads $j: ${line#gesta: stats: }, peak RSS $((rss / 1024)) MB, other processes \
${others} CPU-s"
done
awk -v a="${rate[1]}" -v b="${rate[2]}" 'BEGIN { if (a > 0) printf "two threads / one: %.2f\n", b / a }'
# Each language alone, one thread: the corpus's documents of that language.
for lang in es en; do
  f="$out/corpus-$mb-$lang.jsonl"
  [ -s "$f" ] || grep -F "\"lang\": \"$lang\"" "$out/corpus-$mb.jsonl" >"$f"
  "$g" code --stats --input jsonl "$f" >/dev/null 2>"$out/err-$lang"
  echo "language $lang, threads 1: $(grep '^gesta: stats:' "$out/err-$lang" | sed 's/^gesta: stats: //')"
done
# Start-up: build the built-in dictionaries and code nothing.
/usr/bin/time -f "%e" -o "$out/t" "$g" code /dev/null 2>/dev/null
echo "start-up (dictionaries ready, empty input): $(cat "$out/t") s"
if command -v valgrind >/dev/null; then
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$g" code --stats --input jsonl \
    "$out/small.jsonl" >/dev/null 2>"$out/cgerr"
  total=$(grep -o 'refs: *[0-9,]*' "$out/cgerr" | tr -dc '0-9')
  valgrind --tool=callgrind --callgrind-out-file="$out/cg0" "$g" code /dev/null 2>"$out/cg0err" || true
  base=$(grep -o 'refs: *[0-9,]*' "$out/cg0err" | tr -dc '0-9')
  sents=$(grep -o 'sentences [0-9]*' "$out/cgerr" | head -1 | tr -dc '0-9')
  echo "callgrind: $(( (total - base) / sents )) instructions per sentence ($sents sentences), \
$((base / 1000000)) M instructions to start"
fi
