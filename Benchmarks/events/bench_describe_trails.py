#!/usr/bin/env python3
"""Signed CloudTrail DescribeTrails, Cairn beside moto_server in one run: same client (wrk), same connection
count, same request shape. Cairn authenticates (SigV4 against its database), authorizes with the policy
engine and commits a CloudTrail event for every call before answering; moto does none of that.

Usage: python3 Benchmarks/events/bench_describe_trails.py [--binary .build-release/release/cairn] [--seconds 10] [--connections 16]
Needs: wrk, boto3, moto[server] (pip install 'moto[server]'), psql.

It also measures, in the same run, what the machine's CPU allows (the "budget" section): the CPU time per call
of Cairn, of its PostgreSQL and of wrk (from /proc and getrusage), the same for `GET /healthz` (an endpoint that
does no work), and the PostgreSQL CPU time per row of a plain COPY of the DescribeTrails events this run
stored, with fresh ids, into the same table. At 50× moto's rate every call may use at most
cores × 1 s / (50 × moto's requests/s) of CPU; the budget compares that with the sum of the three parts no
implementation of a recorded call can avoid: the client's share, an empty endpoint's server share, and
storing one event at COPY's cost.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

import csv
import tempfile
import uuid

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import CPUMeter, cairn_server, cloudtrail_wrk, rss_kb, wait_ready, wrk  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000003", "bench-root-secret-moto-0123456789abcde"


def run(endpoint, key, secret, seconds, connections, needs_bucket=False):
    if needs_bucket:
        # moto checks that the bucket exists; Cairn resolves delivery targets at delivery time.
        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key,
                     aws_secret_access_key=secret).create_bucket(Bucket="bench-logs")
    ct = boto3.client("cloudtrail", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
    if not ct.describe_trails()["trailList"]:
        ct.create_trail(Name="bench-trail", S3BucketName="bench-logs", IsMultiRegionTrail=True)
    return cloudtrail_wrk(endpoint, "DescribeTrails", {}, key, secret, seconds, connections)


COLUMNS = ("event_id, event_time, account_id, region, event_source, event_name, read_only, username, access_key_id, "
           "event_category, error_code, resource_types, resource_names, record")


def budget(cairn, moto_rps, seconds, connections):
    """CPU per call of a recorded DescribeTrails, of /healthz and of COPYing one DescribeTrails event, beside the CPU
    per call that 50× moto's rate leaves on this machine."""
    meter = CPUMeter(cairn.process.pid, cairn.data)
    with meter:
        described = run(cairn.endpoint, KEY_ID, SECRET, seconds, connections)
    describe_us = meter.per_call_us(described["rps"] * seconds)
    with meter:
        health = wrk(cairn.endpoint + "/healthz", {}, seconds, connections)
    health_us = meter.per_call_us(health["rps"] * seconds)

    # COPY the events this run stored back into the same table with fresh ids: PostgreSQL's cheapest way in.
    rows = int(min(200_000, float(cairn.psql("SELECT count(*) FROM events WHERE event_name = 'DescribeTrails'"))))
    exported = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
    exported.close()
    cairn.psql(f"\\copy (SELECT {COLUMNS} FROM events WHERE event_name = 'DescribeTrails' LIMIT {rows}) TO '{exported.name}' WITH (FORMAT csv)")
    fresh = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="")
    writer = csv.writer(fresh)
    with open(exported.name, newline="") as f:
        for row in csv.reader(f):
            new_id = str(uuid.uuid4())
            row[13] = row[13].replace(row[0], new_id)
            row[0] = new_id
            writer.writerow(row)
    fresh.close()
    with meter:
        started = time.perf_counter()
        cairn.psql(f"\\copy events ({COLUMNS}) FROM '{fresh.name}' WITH (FORMAT csv)")
        copy_seconds = time.perf_counter() - started
    os.unlink(exported.name)
    os.unlink(fresh.name)
    copy_row_us = round(meter.postgres / rows * 1e6, 1)

    cores = os.cpu_count()
    target = 50 * moto_rps
    allowed_us = round(cores * 1e6 / target, 1)
    floor_us = round(describe_us["client"] + health_us["server"] + copy_row_us, 1)
    return {"cores": cores, "target_rps_50x_moto": round(target), "cpu_us_per_call_allowed": allowed_us,
            "describe_trails_cpu_us_per_call": describe_us, "describe_trails_rps": described["rps"],
            "healthz_cpu_us_per_call": health_us, "healthz_rps": health["rps"],
            "copy_rows": rows, "copy_rows_per_s": round(rows / copy_seconds), "copy_postgres_cpu_us_per_row": copy_row_us,
            "floor_cpu_us_per_call": floor_us, "floor_over_allowed": round(floor_us / allowed_us, 2),
            "describe_trails_total_over_allowed": round(sum(describe_us.values()) / allowed_us, 1)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=16)
    args = ap.parse_args()

    moto = subprocess.Popen([shutil.which("moto_server") or "moto_server", "-p", "18096"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with cairn_server(args.binary, 18095, KEY_ID, SECRET) as cairn:
            wait_ready("http://127.0.0.1:18096/")
            time.sleep(3)
            results = {"idle": {"cairn_rss_kb": rss_kb(cairn.process.pid), "moto_rss_kb": rss_kb(moto.pid)}}
            # Alternate the two so that background noise on the shared machine hits both alike.
            for round_ in range(2):
                results[f"moto_{round_}"] = run("http://127.0.0.1:18096", "testing", "testing", args.seconds, args.connections, needs_bucket=round_ == 0)
                results[f"cairn_{round_}"] = run(cairn.endpoint, KEY_ID, SECRET, args.seconds, args.connections)
            best = lambda name: max(results[f"{name}_{r}"]["rps"] for r in range(2))
            results["ratio_rps_best_rounds"] = round(best("cairn") / best("moto"), 1)
            results["loaded"] = {"cairn_peak_rss_kb": rss_kb(cairn.process.pid, "VmHWM"), "moto_peak_rss_kb": rss_kb(moto.pid, "VmHWM")}
            results["budget"] = budget(cairn, best("moto"), args.seconds, args.connections)
            print(json.dumps(results, indent=2))
    finally:
        moto.terminate()
        moto.wait(timeout=60)


if __name__ == "__main__":
    main()
