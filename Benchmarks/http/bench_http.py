#!/usr/bin/env python3
"""HTTP benchmark of a release `cairn serve`: memory idle and under load, and latency/throughput of
endpoints with and without authentication, authorization and event recording.

Usage: python3 Benchmarks/http/bench_http.py [--binary .build-release/release/cairn] [--seconds 15] [--connections 16]
Needs: wrk (Debian package), botocore (signs the requests once; a SigV4 signature stays valid 15 minutes).
Starts its own server on an embedded PostgreSQL in a temporary directory and stops it at the end.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import cairn_server, postgres_pids, rss_kb, signed, wrk  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000001", "bench-root-secret-0123456789abcdefghij"


def iam_user_with_policies(endpoint, count):
    """An IAM user with `count` attached managed policies (the last one allows the call), made through the IAM
    API (inline policies are capped at 2,048 characters per user in all, as in AWS)."""
    import boto3
    iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=KEY_ID,
                       aws_secret_access_key=SECRET)
    iam.create_user(UserName="bench")
    for i in range(count):
        action = "cairn:ListRegions" if i == count - 1 else f"cloudtrail:Describe{i}*"
        statements = [{"Effect": "Allow", "Action": action, "Resource": "*"},
                      {"Effect": "Deny", "Action": f"s3:Delete{i}*", "Resource": "*"},
                      {"Effect": "Allow", "Action": ["sts:Get*", f"iam:Get{i}*"], "Resource": "*",
                       "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}},
                      {"Effect": "Allow", "Action": "organizations:Describe*", "Resource": "*",
                       "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}}]
        arn = iam.create_policy(PolicyName=f"bench-p{i}",
                                PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}))["Policy"]["Arn"]
        iam.attach_user_policy(UserName="bench", PolicyArn=arn)
    key = iam.create_access_key(UserName="bench")["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--port", type=int, default=18080)
    args = ap.parse_args()

    with cairn_server(args.binary, args.port, KEY_ID, SECRET) as server:
        endpoint = server.endpoint
        time.sleep(5)
        pm, children = postgres_pids(server.data)
        idle = {"cairn_rss_kb": rss_kb(server.process.pid), "cairn_hwm_kb": rss_kb(server.process.pid, "VmHWM"),
                "postgres_postmaster_rss_kb": sum(rss_kb(p) for p in pm),
                "postgres_all_rss_kb": sum(rss_kb(p) for p in pm + children)}
        results = {"idle": idle, "runs": {}}
        user_key, user_secret = iam_user_with_policies(endpoint, 10)
        cases = [
            ("GET /healthz (no auth, no database)", "/healthz", None, None),
            ("GET /v1/caller-identity as root (SigV4 + authz + event)", "/v1/caller-identity", "cairn", None),
            ("GET /v1/regions as root (SigV4 + authz + query + event)", "/v1/regions", "cairn", None),
            ("GET /v1/regions as an IAM user with 10 attached policies (40 statements)", "/v1/regions", "cairn", (user_key, user_secret)),
        ]
        for name, path, service, creds in cases:
            headers = {}
            if service:
                key, secret = creds or (KEY_ID, SECRET)
                headers = signed(endpoint, "GET", path, b"", service, key, secret)
            results["runs"][name] = wrk(endpoint + path, headers, args.seconds, args.connections)
        pm, children = postgres_pids(server.data)
        results["loaded"] = {"cairn_peak_rss_kb": rss_kb(server.process.pid, "VmHWM"), "cairn_rss_kb": rss_kb(server.process.pid),
                             "postgres_all_rss_kb": sum(rss_kb(p) for p in pm + children)}
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
