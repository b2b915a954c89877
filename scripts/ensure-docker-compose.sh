#!/usr/bin/env bash
# ComposeConfigTest validates compose/*.yml with `docker compose config` (the v2 plugin) or Debian's
# docker-compose 1.29; neither needs a Docker engine. Installs Debian's package when both are missing.
set -euo pipefail
if docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "docker compose is missing: installing Debian's package (apt-get install docker-compose)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  echo "docker compose is missing: installing Debian's package (sudo apt-get install docker-compose)"
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
else
  echo "The compose tests need 'docker compose' or 'docker-compose'. Install one, for example:" >&2
  echo "    sudo apt-get install docker-compose" >&2
  exit 1
fi
