#!/usr/bin/env python3
"""Organization trails at scale: Cairn stores each trail once, so creating an organization trail, adding a
region, and a member's DescribeTrails must cost the same with 1, 1,000 or 10,000 member accounts.

Usage: python3 Benchmarks/trails/bench_org_trails.py [--binary .build-release/release/cairn] [--sizes 1,1000,10000]
Needs: wrk, boto3, psql (PostgreSQL 15 client, for the setup step below and the row counts).

Method, per organization size (the organization grows from one size to the next):
  - members are made with organizations:CreateAccount (8 client threads); the organization's account quota
    (AWS's default of 10, with no API to raise it) is raised with one SQL UPDATE before growing;
  - CreateTrail of a multi-region organization trail by the management account, then DeleteTrail, --repeat
    times: median latency of the CreateTrail call as boto3 sees it;
  - POST /v1/regions (operator) of a new region, --repeat times: median latency;
  - DescribeTrails by one member account (root credentials), wrk for --seconds with 4 connections:
    requests/s and latency percentiles; the answer is checked to contain the organization trail;
  - the number of rows in `trails` (stays 1: the trail is never copied).
Starts its own server on an embedded PostgreSQL in a temporary directory and stops it at the end.
"""
import argparse
import concurrent.futures
import json
import os
import statistics
import sys
import time

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import cairn_server, cloudtrail_wrk  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000002", "bench-root-secret-trails-0123456789abc"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--sizes", default="1,1000,10000")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--port", type=int, default=18090)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    with cairn_server(args.binary, args.port, KEY_ID, SECRET) as server:
        endpoint = server.endpoint

        def client(service, key, secret):
            return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)

        mgmt_id, mk, ms = server.tenant("mgmt")
        probe_id, pk, ps = server.tenant("probe")
        orgs, ct = client("organizations", mk, ms), client("cloudtrail", mk, ms)
        orgs.create_organization(FeatureSet="ALL")
        orgs.enable_aws_service_access(ServicePrincipal="cloudtrail.amazonaws.com")
        server.psql("UPDATE organizations SET account_limit = 1000000")
        hs = orgs.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": probe_id})["Handshake"]["Id"]
        client("organizations", pk, ps).accept_handshake(HandshakeId=hs)
        standing = ct.create_trail(Name="standing-org-trail", S3BucketName="org-logs", IsOrganizationTrail=True, IsMultiRegionTrail=True)

        members, made = 1, 0
        results = []
        for size in sizes:
            started = time.perf_counter()

            def make(i):
                orgs_i = client("organizations", mk, ms)
                orgs_i.create_account(Email=f"m{i}@bench.example", AccountName=f"m{i}")

            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                list(pool.map(make, range(made, made + size - members)))
            made += size - members
            members = size
            grow_s = time.perf_counter() - started
            count = int(server.psql(f"SELECT count(*) FROM organization_members m JOIN organizations o ON o.id = m.organization_id WHERE o.management_account_id = '{mgmt_id}' AND m.account_id <> '{mgmt_id}'"))

            create_ms = []
            for i in range(args.repeat):
                t = time.perf_counter()
                ct.create_trail(Name=f"org-{size}-{i}", S3BucketName="org-logs", IsOrganizationTrail=True, IsMultiRegionTrail=True)
                create_ms.append((time.perf_counter() - t) * 1000)
                ct.delete_trail(Name=f"org-{size}-{i}")
            region_ms = []
            for i in range(args.repeat):
                t = time.perf_counter()
                server.rest("POST", "/v1/regions", {"name": f"bench-{size}-{i}-1"})
                region_ms.append((time.perf_counter() - t) * 1000)

            seen = client("cloudtrail", pk, ps).describe_trails()["trailList"]
            assert any(t["TrailARN"] == standing["TrailARN"] for t in seen), "the member does not see the organization trail"
            describe = cloudtrail_wrk(endpoint, "DescribeTrails", {}, pk, ps, args.seconds, 4)
            rows = int(server.psql("SELECT count(*) FROM trails"))
            results.append({"member_accounts": count, "grow_seconds": round(grow_s, 1),
                            "create_org_trail_ms_median": round(statistics.median(create_ms), 2),
                            "add_region_ms_median": round(statistics.median(region_ms), 2),
                            "member_describe_trails": describe, "trail_rows": rows})
            print(json.dumps(results[-1]), flush=True)
        print(json.dumps({"results": results}, indent=2))


if __name__ == "__main__":
    main()
