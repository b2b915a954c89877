# Sourced by the HTTP benchmarks (ofrep-wrk.sh, ofrep-scale.sh, sse-propagation.sh): starts the real
# server jar on a free port in a temp dir (H2 file store, the embedded default), creates through
# GraphQL a project, the segment beta-testers, FLAGS flags (half boolean, half string) switched on in
# production with the same 5 rules and fallthrough rollout as the JMH flag, and a SERVER SDK key
# (exported as SDK_KEY); waits until bulk evaluation serves every flag. The server is stopped and its
# directory removed on exit.
#   in:  JAR HEAP FLAGS SERVER_JAVA_OPTS HERE
#   out: BASE PORT PASSWORD SERVER_PID WORK SDK_KEY P (project key) SAMPLE (a context body)
for tool in java curl jq python3 $EXTRA_TOOLS; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (wrk: apt-get install -y wrk)" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "no server jar at $JAR; build it first (see the header)" >&2; exit 2; }
JAR=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")

WORK=$(mktemp -d /tmp/flagledger-wrk.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PASSWORD="bench-$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
BASE="http://127.0.0.1:$PORT"
SERVER_PID=

stop() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT TERM

# One key drives all the load: keep the per-key limiter (5 000 rps by default) in the request path,
# but set it so high that it never answers 429; wrk counts any non-2xx anyway.
echo "# server: $JAR on port $PORT, heap $HEAP, home $WORK"
(cd "$WORK" && FLAGLEDGER_ADMIN_PASSWORD="$PASSWORD" PORT="$PORT" exec java "-Xmx$HEAP" $SERVER_JAVA_OPTS -jar "$JAR" \
  --flagledger.sdk.rate-limit.requests-per-second=1000000 --flagledger.sdk.rate-limit.burst=1000000 \
  >"$WORK/server.log" 2>&1) &
SERVER_PID=$!

started=$(date +%s)
until curl -sf "$BASE/actuator/health" 2>/dev/null | grep -q '"UP"'; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null || [ $(( $(date +%s) - started )) -gt 180 ]; then
    echo "server did not come up; log:" >&2; tail -50 "$WORK/server.log" >&2; exit 1
  fi
  sleep 1
done
echo "# server up after $(( $(date +%s) - started )) s"

# One GraphQL request; fails the script on HTTP or GraphQL errors. $1 document, $2 variables JSON.
gql() {
  local body response
  body=$(jq -cn --arg q "$1" --argjson v "${2:-{\}}" '{query: $q, variables: $v}')
  response=$(curl -sS -u "admin:$PASSWORD" -H 'Content-Type: application/json' --data "$body" "$BASE/graphql")
  if [ "$(jq 'has("errors")' <<<"$response")" != "false" ]; then
    echo "GraphQL error: $response" >&2; exit 1
  fi
  printf '%s' "$response"
}

P=bench
gql 'mutation($i: CreateProjectInput!) { createProject(input: $i) { project { key } } }' \
  "{\"i\": {\"key\": \"$P\", \"name\": \"Benchmark\", \"reason\": \"wrk\"}}" >/dev/null

included=$(jq -cn '[range(0; 200) | "user-0-\(. * 37)"]')
gql 'mutation($i: CreateSegmentInput!) { createSegment(input: $i) { segment { key } } }' "$(jq -cn \
  --arg p "$P" --argjson inc "$included" '{i: {projectKey: $p, key: "beta-testers", name: "Beta testers",
    included: $inc, excluded: ["user-1-37"], reason: "wrk",
    rules: [{id: "young-pro", clauses: [
      {attribute: "account.plan", operator: "equals", values: ["pro"]},
      {attribute: "age", operator: "lt", values: [30]}]}]}}')" >/dev/null

