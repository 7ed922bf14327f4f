-- Virtual MFA devices (issue 16, docs/iam.md "MFA devices"): an account's devices, each a TOTP seed sealed with the
-- master key (as secret access keys are), assigned to at most one user once EnableMFADevice has checked two
-- consecutive codes. `last_step` is the newest 30-second step a code was accepted for, so a code is used once;
-- `drift_steps` is how far the device's clock runs from ours, measured when it was enabled or resynchronised.
CREATE TABLE iam_mfa_devices (
    serial_number text PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name text NOT NULL,
    path text NOT NULL,
    seed_sealed bytea NOT NULL,
    user_id text REFERENCES iam_users (user_id),
    enabled_at timestamptz,
    last_step bigint NOT NULL DEFAULT 0,
    drift_steps integer NOT NULL DEFAULT 0,
    tags jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((user_id IS NULL) = (enabled_at IS NULL))
);
CREATE INDEX iam_mfa_devices_account ON iam_mfa_devices (account_id, serial_number);
CREATE INDEX iam_mfa_devices_user ON iam_mfa_devices (user_id) WHERE user_id IS NOT NULL;

-- A session authenticated with an MFA code (GetSessionToken or AssumeRole with SerialNumber and TokenCode, or a role
-- assumed from such a session) keeps when the code was checked: aws:MultiFactorAuthPresent and
-- aws:MultiFactorAuthAge come from it.
ALTER TABLE sts_sessions ADD COLUMN mfa_authenticated_at timestamptz;
