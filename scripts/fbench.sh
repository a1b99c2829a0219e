#!/usr/bin/env bash
# Latency/throughput ramp with vespa-fbench inside the local Vespa container (`embedlab fbench`): clients
# 1, 2, 4, 8, 16 by default; prints the table (clients, embedding form, kind, average latency, p95, QPS, the
# CPU fbench used), writes CSV and a PNG. One pre-flight request first: a refused endpoint is one line, exit 2.
#
# Usage: scripts/fbench.sh [--lang yo|sw] [embedlab fbench options]
#   e.g. scripts/fbench.sh --mode e5 --explore-additional-hits 100 --seconds 30
#        scripts/fbench.sh --kind embedding-cost --clients 1,2,4,8 --seconds 20   # the blog's first experiment
#        scripts/fbench.sh --embed cached --dry-run     # vespa (default: embed() per request), cached or cold
#   defaults: topics from queries/, container embedlab-vespa (vespa-fbench via docker exec, port 8080),
#   endpoint http://localhost:8080/ for the pre-flight request and the cached form's warm-up, unless --host,
#   --port or --endpoint is given (then embedlab fbench derives it from --host/--port, so the pre-flight and
#   warm-up reach the Vespa fbench measures)
#   environment: EMBEDLAB_CONTAINER, EMBEDLAB_ENDPOINT, EMBEDLAB_LANG
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/tool-defaults.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tool-defaults.sh"

default --topics "$topics"
default --container "$container"
caller_passed --host --port --endpoint || args+=(--endpoint "$endpoint")
default --language "$lang"
run_embedlab fbench
