#!/usr/bin/env bash
# Runs every shipped scenario at a daily, weekly and monthly step into DIR (one HDF5 file per
# scenario and step), with the given chainsim binary. Used with tools/compare-results.py to check
# that an engine change leaves the results unchanged (docs/model.md, "Performance").
#   tools/reference-runs.sh build/release/cli/chainsim /tmp/reference
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: $0 CHAINSIM DIR" >&2
  exit 2
fi
chainsim=$1
out=$2
mkdir -p "$out"
root=$(cd "$(dirname "$0")/.." && pwd)
for scenario in "$root"/scenarios/belgium/*.yaml "$root"/scenarios/examples/*.yaml; do
  name=$(basename "$(dirname "$scenario")")-$(basename "$scenario" .yaml)
  for step in day week month; do
    "$chainsim" run "$scenario" --set time.step=$step -q -o "$out/$name-$step.h5" >/dev/null
  done
done
