#!/usr/bin/env bash
# Start-up to healthy of two builds of the server jar, alternately, three rounds: bench/startup-ab.sh <worktree-a> <worktree-b>
# (each with server/target/flagledger-server.jar built; a fresh ./data each start).
for round in 1 2 3; do
 for v in "$1" "$2"; do
  d=$(mktemp -d); cd $d
  port=$((18000 + RANDOM % 1000))
  s=$(date +%s%N)
  FLAGLEDGER_ADMIN_PASSWORD=pw java -Xmx384m -jar $v/server/target/flagledger-server.jar --server.port=$port > $d/log 2>&1 &
  pid=$!
  until curl -sf localhost:$port/actuator/health >/dev/null 2>&1; do sleep 0.2; done
  e=$(date +%s%N)
  echo "$v round $round healthy_ms $(( (e - s)/1000000 )) $(grep -oE 'Started [A-Za-z]+ in [0-9.]+' $d/log)"
  kill $pid; wait $pid 2>/dev/null; cd /; rm -rf $d
 done
done
