#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the corpus tests.
#
# Installs Debian's postgresql package when it is missing (needs root), creates
# (once) a cluster "onrecord" listening on 127.0.0.1:$ONRECORD_PG_PORT only,
# starts it, creates a user and database, and prints the line to eval:
#
#     eval "$(.ci/postgres.sh)"      # exports ONRECORD_TEST_PG_URL
#     .venv/bin/pytest tests/corpus  # now also runs every test against PostgreSQL
#
# Everything but that export line goes to stderr.  Re-running is safe.
set -euo pipefail

PORT="${ONRECORD_PG_PORT:-55432}"
CLUSTER="${ONRECORD_PG_CLUSTER:-onrecord}"
DB_USER="${ONRECORD_PG_USER:-onrecord}"
DB_PASS="${ONRECORD_PG_PASSWORD:-onrecord}"
DB_NAME="${ONRECORD_PG_DB:-onrecord_test}"

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_createcluster >/dev/null 2>&1; then
    log "installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
[ -n "$VERSION" ] || { log "no PostgreSQL server under /usr/lib/postgresql"; exit 1; }

if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
    log "creating cluster $VERSION/$CLUSTER on 127.0.0.1:$PORT"
    pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" -- --auth-local=peer --auth-host=scram-sha-256 >&2
    # a test server: loopback only, and speed over durability
    cat > "/etc/postgresql/$VERSION/$CLUSTER/conf.d/onrecord.conf" <<CONF
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
fi

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}' | grep -qx online; then
    log "starting cluster $VERSION/$CLUSTER"
    pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

psql_admin() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qAt "$@"; }

for _ in $(seq 1 30); do
    psql_admin -c "SELECT 1" >/dev/null 2>&1 && break
    sleep 1
done

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != "1" ]; then
    psql_admin -c "CREATE ROLE \"$DB_USER\" LOGIN PASSWORD '$DB_PASS' CREATEDB" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE \"$DB_NAME\" OWNER \"$DB_USER\"" >&2
fi

echo "export ONRECORD_TEST_PG_URL=postgresql://$DB_USER:$DB_PASS@127.0.0.1:$PORT/$DB_NAME"
