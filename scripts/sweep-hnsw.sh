#!/usr/bin/env bash
# The Vespa blog's HNSW sweep on a local Docker Vespa (`embedlab sweep hnsw`): for max-links-per-node /
# neighbors-to-explore-at-insert 16/100 and 32/500 it deploys an edited copy of the application package,
# restarts the search node, refeeds when needed and evaluates hnsw.exploreAdditionalHits 0, 100, 300 against
# exact search: NDCG@10, overlap@10, p95 latency and QPS as Markdown, CSV and PNG under results/sweep-hnsw.
#
# Usage: scripts/sweep-hnsw.sh [--lang yo|sw] [--dry-run] [embedlab sweep hnsw options]
#   --dry-run prepares the application copies and prints the full plan; nothing is deployed or queried.
#   --embed vespa|cached|cold: how the latency rows' requests are embedded (default vespa: embed() in every
#   request, the blog's setup; cached/cold go through the query embedding cache, e5 and hybrid only), see the
#   README, "Latency needs its embedding form"; --skip-fbench measures quality only.
#   defaults: topics, qrels and corpus from scripts/fetch-data.sh, endpoint http://localhost:8080/, config
#   server http://localhost:19071, container embedlab-vespa, application app/target/application (build it
#   with mvn package first; app/src/main/application when it is not built)
#   environment: EMBEDLAB_ENDPOINT, EMBEDLAB_CONFIG_SERVER, EMBEDLAB_CONTAINER, EMBEDLAB_LANG
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/tool-defaults.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tool-defaults.sh"

sweep_defaults "$root/results/sweep-hnsw"
run_embedlab sweep hnsw
