#!/usr/bin/env bash
# jwt-allauth soak test: starts the sample app against PostgreSQL (private database jwtallauth_soak) and runs
# bench/Soak.java against it for DURATION: a mixed load of logins (and logouts), refreshes rotating 1,000
# distinct sessions, authenticated requests (/api/hello), password-reset requests, TOTP verifications of
# enrolled users, and junk (malformed JSON, bad tokens, an oversized body, a wrong content type, wrong
# passwords). It reports each WINDOW: the 5xx count and p50/p99 per endpoint; and, after WARMUP and at the end
# (the load paused): the heap after a full GC (jcmd GC.run, GC.heap_info), the app's threads (/proc/<pid>/status)
# and its database connections (pg_stat_activity).
#
# Fails (exit 1) on any 5xx or request without an answer, or when the heap after GC at the end exceeds the
# start by more than MAX_HEAP_GROWTH (0.10).
#
# Access tokens live ACCESS_TOKEN_LIFETIME (20s; the sample's default is 30m): with the 30 s clock skew, a verified
# token leaves the cache of verified tokens 50 s after it was issued, so that cache is full before the first
# measurement, and heap growth after it means a leak, not a cache still filling up. The number of cached
# tokens is reported at both measurements (from a class histogram). APP_ARGS adds arguments to the app.
#
# Usage: bench/soak.sh   (DURATION=10m, WARMUP=60s, WINDOW=60s, THREADS=16, SESSIONS=1000, PORT=18182,
#                         PGHOST=127.0.0.1, PGUSER=postgres, JAVA=java, MAX_HEAP_GROWTH=0.10: each may be set in
#                         the environment). Short validation: DURATION=90s WARMUP=20s WINDOW=30s bench/soak.sh
# Needs: a JDK 17 (java, jcmd), psql, a PostgreSQL it may create (and re-create) the database jwtallauth_soak in.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10m}
WARMUP=${WARMUP:-60s}
WINDOW=${WINDOW:-60s}
THREADS=${THREADS:-16}
SESSIONS=${SESSIONS:-1000}
MAX_HEAP_GROWTH=${MAX_HEAP_GROWTH:-0.10}
ACCESS_TOKEN_LIFETIME=${ACCESS_TOKEN_LIFETIME:-20s}
APP_ARGS=${APP_ARGS:-}
JAVA=${JAVA:-java}
JCMD=${JCMD:-$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd}
PORT=${PORT:-18182}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
DB=jwtallauth_soak
BASE="http://127.0.0.1:${PORT}"
JAR=$(ls jwt-allauth-sample-app/target/jwt-allauth-sample-app-*-exec.jar 2>/dev/null | grep -v original | head -n 1 || true)
WORK=$(mktemp -d)
APP_PID=

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }
[ -x "$JCMD" ] || JCMD=$(command -v jcmd || true)
[ -n "$JCMD" ] || { echo "jcmd (JDK) is needed" >&2; exit 1; }
if [ -z "$JAR" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls jwt-allauth-sample-app/target/jwt-allauth-sample-app-*-exec.jar | grep -v original | head -n 1)
fi

# A fresh private database each run: the start of the run sees the same empty tables every time.
psql -h "$PGHOST" -U "$PGUSER" -d postgres -v ON_ERROR_STOP=1 -q -c "drop database if exists $DB with (force)"
psql -h "$PGHOST" -U "$PGUSER" -d postgres -v ON_ERROR_STOP=1 -q -c "create database $DB"

# No spring.mail.host: the sample's mails go to its log, below WARN. The per-IP limits are raised because every
# client is 127.0.0.1; the per-address ones stay (password resets answer 429 beyond them, as they should).
"$JAVA" -Xms512m -Xmx1g -jar "$JAR" --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://${PGHOST}:5432/${DB}" --spring.datasource.username="$PGUSER" \
  --jwtallauth.public-base-url="$BASE" \
  --jwtallauth.rate-limit.login-per-ip=1000000/1m --jwtallauth.rate-limit.mail-requests-per-ip=1000000/1m \
  --jwtallauth.rate-limit.login-per-account=1000000/1m \
  --jwtallauth.jwt.access-token-lifetime="$ACCESS_TOKEN_LIFETIME" \
  --logging.level.root=WARN $APP_ARGS > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -sf "$BASE/api/public" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 1
done
if ! curl -sf "$BASE/api/public" >/dev/null 2>&1; then
  echo "the sample app did not start; see its log:" >&2
  tail -n 40 "$WORK/app.log" >&2
  exit 1
fi

echo "jwt-allauth soak, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, duration $DURATION (warm-up $WARMUP, windows of $WINDOW), $THREADS client threads, access tokens $ACCESS_TOKEN_LIFETIME, $("$JAVA" -version 2>&1 | head -n 1)"
status=0
PATH="$(dirname "$JCMD"):$PATH" "$JAVA" bench/Soak.java --base="$BASE" --pid="$APP_PID" --duration="$DURATION" \
  --warmup="$WARMUP" --window="$WINDOW" --threads="$THREADS" --sessions="$SESSIONS" --pghost="$PGHOST" \
  --pguser="$PGUSER" --db="$DB" --max-heap-growth="$MAX_HEAP_GROWTH" || status=$?

errors=$(grep -c ' ERROR ' "$WORK/app.log" || true)
echo "application log: $errors ERROR lines"
if [ "$errors" -gt 0 ]; then
  grep ' ERROR ' "$WORK/app.log" | head -n 20
fi
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
APP_PID=
psql -h "$PGHOST" -U "$PGUSER" -d postgres -q -c "drop database if exists $DB with (force)" || true
exit "$status"
