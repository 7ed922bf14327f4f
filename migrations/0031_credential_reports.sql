-- IAM credential reports (issue 16, docs/iam.md "Credential report"): the last report GenerateCredentialReport made
-- for an account, as CSV in AWS's columns; GetCredentialReport answers it while it is under four hours old.
CREATE TABLE iam_credential_reports (
    account_id text PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    content text NOT NULL,
    generated_at timestamptz NOT NULL
);
