#!/usr/bin/env bash
# Publish -> read-back latency through the REST API on both stores, in one run (ratios are only fair within a run).
# Usage: bench/config-latency.sh [ROUNDS] [WARMUP]     (needs etcd on PATH: bin/test installs it)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
. bench/lib.sh
rounds=${1:-2000}
warmup=${2:-500}
start_etcd

for store in embedded "etcd://$etcd_endpoint"; do
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" io.mcphub.bench.PublishReadBack "$store" "$rounds" "$warmup" 2>/dev/null
done
