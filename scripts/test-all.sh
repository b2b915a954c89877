#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this file and nothing else):
#   - every Maven module's unit tests and integration tests (H2, embedded PostgreSQL, the built jar),
#     and `docker compose config` of compose/*.yml (installs Debian's docker-compose when missing),
#   - the admin UI's unit tests and its browser tests against the built jar,
#   - the TypeScript SDK (sdk/): spec vectors, the Java cross-check, providers against the built jar
#     (Node, also through the relay jar, and chromium), fault tests, and the 15 kB browser bundle budget,
#   - the relay (relay-it/): relay and server jars together, and nginx in front (installs Debian's nginx).
# Needs JDK 17+, Maven, Node 20; installs Debian's chromium for the browser tests when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/ensure-chromium.sh
scripts/ensure-docker-compose.sh
scripts/ensure-nginx.sh
scripts/ensure-poppler.sh

# -Dstyle.color=never keeps CI logs readable; failures stop the script (set -e).
mvn -B -Dstyle.color=never verify

# The admin UI's tests and the SDK's tests do not depend on each other (each starts its own jars on free
# ports in temp directories, and each is mostly one busy thread at a time): they run side by side, every
# line prefixed with its side. If either fails, the script fails, after both have ended.
admin_ui_tests() {
  cd admin-ui
  npm test
  FLAGLEDGER_JAR="$PWD/../server/target/flagledger-server.jar" npm run test:e2e
}
# The SDK's cross-check reads evaluation/target/cross-check/java-results.json, which the Maven run
# above writes (CrossCheckFixtureTest); its jar tests start server/target/flagledger-server.jar.
sdk_tests() {
  cd sdk
  npm ci --no-audit --no-fund
  FLAGLEDGER_JAR="$PWD/../server/target/flagledger-server.jar" \
    FLAGLEDGER_RELAY_JAR="$PWD/../relay/target/flagledger-relay.jar" npm test
}
side() { # side NAME FUNCTION: runs FUNCTION in a subshell with set -e, its output prefixed with [NAME]
  ( set -euo pipefail; ( set -e; "$2" ) 2>&1 | sed -u "s/^/[$1] /" )
}
pids=()
if [ -f admin-ui/package.json ]; then
  side admin-ui admin_ui_tests & pids+=($!)
fi
side sdk sdk_tests & pids+=($!)
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
if [ "$failed" -ne 0 ]; then echo "test-all: the admin UI or SDK tests failed (see the [admin-ui] and [sdk] lines above)"; exit 1; fi
