#!/usr/bin/env python3
"""Soak: a mixed workload (reads, writes, ingestion, lookups) at half its measured maximum for --minutes, with
trail delivery on; per minute, the calls, errors, p50/p99 per call kind, the resident memory of `cairn serve` and
of its PostgreSQL, and the log files delivered. The verdict: flat and without errors, or what moved.

Usage:
  python3 Benchmarks/soak/bench_soak.py [--binary /work/cairn-bin/cairn-release] [--minutes 30]
      [--data /work/soak-data] [--out /work/soak-run/soak.json]
Needs: boto3, psql.

Method. `cairn serve` on its own embedded PostgreSQL in --data, delivering every
CAIRN_DELIVERY_INTERVAL_SECONDS=--delivery-interval (5) seconds to a directory bucket (DATA/buckets) and writing a
digest every --digest-interval (60) seconds. One tenant account; its root makes a logging trail with log file
validation (bucket `soak-logs`) and a channel to an event data store ARN (the PutAuditEvents target). Every call below is a signed boto3 call as that root (one client per service per
thread; botocore's retries off: `Config(retries={'max_attempts': 1})`), authenticated, authorized and recorded as
always. Each worker thread repeats one fixed cycle of 10 calls, starting at a random place in it:

  5 reads      cloudtrail DescribeTrails and GetTrailStatus, alternately
  2 writes     iam CreateUser then DeleteUser of the thread's own next user name (the event commits in the write)
  2 ingestion  cloudtrail-data PutAuditEvents of --batch (10) events to the channel (events the trail delivers)
  1 lookup     cloudtrail LookupEvents, MaxResults 50: the newest, and EventName=DescribeTrails, alternately

Phase 1 finds the maximum: the mix unpaced with 4, 8 and 16 threads for --probe-seconds (20) each; the best
calls/s is the maximum. Phase 2 runs for --minutes at half of it, paced by one schedule shared by --threads
threads (default: the best count of phase 1): call k may start at t0 + k / rate, and a thread that finds its slot
past starts at once (slots are not made up later). Latency is one call's wall time in the client (boto3's
serialization, signing and parsing included), from when it actually started, not from its slot; the calls made
per minute against the target show whether the pacing kept up. An error is any exception (non-2xx answers raise
ClientError; no retries) or a PutAuditEvents entry in `failed`; the first ten are printed.

At each minute's end a sampler reads: VmRSS and VmHWM of `cairn serve` (/proc/PID/status); the summed VmRSS and
the summed PSS (/proc/PID/smaps_rollup, shared memory divided among its users) and the summed Pss_Anon
(anonymous memory, pages shared copy-on-write with the postmaster divided among their users: where a backend's
leak would show, while RSS and PSS also grow as backends touch shared buffers) of the PostgreSQL postmaster (its
pid from DATA/pg/postmaster.pid) and its children (by /proc/*/stat ppid), with the one holding the most
anonymous memory and its title; the autovacuum and autoanalyze passes over the event log's partitions so far;
CPU seconds of both; the log files and digest files in the bucket; the load average. A minute's calls are those
that ended in it.

At the end: events stored and delivered, the bucket's bytes per delivered event, WAL bytes per stored event in
phase 2, each event name's record and row size, and the bytes per event (heap, TOAST, each index) of the day's
partition holding most of the run's events: real events, the cross-check of Benchmarks/capacity's synthetic rows.

Verdict (w = the first and last min(5, minutes // 3) minutes of phase 2): flat when, for every call kind, the
median of the last w minutes' p50 is within +25 % (+1 ms) of the first w minutes' and the median of their p99 within
+50 % (+5 ms); cairn's VmRSS at the end within +10 % of its value after the first w minutes, and PostgreSQL's summed
anonymous memory (Pss_Anon) within +15 % (PSS growth is reported, not judged: shared buffers fill as the table grows);
and no errors. Falling latency or memory is never a failure.
"""
import argparse
import json
import os
import random
import statistics
import sys
import threading
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import audit_event_data, cairn_server, process_cpu_seconds, rss_kb  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000019", "bench-root-secret-soak-0123456789ab"
CYCLE = ["read", "write", "read", "ingest", "read", "lookup", "read", "write", "read", "ingest"]
KINDS = ["read", "write", "ingest", "lookup"]


