#!/usr/bin/env bash
# ComposeConfigTest validates compose/*.yml with `docker compose config` (the v2 plugin) or Debian's
# docker-compose 1.29; neither needs a Docker engine. Installs Debian's package when both are missing.
set -euo pipefail
if docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null; then exit 0; fi
exec "$(dirname "$0")/apt-install.sh" docker-compose "docker compose" "The compose tests need 'docker compose' or 'docker-compose'."
