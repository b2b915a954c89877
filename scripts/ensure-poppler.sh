#!/usr/bin/env bash
# The compliance report test renders its PDF with pdftoppm (Debian's poppler-utils); install it when missing.
set -euo pipefail
if command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null; then exit 0; fi
exec "$(dirname "$0")/apt-install.sh" poppler-utils "pdftoppm" "The compliance report test needs pdftoppm and pdftotext."
