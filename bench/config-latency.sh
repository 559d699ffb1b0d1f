#!/usr/bin/env bash
# Publish -> read-back latency through the REST API on both stores, in one run (ratios are only fair within a run).
# Usage: bench/config-latency.sh [ROUNDS] [WARMUP]     (needs etcd on PATH: bin/test installs it)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
. bench/lib.sh
rounds=${1:-2000}
warmup=${2:-500}

etcd_dir=$(mktemp -d)
port=$(( 20000 + RANDOM % 20000 ))
etcd --data-dir "$etcd_dir" --listen-client-urls "http://127.0.0.1:$port" --advertise-client-urls "http://127.0.0.1:$port" \
  --listen-peer-urls "http://127.0.0.1:$((port + 1))" >"$etcd_dir/etcd.log" 2>&1 &
etcd_pid=$!
trap 'kill $etcd_pid 2>/dev/null; wait $etcd_pid 2>/dev/null; rm -rf "$etcd_dir"' EXIT
until etcdctl --endpoints "127.0.0.1:$port" endpoint health >/dev/null 2>&1; do sleep 0.2; done

for store in embedded "etcd://127.0.0.1:$port"; do
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" io.mcphub.bench.PublishReadBack "$store" "$rounds" "$warmup" 2>/dev/null
done
