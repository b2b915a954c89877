#!/usr/bin/env bash
# Change-to-client propagation over the SDK stream (issue 9): STREAMS open `/sdk/v1/stream`
# connections to the real server jar, then TOGGLES toggles of one flag through GraphQL, one after
# another; for each, the time from sending the mutation to every stream's patch for that flag
# (SsePropagation in bench/, one process and one clock). Reports p50/p90/p99/p99.9/max over all
# (stream, toggle) samples, the median time until the last stream had it, and the mutation's own
# round trip as the same-run peer (the write path the change must pass before it can propagate).
#
#   mvn -B -q -Dui.skip=true package -DskipTests -pl server,bench -am
#   bench/sse-propagation.sh [server jar]
#
# Environment: STREAMS (1000), TOGGLES (30), FLAGS (20), HEAP (512m), SERVER_JAVA_OPTS (-XX:+UseZGC, the
# container image's collector; SERVER_JAVA_OPTS= for the JVM's default G1), CLIENT_JAVA_OPTS
# (-Dper.toggle=true prints each toggle's ack, first and last stream; -Dwarmup.writes=0 a cold server).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${1:-$HERE/../server/target/flagledger-server.jar}
BENCH_JAR=$HERE/target/benchmarks.jar
STREAMS=${STREAMS:-1000}
TOGGLES=${TOGGLES:-30}
FLAGS=${FLAGS:-20}
HEAP=${HEAP:-512m}
# The server's container image runs ZGC (compose/Dockerfile, docs/deploy.md "JVM"); measure what ships.
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS--XX:+UseZGC}
[ -f "$BENCH_JAR" ] || { echo "no $BENCH_JAR; build it first (see the header)" >&2; exit 2; }
EXTRA_TOOLS=
. "$HERE/lib/seeded-server.sh"

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), server options: ${SERVER_JAVA_OPTS:-none}"
java -Xmx256m ${CLIENT_JAVA_OPTS:-} -cp "$BENCH_JAR" dev.flagledger.bench.http.SsePropagation \
  "$BASE" "$SDK_KEY" "$PASSWORD" "$P" flag-02 "$STREAMS" "$TOGGLES"
echo "# server threads $(ls "/proc/$SERVER_PID/task" | wc -l), RSS $(awk '/VmRSS/ { print $2 / 1024 " MB" }' "/proc/$SERVER_PID/status"), load $(cut -d' ' -f1-3 /proc/loadavg)"
