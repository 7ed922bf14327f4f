#!/bin/sh
# Runs once, on the first start of the postgres container (empty data volume), as the superuser.
# Creates the unprivileged role cairn connects as and a database it owns. On PostgreSQL 15 the owner
# of a database owns its `public` schema (pg_database_owner), which is all the CREATE cairn's
# migrations need: the role is neither superuser nor allowed to create roles or databases.
set -eu
: "${CAIRN_DB_PASSWORD:?CAIRN_DB_PASSWORD is not set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     --set=pw="$CAIRN_DB_PASSWORD" <<'SQL'
CREATE ROLE cairn LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'pw';
CREATE DATABASE cairn OWNER cairn;
REVOKE ALL ON DATABASE cairn FROM PUBLIC;
SQL
