-- Trail delivery: log files, digests and their signing keys (docs/delivery.md).
--
-- Progress is a position in commit order, not in time: every event carries the id of the transaction that
-- inserted it, and delivery takes only events whose transactions are all finished (below the oldest running
-- transaction, pg_snapshot_xmin). An event committed late by a slow transaction is therefore never skipped,
-- and a crash before the progress row commits delivers the same events again, with the same eventIDs.
ALTER TABLE events ADD COLUMN inserted_by xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX events_by_inserting_transaction ON events (inserted_by);

-- The transaction that last changed how a trail delivers (StartLogging, StopLogging, UpdateTrail). A final
-- digest waits until this transaction is below the horizon, that is until every event up to the change has
-- been delivered: a transaction can commit before an older one that is still running.
ALTER TABLE trails ADD COLUMN changed_by xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE TABLE delivery_progress (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    -- Every event inserted by a transaction below this one has been routed to its trails.
    delivered_before xid8 NOT NULL
);
INSERT INTO delivery_progress (delivered_before) VALUES (pg_current_xact_id());

-- A deleted trail that has logged stays here until delivery has written its last events and its final digest
-- (DeleteTrail ends logging like StopLogging, at the moment of the call); then delivery forgets it. The tables
-- below therefore name trails by id without a foreign key: their rows outlive the trail by one pass.
CREATE TABLE retired_trails (
    id bigint PRIMARY KEY,
    owner_account_id text NOT NULL,
    home_region text NOT NULL,
    name text NOT NULL,
    is_multi_region boolean NOT NULL,
    organization_id text,
    settings jsonb NOT NULL,
    event_selectors jsonb NOT NULL,
    start_logging_time timestamptz NOT NULL,
    stop_logging_time timestamptz NOT NULL,
    -- The DeleteTrail transaction (see trails.changed_by).
    changed_by xid8 NOT NULL DEFAULT pg_current_xact_id()
);

-- Every log file delivered, with the hash of its uncompressed content. A file delivered while its trail
-- validates awaits the next digest of its chain, which lists it and clears the flag: a chain lists each of
-- its files exactly once, however the passes and digests fall within a second.
CREATE TABLE trail_log_files (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trail_id bigint NOT NULL,
    account_id text NOT NULL,
    region text NOT NULL,
    bucket text NOT NULL,
    object_key text NOT NULL,
    sha256 text NOT NULL,
    event_count integer NOT NULL CHECK (event_count > 0),
    oldest_event_time timestamptz NOT NULL,
    newest_event_time timestamptz NOT NULL,
    delivered_at timestamptz NOT NULL,
    awaiting_digest boolean NOT NULL
);
CREATE INDEX trail_log_files_awaiting_digest ON trail_log_files (trail_id, account_id, region, delivered_at) WHERE awaiting_digest;

-- One digest chain per trail, account and region while log file validation is on and the trail logs. The
-- row names the newest digest, which the next digest points back to; a chain ends with a final digest when
-- logging stops or validation is turned off (open = false), and the next one starts with null
-- previous-digest fields. The row outlives its chain so that a new chain's digests are named after every
-- earlier one (last_end), never over one.
CREATE TABLE trail_digest_chains (
    trail_id bigint NOT NULL,
    account_id text NOT NULL,
    region text NOT NULL,
    open boolean NOT NULL DEFAULT true,
    covered_through timestamptz NOT NULL,
    last_end timestamptz,
    last_bucket text,
    last_key text,
    last_hash text,
    last_signature text,
    PRIMARY KEY (trail_id, account_id, region)
);

-- The per-region RSA key pairs that sign digests (ListPublicKeys). The private key is sealed with the master
-- key, like every other stored secret.
CREATE TABLE digest_signing_keys (
    fingerprint text PRIMARY KEY,
    region text NOT NULL REFERENCES regions (name),
    public_key bytea NOT NULL,
    sealed_private_key bytea NOT NULL,
    valid_from timestamptz NOT NULL,
    valid_until timestamptz
);
CREATE UNIQUE INDEX digest_signing_keys_current ON digest_signing_keys (region) WHERE valid_until IS NULL;

-- Events a trail could not deliver yet (its bucket refused): retried on every pass until delivered, so a
-- failing bucket holds back only its own trail and loses nothing.
CREATE TABLE trail_delivery_backlog (
    trail_id bigint NOT NULL,
    event_id uuid NOT NULL,
    event_time timestamptz NOT NULL,
    PRIMARY KEY (trail_id, event_id)
);
