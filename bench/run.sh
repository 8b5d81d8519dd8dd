#!/usr/bin/env bash
# jwt-allauth benchmark: starts the sample app against PostgreSQL once per access-token algorithm
# (HS256, ES256, RS256 with a 2048-bit key, RS256 with a 4096-bit key) and measures, with wrk on loopback:
#  - refresh rotations/s with 16 concurrent clients, each rotating its own session;
#  - the p50 latency of a refresh with a single client;
#  - requests/s of an authenticated endpoint (/api/hello) against a public one (/api/public) sent with the same
#    token in a header that nothing reads, as a ratio, with the application's CPU time per request,
#    once with 1 access token and once with TOKEN_COUNT (100,000) distinct valid tokens presented round-robin
#    (each presented once before the warm-up, since the first request with a token checks its signature).
# It prints one table, the JVM, the keys and the number of rows in jwt_allauth_session. A run in which any
# request failed (a non-2xx answer, a socket error, a refused rotation) exits non-zero and prints no table.
#
# Usage: bench/run.sh            full run (about 40 minutes on 2 cores, minting 400,000 tokens included)
#        FAST=1 bench/run.sh     quick check: DURATION=5s, WARMUP=2s, WARMUP_ROUNDS=1, TOKEN_COUNT=20000
# Settings (environment): DURATION (15s), WARMUP (5s), WARMUP_ROUNDS (16), TOKEN_COUNT (100000),
#   ALGORITHMS ("HS256 ES256 RS256-2048 RS256-4096"), LARGE_TABLE (0; 1 adds the 1k/1M/1k-rows refresh p50
#   with RS256-2048), RATIOS (1; 0 measures rotations only), POOL (Hikari's maximum pool size; Boot's 10 when
#   unset), HEAP ("-Xms512m -Xmx1g"), PORT (18181), PGHOST (127.0.0.1), PGUSER (postgres),
#   JAVA (java; e.g. /usr/lib/jvm/temurin-25-jdk-amd64/bin/java), KEYS (~/.cache/jwt-allauth-bench).
# Needs: wrk, psql, openssl, a PostgreSQL where it may create the database jwtallauth_bench.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${FAST:-0}" = 1 ]; then
  DURATION=${DURATION:-5s}; WARMUP=${WARMUP:-2s}; WARMUP_ROUNDS=${WARMUP_ROUNDS:-1}; TOKEN_COUNT=${TOKEN_COUNT:-20000}
fi
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-16}
TOKEN_COUNT=${TOKEN_COUNT:-100000}
ALGORITHMS=${ALGORITHMS:-HS256 ES256 RS256-2048 RS256-4096}
LARGE_TABLE=${LARGE_TABLE:-0}
RATIOS=${RATIOS:-1}
POOL=${POOL:-}
HEAP=${HEAP:--Xms512m -Xmx1g}
JAVA=${JAVA:-java}
PORT=${PORT:-18181}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
KEYS=${KEYS:-${HOME}/.cache/jwt-allauth-bench}
DB=jwtallauth_bench
BASE="http://127.0.0.1:${PORT}"
HS256_SECRET="bench-only-secret-0123456789abcdef0123456789abcdef"
MFA_KEY=$(printf 'bench-only-mfa-key-32-bytes-long' | base64)
JAR=$(ls jwt-allauth-sample-app/target/jwt-allauth-sample-app-*-exec.jar 2>/dev/null | head -n 1 || true)
WORK=$(mktemp -d)
APP_PID=

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() { echo "bench: $*" >&2; exit 1; }

for tool in wrk psql openssl; do command -v "$tool" >/dev/null || fail "$tool is needed"; done
if [ -z "$JAR" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls jwt-allauth-sample-app/target/jwt-allauth-sample-app-*-exec.jar | head -n 1)
fi

