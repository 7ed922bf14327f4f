#!/usr/bin/env python3
"""Recording overhead: the same calls on `cairn serve` built as shipped (every call recorded) and built with
recording compiled out (`-Xswiftc -DCAIRN_BENCHMARK_WITHOUT_RECORDING`, a benchmark-only build; no setting of the
shipped binary turns recording off).

Usage:
  swift build -c release --scratch-path .build-release --product cairn
  swift build -c release --scratch-path .build-release-unrecorded --product cairn -Xswiftc -DCAIRN_BENCHMARK_WITHOUT_RECORDING
  python3 Benchmarks/recording/bench_recording.py [--seconds 10] [--connections 16] [--rounds 2]
Needs: wrk, botocore.

Method: for each round, each binary in turn starts on a fresh embedded PostgreSQL; wrk replays one signed call
for --seconds with --connections: STS GetCallerIdentity (a read, group-committed event), CloudTrail
DescribeTrails (a read that also queries trails) and IAM TagUser with the same tag (a write whose event
commits in its transaction). Medians over the rounds; overhead = 1 - recorded / unrecorded requests per second.
"""
import argparse
import json
import os
import statistics
import sys
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import CLOUDTRAIL_TARGET, cairn_server, signed, wrk  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000011", "bench-root-secret-recording-0123456789"
BINARIES = [("recorded", ".build-release/release/cairn"), ("unrecorded", ".build-release-unrecorded/release/cairn")]


def calls(endpoint):
    def query(service, form):
        body = urllib.parse.urlencode(form)
        return body, signed(endpoint, "POST", "/", body, service, KEY_ID, SECRET,
                            {"content-type": "application/x-www-form-urlencoded; charset=utf-8"})
    trails = json.dumps({})
    return {
        "GetCallerIdentity (read)": query("sts", {"Action": "GetCallerIdentity", "Version": "2011-06-15"}),
        "DescribeTrails (read)": (trails, signed(endpoint, "POST", "/", trails, "cloudtrail", KEY_ID, SECRET,
                                                 {"x-amz-target": CLOUDTRAIL_TARGET + "DescribeTrails", "content-type": "application/x-amz-json-1.1"})),
        "TagUser (write)": query("iam", {"Action": "TagUser", "Version": "2010-05-08", "UserName": "bench",
                                         "Tags.member.1.Key": "team", "Tags.member.1.Value": "audit"}),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--port", type=int, default=18120)
    args = ap.parse_args()
    rps = {}
    for _ in range(args.rounds):
        for label, binary in BINARIES:
            with cairn_server(binary, args.port, KEY_ID, SECRET) as server:
                create = urllib.parse.urlencode({"Action": "CreateUser", "Version": "2010-05-08", "UserName": "bench"})
                urllib.request.urlopen(urllib.request.Request(server.endpoint + "/", data=create.encode(), method="POST", headers=signed(
                    server.endpoint, "POST", "/", create, "iam", KEY_ID, SECRET, {"content-type": "application/x-www-form-urlencoded; charset=utf-8"})))
                for name, (body, headers) in calls(server.endpoint).items():
                    run = wrk(server.endpoint + "/", headers, args.seconds, args.connections, method="POST", body=body)
                    if run["non2xx"]:
                        raise SystemExit(f"{label} {name}: {run['non2xx']} non-2xx answers")
                    rps.setdefault((name, label), []).append(run["rps"])
                    print(f"{label:10} {name:26} {run['rps']:9.0f} req/s  p50 {run['p50']}  p99 {run['p99']}", flush=True)
    print()
    print("| Call | recorded req/s | unrecorded req/s | overhead |")
    print("| --- | ---: | ---: | ---: |")
    for name in calls("http://x").keys():
        a, b = statistics.median(rps[(name, "recorded")]), statistics.median(rps[(name, "unrecorded")])
        print(f"| {name} | {a:,.0f} | {b:,.0f} | {100 * (1 - a / b):.0f} % |")


if __name__ == "__main__":
    main()
