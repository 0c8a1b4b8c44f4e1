#!/usr/bin/env bash
# Sets up, builds (warnings are errors), checks formatting, and runs every test once.
# Ends with one line "N passed, N failed, N skipped" and fails when a test failed or none ran.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1
dotnet build GpuImdb.sln -c Release --no-restore --nologo -v q || exit 1
dotnet format GpuImdb.sln --verify-no-changes --no-restore || { echo "error: run 'dotnet format'" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test GpuImdb.sln -c Release --no-build --nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# With normal verbosity each test assembly ends with lines "Total tests: N", "Passed: N", ...
sum() { grep -E "^ +$1: +[0-9]+\s*$" "$log" | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$rc" -eq 0 ] && [ $((passed + failed)) -eq 0 ]; then
  echo "error: no test ran" >&2
  rc=1
fi
exit "$rc"
