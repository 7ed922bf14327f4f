#!/usr/bin/env python3
"""Ingestion throughput: PutAuditEvents (100 events a call, the most AWS allows) beside a plain PostgreSQL COPY
of the same rows into the same `events` table on the same server, one run.

Usage: python3 Benchmarks/events/bench_ingestion.py [--binary .build-release/release/cairn] [--seconds 10] [--connections 8]
Needs: wrk, boto3, psql.

Method: a release `cairn serve` on its own embedded PostgreSQL; one tenant account and one channel. wrk replays
one signed PutAuditEvents request of 100 valid events (ids repeat across requests, which AWS allows) for
--seconds: every call authenticates, authorizes, judges each event (JSON, required fields, recipient), and
commits the events and its own event in one transaction. events/s = requests/s × 100. Then COPY writes
the number of rows PutAuditEvents stored in the same time, as CSV in the same shape (same columns and
indexes), through psql's \\copy; events/s = rows / COPY's wall time.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import audit_event_data, cairn_server, signed, wrk  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000005", "bench-root-secret-ingest-0123456789ab"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--port", type=int, default=18098)
    args = ap.parse_args()

    with cairn_server(args.binary, args.port, KEY_ID, SECRET) as server:
        account, key, secret = server.tenant("ingest")
        ct = boto3.client("cloudtrail", endpoint_url=server.endpoint, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
        arn = ct.create_channel(Name="bench", Source="Custom", Destinations=[
            {"Type": "EVENT_DATA_STORE", "Location": ct.create_event_data_store(Name="bench", AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["ActivityAuditLog"]}]}])["EventDataStoreArn"]}])["ChannelArn"]
        body = json.dumps({"auditEvents": [{"id": f"e-{i}", "eventData": audit_event_data(account, i)} for i in range(100)]})
        path = "/PutAuditEvents?channelArn=" + arn.replace(":", "%3A").replace("/", "%2F")
        headers = signed(server.endpoint, "POST", path, body, "cloudtrail-data", key, secret, {"content-type": "application/json"})
        before = int(server.psql("SELECT count(*) FROM events WHERE event_category = 'ActivityAuditLog'"))
        run = wrk(server.endpoint + path, headers, args.seconds, args.connections, method="POST", body=body)
        stored = int(server.psql("SELECT count(*) FROM events WHERE event_category = 'ActivityAuditLog'")) - before
        ingest_eps = stored / args.seconds

        # COPY the same number of rows, shaped as PutAuditEvents stores them.
        rows = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="")
        w = csv.writer(rows)
        now = time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime())
        for i in range(stored):
            eid = str(uuid.uuid4())
            record = json.dumps({"eventVersion": "1.0", "eventCategory": "ActivityAuditLog", "eventType": "ActivityLog", "eventID": eid,
                                 "eventTime": now, "awsRegion": "us-east-1", "recipientAccountId": account,
                                 "metadata": {"ingestionTime": now, "channelARN": arn}, "eventData": json.loads(audit_event_data(account, i))})
            w.writerow([eid, now, account, "us-east-1", "billing.example.com", f"Action{i % 20}", "f", f"user-{i % 50}", "",
                        "ActivityAuditLog", "", "{}", "{}", record])
        rows.close()
        started = time.perf_counter()
        server.psql(f"\\copy events (event_id, event_time, account_id, region, event_source, event_name, read_only, username, "
                    f"access_key_id, event_category, error_code, resource_types, resource_names, record) FROM '{rows.name}' WITH (FORMAT csv)")
        copy_s = time.perf_counter() - started
        os.unlink(rows.name)
        copy_eps = stored / copy_s
        print(json.dumps({"put_audit_events": run, "events_stored": stored, "ingest_events_per_s": round(ingest_eps),
                          "copy_seconds": round(copy_s, 2), "copy_events_per_s": round(copy_eps),
                          "ratio_of_copy": round(ingest_eps / copy_eps, 2)}, indent=2))


if __name__ == "__main__":
    main()
