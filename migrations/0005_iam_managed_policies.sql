-- IAM management: managed-policy names unique per owner (case-insensitively, as IAM's are), tags on managed
-- policies, access keys found by their user, and the AWS-managed policies every account can attach.

ALTER TABLE iam_managed_policies ADD COLUMN tags jsonb NOT NULL DEFAULT '{}';
-- AWS-managed policies (account_id NULL) share one namespace, 'aws'.
CREATE UNIQUE INDEX iam_managed_policies_name ON iam_managed_policies (coalesce(account_id, 'aws'), lower(name));
CREATE INDEX iam_managed_policies_account ON iam_managed_policies (account_id);
CREATE INDEX access_keys_user ON access_keys (user_id);
CREATE INDEX iam_policy_attachments_account ON iam_policy_attachments (account_id, policy_arn);
CREATE INDEX iam_users_boundary ON iam_users (permissions_boundary_arn) WHERE permissions_boundary_arn IS NOT NULL;
CREATE INDEX iam_roles_boundary ON iam_roles (permissions_boundary_arn) WHERE permissions_boundary_arn IS NOT NULL;

INSERT INTO iam_managed_policies (arn, policy_id, account_id, name, path, description, default_version, next_version)
VALUES
    ('arn:aws:iam::aws:policy/AdministratorAccess', 'ANPACAIRNADMINISTRATR', NULL, 'AdministratorAccess', '/',
     'Provides full access to AWS services and resources.', 'v1', 2),
    ('arn:aws:iam::aws:policy/ReadOnlyAccess', 'ANPACAIRNREADONLYACCS', NULL, 'ReadOnlyAccess', '/',
     'Provides read-only access to AWS services and resources.', 'v1', 2),
    ('arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess', 'ANPACAIRNCLOUDTRAILFL', NULL, 'AWSCloudTrail_FullAccess', '/',
     'Provides full access to AWS CloudTrail.', 'v1', 2),
    ('arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess', 'ANPACAIRNCLOUDTRAILRO', NULL, 'AWSCloudTrail_ReadOnlyAccess', '/',
     'Provides read-only access to AWS CloudTrail.', 'v1', 2);

INSERT INTO iam_policy_versions (policy_arn, version_id, document) VALUES
    ('arn:aws:iam::aws:policy/AdministratorAccess', 'v1',
     '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'),
    ('arn:aws:iam::aws:policy/ReadOnlyAccess', 'v1',
     '{"Version":"2012-10-17","Statement":[{"Sid":"ReadOnly","Effect":"Allow","Action":["cloudtrail:Get*","cloudtrail:List*","cloudtrail:Describe*","cloudtrail:LookupEvents","organizations:Describe*","organizations:List*","iam:Get*","iam:List*","iam:GenerateCredentialReport","iam:GenerateServiceLastAccessedDetails","iam:SimulateCustomPolicy","iam:SimulatePrincipalPolicy","sts:GetCallerIdentity","cairn:ListRegions","cairn:ValidatePolicy"],"Resource":"*"}]}'),
    ('arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess', 'v1',
     '{"Version":"2012-10-17","Statement":[{"Sid":"CloudTrailFullAccess","Effect":"Allow","Action":"cloudtrail:*","Resource":"*"},{"Sid":"ReadOrganization","Effect":"Allow","Action":["organizations:DescribeOrganization","organizations:ListAWSServiceAccessForOrganization","organizations:ListDelegatedAdministrators"],"Resource":"*"}]}'),
    ('arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess', 'v1',
     '{"Version":"2012-10-17","Statement":[{"Sid":"CloudTrailReadOnly","Effect":"Allow","Action":["cloudtrail:Get*","cloudtrail:Describe*","cloudtrail:List*","cloudtrail:LookupEvents"],"Resource":"*"}]}');

-- The managed policies one account can see (its own and AWS's), with that account's usage counts: AWS-managed
-- policies are shared, so how many entities use one is always a per-account answer.
CREATE FUNCTION cairn_iam_policies_seen_by(viewer text)
RETURNS TABLE (arn text, policy_id text, account_id text, name text, path text, description text,
               default_version text, attachments bigint, boundaries bigint, tags text,
               created_at timestamptz, updated_at timestamptz)
LANGUAGE sql STABLE AS $$
    SELECT p.arn, p.policy_id, p.account_id, p.name, p.path, p.description, p.default_version,
           (SELECT count(*) FROM iam_policy_attachments a WHERE a.policy_arn = p.arn AND a.account_id = viewer),
           (SELECT count(*) FROM iam_users u WHERE u.account_id = viewer AND u.permissions_boundary_arn = p.arn)
             + (SELECT count(*) FROM iam_roles r WHERE r.account_id = viewer AND r.permissions_boundary_arn = p.arn),
           p.tags::text, p.created_at, p.updated_at
    FROM iam_managed_policies p
    WHERE p.account_id = viewer OR p.account_id IS NULL
$$;
