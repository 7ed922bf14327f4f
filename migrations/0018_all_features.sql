-- EnableAllFeatures: a CONSOLIDATED_BILLING organization moves to ALL through handshakes. The management
-- account's request (ENABLE_ALL_FEATURES, its party the organization) waits in REQUESTED while each account that
-- joined by invitation answers its own APPROVE_ALL_FEATURES handshake, whose parent it names; once every one has
-- approved (or left), the request is OPEN and the management account accepts it to finish. Which name goes with
-- which side is a documented choice (docs/behaviour.md, "Enabling all features").

ALTER TABLE handshakes DROP CONSTRAINT handshakes_action_check;
ALTER TABLE handshakes ADD CONSTRAINT handshakes_action_check CHECK (action IN ('INVITE', 'ENABLE_ALL_FEATURES', 'APPROVE_ALL_FEATURES'));
ALTER TABLE handshakes DROP CONSTRAINT handshakes_target_type_check;
ALTER TABLE handshakes ADD CONSTRAINT handshakes_target_type_check CHECK (target_type IN ('ACCOUNT', 'EMAIL', 'ORGANIZATION'));
ALTER TABLE handshakes DROP CONSTRAINT handshakes_state_check;
ALTER TABLE handshakes ADD CONSTRAINT handshakes_state_check CHECK (state IN ('REQUESTED', 'OPEN', 'CANCELED', 'ACCEPTED', 'DECLINED'));
ALTER TABLE handshakes ADD COLUMN parent_handshake_id text REFERENCES handshakes (id);
ALTER TABLE handshakes ADD CONSTRAINT handshakes_parent CHECK ((action = 'APPROVE_ALL_FEATURES') = (parent_handshake_id IS NOT NULL));
ALTER TABLE handshakes ADD CONSTRAINT handshakes_request_party CHECK ((action = 'ENABLE_ALL_FEATURES') = (target_type = 'ORGANIZATION'));
CREATE INDEX handshakes_parent_id ON handshakes (parent_handshake_id) WHERE parent_handshake_id IS NOT NULL;

-- One open invitation per organization and account, as before; approvals are not invitations.
DROP INDEX handshakes_one_open;
CREATE UNIQUE INDEX handshakes_one_open ON handshakes (organization_id, target_account_id) WHERE state = 'OPEN' AND action = 'INVITE';
-- At most one all-features migration under way per organization, whatever the process that starts it.
CREATE UNIQUE INDEX handshakes_one_all_features ON handshakes (organization_id)
    WHERE action = 'ENABLE_ALL_FEATURES' AND state IN ('REQUESTED', 'OPEN');
