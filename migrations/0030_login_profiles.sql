-- Console passwords (issue 16, docs/iam.md "Passwords"): an IAM user's login profile and the account's password
-- policy. A password is stored only as a salted, slow hash (`pbkdf2-sha256$<rounds>$<salt>$<hash>`, base64), with
-- the hashes of the ones before it as the policy's PasswordReusePrevention needs them; nothing can read it back.
CREATE TABLE iam_login_profiles (
    user_id text PRIMARY KEY REFERENCES iam_users (user_id),
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    password_hash text NOT NULL,
    previous_hashes text[] NOT NULL DEFAULT '{}' CHECK (cardinality(previous_hashes) <= 24),
    password_reset_required boolean NOT NULL DEFAULT false,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The account's password policy; no row: IAM's default policy applies.
CREATE TABLE iam_password_policies (
    account_id text PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    minimum_length integer NOT NULL CHECK (minimum_length BETWEEN 6 AND 128),
    require_symbols boolean NOT NULL,
    require_numbers boolean NOT NULL,
    require_uppercase boolean NOT NULL,
    require_lowercase boolean NOT NULL,
    allow_users_to_change boolean NOT NULL,
    max_age_days integer CHECK (max_age_days BETWEEN 1 AND 1095),
    reuse_prevention integer CHECK (reuse_prevention BETWEEN 1 AND 24),
    hard_expiry boolean NOT NULL
);
