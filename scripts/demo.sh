#!/usr/bin/env bash
# Set up runlift and print the sample runner's plan (the README's first Quickstart command).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/runlift plan examples/sample-runner.toml "$@"
