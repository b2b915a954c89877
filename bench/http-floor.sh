#!/usr/bin/env bash
# The machine's floor for the OFREP latency target (issue 9, acceptance 3): nginx (Debian's, one worker
# per core) answering a constant 2 KB JSON body, the size of a 20-flag bulk OFREP answer, with no
# application behind it, measured by the same wrk steps as bench/ofrep-scale.sh. Whatever p99 nginx
# shows at the concurrency where its throughput peaks is what any server on this machine, sharing its
# cores with wrk, can at best show there.
#
#   bench/http-floor.sh
#
# Environment: CONCURRENCY ("1 2 4 8 16 32 64"), DURATION (10s), WARMUP (10s).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
CONCURRENCY=${CONCURRENCY:-1 2 4 8 16 32 64}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-10s}
for tool in nginx wrk python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install -y nginx wrk)" >&2; exit 2; }
done
WORK=$(mktemp -d /tmp/flagledger-floor.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap '[ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null; rm -rf "$WORK"' EXIT
python3 -c 'import json; print(json.dumps({"flags": [{"key": "flag-%02d" % i, "value": "control", "reason": "SPLIT", "variant": "control", "metadata": {"flagVersion": 2}} for i in range(1, 21)]})[:1947])' >"$WORK/bulk.json"
cat >"$WORK/nginx.conf" <<CONF
worker_processes $(nproc);
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/body;
  proxy_temp_path $WORK/proxy; fastcgi_temp_path $WORK/fcgi; uwsgi_temp_path $WORK/uwsgi; scgi_temp_path $WORK/scgi;
  server {
    listen 127.0.0.1:$PORT;
    location / { default_type application/json; alias $WORK/bulk.json; }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK"
sleep 1
URL="http://127.0.0.1:$PORT/bulk"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); nginx $(nginx -v 2>&1 | cut -d/ -f2), $(stat -c %s "$WORK/bulk.json") B body"
wrk -t2 -c16 "-d$WARMUP" -s "$HERE/get.lua" "$URL" >/dev/null
echo "| connections | requests/s | p50 ms | p99 ms | p99.9 ms | load |"
echo "|---:|---:|---:|---:|---:|---:|"
best=0; at=; p99_at=
for c in $CONCURRENCY; do
  threads=$(( c < 2 ? 1 : 2 ))
  line=$(wrk "-t$threads" "-c$c" "-d$DURATION" --latency -s "$HERE/get.lua" "$URL" | grep '^RESULT')
  eval "$(echo "${line#RESULT }" | tr ' ' '\n' | grep -E '^(rps|p50_us|p99_us|p999_us)=')"
  printf '| %s | %.0f | %.3f | %.3f | %.3f | %s |\n' "$c" "$rps" "$(echo "$p50_us/1000" | bc -l)" \
    "$(echo "$p99_us/1000" | bc -l)" "$(echo "$p999_us/1000" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
  if [ "$(echo "$rps > $best" | bc -l)" = 1 ]; then best=$rps; at=$c; p99_at=$p99_us; fi
done
printf '\nnginx peaks at %s connections (%.0f requests/s) with p99 %.3f ms.\n' "$at" "$best" "$(echo "$p99_at/1000" | bc -l)"
