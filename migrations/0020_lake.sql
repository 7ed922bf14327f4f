-- CloudTrail Lake: event data stores and the queries over them.
--
-- A store holds no copy of any event. Its events are derived from the event log when a query reads them: the
-- events of its accounts (its owner's, or every member's for an organization store), of its region (or every
-- region), of the kind its selectors choose, within its retention, and within the windows in which it was
-- ingesting. The write path stays one INSERT per event however many stores there are, and a store's contents
-- can never disagree with the event log.

CREATE TABLE event_data_stores (
    id uuid PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    region text NOT NULL REFERENCES regions (name),
    name text NOT NULL CHECK (length(name) BETWEEN 3 AND 128),
    status text NOT NULL CHECK (status IN ('CREATED', 'ENABLED', 'PENDING_DELETION', 'STARTING_INGESTION', 'STOPPING_INGESTION', 'STOPPED_INGESTION')),
    -- The status to return to when a store pending deletion is restored.
    status_before_deletion text,
    -- The kind of events the store holds, from its selectors: 'Management' (CloudTrail events), 'ActivityAuditLog'
    -- (events from channels that name the store) or 'Insight'.
    category text NOT NULL CHECK (category IN ('Management', 'ActivityAuditLog', 'Insight')),
    advanced_event_selectors jsonb NOT NULL,
    multi_region boolean NOT NULL,
    organization_enabled boolean NOT NULL,
    retention_days integer NOT NULL CHECK (retention_days BETWEEN 7 AND 3653),
    termination_protection boolean NOT NULL,
    kms_key_id text,
    billing_mode text NOT NULL CHECK (billing_mode IN ('EXTENDABLE_RETENTION_PRICING', 'FIXED_RETENTION_PRICING')),
    tags jsonb NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    deletion_requested_at timestamptz,
    CHECK ((status = 'PENDING_DELETION') = (deletion_requested_at IS NOT NULL))
);
CREATE UNIQUE INDEX event_data_stores_name ON event_data_stores (account_id, region, name);

-- When a store was collecting. The open window has no end; StopEventDataStoreIngestion closes it and
-- StartEventDataStoreIngestion opens the next.
CREATE TABLE event_data_store_ingestion (
    store_id uuid NOT NULL REFERENCES event_data_stores (id) ON DELETE CASCADE,
    started_at timestamptz NOT NULL,
    stopped_at timestamptz,
    PRIMARY KEY (store_id, started_at),
    CHECK (stopped_at IS NULL OR stopped_at >= started_at)
);

CREATE TABLE lake_queries (
    id uuid PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    region text NOT NULL,
    -- The stores the statement names; ListQueries and DescribeQuery find a query through any of them.
    store_ids uuid[] NOT NULL,
    statement text NOT NULL,
    status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'FINISHED', 'FAILED', 'CANCELLED', 'TIMED_OUT')),
    error_message text,
    columns text[] NOT NULL DEFAULT '{}',
    events_matched bigint NOT NULL DEFAULT 0,
    events_scanned bigint NOT NULL DEFAULT 0,
    bytes_scanned bigint NOT NULL DEFAULT 0,
    execution_ms bigint NOT NULL DEFAULT 0,
    result_count bigint NOT NULL DEFAULT 0,
    delivery_s3_uri text,
    delivery_status text,
    created_at timestamptz NOT NULL,
    finished_at timestamptz
);
CREATE INDEX lake_queries_by_store ON lake_queries USING gin (store_ids);
CREATE INDEX lake_queries_by_account ON lake_queries (account_id, region, created_at);
CREATE INDEX lake_queries_finished ON lake_queries (finished_at);

-- A finished query's rows, kept for paging for seven days (with their query).
CREATE TABLE lake_query_results (
    query_id uuid NOT NULL REFERENCES lake_queries (id) ON DELETE CASCADE,
    position integer NOT NULL,
    row_values text[] NOT NULL,
    PRIMARY KEY (query_id, position)
);

-- The role a Lake query runs as. It may read the event log and call the functions compiled queries use, and
-- nothing else; row-level security lets it see only the accounts the running query may read, which the service
-- names in the transaction setting cairn.lake_accounts before it switches to the role. The compiler already
-- confines a query to its stores; this is the second wall.
DO $$
BEGIN
    CREATE ROLE cairn_lake_reader NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
    NULL;
