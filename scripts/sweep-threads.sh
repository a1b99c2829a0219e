#!/usr/bin/env bash
# Threads-per-search sweep on a local Docker Vespa (`embedlab sweep threads`): sets persearch once to the
# largest value, then measures exact and approximate E5 search with ranking.matching.numThreadsPerSearch
# 1, 2, 4: NDCG@10, average and p95 latency, QPS as Markdown, CSV and PNG under results/sweep-threads.
#
# Usage: scripts/sweep-threads.sh [--lang yo|sw] [--dry-run] [embedlab sweep threads options]
#   defaults as scripts/sweep-hnsw.sh; --embed vespa|cached|cold names how the latency rows' requests are
#   embedded (default vespa: embed() in every request, the blog's setup), as in scripts/sweep-hnsw.sh
#   environment: EMBEDLAB_ENDPOINT, EMBEDLAB_CONFIG_SERVER, EMBEDLAB_CONTAINER, EMBEDLAB_LANG
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/tool-defaults.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tool-defaults.sh"

sweep_defaults "$root/results/sweep-threads"
run_embedlab sweep threads
