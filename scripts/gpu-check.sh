#!/usr/bin/env bash
# GPU check for a machine with an NVIDIA GPU and the .NET 10 SDK; non-interactive, under 8 minutes.
# Builds, lists the devices, runs the kernel tests on CUDA, trains the full 40-epoch recipe with
# --accelerator cuda on the real data, runs the benchmark, and keeps every log and the run's
# output files in OUT_DIR.
#
#   scripts/gpu-check.sh OUT_DIR [IMDB_NPZ]      (IMDB_NPZ defaults to ../shared/data/imdb.npz)
#
# ACCELERATOR=cpu runs the same steps on ILGPU's CPU accelerator: a rehearsal on a machine without
# a GPU (the CUDA device checks then report what is missing).
set -uo pipefail
cd "$(dirname "$0")/.."

out=${1:?usage: scripts/gpu-check.sh OUT_DIR [IMDB_NPZ]}
data=${2:-../shared/data/imdb.npz}
acc=${ACCELERATOR:-cuda}
case "$acc" in cuda) kind=Cuda ;; cpu) kind=Cpu ;; *) echo "ACCELERATOR must be cuda or cpu" >&2; exit 2 ;; esac
mkdir -p "$out" || exit 1
out=$(cd "$out" && pwd)
status=0
step() { echo "== $1" | tee -a "$out/summary.txt"; }
run() {  # run NAME TIMEOUT_S COMMAND...: log to OUT_DIR/NAME.log, note the exit code
  local name=$1 limit=$2; shift 2
  local start=$SECONDS
  timeout "$limit" "$@" > "$out/$name.log" 2>&1
  local rc=$?
  echo "$name: exit $rc in $((SECONDS - start)) s" | tee -a "$out/summary.txt"
  [ "$rc" -eq 0 ] || status=1
  return "$rc"
}

: > "$out/summary.txt"
step "machine"
{ date -u; uname -a; nvidia-smi 2>&1 | head -20; dotnet --version; } > "$out/machine.log" 2>&1
command -v dotnet >/dev/null || { echo "error: no dotnet on PATH" | tee -a "$out/summary.txt"; exit 1; }
[ -f "$data" ] || { echo "error: data not found: $data" | tee -a "$out/summary.txt"; exit 1; }

step "build"
run build 240 dotnet build GpuImdb.sln -c Release --nologo || exit 1
cli=(dotnet src/Cli/bin/Release/net10.0/gpuimdb.dll)

step "devices"
run devices 60 "${cli[@]}" devices
run devices-json 60 "${cli[@]}" devices --json

step "kernel tests on $acc (and the cross-backend check)"
run "kernel-tests-$acc" 180 dotnet test tests/Kernels.Tests -c Release --no-build \
  --filter "DisplayName~$kind" --logger "console;verbosity=normal"
run cross-backend-test 120 dotnet test tests/Trainer.Tests -c Release --no-build \
  --filter "FullyQualifiedName~CrossBackend" --logger "console;verbosity=normal"

step "40-epoch training on $acc"
run "train-$acc" 240 "${cli[@]}" train --accelerator "$acc" --data "$data" --output "$out/run-$acc"

step "benchmark on $acc"
run "bench-$acc" 120 "${cli[@]}" bench --accelerator "$acc" --data "$data" --epochs 10 --json

grep -hE "^(Test:|Trained)" "$out/train-$acc.log" 2>/dev/null | tee -a "$out/summary.txt"
grep -hE "median_epoch_seconds|ms_per_step|session_seconds|peak_memory_mb" "$out/bench-$acc.log" 2>/dev/null \
  | tee -a "$out/summary.txt"
echo "Logs and the run's files are in $out (summary.txt sums it up)."
exit "$status"