class Clients:
    """One thread's boto3 clients (clients are thread-safe to use but not to create; one each is simplest)."""

    def __init__(self, endpoint, key, secret):
        import boto3
        from botocore.config import Config
        session = boto3.session.Session()
        config = Config(retries={"max_attempts": 1}, connect_timeout=10, read_timeout=60, max_pool_connections=2)
        make = lambda s: session.client(s, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key,  # noqa: E731
                                        aws_secret_access_key=secret, config=config)
        self.ct, self.iam, self.data = make("cloudtrail"), make("iam"), make("cloudtrail-data")


class Recorder:
    """Every finished call as (end time, kind, seconds, ok); the first errors with their text."""

    def __init__(self):
        self.lock = threading.Lock()
        self.calls = []
        self.errors = []
        self.error_count = 0

    def add(self, end, kind, seconds, ok, error=None):
        with self.lock:
            self.calls.append((end, kind, seconds, ok))
            if not ok:
                self.error_count += 1
                if len(self.errors) < 10:
                    self.errors.append(f"{time.strftime('%H:%M:%S', time.gmtime(end))} {kind}: {error}")
                    print("ERROR", self.errors[-1], flush=True)

    def take(self):
        with self.lock:
            out, self.calls = self.calls, []
            return out


class Pacer:
    """One schedule for all threads: slot k at t0 + k / rate; a late thread starts at once, missed slots lapse."""

    def __init__(self, rate):
        self.interval, self.lock, self.next = 1.0 / rate, threading.Lock(), time.monotonic()

    def wait(self):
        with self.lock:
            now = time.monotonic()
            slot = max(self.next, now)
            self.next = slot + self.interval
        delay = slot - time.monotonic()
        if delay > 0:
            time.sleep(delay)


class Worker(threading.Thread):
    def __init__(self, n, ctx, recorder, stop, pacer=None):
        super().__init__(daemon=True)
        self.n, self.ctx, self.recorder, self.stop, self.pacer = n, ctx, recorder, stop, pacer
        self.step = random.randrange(len(CYCLE))
        self.reads = self.lookups = self.sent = 0
        self.user = None
        self.users_made = 0

    def run(self):
        clients = self.ctx["clients"][self.n]
        while not self.stop.is_set():
            if self.pacer:
                self.pacer.wait()
                if self.stop.is_set():
                    return
            kind = CYCLE[self.step % len(CYCLE)]
            self.step += 1
            started = time.perf_counter()
            ok, error = True, None
            try:
                failed = self.call(clients, kind)
                if failed:
                    ok, error = False, f"PutAuditEvents failed entries: {failed[:2]}"
            except Exception as e:  # noqa: BLE001 — every exception is an error of the soak
                ok, error = False, f"{type(e).__name__}: {str(e)[:300]}"
                if kind == "write":
                    self.user = None  # start the create/delete pair again with a fresh name
            self.recorder.add(time.time(), kind, time.perf_counter() - started, ok, error)

    def call(self, c, kind):
        if kind == "read":
            self.reads += 1
            if self.reads % 2:
                c.ct.describe_trails()
            else:
                c.ct.get_trail_status(Name=self.ctx["trail"])
        elif kind == "write":
            if self.user is None:
                self.users_made += 1
                self.user = f"soak-{self.ctx['run']}-{self.n}-{self.users_made}"
                c.iam.create_user(UserName=self.user)
            else:
                c.iam.delete_user(UserName=self.user)
                self.user = None
        elif kind == "ingest":
            base = self.sent
            self.sent += self.ctx["batch"]
            events = [{"id": f"e{i}", "eventData": audit_event_data(self.ctx["account"], self.n * 10**9 + base + i)}
                      for i in range(self.ctx["batch"])]
            return c.data.put_audit_events(channelArn=self.ctx["channel"], auditEvents=events).get("failed")
        else:
            self.lookups += 1
            if self.lookups % 2:
                c.ct.lookup_events(MaxResults=50)
            else:
                c.ct.lookup_events(MaxResults=50, LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "DescribeTrails"}])
        return None


def run_workers(ctx, threads, seconds, recorder, pacer=None, on_tick=None, tick=None):
    stop = threading.Event()
    workers = [Worker(i, ctx, recorder, stop, pacer) for i in range(threads)]
    for w in workers:
        w.start()
    end = time.monotonic() + seconds
    if on_tick:
        next_tick = time.monotonic() + tick
        while next_tick <= end + 0.001:
            time.sleep(max(0, next_tick - time.monotonic()))
            on_tick()
            next_tick += tick
    else:
        time.sleep(seconds)
    stop.set()
    for w in workers:
        w.join(timeout=120)
    return workers


