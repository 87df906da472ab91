#!/bin/sh
# First start of the PostgreSQL container: the application's own login role, apart from the owner.
# The owner (POSTGRES_USER) migrates and purges; hpf_app gets, from `npm run migrate-storage`, what
# the servers need and no more: it can add to the access record, never change or delete it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="$(cat /run/secrets/postgres_app_password)" <<'SQL'
CREATE ROLE hpf_app LOGIN PASSWORD :'app_password';
GRANT CONNECT ON DATABASE hpf TO hpf_app;
SQL
