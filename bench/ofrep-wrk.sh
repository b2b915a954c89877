#!/usr/bin/env bash
# Load test of bulk OFREP (issue 3, acceptance 6) against the real server jar, with
# GET /actuator/health and GET /actuator/health/liveness as same-run peers (same wrk settings, same
# server, back to back). Results and how to read them: docs/BENCHMARKS.md.
#
#   mvn -B -q -o -Dui.skip=true package -DskipTests -pl server -am
#   bench/ofrep-wrk.sh [server jar]
#
# Environment: THREADS (2), CONNECTIONS (16), DURATION (20s), WARMUP (10s), FLAGS (20), HEAP (512m),
# SERVER_JAVA_OPTS (extra JVM flags, e.g. -XX:StartFlightRecording=filename=/tmp/ofrep.jfr to profile),
# PROBE (1: also run each endpoint with one connection, to see service time without queueing).
# Starts the jar on a free port in a temp dir (H2 file store, the embedded default), creates a
# project, a segment, FLAGS flags with targeting and a rollout and a server SDK key through
# GraphQL, then runs wrk. The server is stopped and the temp dir removed on any exit.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${1:-$HERE/../server/target/flagledger-server.jar}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
FLAGS=${FLAGS:-20}
HEAP=${HEAP:-512m}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
PROBE=${PROBE:-1}

for tool in java wrk curl jq python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (wrk: apt-get install -y wrk)" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "no server jar at $JAR; build it first (see the header)" >&2; exit 2; }
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")

WORK=$(mktemp -d /tmp/flagledger-wrk.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PASSWORD="bench-$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
BASE="http://127.0.0.1:$PORT"
SERVER_PID=

stop() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT TERM

# One key drives all the load: keep the per-key limiter (5 000 rps by default) in the request path,
# but set it so high that it never answers 429; wrk counts any non-2xx anyway.
echo "# server: $JAR on port $PORT, heap $HEAP, home $WORK"
(cd "$WORK" && FLAGLEDGER_ADMIN_PASSWORD="$PASSWORD" PORT="$PORT" exec java "-Xmx$HEAP" $SERVER_JAVA_OPTS -jar "$JAR" \
  --flagledger.sdk.rate-limit.requests-per-second=1000000 --flagledger.sdk.rate-limit.burst=1000000 \
  >"$WORK/server.log" 2>&1) &
SERVER_PID=$!

started=$(date +%s)
until curl -sf "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null || [ $(( $(date +%s) - started )) -gt 180 ]; then
    echo "server did not come up; log:" >&2; tail -50 "$WORK/server.log" >&2; exit 1
  fi
  sleep 1
done
echo "# server up after $(( $(date +%s) - started )) s"

# One GraphQL request; fails the script on HTTP or GraphQL errors. $1 document, $2 variables JSON.
gql() {
  local body response
  body=$(jq -cn --arg q "$1" --argjson v "${2:-{\}}" '{query: $q, variables: $v}')
  response=$(curl -sS -u "admin:$PASSWORD" -H 'Content-Type: application/json' --data "$body" "$BASE/graphql")
  if [ "$(jq 'has("errors")' <<<"$response")" != "false" ]; then
    echo "GraphQL error: $response" >&2; exit 1
  fi
  printf '%s' "$response"
}

P=bench
gql 'mutation($i: CreateProjectInput!) { createProject(input: $i) { project { key } } }' \
  "{\"i\": {\"key\": \"$P\", \"name\": \"Benchmark\", \"reason\": \"wrk\"}}" >/dev/null

included=$(jq -cn '[range(0; 200) | "user-0-\(. * 37)"]')
gql 'mutation($i: CreateSegmentInput!) { createSegment(input: $i) { segment { key } } }' "$(jq -cn \
  --arg p "$P" --argjson inc "$included" '{i: {projectKey: $p, key: "beta-testers", name: "Beta testers",
    included: $inc, excluded: ["user-1-37"], reason: "wrk",
    rules: [{id: "young-pro", clauses: [
      {attribute: "account.plan", operator: "equals", values: ["pro"]},
      {attribute: "age", operator: "lt", values: [30]}]}]}}')" >/dev/null

