#!/usr/bin/env bash
# Feeds a MIRACL corpus into a local Vespa with `embedlab feed` (vespa-feed-client): progress, a summary,
# failed documents in a rejects file, a check that Vespa serves as many documents as were fed (see the README,
# "Document ids and the count check").
# Exit codes (embedlab feed's): 0 all fed and the counts agree (or, for an index that held documents before,
# are consistent with the feed); 1 some document failed; 2 usage error or unreachable endpoint (nothing sent);
# 3 all fed but the counts differ, or the documents could not be counted.
#
# Usage: scripts/feed.sh [--lang yo|sw] [FILE...] [embedlab feed options]
#   default FILE feed/<lang>-feed.jsonl.zst (scripts/fetch-data.sh), endpoint http://localhost:8080/
#   environment: EMBEDLAB_ENDPOINT, EMBEDLAB_LANG; every `embedlab feed --help` option passes through.
#   --language defaults to <lang> (raw MIRACL ids id:miracl-<lang>:passage::...) unless you pass --namespace.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/tool-defaults.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tool-defaults.sh"

has_file=false
for arg in "${passed[@]+"${passed[@]}"}"; do
  case "$arg" in *.jsonl|*.jsonl.gz|*.jsonl.zst|*.json) has_file=true ;; esac
done
$has_file || args+=("$corpus")
default --endpoint "$endpoint"
default --rejects "$root/feed/$lang-rejects.jsonl"
# raw MIRACL files: language field and id namespace miracl-<lang>, the feed file's ids; a caller's --namespace
# (e.g. a BEIR corpus) names the ids itself, and the language is then theirs to give
caller_passed --namespace || default --language "$lang"
run_embedlab feed