# Keys are made once and kept, so that runs compare like with like.
mkdir -p "$KEYS"
key_pair() {
  local name=$1; shift
  if [ ! -f "$KEYS/$name.pem" ]; then
    openssl genpkey "$@" -out "$KEYS/$name.key" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$KEYS/$name.key" -out "$KEYS/$name.pem"
    openssl pkey -in "$KEYS/$name.pem" -pubout -out "$KEYS/$name.pub"
  fi
}
key_pair es256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
key_pair rsa2048 -algorithm RSA -pkeyopt rsa_keygen_bits:2048
key_pair rsa4096 -algorithm RSA -pkeyopt rsa_keygen_bits:4096

psql_q() { psql -h "$PGHOST" -U "$PGUSER" -d "$DB" -v ON_ERROR_STOP=1 -qAt -c "$1"; }
psql -h "$PGHOST" -U "$PGUSER" -d postgres -qAt -c "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || psql -h "$PGHOST" -U "$PGUSER" -d postgres -q -c "create database $DB"

# label -> algorithm, key options, key description, key file for minting
key_options() {
  case $1 in
    HS256) echo "--jwtallauth.jwt.algorithm=HS256 --jwtallauth.jwt.secret=$HS256_SECRET" ;;
    ES256) echo "--jwtallauth.jwt.algorithm=ES256 --jwtallauth.jwt.private-key=file:$KEYS/es256.pem --jwtallauth.jwt.public-key=file:$KEYS/es256.pub" ;;
    RS256-2048) echo "--jwtallauth.jwt.algorithm=RS256 --jwtallauth.jwt.private-key=file:$KEYS/rsa2048.pem --jwtallauth.jwt.public-key=file:$KEYS/rsa2048.pub" ;;
    RS256-4096) echo "--jwtallauth.jwt.algorithm=RS256 --jwtallauth.jwt.private-key=file:$KEYS/rsa4096.pem --jwtallauth.jwt.public-key=file:$KEYS/rsa4096.pub" ;;
    *) fail "unknown algorithm $1" ;;
  esac
}
key_file() {
  case $1 in
    HS256) echo "$HS256_SECRET" ;; ES256) echo "$KEYS/es256.pem" ;;
    RS256-2048) echo "$KEYS/rsa2048.pem" ;; RS256-4096) echo "$KEYS/rsa4096.pem" ;;
  esac
}
key_description() {
  case $1 in
    HS256) echo "HMAC secret, $(( ${#HS256_SECRET} * 8 )) bits" ;;
    ES256) echo "EC P-256, $(openssl pkey -in "$(key_file "$1")" -noout -text | grep -oE '[0-9]+ bit' | head -n 1)s" ;;
    *) echo "RSA, $(openssl pkey -in "$(key_file "$1")" -noout -text | grep -oE '[0-9]+ bit' | head -n 1)s" ;;
  esac
}

start_app() {
  local label=$1
  # shellcheck disable=SC2046,SC2086
  "$JAVA" $HEAP -jar "$JAR" --server.port="$PORT" \
    --spring.datasource.url="jdbc:postgresql://${PGHOST}:5432/${DB}" --spring.datasource.username="$PGUSER" \
    $(key_options "$label") --jwtallauth.mfa.encryption-key="$MFA_KEY" \
    --jwtallauth.sessions.collect-user-agent=false --logging.level.root=WARN \
    ${POOL:+--spring.datasource.hikari.maximum-pool-size=$POOL} > "$WORK/app-$label.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "$BASE/api/public" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 1
  done
  tail -n 40 "$WORK/app-$label.log" >&2
  fail "the sample app did not start (log above)"
}

stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
}

login() {
  curl -sf -D "$WORK/headers" -o "$WORK/body" -X POST "$BASE/jwt-allauth/login" -H 'Content-Type: application/json' \
    -d '{"email":"admin@example.com","password":"change-me-please"}' || fail "login failed"
}
access_token() { login; sed -E 's/.*"access":"([^"]+)".*/\1/' "$WORK/body"; }
refresh_token() { login; grep -i '^set-cookie: refresh_token=' "$WORK/headers" | sed -E 's/^[^=]+=([^;]+);.*/\1/I'; }

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p50() { awk '/^ +50%/ {print $2}' "$1"; }

