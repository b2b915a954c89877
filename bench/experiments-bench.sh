#!/bin/sh
# The experiment benchmarks of issue 11 (docs/BENCHMARKS.md, "Experiments: ingestion and results"):
# ExperimentBenchmark in one JVM with a 512 MB heap, against one store.
#   bench/experiments-bench.sh h2|postgres [-Dingest=100000 -Dclients=2 -Dstored=10000000 -Dunits=1000000 -Dcalls=20]
set -eu
exec "$(dirname "$0")/lib/in-process-bench.sh" ExperimentBenchmark "$@"
