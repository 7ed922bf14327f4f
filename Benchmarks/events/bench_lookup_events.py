#!/usr/bin/env python3
"""LookupEvents over a large event history: p50/p99 of typical lookups on one account and region holding
--events stored events (default 10 million) spread over 90 days.

Usage: python3 Benchmarks/events/bench_lookup_events.py [--binary .build-release/release/cairn] [--events 10000000]
Needs: wrk, boto3, psql.

Method: a release `cairn serve` on its own embedded PostgreSQL. One tenant account makes a few real calls; then
the history is filled by one SQL statement that writes synthetic events of that account in the shape Cairn
stores them (records about 600 bytes; 40 event names, 200 user names, 1,000 resource names; daily partitions
made first), and the table is VACUUMed and ANALYZEd, as autovacuum leaves a table that has settled (without it,
the first reads of each page set its hint bits and write it back, which is the fill's cost, not a lookup's).
Each lookup shape is then driven by wrk (2 connections) as the account's root through the CloudTrail JSON 1.1
door, first for --warmup seconds (not counted), then for --seconds; every call is authenticated, authorized,
and commits its own event before answering, as always.

With --data DIR the filled data directory is kept in DIR and reused by later runs (the fill takes about a
quarter of an hour for 10 million events), so a rerun measures the lookups only.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import cairn_server, cloudtrail_wrk, filled_tenant, keep_data  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000004", "bench-root-secret-lookup-0123456789ab"

FILL = """
SELECT cairn_ensure_event_partitions((now() AT TIME ZONE 'UTC')::date - 91, 100);
INSERT INTO events (event_id, event_time, account_id, region, event_source, event_name, read_only, username,
                    access_key_id, event_category, error_code, resource_types, resource_names, record)
SELECT id, t, '{account}', 'us-east-1', src, name, ro, usr, 'AKIASYNTHETIC' || (i % 50), 'Management', NULL,
       ARRAY['AWS::CloudTrail::Trail'], ARRAY['arn:aws:cloudtrail:us-east-1:{account}:trail/t-' || (i % 1000)],
       jsonb_build_object(
         'eventVersion', '1.11', 'eventTime', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         'eventSource', src, 'eventName', name, 'awsRegion', 'us-east-1', 'sourceIPAddress', '203.0.113.' || (i % 250),
         'userAgent', 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64', 'requestID', gen_random_uuid()::text,
         'eventID', id::text, 'readOnly', ro, 'eventType', 'AwsApiCall', 'managementEvent', true,
         'recipientAccountId', '{account}', 'eventCategory', 'Management',
         'userIdentity', jsonb_build_object('type', 'IAMUser', 'principalId', 'AIDASYNTHETIC' || (i % 200),
             'arn', 'arn:aws:iam::{account}:user/' || usr, 'accountId', '{account}', 'accessKeyId', 'AKIASYNTHETIC' || (i % 50),
             'userName', usr),
         'requestParameters', jsonb_build_object('name', 't-' || (i % 1000)),
         'resources', jsonb_build_array(jsonb_build_object('ARN', 'arn:aws:cloudtrail:us-east-1:{account}:trail/t-' || (i % 1000),
             'accountId', '{account}', 'type', 'AWS::CloudTrail::Trail')))
FROM (
  SELECT i, gen_random_uuid() AS id,
         now() - interval '89 days' + (i::double precision / {count}) * interval '89 days' AS t,
         CASE WHEN i % 3 = 0 THEN 'iam.amazonaws.com' ELSE 'cloudtrail.amazonaws.com' END AS src,
         'Synthetic' || (i % 40) AS name, i % 2 = 0 AS ro, 'user-' || (i % 200) AS usr
  FROM generate_series(1, {count}) AS i
) s;
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--port", type=int, default=18097)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--data", help="keep the filled data directory here and reuse it on later runs")
    args = ap.parse_args()

    saved = os.path.join(args.data, "bench-lookup.json") if args.data else None
    keep_data(args.data)
    with cairn_server(args.binary, args.port, KEY_ID, SECRET, data=args.data) as server:
        account, key, secret, fill_s = filled_tenant(server, saved, "history", args.events, FILL)
        stored = int(server.psql(f"SELECT count(*) FROM events WHERE account_id = '{account}'"))
        size = server.psql(
            "SELECT pg_size_pretty(sum(pg_total_relation_size(c.oid))) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
            " WHERE i.inhparent = 'events'::regclass")

        def attr(k, v):
            return {"LookupAttributes": [{"AttributeKey": k, "AttributeValue": v}]}

        now = time.time()
        shapes = {
            "newest 50, no attribute": {},
            "EventName (1 in 40)": attr("EventName", "Synthetic7"),
            "Username (1 in 200)": attr("Username", "user-42"),
            "ResourceName (1 in 1,000)": attr("ResourceName", f"arn:aws:cloudtrail:us-east-1:{account}:trail/t-7"),
            "AccessKeyId (1 in 50)": attr("AccessKeyId", "AKIASYNTHETIC7"),
            "ReadOnly": attr("ReadOnly", "false"),
            "ReadOnly true": attr("ReadOnly", "true"),
            "EventName, one day 45 days ago": dict(attr("EventName", "Synthetic7"), StartTime=now - 46 * 86400, EndTime=now - 45 * 86400),
            "no attribute, one hour 60 days ago": {"StartTime": now - 60 * 86400 - 3600, "EndTime": now - 60 * 86400},
        }
        results = {"events_stored": stored, "events_table_size": size, "fill_seconds": fill_s and round(fill_s), "lookups": {}}
        for name, request in shapes.items():
            if args.warmup:
                cloudtrail_wrk(server.endpoint, "LookupEvents", request, key, secret, args.warmup, 2)
            results["lookups"][name] = cloudtrail_wrk(server.endpoint, "LookupEvents", request, key, secret, args.seconds, 2)
            print(name, json.dumps(results["lookups"][name]), flush=True)
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
