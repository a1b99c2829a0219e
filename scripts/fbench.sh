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
# shellcheck source-path=SCRIPTDIR source=lib/tool-defaults.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tool-defaults.sh"

default --topics "$topics"
default --container "$container"
default --language "$lang"
run_embedlab fbench
