#!/usr/bin/env bash
# Trains the e5_fast query encoder for the deployed application: a static (token lookup + pooling) model whose
# query vectors search the e5 documents (embedlab align). Teacher: multilingual-e5-small int8, the model the e5
# component deploys (downloaded by scripts/fetch-models.sh), with the prefixes, pooling and normalization of
# services.xml. Corpus: your corpus (default: MIRACL Yoruba, feed/yo-feed.jsonl.zst). Writes the model where
# services.xml expects it: app/src/main/application/models/e5-fast/ (git-ignored; deploy ships it).
# Training reads corpus text only. Document vectors are cached (~/.cache/embedlab/vectors) and shared with the lab.
#
# Usage: scripts/align.sh [--dry-run] [--corpus FILE] [--max-docs N] [other embedlab align options]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/usage.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/usage.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/dry-run.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/dry-run.sh"
dry_run=false
corpus="$root/feed/yo-feed.jsonl.zst"
extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dry-run) dry_run=true; shift ;;
    --corpus) corpus="${2:?--corpus needs a file}"; shift 2 ;;
    -h|--help) print_usage "$0"; exit 0 ;;
    *) extra+=("$1"); shift ;;
  esac
done


if [[ ! -f "$corpus" && "$corpus" == "$root/feed/yo-feed.jsonl.zst" ]]; then
  run "$root/scripts/fetch-data.sh" yo
fi
if [[ ! -f "$root/models/multilingual-e5-small/model_int8.onnx" ]]; then
  run "$root/scripts/fetch-models.sh"
fi
if ! compgen -G "$root/cli/target/embedlab-cli-*.jar" > /dev/null; then
  run mvn -B -q -f "$root/pom.xml" -pl cli -am install -DskipTests
fi
run "$root/bin/embedlab" align --teacher me5-int8 --corpus "$corpus" \
    --compact --out "$root/app/src/main/application/models/e5-fast" "${extra[@]}"
