#!/usr/bin/env bash
# Set up runlift with its development tools and run the whole test suite
# (the README's second Quickstart command; CI runs it too). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/python -m pytest "$@"
