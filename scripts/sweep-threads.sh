#!/usr/bin/env bash
# Threads-per-search sweep on a local Docker Vespa (`embedlab sweep threads`): sets persearch once to the
# largest value, then measures exact and approximate E5 search with ranking.matching.numThreadsPerSearch
# 1, 2, 4: NDCG@10, average and p95 latency, QPS as Markdown, CSV and PNG under results/sweep-threads.
#
# Usage: scripts/sweep-threads.sh [--lang yo|sw] [--dry-run] [embedlab sweep threads options]
#   defaults as scripts/sweep-hnsw.sh
#   environment: EMBEDLAB_ENDPOINT, EMBEDLAB_CONFIG_SERVER, EMBEDLAB_CONTAINER, EMBEDLAB_LANG
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
endpoint="${EMBEDLAB_ENDPOINT:-http://localhost:8080/}"
config_server="${EMBEDLAB_CONFIG_SERVER:-http://localhost:19071}"
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
qrels="$root/queries/qrels.miracl-v1.0-$lang-dev.tsv"
corpus="$root/feed/$lang-feed.jsonl.zst"

application="$root/app/src/main/application"
[[ -f "$root/app/target/application/services.xml" ]] && application="$root/app/target/application"   # with the bundle
default --topics "$topics"
default --qrels "$qrels"
default --corpus "$corpus"
default --endpoint "$endpoint"
default --config-server "$config_server"
default --container "$container"
default --application "$application"
default --language "$lang"
default --out "$root/results/sweep-threads"
exec "${embedlab[@]}" sweep threads "${args[@]}" "${passed[@]+"${passed[@]}"}"
