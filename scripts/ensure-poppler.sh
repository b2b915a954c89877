#!/usr/bin/env bash
# The compliance report test renders its PDF with pdftoppm (Debian's poppler-utils); install it when missing.
set -euo pipefail
if command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "pdftoppm is missing: installing Debian's poppler-utils (apt-get install poppler-utils)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  echo "pdftoppm is missing: installing Debian's poppler-utils (sudo apt-get install poppler-utils)"
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
else
  echo "The compliance report test needs pdftoppm and pdftotext. Install them with:" >&2
  echo "    sudo apt-get install poppler-utils" >&2
  exit 1
fi
