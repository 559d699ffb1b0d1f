# Shared by the bench scripts: find a JDK >= 21, build the bench module (and what it needs) when a source or pom is
# newer than the last build, and set $cp to its class path. Source it from the repository root.
. bin/lib/jdk.sh
JAVA_HOME=$(mcphub_find_jdk); export JAVA_HOME
stamp=bench/target/classpath.txt
if [ ! -f "$stamp" ] || [ -n "$(find . -path ./bench/target -prune -o -path '*/src/main/*' -newer "$stamp" -print -quit \
      -o -name pom.xml -newer "$stamp" -print -quit)" ]; then
  mvn -q -B -Dstyle.color=never -Dmaven.test.skip=true -pl bench -am package 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
  touch "$stamp"
fi
cp="bench/target/classes:$(cat "$stamp")"

# Runs CMD when the script exits, after what was registered before (a plain trap would replace the earlier ones).
bench_exit_cmds=()
at_exit() {
  bench_exit_cmds+=("$1")
  trap 'for c in "${bench_exit_cmds[@]}"; do eval "$c"; done' EXIT
}

# Starts a throw-away single-member etcd on loopback with its data in a temporary directory, sets $etcd_endpoint
# (127.0.0.1:PORT), and kills it and removes its data when the script exits. Ports are picked at random; a taken one
# makes etcd exit at once, and another pair is tried. Needs etcd on PATH (Debian's etcd-server; bin/test installs it).
start_etcd() {
  command -v etcd >/dev/null || { echo "etcd not found on PATH: install Debian's etcd-server (bin/test does)" >&2; exit 1; }
  etcd_dir=$(mktemp -d)
  # "|| true": under set -e a failing kill or wait (etcd's own exit status) would end the clean-up half done
  at_exit 'kill $etcd_pid 2>/dev/null || true; wait $etcd_pid 2>/dev/null || true; rm -rf "$etcd_dir"'
  local attempt port tries
  for attempt in 1 2 3 4 5; do
    port=$(( 20000 + RANDOM % 20000 ))
    etcd --data-dir "$etcd_dir/data" --listen-client-urls "http://127.0.0.1:$port" --advertise-client-urls "http://127.0.0.1:$port" \
      --listen-peer-urls "http://127.0.0.1:$((port + 1))" --initial-advertise-peer-urls "http://127.0.0.1:$((port + 1))" \
      --initial-cluster "default=http://127.0.0.1:$((port + 1))" >"$etcd_dir/etcd.log" 2>&1 &
    etcd_pid=$!
    etcd_endpoint=127.0.0.1:$port
    tries=0
    while kill -0 $etcd_pid 2>/dev/null && [ $tries -lt 100 ]; do
      etcdctl --endpoints "$etcd_endpoint" endpoint health >/dev/null 2>&1 && return 0
      tries=$((tries + 1))
      sleep 0.2
    done
    kill $etcd_pid 2>/dev/null || true; wait $etcd_pid 2>/dev/null || true; rm -rf "$etcd_dir/data"
  done
  echo "etcd did not start on loopback after 5 attempts; its last log:" >&2; cat "$etcd_dir/etcd.log" >&2; exit 1
}
