-- IAM per account: users, groups, roles, inline and managed policies, attachments, and STS sessions.
-- Names are unique per account case-insensitively, as IAM's are. Every change to an account's IAM bumps
-- accounts.policy_epoch (by trigger, so no code path can forget), which is how every process learns that its
-- cached compiled policies for that account are stale.

ALTER TABLE accounts ADD COLUMN policy_epoch bigint NOT NULL DEFAULT 0;

CREATE TABLE iam_users (
    user_id text PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    name text NOT NULL CHECK (name ~ '^[A-Za-z0-9+=,.@_-]{1,64}$'),
    path text NOT NULL DEFAULT '/',
    arn text NOT NULL UNIQUE,
    permissions_boundary_arn text,
    tags jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX iam_users_name ON iam_users (account_id, lower(name));

CREATE TABLE iam_groups (
    group_id text PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    name text NOT NULL CHECK (name ~ '^[A-Za-z0-9+=,.@_-]{1,128}$'),
    path text NOT NULL DEFAULT '/',
    arn text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX iam_groups_name ON iam_groups (account_id, lower(name));

CREATE TABLE iam_group_members (
    group_id text NOT NULL REFERENCES iam_groups (group_id),
    user_id text NOT NULL REFERENCES iam_users (user_id),
    account_id text NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX iam_group_members_user ON iam_group_members (user_id);

CREATE TABLE iam_roles (
    role_id text PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    name text NOT NULL CHECK (name ~ '^[A-Za-z0-9+=,.@_-]{1,64}$'),
    path text NOT NULL DEFAULT '/',
    arn text NOT NULL UNIQUE,
    trust_policy text NOT NULL,
    description text,
    max_session_duration integer NOT NULL DEFAULT 3600 CHECK (max_session_duration BETWEEN 3600 AND 43200),
    permissions_boundary_arn text,
    tags jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX iam_roles_name ON iam_roles (account_id, lower(name));

-- Inline policies of a user, group or role (principal_kind), keyed by the principal's unique id.
CREATE TABLE iam_inline_policies (
    account_id text NOT NULL REFERENCES accounts (id),
    principal_kind text NOT NULL CHECK (principal_kind IN ('user', 'group', 'role')),
    principal_id text NOT NULL,
    name text NOT NULL CHECK (name ~ '^[A-Za-z0-9+=,.@_-]{1,128}$'),
    document text NOT NULL,
    PRIMARY KEY (principal_kind, principal_id, name)
);

-- Managed policies: customer-managed (account_id set) and AWS-managed (account_id NULL, arn:aws:iam::aws:policy/…).
CREATE TABLE iam_managed_policies (
    arn text PRIMARY KEY,
    policy_id text NOT NULL UNIQUE,
    account_id text REFERENCES accounts (id),
    name text NOT NULL CHECK (name ~ '^[A-Za-z0-9+=,.@_-]{1,128}$'),
    path text NOT NULL DEFAULT '/',
    description text,
    default_version text NOT NULL DEFAULT 'v1',
    next_version integer NOT NULL DEFAULT 2,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE iam_policy_versions (
    policy_arn text NOT NULL REFERENCES iam_managed_policies (arn),
    version_id text NOT NULL CHECK (version_id ~ '^v[0-9]+$'),
    document text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (policy_arn, version_id)
);

CREATE TABLE iam_policy_attachments (
    policy_arn text NOT NULL REFERENCES iam_managed_policies (arn),
    account_id text NOT NULL REFERENCES accounts (id),
    principal_kind text NOT NULL CHECK (principal_kind IN ('user', 'group', 'role')),
    principal_id text NOT NULL,
    PRIMARY KEY (policy_arn, principal_kind, principal_id)
);
CREATE INDEX iam_policy_attachments_principal ON iam_policy_attachments (principal_kind, principal_id);

-- Long-term keys may now belong to IAM users.
ALTER TABLE access_keys ADD COLUMN user_id text REFERENCES iam_users (user_id);

-- Temporary credentials from sts:AssumeRole. The secret is sealed; the session token is stored as a SHA-256
-- hash, since it is only ever compared.
CREATE TABLE sts_sessions (
    access_key_id text PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    role_id text NOT NULL,
    role_arn text NOT NULL,
    session_name text NOT NULL,
    assumed_role_arn text NOT NULL,
    secret_sealed bytea NOT NULL,
    session_token_sha256 text NOT NULL,
    session_policy text,
    session_policy_arns text[] NOT NULL DEFAULT '{}',
    session_tags jsonb NOT NULL DEFAULT '{}',
    source_identity text,
    issued_by_arn text NOT NULL,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sts_sessions_expiry ON sts_sessions (expires_at);

CREATE FUNCTION cairn_bump_policy_epoch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE accounts SET policy_epoch = policy_epoch + 1 WHERE id = OLD.account_id;
        RETURN OLD;
    END IF;
    UPDATE accounts SET policy_epoch = policy_epoch + 1 WHERE id = NEW.account_id;
    IF TG_OP = 'UPDATE' AND OLD.account_id IS DISTINCT FROM NEW.account_id THEN
        UPDATE accounts SET policy_epoch = policy_epoch + 1 WHERE id = OLD.account_id;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER iam_users_epoch AFTER INSERT OR UPDATE OR DELETE ON iam_users FOR EACH ROW EXECUTE FUNCTION cairn_bump_policy_epoch();
CREATE TRIGGER iam_groups_epoch AFTER INSERT OR UPDATE OR DELETE ON iam_groups FOR EACH ROW EXECUTE FUNCTION cairn_bump_policy_epoch();
CREATE TRIGGER iam_group_members_epoch AFTER INSERT OR UPDATE OR DELETE ON iam_group_members FOR EACH ROW EXECUTE FUNCTION cairn_bump_policy_epoch();
CREATE TRIGGER iam_roles_epoch AFTER INSERT OR UPDATE OR DELETE ON iam_roles FOR EACH ROW EXECUTE FUNCTION cairn_bump_policy_epoch();
CREATE TRIGGER iam_inline_policies_epoch AFTER INSERT OR UPDATE OR DELETE ON iam_inline_policies FOR EACH ROW EXECUTE FUNCTION cairn_bump_policy_epoch();
CREATE TRIGGER iam_policy_attachments_epoch AFTER INSERT OR UPDATE OR DELETE ON iam_policy_attachments FOR EACH ROW EXECUTE FUNCTION cairn_bump_policy_epoch();

-- A managed policy's new default version changes every account it is attached in.
CREATE FUNCTION cairn_bump_epoch_for_policy() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE accounts SET policy_epoch = policy_epoch + 1
    WHERE id IN (SELECT DISTINCT account_id FROM iam_policy_attachments WHERE policy_arn = NEW.arn);
    RETURN NEW;
END;
$$;
CREATE TRIGGER iam_managed_policies_epoch AFTER UPDATE OF default_version ON iam_managed_policies
    FOR EACH ROW EXECUTE FUNCTION cairn_bump_epoch_for_policy();
