"""Helpers for the CloudTrail trail tests (test_trails.py): fresh tenant accounts with per-region clients,
fresh regions, organizations built the way customers build them, error assertions, and snapshots of
everything an account can see of its trails, so a refused call can be shown to have changed nothing."""
import json
import os
import subprocess
import uuid

import botocore.exceptions
import pytest

from cairn_rest import call, create_tenant

HOME = "us-east-1"
BUCKET = "cairn-trail-logs"


def add_region():
    """A new region, unique to the caller, added by the operator; every multi-region trail is there at once."""
    name = f"eu-test-{uuid.uuid4().int % 10**10:010d}-1"
    status, body = call("POST", "/v1/regions", {"name": name})
    assert status == 201, body
    return name


class Account:
    """A fresh standalone tenant account and its clients, one per (service, region)."""

    def __init__(self, client_factory, prefix="trails"):
        self.id, self.key, self.secret = create_tenant(prefix)
        self._factory = client_factory
        self._clients = {}

    def client(self, service, region=HOME):
        if (service, region) not in self._clients:
            self._clients[(service, region)] = self._factory(service, access_key=self.key, secret_key=self.secret, region_name=region)
        return self._clients[(service, region)]

    def ct(self, region=HOME):
        return self.client("cloudtrail", region)

    @property
    def orgs(self):
        return self.client("organizations")

    @property
    def iam(self):
        return self.client("iam")

    def arn(self, name, region=HOME):
        return f"arn:aws:cloudtrail:{region}:{self.id}:trail/{name}"

    def create(self, name, region=HOME, **settings):
        settings.setdefault("S3BucketName", BUCKET)
        return self.ct(region).create_trail(Name=name, **settings)


# Organizations


class Organization:
    """An organization (all features unless told otherwise) whose management account is a fresh tenant."""

    def __init__(self, client_factory, feature_set="ALL", trusted_access=True):
        self.management = Account(client_factory, "mgmt")
        self._factory = client_factory
        created = self.management.orgs.create_organization(FeatureSet=feature_set)["Organization"]
        self.id = created["Id"]
        if trusted_access:
            self.management.orgs.enable_aws_service_access(ServicePrincipal="cloudtrail.amazonaws.com")

    def invite(self, account=None):
        """Invites `account` (a fresh tenant when None), which accepts; returns it."""
        account = account or Account(self._factory, "member")
        handshake = self.management.orgs.invite_account_to_organization(Target={"Id": account.id, "Type": "ACCOUNT"})["Handshake"]
        account.orgs.accept_handshake(HandshakeId=handshake["Id"])
        return account

    def delegate(self, account=None):
        """A member registered as CloudTrail delegated administrator through CloudTrail's own API."""
        account = self.invite(account)
        self.management.ct().register_organization_delegated_admin(MemberAccountId=account.id)
        return account


# Errors


def refused(code, operation, *args, message=None, **kwargs):
    """Calls `operation`, expects an HTTP 400 ClientError with `code` (and `message` when given); returns the message."""
    with pytest.raises(botocore.exceptions.ClientError) as e:
        operation(*args, **kwargs)
    error = e.value.response["Error"]
    assert error["Code"] == code, (error, operation, args, kwargs)
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400, e.value.response
    if message is not None:
        assert error["Message"] == message, (error["Message"], message)
    return error["Message"]


def outcome(operation, *args, **kwargs):
    """The result of a read, or the error code it raised: something to compare before and after."""
    try:
        result = operation(*args, **kwargs)
        result.pop("ResponseMetadata", None)
        return result
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]


# State


def all_listed(ct):
    """Every ListTrails entry, through boto3's paginator."""
    return [t for page in ct.get_paginator("list_trails").paginate() for t in page["Trails"]]


def settled_status(ct, arn):
    """GetTrailStatus without what delivery changes on its own (delivery, digest, notification and CloudWatch
    Logs times and outcomes): the delivery stage runs every second during these tests."""
    status = outcome(ct.get_trail_status, Name=arn)
    if isinstance(status, dict):
        status = {k: v for k, v in status.items() if not k.startswith("Latest")}
    return status


def snapshot(account, regions_=(HOME,)):
    """All `account` can see of trails from each region: DescribeTrails, ListTrails and, per visible trail, its
    status (less delivery's own progress), event selectors, insight selectors and (for its own trails homed
    there) its tags."""
    seen = {}
    for region in regions_:
        ct = account.ct(region)
        trails = ct.describe_trails()["trailList"]
        per_trail = {}
        for t in trails:
            arn = t["TrailARN"]
            per_trail[arn] = {
                "status": settled_status(ct, arn),
                "selectors": outcome(ct.get_event_selectors, TrailName=arn),
                "insights": outcome(ct.get_insight_selectors, TrailName=arn),
                "tags": outcome(ct.list_tags, ResourceIdList=[arn]) if t["HomeRegion"] == region and f":{account.id}:" in arn else None,
            }
        seen[region] = {"trails": trails, "details": per_trail, "listed": sorted(all_listed(ct), key=lambda x: x["TrailARN"])}
    return seen


class Unchanged:
    """`with Unchanged(a, b, regions=[...]):` asserts that what each account sees is the same afterwards."""

    def __init__(self, *accounts, regions=(HOME,)):
        self.accounts = accounts
        self.regions = tuple(regions)

    def __enter__(self):
        self.before = [snapshot(a, self.regions) for a in self.accounts]
        return self

    def __exit__(self, kind, value, tb):
        if kind is None:
            after = [snapshot(a, self.regions) for a in self.accounts]
            assert after == self.before
        return False


def names(trails):
    return sorted(t["Name"] for t in trails)


def arns(trails):
    return sorted(t["TrailARN"] for t in trails)


# The aws CLI


def cli(account, *args, region=HOME, expect_ok=True):
    """Runs `aws cloudtrail <args>` as `account`; returns (returncode, parsed stdout or None, stderr)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_ACCESS_KEY_ID": account.key, "AWS_SECRET_ACCESS_KEY": account.secret, "AWS_DEFAULT_REGION": region,
                "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_MAX_ATTEMPTS": "1"})
    out = subprocess.run(["aws", "cloudtrail", *args, "--endpoint-url", os.environ["CAIRN_ENDPOINT"], "--region", region,
                          "--output", "json"], capture_output=True, text=True, env=env, timeout=120)
    if expect_ok:
        assert out.returncode == 0, out.stderr
    parsed = json.loads(out.stdout) if out.stdout.strip() else None
    return out.returncode, parsed, out.stderr
