#!/usr/bin/env bash
# Start this machine's PostgreSQL cluster (installed but stopped) and make a role for the tests.
# Prints the admin URL the tests use to create a fresh database per test module:
#   RUNLIFT_TEST_POSTGRES_URL=postgresql+psycopg://runlift:runlift@127.0.0.1:PORT/postgres
# Exits non-zero with a reason when no PostgreSQL server is installed.
set -euo pipefail
ver=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 || true)
if [ -z "$ver" ] || [ ! -x "/usr/lib/postgresql/$ver/bin/postgres" ]; then
  echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql" >&2
  exit 3
fi
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$ver main$"; then
  pg_createcluster "$ver" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $4}' | grep -q online; then
  # Its chatter (such as "Removed stale pid file.") goes to stderr: callers capture stdout.
  pg_ctlcluster "$ver" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$ver" '$1==v && $2=="main" {print $3}')
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
psql_admin() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAtc "$1"; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'runlift'")" != "1" ]; then
  psql_admin "CREATE ROLE runlift LOGIN PASSWORD 'runlift' CREATEDB"
fi
echo "postgresql+psycopg://runlift:runlift@127.0.0.1:$port/postgres"
