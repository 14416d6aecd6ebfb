#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL server on 127.0.0.1, creates the test role and
# database, and writes/prints the connection string for the Postgres-category tests.
#
# Usage (as root, Debian):   source <(tests/ci/postgres.sh)      # or
#                            tests/ci/postgres.sh && . /tmp/dm-postgres.env
# Idempotent: a second run reuses the installed server, role and database.
set -euo pipefail

DB_NAME="${DM_PG_DB:-demandmobility_test}"
DB_USER="${DM_PG_USER:-dm_test}"
DB_PASS="${DM_PG_PASSWORD:-dm_test_pw}"
DB_PORT="${DM_PG_PORT:-5432}"
ENV_FILE="${DM_PG_ENV_FILE:-/tmp/dm-postgres.env}"

log() { echo "postgres.sh: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (installs packages and manages the cluster)"
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql via apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
CLUSTER="main"

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PG_VERSION $CLUSTER"; then
  log "creating cluster $PG_VERSION/$CLUSTER"
  pg_createcluster "$PG_VERSION" "$CLUSTER" --port="$DB_PORT" >&2
fi

# Only loopback: the tests never need another interface. A conf.d drop-in (Debian's postgresql.conf
# includes conf.d) keeps the packaged file untouched and is rewritten identically on every run.
mkdir -p "/etc/postgresql/$PG_VERSION/$CLUSTER/conf.d"
printf "listen_addresses = '127.0.0.1'\nport = %s\n" "$DB_PORT" > "/etc/postgresql/$PG_VERSION/$CLUSTER/conf.d/demandmobility.conf"

status="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}')"
if [ "$status" != "online" ]; then
  log "starting cluster $PG_VERSION/$CLUSTER"
  pg_ctlcluster "$PG_VERSION" "$CLUSTER" start >&2
else
  pg_ctlcluster "$PG_VERSION" "$CLUSTER" reload >&2
fi

# Wait until the server accepts connections (a fresh start can take a few seconds).
for _ in $(seq 1 30); do
  if su postgres -c "psql -p $DB_PORT -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1'" >/dev/null 2>&1 \
     || su postgres -c "psql -p $DB_PORT -d postgres -tAc 'select 1'" >/dev/null 2>&1; then
    break
  fi
  sleep 1
done

psql_admin() { su postgres -c "psql -p $DB_PORT -d postgres -v ON_ERROR_STOP=1 -tAc \"$1\""; }

if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'")" != "1" ]; then
  log "creating role $DB_USER"
  psql_admin "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASS'" >&2
else
  psql_admin "ALTER ROLE $DB_USER LOGIN PASSWORD '$DB_PASS'" >&2
fi

if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'")" != "1" ]; then
  log "creating database $DB_NAME"
  psql_admin "CREATE DATABASE $DB_NAME OWNER $DB_USER" >&2
fi

CONN="Host=127.0.0.1;Port=$DB_PORT;Database=$DB_NAME;Username=$DB_USER;Password=$DB_PASS"

# Prove the connection string works over TCP with password authentication before handing it out.
PGPASSWORD="$DB_PASS" psql -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -tAc 'select 1' >/dev/null

echo "export DM_TEST_POSTGRES='$CONN'" > "$ENV_FILE"
log "connection string written to $ENV_FILE"
echo "export DM_TEST_POSTGRES='$CONN'"
