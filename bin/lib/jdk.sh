# Sourced by bin/mcphub and bin/test: finds a JDK >= 21 without help from the user.
# Looks at $JAVA_HOME, then java on PATH, then /usr/lib/jvm/*; prints the JDK home.

mcphub_java_major() { # JAVA_BIN -> major version number, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

mcphub_find_jdk() {
  local candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  c=$(command -v java 2>/dev/null) && candidates+=("$(readlink -f "$c")")
  for c in /usr/lib/jvm/*/bin/java; do [ -x "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    major=$(mcphub_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ -x "$(dirname "$c")/javac" ]; then
      (cd "$(dirname "$c")/.." && pwd)
      return 0
    fi
  done
  echo "mcphub: no JDK 21 or newer found (looked at \$JAVA_HOME, java on PATH and /usr/lib/jvm/*); install one, e.g. Temurin 21+, or set JAVA_HOME" >&2
  return 1
}
