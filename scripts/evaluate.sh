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
# shellcheck source-path=SCRIPTDIR source=lib/tool-defaults.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/tool-defaults.sh"

default --topics "$topics"
default --qrels "$qrels"
default --endpoint "$endpoint"
default --language "$lang"
run_embedlab evaluate
