#!/usr/bin/env bash
# Set up runlift with its development tools and run the whole test suite
# (the README's second Quickstart command; CI runs it too). Extra arguments go to pytest.
# The storage tests run against SQLite and against this machine's PostgreSQL, which this script
# starts; without a PostgreSQL server they are skipped, except in CI (CI=true), where they fail.
# The browser and PDF tests use Debian's Chromium and poppler-utils, which scripts/test_tools.sh
# installs when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
if url=$(bash scripts/postgres.sh); then
  export RUNLIFT_TEST_POSTGRES_URL="${url##*$'\n'}"  # the last line, should anything else leak
else
  echo "test.sh: PostgreSQL is not available; its tests will be skipped" >&2
fi
if browser=$(bash scripts/test_tools.sh); then
  export RUNLIFT_TEST_CHROMIUM="${browser##*$'\n'}"
else
  echo "test.sh: Chromium or poppler-utils missing; their tests will be skipped" >&2
fi
.venv/bin/python -m pytest "$@"
