"""SigmaHQ's CloudTrail detection rules fire on Cairn's records (issue 19).

tests/compat/sigma/rules holds Cairn's own rewrite of every SigmaHQ rule under rules/cloud/aws/cloudtrail
that Cairn's services can trigger (docs/detection.md lists them, and the ones that cannot apply). For each
rule a fresh tenant performs the activity the rule describes and a near-miss twin of it, through boto3;
the tenant's records are exported (GET /v1/events/export), flattened into one SQLite table, and the rule is
converted to SQL by pySigma's SQLite backend and run over it. The activity's records must match and the
twin's must not; calls are told apart by the request id each answer carries, which is the record's
requestID.

Field mapping (docs/detection.md): every key path of a record is a column named by its dotted path
(`userIdentity.sessionContext.sessionIssuer.type`); strings as written, booleans `true`/`false`, numbers
as JSON; an absent or null member is NULL. An object is also a column of its own holding its text,
`{key=value, ...}` with string members unescaped, so a rule searching a whole object (`requestParameters`)
finds the text of its members, quotes included. A list is a column holding the same text form. Columns are
TEXT COLLATE NOCASE, because Sigma compares strings without regard to case.
"""
import json
import os
import re
import sqlite3
import urllib.request
from pathlib import Path

import boto3
import botocore.exceptions
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from sigma.backends.sqlite import sqliteBackend
from sigma.collection import SigmaCollection

from cairn_rest import create_tenant

RULES = Path(__file__).parent / "sigma" / "rules"
TABLE = "logs"

S3_BROWSER = "S3 Browser/11.5.7 https://s3browser.com"
TRUFFLEHOG = "TruffleHog"
TRUFFLEHOG_VERSIONED = "TruffleHog/3.88.0"


# Records into SQLite


