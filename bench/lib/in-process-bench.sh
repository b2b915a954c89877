#!/bin/sh
# Runs one of the server's in-process benchmarks (server/src/test/.../bench) in one JVM with a 512 MB heap,
# against one store: builds the server's test classes first (no install) and writes their classpath to
# server/target. audit-bench.sh and experiments-bench.sh name the class and pass on their arguments.
#   bench/lib/in-process-bench.sh CLASS h2|postgres [-Dname=value ...]
set -eu
cd "$(dirname "$0")/../.."
class=$1
shift
store=${1:-h2}
[ $# -gt 0 ] && shift
mvn -B -q -Dui.skip=true -Dnode.it.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/server/target/bench-classpath.txt" -Dmdep.includeScope=test -pl server -am
exec java -Xmx512m -Dstore="$store" "$@" \
  -cp "server/target/test-classes:server/target/classes:$(cat server/target/bench-classpath.txt)" \
  "dev.flagledger.server.bench.$class"
