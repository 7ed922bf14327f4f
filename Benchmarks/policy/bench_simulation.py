#!/usr/bin/env python3
"""Policy-as-code calls under load, p50 and p99 over --calls calls each: SimulatePrincipalPolicy for 50 actions x
10 resources (500 results, one page of MaxItems=1000) against a user with 20 attached managed policies,
Access Analyzer's ValidatePolicy on a 6,144-character identity policy, and CheckNoNewAccess on two 20-statement
policies (the new one a narrowing of the existing one, so every statement is proven: the slowest answer).

Usage: python3 Benchmarks/policy/bench_simulation.py [--binary .build-release/release/cairn] [--calls 300]
Needs: boto3, botocore.

Method: a release `cairn serve` on its own embedded PostgreSQL. The operator's root creates the user, 20
customer-managed policies of 8 statements each (actions with wildcards, resource patterns, a condition in
every fourth statement), attaches 10 to the user and 10 to a group it belongs to (IAM's quota is 10 per
entity), and warms the server with 10 calls. Each timed call is one signed
Query POST sent by one client over a kept-alive connection (http.client), timed from send to the last byte
of the answer; the client does not parse the XML (boto3's parsing of 500 results would dominate the time).
Every call reads the user's policies from PostgreSQL, compiles them, evaluates 500 pairs, and commits its event.
ValidatePolicy's document is built to exactly 6,144 characters without whitespace (IAM's managed-policy quota):
statements of real actions, ARNs and conditions, one deliberate unknown action; each call parses, locates and
checks it and commits its event.
"""
import argparse
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse

import boto3

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import cairn_server, rss_kb, signed  # noqa: E402

