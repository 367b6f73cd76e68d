#!/usr/bin/env bash
# Make sure a headless Chromium is on this machine (Debian's package; test tools' own browser
# downloads cannot reach their hosts here) and print its path for the browser tests:
#   RUNLIFT_TEST_CHROMIUM=/usr/bin/chromium
# Exits non-zero with a reason when none can be installed.
set -euo pipefail
for candidate in "${RUNLIFT_TEST_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "$candidate"
    exit 0
  fi
done
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "browser.sh: no Chromium, and apt-get as root is not available to install one" >&2
  exit 3
fi
{
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
} >&2
echo /usr/bin/chromium
