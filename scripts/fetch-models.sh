#!/usr/bin/env bash
# Downloads the models the deployed application uses by URL, for local use (the lab, benchmarks, or an
# application package that ships its models): multilingual-e5-small int8 ONNX + tokenizer and the static
# model static-similarity-mrl-multilingual-v1, from Hugging Face, into models/. Every file comes from a pinned
# revision (the same one services.xml deploys) and is checked against its sha256 in
# scripts/model-checksums.sha256: a download that does not match is deleted, and a file already there that does
# not match is reported and left alone; either way the script goes on with the other files, then exits 1 with
# a summary. A file that has no sha256 there is kept and reported as unverified with its sha256;
# --record writes that sha256 into the checksums file, so later runs verify it. --record only records a file
# this run downloaded: one that was already there (an older download, your own export) is refused.
# The e5-small-v2 models the tests use come from Maven Central instead (mvn -pl models generate-resources).
#
# Usage: scripts/fetch-models.sh [--dry-run] [--record] [--out DIR] [--base-url URL] [--checksums FILE]
#   --dry-run         prints each download (paths shell-quoted) and the sha256 it must have; writes nothing
#   --out DIR         where the files go (default: models/)
#   --base-url URL    a mirror with Hugging Face's <repo>/resolve/<revision>/<file> layout (default
#                     https://huggingface.co; file:// works too)
#   --checksums FILE  the sha256 list to verify against (default: scripts/model-checksums.sha256)
# Exit codes: 0 every file is there and verified (or unverified, reported); 1 some file failed (mismatch,
# download error, refused --record); 2 usage error.
#
# To export and quantize multilingual-e5-small yourself, as the Vespa blog did (needs Python; the result is not
# the pinned file, so this script reports it as not matching, leaves it alone and fetches the other files):
#   pip install "optimum[onnxruntime]"
#   optimum-cli export onnx --task feature-extraction -m intfloat/multilingual-e5-small models/multilingual-e5-small-export
#   python -c "from onnxruntime.quantization import quantize_dynamic, QuantType; \
#     quantize_dynamic('models/multilingual-e5-small-export/model.onnx', 'models/multilingual-e5-small/model_int8.onnx', weight_type=QuantType.QInt8)"
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/usage.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/usage.sh"
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
    -h|--help) print_usage "$0"; exit 0 ;;
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

sha256_of() {  # from stdin, so any file name (backslash, newline) is read as is
  if command -v sha256sum > /dev/null; then sha256sum < "$1" | cut -d' ' -f1; else shasum -a 256 < "$1" | cut -d' ' -f1; fi
}

expected_sha256() {  # expected_sha256 <name>: the checksums file's hash for name, or nothing
  awk -v name="$1" -v file="$checksums" '
    { sub(/\r$/, "") }
    /^[[:space:]]*(#|$)/ { next }
    { entry = $2; sub(/^\*/, "", entry) }
    entry == name {
      if (length($1) != 64 || $1 ~ /[^0-9a-f]/) { printf "fetch-models: %s line %d: \"%s\" is not a sha256\n", file, NR, $1 > "/dev/stderr"; exit 3 }
      print $1; exit
    }' "$checksums"
}

unverified=0
failed=0
planned=0
partial=""
trap '[[ -z "$partial" ]] || rm -f -- "$partial"' EXIT

fail() {  # fail <message>: report one file's failure; the run goes on and exits 1 at the end
  failed=$((failed + 1))
  echo "fetch-models: $*" >&2
}

settle_unverified() {  # settle_unverified <name> <sha256> <downloaded now: true|false>: record it, or report it
  if $record && $3; then
    printf '%s  %s\n' "$2" "$1" >> "$checksums"
    echo "  recorded $1 sha256 $2 in $checksums"
  elif $record; then
    fail "not recording $1: it was already in $out before this run, so it may be an older download or your own" \
         "export (sha256 $2). --record only records files it downloads: remove it and run again with --record."
  else
    unverified=$((unverified + 1))
    echo "  UNVERIFIED $1: $checksums has no sha256 for it; it has sha256 $2." \
         "Check it, then remove it and run again with --record to download and pin it."
  fi
}

fetch() {  # fetch <repo> <revision> <file in repo> <name under out>
  local url="$base_url/$1/resolve/$2/$3" name="$4" target="$out/$4" expected actual
  planned=$((planned + 1))
  expected="$(expected_sha256 "$name")"
  if $dry_run; then
    printf '+ curl --fail --location -o %q %q\n' "$target" "$url"
    printf '+ sha256 %q == %s\n' "$name" "${expected:-(none on record: unverified)}"
    return
  fi
  if [[ -s "$target" ]]; then
    actual="$(sha256_of "$target")"
    if [[ -z "$expected" ]]; then settle_unverified "$name" "$actual" false
    elif [[ "$actual" == "$expected" ]]; then echo "  ok       $name (already there, sha256 verified)"
    else
      fail "$target is already there but is not the pinned file of $1@$2:" \
           "expected sha256 $expected, got $actual. It may be an older download or your own export;" \
           "it was left alone. Remove it and run again to download the pinned file."
    fi
    return
  fi
  mkdir -p "$(dirname "$target")"
  echo "  download $url"
  partial="$target.part"
  if ! curl --fail --location --silent --show-error --retry 3 -o "$partial" "$url"; then
    rm -f -- "$partial"
    partial=""
    fail "$name: download from $url failed (see curl's message above); nothing was kept."
    return
  fi
  actual="$(sha256_of "$partial")"
  if [[ -n "$expected" && "$actual" != "$expected" ]]; then
    rm -f -- "$partial"
    partial=""
    fail "$name: sha256 mismatch: expected $expected, got $actual (downloaded from $url). The download was deleted."
    return
  fi
  mv -- "$partial" "$target"
  partial=""
  if [[ -z "$expected" ]]; then settle_unverified "$name" "$actual" true; else echo "  ok       $name (sha256 verified)"; fi
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
if [[ $failed -gt 0 ]]; then
  echo "fetch-models: $failed of $planned file(s) failed (see above); the others are in $out/" >&2
  exit 1
fi
echo "done: $out/"
