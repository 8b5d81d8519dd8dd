#!/usr/bin/env bash
# jwt-allauth enumeration benchmark: does the time of an answer tell whether an address has an
# account? Starts the sample app (H2, email-verification=mandatory) and times POST /password/reset,
# POST /registration/resend-verification and POST /registration (sign-up, which mandatory
# verification must answer alike for a taken address) for an address that has an account and for
# one that does not, interleaved, ROUNDS times each, with the per-address limits off. Prints p50/p90 per case and
# the ratio of the medians; a ratio near 1.00 (within the run-to-run noise) means the timing says
# nothing. The bodies are compared too: they must be byte-identical.
#
# Usage: bench/enumeration.sh   (ROUNDS=300, PORT=18182, JAVA=java may be set in the environment)
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-300}
PORT=${PORT:-18182}
JAVA=${JAVA:-java}
BASE="http://127.0.0.1:${PORT}/jwt-allauth"
JAR=$(ls jwt-allauth-sample-app/target/jwt-allauth-sample-app-*-exec.jar 2>/dev/null | grep -v original | head -n 1 || true)
WORK=$(mktemp -d)
APP_PID=

cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "$JAR" ]; then
  ./mvnw -B -q -DskipTests package
  JAR=$(ls jwt-allauth-sample-app/target/jwt-allauth-sample-app-*-exec.jar | grep -v original | head -n 1)
fi

"$JAVA" -Xms256m -Xmx512m -jar "$JAR" --server.port="$PORT" --jwtallauth.rate-limit.enabled=false \
  --jwtallauth.email-verification=mandatory --logging.level.root=WARN > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 90); do
  curl -sf "http://127.0.0.1:${PORT}/api/public" >/dev/null 2>&1 && break
  sleep 1
done

known="known-$(date +%s)@example.com"
# an account whose address is not verified yet: it gets both a reset and a resend mail
curl -sf -o /dev/null -X POST "$BASE/registration" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$known\",\"password1\":\"Tr0ub4dor&3-horse\",\"password2\":\"Tr0ub4dor&3-horse\"}"

time_one() { # path email case -> seconds, body saved to $WORK/body-<case>
  local body="{\"email\":\"$2\"}"
  if [ "$1" = /registration ]; then
    body="{\"email\":\"$2\",\"password1\":\"Tr0ub4dor&3-horse\",\"password2\":\"Tr0ub4dor&3-horse\"}"
  fi
  curl -s -o "$WORK/body-$3" -w '%{time_total}\n' -X POST "$BASE$1" -H 'Content-Type: application/json' -d "$body"
}

stats() { # file -> "p50 p90" in ms
  sort -n "$1" | awk '{ v[NR] = $1 * 1000 } END { printf "%.2f %.2f", v[int(NR * 0.5)], v[int(NR * 0.9)] }'
}

sleep 1   # the sign-up above completes in the background
for endpoint in /password/reset /registration/resend-verification /registration; do
  name=$(basename "$endpoint")
  rounds=$ROUNDS
  [ "$endpoint" = /registration ] && rounds=$(( ROUNDS / 3 ))   # each one hashes a password
  : > "$WORK/$name-known"; : > "$WORK/$name-unknown"
  # warm-up, then interleave so that drift hits both cases alike
  for i in $(seq 1 30); do time_one "$endpoint" "$known" k >/dev/null; time_one "$endpoint" "nobody-$i-$RANDOM@example.com" u >/dev/null; done
  for i in $(seq 1 "$rounds"); do
    time_one "$endpoint" "$known" k >> "$WORK/$name-known"
    time_one "$endpoint" "nobody-$RANDOM-$i@example.com" u >> "$WORK/$name-unknown"
  done
  read -r kp50 kp90 <<<"$(stats "$WORK/$name-known")"
  read -r up50 up90 <<<"$(stats "$WORK/$name-unknown")"
  same=$(cmp -s "$WORK/body-k" "$WORK/body-u" && echo identical || echo DIFFERENT)
  ratio=$(awk -v a="$kp50" -v b="$up50" 'BEGIN { printf "%.2f", a / b }')
  printf '%-34s known p50 %6s ms p90 %6s ms | unknown p50 %6s ms p90 %6s ms | ratio %s | bodies %s\n' \
    "POST $endpoint" "$kp50" "$kp90" "$up50" "$up90" "$ratio" "$same"
done