def as_text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={as_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(as_text(v) for v in value) + "]"
    if value is None:
        return "null"
    return json.dumps(value)


def flatten(record):
    """One row: dotted key path -> text (see the module's docstring)."""
    row = {}

    def walk(path, value):
        if value is None:
            return
        if path:
            row[path] = as_text(value)
        if isinstance(value, dict):
            for key, member in value.items():
                walk(f"{path}.{key}" if path else key, member)

    walk("", record)
    return row


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def load(records, extra_columns=()):
    """An in-memory SQLite database with one row per record in TABLE."""
    rows = [flatten(r) for r in records]
    columns = {}  # SQLite column names ignore case: one column per spelling-insensitive path
    for name in [*(k for row in rows for k in row), *extra_columns]:
        columns.setdefault(name.lower(), name)
    db = sqlite3.connect(":memory:")
    db.create_function("REGEXP", 2, lambda pattern, value: value is not None and re.search(pattern, value) is not None)
    db.execute(f"CREATE TABLE {TABLE} ({', '.join(quote(c) + ' TEXT COLLATE NOCASE' for c in columns.values())})")
    for row in rows:
        assert len({k.lower() for k in row}) == len(row), f"a record has two keys differing only in case: {sorted(row)}"
        names = list(row)
        db.execute(f"INSERT INTO {TABLE} ({', '.join(quote(columns[n.lower()]) for n in names)}) "
                   f"VALUES ({', '.join('?' * len(names))})", [row[n] for n in names])
    return db


def load_rule(path):
    rules = SigmaCollection.from_yaml(path.read_text()).rules
    assert len(rules) == 1, path
    return rules[0]


def matching_request_ids(rule, records):
    """The requestIDs of the records the rule matches, with pySigma's SQLite backend."""
    backend = sqliteBackend(table=TABLE)
    queries = backend.convert_rule(rule)
    assert len(queries) == 1, queries
    db = load(records, backend.required_fields(rule))
    db.row_factory = sqlite3.Row
    return {row["requestID"] for row in db.execute(queries[0])}


# The tenant and its records


class Tenant:
    """A fresh standalone account; clients as its root user or another identity, with a chosen user agent."""

    def __init__(self):
        self.id, self.key, self.secret = create_tenant("sigma")
        self.endpoint = os.environ["CAIRN_ENDPOINT"].rstrip("/")
        self.region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")

    def client(self, service, credentials=None, agent=None):
        key, secret, token = credentials or (self.key, self.secret, None)
        client = boto3.client(service, endpoint_url=self.endpoint, region_name=self.region, aws_access_key_id=key,
                              aws_secret_access_key=secret, aws_session_token=token)
        if agent is not None:
            # The whole User-Agent header, as the tool sends it (botocore would add its own name to a configured
            # one). SigV4 does not sign User-Agent, so replacing it after signing is what a tool's request is.
            def send_as(request, **_):
                request.headers["User-Agent"] = agent

            client.meta.events.register("before-send", send_as)
        return client

    def records(self):
        """Every record of the account, from the REST export."""
        request = AWSRequest(method="GET", url=f"{self.endpoint}/v1/events/export?format=jsonl&limit=10000")
        SigV4Auth(Credentials(self.key, self.secret), "cairn", self.region).add_auth(request)
        with urllib.request.urlopen(urllib.request.Request(request.url, headers=dict(request.headers))) as response:
            assert response.status == 200
            assert response.headers.get("Cairn-Next-Token") is None, "more records than one export holds"
            text = response.read().decode()
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    # Identities

    def user_with_key(self, name, actions):
        iam = self.client("iam")
        iam.create_user(UserName=name)
        policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}
        iam.put_user_policy(UserName=name, PolicyName="work", PolicyDocument=json.dumps(policy))
        key = iam.create_access_key(UserName=name)["AccessKey"]
        return key["AccessKeyId"], key["SecretAccessKey"], None

    def role_session(self, user_credentials, role, actions):
        """A role trusting the account, allowed `actions`; the user assumes it. Returns (session credentials,
        the AssumeRole answer)."""
        iam = self.client("iam")
        trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{self.id}:root"},
                                                         "Action": "sts:AssumeRole"}]}
        arn = iam.create_role(RoleName=role, AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
        policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}
        iam.put_role_policy(RoleName=role, PolicyName="work", PolicyDocument=json.dumps(policy))
        answer = self.client("sts", user_credentials).assume_role(RoleArn=arn, RoleSessionName="sigma-session")
        c = answer["Credentials"]
        return (c["AccessKeyId"], c["SecretAccessKey"], c["SessionToken"]), answer


class Expectations:
    """Calls whose records the rule must match (fires) and must not match (quiet), by request id."""

    def __init__(self):
        self.fires = {}
        self.quiet = {}

    @staticmethod
    def _request_id(answer):
        if isinstance(answer, botocore.exceptions.ClientError):
            answer = answer.response
        return answer["ResponseMetadata"]["RequestId"]

    def fire(self, label, answer):
        self.fires[label] = self._request_id(answer)

    def quiet_on(self, label, answer):
        self.quiet[label] = self._request_id(answer)


def refusal(call, code, **kwargs):
    """Makes a call that must be refused with `code`; returns the error (it carries the request id)."""
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call(**kwargs)
    assert e.value.response["Error"]["Code"] == code, e.value.response["Error"]
    return e.value


def policy_text(effect, actions, resource):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": effect, "Action": actions, "Resource": resource}]})


# One scenario per rule: the activity the rule describes, and its near-miss twins.


def trail_logging_tampering(t, x):
    ct = t.client("cloudtrail")
    x.quiet_on("CreateTrail (a new trail is not tampering)", ct.create_trail(Name="audit", S3BucketName="cairn-trail-logs"))
    x.quiet_on("StartLogging (turning recording on)", ct.start_logging(Name="audit"))
    x.quiet_on("PutEventSelectors (a selector change the rule does not name)", ct.put_event_selectors(
        TrailName="audit", EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True}]))
    x.quiet_on("GetTrailStatus (reading the trail)", ct.get_trail_status(Name="audit"))
    x.fire("StopLogging", ct.stop_logging(Name="audit"))
    x.fire("UpdateTrail", ct.update_trail(Name="audit", IncludeGlobalServiceEvents=False))
    x.fire("DeleteTrail", ct.delete_trail(Name="audit"))


