#!/bin/sh
# The experiment benchmarks of issue 11 (docs/BENCHMARKS.md, "Experiments: ingestion and results"):
# ExperimentBenchmark in one JVM with a 512 MB heap, against one store.
#   bench/experiments-bench.sh h2|postgres [-Dingest=100000 -Dclients=2 -Dstored=10000000 -Dunits=1000000 -Dcalls=20]
# Builds the server's test classes first (no install) and writes their classpath to server/target.
set -eu
cd "$(dirname "$0")/.."
store=${1:-h2}
[ $# -gt 0 ] && shift
mvn -B -q -Dui.skip=true -Dnode.it.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/server/target/bench-classpath.txt" -Dmdep.includeScope=test -pl server -am
exec java -Xmx512m -Dstore="$store" "$@" \
  -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt)" \
  dev.flagledger.server.bench.ExperimentBenchmark
