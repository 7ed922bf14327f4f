-- Every Organizations policy type, not only SCPs: resource control policies (with the AWS-managed
-- RCPFullAWSAccess beside FullAWSAccess) and the management policy types (tag, backup, AI opt-out, …), whose
-- effective policy is merged down the tree. Which types are enabled in the root is a row per type; the old
-- scp_enabled flag becomes a row. Sizes are AWS's per type (5,120 characters for SCPs and RCPs, every
-- character counted; 10,000 for the management types), so no path into the table can store a larger one.

ALTER TABLE organization_policies DROP CONSTRAINT organization_policies_type_check;
ALTER TABLE organization_policies ADD CONSTRAINT organization_policies_type_check CHECK (type IN (
    'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY',
    'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2', 'SECURITYHUB_POLICY', 'INSPECTOR_POLICY', 'UPGRADE_ROLLOUT_POLICY',
    'BEDROCK_POLICY', 'S3_POLICY', 'NETWORK_SECURITY_DIRECTOR_POLICY'));
ALTER TABLE organization_policies DROP CONSTRAINT organization_policies_content_check;
ALTER TABLE organization_policies ADD CONSTRAINT organization_policies_content_check CHECK (
    length(content) >= 1
    AND length(content) <= CASE WHEN type IN ('SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY') THEN 5120 ELSE 10000 END);
ALTER TABLE organization_policies DROP CONSTRAINT organization_policies_check;
ALTER TABLE organization_policies ADD CONSTRAINT organization_policies_aws_managed CHECK (
    (organization_id IS NULL) = (id IN ('p-FullAWSAccess', 'p-RCPFullAWSAccess')));
-- DescribeEffectivePolicy's LastUpdatedTimestamp: the latest change to any policy that makes up the result.
ALTER TABLE organization_policies ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE organization_policies SET updated_at = created_at;

INSERT INTO organization_policies (id, organization_id, type, name, description, content) VALUES (
    'p-RCPFullAWSAccess', NULL, 'RESOURCE_CONTROL_POLICY', 'RCPFullAWSAccess', 'Allows access to every operation',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}');

ALTER TABLE organization_tags DROP CONSTRAINT organization_tags_resource_id_check;
ALTER TABLE organization_tags ADD CONSTRAINT organization_tags_resource_id_check CHECK (
    resource_id ~ '^(r-[0-9a-z]{4,32}|[0-9]{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|p-[0-9a-zA-Z_]{8,128})$'
    AND resource_id NOT IN ('p-FullAWSAccess', 'p-RCPFullAWSAccess'));

-- The policy types enabled in an organization's root. Only an organization with all features has any.
CREATE TABLE organization_policy_types (
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    type text NOT NULL CHECK (type IN (
        'SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY',
        'CHATBOT_POLICY', 'DECLARATIVE_POLICY_EC2', 'SECURITYHUB_POLICY', 'INSPECTOR_POLICY', 'UPGRADE_ROLLOUT_POLICY',
        'BEDROCK_POLICY', 'S3_POLICY', 'NETWORK_SECURITY_DIRECTOR_POLICY')),
    enabled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, type)
);

CREATE FUNCTION cairn_policy_types_need_all_features() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT feature_set FROM organizations WHERE id = NEW.organization_id) <> 'ALL' THEN
        RAISE EXCEPTION 'organization % does not have all features enabled', NEW.organization_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'organization_policy_types_all_features';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER organization_policy_types_all_features AFTER INSERT OR UPDATE ON organization_policy_types
    FOR EACH ROW EXECUTE FUNCTION cairn_policy_types_need_all_features();

INSERT INTO organization_policy_types (organization_id, type)
SELECT id, 'SERVICE_CONTROL_POLICY' FROM organizations WHERE scp_enabled;
ALTER TABLE organizations DROP CONSTRAINT organizations_check;
-- The feature set still bumps the epoch when it changes; enabling a type is a row here, bumped below.
CREATE OR REPLACE FUNCTION cairn_bump_org_epoch_on_settings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.feature_set IS DISTINCT FROM NEW.feature_set THEN
        NEW.policy_epoch := OLD.policy_epoch + 1;
    END IF;
    RETURN NEW;
END;
$$;
ALTER TABLE organizations DROP COLUMN scp_enabled;

-- A type enabled or disabled changes what every call under the organization is evaluated against.
CREATE TRIGGER organization_policy_types_epoch AFTER INSERT OR UPDATE OR DELETE ON organization_policy_types
    FOR EACH ROW EXECUTE FUNCTION cairn_bump_org_epoch();

-- The epoch trigger already announces the organization's change (organizations_changes); attachments and
-- policies also reach the resource side's in-process caches (RCPs of a resource's owner) through it.
CREATE INDEX organization_policy_attachments_target ON organization_policy_attachments (organization_id, target_id, attached_at);