def access_key_created_for_user(t, x):
    iam = t.client("iam")
    x.quiet_on("CreateUser (a user, no key)", iam.create_user(UserName="victim"))
    helper = t.user_with_key("helper", ["iam:CreateAccessKey", "iam:ListAccessKeys"])
    as_helper = t.client("iam", helper)
    x.fire("an IAM user makes a key in another user's name", as_helper.create_access_key(UserName="victim"))
    x.fire("the root user makes a key for a user", iam.create_access_key(UserName="victim"))
    # SigmaHQ's filter names a literal string, not a field, so a key made for oneself fires as well.
    x.fire("an IAM user makes a key for itself", as_helper.create_access_key(UserName="helper"))
    x.quiet_on("ListAccessKeys (reading keys)", as_helper.list_access_keys(UserName="victim"))
    key = iam.list_access_keys(UserName="victim")["AccessKeyMetadata"][0]["AccessKeyId"]
    x.quiet_on("UpdateAccessKey (deactivating a key)", iam.update_access_key(UserName="victim", AccessKeyId=key, Status="Inactive"))
    x.quiet_on("DeleteAccessKey", iam.delete_access_key(UserName="victim", AccessKeyId=key))


def s3browser_user_or_key(t, x):
    s3browser, plain = t.client("iam", agent=S3_BROWSER), t.client("iam")
    x.fire("S3 Browser CreateUser", s3browser.create_user(UserName="s3b-user"))
    x.fire("S3 Browser CreateAccessKey", s3browser.create_access_key(UserName="s3b-user"))
    x.quiet_on("CreateUser from the SDK's own agent", plain.create_user(UserName="sdk-user"))
    x.quiet_on("CreateAccessKey from the SDK's own agent", plain.create_access_key(UserName="sdk-user"))
    x.quiet_on("S3 Browser ListUsers (reading)", s3browser.list_users())
    x.quiet_on("S3 Browser CreateGroup (another creation)", s3browser.create_group(GroupName="s3b-group"))


def s3browser_placeholder_bucket_policy(t, x):
    s3browser, plain = t.client("iam", agent=S3_BROWSER), t.client("iam")
    plain.create_user(UserName="reader")
    plain.create_group(GroupName="readers")
    template = "arn:aws:s3:::<YOUR-BUCKET-NAME>/*"
    actions = ["s3:GetObject", "s3:ListBucket"]
    x.fire("S3 Browser puts the unedited template on a user",
           s3browser.put_user_policy(UserName="reader", PolicyName="s3b-template", PolicyDocument=policy_text("Allow", actions, template)))
    x.quiet_on("S3 Browser puts the template with a real bucket name",
               s3browser.put_user_policy(UserName="reader", PolicyName="s3b-edited",
                                         PolicyDocument=policy_text("Allow", actions, "arn:aws:s3:::team-reports/*")))
    x.quiet_on("S3 Browser puts the placeholder in a Deny statement",
               s3browser.put_user_policy(UserName="reader", PolicyName="s3b-deny", PolicyDocument=policy_text("Deny", actions, template)))
    x.quiet_on("the SDK's own agent puts the template on a user",
               plain.put_user_policy(UserName="reader", PolicyName="sdk-template", PolicyDocument=policy_text("Allow", actions, template)))
    x.quiet_on("S3 Browser puts the template on a group (PutGroupPolicy)",
               s3browser.put_group_policy(GroupName="readers", PolicyName="s3b-template", PolicyDocument=policy_text("Allow", actions, template)))


