#!/usr/bin/env bash
# Make sure the system tools the tests drive are on this machine, from Debian's packages (test
# tools' own browser downloads cannot reach their hosts here): headless Chromium for the HTML
# pages, and poppler-utils (pdftotext, pdftoppm, pdfinfo, pdffonts) for the printed plan.
# Prints Chromium's path for the browser tests:
#   RUNLIFT_TEST_CHROMIUM=/usr/bin/chromium
# Exits non-zero with a reason when something cannot be installed.
set -euo pipefail
chromium=""
for candidate in "${RUNLIFT_TEST_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    chromium="$candidate"
    break
  fi
done
missing=()
[ -n "$chromium" ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
    echo "test_tools.sh: missing ${missing[*]}, and apt-get as root is not available" >&2
    exit 3
  fi
  {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >&2
  chromium="${chromium:-/usr/bin/chromium}"
fi
echo "$chromium"
