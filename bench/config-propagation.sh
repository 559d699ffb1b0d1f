#!/usr/bin/env bash
# Publish -> applied latency on N watchers using the real client library (mcphub-client), on the embedded store and
# on etcd, in one run. The hub runs in a process of its own, warmed up first; the watchers (one ConfigClient each,
# sharing one HttpClient as ConfigClients of one JVM do) and the publisher in another. On etcd the same run first
# measures raw etcd: N jetcd watches on the document's store key, put -> event, with a jetcd client per watcher and
# with one client for all, and prints hub / raw etcd for both. Each phase also prints the put call's own time and the
# CPU per round of the server and of the watchers' JVM. Figures and how to read them: docs/benchmarks.md.
#
# Usage: bench/config-propagation.sh [ROUNDS] [WARMUP] [WATCHER COUNTS...]   (defaults: 50 20 100 1000)
#   STORES=embedded|etcd|"embedded etcd"   which stores to run (default both; etcd needs etcd on PATH: bin/test
#                                          installs Debian's etcd-server, started here on loopback and removed after)
#   BENCH_JAVA_OPTS=...                    extra JVM options for the watchers' JVM (the hub's is started plainly)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
. bench/lib.sh
rounds=${1:-50}
warmup=${2:-20}
shift $(( $# > 2 ? 2 : $# ))
counts=${*:-100 1000}
stores=${STORES:-embedded etcd}
log=$(mktemp)   # the JVM's log and errors: only shown if a run fails
at_exit 'rm -f "$log"'
for store in $stores; do
  spec=$store
  if [ "$store" = etcd ]; then
    [ -n "${etcd_endpoint:-}" ] || start_etcd
    spec=etcd://$etcd_endpoint
  fi
  for n in $counts; do
    # shellcheck disable=SC2086
    "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -cp "$cp" \
      io.mcphub.bench.ConfigPropagation "$spec" "$n" "$rounds" "$warmup" 2>"$log" \
      || { echo "the $store run with $n watchers failed; the end of its log:" >&2; tail -20 "$log" >&2; exit 1; }
  done
done
