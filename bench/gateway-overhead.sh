#!/usr/bin/env bash
# What the MCP gateway adds to a tool call (p50 latency, throughput with many calls in flight), against
# server-everything behind a real stdio bridge. Usage: bench/gateway-overhead.sh [ROUNDS] [WARMUP] [IN_FLIGHT] [SECONDS]
# (needs npx and @modelcontextprotocol/server-everything installed globally: bin/test installs it)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
. bin/lib/jdk.sh
JAVA_HOME=$(mcphub_find_jdk); export JAVA_HOME
mvn -q -B -Dmaven.test.skip=true -pl bench -am package
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
exec "$JAVA_HOME/bin/java" -cp "$cp" io.mcphub.bench.GatewayOverhead "${1:-5000}" "${2:-2000}" "${3:-64}" "${4:-10}" 2>/dev/null
