#!/usr/bin/env bash
# Runs MIRACL dev topics against a local Vespa with `embedlab evaluate`: a TREC run file plus NDCG@10
# (trec_eval ndcg_cut.10), recall@100 and MRR@10; `--baseline RUN` adds overlap@k.
#
# Usage: scripts/evaluate.sh [--lang yo|sw] [embedlab evaluate options]
#   e.g. scripts/evaluate.sh --mode e5 --exact --run runs/exact.run
#        scripts/evaluate.sh --mode e5 --explore-additional-hits 100 --baseline runs/exact.run
#   defaults: topics and qrels from queries/ (scripts/fetch-data.sh), endpoint http://localhost:8080/
#   environment: EMBEDLAB_ENDPOINT, EMBEDLAB_LANG
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
topics="$root/queries/topics.miracl-v1.0-$lang-dev.tsv"
qrels="$root/queries/qrels.miracl-v1.0-$lang-dev.tsv"

default --topics "$topics"
default --qrels "$qrels"
default --endpoint "$endpoint"
default --language "$lang"
exec "${embedlab[@]}" evaluate "${args[@]}" "${passed[@]+"${passed[@]}"}"
