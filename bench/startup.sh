#!/usr/bin/env bash
# Start-up of the sample application with its in-memory H2 database: time to "Started" and resident memory
# (VmRSS) once started, in three ways:
#   plain  java -jar jwt-allauth-sample-app-*-exec.jar, default JVM settings;
#   cds    the jar extracted (java -Djarmode=tools -jar ... extract) and started with a class-data-sharing
#          archive written by a training run (-XX:ArchiveClassesAtExit with -Dspring.context.exit=onRefresh);
#   cds+   the same with a smaller heap and thread stacks: $SMALL_HEAP (-Xmx128m -Xss512k -XX:+UseSerialGC).
# Each way runs ROUNDS times (3); the script prints every round and the median of each way.
#
# Usage: bench/startup.sh   (ROUNDS, PORT=18182, JAVA=java, SMALL_HEAP, SETTLE=2 seconds before reading VmRSS)
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18182}
JAVA=${JAVA:-java}
SMALL_HEAP=${SMALL_HEAP:--Xmx128m -Xss512k -XX:+UseSerialGC}
SETTLE=${SETTLE:-2}
JAR=$(ls "$PWD"/jwt-allauth-sample-app/target/jwt-allauth-sample-app-*-exec.jar 2>/dev/null | head -n 1 || true)
WORK=$(mktemp -d)
APP_PID=

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "$JAR" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls "$PWD"/jwt-allauth-sample-app/target/jwt-allauth-sample-app-*-exec.jar | head -n 1)
fi

# Prints "seconds-to-Started rss-MB": the JVM's own "process running for" figure, and VmRSS after SETTLE s.
run_once() {
  local log=$WORK/run.log
  # shellcheck disable=SC2068
  "$JAVA" $@ --server.port="$PORT" > "$log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 600); do
    grep -q 'Started .* in ' "$log" && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$log" >&2; echo "the application stopped" >&2; exit 1; }
    sleep 0.1
  done
  sleep "$SETTLE"
  local started rss
  started=$(sed -nE 's/.*Started .* \(process running for ([0-9.]+)\).*/\1/p' "$log" | head -n 1)
  rss=$(awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status")
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  APP_PID=
  echo "$started $rss"
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

measure() {
  local name=$1; shift
  : > "$WORK/$name"
  for round in $(seq 1 "$ROUNDS"); do
    result=$(run_once "$@")
    echo "$name round $round: started in ${result% *} s, RSS ${result#* } MB" >&2
    echo "$result" >> "$WORK/$name"
  done
  printf '%-6s started in %5s s (median of %s), RSS %4s MB\n' "$name" \
    "$(cut -d' ' -f1 "$WORK/$name" | median)" "$ROUNDS" "$(cut -d' ' -f2 "$WORK/$name" | median)" >> "$WORK/report"
}

: > "$WORK/report"
measure plain -jar "$JAR"

# Class-data sharing: extract once, train once (the context is refreshed, then the JVM exits and writes the
# archive), then start from the archive.
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/extracted" >/dev/null
APP_JAR=$(ls "$WORK"/extracted/*.jar | head -n 1)
"$JAVA" -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Dspring.context.exit=onRefresh -jar "$APP_JAR" \
  --server.port="$PORT" > "$WORK/training.log" 2>&1 || { cat "$WORK/training.log" >&2; exit 1; }
measure cds -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$APP_JAR"
# shellcheck disable=SC2086
measure cds+ -XX:SharedArchiveFile="$WORK/app.jsa" $SMALL_HEAP -jar "$APP_JAR"

echo
echo "sample app start-up (H2), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$JAVA" -version 2>&1 | head -n 1)"
cat "$WORK/report"
echo "(targets: started in < 5 s, RSS < 300 MB; cds+ adds: $SMALL_HEAP)"
