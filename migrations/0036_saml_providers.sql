-- IAM SAML providers (issue 16, docs/iam.md "SAML providers"): an account trusts an external identity provider's
-- signed SAML assertions for AssumeRoleWithSAML. A provider is named (1–128 of [\w._-]), unique in its account, its
-- ARN `arn:<partition>:iam::<account>:saml-provider/<name>`; its metadata document is kept as sent, with the
-- values read from it when it was accepted.
CREATE TABLE iam_saml_providers (
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 128),
    uuid uuid NOT NULL UNIQUE,
    metadata text NOT NULL CHECK (length(metadata) BETWEEN 1000 AND 10000000),
    entity_id text NOT NULL,
    valid_until timestamptz,
    tags jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, name)
);
