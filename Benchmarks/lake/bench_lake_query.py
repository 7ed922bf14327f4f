#!/usr/bin/env python3
"""CloudTrail Lake: a GROUP BY eventName over one event data store holding --events events (default 10 million),
against the same question written by hand for PostgreSQL on the same data.

Usage: python3 Benchmarks/lake/bench_lake_query.py [--binary .build-release/release/cairn] [--events 10000000]
                                                    [--runs 7] [--data DIR]
Needs: boto3, psql.

Method: a release `cairn serve` on its own embedded PostgreSQL. One tenant account creates a management-events
store; the account's history is then filled by the same SQL statement as the LookupEvents benchmark (synthetic
events in the shape Cairn stores them, spread over 89 days, 40 event names), and VACUUMed and ANALYZEd. The
store's ingestion window is moved back 90 days in the database, as for a store that has been collecting that
long (a new store holds only what happens after its creation). Then, in alternation, --runs times each:

- the Lake query through boto3 (StartQuery, DescribeQuery until FINISHED): `ExecutionTimeInMillis` is the run
  time the worker measured around the compiled statement (read-only transaction, the Lake role, row-level
  security), and the end-to-end time from StartQuery to FINISHED is reported beside it (it includes the worker's
  half-second poll and this script's DescribeQuery polling);
- the hand-written query in psql (`\\timing`), as the database's owner: the store's events written out by hand
  (`WHERE account_id = $1 AND event_category = 'Management' AND event_time >= now() - interval '366 days'`), with
  PostgreSQL's default settings and with `jit = off` (which the Lake path sets); and, for reference, the plain
  `WHERE account_id = $1 GROUP BY event_name`, which PostgreSQL answers from an index alone.

It reports p50 and p99 (the largest of the runs) of each, and the ratio of the p50s (the issue's target: the
compiled query within 1.2× of the faster hand-written form of the same question).
With --data DIR the filled data directory is kept and reused by later runs.
"""
import argparse
import glob
import json
import os
import re
import statistics
import subprocess
import sys
import time

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import cairn_server  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "events"))
from bench_lookup_events import FILL  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000021", "bench-root-secret-lake-0123456789abcd"


def timed_psql(server, sql, setup=""):
    """The server-side time of one statement, as psql's \\timing reports it (the statement read from stdin)."""
    sock = glob.glob(os.path.join(server.data, "**", ".s.PGSQL.5432"), recursive=True)
    out = subprocess.run(["psql", "-h", os.path.dirname(sock[0]), "-U", "cairn", "-d", "cairn", "-At", "-f", "-"],
                         input=f"{setup}\n\\timing on\n{sql};\n", capture_output=True, text=True, check=True).stdout
    return float(re.findall(r"Time: ([\d.]+) ms", out)[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--port", type=int, default=18121)
    ap.add_argument("--data", help="keep the filled data directory here and reuse it on later runs")
    args = ap.parse_args()

    saved = os.path.join(args.data, "bench-lake.json") if args.data else None
    if args.data:
        os.makedirs(args.data, exist_ok=True)
        os.chmod(args.data, 0o755)
    with cairn_server(args.binary, args.port, KEY_ID, SECRET, data=args.data) as server:
        fill_s = None
        if saved and os.path.exists(saved):
            with open(saved) as f:
                account, key, secret, store = json.load(f)["tenant"]
            ct = boto3.client("cloudtrail", endpoint_url=server.endpoint, region_name="us-east-1",
                              aws_access_key_id=key, aws_secret_access_key=secret)
        else:
            account, key, secret = server.tenant("lake")
            ct = boto3.client("cloudtrail", endpoint_url=server.endpoint, region_name="us-east-1",
                              aws_access_key_id=key, aws_secret_access_key=secret)
            store = ct.create_event_data_store(Name="bench", RetentionPeriod=366)["EventDataStoreArn"]
            started = time.perf_counter()
            server.psql(FILL.format(account=account, count=args.events))
            server.psql("VACUUM (ANALYZE) events")
            fill_s = time.perf_counter() - started
            if saved:
                with open(saved, "w") as f:
                    json.dump({"tenant": [account, key, secret, store]}, f)
        store_id = store.rsplit("/", 1)[-1]
        server.psql(f"UPDATE event_data_store_ingestion SET started_at = now() - interval '90 days' WHERE store_id = '{store_id}'")
        stored = int(server.psql(f"SELECT count(*) FROM events WHERE account_id = '{account}'"))

        statement = f"SELECT eventName, count(*) AS calls FROM {store_id} GROUP BY eventName"
        # The store's events by hand: the account's management events within the store's retention.
        hand = (f"SELECT event_name, count(*) FROM events WHERE account_id = '{account}' AND event_category = 'Management' "
                f"AND event_time >= now() - interval '366 days' GROUP BY event_name")
        # The same count without the store's conditions, which PostgreSQL answers from an index alone.
        plain = f"SELECT event_name, count(*) FROM events WHERE account_id = '{account}' GROUP BY event_name"
        lake_ms, lake_total_ms, hand_ms, hand_nojit_ms, plain_ms, rows = [], [], [], [], [], None
        for _ in range(args.runs):
            t0 = time.perf_counter()
            query_id = ct.start_query(QueryStatement=statement)["QueryId"]
            while True:
                described = ct.describe_query(QueryId=query_id)
                if described["QueryStatus"] not in ("QUEUED", "RUNNING"):
                    break
                time.sleep(0.05)
            lake_total_ms.append((time.perf_counter() - t0) * 1000)
            assert described["QueryStatus"] == "FINISHED", described
            lake_ms.append(described["QueryStatistics"]["ExecutionTimeInMillis"])
            rows = len(ct.get_query_results(QueryId=query_id)["QueryResultRows"])
            hand_ms.append(timed_psql(server, hand))
            hand_nojit_ms.append(timed_psql(server, hand, "SET jit = off;"))
            plain_ms.append(timed_psql(server, plain))
        report = {
            "events_in_store": stored,
            "fill_seconds": round(fill_s, 1) if fill_s else None,
            "result_rows": rows,
            "runs": args.runs,
            "lake_execution_ms": {"p50": statistics.median(lake_ms), "p99": max(lake_ms), "all": lake_ms},
            "lake_end_to_end_ms": {"p50": round(statistics.median(lake_total_ms)), "p99": round(max(lake_total_ms))},
            "hand_written_ms": {"p50": round(statistics.median(hand_ms), 1), "p99": round(max(hand_ms), 1),
                                "all": [round(x, 1) for x in hand_ms]},
            "hand_written_jit_off_ms": {"p50": round(statistics.median(hand_nojit_ms), 1), "p99": round(max(hand_nojit_ms), 1)},
            "plain_index_only_ms": {"p50": round(statistics.median(plain_ms), 1), "p99": round(max(plain_ms), 1)},
            "lake_over_hand_p50": round(statistics.median(lake_ms) / min(statistics.median(hand_ms), statistics.median(hand_nojit_ms)), 3),
        }
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
