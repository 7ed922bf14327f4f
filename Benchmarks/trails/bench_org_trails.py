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
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.request

import boto3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

KEY_ID, SECRET = "AKIABENCHROOT0000002", "bench-root-secret-trails-0123456789abc"
TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."


def signed(endpoint, method, path, body, service, key, secret, extra=None, region="us-east-1"):
    req = AWSRequest(method=method, url=endpoint + path, data=body, headers=dict(extra or {}))
    SigV4Auth(Credentials(key, secret), service, region).add_auth(req)
    return dict(req.headers.items())


def rest(endpoint, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else b""
    headers = signed(endpoint, method, path, data, "cairn", KEY_ID, SECRET, {"content-type": "application/json"})
    req = urllib.request.Request(endpoint + path, data=data or None, method=method, headers=headers)
    with urllib.request.urlopen(req) as r:
        return r.status, json.loads(r.read() or b"{}")


def psql(data_dir, sql):
    sock = glob.glob(os.path.join(data_dir, "**", ".s.PGSQL.5432"), recursive=True) or glob.glob("/tmp/cairn-pg-*/.s.PGSQL.5432")
    host = os.path.dirname(sock[0])
    out = subprocess.run(["psql", "-h", host, "-U", "cairn", "-d", "cairn", "-Atc", sql], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def wrk_post(url, headers, body, seconds, connections=4):
    lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    lua.write('wrk.method = "POST"\n')
    lua.write("wrk.body = " + json.dumps(body) + "\n")
    lua.write("".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in headers.items() if k.lower() not in ("host", "content-length")))
    lua.close()
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", lua.name, url],
                         capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    pct = {m.group(1): m.group(2) for m in re.finditer(r"^\s+(50|90|99)%\s+(\S+)", out, re.M)}
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": pct.get("50"),
            "p90": pct.get("90"), "p99": pct.get("99"), "non2xx": int(non2xx.group(1)) if non2xx else 0}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--sizes", default="1,1000,10000")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--port", type=int, default=18090)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    data = tempfile.mkdtemp(prefix="cairn-bt-")
    os.chmod(data, 0o755)
    env = dict(os.environ, CAIRN_DATA_DIR=data, CAIRN_LISTEN=f"127.0.0.1:{args.port}", CAIRN_ROOT_ACCESS_KEY_ID=KEY_ID,
               CAIRN_ROOT_SECRET_ACCESS_KEY=SECRET, CAIRN_LOG_LEVEL="warning", CAIRN_MIGRATIONS_DIR=os.path.abspath("migrations"))
    server = subprocess.Popen([args.binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(300):
            try:
                if urllib.request.urlopen(endpoint + "/readyz").status == 200:
                    break
            except OSError:
                time.sleep(0.1)

        def tenant(name):
            _, body = rest(endpoint, "POST", "/v1/accounts", {"name": name, "email": f"{name}@bench.example"})
            c = body["credentials"]
            return body["account"]["id"], c["accessKeyId"], c["secretAccessKey"]

        def client(service, key, secret):
            return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)

        mgmt_id, mk, ms = tenant("mgmt")
        probe_id, pk, ps = tenant("probe")
        orgs, ct = client("organizations", mk, ms), client("cloudtrail", mk, ms)
        orgs.create_organization(FeatureSet="ALL")
        orgs.enable_aws_service_access(ServicePrincipal="cloudtrail.amazonaws.com")
        psql(data, "UPDATE organizations SET account_limit = 1000000")
        hs = orgs.invite_account_to_organization(Target={"Type": "ACCOUNT", "Id": probe_id})["Handshake"]["Id"]
        client("organizations", pk, ps).accept_handshake(HandshakeId=hs)
        standing = ct.create_trail(Name="standing-org-trail", S3BucketName="org-logs", IsOrganizationTrail=True, IsMultiRegionTrail=True)

        body = "{}"
        headers = signed(endpoint, "POST", "/", body, "cloudtrail", pk, ps,
                         {"x-amz-target": TARGET + "DescribeTrails", "content-type": "application/x-amz-json-1.1"})
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
            count = int(psql(data, f"SELECT count(*) FROM organization_members m JOIN organizations o ON o.id = m.organization_id WHERE o.management_account_id = '{mgmt_id}' AND m.account_id <> '{mgmt_id}'"))

            create_ms = []
            for i in range(args.repeat):
                t = time.perf_counter()
                ct.create_trail(Name=f"org-{size}-{i}", S3BucketName="org-logs", IsOrganizationTrail=True, IsMultiRegionTrail=True)
                create_ms.append((time.perf_counter() - t) * 1000)
                ct.delete_trail(Name=f"org-{size}-{i}")
            region_ms = []
            for i in range(args.repeat):
                t = time.perf_counter()
                rest(endpoint, "POST", "/v1/regions", {"name": f"bench-{size}-{i}-1"})
                region_ms.append((time.perf_counter() - t) * 1000)

            seen = client("cloudtrail", pk, ps).describe_trails()["trailList"]
            assert any(t["TrailARN"] == standing["TrailARN"] for t in seen), "the member does not see the organization trail"
            describe = wrk_post(endpoint + "/", headers, body, args.seconds)
            rows = int(psql(data, "SELECT count(*) FROM trails"))
            results.append({"member_accounts": count, "grow_seconds": round(grow_s, 1),
                            "create_org_trail_ms_median": round(statistics.median(create_ms), 2),
                            "add_region_ms_median": round(statistics.median(region_ms), 2),
                            "member_describe_trails": describe, "trail_rows": rows})
            print(json.dumps(results[-1]), flush=True)
        print(json.dumps({"results": results}, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
