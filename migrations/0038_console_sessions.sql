-- Console sessions (issue 17): signing in to /console issues temporary credentials that act as the IAM user (or root
-- user) who signed in, like GetSessionToken's, but recorded with `sessionCredentialFromConsole` and free of the
-- limits STS puts on GetSessionToken's credentials (a console user manages IAM without MFA if their policies allow).
-- Sign-out deletes the row, which ends the session at once.
ALTER TABLE sts_sessions DROP CONSTRAINT sts_sessions_kind_check;
ALTER TABLE sts_sessions DROP CONSTRAINT sts_sessions_kind_holder;
ALTER TABLE sts_sessions
    ADD CONSTRAINT sts_sessions_kind_check CHECK (kind IN ('role', 'user', 'federated', 'console')),
    ADD CONSTRAINT sts_sessions_kind_holder CHECK (
        (kind = 'role' AND role_id IS NOT NULL AND role_arn IS NOT NULL)
        OR (kind IN ('user', 'console') AND role_id IS NULL)
        OR (kind = 'federated' AND role_id IS NULL AND user_id IS NOT NULL));
