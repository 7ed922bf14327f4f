#!/usr/bin/env python3
"""Memory of `cairn serve` under sustained signed load: does its RSS level off, or grow with every request?

Usage: python3 Benchmarks/http/bench_memory.py [--binary .build-release/release/cairn] [--rounds 8] [--seconds 5]
Needs: wrk.

Method: a release `cairn serve` on its own embedded PostgreSQL; wrk replays one signed `GET /v1/caller-identity`
(SigV4, authorization, the call's event group-committed) with 16 connections for --rounds rounds of --seconds
each, and the script prints the cumulative request count and cairn's RSS after each round, then once more after
5 idle seconds. A server that keeps per-request state grows linearly; one that does not levels off.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import cairn_server, rss_kb, signed, wrk  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000009", "bench-root-secret-rss-0123456789abcdef"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--port", type=int, default=18291)
    args = ap.parse_args()
    path = "/v1/caller-identity"
    with cairn_server(args.binary, args.port, KEY_ID, SECRET) as server:
        time.sleep(2)
        pid = server.process.pid
        rounds = [{"requests": 0, "rss_kb": rss_kb(pid)}]
        headers = signed(server.endpoint, "GET", path, "", "cairn", KEY_ID, SECRET)
        total = 0
        for _ in range(args.rounds):
            run = wrk(server.endpoint + path, headers, args.seconds, 16)
            total += run["rps"] * args.seconds
            rounds.append({"requests": int(total), "rps": run["rps"], "non2xx": run["non2xx"], "rss_kb": rss_kb(pid)})
        time.sleep(5)
        print(json.dumps({"rounds": rounds, "rss_kb_after_5s_idle": rss_kb(pid), "peak_rss_kb": rss_kb(pid, "VmHWM")}, indent=2))


if __name__ == "__main__":
    main()
