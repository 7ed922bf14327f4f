#!/usr/bin/env python3
"""Signed CloudTrail DescribeTrails, Cairn beside moto_server in one run: same client (wrk), same connection
count, same request shape. Cairn authenticates (SigV4 against its database), authorizes with the policy
engine and commits a CloudTrail event for every call before answering; moto does none of that.

Usage: python3 Benchmarks/events/bench_describe_trails.py [--binary .build-release/release/cairn] [--seconds 10] [--connections 16]
Needs: wrk, boto3, moto[server] (pip install 'moto[server]').
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import cairn_server, cloudtrail_wrk, rss_kb, wait_ready  # noqa: E402

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
            print(json.dumps(results, indent=2))
    finally:
        moto.terminate()
        moto.wait(timeout=60)


if __name__ == "__main__":
    main()
