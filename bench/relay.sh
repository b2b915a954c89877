#!/usr/bin/env bash
# The edge relay's benchmarks (issue 14; docs/BENCHMARKS.md, "Edge relay"), against the real server
# and relay jars on this machine:
#   1. bulk OFREP requests per second through the relay and against the server directly, the same
#      wrk run (bench/post.lua: 1 024 rotating contexts per thread, 20 flags with 5 rules each)
#      back to back, after a warm-up of each;
#   2. open SSE streams held by one relay, the relay's heap after a full GC per open stream (and RSS),
#      and the fan-out of a change to all of them (RelayFanOut in bench/).
#
#   mvn -B -q -Dui.skip=true -Dnode.it.skip=true package -DskipTests -pl server,relay,bench -am
#   bench/relay.sh [server jar] [relay jar]
#
# Environment: STREAMS (10000), TOGGLES (20), RELAY_HEAP (512m), HEAP (512m, the server), FLAGS (20),
# THREADS (2), CONNECTIONS (16), DURATION (20s), WARMUP (10s), SKIP_WRK / SKIP_STREAMS (1 to leave one out).
# Needs wrk (apt-get install -y wrk), jq, curl, python3; ulimit -n above STREAMS + 100.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${1:-$HERE/../server/target/flagledger-server.jar}
RELAY_JAR=${2:-$HERE/../relay/target/flagledger-relay.jar}
BENCH_JAR=$HERE/target/benchmarks.jar
STREAMS=${STREAMS:-10000}
TOGGLES=${TOGGLES:-20}
RELAY_HEAP=${RELAY_HEAP:-512m}
HEAP=${HEAP:-512m}
FLAGS=${FLAGS:-20}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
[ -f "$BENCH_JAR" ] || { echo "no $BENCH_JAR; build it first (see the header)" >&2; exit 2; }
[ -f "$RELAY_JAR" ] || { echo "no relay jar at $RELAY_JAR; build it first (see the header)" >&2; exit 2; }
[ "$(ulimit -n)" -gt $(( STREAMS + 100 )) ] || { echo "ulimit -n is $(ulimit -n); raise it above $(( STREAMS + 100 ))" >&2; exit 2; }
EXTRA_TOOLS=wrk
. "$HERE/lib/seeded-server.sh"

RELAY_PID=
stop_relay() {
  if [ -n "$RELAY_PID" ] && kill -0 "$RELAY_PID" 2>/dev/null; then
    kill "$RELAY_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$RELAY_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$RELAY_PID" 2>/dev/null || true
  fi
}
trap 'stop_relay; stop' EXIT

RELAY_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RELAY="http://127.0.0.1:$RELAY_PORT"
echo "# relay: $RELAY_JAR on port $RELAY_PORT, heap $RELAY_HEAP"
java "-Xmx$RELAY_HEAP" -jar "$RELAY_JAR" --upstream="$BASE" --sdk-keys="$SDK_KEY" --port="$RELAY_PORT" \
  --data-dir="$WORK/relay" >"$WORK/relay.log" 2>&1 &
RELAY_PID=$!
for _ in $(seq 1 120); do
  [ "$(curl -s "$RELAY/health" | jq -r .status 2>/dev/null)" = UP ] && break
  kill -0 "$RELAY_PID" 2>/dev/null || { echo "relay exited:" >&2; cat "$WORK/relay.log" >&2; exit 1; }
  sleep 1
done
[ "$(curl -s "$RELAY/health" | jq -r .status)" = UP ] || { echo "relay not UP:" >&2; tail -20 "$WORK/relay.log" >&2; exit 1; }
relayed=$(curl -s -H "Authorization: Bearer $SDK_KEY" --data "$SAMPLE" "$RELAY/ofrep/v1/evaluate/flags")
direct=$(curl -s -H "Authorization: Bearer $SDK_KEY" -H 'Content-Type: application/json' --data "$SAMPLE" "$BASE/ofrep/v1/evaluate/flags")
[ "$relayed" = "$direct" ] || { echo "the relay's bulk answer differs from the server's:\n$relayed\n$direct" >&2; exit 1; }
echo "# relay up; its bulk answer equals the server's ($(printf '%s' "$relayed" | wc -c) bytes)"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${SKIP_WRK:-0}" != 1 ]; then
  : >"$WORK/results"
  for target in server relay; do
    url=$BASE; [ $target = relay ] && url=$RELAY
    wrk "-t$THREADS" "-c$CONNECTIONS" "-d$WARMUP" -s "$HERE/post.lua" "$url/ofrep/v1/evaluate/flags" >/dev/null
  done
  for target in server relay; do
    url=$BASE; [ $target = relay ] && url=$RELAY
    echo
    echo "## bulk OFREP, $target: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/post.lua (load $(cut -d' ' -f1-3 /proc/loadavg))"
    wrk "-t$THREADS" "-c$CONNECTIONS" "-d$DURATION" --latency -s "$HERE/post.lua" "$url/ofrep/v1/evaluate/flags" | tee "$WORK/$target.out"
    grep '^RESULT' "$WORK/$target.out" | sed "s/^RESULT/RESULT $target/" >>"$WORK/results"
  done
  echo
  awk '{ for (i = 3; i <= NF; i++) { split($i, kv, "="); v[$2, kv[1]] = kv[2] } }
    END {
      for (t = 1; t <= 2; t++) { name = t == 1 ? "server" : "relay"
        printf "%-7s rps %9.1f  p50 %7.3f ms  p99 %7.3f ms  non-2xx %d  socket errors %d\n", name, v[name, "rps"],
          v[name, "p50_us"] / 1000, v[name, "p99_us"] / 1000, v[name, "errors_status"], v[name, "errors_other"] }
      printf "relay / server: rps %.3f, p50 %.2fx, p99 %.2fx\n", v["relay", "rps"] / v["server", "rps"],
        v["relay", "p50_us"] / v["server", "p50_us"], v["relay", "p99_us"] / v["server", "p99_us"]
    }' "$WORK/results"
  echo "# relay RSS $(awk '/VmRSS/ { print $2 / 1024 " MB" }' "/proc/$RELAY_PID/status"), server RSS $(awk '/VmRSS/ { print $2 / 1024 " MB" }' "/proc/$SERVER_PID/status")"
fi

if [ "${SKIP_STREAMS:-0}" != 1 ]; then
  echo
  echo "## $STREAMS streams on one relay (-Xmx$RELAY_HEAP), $TOGGLES changes (load $(cut -d' ' -f1-3 /proc/loadavg))"
  java -Xmx1g -cp "$BENCH_JAR" dev.flagledger.bench.http.RelayFanOut "$RELAY" "$SDK_KEY" "$BASE" "$PASSWORD" "$P" flag-02 \
    "$STREAMS" "$TOGGLES" "$RELAY_PID"
  echo "# relay threads $(ls "/proc/$RELAY_PID/task" | wc -l), RSS $(awk '/VmRSS/ { print $2 / 1024 " MB" }' "/proc/$RELAY_PID/status"), open streams $(curl -s "$RELAY/health" | jq .streams.open), load $(cut -d' ' -f1-3 /proc/loadavg)"
fi
