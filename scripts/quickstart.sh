#!/usr/bin/env bash
# embedlab quickstart for a machine with Docker, Maven, Java 17 and the Vespa CLI:
# starts Vespa in Docker, builds app/, trains its e5_fast query encoder on the first N MIRACL Yoruba passages
# (scripts/align.sh), deploys, feeds those passages with `embedlab feed` (which then checks Vespa's document count),
# runs one nearestNeighbor query and prints the hits.
#
# Usage: scripts/quickstart.sh [--docs N] [--dry-run]     bring it up (default N=1000)
#        scripts/quickstart.sh --down [--dry-run]         remove the container
# --dry-run prints every command instead of running it.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/usage.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/usage.sh"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/dry-run.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/dry-run.sh"
container="${EMBEDLAB_CONTAINER:-embedlab-vespa}"
image="vespaengine/vespa:8.700.24"   # the Vespa version the app is built against (root pom.xml)
docs=1000
dry_run=false
down=false
query_text="Ta ni Olusegun Obasanjo?"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --docs) docs="${2:?--docs needs a number}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    --down) down=true; shift ;;
    -h|--help) print_usage "$0"; exit 0 ;;
    *) echo "quickstart: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$docs" =~ ^[1-9][0-9]*$ ]] || { echo "quickstart: --docs must be a positive number, got '$docs'" >&2; exit 2; }




if $down; then
  step "Removing container $container"
  run docker rm -f "$container"
  exit 0
fi

if ! $dry_run; then
  for tool in docker mvn java vespa zstd curl; do
    command -v "$tool" > /dev/null || { echo "quickstart: '$tool' is not installed" >&2; exit 1; }
  done
fi

step "Starting $image as $container"
run docker run --detach --name "$container" --hostname vespa-container \
    --publish 8080:8080 --publish 19071:19071 "$image"

step "Waiting for the config server"
run_shell "for i in \$(seq 1 120); do curl -fsS http://localhost:19071/state/v1/health > /dev/null && exit 0; sleep 2; done; echo 'config server did not come up' >&2; exit 1"

step "Building the application package"
run mvn -B -f "$root/pom.xml" install -DskipTests

step "Fetching MIRACL Yoruba; training the e5_fast query encoder on the first $docs passages"
run "$root/scripts/fetch-data.sh" yo
run "$root/scripts/align.sh" --max-docs "$docs"

step "Deploying app/"
run vespa config set target local
run vespa deploy --wait 600 "$root/app"

step "Feeding the first $docs passages"
# embedlab feed keeps the ids the feed file carries (id:miracl-yo:passage::598-0: the file's type "doc" becomes this
# application's "passage"), the ids it also gives the raw corpus and sweep refeeds, so a later feed of the whole corpus
# replaces these documents instead of adding copies. It then checks that Vespa serves as many documents as it fed.
run_shell "zstdcat '$root/feed/yo-feed.jsonl.zst' | head -n $docs > '$root/feed/yo-feed-first-$docs.jsonl'"
run "$root/bin/embedlab" feed --endpoint http://localhost:8080/ --rejects "$root/feed/yo-rejects.jsonl" \
    "$root/feed/yo-feed-first-$docs.jsonl"

# The raw text goes in embedlab.text: QueryEmbeddingCacheSearcher embeds it once and caches the vector across
# requests (input.query(q_e5)=embed(...) would run the model again on every request).
step "One nearestNeighbor query: $query_text"
run vespa query \
    "yql=select doc_id, title, text from passage where {targetHits:10}nearestNeighbor(e5_embedding, q_e5)" \
    "embedlab.text=$query_text" \
    "ranking=e5" \
    "presentation.summary=default" \
    "hits=5"

step "Done. Remove the container with: scripts/quickstart.sh --down"
