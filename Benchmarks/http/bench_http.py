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
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

KEY_ID, SECRET = "AKIABENCHROOT0000001", "bench-root-secret-0123456789abcdefghij"


def rss_kb(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def postgres_pids(data_dir):
    pids = []
    for p in os.listdir("/proc"):
        if not p.isdigit():
            continue
        try:
            cmd = open(f"/proc/{p}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "postgres" in cmd and data_dir in cmd:
            pids.append(int(p))
    # The postmaster's children carry no data-dir argument: find them by parent.
    children = []
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                ppid = int(open(f"/proc/{p}/stat").read().split(") ")[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid in pids:
                children.append(int(p))
    return pids, children


def signed_headers(endpoint, path, service="cairn", region="us-east-1", key=KEY_ID, secret=SECRET):
    req = AWSRequest(method="GET", url=endpoint + path, headers={})
    SigV4Auth(Credentials(key, secret), service, region).add_auth(req)
    return dict(req.headers.items())


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


def wrk(url, headers, seconds, connections):
    lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    lua.write("".join(f'wrk.headers["{k}"] = "{v}"\n' for k, v in headers.items() if k.lower() != "host"))
    lua.close()
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", lua.name, url],
                         capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = {m.group(1): m.group(2) for m in re.finditer(r"^\s+(50|90|99)%\s+(\S+)", out, re.M)}
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": pct.get("50"), "p90": pct.get("90"), "p99": pct.get("99"),
            "non2xx": int(non2xx.group(1)) if non2xx else 0}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--port", type=int, default=18080)
    args = ap.parse_args()

    data = tempfile.mkdtemp(prefix="cairn-bench-")
    os.chmod(data, 0o755)
    env = dict(os.environ, CAIRN_DATA_DIR=data, CAIRN_LISTEN=f"127.0.0.1:{args.port}",
               CAIRN_ROOT_ACCESS_KEY_ID=KEY_ID, CAIRN_ROOT_SECRET_ACCESS_KEY=SECRET, CAIRN_LOG_LEVEL="warning",
               CAIRN_MIGRATIONS_DIR=os.path.abspath("migrations"))
    server = subprocess.Popen([args.binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(300):
            try:
                if urllib.request.urlopen(endpoint + "/readyz").status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        time.sleep(5)
        pm, children = postgres_pids(data)
        idle = {"cairn_rss_kb": rss_kb(server.pid), "cairn_hwm_kb": rss_kb(server.pid, "VmHWM"),
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
                headers = signed_headers(endpoint, path, service, key=creds[0], secret=creds[1]) if creds else signed_headers(endpoint, path, service)
            results["runs"][name] = wrk(endpoint + path, headers, args.seconds, args.connections)
        pm, children = postgres_pids(data)
        results["loaded"] = {"cairn_peak_rss_kb": rss_kb(server.pid, "VmHWM"), "cairn_rss_kb": rss_kb(server.pid),
                             "postgres_all_rss_kb": sum(rss_kb(p) for p in pm + children)}
        print(json.dumps(results, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