def root_user_activity(t, x):
    iam, sts = t.client("iam"), t.client("sts")
    x.fire("root CreateUser", iam.create_user(UserName="someone"))
    x.fire("root GetCallerIdentity", sts.get_caller_identity())
    x.fire("root call refused for a missing entity", refusal(iam.get_user, "NoSuchEntity", UserName="nobody"))
    user = t.user_with_key("worker", ["sts:AssumeRole"])
    x.quiet_on("an IAM user's GetCallerIdentity", t.client("sts", user).get_caller_identity())
    x.quiet_on("an IAM user's refused ListUsers", refusal(t.client("iam", user).list_users, "AccessDenied"))
    session, answer = t.role_session(user, "worker-role", ["iam:ListUsers"])
    x.quiet_on("an IAM user's AssumeRole", answer)
    x.quiet_on("a role session's ListUsers", t.client("iam", session).list_users())


def assumed_role_session_activity(t, x):
    user = t.user_with_key("engineer", ["sts:AssumeRole", "iam:ListUsers"])
    session, answer = t.role_session(user, "deployer", ["iam:ListUsers", "iam:GetRole"])
    x.quiet_on("the IAM user's AssumeRole (not yet a session)", answer)
    x.fire("a role session's GetCallerIdentity", t.client("sts", session).get_caller_identity())
    x.fire("a role session's ListUsers", t.client("iam", session).list_users())
    x.fire("a role session's refused CreateUser", refusal(t.client("iam", session).create_user, "AccessDenied", UserName="x"))
    x.quiet_on("the IAM user's own ListUsers", t.client("iam", user).list_users())
    x.quiet_on("the root user's GetRole", t.client("iam").get_role(RoleName="deployer"))


def trufflehog_caller_identity(t, x):
    leaked = t.user_with_key("leaked", ["iam:GetUser"])
    x.fire("TruffleHog checks a leaked key", t.client("sts", leaked, agent=TRUFFLEHOG).get_caller_identity())
    x.fire("a versioned TruffleHog agent checks it", t.client("sts", leaked, agent=TRUFFLEHOG_VERSIONED).get_caller_identity())
    x.quiet_on("GetCallerIdentity from the SDK's own agent", t.client("sts", leaked).get_caller_identity())
    x.quiet_on("TruffleHog calling IAM GetUser", t.client("iam", leaked, agent=TRUFFLEHOG).get_user(UserName="leaked"))


def trufflehog_user_agent(t, x):
    leaked = t.user_with_key("leaked", ["iam:GetUser"])
    x.fire("TruffleHog's GetCallerIdentity", t.client("sts", leaked, agent=TRUFFLEHOG).get_caller_identity())
    x.fire("TruffleHog's IAM GetUser", t.client("iam", leaked, agent=TRUFFLEHOG).get_user(UserName="leaked"))
    x.fire("TruffleHog's refused ListUsers", refusal(t.client("iam", leaked, agent=TRUFFLEHOG).list_users, "AccessDenied"))
    x.quiet_on("an agent that only contains the name", t.client("sts", leaked, agent=TRUFFLEHOG_VERSIONED).get_caller_identity())
    x.quiet_on("the SDK's own agent", t.client("sts", leaked).get_caller_identity())


# Rule file stem -> (scenario, what it proves).
SCENARIOS = {
    "cloudtrail_trail_logging_tampering": (trail_logging_tampering, "stopping, changing or deleting a trail fires; creating, starting or reading one does not"),
    "iam_access_key_created_for_user": (access_key_created_for_user, "making an access key for a user fires; reading, deactivating or deleting keys does not"),
    "iam_s3browser_user_or_key": (s3browser_user_or_key, "S3 Browser making a user or key fires; the SDK doing the same, or S3 Browser reading, does not"),
    "iam_s3browser_placeholder_bucket_policy": (s3browser_placeholder_bucket_policy, "S3 Browser's unedited policy template on a user fires; an edited, denying, SDK-made or group policy does not"),
    "root_user_activity": (root_user_activity, "the root user's calls fire, refused ones too; an IAM user's and a role session's do not"),
    "sts_assumed_role_session_activity": (assumed_role_session_activity, "a role session's calls fire; the AssumeRole that made it and other identities' calls do not"),
    "sts_trufflehog_caller_identity": (trufflehog_caller_identity, "TruffleHog's GetCallerIdentity fires; the SDK's GetCallerIdentity or TruffleHog on IAM does not"),
    "trufflehog_user_agent": (trufflehog_user_agent, "any call with the user agent TruffleHog fires; a longer agent or the SDK's does not"),
}

