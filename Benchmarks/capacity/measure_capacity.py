#!/usr/bin/env python3
"""Storage capacity of the event log, measured: rows and bytes per daily partition (heap, TOAST, each index), the
total, bytes per event with and without indexes, index sizes by index name, and how long the fill took.

Usage:
  python3 Benchmarks/capacity/measure_capacity.py [--binary /work/cairn-bin/cairn] [--events 10000000]
      [--accounts 1000] [--days 89] [--data /work/capacity-data] [--out capacity.json]
Needs: psql (PostgreSQL 15 client), the PostgreSQL 15 server binaries `cairn serve` embeds.

Method: `cairn serve` on its own embedded PostgreSQL in --data (its migrations make the `events` table exactly as
in service: range-partitioned by day on event_time, the primary key, eight B-tree and two GIN indexes, a BRIN
index; migrations 0001, 0008, 0019). The history is then filled by SQL, in the shape Cairn stores events: the
statement of Benchmarks/events/bench_lookup_events.py (records of the same JSON keys, 40 event names, 200 user
names per account, 1,000 resource names per account, 50 access keys per account), changed to spread the rows over
--accounts accounts (event i belongs to account i mod --accounts) and two regions (one event in five in eu-west-1),
evenly over the last --days days. The rows are written in time order, as the service writes them, in ten
statements of a tenth each (the clock covers all ten), into the daily partitions `cairn_ensure_event_partitions`
makes (the function the service runs at start and hourly). Then VACUUM (ANALYZE), as autovacuum leaves a settled
table, and the sizes are read from PostgreSQL's catalogue (pg_relation_size per fork, the TOAST relation with its
index, each partition of each index, mapped to its parent index through pg_inherits). Rows per partition are
exact counts. The fill's binary does not matter (the fill is SQL; a debug build serves as well as a release one).

With --data the filled directory is kept and a rerun only measures (the fill takes 10-20 minutes).
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import cairn_server  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000018", "bench-root-secret-capacity-0123456789"

# Event i (1..count) of the whole history; the slice [lo, hi] is written by one statement. The account is a
# synthetic 12-digit id; the columns and the record are those of bench_lookup_events.py's FILL.
FILL = """
INSERT INTO events (event_id, event_time, account_id, region, event_source, event_name, read_only, username,
                    access_key_id, event_category, error_code, resource_types, resource_names, record)
SELECT id, t, acct, reg, src, name, ro, usr, 'AKIASYNTHETIC' || (i % 50), 'Management', NULL,
       ARRAY['AWS::CloudTrail::Trail'], ARRAY['arn:aws:cloudtrail:' || reg || ':' || acct || ':trail/t-' || (i % 1000)],
       jsonb_build_object(
         'eventVersion', '1.11', 'eventTime', to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
         'eventSource', src, 'eventName', name, 'awsRegion', reg, 'sourceIPAddress', '203.0.113.' || (i % 250),
         'userAgent', 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64', 'requestID', gen_random_uuid()::text,
         'eventID', id::text, 'readOnly', ro, 'eventType', 'AwsApiCall', 'managementEvent', true,
         'recipientAccountId', acct, 'eventCategory', 'Management',
         'userIdentity', jsonb_build_object('type', 'IAMUser', 'principalId', 'AIDASYNTHETIC' || (i % 200),
             'arn', 'arn:aws:iam::' || acct || ':user/' || usr, 'accountId', acct, 'accessKeyId', 'AKIASYNTHETIC' || (i % 50),
             'userName', usr),
         'requestParameters', jsonb_build_object('name', 't-' || (i % 1000)),
         'resources', jsonb_build_array(jsonb_build_object('ARN', 'arn:aws:cloudtrail:' || reg || ':' || acct || ':trail/t-' || (i % 1000),
             'accountId', acct, 'type', 'AWS::CloudTrail::Trail')))
