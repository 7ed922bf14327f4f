-- AssumeRoleWithSAML's replay protection (issue 16, docs/behaviour.md "A SAML assertion is accepted once"): a bearer
-- assertion is spent by the call that exchanges it, so a copy captured in a browser, a proxy log or a HAR file cannot
-- be exchanged again while it is still valid. The row is kept until the assertion's own NotOnOrAfter (plus the clock
-- skew allowed), after which the validator refuses the assertion anyway; rows past that are deleted as calls spend.
CREATE TABLE saml_assertion_uses (
    account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    provider_name text NOT NULL,
    assertion_id text NOT NULL CHECK (length(assertion_id) BETWEEN 1 AND 1024),
    spent_until timestamptz NOT NULL,
    PRIMARY KEY (account_id, provider_name, assertion_id)
);
CREATE INDEX saml_assertion_uses_spent_until ON saml_assertion_uses (spent_until);
