-- CloudTrail trails. Each trail is stored once, in its owner account and home region; where else it is
-- seen (every region when multi-region, every member account when an organization trail) is derived at read
-- time by CairnCore's TrailVisibility, so adding a region or an account, or creating an organization trail,
-- writes no copies.
--
-- The five-trails-per-region limit and multi-region name reservation are checked by TrailRepository under a
-- lock on the owner's account row, so concurrent creators in any number of processes queue on that row.
CREATE TABLE trails (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_account_id text NOT NULL REFERENCES accounts (id),
    home_region text NOT NULL REFERENCES regions (name),
    name text NOT NULL CHECK (length(name) BETWEEN 3 AND 128),
    is_multi_region boolean NOT NULL,
    -- Set for an organization trail. Deleting the organization turns its trails into account trails.
    organization_id text REFERENCES organizations (id) ON DELETE SET NULL,
    -- TrailSettings minus the two flags above, in CloudTrail's member names.
    settings jsonb NOT NULL,
    -- {"EventSelectors": [...]} or {"AdvancedEventSelectors": [...]}.
    event_selectors jsonb NOT NULL,
    has_custom_event_selectors boolean NOT NULL DEFAULT false,
    insight_selectors jsonb NOT NULL DEFAULT '[]',
    tags jsonb NOT NULL DEFAULT '[]',
    is_logging boolean NOT NULL DEFAULT false,
    start_logging_time timestamptz,
    stop_logging_time timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (owner_account_id, home_region, name)
);

-- What a member account's reads need: the organization trails reaching it, whatever the organization's size.
CREATE INDEX trails_by_organization ON trails (organization_id) WHERE organization_id IS NOT NULL;

-- What the delivery stage last did for a trail in one region: a multi-region trail has its own delivery times
-- and errors in each region (GetTrailStatus answers per region). A row appears when the delivery stage first
-- works for that trail in that region, never when a region or an account is added.
CREATE TABLE trail_delivery_status (
    trail_id bigint NOT NULL REFERENCES trails (id) ON DELETE CASCADE,
    region text NOT NULL REFERENCES regions (name),
    latest_delivery_time timestamptz,
    latest_delivery_error text,
    latest_delivery_attempt_time timestamptz,
    latest_delivery_attempt_succeeded timestamptz,
    latest_digest_delivery_time timestamptz,
    latest_digest_delivery_error text,
    latest_notification_time timestamptz,
    latest_notification_error text,
    latest_notification_attempt_time timestamptz,
    latest_notification_attempt_succeeded timestamptz,
    latest_cloudwatch_logs_delivery_time timestamptz,
    latest_cloudwatch_logs_delivery_error text,
    PRIMARY KEY (trail_id, region)
);
