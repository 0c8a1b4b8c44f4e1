#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks for gpuimdb: checks the .NET 10 SDK, adds the fonts
# that the PNG plots need, and restores NuGet packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK is not installed (no 'dotnet' on PATH)." >&2
  echo "Install it from https://dot.net (or your distribution's dotnet-sdk-10.0 package) and run again." >&2
  exit 1
fi

# ScottPlot reads fonts from Debian's standard font folder; without them plots have no text.
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  echo "Installing fonts-dejavu-core for the plots..."
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-dejavu-core >/dev/null
fi

dotnet restore GpuImdb.sln --nologo -v q
