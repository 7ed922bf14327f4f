-- Tags on AWS Organizations resources: accounts (as members), the root, OUs and policies. Rows are scoped by
-- organization, so one tenant's resource ids never reach another's tags. AWS's rules hold here, for every
-- process: keys 1–128 characters without the reserved `aws:` prefix, values 0–256, keys unique per resource
-- (case-sensitive, as Organizations' are), at most 50 tags per resource. Tags go with their resource: an OU or
-- policy deleted, an account removed or leaving (AWS deletes its tags: "AWS accounts outside of an
-- organization do not support tags"), the organization deleted.
CREATE TABLE organization_tags (
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- TaggableResourceId's shapes Cairn stores: root, account, OU, policy (never the shared AWS-managed one).
    resource_id text NOT NULL CHECK (resource_id ~ '^(r-[0-9a-z]{4,32}|[0-9]{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|p-[0-9a-zA-Z_]{8,128})$'
                                     AND resource_id <> 'p-FullAWSAccess'),
    key text NOT NULL CONSTRAINT organization_tags_key CHECK (length(key) BETWEEN 1 AND 128 AND lower(key) NOT LIKE 'aws:%'),
    value text NOT NULL CONSTRAINT organization_tags_value CHECK (length(value) <= 256),
    PRIMARY KEY (organization_id, resource_id, key)
);

-- At most 50 tags per resource. AFTER ROW triggers run at the end of the statement, so the count includes
-- every row the statement added; the organization's row is locked first (writes already hold it), so two
-- transactions tagging one resource are serialised and cannot both stay under the limit while overshooting it.
CREATE FUNCTION cairn_organization_tags_limit() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM organizations WHERE id = NEW.organization_id FOR UPDATE;
    IF (SELECT count(*) FROM organization_tags
        WHERE organization_id = NEW.organization_id AND resource_id = NEW.resource_id) > 50 THEN
        RAISE EXCEPTION 'resource % of organization % would have more than 50 tags', NEW.resource_id, NEW.organization_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'organization_tags_limit';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER organization_tags_limit AFTER INSERT ON organization_tags
    FOR EACH ROW EXECUTE FUNCTION cairn_organization_tags_limit();

-- Deleting a tagged resource's row deletes its tags; TG_ARGV[0] names the row's id column.
CREATE FUNCTION cairn_drop_organization_tags() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.organization_id IS NOT NULL THEN
        DELETE FROM organization_tags
        WHERE organization_id = OLD.organization_id AND resource_id = to_jsonb(OLD) ->> TG_ARGV[0];
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER organization_members_tags AFTER DELETE ON organization_members
    FOR EACH ROW EXECUTE FUNCTION cairn_drop_organization_tags('account_id');
CREATE TRIGGER organizational_units_tags AFTER DELETE ON organizational_units
    FOR EACH ROW EXECUTE FUNCTION cairn_drop_organization_tags('id');
CREATE TRIGGER organization_policies_tags AFTER DELETE ON organization_policies
    FOR EACH ROW EXECUTE FUNCTION cairn_drop_organization_tags('id');

-- InviteAccountToOrganization's tags wait on the invitation and are attached when it is accepted.
ALTER TABLE handshakes
    ADD COLUMN tag_keys text[] NOT NULL DEFAULT '{}',
    ADD COLUMN tag_values text[] NOT NULL DEFAULT '{}',
    ADD CONSTRAINT handshakes_tags CHECK (cardinality(tag_keys) = cardinality(tag_values) AND cardinality(tag_keys) <= 50);
