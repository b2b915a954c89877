#!/usr/bin/env bash
# Our evaluation engine next to the peers' own Java evaluators (flagd in-process, Unleash, LaunchDarkly)
# in one JMH run (PeerComparisonBenchmark, issue 9), with JMH's GC profiler for bytes per operation.
#
#   bench/jmh.sh                       # the short default: 8 x 1 s warm-up, 5 x 1 s measured, 1 fork per pair (~4 min)
#   bench/jmh.sh -wi 15 -i 10 -f 2     # longer: any JMH options are passed through
#   JMH_SKIP_BUILD=1 bench/jmh.sh      # reuse bench/target/benchmarks.jar
#   JMH_CPU=0 bench/jmh.sh             # skip the CPU-time cross-check (PeerCpuTime) after JMH
#
# Writes bench/target/jmh-peers.json (JMH's own JSON), bench/target/jmh-peers.md (the table of
# docs/BENCHMARKS.md, with date, JDK, cores and the load average sampled during the run) and
# bench/target/jmh-peers.log. Not part of the test suite (bench/run.sh calls it).
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/target

if [ -z "${JMH_SKIP_BUILD:-}" ]; then
  mvn -B -q -Dstyle.color=never -DskipTests package -pl bench -am
fi

# The machine may be shared: sample the load average every 5 s while JMH runs.
loads="$out/jmh-peers.load"
: > "$loads"
( while true; do cut -d' ' -f1 /proc/loadavg >> "$loads"; sleep 5; done ) &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

started="$(date -u '+%Y-%m-%d %H:%M UTC')"
java -Xmx256m -jar "$out/benchmarks.jar" PeerComparisonBenchmark -prof gc \
  -rf json -rff "$out/jmh-peers.json" "$@" | tee "$out/jmh-peers.log"

# On a loaded machine JMH's wall-clock warm-up gives each fork little CPU: cross-check the 5-rule
# workload in CPU time per evaluation, one JVM per engine, after a warm-up of 4 s of CPU.
cpu=""
if [ "${JMH_CPU:-1}" != "0" ]; then
  for engine in flagledger flagd unleash launchdarkly flagledger-openfeature flagd-openfeature; do
    cpu+="$(java -Xmx512m -cp "$out/benchmarks.jar" dev.flagledger.bench.peers.PeerCpuTime "$engine" 2>/dev/null | grep cpu-ns)"$'\n'
  done
fi
ended="$(date -u '+%H:%M UTC')"
kill "$sampler" 2>/dev/null || true

load="$(sort -n "$loads" | awk '{a[NR]=$1; s+=$1} END {if (NR) printf "min %.2f, median %.2f, max %.2f (%d samples)", a[1], a[int((NR+1)/2)], a[NR], NR; else print "not sampled"}')"
jdk="$(java -version 2>&1 | head -1)"
java -cp "$out/benchmarks.jar" dev.flagledger.bench.peers.PeerTable "$out/jmh-peers.json" \
  "Run $started – $ended; $(nproc) cores; $jdk; load average during the run: $load." \
  "Command: \`bench/jmh.sh $*\`" > "$out/jmh-peers.md"
if [ -n "$cpu" ]; then
  printf '\nCPU time per 5-rule evaluation (PeerCpuTime, thread CPU time, median of 9 rounds):\n\n```\n%s```\n' "$cpu" >> "$out/jmh-peers.md"
fi
cat "$out/jmh-peers.md"
