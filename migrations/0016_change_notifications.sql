-- Every process keeps in memory what each call reads (credentials, trail views); a change any process commits
-- to what those are read from is announced on the channel `cairn_changes`, delivered by PostgreSQL when the
-- change commits, so every listening process drops what it holds (docs/decisions.md, "In-process caches").
-- The triggers are per statement and the payload is empty: PostgreSQL sends one notification per transaction.
CREATE FUNCTION cairn_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('cairn_changes', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER access_keys_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON access_keys
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_notify_change();
CREATE TRIGGER accounts_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_notify_change();
CREATE TRIGGER iam_users_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON iam_users
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_notify_change();
CREATE TRIGGER iam_roles_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON iam_roles
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_notify_change();
CREATE TRIGGER sts_sessions_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sts_sessions
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_notify_change();
CREATE TRIGGER organizations_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organizations
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_notify_change();
CREATE TRIGGER organization_members_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization_members
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_notify_change();
CREATE TRIGGER organization_delegated_administrators_changes
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organization_delegated_administrators
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_notify_change();
CREATE TRIGGER regions_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON regions
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_notify_change();
CREATE TRIGGER trails_changes AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON trails
    FOR EACH STATEMENT EXECUTE FUNCTION cairn_notify_change();
