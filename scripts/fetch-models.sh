#!/usr/bin/env bash
# Downloads the models the deployed application uses by URL, for local use (the lab, benchmarks, or an
# application package that ships its models): multilingual-e5-small int8 ONNX + tokenizer and the static
# model static-similarity-mrl-multilingual-v1, from Hugging Face, into models/. Every file comes from a pinned
# revision (the same one services.xml deploys) and is checked against its sha256 in
# scripts/model-checksums.sha256: a file that does not match is deleted and the script fails, naming the file
# and both hashes. A file that has no sha256 there is kept and reported as unverified with its sha256;
# --record writes that sha256 into the checksums file, so later runs verify it.
# The e5-small-v2 models the tests use come from Maven Central instead (mvn -pl models generate-resources).
#
# Usage: scripts/fetch-models.sh [--dry-run] [--record] [--out DIR] [--base-url URL] [--checksums FILE]
#   --out DIR         where the files go (default: models/)
#   --base-url URL    a mirror with Hugging Face's <repo>/resolve/<revision>/<file> layout (default
#                     https://huggingface.co; file:// works too)
#   --checksums FILE  the sha256 list to verify against (default: scripts/model-checksums.sha256)
#
# To export and quantize multilingual-e5-small yourself, as the Vespa blog did (needs Python; the result is not
# the pinned file, so this script reports it as not matching and leaves it alone):
#   pip install "optimum[onnxruntime]"
#   optimum-cli export onnx --task feature-extraction -m intfloat/multilingual-e5-small models/multilingual-e5-small-export
#   python -c "from onnxruntime.quantization import quantize_dynamic, QuantType; \
#     quantize_dynamic('models/multilingual-e5-small-export/model.onnx', 'models/multilingual-e5-small/model_int8.onnx', weight_type=QuantType.QInt8)"
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

dry_run=false
record=false
out="$root/models"
base_url="https://huggingface.co"
checksums="$root/scripts/model-checksums.sha256"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dry-run) dry_run=true; shift ;;
    --record) record=true; shift ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --base-url) base_url="${2:?--base-url needs a URL}"; shift 2 ;;
    --checksums) checksums="${2:?--checksums needs a file}"; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "fetch-models: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ -f "$checksums" ]] || { echo "fetch-models: no checksums file $checksums" >&2; exit 2; }

# Full commit ids, never a branch: a branch moves, and a restart or redeploy would then mix vectors of two
# model versions. services.xml and application-multinode/services/embedders.xml pin the same revisions.
e5_repo="intfloat/multilingual-e5-small"
e5_revision="614241f622f53c4eeff9890bdc4f31cfecc418b3"
static_repo="sentence-transformers/static-similarity-mrl-multilingual-v1"
static_revision="bae9c8b1d48e8962a2ce7cb207662ed2a8441ccc"

sha256_of() {
  if command -v sha256sum > /dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

expected_sha256() {  # expected_sha256 <name>: the checksums file's hash for name, or nothing
  awk -v name="$1" -v file="$checksums" '
    /^[[:space:]]*(#|$)/ { next }
    { entry = $2; sub(/^\*/, "", entry) }
    entry == name {
      if (length($1) != 64 || $1 ~ /[^0-9a-f]/) { printf "fetch-models: %s line %d: \"%s\" is not a sha256\n", file, NR, $1 > "/dev/stderr"; exit 3 }
      print $1; exit
    }' "$checksums"
}

unverified=0
settle_unverified() {  # settle_unverified <name> <sha256>: record it, or report it
  if $record; then
    printf '%s  %s\n' "$2" "$1" >> "$checksums"
    echo "  recorded $1 sha256 $2 in $checksums"
  else
    unverified=$((unverified + 1))
    echo "  UNVERIFIED $1: $checksums has no sha256 for it; it has sha256 $2." \
         "Check it, then run again with --record to pin it."
  fi
}

fetch() {  # fetch <repo> <revision> <file in repo> <name under out>
  local url="$base_url/$1/resolve/$2/$3" name="$4" target="$out/$4" expected actual
  expected="$(expected_sha256 "$name")"
  if $dry_run; then
    echo "+ curl --fail --location -o $target $url"
    echo "+ sha256 $name == ${expected:-(none on record: unverified)}"
    return
  fi
  if [[ -s "$target" ]]; then
    actual="$(sha256_of "$target")"
    if [[ -z "$expected" ]]; then settle_unverified "$name" "$actual"
    elif [[ "$actual" == "$expected" ]]; then echo "  ok       $name (already there, sha256 verified)"
    else
      echo "fetch-models: $target is already there but is not the pinned file of $1@$2:" \
           "expected sha256 $expected, got $actual. It may be an older download or your own export;" \
           "remove it and run again to download the pinned file." >&2
      exit 1
    fi
    return
  fi
  mkdir -p "$(dirname "$target")"
  echo "  download $url"
  curl --fail --location --silent --show-error --retry 3 -o "$target.part" "$url"
  actual="$(sha256_of "$target.part")"
  if [[ -n "$expected" && "$actual" != "$expected" ]]; then
    rm -f "$target.part"
    echo "fetch-models: $name: sha256 mismatch: expected $expected, got $actual (downloaded from $url)." \
         "The download was deleted." >&2
    exit 1
  fi
  mv "$target.part" "$target"
  if [[ -z "$expected" ]]; then settle_unverified "$name" "$actual"; else echo "  ok       $name (sha256 verified)"; fi
}

fetch "$e5_repo" "$e5_revision" onnx/model_qint8_avx512_vnni.onnx multilingual-e5-small/model_int8.onnx
fetch "$e5_repo" "$e5_revision" onnx/model.onnx multilingual-e5-small/model.onnx
fetch "$e5_repo" "$e5_revision" tokenizer.json multilingual-e5-small/tokenizer.json
fetch "$static_repo" "$static_revision" modules.json static-similarity-mrl-multilingual-v1/modules.json
fetch "$static_repo" "$static_revision" config_sentence_transformers.json static-similarity-mrl-multilingual-v1/config_sentence_transformers.json
fetch "$static_repo" "$static_revision" 0_StaticEmbedding/model.safetensors static-similarity-mrl-multilingual-v1/0_StaticEmbedding/model.safetensors
fetch "$static_repo" "$static_revision" 0_StaticEmbedding/tokenizer.json static-similarity-mrl-multilingual-v1/0_StaticEmbedding/tokenizer.json
$dry_run && exit 0
if [[ $unverified -gt 0 ]]; then
  echo "fetch-models: $unverified file(s) in $out are UNVERIFIED (see above)" >&2
fi
echo "done: $out/"
