"""Golden records (issue 19): every catalogue operation is performed, its CloudTrail record is found by the call's
request id, and the record is compared key by key, in both directions, with
tests/compat/golden/<service>/<Operation>.json. Operations with an AWS name are performed through boto3 by fresh
tenant accounts, and their fixtures hold what AWS writes (each names its source), not what Cairn writes. Cairn's own
operations (service `cairn`, REST only: the operator's accounts, regions and organization quotas, and the tenants'
ListRegions and ValidatePolicy) are performed over signed REST, the operator's as the operator's root user (the
environment's credentials), the others as a fresh tenant; their fixtures hold what docs/events.md's rules make of
the call ("convention: ..." in their `source`). Where Cairn differs, the test is a strict xfail naming the
difference, and docs/events.md "Known differences" lists them all.

Fixture format
--------------
{"operation": "iam:CreateUser", "caller": "root", "source": "...", "record": {...}}

`record` lists top-level record keys. Each listed key is checked; keys the fixture does not list at the top level
(eventTime, eventID, sourceIPAddress, userAgent, ...) are not. Below a listed key everything is checked in both
directions: a member the fixture leaves out must be absent from the record, and a member it holds must be present.
Values:
  null                  the key is present and JSON null (AWS writes `"responseElements": null`)
  "<absent>"            the key must not be present (written where a reader might expect it: a redacted secret)
  "<any>"               present, any value (null included)
  "<string>"            a non-empty string
  "<uuid>"              a UUID in its 8-4-4-4-12 text form
  "<date:iso>"          2024-08-01T13:33:28Z
  "<date:java>"         Java's medium form after JDK 9 (CLDR), a comma after the year: Jul 30, 2024, 9:46:15 PM
  "<date:java-legacy>"  Java's medium form before JDK 9, no comma after the year: Aug 1, 2024 1:33:28 PM (IAM)
  "<urlencoded-json>"   percent-encoded JSON text (IAM's assumeRolePolicyDocument in responses)
  "<re:PATTERN>"        a string matching the regular expression in full
  "${name}"             inside any string: the scenario's value (account = the caller's account, callerKey = the
                        caller's access key id, member = an organization member, policyId, rootId, ...)
Anything else must be equal, JSON type included (true is not 1). Lists must have the same length and match element
by element.
"""
import base64
import datetime
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import botocore.exceptions
import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

import cairn_rest
import mfa_codes
from cairn_rest import create_tenant
from oidc_idp import IdentityProvider

GOLDEN = Path(__file__).parent / "golden"
HOME = "us-east-1"

# ----------------------------------------------------------------------------------------------------------------
# The placeholder language


JAVA = re.compile(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [1-9]\d?, \d{4}, (1[0-2]|[1-9]):[0-5]\d:[0-5]\d (AM|PM)")
JAVA_LEGACY = re.compile(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [1-9]\d?, \d{4} (1[0-2]|[1-9]):[0-5]\d:[0-5]\d (AM|PM)")
ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
VAR = re.compile(r"\$\{([A-Za-z0-9_]+)\}")


def substitute(text, values):
    def one(m):
        if m.group(1) not in values:
            raise KeyError(f"fixture names ${{{m.group(1)}}}, which the scenario does not define")
        return str(values[m.group(1)])

    return VAR.sub(one, text)


def differences(expected, actual, values, path="record"):
    """Every way `actual` differs from the fixture value `expected`, as readable lines."""
    out = []
    if isinstance(expected, str) and expected.startswith("<") and expected.endswith(">"):
        ok = True
        if expected == "<any>":
            ok = True
        elif expected == "<string>":
            ok = isinstance(actual, str) and actual != ""
        elif expected == "<uuid>":
            ok = isinstance(actual, str) and UUID.fullmatch(actual) is not None
        elif expected == "<date:iso>":
            ok = isinstance(actual, str) and ISO.fullmatch(actual) is not None
        elif expected == "<date:java>":
            ok = isinstance(actual, str) and JAVA.fullmatch(actual) is not None
        elif expected == "<date:java-legacy>":
            ok = isinstance(actual, str) and JAVA_LEGACY.fullmatch(actual) is not None
        elif expected == "<urlencoded-json>":
            try:
                ok = isinstance(actual, str) and "{" not in actual and isinstance(json.loads(urllib.parse.unquote(actual)), dict)
            except ValueError:
                ok = False
        elif expected.startswith("<re:"):
            ok = isinstance(actual, str) and re.fullmatch(substitute(expected[4:-1], values), actual) is not None
        else:
            raise ValueError(f"unknown placeholder {expected} at {path}")
        if not ok:
            out.append(f"{path}: AWS writes {expected}, Cairn wrote {json.dumps(actual)}")
        return out
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: AWS writes an object, Cairn wrote {json.dumps(actual)}"]
        for key, value in expected.items():
            if value == "<absent>":
                if key in actual:
                    out.append(f"{path}.{key}: AWS leaves it out, Cairn wrote {json.dumps(actual[key])}")
            elif key not in actual:
                out.append(f"{path}.{key}: AWS writes {json.dumps(value)}, Cairn left the key out")
            else:
                out.extend(differences(value, actual[key], values, f"{path}.{key}"))
        for key in actual:
            if key not in expected:
                out.append(f"{path}.{key}: AWS has no such member, Cairn wrote {json.dumps(actual[key])}")
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: AWS writes {json.dumps(expected)}, Cairn wrote {json.dumps(actual)}"]
        for i, (e, a) in enumerate(zip(expected, actual)):
            out.extend(differences(e, a, values, f"{path}[{i}]"))
        return out
    if isinstance(expected, str):
        expected = substitute(expected, values)
    if type(expected) is not type(actual) or expected != actual:
        out.append(f"{path}: AWS writes {json.dumps(expected)}, Cairn wrote {json.dumps(actual)}")
    return out


def compare_record(fixture_record, record, values):
    """Top level: only the keys the fixture lists; below them, both directions."""
    out = []
    for key, value in fixture_record.items():
        if value == "<absent>":
            if key in record:
                out.append(f"{key}: AWS leaves it out, Cairn wrote {json.dumps(record[key])}")
        elif key not in record:
            out.append(f"{key}: AWS writes {json.dumps(value)}, Cairn left the key out")
        else:
            out.extend(differences(value, record[key], values, key))
    return out


def test_the_placeholder_language_checks_both_directions():
    v = {"account": "123456789012"}
    assert differences({"a": "${account}", "b": "<absent>"}, {"a": "123456789012"}, v) == []
    assert differences({"a": 1}, {"a": 1, "b": 2}, v) == ["record.b: AWS has no such member, Cairn wrote 2"]
    assert differences({"a": 1, "b": None}, {"a": 1}, v) == ["record.b: AWS writes null, Cairn left the key out"]
    assert differences({"a": True}, {"a": 1}, v) != []
    assert differences("<date:java>", "Jul 30, 2024, 9:46:15 PM", v) == []
    assert differences("<date:java>", "Jul 30, 2024 9:46:15 PM", v) != []
    assert differences("<date:java-legacy>", "Aug 1, 2024 1:33:28 PM", v) == []
    assert differences("<re:AKIA[A-Z0-9]{16}>", "AKIAE5QCJAJNUJWBVITY", v) == []
    assert differences("<urlencoded-json>", "%7B%22Version%22%3A%222012-10-17%22%7D", v) == []
    assert differences([1, 2], [1], v) != []


# ----------------------------------------------------------------------------------------------------------------
# Callers and calls


class Caller:
    """A principal with its own boto3 clients: a fresh tenant's root user, or an IAM user or role session."""

    def __init__(self, factory, account, key, secret, token=None, kind="root"):
        self.factory, self.account, self.key, self.secret, self.token, self.kind = factory, account, key, secret, token, kind
        self._clients = {}

    @classmethod
    def tenant(cls, factory, prefix):
        account, key, secret = create_tenant(f"golden-{prefix}")
        return cls(factory, account, key, secret)

    @classmethod
    def operator(cls, factory):
        """The operator account's root user: the credentials the suite runs with."""
        key, secret = os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"]
        account = os.environ.get("CAIRN_OPERATOR_ACCOUNT") or factory("sts", access_key=key, secret_key=secret).get_caller_identity()["Account"]
        return cls(factory, account, key, secret)

    def __getattr__(self, service):
        name = {"ct": "cloudtrail", "orgs": "organizations", "data": "cloudtrail-data", "aa": "accessanalyzer"}.get(service, service)
        if name not in ("cloudtrail", "organizations", "cloudtrail-data", "accessanalyzer", "iam", "sts"):
            raise AttributeError(service)
        if name not in self._clients:
            self._clients[name] = self.factory(name, access_key=self.key, secret_key=self.secret, session_token=self.token,
                                               region_name=HOME)
        return self._clients[name]


class Call:
    def __init__(self, op, caller, method, params, response, error, values):
        self.op, self.caller, self.method, self.params = op, caller, method, params
        self.response, self.error, self.world_values = response, error, values
        self.request_id = response["ResponseMetadata"]["RequestId"] if response else None

    @property
    def values(self):
        """The scenario's values (all of them, also those learnt after this call) and this caller's own."""
        return dict(self.world_values, account=self.caller.account, callerKey=self.caller.key)


class World:
    """Runs every scenario once per module; remembers the first call of each operation."""

    def __init__(self, factory):
        self.factory = factory
        self.calls = {}
        self.extra = {}
        self.values = {}
        self.accounts = {}
        self.operator = None

    def do(self, op, caller, method, key=None, **params):
        client = getattr(caller, {"cloudtrail": "ct", "organizations": "orgs", "cloudtrail-data": "data",
                                  "access-analyzer": "aa"}.get(op.split(":")[0], op.split(":")[0]))
        self.accounts[caller.account] = self.accounts.get(caller.account) or (caller if caller.kind == "root" else None)
        try:
            response, error = getattr(client, method)(**params), None
        except botocore.exceptions.ClientError as e:
            response, error = e.response, e.response["Error"]
        call = Call(op, caller, method, params, response, error, self.values)
        if key:
            self.extra[key] = call
        elif op not in self.calls:
            self.calls[op] = call
        if error is not None and not key:
            return None
        return response

    def rest(self, op, caller, method, path, body=None):
        """A call of Cairn's REST API, SigV4-signed for the service name "cairn" as `caller`; remembered like `do`'s.
        Returns the decoded answer, or None when it failed."""
        url = os.environ["CAIRN_ENDPOINT"].rstrip("/") + path
        data = json.dumps(body).encode() if body is not None else b""
        headers = {"content-type": "application/json"} if body is not None else {}
        request = AWSRequest(method=method, url=url, data=data, headers=headers)
        SigV4Auth(Credentials(caller.key, caller.secret, caller.token), "cairn", HOME).add_auth(request)
        prepared = urllib.request.Request(url, data=data or None, method=method, headers=dict(request.headers))
        try:
            with urllib.request.urlopen(prepared) as r:
                status, request_id, text = r.status, r.headers.get("x-amzn-RequestId"), r.read().decode()
        except urllib.error.HTTPError as e:
            status, request_id, text = e.code, e.headers.get("x-amzn-RequestId"), e.read().decode()
        answer = json.loads(text) if text else {}
        error = answer if status >= 400 else None
        request_id = request_id or (answer.get("requestId") if isinstance(answer, dict) else None)
        response = {"ResponseMetadata": {"RequestId": request_id, "HTTPStatusCode": status}, "Body": answer}
        self.accounts[caller.account] = self.accounts.get(caller.account) or (caller if caller.kind == "root" else None)
        if op not in self.calls:
            self.calls[op] = Call(op, caller, method, {"path": path, "body": body}, response, error, self.values)
        return None if error is not None else answer


DOC = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
DOC2 = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]})
ADMIN = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
SCP = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "cloudtrail:StopLogging", "Resource": "*"}]})
TAGP = '{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"}}}}'


