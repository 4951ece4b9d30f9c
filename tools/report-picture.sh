#!/usr/bin/env bash
# The README's picture: one page of a run's report as a PNG (needs pdftoppm: apt-get install poppler-utils).
#   usage: tools/report-picture.sh [REPORT=artifacts/report.pdf] [PAGE=3] [OUT=docs/images/report-summary.png]
# Page 3 of the default config's report is the reproduction summary (claims, verdicts, scale, robustness).
set -euo pipefail
report=${1:-artifacts/report.pdf}
page=${2:-3}
out=${3:-docs/images/report-summary.png}
command -v pdftoppm >/dev/null || { echo "pdftoppm not found: apt-get install poppler-utils" >&2; exit 2; }
[ -f "$report" ] || { echo "no report at $report: run dotnet run --project build -- --target Report first" >&2; exit 2; }
mkdir -p "$(dirname "$out")"
pdftoppm -f "$page" -l "$page" -png -r 90 -singlefile "$report" "${out%.png}"
echo "$out: page $page of $report"
