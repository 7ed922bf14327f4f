-- Cairn's foundation: regions, accounts, credentials, and the event log every call writes to.

CREATE TABLE regions (
    name text PRIMARY KEY CHECK (name ~ '^[a-z0-9]+(-[a-z0-9]+)+-[0-9]+$' AND length(name) <= 32),
    added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
    id text PRIMARY KEY CHECK (id ~ '^[0-9]{12}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    email text NOT NULL CHECK (length(email) BETWEEN 6 AND 64),
    status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    is_operator boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- Exactly one operator account: the bootstrap one.
CREATE UNIQUE INDEX accounts_one_operator ON accounts (is_operator) WHERE is_operator;
CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));

-- Long-term access keys. The secret is sealed with the master key (AES-GCM); it is never stored in clear.
CREATE TABLE access_keys (
    access_key_id text PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    principal_type text NOT NULL CHECK (principal_type IN ('Root', 'IAMUser')),
    principal_arn text NOT NULL,
    principal_id text NOT NULL,
    user_name text,
    status text NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'Inactive')),
    secret_sealed bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX access_keys_principal ON access_keys (account_id, principal_arn);

-- One CloudTrail record per call. Partitioned by day so that retention drops whole partitions; the lookup
-- attributes are columns, the record itself is JSONB. A default partition catches rows for days whose
-- partition has not been made yet, so no insert can fail for want of one.
CREATE TABLE events (
    event_id uuid NOT NULL,
    event_time timestamptz NOT NULL,
    account_id text NOT NULL,
    region text NOT NULL,
    event_source text NOT NULL,
    event_name text NOT NULL,
    read_only boolean NOT NULL,
    username text,
    access_key_id text,
    event_category text NOT NULL DEFAULT 'Management',
    error_code text,
    resource_types text[] NOT NULL DEFAULT '{}',
    resource_names text[] NOT NULL DEFAULT '{}',
    record jsonb NOT NULL,
    PRIMARY KEY (event_id, event_time)
) PARTITION BY RANGE (event_time);

CREATE TABLE events_default PARTITION OF events DEFAULT;

CREATE INDEX events_by_account_time ON events (account_id, region, event_time DESC);
CREATE INDEX events_by_name ON events (account_id, region, event_name, event_time DESC);
CREATE INDEX events_by_source ON events (account_id, region, event_source, event_time DESC);
CREATE INDEX events_by_username ON events (account_id, region, username, event_time DESC);
CREATE INDEX events_by_access_key ON events (account_id, region, access_key_id, event_time DESC);

-- Makes the daily partitions for a range of days. A day whose rows already sit in the default partition is
-- left there (PostgreSQL would refuse the new partition), which loses nothing.
CREATE FUNCTION cairn_ensure_event_partitions(first_day date, days integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    d date;
    made integer := 0;
    part text;
BEGIN
    FOR i IN 0 .. days - 1 LOOP
        d := first_day + i;
        part := 'events_' || to_char(d, 'YYYYMMDD');
        IF to_regclass(part) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                               part, d::timestamp AT TIME ZONE 'UTC', (d + 1)::timestamp AT TIME ZONE 'UTC');
                made := made + 1;
            EXCEPTION WHEN check_violation OR invalid_object_definition THEN
                NULL;
            END;
        END IF;
    END LOOP;
    RETURN made;
END;
$$;
