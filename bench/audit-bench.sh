#!/bin/sh
# The audit benchmarks of issue 4 (docs/BENCHMARKS.md, "Audit: rebuild, flagAsOf, export"):
# AuditBenchmark in one JVM with a 512 MB heap, against one store.
#   bench/audit-bench.sh h2|postgres [-Devents=1000000 -DflagEvents=10000 -Dcalls=50 -DfullCalls=10 ...]
set -eu
exec "$(dirname "$0")/lib/in-process-bench.sh" AuditBenchmark "$@"
