#!/usr/bin/env bash
# Browser tests drive Debian's chromium through playwright-core; we never download a browser.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
exec "$(dirname "$0")/apt-install.sh" chromium "chromium" "The browser tests need Debian's chromium at /usr/bin/chromium."
