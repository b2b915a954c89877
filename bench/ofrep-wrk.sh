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

EXTRA_TOOLS=wrk
. "$HERE/lib/seeded-server.sh"

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
