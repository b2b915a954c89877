#!/usr/bin/env bash
# Installs a Debian package a test needs (the ensure-*.sh scripts call it once they found it missing):
# with apt-get as root, with sudo when it asks no password, otherwise it says what to install and fails.
# Usage: apt-install.sh PACKAGE MISSING NEEDED-BY
#   MISSING names what is not there ("nginx"); NEEDED-BY says who needs it, as a sentence.
set -euo pipefail
package=$1 missing=$2 needed_by=$3
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "$missing is missing: installing Debian's $package (apt-get install $package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  echo "$missing is missing: installing Debian's $package (sudo apt-get install $package)"
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
else
  echo "$needed_by Install it with:" >&2
  echo "    sudo apt-get install $package" >&2
  exit 1
fi
