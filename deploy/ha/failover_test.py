#!/usr/bin/env python3
"""Cairn across a PostgreSQL failover (docs/deploy.md "High availability").

Starts the three-node Patroni cluster (cluster.sh) in a temporary WORKDIR, two `cairn serve` processes on it
through HAProxy (one database, one master key, one buckets directory), and drives signed writes through both
at once with boto3: iam CreateUser, cloudtrail CreateTrail and cloudtrail-data PutAuditEvents, every call
recorded with its outcome and times (botocore retries off: one attempt, one record). Mid-load it kills -9 the
leader's postmaster, lets Patroni fail over, then kills -9 one cairn process and keeps driving the other.

Then it checks, in PostgreSQL through HAProxy:
  * every call answered 2xx left its resource (user, trail, ingested audit event) and its event;
  * nothing exists without its event, and no successful event exists without its resource;
  * nothing exists that was never answered 2xx, except calls whose outcome is in doubt (5xx, connection
    error, timeout), which are counted separately (each that landed must have its event, as above);
and that trail delivery and digests go on after the failover (new files in the buckets directory) and that
`cairn validate-logs` passes. Intended behaviour while the database is unreachable: fail fast with 503
ServiceUnavailable; a 500, or a call held until the client's 10 s read timeout, is reported as a failure.

    python3 deploy/ha/failover_test.py [--cairn .build/debug/cairn] [--migrations DIR] [--keep]

Exit status 0 when every check passes, 1 otherwise. Run as root (the cluster runs as `postgres`) or as a
user who can run PostgreSQL. Needs boto3, psql, and the packages cluster.sh needs.
"""
import argparse
import base64
import datetime
import gzip
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import boto3
import botocore.exceptions
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
ROOT_KEY, ROOT_SECRET = "AKIASIMROOT000000001", "sim-root-secret-0123456789abcdef"
HOME = "us-east-1"
REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-northeast-1"]
BUCKET = "failover-trail-logs"
CLIENT_CONFIG = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=10)
READ_TIMEOUT = 10


def now():
    return time.time()


