#!/usr/bin/env bash
# NginxEdgeCacheIT runs the nginx config of docs/relay.md (docs/nginx/flagledger-relay.conf) with Debian's
# nginx in front of a relay. Installs the package when it is missing; we never download nginx otherwise.
set -euo pipefail
if [ -x /usr/sbin/nginx ]; then exit 0; fi
exec "$(dirname "$0")/apt-install.sh" nginx "nginx" "The relay's edge-cache test needs Debian's nginx at /usr/sbin/nginx."
