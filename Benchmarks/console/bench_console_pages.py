#!/usr/bin/env python3
"""The web console's pages over a large event history: server time of each page with --events stored events
(default 10 million) in the signed-in account, against the issue's target of 100 ms a page.

Usage: python3 Benchmarks/console/bench_console_pages.py [--binary .build-release/release/cairn] [--events 10000000]
       [--data DIR] [--requests 40]
Needs: boto3 (for the setup calls), psql.

Method: a release `cairn serve` on its own embedded PostgreSQL. A tenant account makes a few real calls (an
organization with two OUs and a member account, a trail, an IAM user, an event data store), then its history is
filled with synthetic events by the same SQL statement as Benchmarks/events/bench_lookup_events.py (10 million over
89 days), VACUUMed and ANALYZEd. The script signs in to the console with the tenant's root keys, as a browser does
(the sign-in form's token, the session cookie), and requests each page --warmup times (not counted) and then
--requests times, one at a time on one keep-alive connection over loopback. A page's time is from sending the
request to reading the last byte of the answer: the server's time plus loopback, which is tens of microseconds.
Every page runs its catalogue operations as the signed-in principal (authorized, each recording its event) — the
event history page, for instance, LookupEvents and ListRegions. Reported: median, p95 and max per page, and the
resident memory of `cairn serve` after the run.

With --data DIR the filled data directory is kept in DIR and reused by later runs.
"""
import argparse
import http.client
import json
import os
import re
import statistics
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "events"))
import boto3  # noqa: E402
from benchlib import cairn_server, filled_tenant, keep_data, rss_kb  # noqa: E402
from bench_lookup_events import FILL  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000017", "bench-root-secret-console-0123456789a"


class Browser:
    """One keep-alive connection with a cookie jar: what the console sees of a browser."""

    def __init__(self, endpoint):
        parts = urllib.parse.urlsplit(endpoint)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port)
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {"User-Agent": "bench-console/1.0"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                k, _, rest = value.partition("=")
                v = rest.split(";", 1)[0]
                if v and "Max-Age=0" not in value:
                    self.cookies[k] = v
                else:
                    self.cookies.pop(k, None)
        return response.status, text

    def sign_in(self, key, secret):
        _, page = self.request("GET", "/console/sign-in")
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        status, _ = self.request("POST", "/console/sign-in", {"accessKeyId": key, "secretAccessKey": secret, "csrf": token})
        assert status == 303 and "cairn-console" in self.cookies, status


def setup(endpoint, key, secret):
    """The real resources the pages list: an organization tree, a trail, a user, a store."""
    def client(service):
        return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key, aws_secret_access_key=secret)
    orgs, ct, iam = client("organizations"), client("cloudtrail"), client("iam")
    orgs.create_organization(FeatureSet="ALL")
    root = orgs.list_roots()["Roots"][0]["Id"]
    for name in ("Prod", "Dev"):
        orgs.create_organizational_unit(ParentId=root, Name=name)
    request = orgs.create_account(Email="member@bench.example", AccountName="member")["CreateAccountStatus"]["Id"]
    for _ in range(100):
        if orgs.describe_create_account_status(CreateAccountRequestId=request)["CreateAccountStatus"]["State"] != "IN_PROGRESS":
            break
        time.sleep(0.1)
    ct.create_trail(Name="audit", S3BucketName="audit-logs", IsMultiRegionTrail=True)
    ct.start_logging(Name="audit")
    iam.create_user(UserName="alice")
    ct.create_event_data_store(Name="console-bench", RetentionPeriod=30)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--port", type=int, default=18098)
    ap.add_argument("--data", help="keep the filled data directory here and reuse it on later runs")
    args = ap.parse_args()

    saved = os.path.join(args.data, "bench-console.json") if args.data else None
    keep_data(args.data)
    with cairn_server(args.binary, args.port, KEY_ID, SECRET, data=args.data) as server:
        account, key, secret, fill_s = filled_tenant(server, saved, "console", args.events, FILL, setup)
        stored = int(server.psql(f"SELECT count(*) FROM events WHERE account_id = '{account}'"))
        event_id = server.psql(f"SELECT event_id FROM events WHERE account_id = '{account}' AND event_name = 'Synthetic7' "
                               "ORDER BY event_time DESC LIMIT 1")

        browser = Browser(server.endpoint)
        browser.sign_in(key, secret)
        pages = {
            "event history, newest 50": "/console/events",
            "event history, EventName (1 in 40)": "/console/events?attribute=EventName&value=Synthetic7",
            "event history, Username (1 in 200)": "/console/events?attribute=Username&value=user-42",
            "event history, one day 45 days ago": "/console/events?attribute=EventName&value=Synthetic7&start={}&end={}".format(
                *(time.strftime("%Y-%m-%dT%H:%M", time.gmtime(time.time() - d * 86400)) for d in (46, 45))),
            "an event's record": f"/console/events/{event_id}",
            "Insights": "/console/insights",
            "trails": "/console/trails",
            "a trail": "/console/trails/audit",
            "organization": "/console/organization",
            "IAM": "/console/iam",
            "policy simulator": "/console/simulator",
            "Lake (stores and editor)": "/console/lake",
        }
        results = {"events_stored": stored, "fill_seconds": fill_s and round(fill_s), "requests_per_page": args.requests, "pages": {}}
        for name, path in pages.items():
            for _ in range(args.warmup):
                browser.request("GET", path)
            times = []
            for _ in range(args.requests):
                started = time.perf_counter()
                status, _ = browser.request("GET", path)
                times.append((time.perf_counter() - started) * 1000)
                assert status == 200, (path, status)
            times.sort()
            results["pages"][name] = {
                "p50_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
                "max_ms": round(times[-1], 1)}
            print(name, json.dumps(results["pages"][name]), flush=True)
        results["cairn_rss_mb"] = round(rss_kb(server.process.pid) / 1024, 1)
        results["cairn_peak_rss_mb"] = round(rss_kb(server.process.pid, "VmHWM") / 1024, 1)
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
