#!/bin/sh
# The audit benchmarks of issue 4 (docs/BENCHMARKS.md, "Audit: rebuild, flagAsOf, export"):
# AuditBenchmark in one JVM with a 512 MB heap, against one store.
#   bench/audit-bench.sh h2|postgres [-Devents=1000000 -DflagEvents=10000 -Dcalls=50 -DfullCalls=10 ...]
# Builds the server's test classes first (no install) and writes their classpath to server/target.
set -eu
cd "$(dirname "$0")/.."
store=${1:-h2}
[ $# -gt 0 ] && shift
mvn -B -q -Dui.skip=true -Dnode.it.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/server/target/bench-classpath.txt" -Dmdep.includeScope=test -pl server -am
exec java -Xmx512m -Dstore="$store" "$@" \
  -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt)" \
  dev.flagledger.server.bench.AuditBenchmark