def trust(*accounts):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                                "Principal": {"AWS": [f"arn:aws:iam::{a}:root" for a in accounts]}}]})


def iam_scenario(w):
    root = Caller.tenant(w.factory, "iam")
    other = Caller.tenant(w.factory, "iam-other")
    w.values.update(iamAccount=root.account, otherAccount=other.account)
    d = w.do
    d("sts:GetCallerIdentity", root, "get_caller_identity")
    d("sts:GetAccessKeyInfo", root, "get_access_key_info", AccessKeyId=root.key)
    d("iam:CreateUser", root, "create_user", UserName="golden-user", Path="/golden/", Tags=[{"Key": "team", "Value": "audit"}])
    d("iam:GetUser", root, "get_user", UserName="golden-user")
    d("iam:ListUsers", root, "list_users")
    d("iam:UpdateUser", root, "update_user", UserName="golden-user", NewPath="/golden/moved/")
    d("iam:CreateGroup", root, "create_group", GroupName="golden-group")
    d("iam:GetGroup", root, "get_group", GroupName="golden-group")
    d("iam:ListGroups", root, "list_groups")
    d("iam:AddUserToGroup", root, "add_user_to_group", GroupName="golden-group", UserName="golden-user")
    d("iam:ListGroupsForUser", root, "list_groups_for_user", UserName="golden-user")
    d("iam:RemoveUserFromGroup", root, "remove_user_from_group", GroupName="golden-group", UserName="golden-user")
    for kind in ("User", "Group"):
        name = {"User": "golden-user", "Group": "golden-group"}[kind]
        arg = {f"{kind}Name": name}
        snake = kind.lower()
        d(f"iam:Put{kind}Policy", root, f"put_{snake}_policy", PolicyName=f"{snake}-inline", PolicyDocument=DOC, **arg)
        d(f"iam:Get{kind}Policy", root, f"get_{snake}_policy", PolicyName=f"{snake}-inline", **arg)
        d(f"iam:List{kind}Policies", root, f"list_{snake}_policies", **arg)
        d(f"iam:Delete{kind}Policy", root, f"delete_{snake}_policy", PolicyName=f"{snake}-inline", **arg)
    d("iam:CreateRole", root, "create_role", RoleName="golden-role", AssumeRolePolicyDocument=trust(root.account, other.account),
      Description="golden role", MaxSessionDuration=3600)
    d("iam:GetRole", root, "get_role", RoleName="golden-role")
    d("iam:ListRoles", root, "list_roles")
    d("iam:UpdateRole", root, "update_role", RoleName="golden-role", Description="still golden")
    d("iam:UpdateRoleDescription", root, "update_role_description", RoleName="golden-role", Description="golden again")
    d("iam:GetAccountSummary", root, "get_account_summary")
    alias = f"golden-{uuid.uuid4().hex[:10]}"
    w.values["accountAlias"] = alias
    d("iam:CreateAccountAlias", root, "create_account_alias", AccountAlias=alias)
    d("iam:ListAccountAliases", root, "list_account_aliases")
    d("iam:DeleteAccountAlias", root, "delete_account_alias", AccountAlias=alias)
    d("iam:UpdateAssumeRolePolicy", root, "update_assume_role_policy", RoleName="golden-role",
      PolicyDocument=trust(root.account, other.account))
    d("iam:PutRolePolicy", root, "put_role_policy", RoleName="golden-role", PolicyName="role-inline", PolicyDocument=ADMIN)
    d("iam:GetRolePolicy", root, "get_role_policy", RoleName="golden-role", PolicyName="role-inline")
    d("iam:ListRolePolicies", root, "list_role_policies", RoleName="golden-role")
    d("iam:CreatePolicy", root, "create_policy", PolicyName="golden-policy", PolicyDocument=DOC, Description="golden policy")
    parn = f"arn:aws:iam::{root.account}:policy/golden-policy"
    d("iam:GetPolicy", root, "get_policy", PolicyArn=parn)
    d("iam:TagPolicy", root, "tag_policy", PolicyArn=parn, Tags=[{"Key": "stage", "Value": "gold"}])
    d("iam:ListPolicyTags", root, "list_policy_tags", PolicyArn=parn)
    d("iam:UntagPolicy", root, "untag_policy", PolicyArn=parn, TagKeys=["stage"])
    d("iam:ListPolicies", root, "list_policies", Scope="Local")
    d("iam:CreatePolicyVersion", root, "create_policy_version", PolicyArn=parn, PolicyDocument=DOC2, SetAsDefault=False)
    d("iam:GetPolicyVersion", root, "get_policy_version", PolicyArn=parn, VersionId="v2")
    d("iam:ListPolicyVersions", root, "list_policy_versions", PolicyArn=parn)
    d("iam:SetDefaultPolicyVersion", root, "set_default_policy_version", PolicyArn=parn, VersionId="v2")
    d("iam:DeletePolicyVersion", root, "delete_policy_version", PolicyArn=parn, VersionId="v1")
    for kind, name in (("User", "golden-user"), ("Group", "golden-group"), ("Role", "golden-role")):
        snake = kind.lower()
        d(f"iam:Attach{kind}Policy", root, f"attach_{snake}_policy", PolicyArn=parn, **{f"{kind}Name": name})
        d(f"iam:ListAttached{kind}Policies", root, f"list_attached_{snake}_policies", **{f"{kind}Name": name})
        if kind == "Role":
            d("iam:ListEntitiesForPolicy", root, "list_entities_for_policy", PolicyArn=parn, EntityFilter="Role")
        d(f"iam:Detach{kind}Policy", root, f"detach_{snake}_policy", PolicyArn=parn, **{f"{kind}Name": name})
    for kind, name in (("User", "golden-user"), ("Role", "golden-role")):
        snake = kind.lower()
        d(f"iam:Put{kind}PermissionsBoundary", root, f"put_{snake}_permissions_boundary", PermissionsBoundary=parn,
          **{f"{kind}Name": name})
        d(f"iam:Delete{kind}PermissionsBoundary", root, f"delete_{snake}_permissions_boundary", **{f"{kind}Name": name})
        d(f"iam:Tag{kind}", root, f"tag_{snake}", Tags=[{"Key": "stage", "Value": "gold"}], **{f"{kind}Name": name})
        d(f"iam:List{kind}Tags", root, f"list_{snake}_tags", **{f"{kind}Name": name})
        d(f"iam:Untag{kind}", root, f"untag_{snake}", TagKeys=["stage"], **{f"{kind}Name": name})
    created = d("iam:CreateAccessKey", root, "create_access_key", UserName="golden-user")["AccessKey"]
    w.values["userKey"] = created["AccessKeyId"]
    d("iam:ListAccessKeys", root, "list_access_keys", UserName="golden-user")
    d("iam:UpdateAccessKey", root, "update_access_key", UserName="golden-user", AccessKeyId=created["AccessKeyId"], Status="Inactive")
    d("iam:DeleteAccessKey", root, "delete_access_key", UserName="golden-user", AccessKeyId=created["AccessKeyId"])
    uarn = f"arn:aws:iam::{root.account}:user/golden/moved/golden-user"
    d("iam:GetContextKeysForCustomPolicy", root, "get_context_keys_for_custom_policy", PolicyInputList=[DOC])
    d("iam:GetContextKeysForPrincipalPolicy", root, "get_context_keys_for_principal_policy", PolicySourceArn=uarn)
    d("iam:SimulateCustomPolicy", root, "simulate_custom_policy", PolicyInputList=[DOC], ActionNames=["s3:GetObject"])
    d("iam:SimulatePrincipalPolicy", root, "simulate_principal_policy", PolicySourceArn=uarn, ActionNames=["s3:GetObject"])
    # Deletions, each of something made for it.
    root.iam.create_user(UserName="golden-gone")
    d("iam:DeleteUser", root, "delete_user", UserName="golden-gone")
    root.iam.create_group(GroupName="golden-going")
    d("iam:UpdateGroup", root, "update_group", GroupName="golden-going", NewGroupName="golden-gone", NewPath="/gone/")
    d("iam:DeleteGroup", root, "delete_group", GroupName="golden-gone")
    root.iam.create_role(RoleName="golden-gone", AssumeRolePolicyDocument=trust(root.account))
    d("iam:DeleteRole", root, "delete_role", RoleName="golden-gone")
    root.iam.create_policy(PolicyName="golden-gone", PolicyDocument=DOC)
    d("iam:DeletePolicy", root, "delete_policy", PolicyArn=f"arn:aws:iam::{root.account}:policy/golden-gone")

    # Principals: an IAM user with a key, its role session, and a user of another account assuming the role.
    root.iam.create_user(UserName="golden-caller")
    root.iam.put_user_policy(UserName="golden-caller", PolicyName="all", PolicyDocument=ADMIN)
    k = root.iam.create_access_key(UserName="golden-caller")["AccessKey"]
    user = Caller(w.factory, root.account, k["AccessKeyId"], k["SecretAccessKey"], kind="IAMUser")
    w.values.update(userCallerKey=k["AccessKeyId"], userCallerId=root.iam.get_user(UserName="golden-caller")["User"]["UserId"])
    w.do("sts:GetCallerIdentity", user, "get_caller_identity", key="IAMUser")
    role_arn = f"arn:aws:iam::{root.account}:role/golden-role"
    w.values.update(roleArn=role_arn, roleId=root.iam.get_role(RoleName="golden-role")["Role"]["RoleId"])
    creds = d("sts:AssumeRole", user, "assume_role", RoleArn=role_arn, RoleSessionName="golden-session", DurationSeconds=900)["Credentials"]
    session = Caller(w.factory, root.account, creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"], kind="AssumedRole")
    w.values["sessionKey"] = creds["AccessKeyId"]
    w.do("sts:GetCallerIdentity", session, "get_caller_identity", key="AssumedRole")
    w.do("iam:ListUsers", session, "list_users", key="AssumedRole-ListUsers")
    # Passwords: the account's policy, the caller's login profile, and the caller changing its own password.
    d("iam:UpdateAccountPasswordPolicy", root, "update_account_password_policy", MinimumPasswordLength=12, RequireSymbols=True,
      AllowUsersToChangePassword=True)
    d("iam:GetAccountPasswordPolicy", root, "get_account_password_policy")
    d("iam:CreateLoginProfile", root, "create_login_profile", UserName="golden-caller", Password="Golden-Password-1!",
      PasswordResetRequired=False)
    d("iam:GetLoginProfile", root, "get_login_profile", UserName="golden-caller")
    d("iam:UpdateLoginProfile", root, "update_login_profile", UserName="golden-caller", PasswordResetRequired=True)
    d("iam:ChangePassword", user, "change_password", OldPassword="Golden-Password-1!", NewPassword="Golden-Password-2!")
    d("iam:DeleteLoginProfile", root, "delete_login_profile", UserName="golden-caller")
    d("iam:DeleteAccountPasswordPolicy", root, "delete_account_password_policy")
    # A virtual MFA device for the caller: enabled and resynchronised with codes made from its seed.
    device = d("iam:CreateVirtualMFADevice", root, "create_virtual_mfa_device", VirtualMFADeviceName="golden-device")
    serial, seed = device["VirtualMFADevice"]["SerialNumber"], device["VirtualMFADevice"]["Base32StringSeed"]
    step = mfa_codes.now_step()
    d("iam:EnableMFADevice", root, "enable_mfa_device", UserName="golden-caller", SerialNumber=serial,
      AuthenticationCode1=mfa_codes.code(seed, step - 1), AuthenticationCode2=mfa_codes.code(seed, step))
    d("iam:ResyncMFADevice", root, "resync_mfa_device", UserName="golden-caller", SerialNumber=serial,
      AuthenticationCode1=mfa_codes.code(seed, step + 1), AuthenticationCode2=mfa_codes.code(seed, step + 2))
    d("iam:ListMFADevices", root, "list_mfa_devices", UserName="golden-caller")
    d("iam:ListVirtualMFADevices", root, "list_virtual_mfa_devices", AssignmentStatus="Assigned")
    d("iam:GetMFADevice", root, "get_mfa_device", SerialNumber=serial)
    d("iam:TagMFADevice", root, "tag_mfa_device", SerialNumber=serial, Tags=[{"Key": "stage", "Value": "gold"}])
    d("iam:ListMFADeviceTags", root, "list_mfa_device_tags", SerialNumber=serial)
    d("iam:UntagMFADevice", root, "untag_mfa_device", SerialNumber=serial, TagKeys=["stage"])
    d("iam:DeactivateMFADevice", root, "deactivate_mfa_device", UserName="golden-caller", SerialNumber=serial)
    d("iam:DeleteVirtualMFADevice", root, "delete_virtual_mfa_device", SerialNumber=serial)
    # Access Analyzer's service-linked role, made and deleted (nothing uses it).
    d("iam:CreateServiceLinkedRole", root, "create_service_linked_role", AWSServiceName="access-analyzer.amazonaws.com")
    task = d("iam:DeleteServiceLinkedRole", root, "delete_service_linked_role", RoleName="AWSServiceRoleForAccessAnalyzer")
    d("iam:GetServiceLinkedRoleDeletionStatus", root, "get_service_linked_role_deletion_status", DeletionTaskId=task["DeletionTaskId"])
    d("iam:GenerateCredentialReport", root, "generate_credential_report")
    d("iam:GetCredentialReport", root, "get_credential_report")
    d("iam:GetAccessKeyLastUsed", root, "get_access_key_last_used", AccessKeyId=k["AccessKeyId"])
    d("iam:GetAccountAuthorizationDetails", root, "get_account_authorization_details", Filter=["Role"], MaxItems=10)
    d("sts:GetSessionToken", user, "get_session_token", DurationSeconds=900)
    # A REST refusal's encoded message, decoded by the account's root user.
    root.iam.create_user(UserName="golden-nobody")
    nk = root.iam.create_access_key(UserName="golden-nobody")["AccessKey"]
    _, problem = cairn_rest.call("GET", "/v1/regions", access_key=nk["AccessKeyId"], secret_key=nk["SecretAccessKey"])
    d("sts:DecodeAuthorizationMessage", root, "decode_authorization_message", EncodedMessage=problem["encodedAuthorizationMessage"])
    fed = d("sts:GetFederationToken", user, "get_federation_token", Name="golden-fed", Policy=ADMIN, DurationSeconds=900)["Credentials"]
    federated = Caller(w.factory, root.account, fed["AccessKeyId"], fed["SecretAccessKey"], fed["SessionToken"], kind="FederatedUser")
    w.values["federatedKey"] = fed["AccessKeyId"]
    w.do("sts:GetCallerIdentity", federated, "get_caller_identity", key="FederatedUser")
    d("iam:DeleteRolePolicy", root, "delete_role_policy", RoleName="golden-role", PolicyName="role-inline")

    other.iam.create_user(UserName="golden-visitor")
    other.iam.put_user_policy(UserName="golden-visitor", PolicyName="all", PolicyDocument=ADMIN)
    k = other.iam.create_access_key(UserName="golden-visitor")["AccessKey"]
    visitor = Caller(w.factory, other.account, k["AccessKeyId"], k["SecretAccessKey"], kind="IAMUser")
    w.values.update(visitorKey=k["AccessKeyId"], visitorId=other.iam.get_user(UserName="golden-visitor")["User"]["UserId"])
    w.do("sts:AssumeRole", visitor, "assume_role", key="cross-account", RoleArn=role_arn, RoleSessionName="golden-visit")
    w.accounts[other.account] = other
    w.root_iam, w.user, w.session, w.visitor = root, user, session, visitor


def trail_scenario(w):
    a = Caller.tenant(w.factory, "trails")
    d = w.do
    arn = f"arn:aws:cloudtrail:{HOME}:{a.account}:trail/golden-trail"
    w.values["trailAccount"] = a.account
    d("cloudtrail:CreateTrail", a, "create_trail", Name="golden-trail", S3BucketName="golden-bucket", S3KeyPrefix="logs",
      EnableLogFileValidation=True, TagsList=[{"Key": "team", "Value": "audit"}])
    d("cloudtrail:GetTrail", a, "get_trail", Name="golden-trail")
    d("cloudtrail:DescribeTrails", a, "describe_trails", trailNameList=["golden-trail"])
    d("cloudtrail:ListTrails", a, "list_trails")
    d("cloudtrail:GetTrailStatus", a, "get_trail_status", Name="golden-trail")
    d("cloudtrail:UpdateTrail", a, "update_trail", Name="golden-trail", S3KeyPrefix="audit-logs")
    d("cloudtrail:StartLogging", a, "start_logging", Name="golden-trail")
    d("cloudtrail:PutEventSelectors", a, "put_event_selectors", TrailName="golden-trail",
      EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}])
    d("cloudtrail:GetEventSelectors", a, "get_event_selectors", TrailName="golden-trail")
    d("cloudtrail:PutInsightSelectors", a, "put_insight_selectors", TrailName="golden-trail",
      InsightSelectors=[{"InsightType": "ApiCallRateInsight"}])
    d("cloudtrail:GetInsightSelectors", a, "get_insight_selectors", TrailName="golden-trail")
    d("cloudtrail:AddTags", a, "add_tags", ResourceId=arn, TagsList=[{"Key": "stage", "Value": "gold"}])
    d("cloudtrail:ListTags", a, "list_tags", ResourceIdList=[arn])
    d("cloudtrail:RemoveTags", a, "remove_tags", ResourceId=arn, TagsList=[{"Key": "stage"}])
    d("cloudtrail:ListPublicKeys", a, "list_public_keys")
    d("cloudtrail:LookupEvents", a, "lookup_events", LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "CreateTrail"}],
      MaxResults=5)
    d("cloudtrail:ListInsightsData", a, "list_insights_data", InsightSource=arn, DataType="InsightsEvents")
    d("cloudtrail:ListInsightsMetricData", a, "list_insights_metric_data", EventSource="cloudtrail.amazonaws.com", EventName="AddTags",
      InsightType="ApiCallRateInsight", Period=60)
    d("cloudtrail:StopLogging", a, "stop_logging", Name="golden-trail")
    a.ct.create_trail(Name="golden-gone", S3BucketName="golden-bucket")
    d("cloudtrail:DeleteTrail", a, "delete_trail", Name="golden-gone")

    store = a.ct.create_event_data_store(
        Name="golden-feed", AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["ActivityAuditLog"]}]}],
        TerminationProtectionEnabled=False)["EventDataStoreArn"]
    w.values["eventDataStore"] = store
    channel = d("cloudtrail:CreateChannel", a, "create_channel", Name="golden-channel", Source="Custom",
                Destinations=[{"Type": "EVENT_DATA_STORE", "Location": store}])["ChannelArn"]
    w.values["channelArn"] = channel
    d("cloudtrail:GetChannel", a, "get_channel", Channel=channel)
    d("cloudtrail:ListChannels", a, "list_channels")
    d("cloudtrail:UpdateChannel", a, "update_channel", Channel=channel, Name="golden-channel-2")
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "owner", "Effect": "Allow",
                                                                 "Principal": {"AWS": f"arn:aws:iam::{a.account}:root"},
                                                                 "Action": "cloudtrail-data:PutAuditEvents", "Resource": channel}]})
    w.values["channelPolicy"] = policy
    d("cloudtrail:PutResourcePolicy", a, "put_resource_policy", ResourceArn=channel, ResourcePolicy=policy)
    d("cloudtrail:GetResourcePolicy", a, "get_resource_policy", ResourceArn=channel)
    d("cloudtrail:DeleteResourcePolicy", a, "delete_resource_policy", ResourceArn=channel)
    data = json.dumps({"version": "1.0", "userIdentity": {"type": "CustomUser", "principalId": "alice"}, "eventSource": "app.example.com",
                       "eventName": "Refund", "eventTime": "2025-01-01T00:00:00Z", "UID": "u-1", "recipientAccountId": a.account})
    checksum = base64.b64encode(hashlib.sha256(data.encode()).digest()).decode()
    d("cloudtrail-data:PutAuditEvents", a, "put_audit_events", channelArn=channel,
      auditEvents=[{"id": "golden-1", "eventData": data, "eventDataChecksum": checksum}])
    d("cloudtrail:DeleteChannel", a, "delete_channel", Channel=channel)

    d("access-analyzer:ValidatePolicy", a, "validate_policy", policyDocument=DOC, policyType="IDENTITY_POLICY")
    d("access-analyzer:CheckNoNewAccess", a, "check_no_new_access", newPolicyDocument=DOC, existingPolicyDocument=DOC2,
      policyType="IDENTITY_POLICY")
    d("access-analyzer:CheckAccessNotGranted", a, "check_access_not_granted", policyDocument=DOC,
      access=[{"actions": ["s3:PutObject"]}], policyType="IDENTITY_POLICY")
    d("access-analyzer:CheckNoPublicAccess", a, "check_no_public_access", policyDocument=DOC, resourceType="AWS::S3::Bucket")
    w.trail_account = a


