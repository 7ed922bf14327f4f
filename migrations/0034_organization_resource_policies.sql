-- The organization's delegation policy (issue 16, docs/organizations.md "Delegation policy"): at most one per
-- organization (its key), gone with the organization.
CREATE TABLE organization_resource_policies (
    organization_id text PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    policy_id text NOT NULL UNIQUE,
    content text NOT NULL,
    tags jsonb NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL DEFAULT now()
);