def postgres_processes(data):
    """The postmaster (first line of DATA/pg/postmaster.pid) and its children (by ppid)."""
    try:
        with open(os.path.join(data, "pg", "postmaster.pid")) as f:
            master = int(f.readline())
    except (OSError, ValueError):
        return []
    pids = [master]
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    if int(f.read().rsplit(") ", 1)[1].split()[1]) == master:
                        pids.append(int(p))
            except (OSError, IndexError, ValueError):
                pass
    return pids


def pss_kb(pid, field="Pss"):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def bucket_files(root):
    logs = digests = 0
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".json.gz"):
                if "CloudTrail-Digest" in d:
                    digests += 1
                else:
                    logs += 1
    return logs, digests


def sample(server, data, bucket):
    pg = postgres_processes(data)
    rss = pss = anon = cpu = 0.0
    biggest = (0, "")
    for p in pg:
        try:
            rss += rss_kb(p)
            pss += pss_kb(p)
            a = pss_kb(p, "Pss_Anon")
            anon += a
            if a > biggest[0]:
                with open(f"/proc/{p}/cmdline", "rb") as f:
                    biggest = (a, f.read().replace(b"\0", b" ").decode(errors="replace").strip()[:60])
            cpu += process_cpu_seconds(p, waited_children=(p == pg[0]))
        except OSError:
            pass
    logs, digests = bucket_files(bucket)
    try:  # autovacuum and autoanalyze passes over the event log's partitions so far
        vac = server.psql("SELECT coalesce(sum(autovacuum_count), 0) || '/' || coalesce(sum(autoanalyze_count), 0) "
                          "FROM pg_stat_all_tables WHERE relname LIKE 'events_%'")
    except Exception:  # noqa: BLE001
        vac = "?"
    return {"t": time.time(), "cairn_rss_mb": round(rss_kb(server.process.pid) / 1024, 1),
            "cairn_hwm_mb": round(rss_kb(server.process.pid, "VmHWM") / 1024, 1),
            "cairn_cpu_s": process_cpu_seconds(server.process.pid), "pg_processes": len(pg),
            "pg_rss_mb": round(rss / 1024, 1), "pg_pss_mb": round(pss / 1024, 1),
            "pg_anon_mb": round(anon / 1024, 1), "pg_cpu_s": cpu,
            "pg_biggest_anon": f"{biggest[0] / 1024:.1f} MB {biggest[1]}", "events_autovacuum_autoanalyze": vac,
            "log_files": logs, "digest_files": digests, "load1": round(os.getloadavg()[0], 2)}


def pct(values, q):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def summarize(calls, seconds):
    by = {k: [c[2] * 1000 for c in calls if c[1] == k] for k in KINDS}
    out = {"calls": len(calls), "calls_per_s": round(len(calls) / seconds, 1), "errors": sum(1 for c in calls if not c[3])}
    every = [c[2] * 1000 for c in calls]
    out["all"] = {"p50": round(pct(every, 0.5) or 0, 2), "p99": round(pct(every, 0.99) or 0, 2)}
    for k in KINDS:
        out[k] = {"n": len(by[k]), "p50": round(pct(by[k], 0.5) or 0, 2), "p99": round(pct(by[k], 0.99) or 0, 2)}
    return out


