#!/usr/bin/env bash
# Set up runlift in ./.venv on a machine with only Python 3.11+ and bash.
# Usage: scripts/setup.sh [--dev]   (--dev adds the test and lint tools)
# It uses uv with uv.lock when uv can be installed, and falls back to pip with the exported
# requirements lock; both resolve exactly the locked versions. RUNLIFT_NO_UV=1 forces the pip path.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0
[ "${1:-}" = "--dev" ] && dev=1

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
  echo "runlift needs Python 3.11 or newer; $python is $("$python" --version 2>&1)" >&2; exit 1; }

uv_bin=""
if [ -n "${RUNLIFT_NO_UV:-}" ]; then
  :  # force the pip fallback (used to test it)
elif command -v uv >/dev/null 2>&1; then
  uv_bin=$(command -v uv)
else
  if [ ! -x .tools/bin/uv ]; then
    "$python" -m venv .tools >/dev/null && .tools/bin/python -m pip install -q uv >/dev/null 2>&1 || true
  fi
  [ -x .tools/bin/uv ] && uv_bin=.tools/bin/uv
fi

if [ -n "$uv_bin" ]; then
  if [ $dev = 1 ]; then
    "$uv_bin" sync --frozen --quiet --extra form --python "$python"  # the form check too
  else
    "$uv_bin" sync --frozen --quiet --no-dev --inexact --python "$python"  # keeps dev tools
  fi
else
  echo "uv is not available; installing with pip from the requirements lock" >&2
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  lock=requirements.lock
  [ $dev = 1 ] && lock=requirements-dev.lock
  # --no-deps: the lock is complete, and leaves out what pyproject's uv overrides drop.
  .venv/bin/python -m pip install -q --no-deps -r "$lock"
  .venv/bin/python -m pip install -q --no-deps -e .
fi
