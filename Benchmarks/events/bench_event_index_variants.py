#!/usr/bin/env python3
"""What the indexes on `events` cost the signed path: signed DescribeTrails against variants of the schema, each a
SQL script run on a fresh server before the load (for example: dropping an index, or making it partial).

Usage: python3 Benchmarks/events/bench_event_index_variants.py [--binary .build-release/release/cairn]
           [--seconds 10] [--rounds 3] [--connections 64] NAME=SQL [NAME=SQL ...]
       (NAME=- runs the schema as the migrations leave it)
Needs: wrk, boto3, psql.

Method: for each round, each variant in turn (so that the shared machine's noise falls on all alike): a release
`cairn serve` on a fresh embedded PostgreSQL, one multi-region trail (as bench_signed_path.py makes), the variant's
SQL, 2 s of warm-up, then wrk replays signed DescribeTrails for --seconds. Prints requests/s, the CPU per call of
Cairn, its PostgreSQL and wrk, and the mean number of events a committing transaction inserted (the group commit's
batch). A variant that drops an index measures what the index costs, not a schema to ship: lookups need them.
"""
import argparse
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "http"))
from benchlib import CPUMeter, cairn_server, cloudtrail_wrk  # noqa: E402
from bench_signed_path import KEY_ID, SECRET, prepare  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--port", type=int, default=18095)
    ap.add_argument("variants", nargs="+", help="NAME=SQL, or NAME=- for the schema as migrated")
    args = ap.parse_args()
    variants = [v.partition("=")[::2] for v in args.variants]
    rps = {name: [] for name, _ in variants}
    for _ in range(args.rounds):
        for name, sql in variants:
            with cairn_server(args.binary, args.port, KEY_ID, SECRET) as server:
                prepare(server.endpoint, KEY_ID, SECRET)
                if sql and sql != "-":
                    server.psql(sql)

                def run(seconds):
                    return cloudtrail_wrk(server.endpoint, "DescribeTrails", {}, KEY_ID, SECRET, seconds, args.connections)

                run(2)
                count = "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = 'cairn'), (SELECT count(*) FROM events)"
                x0, e0 = (int(v) for v in server.psql(count).split("|"))
                meter = CPUMeter(server.process.pid, server.data)
                with meter:
                    result = run(args.seconds)
                x1, e1 = (int(v) for v in server.psql(count).split("|"))
                cpu = meter.per_call_us(result["rps"] * args.seconds)
                rps[name].append(result["rps"])
                # Approximate: the counting statements commit too, and PostgreSQL reports commits within a second, not at once.
                batch = (e1 - e0) / max(1, x1 - x0 - 2)
                print(f"{name:16s} {result['rps']:8.0f} requests/s  p50 {result['p50']}  CPU µs a call {cpu}  "
                      f"events a commit {batch:.1f}", flush=True)
    for name, _ in variants:
        print(f"{name:16s} median {statistics.median(rps[name]):8.0f} requests/s over {args.rounds} rounds")


if __name__ == "__main__":
    main()
