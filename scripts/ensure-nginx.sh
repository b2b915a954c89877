#!/usr/bin/env bash
# NginxEdgeCacheIT runs the nginx config of docs/relay.md (docs/nginx/flagledger-relay.conf) with Debian's
# nginx in front of a relay. Installs the package when it is missing; we never download nginx otherwise.
set -euo pipefail
if [ -x /usr/sbin/nginx ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "nginx is missing: installing Debian's package (apt-get install nginx)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  echo "nginx is missing: installing Debian's package (sudo apt-get install nginx)"
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
else
  echo "The relay's edge-cache test needs Debian's nginx at /usr/sbin/nginx. Install it with:" >&2
  echo "    sudo apt-get install nginx" >&2
  exit 1
fi
