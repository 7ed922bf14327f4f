"""Bad input of every kind, at every AWS-protocol operation in botocore's models and at the REST API: always
a 4xx, never a 5xx. Each operation gets malformed bodies and members of the wrong type, shape or size
(including NUL characters, which PostgreSQL cannot store as text)."""
import gzip
import json
import os
import random
import urllib.error
import urllib.request
from urllib.parse import urlencode

import botocore
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

DATA = os.path.join(os.path.dirname(botocore.__file__), "data")
VALUES = [None, 1, -1, 10**12, "", "x" * 5000, "\u0000", [], {}, [1, "a"], {"a": {"b": []}}, True, 1.5, "o-",
          "arn:aws:iam::123:role/x", "r-abc", "123456789012"]
FIELDS = ["", "x" * 3000, "a/b", "arn:aws:iam::aws:policy/AdministratorAccess", '{"Version":1}', "-5", "99999999999",
          "\u0000", "user1"]


def model(service, version):
    path = f"{DATA}/{service}/{version}/service-2.json"
    return json.load(open(path)) if os.path.exists(path) else json.load(gzip.open(path + ".gz"))


def send(endpoint, service, headers, body, path="/"):
    credentials = Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])
    request = AWSRequest(method="POST", url=endpoint + path, data=body, headers=headers)
    SigV4Auth(credentials, service, "us-east-1").add_auth(request)
    prepared = urllib.request.Request(endpoint + path, data=body.encode(), method="POST", headers=dict(request.headers.items()))
    try:
        with urllib.request.urlopen(prepared) as r:
            return r.status, ""
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()[:200]


def members(m, spec):
    return list(m["shapes"][spec["input"]["shape"]].get("members", {})) if "input" in spec else []


def test_no_bad_input_reaches_a_5xx(endpoint):
    rnd = random.Random(20261127)
    failures = []
    for service, version, prefix in [("organizations", "2016-11-28", "AWSOrganizationsV20161128"),
                                     ("cloudtrail", "2013-11-01", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101")]:
        m = model(service, version)
        for op, spec in m["operations"].items():
            for _ in range(3):
                body = {k: rnd.choice(VALUES) for k in members(m, spec) if rnd.random() < 0.7}
                raw = rnd.choice([json.dumps(body), json.dumps(body), "{", "[]", "null", '"s"'])
                status, text = send(endpoint, service, {"X-Amz-Target": f"{prefix}.{op}",
                                                        "Content-Type": "application/x-amz-json-1.1"}, raw)
                if status >= 500:
                    failures.append((service, op, raw[:60], status, text))
    for service, version in [("iam", "2010-05-08"), ("sts", "2011-06-15")]:
        m = model(service, version)
        for op, spec in m["operations"].items():
            for _ in range(4 if op.startswith(("Simulate", "GetContextKeys")) else 2):
                fields = {"Action": op, "Version": version}
                fields.update({k: rnd.choice(FIELDS) for k in members(m, spec) if rnd.random() < 0.7})
                status, text = send(endpoint, service, {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
                                    urlencode(fields))
                if status >= 500:
                    failures.append((service, op, str(fields)[:60], status, text))
    for query in ["", "?channelArn=", "?channelArn=arn:aws:cloudtrail:us-east-1:123456789012:channel/x", "?channelArn=%00"]:
        for raw in ["{", "[]", "null", '{"auditEvents": 5}', '{"auditEvents": [{"id": 5}]}', '{"auditEvents": [{"id": "a", "eventData": {}}]}',
                    '{"auditEvents": [' + ",".join(['{"id":"a%d","eventData":"{}"}' % i for i in range(101)]) + ']}']:
            status, text = send(endpoint, "cloudtrail-data", {"content-type": "application/json"}, raw, "/PutAuditEvents" + query)
            if status >= 500:
                failures.append(("cloudtrail-data", query, raw[:60], status, text))
    m = model("accessanalyzer", "2019-11-01")
    for op in ["ValidatePolicy", "CheckNoNewAccess", "CheckAccessNotGranted", "CheckNoPublicAccess"]:
        spec = m["operations"][op]
        for _ in range(12):
            body = {k: rnd.choice(VALUES + ['{"Statement":[{"Effect":"Allow","Action":"*"}]}', "IDENTITY_POLICY", [{"actions": 5}]])
                    for k in members(m, spec) if rnd.random() < 0.8}
            raw = rnd.choice([json.dumps(body), json.dumps(body), json.dumps(body), "{", "[]", "null"])
            query = rnd.choice(["", "?maxResults=0", "?maxResults=abc", "?nextToken=%00", "?maxResults=-1&nextToken=x"])
            status, text = send(endpoint, "access-analyzer", {"content-type": "application/json"}, raw, spec["http"]["requestUri"] + query)
            if status >= 500:
                failures.append(("access-analyzer", op, raw[:60], status, text))
    for path in ["/v1/policy/simulate", "/v1/policy/validate", "/v1/policy/simulate-principal", "/v1/accounts",
                 "/v1/regions", "/v1/iam/users", "/v1/iam/roles", "/v1/iam/policies", "/v1/trails", "/v1/trails/x-trail/tags",
                 "/v1/trails/x-trail/start-logging", "/v1/organization/trail-delegated-administrators", "/v1/channels",
                 "/v1/channels/x/events", "/v1/organizations/o-abcdefghij/account-limit"]:
        for raw in ["{", "[]", "null", '{"a":1}', '{"name":5,"email":[]}', '{"policyDocument":5}',
                    '{"principalArn":"x","action":"y","context":{"k":[1]}}', '{"userName":"\\u0000"}', '{"name":"t-1","s3BucketName":"b-1","s3KeyPrefix":"\\u0000"}',
                    '{"tagsList":[{"key":5}]}', '{"memberAccountId":[]}']:
            status, text = send(endpoint, "cairn", {"content-type": "application/json"}, raw, path)
            if status >= 500:
                failures.append(("rest", path, raw, status, text))
    assert not failures, failures[:10]
