#!/bin/bash
# What the public postgres image does at start, for the settings docker/compose.yaml uses: an empty
# data directory is initialised with POSTGRES_USER (password POSTGRES_PASSWORD, required) as the
# superuser and the database POSTGRES_DB, listening on every interface of the container with
# password authentication; then the server runs as the postgres user.
set -euo pipefail

if [ "${1:-}" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi

if [ "${1:-}" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?is required (the public image refuses to start without it too)}"
  user=${POSTGRES_USER:-postgres}
  database=${POSTGRES_DB:-$user}
  initdb --username="$user" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
    --auth-local=trust --auth-host=scram-sha-256 --pgdata="$PGDATA" >/dev/null
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  if [ "$database" != postgres ]; then
    # a server on the socket only, so nobody connects before the database exists
    pg_ctl --pgdata="$PGDATA" --options="-c listen_addresses=''" --wait --silent start
    psql --quiet --username="$user" --dbname=postgres --set=ON_ERROR_STOP=1 --set=name="$database" \
      <<< 'CREATE DATABASE :"name"'
    pg_ctl --pgdata="$PGDATA" --mode=fast --wait --silent stop
  fi
  echo "PostgreSQL initialised: user $user, database $database"
fi

exec "$@"
