#!/usr/bin/env bash
# OFREP at rising concurrency (issue 9): bulk (`POST /ofrep/v1/evaluate/flags`, FLAGS flags) and
# single-flag (`POST /ofrep/v1/evaluate/flags/flag-01`) evaluation, with `GET /actuator/health/liveness`
# as the same-run peer, each at CONCURRENCY connections in turn, against the real server jar. Per step:
# requests/s, p50, p99, p99.9 (wrk --latency), the server's CPU (from /proc, % of one core) and heap in
# use after the step (jstat). Then the concurrency where bulk throughput peaks and its p99.
#
#   mvn -B -q -Dui.skip=true package -DskipTests -pl server -am
#   bench/ofrep-scale.sh [server jar]
#
# Environment: CONCURRENCY ("1 2 4 8 16 32 64"), DURATION (10s), WARMUP (10s), FLAGS (20), HEAP (512m),
# SERVER_JAVA_OPTS, CONTEXTS (1024 distinct contexts per wrk thread; 1 = every request the same context,
# the bulk-cache hit case), OUT (a file for the summary table, default bench/target/ofrep-scale.md).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${1:-$HERE/../server/target/flagledger-server.jar}
CONCURRENCY=${CONCURRENCY:-1 2 4 8 16 32 64}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
FLAGS=${FLAGS:-20}
HEAP=${HEAP:-512m}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
export CONTEXTS=${CONTEXTS:-1024}
OUT=${OUT:-$HERE/target/ofrep-scale.md}
EXTRA_TOOLS="wrk jstat"
. "$HERE/lib/seeded-server.sh"

TICKS=$(getconf CLK_TCK)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
heap_mb() { jstat -gc "$SERVER_PID" | awk 'NR == 2 { printf "%.1f", ($3 + $4 + $6 + $8) / 1024 }'; }

BULK=(-s "$HERE/post.lua" "$BASE/ofrep/v1/evaluate/flags")
SINGLE=(-s "$HERE/post.lua" "$BASE/ofrep/v1/evaluate/flags/flag-01")
LIVENESS=(-s "$HERE/get.lua" "$BASE/actuator/health/liveness")

echo "# warm-up: $WARMUP per endpoint at -c16, not reported"
for target in BULK SINGLE LIVENESS; do
  declare -n args=$target
  wrk -t2 -c16 "-d$WARMUP" "${args[@]}" >/dev/null
done

: >"$WORK/steps"
for c in $CONCURRENCY; do
  for target in LIVENESS BULK SINGLE; do
    declare -n args=$target
    threads=$(( c < 2 ? 1 : 2 ))
    before=$(cpu_ticks); started=$(date +%s.%N)
    line=$(wrk "-t$threads" "-c$c" "-d$DURATION" --latency "${args[@]}" | grep '^RESULT')
    elapsed=$(echo "$(date +%s.%N) - $started" | bc -l)
    cpu=$(echo "($(cpu_ticks) - $before) / $TICKS / $elapsed * 100" | bc -l)
    printf '%s c=%s %s cpu_pct=%.0f heap_mb=%s load=%s\n' "$target" "$c" "${line#RESULT }" "$cpu" "$(heap_mb)" \
      "$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$WORK/steps"
  done
done

mkdir -p "$(dirname "$OUT")"
{
  echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1), $FLAGS flags per bulk answer,"
  echo "CONTEXTS=$CONTEXTS per wrk thread, $DURATION per step, server heap $HEAP; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| endpoint | connections | requests/s | p50 ms | p99 ms | p99.9 ms | vs liveness rps | server CPU % | heap MB | load |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      key = $1 "|" v["c"]; rps[key] = v["rps"]; row[NR] = $1 "|" v["c"]
      p50[key] = v["p50_us"] / 1000; p99[key] = v["p99_us"] / 1000; p999[key] = v["p999_us"] / 1000
      cpu[key] = v["cpu_pct"]; heap[key] = v["heap_mb"]; load[key] = v["load"] }
    END {
      names["LIVENESS"] = "liveness (peer)"; names["BULK"] = "bulk OFREP"; names["SINGLE"] = "single-flag OFREP"
      for (r = 1; r <= NR; r++) {
        split(row[r], parts, "|"); peer = "LIVENESS|" parts[2]
        ratio = rps[peer] > 0 ? sprintf("%.2f", rps[row[r]] / rps[peer]) : "-"
        printf "| %s | %s | %.0f | %.3f | %.3f | %.3f | %s | %s | %s | %s |\n", names[parts[1]], parts[2], rps[row[r]],
          p50[row[r]], p99[row[r]], p999[row[r]], ratio, cpu[row[r]], heap[row[r]], load[row[r]]
        if (parts[1] == "BULK" && rps[row[r]] > best) { best = rps[row[r]]; at = parts[2] }
      }
      printf "\nBulk OFREP throughput peaks at %s connections (%.0f requests/s) with p99 %.3f ms: target p99 < 2 ms %s.\n",
        at, best, p99["BULK|" at], p99["BULK|" at] < 2 ? "met" : "MISSED"
    }' "$WORK/steps"
} | tee "$OUT"
