#!/usr/bin/env bash
# The real trec_eval 9.0.4, as packaged on Maven Central by jtreceval (a Linux/macOS/Windows binary inside a
# jar), so the lab's and evaluate's numbers can be checked against the reference tool without building it:
#
#   scripts/trec-eval.sh -m ndcg_cut.10 queries/qrels.miracl-v1.0-yo-dev.tsv results/lab/runs/e5-int8.float.trec
#
# All arguments go to trec_eval. The jar comes from the local Maven repository (~/.m2/repository, or
# $MAVEN_REPO_LOCAL), fetched from Maven Central the first time; `scripts/test.sh` already puts it there.
set -euo pipefail
version=0.0.5
repo="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
jar="$repo/uk/ac/gla/dcs/terrierteam/jtreceval/$version/jtreceval-$version.jar"
commons_io="$repo/commons-io/commons-io/2.4/commons-io-2.4.jar"
if [[ ! -f "$jar" || ! -f "$commons_io" ]]; then
  echo "trec-eval: fetching uk.ac.gla.dcs.terrierteam:jtreceval:$version from Maven Central" >&2
  mvn -B -q -Dmaven.repo.local="$repo" dependency:get -Dartifact="uk.ac.gla.dcs.terrierteam:jtreceval:$version" >&2
fi
exec java -cp "$jar:$commons_io" uk.ac.gla.terrier.jtreceval.trec_eval "$@"