# Half boolean flags (on/off), half string flags with three variations; every flag gets the same
# shape of targeting as the JMH benchmark: 5 rules (string, numeric, semver, regex, inSegment with
# a rollout) and a fallthrough rollout.
for n in $(seq 1 "$FLAGS"); do
  key=$(printf 'flag-%02d' "$n")
  if [ $(( n % 2 )) -eq 0 ]; then
    create=$(jq -cn --arg p "$P" --arg k "$key" '{i: {projectKey: $p, key: $k, name: $k, valueType: "BOOLEAN", reason: "wrk"}}')
    a=on; b=off; c=on
  else
    create=$(jq -cn --arg p "$P" --arg k "$key" '{i: {projectKey: $p, key: $k, name: $k, valueType: "STRING", reason: "wrk",
      variations: [{key: "control", value: "control"}, {key: "treatment-a", value: "a"}, {key: "treatment-b", value: "b"}]}}')
    a=treatment-a; b=control; c=treatment-b
  fi
  version=$(gql 'mutation($i: CreateFlagInput!) { createFlag(input: $i) { flag { version } } }' "$create" \
    | jq '.data.createFlag.flag.version')
  version=$(gql 'mutation($i: ToggleFlagInput!) { toggleFlag(input: $i) { flag { version } } }' "$(jq -cn \
    --arg p "$P" --arg k "$key" --argjson v "$version" \
    '{i: {projectKey: $p, key: $k, environment: "production", enabled: true, expectedVersion: $v, reason: "wrk"}}')" \
    | jq '.data.toggleFlag.flag.version')
  gql 'mutation($i: SetFlagTargetingInput!) { setFlagTargeting(input: $i) { flag { version } } }' "$(jq -cn \
    --arg p "$P" --arg k "$key" --argjson v "$version" --arg a "$a" --arg b "$b" --arg c "$c" \
    '{i: {projectKey: $p, key: $k, environment: "production", expectedVersion: $v, reason: "wrk", targeting: {
      targets: [{variation: $a, keys: ["user-0-37", "user-1-74"]}],
      rules: [
        {id: "staff-nl", clauses: [{attribute: "email", operator: "endsWith", values: ["@flagledger.dev"]},
                                   {attribute: "country", operator: "in", values: ["NL", "BE", "LU"]}],
         serve: {variation: $a}},
        {id: "big-enterprise", clauses: [{attribute: "account.plan", operator: "equals", values: ["enterprise"]},
                                         {attribute: "account.seats", operator: "gte", values: [500]}],
         serve: {variation: $a}},
        {id: "old-app", clauses: [{attribute: "app.version", operator: "semverLt", values: ["2.0.0"]}],
         serve: {variation: $b}},
        {id: "mobile-safari", clauses: [
           {attribute: "userAgent", operator: "matches", values: ["^Mozilla/5\\.0 \\(iP(hone|ad);.*Safari/[0-9.]+$"]},
           {attribute: "country", operator: "in", values: ["US", "CA"], negate: true}],
         serve: {variation: $c}},
        {id: "beta", clauses: [{operator: "inSegment", values: ["beta-testers"]}],
         serve: {rollout: {weights: [{variation: $a, weight: 50000}, {variation: $c, weight: 50000}]}}}],
      fallthroughRollout: {weights: [{variation: $b, weight: 60000}, {variation: $a, weight: 30000},
                                     {variation: $c, weight: 10000}]}}}}')" >/dev/null
done

export SDK_KEY
SDK_KEY=$(gql 'mutation($i: CreateSdkKeyInput!) { createSdkKey(input: $i) { secret } }' \
  "{\"i\": {\"projectKey\": \"$P\", \"environment\": \"production\", \"kind\": \"SERVER\", \"name\": \"wrk\", \"reason\": \"wrk\"}}" \
  | jq -r '.data.createSdkKey.secret')

# The key and the snapshot arrive through projections: wait until bulk evaluation sees every flag
# with its targeting (a SPLIT or TARGETING_MATCH somewhere proves the rules are there).
SAMPLE='{"context":{"targetingKey":"user-9-1","email":"x@example.com","country":"DE","age":40,"account":{"plan":"free","seats":3},"app":{"version":"2.1.0"},"userAgent":"curl"}}'
for _ in $(seq 1 60); do
  sample=$(curl -s -H "Authorization: Bearer $SDK_KEY" -H 'Content-Type: application/json' --data "$SAMPLE" \
    "$BASE/ofrep/v1/evaluate/flags" || true)
  if [ "$(jq '[.flags[]? | select(.reason == "SPLIT")] | length' <<<"$sample" 2>/dev/null)" = "$FLAGS" ]; then
    break
  fi
  sleep 1
done
count=$(jq '[.flags[]? | select(.reason == "SPLIT")] | length' <<<"$sample")
[ "$count" = "$FLAGS" ] || { echo "bulk evaluation never served $FLAGS split flags: $sample" >&2; exit 1; }
echo "# bulk response: $FLAGS flags, $(printf '%s' "$sample" | wc -c) bytes; first: $(jq -c '.flags[0]' <<<"$sample")"

