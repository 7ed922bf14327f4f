#!/bin/sh
# Runs once, on the first start of the postgres container (empty data volume), as the superuser.
# Creates the role cairn connects as and a database it owns. On PostgreSQL 15 the owner of a database
# owns its `public` schema (pg_database_owner), which is all the CREATE cairn's migrations need. The role
# is not a superuser and may not create databases; it may create roles, because two migrations create the
# NOLOGIN roles the service switches to (docs/deploy.md, Database).
set -eu
: "${CAIRN_DB_PASSWORD:?CAIRN_DB_PASSWORD is not set}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     --set=pw="$CAIRN_DB_PASSWORD" <<'SQL'
CREATE ROLE cairn LOGIN NOSUPERUSER NOCREATEDB CREATEROLE NOREPLICATION PASSWORD :'pw';
CREATE DATABASE cairn OWNER cairn;
REVOKE ALL ON DATABASE cairn FROM PUBLIC;
SQL
