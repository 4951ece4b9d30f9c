#!/usr/bin/env bash
# Soak: the smoke config from empty artifacts RUNS times (--jobs 2) while a second smoke run loops beside it as load,
# then the test suite SUITES times in a row under the same load. Prints the counts of failed units, crashed runs
# (an exit other than 0, or no last line), failed tests, failed runs of the loader and native faults in the kernel log
# (where it can be read: root); exits 1 if any is not zero.
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

# Native faults anywhere on this machine during the soak (a worker, the loader, a test host) are counted from the kernel
# log where it can be read (root), each named by its library and function: a crash the runs survive is still a crash.
faults_seen() { dmesg 2>/dev/null | grep -c 'segfault at' || true; }
faults_before=$(faults_seen)

load() { # a second smoke run, again and again, until stopped; a run that did not end with its closing line is kept
  local n=0
  while [ ! -f "$work/stop" ]; do
    n=$((n + 1)); rm -rf "$work/load"
    "${host[@]}" --artifacts "$work/load" >"$work/load.out" 2>&1; code=$?
    if [ "$code" -ne 0 ] && [ ! -f "$work/stop" ]; then cp "$work/load.out" "$work/load$n.out"; echo "load run $n: exit $code" >>"$work/load-failures"; fi
  done
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

touch "$work/stop"; wait $loader 2>/dev/null
load_failures=$( [ -f "$work/load-failures" ] && wc -l <"$work/load-failures" || echo 0)
[ "$load_failures" -gt 0 ] && echo "the loader's runs: $load_failures failed ($work/load-failures)"

faults=0
if dmesg >/dev/null 2>&1; then
  dmesg | grep 'segfault at' | tail -n +$((faults_before + 1)) >"$work/faults"
  faults=$(wc -l <"$work/faults")
  while read -r line; do # "... in libtorch_cpu.so[25bdd13,7f99...+...]": the file offset, which is the address in these libraries
    lib=$(sed -n 's/.* in \([^[]*\)\[\([0-9a-f]*\),.*/\1/p' <<<"$line"); off=$(sed -n 's/.* in \([^[]*\)\[\([0-9a-f]*\),.*/\2/p' <<<"$line")
    path=$(find build/bin/Release -name "$lib" 2>/dev/null | head -n 1)
    where=$([ -n "$path" ] && command -v gdb >/dev/null && gdb -batch -ex "info symbol 0x$off" "$path" 2>/dev/null | tail -n 1)
    echo "native fault: $lib+0x$off ${where:+($where)}: $line"
  done <"$work/faults"
fi

echo "soak: $runs smoke runs under load: $failed_units failed units, $crashed crashed; $suites test suites: $failed_tests failed tests, $aborted aborted; $load_failures failed loader runs; $faults native faults (logs in $work)"
[ "$failed_units" -eq 0 ] && [ "$crashed" -eq 0 ] && [ "$failed_tests" -eq 0 ] && [ "$aborted" -eq 0 ] && [ "$load_failures" -eq 0 ] && [ "$faults" -eq 0 ]
