#!/usr/bin/env bash
# jwt-allauth benchmark: starts the sample app against PostgreSQL and measures, with wrk on loopback,
#  (a) requests/s of an authenticated endpoint (/api/hello) against a public one (/api/public),
#      for HS256 and RS256 access tokens;
#  (b) refresh rotations/s with 16 concurrent clients, each rotating its own session (RS256);
#  (c) refresh latency (p50) with 1,000 and with 1,000,000 rows in jwt_allauth_session.
#
# Usage: bench/run.sh   (DURATION=15s, WARMUP=5s, WARMUP_ROUNDS=6, PORT=18181, PGHOST=127.0.0.1, PGUSER=postgres,
#                        JAVA=java: each may be set in the environment)
# Needs: wrk (apt-get install wrk), psql, a PostgreSQL it may create the database jwtallauth_bench in.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-6}
JAVA=${JAVA:-java}
PORT=${PORT:-18181}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
DB=jwtallauth_bench
BASE="http://127.0.0.1:${PORT}"
JAR=$(ls jwt-allauth-sample-app/target/jwt-allauth-sample-app-*-exec.jar 2>/dev/null | grep -v original | head -n 1 || true)
WORK=$(mktemp -d)
APP_PID=

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is needed" >&2; exit 1; }
if [ -z "$JAR" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls jwt-allauth-sample-app/target/jwt-allauth-sample-app-*-exec.jar | grep -v original | head -n 1)
fi

psql_q() { psql -h "$PGHOST" -U "$PGUSER" -d "$DB" -v ON_ERROR_STOP=1 -qAt -c "$1"; }
psql -h "$PGHOST" -U "$PGUSER" -d postgres -qAt -c "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || psql -h "$PGHOST" -U "$PGUSER" -d postgres -q -c "create database $DB"

start_app() {
  local algorithm=$1
  "$JAVA" -Xms512m -Xmx1g -jar "$JAR" --server.port="$PORT" \
    --spring.datasource.url="jdbc:postgresql://${PGHOST}:5432/${DB}" --spring.datasource.username="$PGUSER" \
    --jwtallauth.jwt.algorithm="$algorithm" --jwtallauth.jwt.generate-development-key=true \
    --jwtallauth.sessions.collect-user-agent=false --logging.level.root=WARN > "$WORK/app-$algorithm.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 90); do
    curl -sf "$BASE/api/public" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "the sample app did not start; see its log:" >&2
  tail -n 40 "$WORK/app-$algorithm.log" >&2
  exit 1
}

stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}

login() {
  curl -s -D "$WORK/headers" -o "$WORK/body" -X POST "$BASE/jwt-allauth/login" -H 'Content-Type: application/json' \
    -d '{"email":"admin@example.com","password":"change-me-please"}'
}

access_token() {
  login
  sed -E 's/.*"access":"([^"]+)".*/\1/' "$WORK/body"
}

refresh_token() {
  login
  grep -i '^set-cookie: refresh_token=' "$WORK/headers" | sed -E 's/^[^=]+=([^;]+);.*/\1/I'
}

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p50() { awk '/^ +50%/ {print $2}' "$1"; }

cat > "$WORK/hello.lua" <<LUA
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ACCESS")
LUA

cat > "$WORK/rotate.lua" <<'LUA'
-- Each wrk thread owns one connection and one session, and rotates it as a client would:
-- present the refresh cookie, keep the successor from Set-Cookie.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local threads = {}
local next_index = 0
function setup(thread)
  next_index = next_index + 1
  thread:set("token", tokens[next_index])
  thread:set("failures", 0)
  table.insert(threads, thread)
end
function request()
  return wrk.format("POST", "/jwt-allauth/refresh", { ["Cookie"] = "refresh_token=" .. token })
end
function response(status, headers, body)
  if status == 200 then
    local cookie = headers["Set-Cookie"] or headers["set-cookie"] or ""
    token = string.match(cookie, "refresh_token=([^;]+)") or token
  else
    failures = failures + 1
  end
end
function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  io.write(string.format("rotation failures: %d\n", failed))
end
LUA

declare -A RESULT

non2xx() { awk '/Non-2xx/ {print $NF}' "$1"; }