# Half boolean flags (on/off), half string flags with three variations; every flag gets the same
# shape of targeting as the JMH benchmark: 5 rules (string, numeric, semver, regex, inSegment with
# a rollout) and a fallthrough rollout.
for n in $(seq 1 "$FLAGS"); do
  key=$(printf 'flag-%02d' "$n")
  if [ $(( n % 2 )) -eq 0 ]; then
    create=$(jq -cn --arg p "$P" --arg k "$key" '{i: {projectKey: $p, key: $k, name: $k, valueType: "BOOLEAN", reason: "wrk"}}')
    a=on; b=off; c=on
  else
    create=$(jq -cn --arg p "$P" --arg k "$key" '{i: {projectKey: $p, key: $k, name: $k, valueType: "STRING", reason: "wrk",
      variations: [{key: "control", value: "control"}, {key: "treatment-a", value: "a"}, {key: "treatment-b", value: "b"}]}}')
    a=treatment-a; b=control; c=treatment-b
  fi
  version=$(gql 'mutation($i: CreateFlagInput!) { createFlag(input: $i) { flag { version } } }' "$create" \
    | jq '.data.createFlag.flag.version')
  version=$(gql 'mutation($i: ToggleFlagInput!) { toggleFlag(input: $i) { flag { version } } }' "$(jq -cn \
    --arg p "$P" --arg k "$key" --argjson v "$version" \
    '{i: {projectKey: $p, key: $k, environment: "production", enabled: true, expectedVersion: $v, reason: "wrk"}}')" \
    | jq '.data.toggleFlag.flag.version')
  gql 'mutation($i: SetFlagTargetingInput!) { setFlagTargeting(input: $i) { flag { version } } }' "$(jq -cn \
    --arg p "$P" --arg k "$key" --argjson v "$version" --arg a "$a" --arg b "$b" --arg c "$c" \
    '{i: {projectKey: $p, key: $k, environment: "production", expectedVersion: $v, reason: "wrk", targeting: {
      targets: [{variation: $a, keys: ["user-0-37", "user-1-74"]}],
      rules: [
        {id: "staff-nl", clauses: [{attribute: "email", operator: "endsWith", values: ["@flagledger.dev"]},
                                   {attribute: "country", operator: "in", values: ["NL", "BE", "LU"]}],
         serve: {variation: $a}},
        {id: "big-enterprise", clauses: [{attribute: "account.plan", operator: "equals", values: ["enterprise"]},
                                         {attribute: "account.seats", operator: "gte", values: [500]}],
         serve: {variation: $a}},
        {id: "old-app", clauses: [{attribute: "app.version", operator: "semverLt", values: ["2.0.0"]}],
         serve: {variation: $b}},
        {id: "mobile-safari", clauses: [
           {attribute: "userAgent", operator: "matches", values: ["^Mozilla/5\\.0 \\(iP(hone|ad);.*Safari/[0-9.]+$"]},
           {attribute: "country", operator: "in", values: ["US", "CA"], negate: true}],
         serve: {variation: $c}},
        {id: "beta", clauses: [{operator: "inSegment", values: ["beta-testers"]}],
         serve: {rollout: {weights: [{variation: $a, weight: 50000}, {variation: $c, weight: 50000}]}}}],
      fallthroughRollout: {weights: [{variation: $b, weight: 60000}, {variation: $a, weight: 30000},
                                     {variation: $c, weight: 10000}]}}}}')" >/dev/null
done

export SDK_KEY
SDK_KEY=$(gql 'mutation($i: CreateSdkKeyInput!) { createSdkKey(input: $i) { secret } }' \
  "{\"i\": {\"projectKey\": \"$P\", \"environment\": \"production\", \"kind\": \"SERVER\", \"name\": \"wrk\", \"reason\": \"wrk\"}}" \
  | jq -r '.data.createSdkKey.secret')

# The key and the snapshot arrive through projections: wait until bulk evaluation sees every flag
# with its targeting (a SPLIT or TARGETING_MATCH somewhere proves the rules are there).
SAMPLE='{"context":{"targetingKey":"user-9-1","email":"x@example.com","country":"DE","age":40,"account":{"plan":"free","seats":3},"app":{"version":"2.1.0"},"userAgent":"curl"}}'
for _ in $(seq 1 60); do
  sample=$(curl -s -H "Authorization: Bearer $SDK_KEY" -H 'Content-Type: application/json' --data "$SAMPLE" \
    "$BASE/ofrep/v1/evaluate/flags" || true)
  if [ "$(jq '[.flags[]? | select(.reason == "SPLIT")] | length' <<<"$sample" 2>/dev/null)" = "$FLAGS" ]; then
    break
  fi
  sleep 1