END;
$$;
DO $$
BEGIN
    EXECUTE format('GRANT cairn_lake_reader TO %I', current_user);
EXCEPTION WHEN OTHERS THEN
    NULL;
END;
$$;
GRANT cairn_lake_reader TO cairn_service;
GRANT USAGE ON SCHEMA public TO cairn_lake_reader;
GRANT SELECT ON events TO cairn_lake_reader;

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY events_service ON events TO cairn_service USING (true) WITH CHECK (true);
CREATE POLICY events_lake ON events FOR SELECT TO cairn_lake_reader
    USING (account_id = ANY (string_to_array(current_setting('cairn.lake_accounts', true), ',')));

-- The functions compiled Lake queries call (Sources/CairnCore/Lake). They read only their arguments.
-- SQL functions that compiled CloudTrail Lake queries call (see Sources/CairnCore/Lake). Each one exists because
-- PostgreSQL's own operators differ from Trino's in a way a query can observe: jsonb prints `{"a": 1}` where Lake's
-- map values are compact JSON text, casts raise where Trino's JSON and TRY_CAST functions return NULL, and Trino
-- renders doubles as Java does. All are IMMUTABLE, PARALLEL SAFE, and never raise on malformed record data.

-- Compact JSON text (no spaces after ',' or ':'), as CloudTrail writes nested values inside its maps. jsonb's own
-- text puts exactly one space after each separator outside strings; strings are matched whole so spaces inside
-- them stay. Keys come out in jsonb's order (shorter first), not the order the record was written in.
CREATE OR REPLACE FUNCTION cairn_lake_compact(value jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT regexp_replace(value::text, '("(?:[^"\\]|\\.)*")|([,:]) ', '\1\2', 'g') $$;

-- A map value or JSON scalar as Lake's varchar shows it: a string without quotes, a number or boolean as its text,
-- an object or array as compact JSON, JSON null as NULL.
CREATE OR REPLACE FUNCTION cairn_lake_text(value jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE jsonb_typeof(value)
        WHEN 'string' THEN value #>> '{}'
        WHEN 'null' THEN NULL
        WHEN 'object' THEN cairn_lake_compact(value)
        WHEN 'array' THEN cairn_lake_compact(value)
        ELSE value::text
    END
$$;

-- json_extract_scalar: a scalar's text; NULL for objects, arrays and JSON null.
CREATE OR REPLACE FUNCTION cairn_lake_scalar(value jsonb) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(value) IN ('object', 'array', 'null') THEN NULL ELSE value #>> '{}' END $$;

-- Text parsed as JSON, or NULL when it is not JSON (Trino's JSON functions return NULL there; a jsonb cast raises).
-- Only text that can start a JSON value reaches the guarded cast.
CREATE OR REPLACE FUNCTION cairn_lake_jsonb(value text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
    IF value !~ '^\s*[\[{"0-9tfn-]' THEN
        RETURN NULL;
    END IF;
    BEGIN
        RETURN value::jsonb;
    EXCEPTION WHEN others THEN
        RETURN NULL;
    END;
END
$$;

-- A value read from a record as JSON input: a JSON string holds JSON text (as Lake's map values do) and is parsed;
-- anything else is already JSON.
CREATE OR REPLACE FUNCTION cairn_lake_json(value jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(value) = 'string' THEN cairn_lake_jsonb(value #>> '{}') ELSE value END $$;

CREATE OR REPLACE FUNCTION cairn_lake_object(value jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(value) = 'object' THEN value END $$;

CREATE OR REPLACE FUNCTION cairn_lake_array(value jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(value) = 'array' THEN value END $$;

-- Trino's timestamp text ('2024-03-01 12:00:00.000', a bare date, or ISO 8601 with 'T' and a zone) as a UTC
-- timestamp, or NULL when it is not one. Ranges are checked before make_timestamp so nothing raises.
CREATE OR REPLACE FUNCTION cairn_lake_timestamp(value text) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    m text[];
    y int; mo int; d int; h int; mi int; s double precision; zone text;
    result timestamp;
BEGIN
    m := regexp_match(value,
        '^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?\s*$');
    IF m IS NULL THEN
        RETURN NULL;
    END IF;
    y := m[1]::int; mo := m[2]::int; d := m[3]::int;
    h := coalesce(m[4], '0')::int; mi := coalesce(m[5], '0')::int;
    s := coalesce(m[6], '0')::int + coalesce(('0' || m[7])::double precision, 0);
    IF y < 1 OR mo NOT BETWEEN 1 AND 12 OR d < 1 OR h > 23 OR mi > 59 OR s >= 60
        OR d > extract(day FROM make_date(y, mo, 1) + interval '1 month' - interval '1 day') THEN
        RETURN NULL;
    END IF;
    result := make_timestamp(y, mo, d, h, mi, s);
    IF m[8] IS NOT NULL AND m[8] NOT IN ('Z', 'UTC') THEN
        zone := replace(m[8], ':', '');
        result := result - (CASE WHEN left(zone, 1) = '-' THEN -1 ELSE 1 END)
            * make_interval(hours => substr(zone, 2, 2)::int, mins => (CASE WHEN length(zone) = 5 THEN right(zone, 2)::int ELSE 0 END));
    END IF;
    RETURN result;
END
$$;

-- TRY_CAST(varchar AS bigint): NULL unless the text is an integer that fits.
CREATE OR REPLACE FUNCTION cairn_lake_bigint(value text) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE WHEN value ~ '^\s*[+-]?0*\d{1,18}\s*$' THEN value::bigint
                WHEN value ~ '^\s*[+-]?0*\d{19}\s*$' AND ltrim(btrim(value), '+-0') <= '9223372036854775807' THEN value::bigint
           END
$$;

-- TRY_CAST(varchar AS double): NULL unless the text is a number a double can hold (no overflow or underflow raise).
CREATE OR REPLACE FUNCTION cairn_lake_double(value text) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN value ~* '^\s*[+-]?(infinity|nan)\s*$' THEN value::double precision
        WHEN length(value) <= 1000 AND value ~ '^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,4})?\s*$'
            AND (value::numeric = 0 OR abs(value::numeric) BETWEEN 2.3e-308 AND 1.7976931348623157e308)
            THEN value::numeric::double precision
    END
$$;

-- A double as Trino prints it (Java's Double.toString): '3.0', '0.25', '1.0E7', '1.5E-4'.
CREATE OR REPLACE FUNCTION cairn_lake_double_text(value double precision) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
    s text; mantissa text; exponent int := 0; digits text; point int; zeros int; sign text := '';
BEGIN
    IF value = 'NaN'::double precision THEN RETURN 'NaN'; END IF;
    IF value = 'Infinity'::double precision THEN RETURN 'Infinity'; END IF;
    IF value = '-Infinity'::double precision THEN RETURN '-Infinity'; END IF;
    IF value = 0 THEN RETURN CASE WHEN value::text LIKE '-%' THEN '-0.0' ELSE '0.0' END; END IF;
    IF value < 0 THEN sign := '-'; END IF;
    s := abs(value)::text;
    IF position('e' IN s) > 0 THEN
        mantissa := split_part(s, 'e', 1);
        exponent := split_part(s, 'e', 2)::int;
    ELSE
        mantissa := s;
    END IF;
    digits := split_part(mantissa, '.', 1) || split_part(mantissa, '.', 2);
    point := length(split_part(mantissa, '.', 1)) + exponent;
    zeros := length(digits) - length(ltrim(digits, '0'));
    digits := rtrim(ltrim(digits, '0'), '0');
    point := point - zeros;
    IF abs(value) >= 1e-3 AND abs(value) < 1e7 THEN
        IF point <= 0 THEN
            RETURN sign || '0.' || repeat('0', -point) || digits;
        ELSIF point >= length(digits) THEN
            RETURN sign || digits || repeat('0', point - length(digits)) || '.0';
        END IF;
        RETURN sign || left(digits, point) || '.' || substr(digits, point + 1);
    END IF;
    RETURN sign || left(digits, 1) || '.' || coalesce(nullif(substr(digits, 2), ''), '0') || 'E' || (point - 1)::text;
END
$$;

-- cardinality(): elements of an array, entries of a map.
CREATE OR REPLACE FUNCTION cairn_lake_cardinality(value jsonb) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE jsonb_typeof(value)
        WHEN 'array' THEN jsonb_array_length(value)::bigint
        WHEN 'object' THEN (SELECT count(*) FROM jsonb_object_keys(value))
    END
$$;

CREATE OR REPLACE FUNCTION cairn_lake_json_array_length(value jsonb) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(value) = 'array' THEN jsonb_array_length(value)::bigint END $$;

CREATE OR REPLACE FUNCTION cairn_lake_json_array_contains(value jsonb, element jsonb) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN jsonb_typeof(value) = 'array' THEN value @> jsonb_build_array(element) END $$;

-- map_keys / map_values of a map held as a jsonb object; values come out as Lake's varchar text.
CREATE OR REPLACE FUNCTION cairn_lake_map_keys(value jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT coalesce(jsonb_agg(k), '[]'::jsonb) FROM jsonb_object_keys(cairn_lake_object(value)) AS k $$;

CREATE OR REPLACE FUNCTION cairn_lake_map_values(value jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT coalesce(jsonb_agg(to_jsonb(cairn_lake_text(e.v))), '[]'::jsonb) FROM jsonb_each(cairn_lake_object(value)) AS e(k, v) $$;

CREATE OR REPLACE FUNCTION cairn_lake_array_distinct(value jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT coalesce(jsonb_agg(d.v ORDER BY d.o), '[]'::jsonb)
    FROM (SELECT e.v, min(e.o) AS o FROM jsonb_array_elements(cairn_lake_array(value)) WITH ORDINALITY AS e(v, o) GROUP BY e.v) AS d
$$;

-- slice(array, start, length): 1-based start, negative from the end, as Trino.
CREATE OR REPLACE FUNCTION cairn_lake_slice(value jsonb, start bigint, length bigint) RETURNS jsonb
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT coalesce(jsonb_agg(e.v ORDER BY e.o), '[]'::jsonb)
    FROM jsonb_array_elements(cairn_lake_array(value)) WITH ORDINALITY AS e(v, o)
    WHERE start <> 0 AND length >= 0
      AND e.o >= (CASE WHEN start > 0 THEN start ELSE jsonb_array_length(value) + start + 1 END)
      AND e.o < (CASE WHEN start > 0 THEN start ELSE jsonb_array_length(value) + start + 1 END) + length
$$;

CREATE OR REPLACE FUNCTION cairn_lake_array_join(value jsonb, delimiter text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT coalesce(string_agg(cairn_lake_text(e.v), delimiter ORDER BY e.o), '')
    FROM jsonb_array_elements(cairn_lake_array(value)) WITH ORDINALITY AS e(v, o)
    WHERE jsonb_typeof(e.v) <> 'null'
$$;

-- substr with Trino's positions: 1-based, negative counts from the end, 0 gives ''.
CREATE OR REPLACE FUNCTION cairn_lake_substr(value text, start bigint, length bigint DEFAULT NULL) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN value IS NULL OR start IS NULL THEN NULL
        WHEN start = 0 OR abs(start) > char_length(value) OR length < 0 THEN ''
        WHEN length IS NULL THEN substr(value, (CASE WHEN start > 0 THEN start ELSE char_length(value) + start + 1 END)::int)
        ELSE substr(value, (CASE WHEN start > 0 THEN start ELSE char_length(value) + start + 1 END)::int, least(length, 2147483647)::int)
    END
$$;

-- split_part: NULL (not '') past the last field, as Trino.
CREATE OR REPLACE FUNCTION cairn_lake_split_part(value text, delimiter text, index bigint) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT CASE WHEN index >= 1 AND index <= cardinality(string_to_array(value, delimiter)) THEN split_part(value, delimiter, index::int) END
$$;

-- arbitrary(x): the first non-NULL value (PostgreSQL 15 has no any_value). A strict transition function with no
-- initial state starts from the first non-NULL input and keeps it.
CREATE OR REPLACE FUNCTION cairn_lake_keep(kept anyelement, ignored anyelement) RETURNS anyelement
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT kept $$;

CREATE OR REPLACE AGGREGATE cairn_lake_arbitrary(anyelement) (
    SFUNC = cairn_lake_keep,
    STYPE = anyelement,
    COMBINEFUNC = cairn_lake_keep,
    PARALLEL = SAFE
);
