-- CloudTrail Insights. The evaluator keeps per-bucket call counts of management events (a bucket is
-- CAIRN_INSIGHTS_INTERVAL_SECONDS long) so that a baseline over days is a sum of small rows, not a scan of the
-- event log, and recounts the newest buckets on each pass (a late commit is never missed). An Insight under way is
-- a row of insights until it ends; its Start and End events are ordinary rows of events (event_category
-- 'Insight'), written in the same transaction as the row that opens or closes it, so an Insight is never started
-- twice nor left without its event, across processes and after kill -9.

CREATE TABLE insight_counts (
    account_id text NOT NULL,
    region text NOT NULL,
    event_source text NOT NULL,
    event_name text NOT NULL,
    -- '' for calls without an error.
    error_code text NOT NULL,
    bucket timestamptz NOT NULL,
    -- Every call (the error-rate Insight counts reads and writes) and the write calls (the call-rate Insight).
    calls integer NOT NULL CHECK (calls >= 0),
    writes integer NOT NULL CHECK (writes >= 0 AND writes <= calls),
    PRIMARY KEY (account_id, region, event_source, event_name, error_code, bucket)
);
CREATE INDEX insight_counts_by_bucket ON insight_counts (bucket);

CREATE TABLE insights (
    -- The Insight's id: the sharedEventID of its Start and End events.
    id uuid PRIMARY KEY,
    account_id text NOT NULL,
    region text NOT NULL,
    insight_type text NOT NULL CHECK (insight_type IN ('ApiCallRateInsight', 'ApiErrorRateInsight')),
    event_source text NOT NULL,
    event_name text NOT NULL,
    error_code text NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at timestamptz,
    -- Calls per minute over the baseline window, and the rate when it started.
    baseline_average double precision NOT NULL,
    start_average double precision NOT NULL,
    baseline_minutes integer NOT NULL,
    -- Error-rate Insights have an error code; call-rate ones have none.
    CHECK ((insight_type = 'ApiErrorRateInsight') = (error_code <> '')),
    CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- At most one Insight under way per account, region, type and API (and error code).
CREATE UNIQUE INDEX insights_one_open ON insights (account_id, region, insight_type, event_source, event_name, error_code)
    WHERE ended_at IS NULL;
CREATE INDEX insights_by_account ON insights (account_id, region, started_at DESC);

-- The evaluator's progress: the end of the last bucket it evaluated. One row; a pass takes it FOR UPDATE, so two
-- processes never evaluate the same bucket.
CREATE TABLE insight_progress (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    evaluated_through timestamptz NOT NULL
);
INSERT INTO insight_progress (evaluated_through) VALUES (now());

-- The evaluator recounts the newest buckets of every account from the event log by time alone; a BRIN index
-- serves that range at almost no cost to inserts (events arrive in time order).
CREATE INDEX events_by_time_brin ON events USING brin (event_time);