FROM (
  SELECT i, gen_random_uuid() AS id,
         '{start}'::timestamptz + (i::double precision / {count}) * interval '{days} days' AS t,
         (100000000000 + i % {accounts})::text AS acct,
         CASE WHEN i % 5 = 0 THEN 'eu-west-1' ELSE 'us-east-1' END AS reg,
         CASE WHEN i % 3 = 0 THEN 'iam.amazonaws.com' ELSE 'cloudtrail.amazonaws.com' END AS src,
         'Synthetic' || (i % 40) AS name, i % 2 = 0 AS ro, 'user-' || (i % 200) AS usr
  FROM generate_series({lo}, {hi}) AS i
) s;
"""

PARTITIONS = """
SELECT c.relname,
       pg_relation_size(c.oid, 'main'),
       pg_relation_size(c.oid, 'fsm') + pg_relation_size(c.oid, 'vm'),
       coalesce(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0),
       pg_indexes_size(c.oid),
       pg_total_relation_size(c.oid)
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
WHERE i.inhparent = 'events'::regclass ORDER BY c.relname
"""

INDEXES = """
SELECT p.relname, am.amname, count(*), sum(pg_relation_size(ci.oid))
FROM pg_index x JOIN pg_class p ON p.oid = x.indexrelid JOIN pg_am am ON am.oid = p.relam
JOIN pg_inherits ih ON ih.inhparent = p.oid JOIN pg_class ci ON ci.oid = ih.inhrelid
WHERE x.indrelid = 'events'::regclass GROUP BY p.relname, am.amname ORDER BY 4 DESC
"""


def rows(server, sql):
    out = server.psql(sql)
    return [line.split("|") for line in out.splitlines() if line]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="/work/cairn-bin/cairn")
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--accounts", type=int, default=1000)
    ap.add_argument("--days", type=int, default=89)
    ap.add_argument("--chunks", type=int, default=10)
    ap.add_argument("--port", type=int, default=18301)
    ap.add_argument("--data", default="/work/capacity-data")
    ap.add_argument("--out", help="write the JSON summary here too")
    ap.add_argument("--compression", action="store_true",
                    help="also copy the median day's rows into scratch tables with the record compressed (toast_tuple_target "
                         "128, pglz and lz4) and report heap + TOAST per event; the events table is not changed")
    args = ap.parse_args()

    os.makedirs(args.data, exist_ok=True)
    os.chmod(args.data, 0o755)
    saved = os.path.join(args.data, "capacity-fill.json")
    with cairn_server(args.binary, args.port, KEY_ID, SECRET, data=args.data) as server:
        if os.path.exists(saved):
            with open(saved) as f:
                fill = json.load(f)
            print("reusing the filled history:", json.dumps(fill), flush=True)
        else:
            # Partitions from 91 days ago to a week ahead, as the fill's range needs (the service keeps a week ahead).
            server.psql("SELECT cairn_ensure_event_partitions((now() AT TIME ZONE 'UTC')::date - 91, 100)")
            start = server.psql(f"SELECT (now() - interval '{args.days} days')::text")
            load = os.getloadavg()
            chunk = -(-args.events // args.chunks)
            began = time.perf_counter()
            per_chunk = []
            for lo in range(1, args.events + 1, chunk):
                hi = min(args.events, lo + chunk - 1)
                t0 = time.perf_counter()
                server.psql(FILL.format(start=start, count=args.events, days=args.days, accounts=args.accounts, lo=lo, hi=hi))
                per_chunk.append(round(time.perf_counter() - t0, 1))
                print(f"rows {lo:,}-{hi:,}: {per_chunk[-1]} s", flush=True)
            insert_s = time.perf_counter() - began
            t0 = time.perf_counter()
            # psql -c runs a script as one transaction, which VACUUM refuses: it goes on its own.
            server.psql("VACUUM (ANALYZE) events")
            vacuum_s = time.perf_counter() - t0
            fill = {"events": args.events, "accounts": args.accounts, "days": args.days, "start": start,
                    "insert_seconds": round(insert_s, 1), "vacuum_analyze_seconds": round(vacuum_s, 1),
                    "chunk_seconds": per_chunk, "load_average_at_start": [round(x, 2) for x in load],
                    "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
                    "finished_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
            with open(saved, "w") as f:
                json.dump(fill, f)
            print("fill:", json.dumps(fill), flush=True)

        settings = dict(rows(server, "SELECT name, setting || coalesce(unit, '') FROM pg_settings WHERE name IN "
                                     "('shared_buffers', 'block_size', 'toast_tuple_target', 'fillfactor', 'wal_level', "
                                     "'server_version', 'max_wal_size')"))
        counts = dict(rows(server, "SELECT tableoid::regclass::text, count(*) FROM events GROUP BY 1"))
        parts = []
        for name, heap, fsm_vm, toast, idx, total in rows(server, PARTITIONS):
            parts.append({"partition": name, "rows": int(counts.get(name, 0)), "heap": int(heap), "fsm_vm": int(fsm_vm),
                          "toast": int(toast), "indexes": int(idx), "total": int(total)})
        indexes = [{"index": n, "method": m, "partitions": int(k), "bytes": int(b)} for n, m, k, b in rows(server, INDEXES)]
        record = rows(server, "SELECT round(avg(pg_column_size(record))), round(avg(octet_length(record::text))), "
                              "round(avg(pg_column_size(e.*))) FROM events e TABLESAMPLE SYSTEM (0.1)")[0]
        db_size = int(server.psql("SELECT pg_database_size(current_database())"))
        compression = {}
        if args.compression:
            parts_by_rows = sorted((p for p in (dict(zip(("partition", "rows"), (k, int(v)))) for k, v in counts.items())
                                    if p["partition"] != "events_default"), key=lambda p: p["rows"])
            day = parts_by_rows[len(parts_by_rows) // 2]["partition"]
            for method in ("pglz", "lz4"):
                t = f"capacity_scratch_{method}"
                t0 = time.perf_counter()
                server.psql(f"DROP TABLE IF EXISTS {t}; CREATE TABLE {t} (LIKE {day}) WITH (toast_tuple_target = 128); "
                            f"ALTER TABLE {t} ALTER COLUMN record SET COMPRESSION {method}; INSERT INTO {t} SELECT * FROM {day}")
                load_s = time.perf_counter() - t0
                server.psql(f"VACUUM (ANALYZE) {t}")
                heap, toast, n = rows(server, f"SELECT pg_relation_size(c.oid), pg_total_relation_size(c.reltoastrelid), "
                                              f"(SELECT count(*) FROM {t}) FROM pg_class c WHERE c.oid = '{t}'::regclass")[0]
                t0 = time.perf_counter()
                server.psql(f"SELECT sum(length(record::text)) FROM {t}")
                read_s = time.perf_counter() - t0
                t0 = time.perf_counter()
                server.psql(f"SELECT sum(length(record::text)) FROM {day}")
                read_plain_s = time.perf_counter() - t0
                server.psql(f"DROP TABLE {t}")
                compression[method] = {"partition": day, "rows": int(n), "heap_bytes_per_event": round(int(heap) / int(n), 1),
                                       "toast_bytes_per_event": round(int(toast) / int(n), 1),
                                       "heap_and_toast_bytes_per_event": round((int(heap) + int(toast)) / int(n), 1),
                                       "copy_seconds": round(load_s, 2), "read_all_records_seconds": round(read_s, 2),
                                       "read_all_records_uncompressed_seconds": round(read_plain_s, 2)}
                print("compression:", method, json.dumps(compression[method]), flush=True)

    total = {k: sum(p[k] for p in parts) for k in ("rows", "heap", "fsm_vm", "toast", "indexes", "total")}
    filled = [p for p in parts if p["rows"] > 0 and p["partition"] != "events_default"]
    # The first and last filled days are partial (the history starts and ends at the fill's time of day).
    full_days = sorted(filled[1:-1] or filled, key=lambda p: p["rows"])
    mid = full_days[len(full_days) // 2]
    n = total["rows"]
    summary = {
        "fill": fill,
        "settings": settings,
        "partitions_total": len(parts),
        "partitions_with_rows": len(filled),
        "rows": n,
        "bytes": total,
        "bytes_per_event": {"heap": round(total["heap"] / n, 1), "heap_and_toast": round((total["heap"] + total["toast"]) / n, 1),
                            "indexes": round(total["indexes"] / n, 1), "all": round(total["total"] / n, 1)},
        "index_share_of_total": round(total["indexes"] / total["total"], 3),
        "indexes": [dict(i, bytes_per_event=round(i["bytes"] / n, 1)) for i in indexes],
        "rows_per_full_day": {"days": len(full_days), "min": full_days[0]["rows"], "median": mid["rows"], "max": full_days[-1]["rows"]},
        "median_day_bytes_per_event": {k: round(mid[k] / mid["rows"], 1) for k in ("heap", "toast", "indexes", "total")},
        "median_day_partition": mid,
        "record": {"avg_jsonb_bytes": float(record[0]), "avg_json_text_bytes": float(record[1]), "avg_row_bytes": float(record[2])},
        "database_bytes": db_size,
        "compression_experiment": compression,
        "partitions": parts,
    }
    text = json.dumps(summary, indent=2)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()