def organizations_scenario(w):
    m = Caller.tenant(w.factory, "mgmt")
    x, y, z, leaver, removed, closing = (
        Caller.tenant(w.factory, p) for p in ("member", "decliner", "cancelled", "leaver", "removed", "closing"))
    w.values.update(management=m.account, member=x.account, decliner=y.account, cancelled=z.account, leaver=leaver.account,
                    removed=removed.account, closing=closing.account)
    d = w.do
    org = d("organizations:CreateOrganization", m, "create_organization", FeatureSet="ALL")["Organization"]
    w.values["orgId"] = org["Id"]
    d("organizations:DescribeOrganization", m, "describe_organization")
    root = d("organizations:ListRoots", m, "list_roots")["Roots"][0]["Id"]
    w.values["rootId"] = root
    ou = d("organizations:CreateOrganizationalUnit", m, "create_organizational_unit", ParentId=root, Name="golden-ou")
    w.values["ouId"] = ou["OrganizationalUnit"]["Id"]
    d("organizations:DescribeOrganizationalUnit", m, "describe_organizational_unit", OrganizationalUnitId=w.values["ouId"])
    d("organizations:UpdateOrganizationalUnit", m, "update_organizational_unit", OrganizationalUnitId=w.values["ouId"], Name="golden-ou-2")
    d("organizations:ListOrganizationalUnitsForParent", m, "list_organizational_units_for_parent", ParentId=root)
    h = d("organizations:InviteAccountToOrganization", m, "invite_account_to_organization",
          Target={"Id": x.account, "Type": "ACCOUNT"}, Notes="golden invitation")["Handshake"]["Id"]
    w.values["handshakeId"] = h
    d("organizations:DescribeHandshake", m, "describe_handshake", HandshakeId=h)
    d("organizations:ListHandshakesForOrganization", m, "list_handshakes_for_organization")
    d("organizations:ListHandshakesForAccount", x, "list_handshakes_for_account")
    d("organizations:AcceptHandshake", x, "accept_handshake", HandshakeId=h)
    d("organizations:ListAccounts", m, "list_accounts")
    d("organizations:ListAccountsForParent", m, "list_accounts_for_parent", ParentId=root)
    d("organizations:DescribeAccount", m, "describe_account", AccountId=x.account)
    d("organizations:ListParents", m, "list_parents", ChildId=x.account)
    d("organizations:ListChildren", m, "list_children", ParentId=root, ChildType="ACCOUNT")
    d("organizations:MoveAccount", m, "move_account", AccountId=x.account, SourceParentId=root, DestinationParentId=w.values["ouId"])
    gone = m.orgs.create_organizational_unit(ParentId=root, Name="golden-gone")["OrganizationalUnit"]["Id"]
    w.values["goneOuId"] = gone
    d("organizations:DeleteOrganizationalUnit", m, "delete_organizational_unit", OrganizationalUnitId=gone)

    hy = m.orgs.invite_account_to_organization(Target={"Id": y.account, "Type": "ACCOUNT"})["Handshake"]["Id"]
    w.values["declinedId"] = hy
    d("organizations:DeclineHandshake", y, "decline_handshake", HandshakeId=hy)
    hz = m.orgs.invite_account_to_organization(Target={"Id": z.account, "Type": "ACCOUNT"})["Handshake"]["Id"]
    w.values["cancelledId"] = hz
    d("organizations:CancelHandshake", m, "cancel_handshake", HandshakeId=hz)

    car = d("organizations:CreateAccount", m, "create_account", Email=f"golden-{uuid.uuid4().hex[:8]}@tenants.example",
            AccountName="Golden Secret")["CreateAccountStatus"]["Id"]
    w.values["carId"] = car
    d("organizations:DescribeCreateAccountStatus", m, "describe_create_account_status", CreateAccountRequestId=car)
    d("organizations:ListCreateAccountStatus", m, "list_create_account_status")

    d("organizations:EnablePolicyType", m, "enable_policy_type", RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    pid = d("organizations:CreatePolicy", m, "create_policy", Content=SCP, Description="golden scp", Name="golden-scp",
            Type="SERVICE_CONTROL_POLICY")["Policy"]["PolicySummary"]["Id"]
    w.values["policyId"] = pid
    d("organizations:DescribePolicy", m, "describe_policy", PolicyId=pid)
    d("organizations:UpdatePolicy", m, "update_policy", PolicyId=pid, Name="golden-scp-2")
    d("organizations:AttachPolicy", m, "attach_policy", PolicyId=pid, TargetId=x.account)
    d("organizations:ListPolicies", m, "list_policies", Filter="SERVICE_CONTROL_POLICY")
    d("organizations:ListPoliciesForTarget", m, "list_policies_for_target", TargetId=x.account, Filter="SERVICE_CONTROL_POLICY")
    d("organizations:ListTargetsForPolicy", m, "list_targets_for_policy", PolicyId=pid)
    d("organizations:DetachPolicy", m, "detach_policy", PolicyId=pid, TargetId=x.account)
    d("organizations:DeletePolicy", m, "delete_policy", PolicyId=pid)
    d("organizations:DisablePolicyType", m, "disable_policy_type", RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    m.orgs.enable_policy_type(RootId=root, PolicyType="TAG_POLICY")
    tag = m.orgs.create_policy(Content=TAGP, Description="", Name="golden-tags", Type="TAG_POLICY")["Policy"]["PolicySummary"]["Id"]
    m.orgs.attach_policy(PolicyId=tag, TargetId=root)
    d("organizations:DescribeEffectivePolicy", m, "describe_effective_policy", PolicyType="TAG_POLICY", TargetId=x.account)
    d("organizations:ListAccountsWithInvalidEffectivePolicy", m, "list_accounts_with_invalid_effective_policy", PolicyType="TAG_POLICY")
    d("organizations:ListEffectivePolicyValidationErrors", m, "list_effective_policy_validation_errors", AccountId=x.account,
      PolicyType="TAG_POLICY")

    d("organizations:EnableAWSServiceAccess", m, "enable_aws_service_access", ServicePrincipal="cloudtrail.amazonaws.com")
    d("organizations:ListAWSServiceAccessForOrganization", m, "list_aws_service_access_for_organization")
    d("organizations:RegisterDelegatedAdministrator", m, "register_delegated_administrator", AccountId=x.account,
      ServicePrincipal="cloudtrail.amazonaws.com")
    d("organizations:ListDelegatedAdministrators", m, "list_delegated_administrators")
    d("organizations:ListDelegatedServicesForAccount", m, "list_delegated_services_for_account", AccountId=x.account)
    d("organizations:DeregisterDelegatedAdministrator", m, "deregister_delegated_administrator", AccountId=x.account,
      ServicePrincipal="cloudtrail.amazonaws.com")
    d("cloudtrail:RegisterOrganizationDelegatedAdmin", m, "register_organization_delegated_admin", MemberAccountId=x.account)
    d("cloudtrail:DeregisterOrganizationDelegatedAdmin", m, "deregister_organization_delegated_admin", DelegatedAdminAccountId=x.account)
    d("organizations:DisableAWSServiceAccess", m, "disable_aws_service_access", ServicePrincipal="cloudtrail.amazonaws.com")
    d("organizations:TagResource", m, "tag_resource", ResourceId=x.account, Tags=[{"Key": "stage", "Value": "gold"}])
    d("organizations:ListTagsForResource", m, "list_tags_for_resource", ResourceId=x.account)
    d("organizations:UntagResource", m, "untag_resource", ResourceId=x.account, TagKeys=["stage"])
    delegation = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{x.account}:root"}, "Action": ["organizations:List*"], "Resource": "*"}]})
    d("organizations:PutResourcePolicy", m, "put_resource_policy", Content=delegation)
    d("organizations:DescribeResourcePolicy", m, "describe_resource_policy")
    d("organizations:DeleteResourcePolicy", m, "delete_resource_policy")

    for member in (leaver, removed, closing):
        hid = m.orgs.invite_account_to_organization(Target={"Id": member.account, "Type": "ACCOUNT"})["Handshake"]["Id"]
        member.orgs.accept_handshake(HandshakeId=hid)
    d("organizations:LeaveOrganization", leaver, "leave_organization")
    d("organizations:RemoveAccountFromOrganization", m, "remove_account_from_organization", AccountId=removed.account)
    d("organizations:CloseAccount", m, "close_account", AccountId=closing.account)

    c = Caller.tenant(w.factory, "billing")
    w.values["billing"] = c.account
    w.values["billingOrgId"] = c.orgs.create_organization(FeatureSet="CONSOLIDATED_BILLING")["Organization"]["Id"]
    w.values["billingHandshakeId"] = d("organizations:EnableAllFeatures", c, "enable_all_features")["Handshake"]["Id"]
    d("organizations:DeleteOrganization", c, "delete_organization")
    w.management, w.member = m, x


def cairn_scenario(w):
    """Cairn's own operations (service `cairn`, REST only): the operator's, then the tenants'."""
    op = Caller.operator(w.factory)
    w.operator = op
    tenant = Caller.tenant(w.factory, "cairn")
    w.values.update(operator=op.account, cairnTenant=tenant.account)
    r = w.rest
    name = f"golden-cairn-{uuid.uuid4().hex[:8]}"
    email = f"{name}@tenants.example"
    created = r("cairn:CreateAccount", op, "POST", "/v1/accounts", {"name": name, "email": email})
    w.values.update(cairnAccount=created["account"]["id"], cairnAccountKey=created["credentials"]["accessKeyId"],
                    cairnAccountName=name, cairnAccountEmail=email)
    r("cairn:ListAccounts", op, "GET", "/v1/accounts?limit=100")
    r("cairn:DescribeAccount", op, "GET", f"/v1/accounts/{w.values['cairnAccount']}")
    r("cairn:UpdateAccount", op, "PATCH", f"/v1/accounts/{w.values['cairnAccount']}", {"status": "SUSPENDED"})
    region = f"eu-gold-{uuid.uuid4().int % 10**10:010d}-1"
    w.values["cairnRegion"] = region
    r("cairn:AddRegion", op, "POST", "/v1/regions", {"name": region})
    w.values["cairnOrgId"] = tenant.orgs.create_organization(FeatureSet="ALL")["Organization"]["Id"]
    r("cairn:UpdateOrganizationAccountLimit", op, "PUT", f"/v1/organizations/{w.values['cairnOrgId']}/account-limit", {"accountLimit": 20})
    r("cairn:ListRegions", tenant, "GET", "/v1/regions")
    r("cairn:ValidatePolicy", tenant, "POST", "/v1/policy/validate", {"policyType": "scp", "policyDocument": SCP})


# ----------------------------------------------------------------------------------------------------------------
# Finding records


def export(caller, query=""):
    """Every record of the caller's account (up to 10,000, newest first, `query` filtering): REST's export, signed as
    its root user."""
    url = os.environ["CAIRN_ENDPOINT"].rstrip("/") + "/v1/events/export?format=jsonl" + query
    request = AWSRequest(method="GET", url=url)
    SigV4Auth(Credentials(caller.key, caller.secret), "cairn", HOME).add_auth(request)
    with urllib.request.urlopen(urllib.request.Request(url, headers=dict(request.headers))) as r:
        return [json.loads(line) for line in r.read().decode().splitlines() if line.strip()]


def lake_scenario(w):
    a = Caller.tenant(w.factory, "lake")
    d = w.do
    store = d("cloudtrail:CreateEventDataStore", a, "create_event_data_store", Name="golden-lake", RetentionPeriod=30,
              TerminationProtectionEnabled=False)["EventDataStoreArn"]
    w.values["lakeStore"] = store
    w.values["lakeStoreId"] = store.rsplit("/", 1)[-1]
    d("cloudtrail:GetEventDataStore", a, "get_event_data_store", EventDataStore=store)
    d("cloudtrail:ListEventDataStores", a, "list_event_data_stores")
    d("cloudtrail:UpdateEventDataStore", a, "update_event_data_store", EventDataStore=store, RetentionPeriod=60)
    d("cloudtrail:StopEventDataStoreIngestion", a, "stop_event_data_store_ingestion", EventDataStore=store)
    d("cloudtrail:StartEventDataStoreIngestion", a, "start_event_data_store_ingestion", EventDataStore=store)
    statement = f"SELECT eventName FROM {w.values['lakeStoreId']} LIMIT 1"
    w.values["lakeStatement"] = statement
    query = d("cloudtrail:StartQuery", a, "start_query", QueryStatement=statement)["QueryId"]
    w.values["lakeQuery"] = query
    d("cloudtrail:DescribeQuery", a, "describe_query", QueryId=query)
    d("cloudtrail:GetQueryResults", a, "get_query_results", QueryId=query)
    d("cloudtrail:ListQueries", a, "list_queries", EventDataStore=store)
    d("cloudtrail:SearchSampleQueries", a, "search_sample_queries", SearchPhrase="root user")
    widget = {"QueryStatement": statement, "ViewProperties": {"View": "Table"}}
    w.values["lakeDashboard"] = f"arn:aws:cloudtrail:{HOME}:{a.account}:dashboard/golden-dash"
    d("cloudtrail:CreateDashboard", a, "create_dashboard", Name="golden-dash", Widgets=[widget])
    d("cloudtrail:GetDashboard", a, "get_dashboard", DashboardId="golden-dash")
    d("cloudtrail:ListDashboards", a, "list_dashboards")
    d("cloudtrail:UpdateDashboard", a, "update_dashboard", DashboardId="golden-dash", TerminationProtectionEnabled=False)
    refresh = d("cloudtrail:StartDashboardRefresh", a, "start_dashboard_refresh", DashboardId="golden-dash")["RefreshId"]
    w.values["lakeRefresh"] = refresh
    d("cloudtrail:DeleteDashboard", a, "delete_dashboard", DashboardId="golden-dash")
    source = {"S3": {"S3LocationUri": "s3://golden-import/AWSLogs", "S3BucketRegion": HOME,
                     "S3BucketAccessRoleArn": f"arn:aws:iam::{a.account}:role/import"}}
    w.values["lakeImportRole"] = source["S3"]["S3BucketAccessRoleArn"]
    imported = d("cloudtrail:StartImport", a, "start_import", Destinations=[store], ImportSource=source)["ImportId"]
    w.values["lakeImport"] = imported
    d("cloudtrail:StopImport", a, "stop_import", ImportId=imported)
    d("cloudtrail:GetImport", a, "get_import", ImportId=imported)
    d("cloudtrail:ListImports", a, "list_imports")
    d("cloudtrail:ListImportFailures", a, "list_import_failures", ImportId=imported)
    role = a.iam.create_role(RoleName="golden-federation", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "lakeformation.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]
    w.values["lakeFederationRole"] = role["Arn"]
    d("cloudtrail:EnableFederation", a, "enable_federation", EventDataStore=store, FederationRoleArn=role["Arn"])
    d("cloudtrail:DisableFederation", a, "disable_federation", EventDataStore=store)
    generated = d("cloudtrail:GenerateQuery", a, "generate_query", EventDataStores=[store], Prompt="Which users made the most calls today?")
    w.values["lakeGeneratedAlias"] = generated["QueryAlias"]
    slow = a.ct.start_query(QueryStatement=f"SELECT count(*) FROM {w.values['lakeStoreId']} x CROSS JOIN {w.values['lakeStoreId']} y")
    w.values["lakeCancelled"] = slow["QueryId"]
    d("cloudtrail:CancelQuery", a, "cancel_query", QueryId=slow["QueryId"])
    d("cloudtrail:DeleteEventDataStore", a, "delete_event_data_store", EventDataStore=store)
    d("cloudtrail:RestoreEventDataStore", a, "restore_event_data_store", EventDataStore=store)


def federation_scenario(w):
    """IAM's OpenID Connect providers and sts:AssumeRoleWithWebIdentity, from a token of a TLS identity provider on
    loopback (tests/compat/oidc_idp.py)."""
    root = Caller.tenant(w.factory, "oidc")
    idp = IdentityProvider()
    arn = idp.provider_arn(root.account)
    w.values.update(oidcProviderArn=arn, oidcUrl=idp.issuer, oidcThumbprint=idp.thumbprint)
    d = w.do
    d("iam:CreateOpenIDConnectProvider", root, "create_open_id_connect_provider", Url=idp.issuer, ClientIDList=["sts.amazonaws.com"],
      ThumbprintList=[idp.thumbprint])
    d("iam:GetOpenIDConnectProvider", root, "get_open_id_connect_provider", OpenIDConnectProviderArn=arn)
    d("iam:ListOpenIDConnectProviders", root, "list_open_id_connect_providers")
    d("iam:AddClientIDToOpenIDConnectProvider", root, "add_client_id_to_open_id_connect_provider", OpenIDConnectProviderArn=arn,
      ClientID="golden-client")
    d("iam:RemoveClientIDFromOpenIDConnectProvider", root, "remove_client_id_from_open_id_connect_provider",
      OpenIDConnectProviderArn=arn, ClientID="golden-client")
    d("iam:UpdateOpenIDConnectProviderThumbprint", root, "update_open_id_connect_provider_thumbprint", OpenIDConnectProviderArn=arn,
      ThumbprintList=[idp.thumbprint])
    d("iam:TagOpenIDConnectProvider", root, "tag_open_id_connect_provider", OpenIDConnectProviderArn=arn,
      Tags=[{"Key": "stage", "Value": "gold"}])
    d("iam:ListOpenIDConnectProviderTags", root, "list_open_id_connect_provider_tags", OpenIDConnectProviderArn=arn)
    d("iam:UntagOpenIDConnectProvider", root, "untag_open_id_connect_provider", OpenIDConnectProviderArn=arn, TagKeys=["stage"])
    role = root.iam.create_role(RoleName="golden-oidc-role", AssumeRolePolicyDocument=idp.trust_policy(root.account))["Role"]
    w.values.update(oidcRoleArn=role["Arn"], oidcRoleId=role["RoleId"])
    # botocore sends this call unsigned, whichever client makes it.
    d("sts:AssumeRoleWithWebIdentity", root, "assume_role_with_web_identity", RoleArn=role["Arn"], RoleSessionName="golden-web",
      WebIdentityToken=idp.token(), DurationSeconds=900)
    d("iam:DeleteOpenIDConnectProvider", root, "delete_open_id_connect_provider", OpenIDConnectProviderArn=arn)
    idp.close()

    # A SAML provider, from metadata written by tests/saml/saml_fixtures.py (signxml's certificates), and a Response
    # for this account's role Admin through its provider ExampleIdP.
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, str(Path(__file__).parent.parent / "saml" / "saml_fixtures.py"), out, root.account],
                       check=True)
        metadata = (Path(out) / "metadata.xml").read_text()
        assertion = base64.b64encode((Path(out) / "session-1.xml").read_bytes()).decode()
    saml = d("iam:CreateSAMLProvider", root, "create_saml_provider", Name="golden-saml", SAMLMetadataDocument=metadata)["SAMLProviderArn"]
    w.values["samlProviderArn"] = saml
    d("iam:GetSAMLProvider", root, "get_saml_provider", SAMLProviderArn=saml)
    d("iam:ListSAMLProviders", root, "list_saml_providers")
    d("iam:UpdateSAMLProvider", root, "update_saml_provider", SAMLProviderArn=saml, SAMLMetadataDocument=metadata)
    d("iam:TagSAMLProvider", root, "tag_saml_provider", SAMLProviderArn=saml, Tags=[{"Key": "stage", "Value": "gold"}])
    d("iam:ListSAMLProviderTags", root, "list_saml_provider_tags", SAMLProviderArn=saml)
    d("iam:UntagSAMLProvider", root, "untag_saml_provider", SAMLProviderArn=saml, TagKeys=["stage"])
    d("iam:DeleteSAMLProvider", root, "delete_saml_provider", SAMLProviderArn=saml)

    example = root.iam.create_saml_provider(Name="ExampleIdP", SAMLMetadataDocument=metadata)["SAMLProviderArn"]
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Federated": example},
        "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"],
        "Condition": {"StringEquals": {"saml:aud": "https://signin.aws.amazon.com/saml"}}}]}
    admin = root.iam.create_role(RoleName="Admin", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
    nq = base64.b64encode(hashlib.sha1(f"https://idp.example.com/saml{root.account}/ExampleIdP".encode()).digest()).decode()
    w.values.update(exampleSamlProviderArn=example, samlRoleArn=admin["Arn"], samlRoleId=admin["RoleId"], samlNameQualifier=nq)
    # botocore sends this call unsigned too.
    d("sts:AssumeRoleWithSAML", root, "assume_role_with_saml", RoleArn=admin["Arn"], PrincipalArn=example, SAMLAssertion=assertion,
      DurationSeconds=900)


@pytest.fixture(scope="module")
def world(client_factory):
    w = World(client_factory)
    iam_scenario(w)
    federation_scenario(w)
    trail_scenario(w)
    lake_scenario(w)
    organizations_scenario(w)
    cairn_scenario(w)
    w.records = {}
    for account, caller in w.accounts.items():
        if caller is None:
            continue
        # The operator's account holds every tenant's CreateAccount (and whatever else ran on this server): its
        # export is narrowed to Cairn's own source, newest first, so the scenario's calls are in its first 10,000.
        for record in export(caller, "&eventSource=cairn.amazonaws.com" if caller is w.operator else ""):
            w.records.setdefault(record.get("requestID"), []).append(record)
    return w


def record_of(world, call, account=None):
    """The record of `call` in `account` (the caller's by default), by request id."""
    account = account or call.caller.account
    found = [r for r in world.records.get(call.request_id, []) if r["recipientAccountId"] == account]
    assert len(found) == 1, f"{call.op}: {len(found)} records with requestID {call.request_id} in {account}"
    return found[0]


# ----------------------------------------------------------------------------------------------------------------
# One test per fixture


def load_fixtures():
    fixtures = []
    for path in sorted(GOLDEN.glob("*/*.json")):
        if path.parent.name == "userIdentity":
            continue
        fixtures.append(json.loads(path.read_text()))
    return fixtures


FIXTURES = load_fixtures()


def behaviour(fixture):
    service, name = fixture["operation"].split(":")
    if service == "cairn":
        return f"{service}-{name}-is-recorded-as-docs-events-md-says"
    return f"{service}-{name}-is-recorded-as-aws-records-it"


class KnownDifference(AssertionError):
    """The record differs from AWS's exactly where the fixture's knownDifferences say, and nowhere else."""


def param(fixture):
    marks = []
    if fixture.get("knownDifferences"):
        marks.append(pytest.mark.xfail(strict=True, raises=KnownDifference, reason=fixture["knownDifference"]))
    return pytest.param(fixture, id=behaviour(fixture), marks=marks)


@pytest.mark.parametrize("fixture", [param(f) for f in FIXTURES])
def test_operation_record_matches_its_golden_fixture(world, fixture):
    call = world.calls.get(fixture["operation"])
    assert call is not None, f"the scenario never performs {fixture['operation']}"
    assert call.error is None, f"{fixture['operation']} failed: {call.error}"
    record = record_of(world, call)
    problems = compare_record(fixture["record"], record, call.values)
    against = "its documented convention" if fixture["operation"].startswith("cairn:") else "AWS"
    message = "\n".join([f"{fixture['operation']} differs from {against} ({fixture['source']}):"] + problems)
    known = fixture.get("knownDifferences")
    if known and sorted(p.split(":")[0] for p in problems) == sorted(known):
        raise KnownDifference(message)
    assert not problems, message


# ----------------------------------------------------------------------------------------------------------------
# userIdentity per principal type, and LookupEvents' summary of each (cloudtrail-records.md §2, §3, §6). Cairn has
# no AWSService principal: no call it records is made by an AWS service on a customer's behalf.

IDENTITIES = {p.stem: json.loads(p.read_text()) for p in sorted((GOLDEN / "userIdentity").glob("*.json"))}


def identity_call(world, fixture):
    name = fixture["call"]
    return world.extra[name[len("extra:"):]] if name.startswith("extra:") else world.calls[name]


def identity_record(world, fixture):
    call = identity_call(world, fixture)
    account = substitute(fixture["top"]["recipientAccountId"], call.values)
    return call, record_of(world, call, account)


@pytest.mark.parametrize("principal", sorted(IDENTITIES), ids=lambda p: f"{p}-identity-has-every-key-aws-writes")
def test_user_identity_per_principal_type(world, principal):
    fixture = IDENTITIES[principal]
    call, record = identity_record(world, fixture)
    assert call.error is None, call.error
    problems = compare_record({"userIdentity": fixture["userIdentity"], **fixture["top"]}, record, call.values)
    assert not problems, "\n".join([f"{principal} ({fixture['source']}):"] + problems)


@pytest.mark.parametrize("principal", sorted(IDENTITIES), ids=lambda p: f"{p}-lookup-summary-names-the-caller")
def test_lookup_events_summary_per_principal_type(world, principal):
    fixture = IDENTITIES[principal]
    call, record = identity_record(world, fixture)
    owner = world.accounts[record["recipientAccountId"]]
    events = owner.ct.lookup_events(LookupAttributes=[{"AttributeKey": "EventId", "AttributeValue": record["eventID"]}])["Events"]
    assert len(events) == 1
    event = events[0]
    assert json.loads(event["CloudTrailEvent"]) == record
    assert event["EventName"] == record["eventName"] and event["EventSource"] == record["eventSource"]
    assert event["ReadOnly"] == ("true" if record["readOnly"] else "false")
    summary = {k: event[k] for k in ("Username", "AccessKeyId", "Resources") if k in event}
    problems = []
    for key, value in fixture["lookup"].items():
        if value == "<absent>":
            if key in summary:
                problems.append(f"{key}: AWS leaves it out, Cairn answered {summary[key]!r}")
        elif key not in summary:
            problems.append(f"{key}: AWS answers {value!r}, Cairn left it out")
        else:
            problems.extend(differences(value, summary[key], call.values, key))
    assert not problems, "\n".join([f"{principal} ({fixture['source']}):"] + problems)


def test_a_cross_account_call_is_recorded_in_both_accounts_with_one_shared_event_id(world):
    fixture = IDENTITIES["AWSAccount"]
    call, owner_copy = identity_record(world, fixture)
    caller_copy = record_of(world, call, call.caller.account)
    problems = compare_record({"userIdentity": fixture["callerCopy"]["userIdentity"], **fixture["callerCopy"]["top"]}, caller_copy,
                              call.values)
    assert not problems, "\n".join(problems)
    assert caller_copy["sharedEventID"] == owner_copy["sharedEventID"]
    assert caller_copy["eventID"] != owner_copy["eventID"]
    for key in ("requestParameters", "responseElements", "resources", "eventName", "eventTime", "requestID"):
        assert caller_copy.get(key) == owner_copy.get(key), key


def catalogue_operations():
    """(service, name) of every catalogue entry, read from the Swift sources: those with an AWS name and Cairn's own
    (`.cairn`, fixtures under golden/cairn/)."""
    root = Path(__file__).resolve().parents[2] / "Sources" / "CairnCore" / "Catalogue"
    services = {"cloudtrail": "cloudtrail", "cloudtrailData": "cloudtrail-data", "organizations": "organizations", "iam": "iam",
                "sts": "sts", "accessAnalyzer": "access-analyzer", "cairn": "cairn"}
    found = set()
    for path in root.glob("OperationCatalogue*.swift"):
        text = path.read_text()
        for service, name in re.findall(r'CatalogueOperation\(\s*\.(\w+), "(\w+)"', text):
            if service in services:
                found.add((services[service], name))
        for helper, service in (("trail", "cloudtrail"), ("org", "organizations")):
            for name in re.findall(rf'= {helper}\(\s*"(\w+)"', text):
                found.add((service, name))
    return found


# Catalogue operations without a fixture yet; the test below fails when one is added to the catalogue unnoticed.
WITHOUT_FIXTURE = set()


def test_every_catalogue_operation_has_a_fixture():
    have = {tuple(f["operation"].split(":")) for f in FIXTURES}
    catalogue = catalogue_operations()
    assert len(catalogue) > 150
    assert len({n for s, n in catalogue if s == "cairn"}) >= 8, "the `.cairn` entries are no longer read from the catalogue"
    missing = sorted(f"{s}:{n}" for s, n in catalogue - have if f"{s}:{n}" not in WITHOUT_FIXTURE)
    assert not missing, f"catalogue operations without a golden fixture: {missing}"
    assert not {tuple(o.split(":")) for o in WITHOUT_FIXTURE} & have, "WITHOUT_FIXTURE lists an operation that has one"
