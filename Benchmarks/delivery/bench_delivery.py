#!/usr/bin/env python3
"""Delivery throughput: how fast a backlog of stored events becomes log files (and a digest) in a directory
bucket, and how fast `cairn validate-logs` checks them again.

Usage: python3 Benchmarks/delivery/bench_delivery.py [--binary .build-release/release/cairn] [--events 200000] [--kms]
Needs: wrk, psql.

Method: a release `cairn serve` on its own embedded PostgreSQL with delivery effectively off (an hour's
interval). One tenant, one logging trail with log file validation (and a KMS key id with --kms), one channel.
wrk replays a signed PutAuditEvents of 100 events until --events are stored; those are ActivityAuditLog events,
which the trail takes. The server stops and starts again on the same data directory with delivery every second
and a digest every second; the clock runs from "ready" until `trail_log_files` accounts for every stored event
of the logging window and its digest is written. events/s = events / that time. Memory: peak RSS (VmHWM) of
`cairn serve` during delivery. Then `cairn validate-logs` over the bucket, timed (files it checks / s).
There is no peer: moto and LocalStack do not deliver trail logs.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import audit_event_data, cairn_server, rss_kb, signed, wrk  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000009", "bench-root-secret-deliver-0123456789"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--kms", action="store_true")
    ap.add_argument("--port", type=int, default=18111)
    args = ap.parse_args()

    data = tempfile.mkdtemp(prefix="cairn-bench-delivery-")
    os.chmod(data, 0o755)
    quiet = {"CAIRN_DELIVERY_INTERVAL_SECONDS": "3600", "CAIRN_DIGEST_INTERVAL_SECONDS": "1"}
    with cairn_server(args.binary, args.port, KEY_ID, SECRET, extra_env=quiet, data=data) as server:
        import boto3
        account, key, secret = server.tenant("deliver")
        ct = boto3.client("cloudtrail", endpoint_url=server.endpoint, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
        settings = {"Name": "bench", "S3BucketName": "bench-logs", "EnableLogFileValidation": True}
        if args.kms:
            settings["KmsKeyId"] = "alias/bench"
        arn = ct.create_trail(**settings)["TrailARN"]
        ct.start_logging(Name=arn)
        channel = ct.create_channel(Name="bench", Source="Custom", Destinations=[
            {"Type": "EVENT_DATA_STORE", "Location": ct.create_event_data_store(Name="bench", AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["ActivityAuditLog"]}]}])["EventDataStoreArn"]}])["ChannelArn"]
        body = json.dumps({"auditEvents": [{"id": f"e-{i}", "eventData": audit_event_data(account, i)} for i in range(100)]})
        path = "/PutAuditEvents?channelArn=" + channel.replace(":", "%3A").replace("/", "%2F")
        headers = signed(server.endpoint, "POST", path, body, "cloudtrail-data", key, secret, {"content-type": "application/json"})
        while int(server.psql(f"SELECT count(*) FROM events WHERE account_id = '{account}'")) < args.events:
            wrk(server.endpoint + path, headers, 5, 8, method="POST", body=body)
        window = f"account_id = '{account}' AND event_time >= (SELECT start_logging_time FROM trails WHERE name = 'bench')"
        expected = int(server.psql(f"SELECT count(*) FROM events WHERE {window}"))

    loud = {"CAIRN_DELIVERY_INTERVAL_SECONDS": "1", "CAIRN_DIGEST_INTERVAL_SECONDS": "1"}
    with cairn_server(args.binary, args.port, KEY_ID, SECRET, extra_env=loud, data=data) as server:
        started = time.time()
        while True:
            delivered = int(server.psql("SELECT coalesce(sum(event_count), 0) FROM trail_log_files") or 0)
            digested = server.psql("SELECT count(*) FROM trail_log_files WHERE awaiting_digest") == "0"
            if delivered >= expected and digested:
                break
            time.sleep(0.2)
        elapsed = time.time() - started
        peak = rss_kb(server.process.pid, "VmHWM") / 1024
        files = int(server.psql("SELECT count(*) FROM trail_log_files"))
        bucket = os.path.join(data, "buckets", "bench-logs")
        size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(bucket) for f in fs)
        begin = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started - 3600))
        env = dict(os.environ, CAIRN_DATA_DIR=data, CAIRN_MIGRATIONS_DIR=os.path.abspath("migrations"), CAIRN_LOG_LEVEL="warning")
        t0 = time.time()
        check = subprocess.run([args.binary, "validate-logs", "--trail-arn", arn, "--start-time", begin], env=env, capture_output=True, text=True)
        validated = time.time() - t0

    print(f"events delivered: {expected} in {elapsed:.2f} s = {expected / elapsed:,.0f} events/s "
          f"({files} log files, {size / 1e6:.1f} MB in the bucket{', encrypted' if args.kms else ''})")
    print(f"peak RSS of cairn serve while delivering: {peak:.1f} MB")
    print(f"cairn validate-logs: exit {check.returncode} in {validated:.2f} s; {check.stdout.strip().splitlines()[-2:]}")
    subprocess.run(["rm", "-rf", data])


if __name__ == "__main__":
    main()
