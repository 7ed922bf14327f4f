#!/usr/bin/env python3
"""Evaluate the cairn-bench-policy workloads with Cedar (cedarpy) and compare latencies.

Usage:
    swift run -c release cairn-bench-policy --emit /tmp/policy-rulesets   # writes the rule sets + Swift numbers
    python3 Benchmarks/policy/cedar_bench.py /tmp/policy-rulesets [--samples N]

Each IAM statement of a workload becomes one Cedar policy (permit/forbid) whose `when` clause performs the same
work: `like` glob tests of the action and resource against the statement's patterns, then the same condition
checks (string equality, IP range, boolean, string glob). Cedar's forbid-overrides-permit with default deny is
IAM's identity-policy rule, so both engines must reach the same decision; the script checks that before timing.
"""
import json
import os
import statistics
import sys
import time

import cedarpy


def lit(s: str) -> str:
    return json.dumps(s)


def like_any(var: str, patterns):
    return "(" + " || ".join(f"{var} like {lit(p)}" for p in patterns) + ")"


CONTEXT_NAMES = {
    "aws:requestedregion": "region",
    "aws:sourceip": "sourceIp",
    "aws:multifactorauthpresent": "mfa",
    "aws:resourcetag/team": "resourceTagTeam",
}


def as_list(v):
    return v if isinstance(v, list) else [v]


def condition_to_cedar(op: str, key: str, values) -> str:
    var = "context." + CONTEXT_NAMES[key.lower()]
    values = as_list(values)
    if op == "StringEquals":
        return "(" + " || ".join(f"{var} == {lit(v)}" for v in values) + ")"
    if op == "StringNotEquals":
        return "!(" + " || ".join(f"{var} == {lit(v)}" for v in values) + ")"
    if op == "StringLike":
        return like_any(var, values)
    if op == "IpAddress":
        return "(" + " || ".join(f"{var}.isInRange(ip({lit(v)}))" for v in values) + ")"
    if op == "Bool":
        return "(" + " || ".join(f"{var} == {str(v).lower()}" for v in values) + ")"
    raise ValueError(f"operator {op} not translated")


def statement_to_cedar(st: dict) -> str:
    effect = "permit" if st["Effect"] == "Allow" else "forbid"
    parts = []
    if "Action" in st:
        parts.append(like_any("context.action", [a.lower() for a in as_list(st["Action"])]))
    else:
        parts.append("!" + like_any("context.action", [a.lower() for a in as_list(st["NotAction"])]))
    resources = as_list(st.get("Resource", "*"))
    if "*" not in resources:
        parts.append(like_any("context.resource", resources))
    for op, keys in st.get("Condition", {}).items():
        for key, values in keys.items():
            parts.append(condition_to_cedar(op, key, values))
    return f"{effect}(principal, action, resource) when {{ {' && '.join(parts)} }};"


def cedar_context(w: dict) -> dict:
    ctx = {"action": w["action"].lower(), "resource": w["resource"]}
    for key, value in w["context"].items():
        name = CONTEXT_NAMES[key.lower()]
        if name == "sourceIp":
            ctx[name] = {"__extn": {"fn": "ip", "arg": value}}
        elif name == "mfa":
            ctx[name] = value == "true"
        else:
            ctx[name] = value
    return ctx


def pct(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p))]


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    directory = args[0]
    samples = int(args[args.index("--samples") + 1]) if "--samples" in args else 5000
    print(f"cedarpy {getattr(cedarpy, '__version__', '')}".strip(), f"samples per row: {samples}")
    print()
    print("| workload | Cedar policies | decision (agrees) | Cedar engine median µs | Cedar engine p90 µs | cedarpy call median ns | cedarpy batch ns/decision | Swift median ns | ratio (Cedar engine / Swift) | ratio (cedarpy call / Swift) |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(directory, name)) as f:
            w = json.load(f)
        statements = []
        for text in w["identityPolicies"]:
            doc = json.loads(text)
            statements += as_list(doc["Statement"])
        policy_text = "\n".join(statement_to_cedar(s) for s in statements)
        policies = cedarpy.PolicySet.from_str(policy_text) if hasattr(cedarpy, "PolicySet") else policy_text
        entities = cedarpy.Entities.from_json_str("[]") if hasattr(cedarpy, "Entities") else "[]"
        request = {
            "principal": 'User::"alice"',
            "action": 'Action::"call"',
            "resource": 'Resource::"r"',
            "context": cedar_context(w),
        }
        first = cedarpy.is_authorized(request, policies, entities)
        cedar_decision = "Allow" if first.allowed else "Deny"
        swift_decision = w["expectedDecision"]
        agrees = (cedar_decision == "Allow") == (swift_decision == "Allow")
        for _ in range(200):
            cedarpy.is_authorized(request, policies, entities)
        engine_us, call_ns = [], []
        for _ in range(samples):
            t0 = time.perf_counter_ns()
            r = cedarpy.is_authorized(request, policies, entities)
            call_ns.append(time.perf_counter_ns() - t0)
            engine_us.append(r.metrics.get("authz_duration_micros", 0))
        engine_us.sort()
        call_ns.sort()
        batch = [request] * 1000
        t0 = time.perf_counter_ns()
        cedarpy.is_authorized_batch(batch, policies, entities)
        batch_ns = (time.perf_counter_ns() - t0) / len(batch)
        swift = w["swiftMedianNs"]
        engine_median_ns = pct(engine_us, 0.5) * 1000
        print(
            f"| {w['label']} | {len(statements)} | {cedar_decision} vs {swift_decision} ({'yes' if agrees else 'NO'}) "
            f"| {pct(engine_us, 0.5)} | {pct(engine_us, 0.9)} | {pct(call_ns, 0.5)} | {batch_ns:.0f} | {swift} "
            f"| {engine_median_ns / swift:.1f}× | {pct(call_ns, 0.5) / swift:.1f}× |"
        )
        if not agrees:
            sys.exit(1)


if __name__ == "__main__":
    main()