done
count=$(jq '[.flags[]? | select(.reason == "SPLIT")] | length' <<<"$sample")
[ "$count" = "$FLAGS" ] || { echo "bulk evaluation never served $FLAGS split flags: $sample" >&2; exit 1; }
echo "# bulk response: $FLAGS flags, $(printf '%s' "$sample" | wc -c) bytes; first: $(jq -c '.flags[0]' <<<"$sample")"

run() { # $1 label, $2 threads, $3 connections, rest: wrk arguments
  local label=$1 threads=$2 connections=$3; shift 3
  echo
  echo "## $label: wrk -t$threads -c$connections -d$DURATION --latency $*"
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk "-t$threads" "-c$connections" "-d$DURATION" --latency "$@" | tee "$WORK/$label.out"
  grep '^RESULT' "$WORK/$label.out" | sed "s/^RESULT/RESULT $label/" >>"$WORK/results"
}

OFREP=(-s "$HERE/post.lua" "$BASE/ofrep/v1/evaluate/flags")
HEALTH=(-s "$HERE/get.lua" "$BASE/actuator/health")
# /actuator/health runs the H2 and disk-space indicators; liveness runs none: the true floor.
LIVENESS=(-s "$HERE/get.lua" "$BASE/actuator/health/liveness")

# Warm every path (JIT, connection pools), then measure the peers and OFREP back to back.
echo "# warm-up: $WARMUP each, not reported"
for target in OFREP HEALTH LIVENESS; do
  declare -n args=$target
  wrk "-t$THREADS" "-c$CONNECTIONS" "-d$WARMUP" "${args[@]}" >/dev/null
done
: >"$WORK/results"
run health "$THREADS" "$CONNECTIONS" "${HEALTH[@]}"
run liveness "$THREADS" "$CONNECTIONS" "${LIVENESS[@]}"
run ofrep-bulk "$THREADS" "$CONNECTIONS" "${OFREP[@]}"
labels="health liveness ofrep-bulk"
if [ "$PROBE" = 1 ]; then
  run liveness-c1 1 1 "${LIVENESS[@]}"
  run ofrep-bulk-c1 1 1 "${OFREP[@]}"
  labels="$labels liveness-c1 ofrep-bulk-c1"
fi

echo
echo "## summary ($(date -u +%Y-%m-%dT%H:%M:%SZ), nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg))"
awk -v labels="$labels" '
  { for (i = 3; i <= NF; i++) { split($i, kv, "="); v[$2, kv[1]] = kv[2] } }
  function ratio(a, b, field) { return v[b, field] > 0 ? v[a, field] / v[b, field] : 0 }
  END {
    n = split(labels, names, " ")
    for (l = 1; l <= n; l++) {
      name = names[l]
      printf "%-14s rps %9.1f  p50 %8.3f ms  p90 %8.3f ms  p99 %8.3f ms  max %8.3f ms  non-2xx %d  socket errors %d\n",
        name, v[name, "rps"], v[name, "p50_us"] / 1000, v[name, "p90_us"] / 1000, v[name, "p99_us"] / 1000,
        v[name, "max_us"] / 1000, v[name, "errors_status"], v[name, "errors_other"]
    }
    split("health liveness", peers, " ")
    for (p = 1; p <= 2; p++) {
      printf "ofrep-bulk / %-8s: rps %.3f, p50 %.2fx, p99 %.2fx\n", peers[p], ratio("ofrep-bulk", peers[p], "rps"),
        ratio("ofrep-bulk", peers[p], "p50_us"), ratio("ofrep-bulk", peers[p], "p99_us")
    }
    if (v["ofrep-bulk-c1", "rps"] > 0)
      printf "ofrep-bulk-c1 / liveness-c1: rps %.3f, p50 %.2fx, p99 %.2fx\n", ratio("ofrep-bulk-c1", "liveness-c1", "rps"),
        ratio("ofrep-bulk-c1", "liveness-c1", "p50_us"), ratio("ofrep-bulk-c1", "liveness-c1", "p99_us")
    printf "target p99 < 2 ms at -c%s: %s\n", '"$CONNECTIONS"', v["ofrep-bulk", "p99_us"] < 2000 ? "met" : "MISSED"
  }' "$WORK/results"
