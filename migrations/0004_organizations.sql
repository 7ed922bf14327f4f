-- AWS Organizations: organizations (each with its one root), OUs, memberships, handshakes, CreateAccount
-- statuses, service control policies and their attachments, trusted service access and delegated
-- administrators. Every invariant that can be is a constraint here; the rest (limits) are checked under a
-- row lock on the organization (SELECT … FOR UPDATE), so concurrent calls and processes cannot overshoot.
-- organizations.policy_epoch is bumped by trigger on every SCP, attachment, OU-tree or membership change,
-- so any process can tell that a cached SCP path is stale.

CREATE TABLE organizations (
    id text PRIMARY KEY CHECK (id ~ '^o-[a-z0-9]{10,32}$'),
    -- One organization per management account, and (below) one membership per account.
    management_account_id text NOT NULL UNIQUE REFERENCES accounts (id),
    feature_set text NOT NULL CHECK (feature_set IN ('ALL', 'CONSOLIDATED_BILLING')),
    root_id text NOT NULL UNIQUE CHECK (root_id ~ '^r-[0-9a-z]{4,32}$'),
    scp_enabled boolean NOT NULL DEFAULT false,
    -- AWS's default quota; adjustable per organization, as AWS's is on request.
    account_limit integer NOT NULL DEFAULT 10 CHECK (account_limit > 0),
    policy_epoch bigint NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (NOT scp_enabled OR feature_set = 'ALL')
);

-- OUs never move (AWS has no MoveOrganizationalUnit), so each stores its ancestry: the OU ids from the top
-- level down to itself. NULL parent_ou_id means the root.
CREATE TABLE organizational_units (
    id text PRIMARY KEY CHECK (id ~ '^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$'),
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    parent_ou_id text REFERENCES organizational_units (id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    path_ids text[] NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- AWS: OUs nest at most five levels below the root.
    CHECK (cardinality(path_ids) BETWEEN 1 AND 5),
    CHECK (path_ids[cardinality(path_ids)] = id)
);
CREATE UNIQUE INDEX organizational_units_name ON organizational_units (organization_id, coalesce(parent_ou_id, ''), name);
CREATE INDEX organizational_units_parent ON organizational_units (organization_id, parent_ou_id);

-- The management account is a member too (under the root), as AWS lists it.
CREATE TABLE organization_members (
    account_id text PRIMARY KEY REFERENCES accounts (id),
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    parent_ou_id text REFERENCES organizational_units (id),
    joined_method text NOT NULL CHECK (joined_method IN ('INVITED', 'CREATED')),
    joined_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organization_members_parent ON organization_members (organization_id, parent_ou_id);

-- Handshakes outlive their organization's deletion (AWS shows them for 30 days), so no foreign key to it.
CREATE TABLE handshakes (
    id text PRIMARY KEY CHECK (id ~ '^h-[0-9a-z]{8,32}$'),
    organization_id text NOT NULL,
    management_account_id text NOT NULL REFERENCES accounts (id),
    management_email text NOT NULL,
    management_name text NOT NULL,
    feature_set text NOT NULL,
    target_account_id text NOT NULL REFERENCES accounts (id),
    target_type text NOT NULL CHECK (target_type IN ('ACCOUNT', 'EMAIL')),
    target_value text NOT NULL,
    action text NOT NULL DEFAULT 'INVITE' CHECK (action IN ('INVITE')),
    state text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'CANCELED', 'ACCEPTED', 'DECLINED')),
    notes text CHECK (length(notes) <= 1024),
    requested_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '15 days'
);
CREATE INDEX handshakes_org ON handshakes (organization_id, requested_at);
CREATE INDEX handshakes_target ON handshakes (target_account_id, requested_at);
-- One open invitation per organization and account (DuplicateHandshakeException otherwise).
CREATE UNIQUE INDEX handshakes_one_open ON handshakes (organization_id, target_account_id) WHERE state = 'OPEN';

CREATE TABLE create_account_statuses (
    id text PRIMARY KEY CHECK (id ~ '^car-[a-z0-9]{8,32}$'),
    organization_id text NOT NULL,
    management_account_id text NOT NULL REFERENCES accounts (id),
    account_name text NOT NULL,
    state text NOT NULL CHECK (state IN ('IN_PROGRESS', 'SUCCEEDED', 'FAILED')),
    account_id text REFERENCES accounts (id),
    failure_reason text,
    requested_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    CHECK ((state = 'SUCCEEDED') = (account_id IS NOT NULL)),
    CHECK ((state = 'FAILED') = (failure_reason IS NOT NULL))
);
CREATE INDEX create_account_statuses_org ON create_account_statuses (organization_id, requested_at);

