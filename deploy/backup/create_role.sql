-- The role Cairn connects as and the database it owns (run once, as the superuser, with -v pw=PASSWORD).
-- CREATEROLE: migrations 0012 and 0020 run CREATE ROLE for cairn_service and cairn_lake_reader, and
-- PostgreSQL 15 refuses that to a role without CREATEROLE even when the role already exists.
CREATE ROLE cairn LOGIN NOSUPERUSER NOCREATEDB CREATEROLE NOREPLICATION PASSWORD :'pw';
CREATE DATABASE cairn OWNER cairn;
REVOKE ALL ON DATABASE cairn FROM PUBLIC;
