-- IAM account aliases (issue 16): at most one per account, unique across the service as AWS's are across AWS.
CREATE TABLE iam_account_aliases (
    account_id text PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    alias text NOT NULL UNIQUE CHECK (alias ~ '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$'),
    created_at timestamptz NOT NULL DEFAULT now()
);
