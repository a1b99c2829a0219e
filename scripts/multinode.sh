#!/usr/bin/env bash
# embedlab on a Vespa cluster of 11 Docker containers on one host, the layout of
# app/src/main/application-multinode (hosts.xml): 3 config servers, 2 feed containers, 2 query containers, and
# 4 content nodes in 2 groups. Trains the e5_fast encoder and builds the multi-node package, deploys it, feeds the first N MIRACL Yoruba
# passages through the feed cluster (localhost:8080) with `embedlab feed` and queries the query cluster (localhost:8081).
# Needs Docker (about 16 GB of memory for the containers), Maven, Java 17, the Vespa CLI, zstd and curl.
#
# Usage: scripts/multinode.sh [--docs N] [--dry-run]     bring it up (default N=1000)
#        scripts/multinode.sh --down [--dry-run]         remove the containers and the network
# --dry-run prints every command instead of running it.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/usage.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/usage.sh"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/dry-run.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/dry-run.sh"
image="vespaengine/vespa:8.700.24"   # the Vespa version the app is built against (root pom.xml)
network="vespanet"                   # hosts.xml names the hosts nodeN.vespanet
prefix="${EMBEDLAB_MULTINODE_PREFIX:-embedlab-}"
config_nodes=(0 1 2)                 # hosts.xml aliases config0..config2
service_nodes=(3 4 5 6 7 8 9 10)     # feed0, feed1, query0, query1, content0..content3
feed_node=3
query_node=5
docs=1000
dry_run=false
down=false
query_text="Ta ni Olusegun Obasanjo?"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --docs) docs="${2:?--docs needs a number}"; shift 2 ;;
    --dry-run) dry_run=true; shift ;;
    --down) down=true; shift ;;
    -h|--help) print_usage "$0"; exit 0 ;;
    *) echo "multinode: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$docs" =~ ^[1-9][0-9]*$ ]] || { echo "multinode: --docs must be a positive number, got '$docs'" >&2; exit 2; }




host() { printf 'node%s.%s' "$1" "$network"; }

config_servers="$(host 0),$(host 1),$(host 2)"

if $down; then
  step "Removing the containers and network $network"
  for node in "${config_nodes[@]}" "${service_nodes[@]}"; do run docker rm -f "${prefix}node$node"; done
  run docker network rm "$network"
  exit 0
fi

if ! $dry_run; then
  for tool in docker mvn java vespa zstd curl; do
    command -v "$tool" > /dev/null || { echo "multinode: '$tool' is not installed" >&2; exit 1; }
  done
fi

step "Creating the Docker network $network"
run docker network create --driver bridge "$network"

step "Starting the config servers: $config_servers"
for node in "${config_nodes[@]}"; do
  publish=()
  [[ "$node" == 0 ]] && publish=(--publish 19071:19071)   # deploys go to the first config server
  run docker run --detach --name "${prefix}node$node" --hostname "$(host "$node")" --network "$network" \
      --env VESPA_CONFIGSERVERS="$config_servers" \
      --env VESPA_CONFIGSERVER_JVMARGS="-Xms32M -Xmx256M" --env VESPA_CONFIGPROXY_JVMARGS="-Xms32M -Xmx64M" \
      "${publish[@]}" "$image" configserver,services
done

step "Waiting for all three config servers (ZooKeeper needs a quorum)"
run_shell "for node in ${config_nodes[*]}; do for i in \$(seq 1 120); do docker exec ${prefix}node\$node curl -fsS http://localhost:19071/state/v1/health > /dev/null && break; [ \$i = 120 ] && { echo \"config server node\$node did not come up\" >&2; exit 1; }; sleep 2; done; done"

step "Starting the feed, query and content nodes"
for node in "${service_nodes[@]}"; do
  publish=()
  [[ "$node" == "$feed_node" ]] && publish=(--publish 8080:8080)    # /document/v1 of the feed cluster
  [[ "$node" == "$query_node" ]] && publish=(--publish 8081:8080)   # /search/ of the query cluster
  run docker run --detach --name "${prefix}node$node" --hostname "$(host "$node")" --network "$network" \
      --env VESPA_CONFIGSERVERS="$config_servers" "${publish[@]}" "$image" services
done

step "Fetching MIRACL Yoruba; training the e5_fast query encoder on the first $docs passages"
run "$root/scripts/fetch-data.sh" yo
run "$root/scripts/align.sh" --max-docs "$docs"

step "Building the multi-node package (app/target/application-multinode.zip) and the command line"
run mvn -B -f "$root/pom.xml" package -DskipTests -pl app,cli -am

step "Deploying it"
run vespa config set target local
run vespa deploy --wait 900 "$root/app/target/application-multinode.zip"

step "Waiting for the feed and query containers"
run_shell "for port in 8080 8081; do for i in \$(seq 1 150); do curl -fsS http://localhost:\$port/state/v1/health > /dev/null && break; [ \$i = 150 ] && { echo \"container on port \$port did not come up\" >&2; exit 1; }; sleep 2; done; done"

step "Feeding the first $docs passages through the feed cluster"
# The ids the feed file carries, as in the quickstart (see there). The feed cluster has no /search/, so the count
# check after the feed asks the query cluster.
run_shell "zstdcat '$root/feed/yo-feed.jsonl.zst' | head -n $docs > '$root/feed/yo-feed-first-$docs.jsonl'"
run "$root/bin/embedlab" feed --endpoint http://localhost:8080/ --count-endpoint http://localhost:8081/ \
    --rejects "$root/feed/yo-rejects.jsonl" "$root/feed/yo-feed-first-$docs.jsonl"

# The query cluster embeds embedlab.text through its QueryEmbeddingCache (see the README).
step "One nearestNeighbor query through the query cluster: $query_text"
run vespa query --target http://localhost:8081 \
    "yql=select doc_id, title, text from passage where {targetHits:10}nearestNeighbor(e5_embedding, q_e5)" \
    "embedlab.text=$query_text" \
    "ranking=e5" \
    "presentation.summary=default" \
    "hits=5"

step "Done. Remove the cluster with: scripts/multinode.sh --down"