def iso(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%H:%M:%S.%f")[:-3]


def say(message):
    print(f"[{iso(now())}] {message}", flush=True)


# --------------------------------------------------------------------------------------------- the cluster


class Cluster:
    def __init__(self, workdir):
        self.workdir = workdir
        self.env = {}

    def run(self, action, check=True):
        return subprocess.run(["bash", os.path.join(HERE, "cluster.sh"), action, self.workdir], check=check,
                              capture_output=True, text=True, timeout=600)

    def start(self):
        out = self.run("start", check=False)
        if out.returncode != 0:
            raise SystemExit(f"cluster.sh start failed:\n{out.stdout}\n{out.stderr}")
        with open(os.path.join(self.workdir, "cluster.env")) as f:
            self.env = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
        return out.stdout

    def members(self):
        out = subprocess.run(["patronictl", "-c", os.path.join(self.workdir, "node1", "patroni.yml"), "list", "-f", "json"],
                             capture_output=True, text=True, timeout=20)
        try:
            return json.loads(out.stdout)
        except ValueError:
            return []

    def leader(self):
        for m in self.members():
            if m["Role"] == "Leader" and m["State"] == "running":
                return m["Member"]
        return None

    def postmaster_pid(self, member):
        with open(os.path.join(self.workdir, member, "data", "postmaster.pid")) as f:
            return int(f.readline())

    def psql(self, sql):
        out = subprocess.run(["psql", self.env["DATABASE_URL"], "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql],
                             capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"psql failed: {out.stderr}")
        return out.stdout

    def json_rows(self, sql):
        return json.loads(self.psql(f"SELECT coalesce(json_agg(q), '[]') FROM ({sql}) q") or "[]")


# ------------------------------------------------------------------------------------------- cairn processes


class Cairn:
    def __init__(self, label, binary, port, env, logdir):
        self.label, self.binary, self.port, self.env = label, binary, port, env
        self.endpoint = f"http://127.0.0.1:{port}"
        self.log_path = os.path.join(logdir, f"cairn-{label}.log")
        self.process = None
        self.killed_at = None
        self.account = None

    def start(self, timeout=300):
        log = open(self.log_path, "w")
        self.process = subprocess.Popen([self.binary, "serve"], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, start_new_session=True)
        ready = threading.Event()

        def pump():
            for line in self.process.stdout:
                log.write(line)
                log.flush()
                if "Cairn is listening on" in line:
                    self.account = line.split("operator account ")[1].split(")")[0]
                    ready.set()
            log.close()

        threading.Thread(target=pump, daemon=True).start()
        deadline = now() + timeout
        while not ready.wait(0.5):
            if self.process.poll() is not None or now() > deadline:
                raise SystemExit(f"cairn {self.label} did not start; see {self.log_path}")
        say(f"cairn {self.label} listening on {self.endpoint} (pid {self.process.pid}, operator account {self.account})")

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def kill9(self):
        self.killed_at = now()
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def terminate(self, timeout):
        """SIGTERM; returns the seconds it took to exit, or None (then it is killed) after `timeout`."""
        if not self.alive():
            return 0.0
        start = now()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
            return now() - start
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None


def client(service, endpoint, region=HOME, key=ROOT_KEY, secret=ROOT_SECRET):
    return boto3.session.Session().client(service, endpoint_url=endpoint, region_name=region, aws_access_key_id=key,
                                          aws_secret_access_key=secret, config=CLIENT_CONFIG)


def rest(endpoint, method, path, body):
    """A SigV4-signed call to Cairn's REST API (service name `cairn`) as the operator root."""
    import urllib.error
    import urllib.request
    data = json.dumps(body).encode()
    request = AWSRequest(method=method, url=endpoint + path, data=data, headers={"content-type": "application/json"})
    SigV4Auth(Credentials(ROOT_KEY, ROOT_SECRET), "cairn", HOME).add_auth(request)
    prepared = urllib.request.Request(request.url, data=data, method=method, headers=dict(request.headers))
    try:
        with urllib.request.urlopen(prepared, timeout=30) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


# ------------------------------------------------------------------------------------------------ the load


class Calls:
    """Every call made, with its outcome."""

    def __init__(self):
        self.lock = threading.Lock()
        self.items = []

    def add(self, item):
        with self.lock:
            self.items.append(item)


def outcome_of(fn):
    """Runs one call; returns (kind, status, code, response). kind: ok | client_error | unavailable (503) |
    server_error (other 5xx) | timeout | connection | exception."""
    try:
        response = fn()
        return "ok", response["ResponseMetadata"]["HTTPStatusCode"], None, response
    except botocore.exceptions.ClientError as e:
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        code = e.response.get("Error", {}).get("Code")
        kind = "client_error" if status < 500 else "unavailable" if status == 503 else "server_error"
        return kind, status, code, e.response
    except botocore.exceptions.ReadTimeoutError as e:
        return "timeout", None, type(e).__name__, None
    except (botocore.exceptions.EndpointConnectionError, botocore.exceptions.ConnectionClosedError,
            botocore.exceptions.ConnectTimeoutError) as e:
        return "connection", None, type(e).__name__, None
    except Exception as e:  # noqa: BLE001 - every outcome is recorded
        return "exception", None, f"{type(e).__name__}: {e}", None


IN_DOUBT = {"unavailable", "server_error", "timeout", "connection", "exception"}


class TrailSlots:
    """(credentials, region) pairs with room for one more trail (5 per account per region)."""

    def __init__(self, accounts):
        self.lock = threading.Lock()
        self.free = [(a, r) for a in accounts for r in REGIONS for _ in range(5)]
        random.shuffle(self.free)

    def take(self):
        with self.lock:
            return self.free.pop() if self.free else None


class Worker(threading.Thread):
    def __init__(self, run, cairn, index, calls, slots, channel, stop):
        super().__init__(daemon=True)
        self.run_id, self.cairn, self.index, self.calls, self.slots, self.channel, self.stop = run, cairn, index, calls, slots, channel, stop
        self.clients = {}
        self.seq = 0

    def client(self, service, region=HOME, key=ROOT_KEY, secret=ROOT_SECRET):
        k = (service, region, key)
        if k not in self.clients:
            self.clients[k] = client(service, self.cairn.endpoint, region, key, secret)
        return self.clients[k]

    def name(self, kind):
        self.seq += 1
        return f"fo-{self.run_id}-{self.cairn.label}{self.index}-{kind}{self.seq}"

    def one(self):
        pick = random.random()
        if pick < 0.15:
            slot = self.slots.take()
            if slot is not None:
                (account, key, secret), region = slot
                name = self.name("t")
                return "CreateTrail", name, lambda: self.client("cloudtrail", region, key, secret).create_trail(Name=name, S3BucketName=BUCKET)
        if pick < 0.55:
            name = self.name("u")
            return "CreateUser", name, lambda: self.client("iam").create_user(UserName=name)
        uid = self.name("e")
        data = json.dumps({"version": "1.0", "userIdentity": {"type": "CustomUser", "principalId": "loadgen"},
                           "eventSource": "failover.example.com", "eventName": "LoadGenerated", "eventTime": "2025-01-01T00:00:00Z",
                           "UID": uid, "recipientAccountId": self.cairn.account})
        return "PutAuditEvents", uid, lambda: self.client("cloudtrail-data").put_audit_events(
            channelArn=self.channel, auditEvents=[{"id": uid, "eventData": data}])

    def run(self):
        while not self.stop.is_set() and self.cairn.alive():
            op, key, fn = self.one()
            start = now()
            kind, status, code, response = outcome_of(fn)
            end = now()
            if kind == "ok" and op == "PutAuditEvents" and [s["id"] for s in response.get("successful", [])] != [key]:
                kind, code = "client_error", f"not ingested: {response.get('failed')}"
            retries = (response or {}).get("ResponseMetadata", {}).get("RetryAttempts", 0) if isinstance(response, dict) else 0
            self.calls.add({"process": self.cairn.label, "op": op, "key": key, "start": start, "end": end, "kind": kind,
                            "status": status, "code": code, "retries": retries})
            if kind != "ok":
                time.sleep(0.2)  # a client backing off a little, as any would


# ----------------------------------------------------------------------------------------------- the checks


class Report:
    def __init__(self):
        self.failures = []
        self.lines = []

    def check(self, ok, what, detail=""):
        self.lines.append(f"  {'PASS' if ok else 'FAIL'}  {what}" + (f": {detail}" if detail else ""))
        if not ok:
            self.failures.append(what)

    def info(self, text):
        self.lines.append(f"        {text}")


def audit_uid(record):
    data = record.get("eventData")
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            return None
    return (data or {}).get("UID")


def check_database(cluster, run_id, calls, started, report):
    like = f"%fo-{run_id}-%"
    since = datetime.datetime.fromtimestamp(started - 60, datetime.timezone.utc).isoformat()
    users = {r["name"] for r in cluster.json_rows(f"SELECT name FROM iam_users WHERE name LIKE '{like}'")}
    trails = {r["name"] for r in cluster.json_rows(f"SELECT name FROM trails WHERE name LIKE '{like}'")}
    ingested = [audit_uid(r["record"]) for r in cluster.json_rows(
        f"SELECT record FROM events WHERE event_category = 'ActivityAuditLog' AND event_time >= '{since}' AND record::text LIKE '{like}'")]
    existing = {("CreateUser", n) for n in users} | {("CreateTrail", n) for n in trails} | {("PutAuditEvents", u) for u in ingested}
    duplicates_ingested = len(ingested) - len(set(ingested))

    events = cluster.json_rows(
        "SELECT event_name AS name, error_code AS error, record->'requestParameters' AS params FROM events "
        f"WHERE event_time >= '{since}' AND event_name IN ('CreateUser', 'CreateTrail', 'PutAuditEvents') "
        f"AND event_category = 'Management' AND record::text LIKE '{like}'")
    succeeded_events, failed_events = {}, {}
    for e in events:
        p = e["params"] or {}
        keys = [p.get("userName")] if e["name"] == "CreateUser" else [p.get("name")] if e["name"] == "CreateTrail" \
            else [a.get("id") for a in p.get("auditEvents", [])]
        for k in keys:
            target = failed_events if e["error"] else succeeded_events
            target[(e["name"], k)] = target.get((e["name"], k), 0) + 1

    by_key = {}
    for c in calls:
        by_key.setdefault((c["op"], c["key"]), []).append(c)
    ok_keys = {k for k, cs in by_key.items() if any(c["kind"] == "ok" for c in cs)}
    doubt_keys = {k for k, cs in by_key.items() if k not in ok_keys and any(c["kind"] in IN_DOUBT for c in cs)}

    lost = sorted(k for k in ok_keys if k not in existing)
    no_event_for_ok = sorted(k for k in ok_keys if k not in succeeded_events)
    no_event = sorted(k for k in existing if k not in succeeded_events)
    event_without_resource = sorted(k for k in succeeded_events if k not in existing)
    phantom = sorted(k for k in existing if k not in ok_keys and k not in doubt_keys)
    double_events = sorted(k for k, n in succeeded_events.items() if n > 1)
    landed = sorted(k for k in doubt_keys if k in existing)

    report.info(f"in the database: {len(users)} users, {len(trails)} trails, {len(ingested)} ingested audit events; "
                f"{sum(succeeded_events.values())} successful and {sum(failed_events.values())} failed call events")
    report.check(not lost, "every call answered 2xx left its resource", f"{len(lost)} missing, e.g. {lost[:3]}" if lost else f"{len(ok_keys)} calls")
    report.check(not no_event_for_ok, "every call answered 2xx has its event", f"{len(no_event_for_ok)} without, e.g. {no_event_for_ok[:3]}" if no_event_for_ok else "")
    report.check(not no_event, "nothing exists without its event", f"{len(no_event)}, e.g. {no_event[:3]}" if no_event else f"{len(existing)} resources")
    report.check(not event_without_resource, "no successful event without its resource",
                 f"{len(event_without_resource)}, e.g. {event_without_resource[:3]}" if event_without_resource else "")
    report.check(not phantom, "nothing exists that was never answered 2xx (outside in-doubt calls)",
                 f"{len(phantom)}, e.g. {phantom[:3]}" if phantom else "")
    report.check(not double_events and duplicates_ingested == 0, "no call recorded twice",
                 f"{len(double_events)} keys with 2+ events, {duplicates_ingested} duplicate ingested events" if double_events or duplicates_ingested else "")
    report.info(f"in-doubt calls (5xx / connection error / timeout, never answered 2xx): {len(doubt_keys)}; "
                f"landed anyway (with their events): {len(landed)}; did not land: {len(doubt_keys) - len(landed)}")
    for k in landed:
        for c in by_key[k]:
            report.info(f"  landed: {c['op']} {c['key']} on {c['process']}: {c['kind']} {c['status'] or ''} {c['code']} "
                        f"at {iso(c['end'])} after {c['end'] - c['start']:.2f} s")
    return {"ok": len(ok_keys), "in_doubt": len(doubt_keys), "in_doubt_landed": len(landed), "users": len(users),
            "trails": len(trails), "ingested": len(ingested)}


def delivered_files(buckets, account):
    root = os.path.join(buckets, BUCKET, "AWSLogs", account)
    logs, digests = [], []
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".json.gz"):
                path = os.path.join(d, f)
                (digests if "CloudTrail-Digest" in d else logs).append((os.path.getmtime(path), path))
    return sorted(logs), sorted(digests)


def windows(calls, label, kill_time):
    """(first failure after the kill, first success that started after it) for one process."""
    mine = sorted((c for c in calls if c["process"] == label), key=lambda c: c["start"])
    failed = [c for c in mine if c["kind"] != "ok" and c["kind"] != "client_error" and c["end"] >= kill_time]
    if not failed:
        return None, None
    first_fail = failed[0]["end"]
    recovered = [c for c in mine if c["kind"] == "ok" and c["start"] >= first_fail]
    return first_fail, (recovered[0]["end"] if recovered else None)


# -------------------------------------------------------------------------------------------------- the run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cairn", default=os.path.join(ROOT, ".build", "debug", "cairn"), help="cairn executable")
    parser.add_argument("--migrations", default=os.environ.get("CAIRN_MIGRATIONS_DIR", os.path.join(ROOT, "migrations")))
    parser.add_argument("--workdir", help="cluster directory (default: a new temporary directory)")
    parser.add_argument("--keep", action="store_true", help="leave the cluster and cairn running at the end")
    parser.add_argument("--calls", help="also write every recorded call to this JSON file")
    parser.add_argument("--artifacts", help="at the end, copy calls.json and every log (cairn, Patroni, PostgreSQL, HAProxy, etcd) here")
    parser.add_argument("--workers", type=int, default=3, help="concurrent callers per cairn process")
    parser.add_argument("--before", type=float, default=15, help="seconds of load before the database failover")
    parser.add_argument("--between", type=float, default=15, help="seconds of load after recovery, before a cairn is killed")
    parser.add_argument("--after", type=float, default=20, help="seconds of load on the surviving cairn")
    parser.add_argument("--ports", default="25100,25101", help="listen ports of the two cairn processes")
    args = parser.parse_args()

    run_id = uuid.uuid4().hex[:6]
    workdir = os.path.abspath(args.workdir or tempfile.mkdtemp(prefix="cairn-failover-"))
    report = Report()
    cluster = Cluster(workdir)
    processes = []
    say(f"run {run_id}, workdir {workdir}, cairn {args.cairn}")
    try:
        say("starting the cluster (etcd, 3 × Patroni, HAProxy)")
        print(cluster.start(), end="", flush=True)

        shared = os.path.join(workdir, "cairn")
        os.makedirs(os.path.join(shared, "buckets"), exist_ok=True)
        key_file = os.path.join(shared, "master.key")
        with open(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
            f.write(base64.b64encode(os.urandom(32)).decode() + "\n")
        base = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "CAIRN_", "DATABASE_"))}
        base.update({"DATABASE_URL": cluster.env["DATABASE_URL"], "CAIRN_MIGRATIONS_DIR": args.migrations,
                     "CAIRN_MASTER_KEY_FILE": key_file, "CAIRN_BUCKETS_DIR": os.path.join(shared, "buckets"),
                     "CAIRN_ROOT_ACCESS_KEY_ID": ROOT_KEY, "CAIRN_ROOT_SECRET_ACCESS_KEY": ROOT_SECRET,
                     "CAIRN_DELIVERY_INTERVAL_SECONDS": "2", "CAIRN_DIGEST_INTERVAL_SECONDS": "5"})
        for label, port in zip("ab", args.ports.split(",")):
            env = dict(base, CAIRN_DATA_DIR=os.path.join(shared, label), CAIRN_LISTEN=f"127.0.0.1:{port}")
            processes.append(Cairn(label, args.cairn, int(port), env, workdir))
        for p in processes:  # one after the other: the first applies the migrations
            p.start()
        a, b = processes
        b.account = a.account

        # Setup through a: the delivery trail (validated, logging), the channel, four tenants for trail room.
        started = now()
        ct = client("cloudtrail", a.endpoint)
        trail_arn = ct.create_trail(Name=f"failover-delivery-{run_id}", S3BucketName=BUCKET, EnableLogFileValidation=True)["TrailARN"]
        ct.start_logging(Name=trail_arn)
        channel = ct.create_channel(Name=f"failover-{run_id}", Source="Custom", Destinations=[
            {"Type": "EVENT_DATA_STORE", "Location": ct.create_event_data_store(Name=f"failover-{run_id}", AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["ActivityAuditLog"]}]}])["EventDataStoreArn"]}])["ChannelArn"]
        accounts = [(a.account, ROOT_KEY, ROOT_SECRET)]
        for i in range(4):
            status, body = rest(a.endpoint, "POST", "/v1/accounts", {"name": f"failover-{run_id}-{i}", "email": f"failover-{run_id}-{i}@example.com"})
            if status != 201:
                raise SystemExit(f"creating a tenant failed: {status} {body}")
            accounts.append((body["account"]["id"], body["credentials"]["accessKeyId"], body["credentials"]["secretAccessKey"]))
        slots = TrailSlots(accounts)
        slots.free.remove((accounts[0], HOME))  # the delivery trail's place

        calls, stop = Calls(), threading.Event()
        workers = [Worker(run_id, p, i, calls, slots, channel, stop) for p in processes for i in range(args.workers)]
        for w in workers:
            w.start()
        say(f"load: {len(workers)} callers ({args.workers} per process); {args.before:.0f} s before the failover")
        time.sleep(args.before)

        old_leader = cluster.leader()
        pid = cluster.postmaster_pid(old_leader)
        kill_time = now()
        os.kill(pid, signal.SIGKILL)
        say(f"kill -9 postmaster {pid} of leader {old_leader}")
        new_leader, promoted = None, None
        while now() - kill_time < 120:
            leader = cluster.leader()
            if leader and leader != old_leader:
                new_leader, promoted = leader, now()
                break
            time.sleep(0.25)
        say(f"new leader {new_leader} after {promoted - kill_time:.1f} s" if new_leader else "no new leader within 120 s")
        report.check(new_leader is not None, "Patroni promoted a standby", f"{new_leader} after {promoted - kill_time:.1f} s" if new_leader else "")

        # Wait until both processes answer again (or 90 s), then `between` seconds more of load.
        deadline = now() + 90
        while now() < deadline:
            if all(any(c["process"] == p.label and c["kind"] == "ok" and c["start"] > kill_time for c in list(calls.items)) for p in processes):
                break
            time.sleep(0.5)
        say(f"both processes answered after the failover; {args.between:.0f} s more")
        time.sleep(args.between)

        b.kill9()
        say(f"kill -9 cairn b (pid {b.process.pid}); driving a alone for {args.after:.0f} s")
        time.sleep(args.after)
        stop.set()
        for w in workers:
            w.join(READ_TIMEOUT + 10)
        end_of_load = now()
        items = calls.items
        with open(os.path.join(workdir, "calls.json"), "w") as f:
            json.dump(items, f, indent=1)
        if args.calls:
            shutil.copy(os.path.join(workdir, "calls.json"), args.calls)
        say(f"load stopped: {len(items)} calls (all recorded in {args.calls or os.path.join(workdir, 'calls.json')})")

        # ---- what the clients saw
        print("\nCalls (process: outcome counts):")
        for label in "ab":
            mine = [c for c in items if c["process"] == label]
            counts = {}
            for c in mine:
                k = c["kind"] if c["kind"] == "ok" else f"{c['kind']}:{c['status'] or ''}:{c['code']}"
                counts[k] = counts.get(k, 0) + 1
            print(f"  {label}: {len(mine)} calls  " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
        print("\nUnavailability after the database kill (first failed call → first success that started after it):")
        for p in processes:
            first_fail, recovered = windows([c for c in items if b.killed_at is None or c["process"] != "b" or c["end"] < b.killed_at],
                                            p.label, kill_time)
            if first_fail is None:
                print(f"  {p.label}: no failed call")
            else:
                print(f"  {p.label}: first failure {first_fail - kill_time:+.2f} s after the kill, first success "
                      + (f"{recovered - kill_time:+.2f} s: window {recovered - first_fail:.2f} s" if recovered else "never"))
        during = [c for c in items if c["end"] >= kill_time and (c["start"] <= (promoted or kill_time) + 60)]
        slow = [c for c in during if c["kind"] != "ok"]
        if slow:
            print(f"  failed calls during the failover: {len(slow)}; longest {max(c['end'] - c['start'] for c in slow):.2f} s; "
                  f"by outcome: " + ", ".join(f"{k}={sum(1 for c in slow if (c['kind'], c['status'], c['code']) == k)}"
                                              for k in sorted({(c['kind'], c['status'], c['code']) for c in slow}, key=str)))

        print("\nChecks:")
        a_after = [c for c in items if c["process"] == "a" and c["start"] > b.killed_at]
        report.check(any(c["kind"] == "ok" for c in a_after), "the surviving process answers after the other is killed",
                     f"{sum(c['kind'] == 'ok' for c in a_after)} of {len(a_after)} calls 2xx")
        live = [c for c in items if not (c["process"] == "b" and c["end"] >= b.killed_at - 0.001)]
        internal = [c for c in live if c["kind"] == "server_error"]
        report.check(not internal, "no 5xx other than 503 (intended: 503 ServiceUnavailable while the database is away)",
                     f"{len(internal)} calls, e.g. " + ", ".join(f"{c['status']} {c['code']} ({c['op']}, {c['end'] - c['start']:.1f} s)" for c in internal[:3]) if internal else "")
        timeouts = [c for c in live if c["kind"] == "timeout"]
        report.check(not timeouts, f"no call held until the client's {READ_TIMEOUT} s read timeout", f"{len(timeouts)} calls" if timeouts else "")
        odd = [c for c in live if c["kind"] in ("exception", "client_error")]
        report.check(not odd, "no unexpected client errors or exceptions",
                     f"{len(odd)}, e.g. " + "; ".join(f"{c['op']} {c['status']} {c['code']}" for c in odd[:3]) if odd else "")
        report.check(all(c["retries"] == 0 for c in items), "botocore retried nothing (one attempt per recorded call)")

        facts = check_database(cluster, run_id, items, started, report)

        # Delivery and digests after the failover; validate-logs.
        buckets = os.path.join(shared, "buckets")
        deadline = now() + 120
        logs, digests = [], []
        while now() < deadline:
            logs, digests = delivered_files(buckets, a.account)
            new_logs = [p for t, p in logs if t > end_of_load]
            new_digests = [p for t, p in digests if t > end_of_load]
            if new_logs and new_digests:
                break
            time.sleep(1)
        after_logs = [p for t, p in logs if t > (promoted or kill_time)]
        after_digests = [p for t, p in digests if t > (promoted or kill_time)]
        records_after = 0
        for path in after_logs:
            try:
                with gzip.open(path) as f:
                    records = json.load(f)["Records"]
            except (OSError, ValueError):
                continue
            records_after += sum(1 for r in records if r.get("eventTime", "") > datetime.datetime.fromtimestamp(kill_time, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        report.check(bool(after_logs) and records_after > 0, "log files delivered after the failover",
                     f"{len(after_logs)} of {len(logs)} files, {records_after} records of calls after the kill")
        report.check(bool(after_digests), "digests written after the failover", f"{len(after_digests)} of {len(digests)} digest files")
        start_time = datetime.datetime.fromtimestamp(started - 120, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        validate = subprocess.run([args.cairn, "validate-logs", "--trail-arn", trail_arn, "--start-time", start_time],
                                  env=dict(a.env), capture_output=True, text=True, timeout=300)
        summary = [line for line in validate.stdout.splitlines() if "valid" in line.lower() and "\t" not in line]
        invalid = [line for line in validate.stdout.splitlines() if "INVALID" in line]
        report.check(validate.returncode == 0 and not invalid, "cairn validate-logs passes",
                     "; ".join(summary[-3:]) if validate.returncode == 0 else f"exit {validate.returncode}: {invalid[:3]} {validate.stderr[-500:]}")

        # SIGTERM on the survivor.
        took = a.terminate(30)
        report.check(took is not None, "the surviving cairn stops on SIGTERM within 30 s", f"{took:.1f} s" if took is not None else "killed after 30 s")

        print("\n".join(report.lines))
        print(f"\nSummary: {len(items)} calls; {facts['ok']} answered 2xx; {facts['in_doubt']} in doubt "
              f"({facts['in_doubt_landed']} landed); failover {promoted - kill_time:.1f} s" if promoted else "")
        print("RESULT: " + ("PASS" if not report.failures else f"FAIL ({len(report.failures)}: {'; '.join(report.failures)})"))
        return 0 if not report.failures else 1
    finally:
        if args.artifacts:
            os.makedirs(args.artifacts, exist_ok=True)
            for name in ("calls.json", "cairn-a.log", "cairn-b.log"):
                if os.path.exists(os.path.join(workdir, name)):
                    shutil.copy(os.path.join(workdir, name), args.artifacts)
            if os.path.isdir(os.path.join(workdir, "logs")):
                shutil.copytree(os.path.join(workdir, "logs"), os.path.join(args.artifacts, "logs"), dirs_exist_ok=True)
            say(f"artifacts in {args.artifacts}")
        if args.keep:
            say(f"--keep: cluster and processes left running; stop with: bash {HERE}/cluster.sh stop {workdir}")
        else:
            for p in processes:
                if p.alive():
                    p.process.kill()
                    p.process.wait()
            cluster.run("stop", check=False)
            shutil.rmtree(workdir, ignore_errors=True)
            say("cluster stopped and workdir removed")


if __name__ == "__main__":
    sys.exit(main())
