#!/usr/bin/env bash
# Lint, format check and type check: ruff, ruff format --check, mypy (strict on the core).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
.venv/bin/mypy
