-- Service-linked roles (issue 16, docs/iam.md "Service-linked roles"): roles a service owns, made by
-- CreateServiceLinkedRole or by the service itself (CloudTrail's for organization trails). `service_linked_to` names
-- the service; such a role's trust policy, permissions and place cannot change and it cannot be deleted but by
-- DeleteServiceLinkedRole, which says so for its transaction (`cairn.service_linked_change`). PostgreSQL refuses
-- everything else, so no code path can forget the rule.
ALTER TABLE iam_roles ADD COLUMN service_linked_to text;

-- DeleteServiceLinkedRole's tasks, as GetServiceLinkedRoleDeletionStatus reads them.
CREATE TABLE iam_service_linked_role_deletions (
    task_id text PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status text NOT NULL CHECK (status IN ('SUCCEEDED', 'IN_PROGRESS', 'FAILED', 'NOT_STARTED')),
    reason jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO iam_managed_policies (arn, policy_id, account_id, name, path, description, default_version, next_version)
VALUES
    ('arn:aws:iam::aws:policy/aws-service-role/CloudTrailServiceRolePolicy', 'ANPACAIRNCLOUDTRAILSL', NULL,
     'CloudTrailServiceRolePolicy', '/aws-service-role/',
     'The service-linked role policy CloudTrail uses for organization trails.', 'v1', 2),
    ('arn:aws:iam::aws:policy/aws-service-role/AWSOrganizationsServiceTrustPolicy', 'ANPACAIRNORGSERVICESL', NULL,
     'AWSOrganizationsServiceTrustPolicy', '/aws-service-role/',
     'The service-linked role policy Organizations uses to share data with the services it trusts.', 'v1', 2),
    ('arn:aws:iam::aws:policy/aws-service-role/AccessAnalyzerServiceRolePolicy', 'ANPACAIRNANALYZERSLRP', NULL,
     'AccessAnalyzerServiceRolePolicy', '/aws-service-role/',
     'The service-linked role policy IAM Access Analyzer uses to analyze resource metadata.', 'v1', 2);

INSERT INTO iam_policy_versions (policy_arn, version_id, document) VALUES
    ('arn:aws:iam::aws:policy/aws-service-role/CloudTrailServiceRolePolicy', 'v1',
     '{"Version":"2012-10-17","Statement":[{"Sid":"CloudTrailOrganizations","Effect":"Allow","Action":["organizations:DescribeAccount","organizations:DescribeOrganization","organizations:ListAccounts","organizations:ListAWSServiceAccessForOrganization","organizations:ListDelegatedAdministrators"],"Resource":"*"}]}'),
    ('arn:aws:iam::aws:policy/aws-service-role/AWSOrganizationsServiceTrustPolicy', 'v1',
     '{"Version":"2012-10-17","Statement":[{"Sid":"AllowDeletionOfServiceLinkedRoleForOrganizations","Effect":"Allow","Action":"iam:DeleteRole","Resource":"arn:aws:iam::*:role/aws-service-role/organizations.amazonaws.com/*"}]}'),
    ('arn:aws:iam::aws:policy/aws-service-role/AccessAnalyzerServiceRolePolicy', 'v1',
     '{"Version":"2012-10-17","Statement":[{"Sid":"AccessAnalyzerRead","Effect":"Allow","Action":["iam:Get*","iam:List*","organizations:Describe*","organizations:List*"],"Resource":"*"}]}');

CREATE FUNCTION cairn_protect_service_linked_role() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    protected_name text;
BEGIN
    IF coalesce(current_setting('cairn.service_linked_change', true), '') = 'on' THEN
        RETURN coalesce(NEW, OLD);
    END IF;
    IF TG_TABLE_NAME = 'iam_roles' THEN
        IF OLD.service_linked_to IS NOT NULL AND TG_OP = 'DELETE' THEN
            protected_name := OLD.name;
        ELSIF OLD.service_linked_to IS NOT NULL AND (NEW.trust_policy IS DISTINCT FROM OLD.trust_policy
            OR NEW.permissions_boundary_arn IS DISTINCT FROM OLD.permissions_boundary_arn
            OR NEW.max_session_duration IS DISTINCT FROM OLD.max_session_duration
            OR NEW.name IS DISTINCT FROM OLD.name OR NEW.path IS DISTINCT FROM OLD.path
            OR NEW.service_linked_to IS DISTINCT FROM OLD.service_linked_to) THEN
            protected_name := OLD.name;
        END IF;
    ELSE
        IF TG_OP <> 'INSERT' AND OLD.principal_kind = 'role' THEN
            SELECT r.name INTO protected_name FROM iam_roles r WHERE r.role_id = OLD.principal_id AND r.service_linked_to IS NOT NULL;
        END IF;
        IF protected_name IS NULL AND TG_OP <> 'DELETE' AND NEW.principal_kind = 'role' THEN
            SELECT r.name INTO protected_name FROM iam_roles r WHERE r.role_id = NEW.principal_id AND r.service_linked_to IS NOT NULL;
        END IF;
    END IF;
    IF protected_name IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'CN001',
            MESSAGE = format('Cannot perform the operation on the protected role ''%s'' - this role is only modifiable by AWS',
                             protected_name);
    END IF;
    RETURN coalesce(NEW, OLD);
END $$;

CREATE TRIGGER iam_roles_service_linked BEFORE UPDATE OR DELETE ON iam_roles
    FOR EACH ROW EXECUTE FUNCTION cairn_protect_service_linked_role();
CREATE TRIGGER iam_inline_policies_service_linked BEFORE INSERT OR UPDATE OR DELETE ON iam_inline_policies
    FOR EACH ROW EXECUTE FUNCTION cairn_protect_service_linked_role();
CREATE TRIGGER iam_policy_attachments_service_linked BEFORE INSERT OR UPDATE OR DELETE ON iam_policy_attachments
    FOR EACH ROW EXECUTE FUNCTION cairn_protect_service_linked_role();
