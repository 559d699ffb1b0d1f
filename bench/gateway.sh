#!/usr/bin/env bash
# bench/gateway: tools/call latency (p50/p90/p99) and throughput through the MCP gateway vs straight to the same
# server-everything instances (stdio, behind a real agent bridge), at 1 and 64 in flight, alternating the paths in
# rounds; prints per-round figures and the medians. All in one JVM on 127.0.0.1.
# Usage: bench/gateway.sh [--rounds=5] [--calls=2000] [--seconds=5] [--in-flight=64] [--instances=2]
#                         [--warmup=2000] [--ramp=1] [--tls]
#   --calls: sequential calls per path per round; --seconds: measured time per path per round at --in-flight;
#   --tls: the bridge demands mutual TLS (the gateway's clients still speak plain HTTP on loopback).
# Builds the bench module (and what it needs) when a source is newer than the last build; MCPHUB_BENCH_LOG names
# the file the JVM's log goes to (default: a temporary file, kept when the run fails); MCPHUB_BENCH_JAVA_OPTS adds
# JVM options (e.g. -XX:StartFlightRecording=filename=gateway.jfr). The JVM runs with its defaults, as the hub does.
# Needs npx and @modelcontextprotocol/server-everything installed globally (bin/test installs it).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
. bench/lib.sh
log=${MCPHUB_BENCH_LOG:-$(mktemp -t mcphub-bench-gateway.XXXXXX.log)}
read -r -a java_opts <<<"${MCPHUB_BENCH_JAVA_OPTS:-}"
if "$JAVA_HOME/bin/java" ${java_opts[@]+"${java_opts[@]}"} -cp "$cp" io.mcphub.bench.gateway.GatewayBench "$@" 2>"$log"; then
  [ -n "${MCPHUB_BENCH_LOG:-}" ] || rm -f "$log"
else
  status=$?
  echo "bench/gateway failed (exit $status); its log: $log" >&2
  tail -n 20 "$log" >&2
  exit "$status"
fi
