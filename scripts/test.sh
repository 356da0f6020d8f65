#!/usr/bin/env bash
# Sets up, builds with warnings as errors, and runs every test; then the same suite again in an
# AddressSanitizer + UndefinedBehaviorSanitizer build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)
cmake -S . -B build -DGESTA_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")
# valgrind's memcheck on the golden cases: leaks and bad reads, including inside the libraries
# that the sanitizer build does not instrument. Its output goes to a log and the cases' own output
# to another file, so that the only test-runner summaries printed here are ctest's; one line
# when clean, the memcheck log when not.
vlog=build/valgrind-golden.log
vout=build/valgrind-golden.out
if valgrind --error-exitcode=1 --leak-check=full --log-file="$vlog" \
    build/tests/golden_test tests/golden/*.test >"$vout" 2>&1; then
  echo "valgrind golden: clean"
else
  rc=$?
  if grep -q "ERROR SUMMARY: 0 errors" "$vlog"; then
    echo "valgrind golden: no memory errors, but golden_test exited with status $rc (see $vout)"
  else
    echo "valgrind golden: memory errors (log $vlog follows)"
    cat "$vlog"
  fi
  exit 1
fi
cmake -S . -B build-asan -DGESTA_WERROR=ON -DGESTA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j"$jobs")
