#!/usr/bin/env python3
"""CloudTrail Insights' cost: how long an evaluation pass takes over a large event history, and whether Insights
slows the write path.

Usage:
  swift build -c release --scratch-path .build-release --product cairn
  python3 Benchmarks/insights/bench_insights.py [--events 10000000] [--data DIR] [--seconds 10] [--rounds 3]
Needs: wrk, boto3, psql.

Method, part 1 (evaluation): a release `cairn serve` with Insights off (CAIRN_INSIGHTS_INTERVAL_SECONDS=0) on its
own embedded PostgreSQL; one tenant's history is filled with --events synthetic events over 89 days (the same
statement as Benchmarks/events/bench_lookup_events.py; reused from --data on later runs), VACUUMed and ANALYZEd.
The tenant then makes a logging trail with both Insights types and a burst of 120 AddTags calls. The server
stops and `cairn insights evaluate --backfill` runs on the same data directory: the backfill counts the 7-day
baseline window (about 7/89 of the history) from the event log, then one pass evaluates the newest hour of
minute buckets (at most 60), which starts the burst's Insight (its attributions read 7 days of that API).
Then `cairn insights evaluate` runs --rounds more times: a pass with nothing new, as every minute in service.

Part 2 (the write path): for each round, a fresh server with Insights off and one evaluating every second
(CAIRN_INSIGHTS_INTERVAL_SECONDS=1, 60 times more often than the default) in turn; wrk replays IAM TagUser (a
write whose event commits in its transaction) with 16 connections for --seconds. Medians over the rounds.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "events"))
from benchlib import cairn_server, rss_kb, signed, wrk  # noqa: E402
from bench_lookup_events import FILL  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000012", "bench-root-secret-insights-0123456789"


def cloudtrail(server, key, secret, operation, body):
    data = json.dumps(body)
    headers = signed(server.endpoint, "POST", "/", data, "cloudtrail", key, secret,
                     {"x-amz-target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101." + operation,
                      "content-type": "application/x-amz-json-1.1"})
    with urllib.request.urlopen(urllib.request.Request(server.endpoint + "/", data=data.encode(), method="POST", headers=headers)) as r:
        return json.loads(r.read() or b"{}")


def evaluate(binary, data, backfill):
    env = dict(os.environ, CAIRN_DATA_DIR=data, CAIRN_LOG_LEVEL="warning", CAIRN_MIGRATIONS_DIR=os.path.abspath("migrations"),
               CAIRN_ROOT_ACCESS_KEY_ID=KEY_ID, CAIRN_ROOT_SECRET_ACCESS_KEY=SECRET)
    out = subprocess.run([binary, "insights", "evaluate"] + (["--backfill"] if backfill else []), env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def part_one(args):
    data = args.data or "/tmp/cairn-bench-insights"
    os.makedirs(data, exist_ok=True)
    os.chmod(data, 0o755)
    saved = os.path.join(data, "bench-insights.json")
    with cairn_server(args.binary, args.port, KEY_ID, SECRET, extra_env={"CAIRN_INSIGHTS_INTERVAL_SECONDS": "0"}, data=data) as server:
        if os.path.exists(saved):
            with open(saved) as f:
                account, key, secret = json.load(f)["tenant"]
        else:
            account, key, secret = server.tenant("insights")
            started = time.perf_counter()
            server.psql(FILL.format(account=account, count=args.events))
            server.psql("VACUUM ANALYZE events")
            print(f"filled {args.events:,} events in {time.perf_counter() - started:.0f} s", flush=True)
            with open(saved, "w") as f:
                json.dump({"tenant": [account, key, secret]}, f)
        trail = f"arn:aws:cloudtrail:us-east-1:{account}:trail/insightful"
        try:
            cloudtrail(server, key, secret, "CreateTrail", {"Name": "insightful", "S3BucketName": "insight-logs"})
            cloudtrail(server, key, secret, "PutInsightSelectors", {"TrailName": trail, "InsightSelectors": [
                {"InsightType": "ApiCallRateInsight"}, {"InsightType": "ApiErrorRateInsight"}]})
            cloudtrail(server, key, secret, "StartLogging", {"Name": trail})
        except urllib.error.HTTPError:
            pass  # made on an earlier run
        for i in range(120):
            cloudtrail(server, key, secret, "AddTags", {"ResourceId": trail, "TagsList": [{"Key": f"k{i % 5}", "Value": "v"}]})
        stored = server.psql("SELECT count(*) FROM events")
    first = evaluate(args.binary, data, backfill=True)
    print(f"{int(stored):,} stored events; backfill {first['backfilledDays']} days in {first['backfillSeconds']:.2f} s; "
          f"first pass {first['passSeconds'] * 1000:.1f} ms over {first['bucketsEvaluated']} buckets, {first['started']} started", flush=True)
    passes = []
    for _ in range(args.rounds):
        time.sleep(61)  # one new minute bucket each time
        r = evaluate(args.binary, data, backfill=False)
        passes.append(r["passSeconds"] * 1000)
        print(f"pass {r['passSeconds'] * 1000:.1f} ms over {r['bucketsEvaluated']} buckets", flush=True)
    return first, passes


def part_two(args):
    rps = {}
    rss = {}
    for _ in range(args.rounds):
        for label, interval in (("Insights off", "0"), ("Insights every 1 s", "1")):
            with cairn_server(args.binary, args.port, KEY_ID, SECRET, extra_env={"CAIRN_INSIGHTS_INTERVAL_SECONDS": interval}) as server:
                create = urllib.parse.urlencode({"Action": "CreateUser", "Version": "2010-05-08", "UserName": "bench"})
                urllib.request.urlopen(urllib.request.Request(server.endpoint + "/", data=create.encode(), method="POST", headers=signed(
                    server.endpoint, "POST", "/", create, "iam", KEY_ID, SECRET,
                    {"content-type": "application/x-www-form-urlencoded; charset=utf-8"})))
                body = urllib.parse.urlencode({"Action": "TagUser", "Version": "2010-05-08", "UserName": "bench",
                                               "Tags.member.1.Key": "team", "Tags.member.1.Value": "audit"})
                headers = signed(server.endpoint, "POST", "/", body, "iam", KEY_ID, SECRET,
                                 {"content-type": "application/x-www-form-urlencoded; charset=utf-8"})
                run = wrk(server.endpoint + "/", headers, args.seconds, 16, method="POST", body=body)
                if run["non2xx"]:
                    raise SystemExit(f"{label}: {run['non2xx']} non-2xx answers")
                rps.setdefault(label, []).append(run["rps"])
                rss.setdefault(label, []).append(rss_kb(server.process.pid, "VmHWM") / 1024)
                print(f"{label:20} TagUser {run['rps']:8.0f} req/s  p50 {run['p50']}  p99 {run['p99']}", flush=True)
    return rps, rss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--data", help="keep the filled data directory here and reuse it on later runs")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--port", type=int, default=18131)
    ap.add_argument("--skip-evaluation", action="store_true")
    args = ap.parse_args()
    if not args.skip_evaluation:
        first, passes = part_one(args)
        print(f"\nmedian quiet pass: {statistics.median(passes):.1f} ms")
    rps, rss = part_two(args)
    print("\n| TagUser, 16 connections | req/s (median) | peak RSS of cairn serve |")
    print("| --- | ---: | ---: |")
    for label in rps:
        print(f"| {label} | {statistics.median(rps[label]):,.0f} | {statistics.median(rss[label]):.1f} MB |")
    off, on = statistics.median(rps["Insights off"]), statistics.median(rps["Insights every 1 s"])
    print(f"\nwith Insights: {on / off:.3f} of the throughput without")


if __name__ == "__main__":
    main()
