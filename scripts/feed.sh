#!/usr/bin/env bash
# Feeds a MIRACL corpus into a local Vespa with `embedlab feed` (vespa-feed-client): progress, a summary,
# failed documents in a rejects file, a non-zero exit if anything failed.
#
# Usage: scripts/feed.sh [--lang yo|sw] [FILE...] [embedlab feed options]
#   default FILE feed/<lang>-feed.jsonl.zst (scripts/fetch-data.sh), endpoint http://localhost:8080/
#   environment: EMBEDLAB_ENDPOINT, EMBEDLAB_LANG; every `embedlab feed --help` option passes through.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
endpoint="${EMBEDLAB_ENDPOINT:-http://localhost:8080/}"
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
corpus="$root/feed/$lang-feed.jsonl.zst"

has_file=false
for arg in "${passed[@]+"${passed[@]}"}"; do
  case "$arg" in *.jsonl|*.jsonl.gz|*.jsonl.zst|*.json) has_file=true ;; esac
done
$has_file || args+=("$corpus")
default --endpoint "$endpoint"
default --rejects "$root/feed/$lang-rejects.jsonl"
exec "${embedlab[@]}" feed "${args[@]}" "${passed[@]+"${passed[@]}"}"