def verdict(minutes, rate_target, errors):
    w = max(1, min(5, len(minutes) // 3))
    first, last = minutes[:w], minutes[-w:]
    moved, notes = [], []
    for k in KINDS + ["all"]:
        a50 = statistics.median(m[k]["p50"] for m in first)
        b50 = statistics.median(m[k]["p50"] for m in last)
        a99 = statistics.median(m[k]["p99"] for m in first)
        b99 = statistics.median(m[k]["p99"] for m in last)
        notes.append(f"{k}: p50 {a50:.1f} -> {b50:.1f} ms, p99 {a99:.1f} -> {b99:.1f} ms")
        if b50 > a50 * 1.25 + 1:
            moved.append(f"{k} p50 rose {a50:.1f} -> {b50:.1f} ms (tolerance +25 % + 1 ms)")
        if b99 > a99 * 1.5 + 5:
            moved.append(f"{k} p99 rose {a99:.1f} -> {b99:.1f} ms (tolerance +50 % + 5 ms)")
    base, end = minutes[w - 1]["sample"], minutes[-1]["sample"]
    notes.append(f"cairn VmRSS {base['cairn_rss_mb']} MB after minute {w} -> {end['cairn_rss_mb']} MB at the end "
                 f"(VmHWM {end['cairn_hwm_mb']} MB); PostgreSQL anonymous (Pss_Anon) {base['pg_anon_mb']} -> {end['pg_anon_mb']} MB, "
                 f"PSS {base['pg_pss_mb']} -> {end['pg_pss_mb']} MB, summed RSS {base['pg_rss_mb']} -> {end['pg_rss_mb']} MB "
                 f"(RSS and PSS include shared buffers as backends touch them)")
    if end["cairn_rss_mb"] > base["cairn_rss_mb"] * 1.10:
        moved.append(f"cairn VmRSS grew {base['cairn_rss_mb']} -> {end['cairn_rss_mb']} MB (tolerance +10 %)")
    if end["pg_anon_mb"] > base["pg_anon_mb"] * 1.15:
        moved.append(f"PostgreSQL anonymous memory (Pss_Anon) grew {base['pg_anon_mb']} -> {end['pg_anon_mb']} MB (tolerance +15 %)")
    if end["pg_pss_mb"] > base["pg_pss_mb"] * 1.15:
        notes.append(f"PostgreSQL PSS grew {base['pg_pss_mb']} -> {end['pg_pss_mb']} MB (+15 % or more; shared buffers filling)")
    short = [m["minute"] for m in minutes if m["calls"] < 0.95 * rate_target * 60]
    if short:
        notes.append(f"minutes below 95 % of the target's calls: {short}")
    if errors:
        moved.append(f"{errors} errors")
    return {"window_minutes": w, "flat_and_clean": not moved, "moved": moved, "notes": notes}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default="/work/cairn-bin/cairn-release")
    ap.add_argument("--minutes", type=int, default=30)
    ap.add_argument("--probe-threads", default="4,8,16")
    ap.add_argument("--probe-seconds", type=int, default=20)
    ap.add_argument("--threads", type=int, help="phase 2's threads (default: phase 1's best count)")
    ap.add_argument("--rate", type=float, help="skip phase 1 and soak at this many calls/s")
    ap.add_argument("--batch", type=int, default=10, help="events per PutAuditEvents")
    ap.add_argument("--delivery-interval", type=int, default=5)
    ap.add_argument("--digest-interval", type=int, default=60)
    ap.add_argument("--port", type=int, default=18311)
    ap.add_argument("--data", default="/work/soak-data")
    ap.add_argument("--keep", action="store_true", help="keep the data directory")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    import shutil
    shutil.rmtree(args.data, ignore_errors=True)
    os.makedirs(args.data)
    os.chmod(args.data, 0o755)
    out_path = args.out or f"/work/soak-run/soak-{time.strftime('%Y%m%dT%H%M', time.gmtime())}.json"
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    env = {"CAIRN_DELIVERY_INTERVAL_SECONDS": str(args.delivery_interval), "CAIRN_DIGEST_INTERVAL_SECONDS": str(args.digest_interval)}
    result = {"binary": args.binary, "started": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "args": vars(args)}
    try:
        with cairn_server(args.binary, args.port, KEY_ID, SECRET, extra_env=env, data=args.data) as server:
            import boto3
            account, key, secret = server.tenant("soak")
            ct = boto3.client("cloudtrail", endpoint_url=server.endpoint, region_name="us-east-1", aws_access_key_id=key,
                              aws_secret_access_key=secret)
            trail = ct.create_trail(Name="soak", S3BucketName="soak-logs", EnableLogFileValidation=True)["TrailARN"]
            ct.start_logging(Name=trail)
            store = ct.create_event_data_store(Name="soak", AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["ActivityAuditLog"]}]}])["EventDataStoreArn"]
            channel = ct.create_channel(Name="soak", Source="Custom", Destinations=[{"Type": "EVENT_DATA_STORE", "Location": store}])["ChannelArn"]
            bucket = os.path.join(args.data, "buckets", "soak-logs")
            most = max(int(x) for x in args.probe_threads.split(","))
            ctx = {"trail": trail, "channel": channel, "account": account, "batch": args.batch, "run": "p",
                   "clients": [Clients(server.endpoint, key, secret) for _ in range(max(most, args.threads or 0))]}
            start_sample = sample(server, args.data, bucket)
            result["idle"] = start_sample
            result["shared_buffers"] = server.psql("SHOW shared_buffers")
            print(f"ready: cairn pid {server.process.pid}, VmRSS {start_sample['cairn_rss_mb']} MB; PostgreSQL "
                  f"{start_sample['pg_processes']} processes, PSS {start_sample['pg_pss_mb']} MB", flush=True)

            # Phase 1: the maximum of the mix.
            probes = []
            if args.rate:
                rate, threads = args.rate, args.threads or 8
            else:
                for n in (int(x) for x in args.probe_threads.split(",")):
                    rec = Recorder()
                    run_workers(ctx, n, args.probe_seconds, rec)
                    s = summarize(rec.take(), args.probe_seconds)
                    s["threads"] = n
                    probes.append(s)
                    print(f"probe {n} threads: {s['calls_per_s']} calls/s, errors {s['errors']}, p50 {s['all']['p50']} ms, "
                          f"p99 {s['all']['p99']} ms", flush=True)
                best = max(probes, key=lambda s: s["calls_per_s"])
                rate, threads = best["calls_per_s"] / 2, args.threads or best["threads"]
            result["phase1"] = {"probes": probes, "max_calls_per_s": rate * 2, "soak_calls_per_s": rate, "threads": threads}
            print(f"soak: {rate:.1f} calls/s with {threads} threads for {args.minutes} minutes", flush=True)

            # Phase 2: the soak.
            rec = Recorder()
            minutes = []
            ctx["run"] = "s"
            last = [sample(server, args.data, bucket)]

            def tick():
                s = sample(server, args.data, bucket)
                m = summarize(rec.take(), s["t"] - last[0]["t"])
                m["minute"] = len(minutes) + 1
                m["cairn_cpu_ms_per_call"] = round((s["cairn_cpu_s"] - last[0]["cairn_cpu_s"]) * 1000 / max(1, m["calls"]), 3)
                m["pg_cpu_ms_per_call"] = round((s["pg_cpu_s"] - last[0]["pg_cpu_s"]) * 1000 / max(1, m["calls"]), 3)
                m["sample"] = s
                last[0] = s
                minutes.append(m)
                print(f"min {m['minute']:2d}: {m['calls']} calls, {m['errors']} errors, p50/p99 all {m['all']['p50']}/{m['all']['p99']} ms "
                      + " ".join(f"{k} {m[k]['p50']}/{m[k]['p99']}" for k in KINDS)
                      + f"; cairn RSS {s['cairn_rss_mb']} MB (HWM {s['cairn_hwm_mb']}), PG RSS {s['pg_rss_mb']} MB PSS {s['pg_pss_mb']} MB anon {s['pg_anon_mb']} MB"
                      + f" ({s['pg_processes']} procs; largest {s['pg_biggest_anon']}); autovacuum/autoanalyze {s['events_autovacuum_autoanalyze']}; "
                      + f"logs {s['log_files']} digests {s['digest_files']}; load {s['load1']}", flush=True)

            wal0 = server.psql("SELECT pg_current_wal_lsn()")
            events0 = int(server.psql("SELECT count(*) FROM events"))
            run_workers(ctx, threads, args.minutes * 60, rec, pacer=Pacer(rate), on_tick=tick, tick=60)
            wal = int(float(server.psql(f"SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '{wal0}')")))
            stored = int(server.psql("SELECT count(*) FROM events")) - events0
            result["phase2_wal"] = {"wal_bytes": wal, "events_stored": stored, "wal_bytes_per_event": round(wal / max(1, stored), 1),
                                    "note": "all WAL of phase 2 (IAM writes, delivery progress, checkpoints' full pages included) per stored event"}
            leftover = rec.take()
            result["minutes"] = minutes
            errors = sum(m["errors"] for m in minutes) + sum(1 for c in leftover if not c[3])
            result["errors_total"] = errors
            result["first_errors"] = rec.errors

            # Delivery caught up? Wait two intervals, then compare stored events of the logging window with delivered.
            time.sleep(2 * args.delivery_interval + 2)
            result["end"] = sample(server, args.data, bucket)
            result["events_stored"] = int(server.psql(f"SELECT count(*) FROM events WHERE account_id = '{account}'"))
            result["events_delivered"] = int(server.psql("SELECT coalesce(sum(event_count), 0) FROM trail_log_files") or 0)
            result["trail_log_files"] = int(server.psql("SELECT count(*) FROM trail_log_files"))
            result["bucket_bytes"] = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(bucket) for f in fs)
            result["record_bytes_by_event"] = [
                dict(zip(("event_name", "events", "avg_jsonb_bytes", "avg_row_bytes"), r.split("|")))
                for r in server.psql(
                    "SELECT CASE WHEN event_category = 'ActivityAuditLog' THEN '(channel events)' ELSE event_name END, count(*), "
                    "round(avg(pg_column_size(record))), round(avg(pg_column_size(e.*))) FROM events e "
                    f"WHERE account_id = '{account}' GROUP BY 1 ORDER BY 2 DESC LIMIT 20").splitlines()]
            # What real events cost on disk (a cross-check of Benchmarks/capacity's synthetic rows): the day's partition
            # that holds most of this run's events, heap and each index, per event of that partition.
            part = server.psql("SELECT tableoid::regclass::text FROM events GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
            n = int(server.psql(f"SELECT count(*) FROM {part}"))
            heap = server.psql(f"SELECT pg_relation_size('{part}'), coalesce(pg_total_relation_size(NULLIF(reltoastrelid, 0)), 0) "
                               f"FROM pg_class WHERE oid = '{part}'::regclass").split("|")
            idx = server.psql(f"SELECT p.relname, pg_relation_size(ih.inhrelid) FROM pg_index x JOIN pg_class p ON p.oid = x.indexrelid "
                              f"JOIN pg_inherits ih ON ih.inhparent = p.oid JOIN pg_index xi ON xi.indexrelid = ih.inhrelid "
                              f"WHERE x.indrelid = 'events'::regclass AND xi.indrelid = '{part}'::regclass ORDER BY 2 DESC")
            result["real_events_on_disk"] = {
                "partition": part, "events": n, "heap_bytes_per_event": round(int(heap[0]) / n, 1),
                "toast_bytes_per_event": round(int(heap[1]) / n, 1),
                "index_bytes_per_event": {r.split("|")[0]: round(int(r.split("|")[1]) / n, 1) for r in idx.splitlines()},
                "events_per_inserting_transaction": server.psql(
                    f"SELECT round(count(*)::numeric / count(DISTINCT inserted_by), 2) FROM {part}")}
            result["verdict"] = verdict(minutes, rate, errors)
    finally:
        result["finished"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
        with open(out_path, "w") as f:
            json.dump(result, f, indent=1)
        if not args.keep:
            shutil.rmtree(args.data, ignore_errors=True)

    print()
    print("| min | calls | err | all p50/p99 ms | read | write | ingest | lookup | cairn RSS MB | PG RSS / PSS / anon MB | log files | load |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for m in result["minutes"]:
        s = m["sample"]
        print(f"| {m['minute']} | {m['calls']:,} | {m['errors']} | {m['all']['p50']:.1f} / {m['all']['p99']:.1f} | "
              + " | ".join(f"{m[k]['p50']:.1f} / {m[k]['p99']:.1f}" for k in KINDS)
              + f" | {s['cairn_rss_mb']} | {s['pg_rss_mb']} / {s['pg_pss_mb']} / {s['pg_anon_mb']} | {s['log_files']} | {s['load1']} |")
    v = result["verdict"]
    print()
    print("verdict:", "FLAT, NO ERRORS" if v["flat_and_clean"] else "NOT FLAT OR NOT CLEAN: " + "; ".join(v["moved"]))
    for n in v["notes"]:
        print("  ", n)
    print(f"events stored {result['events_stored']:,}, delivered {result['events_delivered']:,} in {result['trail_log_files']} log files; "
          f"bucket: {result['end']['log_files']} log files, {result['end']['digest_files']} digests, "
          f"{result['bucket_bytes'] / 1e6:.1f} MB = {result['bucket_bytes'] / max(1, result['events_delivered']):.0f} B per delivered event")
    r = result["real_events_on_disk"]
    print(f"real events on disk ({r['partition']}): {r['events']:,} events, heap {r['heap_bytes_per_event']} B/event, TOAST {r['toast_bytes_per_event']}, "
          f"indexes {sum(r['index_bytes_per_event'].values()):.0f} B/event; events per inserting transaction {r['events_per_inserting_transaction']}")
    w = result["phase2_wal"]
    print(f"WAL in phase 2: {w['wal_bytes'] / 1e6:.1f} MB for {w['events_stored']:,} events = {w['wal_bytes_per_event']} B/event")
    print("JSON:", out_path)


if __name__ == "__main__":
    try:
        main()
    except Exception:
        traceback.print_exc()
        sys.exit(1)