# Refuses the run when wrk saw any failed request; the Lua scripts count non-2xx answers themselves too.
checked_wrk() {
  local out=$1; shift
  wrk "$@" > "$out" || fail "wrk failed: $*"
  if grep -Eq 'Non-2xx|Socket errors' "$out" || ! grep -q '^failed requests: 0$' "$out"; then
    cat "$out" >&2
    fail "requests failed in: wrk $*"
  fi
}

cat > "$WORK/count.lua" <<'LUA'
-- Counts non-2xx answers per thread; done() prints the total, which checked_wrk demands be 0.
local threads = {}
function setup(thread) thread:set("failures", 0); table.insert(threads, thread) end
function response(status, headers, body) if status < 200 or status > 299 then failures = failures + 1 end end
function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  io.write(string.format("failed requests: %d\n", failed + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
LUA

cat > "$WORK/hello.lua" <<'LUA'
-- Presents the tokens of the file $ACCESS_TOKENS round-robin; each thread starts at its own offset.
-- With HEADER=X-Bench-Padding the token travels in a header that nothing reads: the public endpoint's
-- requests then have the same size and cost wrk the same work as the authenticated ones.
local header = os.getenv("HEADER") or "Authorization"
local tokens = {}
for line in io.lines(os.getenv("ACCESS_TOKENS")) do tokens[#tokens + 1] = line end
local threads = {}
local thread_count = 0
-- With PRIME=n, a thread creates the file $PRIME_DONE-<thread> once it has had n answers.
local prime = tonumber(os.getenv("PRIME") or "0")
local answers = 0
function setup(thread)
  thread:set("offset", thread_count)
  thread:set("failures", 0)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end
function init(args)
  index = (offset * math.floor(#tokens / 2)) % #tokens
end
function request()
  index = index % #tokens + 1
  return wrk.format("GET", nil, { [header] = "Bearer " .. tokens[index] })
end
function response(status, headers, body)
  if status < 200 or status > 299 then failures = failures + 1 end
  answers = answers + 1
  if prime > 0 and answers == prime then io.open(os.getenv("PRIME_DONE") .. "-" .. offset, "w"):close() end
end
function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do failed = failed + thread:get("failures") end
  io.write(string.format("failed requests: %d\n", failed + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
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
  io.write(string.format("failed requests: %d\n", failed + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
LUA

declare -A RESULT

# Presents every token of $ACCESS_TOKENS once (two threads, half each), so that the measurement sees the
# steady state: the first request with a token checks its signature whatever the cache.
prime_tokens() {
  local count per_thread pid
  count=$(wc -l < "$ACCESS_TOKENS")
  per_thread=$(( (count + 1) / 2 + 32 ))
  rm -f "$WORK"/primed-*
  PRIME=$per_thread PRIME_DONE="$WORK/primed" wrk -t2 -c32 -d3600s -s "$WORK/hello.lua" "$BASE/api/hello" \
    > "$WORK/prime.txt" 2>&1 &
  pid=$!
  until [ -f "$WORK/primed-0" ] && [ -f "$WORK/primed-1" ]; do
    kill -0 "$pid" 2>/dev/null || fail "priming the tokens failed: $(cat "$WORK/prime.txt")"
    sleep 1
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# CPU time the application used, in clock ticks, and the requests a wrk output reports
app_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }
requests() { awk '/ requests in / {print $1}' "$1"; }
CLK_TCK=$(getconf CLK_TCK)

# Runs wrk and adds its requests/s and the application's CPU per request to the named totals.
measured_wrk() {
  local total=$1 cpu=$2 out=$3; shift 3
  local before after
  before=$(app_ticks)
  checked_wrk "$out" "$@"
  after=$(app_ticks)
  RESULT[$total]=$(awk -v a="${RESULT[$total]:-0}" -v b="$(rps "$out")" 'BEGIN {print a + b}')
  RESULT[$cpu]=$(awk -v a="${RESULT[$cpu]:-0}" -v t=$((after - before)) -v n="$(requests "$out")" -v hz="$CLK_TCK" \
    'BEGIN {print a + t * 1000000 / hz / n}')
}

# hello/public ratio: warm-up, then A, B, A, B so that both endpoints see the same JIT state on average.
# The public requests carry the same token in a header nothing reads (X-Bench-Padding), through the same
# Lua script: both sides then cost wrk, which shares the two cores, the same work and bytes, and the
# ratio shows what authenticating costs the server. The plain public request (no header, no script
# work per request) is measured too and reported beside it.
ratio() {
  local label=$1 name=$2 key
  for _ in 1 2; do
    HEADER=X-Bench-Padding checked_wrk "$WORK/warm-public" -t2 -c32 -d"$WARMUP" -s "$WORK/hello.lua" "$BASE/api/public"
    checked_wrk "$WORK/warm-hello" -t2 -c32 -d"$WARMUP" -s "$WORK/hello.lua" "$BASE/api/hello"
  done
  for run in 1 2; do
    HEADER=X-Bench-Padding measured_wrk "public_${name}_$label" "public_cpu_${name}_$label" \
      "$WORK/public-$label-$name-$run" -t2 -c32 -d"$DURATION" -s "$WORK/hello.lua" "$BASE/api/public"
    measured_wrk "hello_${name}_$label" "hello_cpu_${name}_$label" \
      "$WORK/hello-$label-$name-$run" -t2 -c32 -d"$DURATION" -s "$WORK/hello.lua" "$BASE/api/hello"
  done
  measured_wrk "plain_${name}_$label" "plain_cpu_${name}_$label" "$WORK/plain-$label-$name" -t2 -c32 \
    -d"$DURATION" -s "$WORK/count.lua" "$BASE/api/public"
  for key in public hello public_cpu hello_cpu; do
    RESULT[${key}_${name}_$label]=$(awk -v a="${RESULT[${key}_${name}_$label]}" 'BEGIN {print a / 2}')
  done
}

# With a fourth argument, the application's CPU per rotation goes to that result (the logins excluded).
rotations() {
  local label=$1 clients=$2 out=$3 cpu=${4:-unused}
  : > "$WORK/tokens"
  for _ in $(seq 1 "$clients"); do refresh_token >> "$WORK/tokens"; done
  RESULT[$cpu]=0
  TOKENS="$WORK/tokens" measured_wrk unused_rps "$cpu" "$out" -t"$clients" -c"$clients" -d"$DURATION" --latency \
    -s "$WORK/rotate.lua" "$BASE/jwt-allauth/refresh"
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

measure() {
  local label=$1
  echo "== $label ($(key_description "$label"))" >&2
  start_app "$label"
  psql_q "delete from jwt_allauth_session"
  # The JIT needs minutes on two cores that the load keeps busy: measured round by round, RS256-2048 went
  # from 390 to about 1,000 rotations/s over 16 rounds of 15 s, HS256 from 370 to 2,200 over 10. Fewer
  # rounds measure the compiler, not the steady state that a server running for days is in.
  for round in $(seq 1 "$WARMUP_ROUNDS"); do
    rotations "$label" 16 "$WORK/warmup-$label-$round"
    echo "   warm-up round $round: $(rps "$WORK/warmup-$label-$round") rotations/s" >&2
  done
  rotations "$label" 16 "$WORK/rotate16-$label" "rotation_cpu_$label"
  RESULT[rotations_$label]=$(rps "$WORK/rotate16-$label")
  rotations "$label" 1 "$WORK/rotate1-$label"
  RESULT[p50_$label]=$(p50 "$WORK/rotate1-$label")
  RESULT[rows_$label]=$(psql_q "select count(*) from jwt_allauth_session")
  if [ "$LARGE_TABLE" = 1 ] && [ "$label" = RS256-2048 ]; then
    for rows in 1000 1000000 1000; do
      fill_sessions "$rows"
      rotations "$label" 16 "$WORK/rows-$rows"
      RESULT[large_table]="${RESULT[large_table]:-}${rows} rows: p50 $(p50 "$WORK/rows-$rows"), $(rps "$WORK/rows-$rows")/s; "
    done
    psql_q "delete from jwt_allauth_session where user_id like 'filler-%'"
  fi
  RESULT[rotation_cpu_$label]=$(awk -v a="${RESULT[rotation_cpu_$label]}" 'BEGIN {printf "%.0f", a}')
  if [ "$RATIOS" = 0 ]; then
    stop_app
    return
  fi
  export ACCESS_TOKENS="$WORK/access-$label"
  access_token > "$ACCESS_TOKENS"
  curl -sf -H "Authorization: Bearer $(cat "$ACCESS_TOKENS")" "$BASE/api/hello" >/dev/null || fail "/api/hello refused the token"
  ratio "$label" one
  "$JAVA" bench/MintTokens.java "$(cat "$ACCESS_TOKENS")" "${label%%-*}" "$(key_file "$label")" "$TOKEN_COUNT" \
    "$WORK/many-$label"
  ACCESS_TOKENS="$WORK/many-$label"
  curl -sf -H "Authorization: Bearer $(tail -n 1 "$ACCESS_TOKENS")" "$BASE/api/hello" >/dev/null \
    || fail "/api/hello refused a minted token"
  prime_tokens
  ratio "$label" many
  stop_app
}

for label in $ALGORITHMS; do measure "$label"; done

{
  echo
  echo "jwt-allauth benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $DURATION per run, $WARMUP_ROUNDS warm-up rounds, heap $HEAP"
  echo "JVM: $("$JAVA" -version 2>&1 | head -n 1) / $("$JAVA" -version 2>&1 | sed -n 3p)"
  printf '%-11s %-28s %12s %14s %12s %13s\n' algorithm key "rotations/s" "app µs/rotation" "refresh p50" "session rows"
  for label in $ALGORITHMS; do
    printf '%-11s %-28s %12s %14s %12s %13s\n' "$label" "$(key_description "$label")" "${RESULT[rotations_$label]}" \
      "${RESULT[rotation_cpu_$label]}" "${RESULT[p50_$label]}" "${RESULT[rows_$label]}"
  done
  echo "(rotations/s: 16 clients, each rotating its own session; app µs/rotation: CPU time of the application"
  echo " per rotation, from /proc; p50: 1 client; target: >= 1000 rotations/s for ES256 and RS256-2048)"
  if [ "$RATIOS" != 0 ]; then
    echo
    printf '%-11s %7s %12s %12s %8s %10s %12s %18s\n' algorithm tokens "hello req/s" "public req/s" ratio \
      "app µs/req" "plain public" "ratio to plain"
    for label in $ALGORITHMS; do
      for name in one many; do
        printf '%-11s %7s %12.0f %12.0f %8.3f %10s %12.0f %18.3f\n' "$label" \
          "$([ "$name" = one ] && echo 1 || echo "$TOKEN_COUNT")" \
          "${RESULT[hello_${name}_$label]}" "${RESULT[public_${name}_$label]}" \
          "$(awk -v a="${RESULT[hello_${name}_$label]}" -v b="${RESULT[public_${name}_$label]}" 'BEGIN {print a / b}')" \
          "$(awk -v a="${RESULT[hello_cpu_${name}_$label]}" -v b="${RESULT[public_cpu_${name}_$label]}" \
            'BEGIN {printf "%.0f/%.0f", a, b}')" \
          "${RESULT[plain_${name}_$label]}" \
          "$(awk -v a="${RESULT[hello_${name}_$label]}" -v b="${RESULT[plain_${name}_$label]}" 'BEGIN {print a / b}')"
      done
    done
    echo "(hello: GET /api/hello with the tokens round-robin; public: GET /api/public with the same tokens in"
    echo " X-Bench-Padding, which nothing reads, through the same wrk script; ratio: hello/public, target >= 0.95;"
    echo " app µs/req: CPU time of the application per request, hello/public; plain public: GET /api/public"
    echo " without the header or a per-request script)"
  fi
  if [ -n "${RESULT[large_table]:-}" ]; then
    echo "RS256-2048 refresh, 16 clients, by table size: ${RESULT[large_table]}"
  fi
} | tee "$WORK/report"
exit 0
