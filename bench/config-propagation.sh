#!/usr/bin/env bash
# Publish -> applied latency on N watchers using the real client library (mcphub-client), embedded store.
# Usage: bench/config-propagation.sh [ROUNDS] [WARMUP] [WATCHER COUNTS...]   (defaults: 50 5 100 1000)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
cd "$root"
. bench/lib.sh
rounds=${1:-50}
warmup=${2:-5}
shift $(( $# > 2 ? 2 : $# ))
counts=${*:-100 1000}
for n in $counts; do
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" io.mcphub.bench.ConfigPropagation embedded "$n" "$rounds" "$warmup" 2>/dev/null
done
