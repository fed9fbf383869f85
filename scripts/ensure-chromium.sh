#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when it is missing and this user may
# (root with apt-get, as on the project's machines and CI); otherwise say how.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium: sudo apt-get install -y chromium (or set CHROMIUM_PATH)." >&2
exit 1
