#!/usr/bin/env bash
# Feeds a MIRACL corpus into a local Vespa with `embedlab feed` (vespa-feed-client): progress, a summary,
# failed documents in a rejects file, a check that Vespa serves as many documents as were fed, a non-zero exit
# if anything failed (1) or the counts differ (3).
#
# Usage: scripts/feed.sh [--lang yo|sw] [FILE...] [embedlab feed options]
#   default FILE feed/<lang>-feed.jsonl.zst (scripts/fetch-data.sh), endpoint http://localhost:8080/
#   environment: EMBEDLAB_ENDPOINT, EMBEDLAB_LANG; every `embedlab feed --help` option passes through.
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
default --language "$lang"   # raw MIRACL files: language field and id namespace miracl-<lang>, the feed file's ids
run_embedlab feed
