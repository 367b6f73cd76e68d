#!/usr/bin/env bash
# Refresh uv.lock and the pip fallback's requirement locks after changing pyproject.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
uv lock
uv export --frozen --no-dev --no-emit-project --quiet -o requirements.lock
uv export --frozen --extra form --no-emit-project --quiet -o requirements-dev.lock
