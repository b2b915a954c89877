#!/usr/bin/env bash
# Every benchmark of docs/BENCHMARKS.md, one after another, from a clean build; each writes its own
# output under bench/target/ (and prints it). Not part of the test suite. Needs JDK 17+, Maven,
# Node 20, wrk (apt-get install -y wrk) and jq. Takes about 40 minutes on 2 cores.
#
#   bench/run.sh              # all of it
#   bench/run.sh ofrep sse    # only some: jmh, evaluation, ofrep, sse, toggles, audit, sdk, relay
set -euo pipefail
cd "$(dirname "$0")/.."
parts=${*:-jmh evaluation ofrep sse toggles audit sdk relay}
mkdir -p bench/target
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

# install, not package: the toggle benchmark runs with exec:java on the server module alone.
mvn -B -q -Dstyle.color=never -Dnode.it.skip=true -DskipTests install -pl server,relay,bench -am
for part in $parts; do
  echo "=== $part ($(date -u '+%H:%M:%S UTC'), load $(cut -d' ' -f1-3 /proc/loadavg))"
  case $part in
    jmh)        JMH_SKIP_BUILD=1 bench/jmh.sh ;;                       # ours vs flagd, Unleash, LaunchDarkly
    evaluation) java -Xmx256m -jar bench/target/benchmarks.jar EvaluationBenchmark -prof gc \
                  | tee bench/target/jmh-evaluation.log ;;
    ofrep)      OUT=bench/target/ofrep-scale.md bench/ofrep-scale.sh
                CONTEXTS=1 CONCURRENCY="1 8 16 32" OUT=bench/target/ofrep-scale-one-context.md bench/ofrep-scale.sh ;;
    sse)        bench/sse-propagation.sh | tee bench/target/sse-propagation.log ;;
    toggles)    mvn -B -q -pl server exec:java -Dui.skip=true -Dexec.classpathScope=test \
                  -Dexec.mainClass=dev.flagledger.server.bench.ToggleThroughputBenchmark \
                  -Dflagledger.jar=server/target/flagledger-server.jar -Dwarmup=30 | tee bench/target/toggles.log ;;
    audit)      bench/audit-bench.sh h2 | tee bench/target/audit-h2.log
                bench/audit-bench.sh postgres | tee bench/target/audit-postgres.log ;;
    relay)      bench/relay.sh | tee bench/target/relay.log ;;               # relay vs server, 10 000 streams
    sdk)        (cd sdk && npm ci --no-audit --no-fund && npm run bench) | tee bench/target/sdk-bench.log ;;
    *)          echo "unknown part: $part" >&2; exit 2 ;;
  esac
done
