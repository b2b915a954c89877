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

if [ -f admin-ui/package.json ]; then
  (cd admin-ui && npm test)
  (cd admin-ui && FLAGLEDGER_JAR="$PWD/../server/target/flagledger-server.jar" npm run test:e2e)
fi

# The SDK's cross-check reads evaluation/target/cross-check/java-results.json, which the Maven run
# above writes (CrossCheckFixtureTest); its jar tests start server/target/flagledger-server.jar.
(cd sdk && npm ci --no-audit --no-fund && FLAGLEDGER_JAR="$PWD/../server/target/flagledger-server.jar" \
  FLAGLEDGER_RELAY_JAR="$PWD/../relay/target/flagledger-relay.jar" npm test)
