#!/usr/bin/env python3
"""The signed path against the cheapest answer, in one run: `GET /healthz` (no work), signed CloudTrail
DescribeTrails over JSON 1.1, the same read over REST (`GET /v1/trails`, signed for `cairn`), and moto_server's
DescribeTrails beside them. Every Cairn call authenticates with SigV4, is authorized by the policy engine, reads
the caller's trails and commits its event before answering.

Usage: python3 Benchmarks/http/bench_signed_path.py [--binary .build-static/release/cairn] [--seconds 10]
                                                     [--connections 16] [--rounds 3] [--no-moto]
Needs: wrk, boto3, botocore, moto[server]. The binary measured is the one deployed, with the Swift runtime linked in:
  swift build -c release --scratch-path .build-static --product cairn --static-swift-stdlib
(its own scratch path: the other benchmarks' shared-runtime build in .build-release would otherwise be rebuilt whole).

The cases run in rounds, each round every case once in turn, so that noise on the shared machine hits all alike;
the report gives each case's median requests/s over the rounds, the ratios of medians the issue asks for
(DescribeTrails over /healthz, REST over DescribeTrails), the CPU per call by part (Cairn, its PostgreSQL, wrk),
and peak memory.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import CPUMeter, cairn_server, cloudtrail_wrk, rss_kb, signed, wait_ready, wrk  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000007", "bench-root-secret-path-0123456789abcdef"
MOTO_PORT = 18097


def prepare(endpoint, key, secret, bucket=False):
    if bucket:
        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key,
                     aws_secret_access_key=secret).create_bucket(Bucket="bench-logs")
    ct = boto3.client("cloudtrail", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
    if not ct.describe_trails()["trailList"]:
        ct.create_trail(Name="bench-trail", S3BucketName="bench-logs", IsMultiRegionTrail=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-static/release/cairn")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-moto", action="store_true")
    args = ap.parse_args()

    moto = None
    if not args.no_moto:
        moto = subprocess.Popen([shutil.which("moto_server") or "moto_server", "-p", str(MOTO_PORT)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with cairn_server(args.binary, 18098, KEY_ID, SECRET) as cairn:
            time.sleep(3)
            # RssFile is the binary's and the libraries' pages mapped from the page cache: shared, reclaimable, and
            # larger when the binary's file is already cached (the kernel maps cached neighbours of a faulted page).
            idle = {"cairn_rss_kb": rss_kb(cairn.process.pid), "cairn_rss_anon_kb": rss_kb(cairn.process.pid, "RssAnon"),
                    "cairn_rss_file_kb": rss_kb(cairn.process.pid, "RssFile")}
            prepare(cairn.endpoint, KEY_ID, SECRET)
            moto_endpoint = f"http://127.0.0.1:{MOTO_PORT}"
            if moto:
                wait_ready(moto_endpoint + "/")
                prepare(moto_endpoint, "testing", "testing", bucket=True)
                idle["moto_rss_kb"] = rss_kb(moto.pid)
            rest_headers = signed(cairn.endpoint, "GET", "/v1/trails", None, "cairn", KEY_ID, SECRET)
            cases = {
                "healthz": lambda: wrk(cairn.endpoint + "/healthz", {}, args.seconds, args.connections),
                "describe_trails": lambda: cloudtrail_wrk(cairn.endpoint, "DescribeTrails", {}, KEY_ID, SECRET, args.seconds, args.connections),
                "rest_trails": lambda: wrk(cairn.endpoint + "/v1/trails", rest_headers, args.seconds, args.connections),
            }
            if moto:
                cases["moto_describe_trails"] = lambda: cloudtrail_wrk(
                    moto_endpoint, "DescribeTrails", {}, "testing", "testing", args.seconds, args.connections)
            runs = {name: [] for name in cases}
            cpu = {name: [] for name in cases if not name.startswith("moto")}
            meter = CPUMeter(cairn.process.pid, cairn.data)
            for _ in range(args.rounds):
                for name, case in cases.items():
                    with meter:
                        result = case()
                    runs[name].append(result)
                    if name in cpu:
                        cpu[name].append(meter.per_call_us(result["rps"] * args.seconds))
            median = {name: statistics.median(r["rps"] for r in results) for name, results in runs.items()}
            report = {
                "idle": idle,
                "median_rps": {k: round(v) for k, v in median.items()},
                "describe_trails_over_healthz": round(median["describe_trails"] / median["healthz"], 3),
                "rest_over_describe_trails": round(median["rest_trails"] / median["describe_trails"], 3),
                "cpu_us_per_call_median": {
                    name: {part: statistics.median(c[part] for c in calls) for part in ("server", "postgres", "client")}
                    for name, calls in cpu.items()
                },
                "p50_p99": {name: [(r["p50"], r["p99"]) for r in results] for name, results in runs.items()},
                "non2xx": {name: sum(r["non2xx"] for r in results) for name, results in runs.items()},
                "loaded": {"cairn_peak_rss_kb": rss_kb(cairn.process.pid, "VmHWM")},
                "runs_rps": {name: [round(r["rps"]) for r in results] for name, results in runs.items()},
            }
            if moto:
                report["describe_trails_over_moto"] = round(median["describe_trails"] / median["moto_describe_trails"], 2)
                report["loaded"]["moto_peak_rss_kb"] = rss_kb(moto.pid, "VmHWM")
            print(json.dumps(report, indent=2))
    finally:
        if moto:
            moto.terminate()
            moto.wait(timeout=60)


if __name__ == "__main__":
    main()