KEY_ID, SECRET = "AKIABENCHROOT0000011", "bench-root-secret-simulate-0123456789"
SERVICES = ["s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "kms", "iam", "cloudtrail", "logs"]


def policy(n):
    statements = []
    for s in range(8):
        service = SERVICES[(n + s) % len(SERVICES)]
        statement = {
            "Sid": f"P{n}S{s}", "Effect": "Deny" if s == 7 and n % 5 == 0 else "Allow",
            "Action": [f"{service}:Get*", f"{service}:List*", f"{service}:Describe*", f"{service}:Put{n}*"],
            "Resource": [f"arn:aws:{service}:*:*:res-{n}-{s}/*", f"arn:aws:{service}:us-east-1:*:*"],
        }
        if s % 4 == 3:
            statement["Condition"] = {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}
        statements.append(statement)
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build-release/release/cairn")
    ap.add_argument("--calls", type=int, default=300)
    args = ap.parse_args()
    with cairn_server(args.binary, 18111, KEY_ID, SECRET) as cairn:
        iam = boto3.client("iam", endpoint_url=cairn.endpoint, region_name="us-east-1", aws_access_key_id=KEY_ID,
                           aws_secret_access_key=SECRET)
        user = iam.create_user(UserName="simulated")["User"]
        iam.create_group(GroupName="simulated-team")
        iam.add_user_to_group(GroupName="simulated-team", UserName="simulated")
        for n in range(20):
            arn = iam.create_policy(PolicyName=f"bench-{n}", PolicyDocument=policy(n))["Policy"]["Arn"]
            # IAM's quota is 10 managed policies per user (and per group): half on the user, half on its group.
            if n < 10:
                iam.attach_user_policy(UserName="simulated", PolicyArn=arn)
            else:
                iam.attach_group_policy(GroupName="simulated-team", PolicyArn=arn)
        actions = [f"{SERVICES[i % 10]}:{verb}{i}" for i, verb in zip(range(50), ["GetThing", "ListThings", "DescribeThing", "PutThing", "DeleteThing"] * 10)]
        resources = [f"arn:aws:{SERVICES[i]}:us-east-1:123456789012:res-{i}-1/x" for i in range(10)]
        fields = [("Action", "SimulatePrincipalPolicy"), ("Version", "2010-05-08"), ("PolicySourceArn", user["Arn"]), ("MaxItems", "1000")]
        fields += [(f"ActionNames.member.{i + 1}", a) for i, a in enumerate(actions)]
        fields += [(f"ResourceArns.member.{i + 1}", r) for i, r in enumerate(resources)]
        fields += [("ContextEntries.member.1.ContextKeyName", "aws:RequestedRegion"),
                   ("ContextEntries.member.1.ContextKeyValues.member.1", "us-east-1"),
                   ("ContextEntries.member.1.ContextKeyType", "string")]
        body = urllib.parse.urlencode(fields).encode()
        host = urllib.parse.urlparse(cairn.endpoint)
        conn = http.client.HTTPConnection(host.hostname, host.port)

        def call():
            return timed(conn, cairn.endpoint, "/", body, "iam", "application/x-www-form-urlencoded; charset=utf-8")

        for _ in range(10):
            _, data = call()
        assert data.count(b"<EvalActionName>") == 500, "expected 500 results in one page"
        times = sorted(call()[0] for _ in range(args.calls))
        p = lambda ts, q: ts[min(len(ts) - 1, int(q * len(ts)))] * 1000
        result = {"simulate_principal_policy": {
            "calls": args.calls, "results_per_call": 500, "attached_policies": 20, "statements": 160,
            "p50_ms": round(p(times, 0.50), 2), "p99_ms": round(p(times, 0.99), 2), "mean_ms": round(statistics.mean(times) * 1000, 2),
            "response_bytes": len(data)}}

        document = validation_document()
        validate_body = json.dumps({"policyDocument": document, "policyType": "IDENTITY_POLICY"}).encode()

        def validate():
            return timed(conn, cairn.endpoint, "/policy/validation", validate_body, "access-analyzer", "application/json")

        for _ in range(10):
            _, data = validate()
        assert json.loads(data)["findings"], "the deliberate unknown action is found"
        vtimes = sorted(validate()[0] for _ in range(args.calls))
        result["validate_policy"] = {
            "calls": args.calls, "document_characters": len("".join(document.split())), "findings": len(json.loads(data)["findings"]),
            "p50_ms": round(p(vtimes, 0.50), 2), "p99_ms": round(p(vtimes, 0.99), 2)}

        existing, new = check_documents()
        check_body = json.dumps({"newPolicyDocument": new, "existingPolicyDocument": existing, "policyType": "IDENTITY_POLICY"}).encode()

        def check():
            return timed(conn, cairn.endpoint, "/policy/check-no-new-access", check_body, "access-analyzer", "application/json")

        for _ in range(10):
            _, data = check()
        assert json.loads(data)["result"] == "PASS", data
        ctimes = sorted(check()[0] for _ in range(args.calls))
        result["check_no_new_access"] = {"calls": args.calls, "statements_each": 20, "p50_ms": round(p(ctimes, 0.50), 2),
                                         "p99_ms": round(p(ctimes, 0.99), 2)}
        result["cairn_rss_kb_after"] = rss_kb(cairn.process.pid)
        print(json.dumps(result, indent=2))


def timed(conn, endpoint, path, body, service, content_type):
    """One signed POST over the kept-alive connection: (seconds from send to the answer's last byte, the answer)."""
    headers = signed(endpoint, "POST", path, body, service, KEY_ID, SECRET, {"content-type": content_type})
    start = time.perf_counter()
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - start
    assert response.status == 200, data[:500]
    return elapsed, data


def check_documents():
    """Two 20-statement identity policies, the new one a narrowing of the existing one statement by statement."""
    existing, new = [], []
    for n in range(20):
        service = SERVICES[n % len(SERVICES)]
        condition = {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"]}}
        existing.append({"Effect": "Allow", "Action": [f"{service}:Get*", f"{service}:List*"],
                         "Resource": f"arn:aws:{service}:*:123456789012:res-{n}/*", "Condition": condition})
        new.append({"Effect": "Allow", "Action": [f"{service}:GetThing{n}", f"{service}:ListThings"],
                    "Resource": f"arn:aws:{service}:us-east-1:123456789012:res-{n}/part/*",
                    "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}})
    existing[-1] = {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}
    new[-1] = {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}
    return (json.dumps({"Version": "2012-10-17", "Statement": existing}), json.dumps({"Version": "2012-10-17", "Statement": new}))


def validation_document(target=6144):
    """An identity policy of exactly `target` non-whitespace characters: real statements, padded by a Sid."""
    verbs = ["GetObject", "PutObject", "ListBucket", "GetBucketPolicy", "DeleteObject"]
    statements, n = [], 0
    while True:
        statement = {
            "Sid": f"S{n}", "Effect": "Allow", "Action": [f"s3:{v}" for v in verbs] + (["s3:GetObjekt"] if n == 0 else []),
            "Resource": [f"arn:aws:s3:::bucket-{n}", f"arn:aws:s3:::bucket-{n}/*"],
            "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}, "Bool": {"aws:SecureTransport": "true"}},
        }
        trial = {"Version": "2012-10-17", "Statement": statements + [statement]}
        if len(json.dumps(trial, separators=(",", ":"))) > target - 40:
            break
        statements.append(statement)
        n += 1
    doc = {"Version": "2012-10-17", "Statement": statements}
    pad = target - len(json.dumps(doc, separators=(",", ":")))
    statements[-1]["Sid"] += "x" * pad
    text = json.dumps(doc, separators=(",", ":"))
    assert len(text) == target, len(text)
    return json.dumps(doc, indent=2)


if __name__ == "__main__":
    main()
