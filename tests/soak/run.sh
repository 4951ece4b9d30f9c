#!/usr/bin/env bash
# Soak: the smoke config from empty artifacts RUNS times (--jobs 2) while a second smoke run loops beside it as load,
# then the test suite SUITES times in a row under the same load. Prints the counts of failed units, crashed runs
# (an exit other than 0, or no last line) and failed tests; exits 1 if any is not zero.
#   usage: tests/soak/run.sh [RUNS=30] [SUITES=5]      (from the repository root; builds Release first)
set -uo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-30}
suites=${2:-5}
work=$(mktemp -d /tmp/agop-soak.XXXXXX)
data=$(cd ../shared/data 2>/dev/null && pwd || echo "")
dotnet build -c Release build >"$work/build.log" 2>&1 || { echo "build failed: $work/build.log"; exit 2; }
host=(dotnet build/bin/Release/net10.0/Agop.Build.dll --config configs/smoke.yaml --jobs 2 --threads 1 --verbosity quiet)
[ -n "$data" ] && host+=(--set "data.dir=$data")

load() { # a second smoke run, again and again, until stopped
  while [ ! -f "$work/stop" ]; do rm -rf "$work/load"; "${host[@]}" --artifacts "$work/load" >/dev/null 2>&1; done
}
load & loader=$!
trap 'touch "$work/stop"; wait $loader 2>/dev/null' EXIT

failed_units=0 crashed=0
for i in $(seq 1 "$runs"); do
  rm -rf "$work/a"
  "${host[@]}" --artifacts "$work/a" >"$work/run$i.out" 2>"$work/run$i.err"
  code=$?
  last=$(tail -n 1 "$work/run$i.out")
  f=$(sed -n 's/^ran [0-9]*, reused [0-9]*, failed \([0-9]*\).*/\1/p' <<<"$last")
  if [ -z "$f" ] || [ "$code" -gt 1 ]; then crashed=$((crashed + 1)); echo "run $i: crashed (exit $code): $work/run$i.err"
  elif [ "$f" -gt 0 ] || [ "$code" -ne 0 ]; then failed_units=$((failed_units + ${f:-0})); echo "run $i: $last"; grep '^failed:' "$work/run$i.err"
  else echo "run $i: $last"; fi
done

failed_suites=0 failed_tests=0 aborted=0
for i in $(seq 1 "$suites"); do
  # --blame: a crashed test host leaves the sequence of tests it ran (the last one was running); each test project writes
  # its results into its own TestResults/, kept in $work/tr$i/<project>
  rm -rf tests/Agop.*.Tests/TestResults
  dotnet test --blame --logger "trx;LogFileName=r.trx" >"$work/suite$i.log" 2>&1
  p=0 f=0
  for project in tests/Agop.*.Tests; do
    name=$(basename "$project")
    mkdir -p "$work/tr$i"; [ -d "$project/TestResults" ] && mv "$project/TestResults" "$work/tr$i/$name"
    counters=$(grep -o '<Counters [^>]*>' "$work/tr$i/$name/r.trx" 2>/dev/null | head -n 1)
    pp=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); ff=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    [ -z "$ff" ] && { ff=1; echo "suite $i: no results from $name ($work/suite$i.log)"; }
    p=$((p + ${pp:-0})); f=$((f + ff))
  done
  if grep -q "Test Run Aborted\|Test host process crashed" "$work/suite$i.log"; then
    aborted=$((aborted + 1)); failed_suites=$((failed_suites + 1))
    echo "suite $i: ABORTED after ${p:-0} passed, $f failed: the test host crashed ($work/suite$i.log; sequence in $work/tr$i)"
    continue
  fi
  [ "$f" -gt 0 ] && failed_suites=$((failed_suites + 1))
  failed_tests=$((failed_tests + f))
  echo "suite $i: ${p:-0} passed, $f failed"
done

echo "soak: $runs smoke runs under load: $failed_units failed units, $crashed crashed; $suites test suites: $failed_tests failed tests, $aborted aborted (logs in $work)"
[ "$failed_units" -eq 0 ] && [ "$crashed" -eq 0 ] && [ "$failed_tests" -eq 0 ] && [ "$aborted" -eq 0 ]
