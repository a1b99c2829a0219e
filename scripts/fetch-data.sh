#!/usr/bin/env bash
# Fetches MIRACL dev topics, qrels and the Vespa-feed corpus for one language (yo or sw) into feed/ and
# queries/, verifying sha256 sums. Uses ../shared/data/miracl when it exists (the build machines have no
# network), else the public vespa-engine/sample-apps folder multilingual-search/ext/.
#
# Usage: scripts/fetch-data.sh [yo|sw]     (default yo)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/usage.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/usage.sh"

lang="${1:-yo}"
case "$lang" in
  yo|sw) ;;
  -h|--help) print_usage "$0"; exit 0 ;;
  *) echo "fetch-data: unknown language '$lang' (expected yo or sw)" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${EMBEDLAB_SHARED_DATA:-$root/../shared/data/miracl}"
base_url="https://raw.githubusercontent.com/vespa-engine/sample-apps/master/multilingual-search/ext"

# Pinned sums (../shared/data/README.md). The Swahili corpus has none pinned: its sum is printed instead.
declare -A sha256=(
  [yo-feed.jsonl.zst]=d0f510e7ea5f8f73533f586e03117c37dbd55bfe8aaf626fa68bc5c15bb5991d
  [topics.miracl-v1.0-yo-dev.tsv]=b24558e43e1965d5cfe7440a5bf3bf66d70529474ff76e64bfa72026129b2d2e
  [qrels.miracl-v1.0-yo-dev.tsv]=39a219ef0b593f6056e4ad1d65b9c03345730efa5107f0abd4a4a44ef2f6f0d2
  [topics.miracl-v1.0-sw-dev.tsv]=15cde3f614cb75b3106fb4606a16162140ee157da22c4a57aae756571788b722
  [qrels.miracl-v1.0-sw-dev.tsv]=a1e6438ac732dabd9a24fd5c8dfc0c64168aea81ff477d8b1986fde5ad193a63
)

fetch() {  # fetch <file> <destination dir>
  local file="$1" dir="$2" target="$2/$1"
  mkdir -p "$dir"
  if [[ -f "$target" ]] && verify "$file" "$target" quiet; then
    echo "  ok       $target (already there)"
    return
  fi
  if [[ -f "$shared/$file" ]]; then
    cp "$shared/$file" "$target.part" && chmod u+w "$target.part"
    echo "  copied   $file from $shared"
  else
    echo "  download $base_url/$file"
    curl --fail --location --silent --show-error --retry 3 -o "$target.part" "$base_url/$file"
  fi
  verify "$file" "$target.part" loud || { rm -f "$target.part"; exit 1; }
  mv "$target.part" "$target"
}

verify() {  # verify <file name> <path> quiet|loud
  local expected="${sha256[$1]:-}" actual
  actual="$(sha256sum "$2" | cut -d' ' -f1)"
  if [[ -z "$expected" ]]; then
    [[ "$3" == loud ]] && echo "  note     no pinned sha256 for $1; got $actual"
    return 0
  fi
  if [[ "$actual" != "$expected" ]]; then
    [[ "$3" == loud ]] && echo "fetch-data: sha256 mismatch for $1: expected $expected, got $actual" >&2
    return 1
  fi
}

echo "MIRACL $lang dev into feed/ and queries/:"
fetch "topics.miracl-v1.0-$lang-dev.tsv" "$root/queries"
fetch "qrels.miracl-v1.0-$lang-dev.tsv" "$root/queries"
fetch "$lang-feed.jsonl.zst" "$root/feed"
echo "done: $root/feed/$lang-feed.jsonl.zst, $root/queries/topics.miracl-v1.0-$lang-dev.tsv, $root/queries/qrels.miracl-v1.0-$lang-dev.tsv"
