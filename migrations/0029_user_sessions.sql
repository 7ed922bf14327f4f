-- Sessions of users (issue 16): sts:GetSessionToken issues temporary credentials that act as the IAM user (or root
-- user) who asked, and sts:GetFederationToken credentials of a federated user whose permissions are the IAM user's
-- narrowed by the session policies. `kind` says which; a role session keeps its role, the others the user
-- (user_id NULL: the account's root user). `assumed_role_arn` holds the session principal's ARN for every kind:
-- the assumed-role ARN, the user's own ARN, or `arn:aws:sts::A:federated-user/<name>`.
ALTER TABLE sts_sessions
    ALTER COLUMN role_id DROP NOT NULL,
    ALTER COLUMN role_arn DROP NOT NULL,
    ADD COLUMN kind text NOT NULL DEFAULT 'role' CHECK (kind IN ('role', 'user', 'federated')),
    ADD COLUMN user_id text,
    ADD CONSTRAINT sts_sessions_kind_holder CHECK (
        (kind = 'role' AND role_id IS NOT NULL AND role_arn IS NOT NULL)
        OR (kind = 'user' AND role_id IS NULL)
        OR (kind = 'federated' AND role_id IS NULL AND user_id IS NOT NULL));
