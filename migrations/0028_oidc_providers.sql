-- IAM OpenID Connect providers (issue 16, docs/iam.md "OpenID Connect providers"): an account trusts an external
-- identity provider's tokens for AssumeRoleWithWebIdentity. A provider is named by its issuer URL without the
-- scheme (`token.actions.githubusercontent.com`, `idp.example.com/tenant`), unique in its account, as IAM keys it;
-- its ARN is `arn:<partition>:iam::<account>:oidc-provider/<identifier>`.
CREATE TABLE iam_oidc_providers (
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    identifier text NOT NULL CHECK (length(identifier) BETWEEN 1 AND 247 AND identifier !~ '^https?://'),
    client_ids text[] NOT NULL DEFAULT '{}' CHECK (cardinality(client_ids) <= 100),
    thumbprints text[] NOT NULL DEFAULT '{}' CHECK (cardinality(thumbprints) <= 5),
    tags jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, identifier)
);

-- A web-identity session remembers its provider: every later call of the session records it as
-- sessionContext.webIdFederationData.federatedProvider, as AWS does.
ALTER TABLE sts_sessions ADD COLUMN federated_provider text;