measure_ratio() {
  local algorithm=$1
  start_app "$algorithm"
  export ACCESS
  ACCESS=$(access_token)
  curl -sf -H "Authorization: Bearer $ACCESS" "$BASE/api/hello" >/dev/null
  for _ in 1 2; do
    wrk -t2 -c32 -d"$WARMUP" "$BASE/api/public" >/dev/null
    wrk -t2 -c32 -d"$WARMUP" -s "$WORK/hello.lua" "$BASE/api/hello" >/dev/null
  done
  # A, B, A, B: both endpoints see the same JIT state on average
  local public=0 hello=0
  for run in 1 2; do
    wrk -t2 -c32 -d"$DURATION" "$BASE/api/public" > "$WORK/public-$algorithm-$run.txt"
    wrk -t2 -c32 -d"$DURATION" -s "$WORK/hello.lua" "$BASE/api/hello" > "$WORK/hello-$algorithm-$run.txt"
    if [ -n "$(non2xx "$WORK/hello-$algorithm-$run.txt")" ]; then
      echo "/api/hello answered non-2xx: the token was refused" >&2
      exit 1
    fi
    public=$(awk -v a="$public" -v b="$(rps "$WORK/public-$algorithm-$run.txt")" 'BEGIN {print a + b}')
    hello=$(awk -v a="$hello" -v b="$(rps "$WORK/hello-$algorithm-$run.txt")" 'BEGIN {print a + b}')
  done
  RESULT[public_$algorithm]=$(awk -v a="$public" 'BEGIN {printf "%.0f", a / 2}')
  RESULT[hello_$algorithm]=$(awk -v a="$hello" 'BEGIN {printf "%.0f", a / 2}')
  RESULT[ratio_$algorithm]=$(awk -v a="$hello" -v b="$public" 'BEGIN {printf "%.3f", a / b}')
  stop_app
}

rotations() {
  local label=$1 clients=${2:-16}
  : > "$WORK/tokens"
  for _ in $(seq 1 "$clients"); do refresh_token >> "$WORK/tokens"; done
  TOKENS="$WORK/tokens" wrk -t"$clients" -c"$clients" -d"$DURATION" --latency -s "$WORK/rotate.lua" \
    "$BASE/jwt-allauth/refresh" > "$WORK/rotate-$label.txt"
  RESULT[rotations_$label]=$(rps "$WORK/rotate-$label.txt")
  RESULT[p50_$label]=$(p50 "$WORK/rotate-$label.txt")
  RESULT[failures_$label]=$(awk '/rotation failures/ {print $3}' "$WORK/rotate-$label.txt")
}

fill_sessions() {
  local rows=$1
  psql_q "delete from jwt_allauth_session where user_id like 'filler-%'"
  psql_q "insert into jwt_allauth_session (id, user_id, jti, enabled, created, last_used, expires)
          select md5('s' || g || clock_timestamp()), 'filler-' || (g % 50000), md5('j' || g || clock_timestamp()), true,
                 now(), now(), now() + interval '14 days'
          from generate_series(1, $rows) g"
  psql_q "vacuum analyze jwt_allauth_session"
}

echo "== (a) authenticated vs public requests/s"
measure_ratio HS256
measure_ratio RS256

echo "== (b, c) refresh rotations with RS256 access tokens"
start_app RS256
fill_sessions 1000
# The JIT needs more than a minute on two shared cores: warm the rotation path up before measuring.
for round in $(seq 1 "$WARMUP_ROUNDS"); do rotations "warmup$round"; done
rotations 4clients 4
rotations 1k
fill_sessions 1000000
rotations 1m
fill_sessions 1000
rotations 1k_again
stop_app
psql_q "delete from jwt_allauth_session where user_id like 'filler-%'"

cat <<REPORT

jwt-allauth benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, duration $DURATION per run, $("$JAVA" -version 2>&1 | head -n 1)
(a) HS256: /api/public ${RESULT[public_HS256]} req/s, /api/hello ${RESULT[hello_HS256]} req/s, ratio ${RESULT[ratio_HS256]} (target >= 0.90)
    RS256: /api/public ${RESULT[public_RS256]} req/s, /api/hello ${RESULT[hello_RS256]} req/s, ratio ${RESULT[ratio_RS256]} (target >= 0.90)
(b) rotations, 16 clients, 1k rows: ${RESULT[rotations_1k]} /s, failures ${RESULT[failures_1k]} (target >= 1000/s)
    (4 clients: ${RESULT[rotations_4clients]} /s; last warm-up round: ${RESULT[rotations_warmup$WARMUP_ROUNDS]} /s)
(c) refresh p50 with 16 clients: 1k rows ${RESULT[p50_1k]}, then 1M rows ${RESULT[p50_1m]}, then 1k rows again ${RESULT[p50_1k_again]}
    (rotations/s: ${RESULT[rotations_1k]}, ${RESULT[rotations_1m]}, ${RESULT[rotations_1k_again]}; failures ${RESULT[failures_1m]} at 1M)
    (target: p50 at 1M within 1.25x of 1k)
REPORT
