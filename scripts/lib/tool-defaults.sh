# Sourced by the thin tool wrappers (feed, evaluate, fbench, sweep-*): parses --lang and --help, keeps every
# other argument for `embedlab`, and offers `default OPTION VALUE`, which passes an option only when the caller
# did not. Expects `set -euo pipefail` and the usage comment of the sourcing script at its top.
# shellcheck shell=bash disable=SC2034  # the sourcing scripts use these
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
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

topics="$root/queries/topics.miracl-v1.0-$lang-dev.tsv"
qrels="$root/queries/qrels.miracl-v1.0-$lang-dev.tsv"
corpus="$root/feed/$lang-feed.jsonl.zst"

args=()
caller_passed() {  # caller_passed <option>...: true when the caller gave any of these options
  local arg option
  for option in "$@"; do
    for arg in "${passed[@]+"${passed[@]}"}"; do
      [[ "$arg" == "$option" || "$arg" == "$option="* ]] && return 0
    done
  done
  return 1
}

default() {  # default <option> <value>: pass the option unless the caller already did
  caller_passed "$1" || args+=("$1" "$2")
}

run_embedlab() {  # run_embedlab <subcommand...>: the defaults first, then the caller's own arguments
  exec "${embedlab[@]}" "$@" "${args[@]+"${args[@]}"}" "${passed[@]+"${passed[@]}"}"
}

sweep_defaults() {  # sweep_defaults <results dir>: the options both sweeps share
  local application="$root/app/src/main/application"
  [[ -f "$root/app/target/application/services.xml" ]] && application="$root/app/target/application"   # with the bundle
  default --topics "$topics"
  default --qrels "$qrels"
  default --corpus "$corpus"
  default --endpoint "$endpoint"
  default --config-server "$config_server"
  default --container "$container"
  default --application "$application"
  default --language "$lang"
  default --out "$1"
}
