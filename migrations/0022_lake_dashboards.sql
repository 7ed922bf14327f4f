-- CloudTrail Lake dashboards: widgets are saved queries; a refresh starts one Lake query per widget, which
-- DescribeQuery and GetQueryResults then find by the widget's alias and the refresh's id.
CREATE TABLE lake_dashboards (
    id uuid PRIMARY KEY,
    account_id text NOT NULL REFERENCES accounts (id),
    region text NOT NULL REFERENCES regions (name),
    name text NOT NULL CHECK (length(name) BETWEEN 3 AND 128),
    widgets jsonb NOT NULL,
    refresh_schedule jsonb,
    termination_protection boolean NOT NULL,
    tags jsonb NOT NULL DEFAULT '[]',
    status text NOT NULL CHECK (status IN ('CREATED', 'UPDATED')),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    last_refresh_id text,
    UNIQUE (account_id, region, name)
);

ALTER TABLE lake_queries ADD COLUMN query_alias text, ADD COLUMN refresh_id text;
CREATE INDEX lake_queries_by_refresh ON lake_queries (account_id, refresh_id) WHERE refresh_id IS NOT NULL;