-- Policies of an organization; organization_id NULL marks AWS-managed ones shared by all (FullAWSAccess).
CREATE TABLE organization_policies (
    id text PRIMARY KEY CHECK (id ~ '^p-[0-9a-zA-Z_]{8,128}$'),
    organization_id text REFERENCES organizations (id) ON DELETE CASCADE,
    type text NOT NULL CHECK (type IN ('SERVICE_CONTROL_POLICY')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 512),
    content text NOT NULL CHECK (length(content) BETWEEN 1 AND 5120),
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((organization_id IS NULL) = (id = 'p-FullAWSAccess'))
);
CREATE UNIQUE INDEX organization_policies_name ON organization_policies (organization_id, type, name);

INSERT INTO organization_policies (id, organization_id, type, name, description, content) VALUES (
    'p-FullAWSAccess', NULL, 'SERVICE_CONTROL_POLICY', 'FullAWSAccess', 'Allows access to every operation',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}');

-- target_id is the root id, an OU id or an account id of the same organization.
CREATE TABLE organization_policy_attachments (
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    policy_id text NOT NULL REFERENCES organization_policies (id),
    target_id text NOT NULL CHECK (target_id ~ '^(r-[0-9a-z]{4,32}|[0-9]{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$'),
    attached_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, target_id, policy_id)
);
CREATE INDEX organization_policy_attachments_policy ON organization_policy_attachments (policy_id, organization_id);

CREATE TABLE organization_service_access (
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    service_principal text NOT NULL CHECK (length(service_principal) BETWEEN 1 AND 128),
    enabled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, service_principal)
);

-- A delegated administrator must stay a member: the foreign key to the membership refuses its removal.
CREATE TABLE organization_delegated_administrators (
    organization_id text NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    account_id text NOT NULL REFERENCES organization_members (account_id),
    service_principal text NOT NULL CHECK (length(service_principal) BETWEEN 1 AND 128),
    delegated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, service_principal)
);
CREATE INDEX organization_delegated_administrators_service ON organization_delegated_administrators (organization_id, service_principal);

-- Bumps the organization's policy epoch for any change to its SCPs, their attachments, its OU tree or its
-- membership; the shared AWS-managed policy has no organization and is never changed.
CREATE FUNCTION cairn_bump_org_epoch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.organization_id IS NOT NULL THEN
        UPDATE organizations SET policy_epoch = policy_epoch + 1 WHERE id = OLD.organization_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.organization_id IS NOT NULL
        AND (TG_OP = 'INSERT' OR OLD.organization_id IS DISTINCT FROM NEW.organization_id) THEN
        UPDATE organizations SET policy_epoch = policy_epoch + 1 WHERE id = NEW.organization_id;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER organization_policies_epoch AFTER INSERT OR UPDATE OR DELETE ON organization_policies
    FOR EACH ROW EXECUTE FUNCTION cairn_bump_org_epoch();
CREATE TRIGGER organization_policy_attachments_epoch AFTER INSERT OR UPDATE OR DELETE ON organization_policy_attachments
    FOR EACH ROW EXECUTE FUNCTION cairn_bump_org_epoch();
CREATE TRIGGER organizational_units_epoch AFTER INSERT OR UPDATE OR DELETE ON organizational_units
    FOR EACH ROW EXECUTE FUNCTION cairn_bump_org_epoch();
CREATE TRIGGER organization_members_epoch AFTER INSERT OR UPDATE OR DELETE ON organization_members
    FOR EACH ROW EXECUTE FUNCTION cairn_bump_org_epoch();
-- A member's own account epoch moves too: joining or leaving changes which SCPs apply to its principals.
CREATE TRIGGER organization_members_account_epoch AFTER INSERT OR UPDATE OR DELETE ON organization_members
    FOR EACH ROW EXECUTE FUNCTION cairn_bump_policy_epoch();

-- Enabling or disabling SCPs, or changing the feature set, changes every member's effective SCPs.
CREATE FUNCTION cairn_bump_org_epoch_on_settings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.scp_enabled IS DISTINCT FROM NEW.scp_enabled OR OLD.feature_set IS DISTINCT FROM NEW.feature_set THEN
        NEW.policy_epoch := OLD.policy_epoch + 1;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER organizations_settings_epoch BEFORE UPDATE ON organizations
    FOR EACH ROW EXECUTE FUNCTION cairn_bump_org_epoch_on_settings();
