-- CloseAccount (issue 16): an account closed by its organization's management account is PENDING_CLOSURE until the
-- closure completes, then CLOSED (AWS reports Status SUSPENDED, State CLOSED). Either way its credentials and
-- sessions are refused, as a SUSPENDED account's are; its events and delivered files stay.
ALTER TABLE accounts DROP CONSTRAINT accounts_status_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_status_check CHECK (status IN ('ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED'));
-- When the closure was asked for (the rolling 30-day closure quota counts these) and when it completed.
ALTER TABLE accounts ADD COLUMN closure_requested_at timestamptz;
ALTER TABLE accounts ADD COLUMN closed_at timestamptz;
CREATE INDEX accounts_pending_closure ON accounts (closure_requested_at) WHERE status = 'PENDING_CLOSURE';
