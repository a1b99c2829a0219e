#!/usr/bin/env bash
# Latency/throughput ramp with vespa-fbench inside the local Vespa container (`embedlab fbench`): clients
# 1, 2, 4, 8, 16 by default; prints the table (clients, average latency, p95, QPS), writes CSV and a PNG.
#
# Usage: scripts/fbench.sh [--lang yo|sw] [embedlab fbench options]
#   e.g. scripts/fbench.sh --mode e5 --explore-additional-hits 100 --seconds 30
#        scripts/fbench.sh --mode e5 --exact --dry-run
#   defaults: topics from queries/, container embedlab-vespa (vespa-fbench via docker exec, port 8080)
#   environment: EMBEDLAB_CONTAINER, EMBEDLAB_LANG
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
container="${EMBEDLAB_CONTAINER:-embedlab-vespa}"
lang="${EMBEDLAB_LANG:-yo}"
read -r -a embedlab <<< "${EMBEDLAB:-$root/bin/embedlab}"   # tests point EMBEDLAB at a java command line

passed=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --lang) lang="${2:?--lang needs yo or sw}"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) passed+=("$1"); shift ;;
  esac
done
[[ "$lang" == yo || "$lang" == sw ]] || { echo "$(basename "$0"): --lang must be yo or sw, got '$lang'" >&2; exit 2; }

args=()
default() {  # default <option> <value>: pass the option unless the caller already did
  local arg
  for arg in "${passed[@]+"${passed[@]}"}"; do
    [[ "$arg" == "$1" || "$arg" == "$1="* ]] && return 0
  done
  args+=("$1" "$2")
}
topics="$root/queries/topics.miracl-v1.0-$lang-dev.tsv"

default --topics "$topics"
default --container "$container"
default --language "$lang"
exec "${embedlab[@]}" fbench "${args[@]}" "${passed[@]+"${passed[@]}"}"
