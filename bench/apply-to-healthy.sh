#!/usr/bin/env bash
# Time from `mcphub apply -f examples/demo.yaml` to every instance healthy (MCP ping answered), on a fresh
# `mcphub dev` each run. npm packages must already be installed (bin/test does it): the figure excludes downloads.
# Usage: bench/apply-to-healthy.sh [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
runs=${1:-3}
for run in $(seq 1 "$runs"); do
  home=$(mktemp -d)
  HOME=$home "$root/bin/mcphub" dev --listen 127.0.0.1:0 >"$home/dev.out" 2>&1 &
  dev=$!
  until grep -q "ready at" "$home/dev.out"; do sleep 0.1; done
  set -a; . "$home/.mcphub/dev/cli.env"; set +a
  until HOME=$home "$root/bin/mcphub" node list -o json | grep -q '"up"'; do sleep 0.1; done
  start=$(date +%s%N)
  HOME=$home "$root/bin/mcphub" apply -f "$root/examples/demo.yaml" >/dev/null
  until HOME=$home "$root/bin/mcphub" service list -o json | python3 -c '
import json, sys
instances = [i for s in json.load(sys.stdin) for i in s["instances"]]
sys.exit(0 if len(instances) == 3 and all(i["status"] == "healthy" for i in instances) else 1)'; do sleep 0.1; done
  echo "run $run: apply -> 3/3 healthy in $(( ($(date +%s%N) - start) / 1000000 )) ms"
  kill -TERM "$dev"; wait "$dev" 2>/dev/null || true
  rm -rf "$home"
done
