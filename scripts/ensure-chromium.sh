#!/usr/bin/env bash
# Browser tests drive Debian's chromium through playwright-core; we never download a browser.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "chromium is missing: installing Debian's package (apt-get install chromium)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  echo "chromium is missing: installing Debian's package (sudo apt-get install chromium)"
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need Debian's chromium at /usr/bin/chromium. Install it with:" >&2
  echo "    sudo apt-get install chromium" >&2
  exit 1
fi
