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