# Rule file stem -> why Cairn's records keep it from firing (docs/detection.md, "Known gaps"). None today.
GAPS = {}


def rule_params():
    params = []
    for stem, (_, proves) in sorted(SCENARIOS.items()):
        marks = [pytest.mark.xfail(strict=True, reason=GAPS[stem])] if stem in GAPS else []
        params.append(pytest.param(stem, id=f"{stem}: {proves}", marks=marks))
    return params


@pytest.mark.parametrize("stem", rule_params())
def test_rule_fires_on_the_activity_and_not_on_its_twin(stem):
    rule = load_rule(RULES / f"{stem}.yml")
    scenario, _ = SCENARIOS[stem]
    tenant, expect = Tenant(), Expectations()
    scenario(tenant, expect)
    assert expect.fires and expect.quiet, "a scenario needs both an activity and a twin"

    records = tenant.records()
    by_request = {}
    for record in records:
        by_request.setdefault(record["requestID"], []).append(record)
    for label, request_id in {**expect.fires, **expect.quiet}.items():
        assert len(by_request.get(request_id, [])) == 1, f"{label}: expected one record for request {request_id}"

    matched = matching_request_ids(rule, records)
    silent = [label for label, request_id in expect.fires.items() if request_id not in matched]
    noisy = [label for label, request_id in expect.quiet.items() if request_id in matched]
    assert not silent, f"{rule.title} did not fire on: {silent}"
    assert not noisy, f"{rule.title} fired on its false-positive twins: {noisy}"


def test_every_rule_file_has_a_scenario_and_names_the_sigmahq_rule_it_reproduces():
    stems = {p.stem for p in RULES.glob("*.yml")}
    assert stems == set(SCENARIOS), f"rules without a scenario: {stems - set(SCENARIOS)}; scenarios without a rule: {set(SCENARIOS) - stems}"
    for stem in stems:
        rule = load_rule(RULES / f"{stem}.yml")
        assert rule.logsource.product == "aws" and rule.logsource.service == "cloudtrail", stem
        related = [str(r.id) for r in rule.related.related] if rule.related else []
        assert related, f"{stem} names no SigmaHQ rule in related:"
        text = (RULES / f"{stem}.yml").read_text()
        assert "rules/cloud/aws/cloudtrail/" in text and related[0] in text, stem
        assert str(rule.id) not in related, f"{stem} reuses SigmaHQ's id as its own"


def test_the_matcher_reads_dotted_paths_objects_and_absent_fields():
    """The field mapping itself, on hand-written records: a nested path, an object searched as text, a rule's
    field no record has (NULL, so `not` holds), and case-insensitive equality."""
    records = [
        {"requestID": "a", "eventName": "PutUserPolicy", "userIdentity": {"type": "Root"},
         "requestParameters": {"userName": "u", "policyDocument": '{"Effect": "Allow"}'}},
        {"requestID": "b", "eventName": "PutUserPolicy", "userIdentity": {"type": "IAMUser"}, "requestParameters": None},
    ]
    rule = SigmaCollection.from_yaml("""
title: matcher check
logsource: {product: aws, service: cloudtrail}
detection:
    sel:
        eventName: putuserpolicy
        userIdentity.type: Root
        requestParameters|contains: '"Effect": "Allow"'
    absent:
        noSuchField: anything
    condition: sel and not absent
""").rules[0]
    assert matching_request_ids(rule, records) == {"a"}
