"""IAM management through boto3's iam client (Query protocol), acting as the operator's root user."""
import json
import os
import uuid

import botocore.exceptions
import pytest

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}],
}
READ = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"}]}


@pytest.fixture()
def iam(client_factory):
    return client_factory("iam")


@pytest.fixture()
def name():
    return "t" + uuid.uuid4().hex[:10]


def error_of(call, *args, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call(*args, **kwargs)
    return e.value.response["Error"]["Code"], e.value.response["ResponseMetadata"]["HTTPStatusCode"], e.value.response["Error"]["Message"]


def account():
    return os.environ["CAIRN_OPERATOR_ACCOUNT"]


# Users


def test_create_get_list_update_delete_user(iam, name):
    user = iam.create_user(UserName=name, Path="/eng/", Tags=[{"Key": "team", "Value": "core"}])["User"]
    assert user["Arn"] == f"arn:aws:iam::{account()}:user/eng/{name}"
    assert user["UserId"].startswith("AIDA") and user["Path"] == "/eng/"
    assert user["CreateDate"].tzinfo is not None
    got = iam.get_user(UserName=name.upper())["User"]
    assert got["UserName"] == name and got["Tags"] == [{"Key": "team", "Value": "core"}]
    assert name in [u["UserName"] for u in iam.list_users(PathPrefix="/eng/")["Users"]]
    iam.update_user(UserName=name, NewUserName=name + "x", NewPath="/ops/")
    assert iam.get_user(UserName=name + "x")["User"]["Arn"].endswith(f":user/ops/{name}x")
    iam.delete_user(UserName=name + "x")
    assert error_of(iam.get_user, UserName=name + "x")[:2] == ("NoSuchEntity", 404)


def test_user_errors(iam, name):
    iam.create_user(UserName=name)
    code, status, _ = error_of(iam.create_user, UserName=name.upper())
    assert (code, status) == ("EntityAlreadyExists", 409)
    code, status, message = error_of(iam.create_user, UserName="bad name")
    assert (code, status) == ("ValidationError", 400) and "userName" in message
    code, status, message = error_of(iam.create_user, UserName=name + "p", Path="nopath")
    assert code == "ValidationError" and "'path'" in message
    assert error_of(iam.delete_user, UserName=name + "missing")[:2] == ("NoSuchEntity", 404)
    iam.delete_user(UserName=name)


def test_list_users_pages_with_marker(iam, name):
    for i in range(3):
        iam.create_user(UserName=f"{name}{i}", Path=f"/{name}/")
    first = iam.list_users(PathPrefix=f"/{name}/", MaxItems=2)
    assert first["IsTruncated"] and len(first["Users"]) == 2
    second = iam.list_users(PathPrefix=f"/{name}/", MaxItems=2, Marker=first["Marker"])
    assert not second["IsTruncated"] and [u["UserName"] for u in second["Users"]] == [f"{name}2"]
    paged = [u["UserName"] for p in iam.get_paginator("list_users").paginate(PathPrefix=f"/{name}/", PaginationConfig={"PageSize": 1}) for u in p["Users"]]
    assert paged == [f"{name}0", f"{name}1", f"{name}2"]
    for i in range(3):
        iam.delete_user(UserName=f"{name}{i}")


def test_delete_user_conflicts_until_it_owns_nothing(iam, name):
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    assert error_of(iam.delete_user, UserName=name)[:2] == ("DeleteConflict", 409)
    iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
    iam.put_user_policy(UserName=name, PolicyName="read", PolicyDocument=json.dumps(READ))
    assert error_of(iam.delete_user, UserName=name)[0] == "DeleteConflict"
    iam.delete_user_policy(UserName=name, PolicyName="read")
    iam.attach_user_policy(UserName=name, PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    assert error_of(iam.delete_user, UserName=name)[0] == "DeleteConflict"
    iam.detach_user_policy(UserName=name, PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    iam.create_group(GroupName=name)
    iam.add_user_to_group(GroupName=name, UserName=name)
    assert error_of(iam.delete_user, UserName=name)[0] == "DeleteConflict"
    iam.remove_user_from_group(GroupName=name, UserName=name)
    iam.delete_user(UserName=name)
    iam.delete_group(GroupName=name)


# Groups


def test_groups_members_and_policies(iam, name):
    group = iam.create_group(GroupName=name, Path="/teams/")["Group"]
    assert group["Arn"] == f"arn:aws:iam::{account()}:group/teams/{name}" and group["GroupId"].startswith("AGPA")
    assert error_of(iam.create_group, GroupName=name)[:2] == ("EntityAlreadyExists", 409)
    iam.create_user(UserName=name)
    iam.add_user_to_group(GroupName=name, UserName=name)
    iam.add_user_to_group(GroupName=name, UserName=name)
    got = iam.get_group(GroupName=name)
    assert got["Group"]["GroupName"] == name and [u["UserName"] for u in got["Users"]] == [name]
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName=name)["Groups"]] == [name]
    assert name in [g["GroupName"] for g in iam.list_groups(PathPrefix="/teams/")["Groups"]]
    iam.put_group_policy(GroupName=name, PolicyName="read", PolicyDocument=json.dumps(READ))
    assert iam.get_group_policy(GroupName=name, PolicyName="read")["PolicyDocument"] == READ
    assert iam.list_group_policies(GroupName=name)["PolicyNames"] == ["read"]
    assert error_of(iam.delete_group, GroupName=name)[0] == "DeleteConflict"
    iam.remove_user_from_group(GroupName=name, UserName=name)
    assert error_of(iam.remove_user_from_group, GroupName=name, UserName=name)[0] == "NoSuchEntity"
    assert error_of(iam.delete_group, GroupName=name)[0] == "DeleteConflict"
    iam.delete_group_policy(GroupName=name, PolicyName="read")
    iam.attach_group_policy(GroupName=name, PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    assert [p["PolicyName"] for p in iam.list_attached_group_policies(GroupName=name)["AttachedPolicies"]] == ["ReadOnlyAccess"]
    iam.detach_group_policy(GroupName=name, PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess")
    iam.delete_group(GroupName=name)
    iam.delete_user(UserName=name)
    assert error_of(iam.add_user_to_group, GroupName=name, UserName=name)[:2] == ("NoSuchEntity", 404)


# Roles and inline policies


def test_role_lifecycle_and_trust_policy(iam, name):
    role = iam.create_role(
        RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST), Description="deploys", MaxSessionDuration=7200,
        Tags=[{"Key": "env", "Value": "prod"}],
    )["Role"]
    assert role["Arn"] == f"arn:aws:iam::{account()}:role/{name}" and role["RoleId"].startswith("AROA")
    assert role["AssumeRolePolicyDocument"] == TRUST
    got = iam.get_role(RoleName=name)["Role"]
    assert got["MaxSessionDuration"] == 7200 and got["Description"] == "deploys" and got["Tags"] == [{"Key": "env", "Value": "prod"}]
    assert name in [r["RoleName"] for r in iam.list_roles()["Roles"]]
    new_trust = dict(TRUST, Statement=[dict(TRUST["Statement"][0], Principal={"Service": "ec2.amazonaws.com"})])
    iam.update_assume_role_policy(RoleName=name, PolicyDocument=json.dumps(new_trust))
    assert iam.get_role(RoleName=name)["Role"]["AssumeRolePolicyDocument"] == new_trust
    assert error_of(iam.update_assume_role_policy, RoleName=name, PolicyDocument=json.dumps(READ))[:2] == ("MalformedPolicyDocument", 400)
    assert error_of(iam.create_role, RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))[:2] == ("EntityAlreadyExists", 409)
    assert error_of(iam.create_role, RoleName=name + "b", AssumeRolePolicyDocument="{not json")[0] == "MalformedPolicyDocument"
    iam.delete_role(RoleName=name)
    assert error_of(iam.get_role, RoleName=name)[:2] == ("NoSuchEntity", 404)


def test_role_inline_policies(iam, name):
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_policy(RoleName=name, PolicyName="read", PolicyDocument=json.dumps(READ))
    got = iam.get_role_policy(RoleName=name, PolicyName="read")
    assert got["PolicyDocument"] == READ and got["RoleName"] == name
    assert iam.list_role_policies(RoleName=name)["PolicyNames"] == ["read"]
    assert error_of(iam.get_role_policy, RoleName=name, PolicyName="nope")[:2] == ("NoSuchEntity", 404)
    assert error_of(iam.put_role_policy, RoleName=name, PolicyName="bad", PolicyDocument='{"Statement":[{"Effect":"Allow"}]}')[0] == "MalformedPolicyDocument"
    assert error_of(iam.delete_role, RoleName=name)[0] == "DeleteConflict"
    iam.delete_role_policy(RoleName=name, PolicyName="read")
    assert error_of(iam.delete_role_policy, RoleName=name, PolicyName="read")[0] == "NoSuchEntity"
    iam.delete_role(RoleName=name)


def test_user_inline_policies_and_size_limit(iam, name):
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName="read", PolicyDocument=json.dumps(READ))
    assert iam.get_user_policy(UserName=name, PolicyName="read")["PolicyDocument"] == READ
    assert iam.list_user_policies(UserName=name)["PolicyNames"] == ["read"]
    big = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::123456789012:user/" + "x" * 2100}]}
    assert error_of(iam.put_user_policy, UserName=name, PolicyName="big", PolicyDocument=json.dumps(big))[:2] == ("LimitExceeded", 409)
    iam.delete_user_policy(UserName=name, PolicyName="read")
    assert iam.list_user_policies(UserName=name)["PolicyNames"] == []
    iam.delete_user(UserName=name)


# Managed policies


def test_managed_policy_versions(iam, name):
    policy = iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(READ), Description="readers", Path="/team/")["Policy"]
    arn = policy["Arn"]
    assert arn == f"arn:aws:iam::{account()}:policy/team/{name}" and policy["DefaultVersionId"] == "v1"
    assert iam.get_policy(PolicyArn=arn)["Policy"]["Description"] == "readers"
    assert error_of(iam.create_policy, PolicyName=name.upper(), PolicyDocument=json.dumps(READ))[:2] == ("EntityAlreadyExists", 409)
    v2 = iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(READ), SetAsDefault=True)["PolicyVersion"]
    assert v2["VersionId"] == "v2" and v2["IsDefaultVersion"]
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v2"
    assert iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]["Document"] == READ
    for _ in range(3):
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(READ))
    assert error_of(iam.create_policy_version, PolicyArn=arn, PolicyDocument=json.dumps(READ))[:2] == ("LimitExceeded", 409)
    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    assert [v["VersionId"] for v in versions] == ["v5", "v4", "v3", "v2", "v1"]
    iam.set_default_policy_version(PolicyArn=arn, VersionId="v5")
    assert error_of(iam.delete_policy_version, PolicyArn=arn, VersionId="v5")[:2] == ("DeleteConflict", 409)
    assert error_of(iam.set_default_policy_version, PolicyArn=arn, VersionId="v9")[:2] == ("NoSuchEntity", 404)
    assert error_of(iam.get_policy_version, PolicyArn=arn, VersionId="v9")[0] == "NoSuchEntity"
    assert error_of(iam.delete_policy, PolicyArn=arn)[:2] == ("DeleteConflict", 409)
    for v in ["v1", "v2", "v3", "v4"]:
        iam.delete_policy_version(PolicyArn=arn, VersionId=v)
    iam.delete_policy(PolicyArn=arn)
    assert error_of(iam.get_policy, PolicyArn=arn)[:2] == ("NoSuchEntity", 404)
    assert error_of(iam.create_policy, PolicyName=name, PolicyDocument='{"Version":"2012-10-17"}')[0] == "MalformedPolicyDocument"
    assert error_of(iam.get_policy, PolicyArn="arn:aws:iam::123456789012:user/not-a-policy")[:2] == ("InvalidInput", 400)


def test_list_policies_scopes_and_aws_managed(iam, name):
    arn = iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(READ))["Policy"]["Arn"]
    aws = [p["Arn"] for p in iam.list_policies(Scope="AWS", MaxItems=1000)["Policies"]]
    for n in ["AdministratorAccess", "ReadOnlyAccess", "AWSCloudTrail_FullAccess", "AWSCloudTrail_ReadOnlyAccess"]:
        assert f"arn:aws:iam::aws:policy/{n}" in aws
    local = [p["Arn"] for p in iam.list_policies(Scope="Local", MaxItems=1000)["Policies"]]
    assert arn in local and not any(":aws:policy/" in a for a in local)
    admin = iam.get_policy(PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")["Policy"]
    doc = iam.get_policy_version(PolicyArn=admin["Arn"], VersionId=admin["DefaultVersionId"])["PolicyVersion"]["Document"]
    assert doc["Statement"][0]["Action"] == "*"
    assert error_of(iam.delete_policy, PolicyArn="arn:aws:iam::aws:policy/AdministratorAccess")[0] == "InvalidInput"
    assert error_of(iam.list_policies, Scope="Global")[:2] == ("ValidationError", 400)
    iam.delete_policy(PolicyArn=arn)


def test_attach_detach_and_list_attached(iam, name):
    arn = iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(READ))["Policy"]["Arn"]
    iam.create_user(UserName=name)
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.attach_user_policy(UserName=name, PolicyArn=arn)
    iam.attach_role_policy(RoleName=name, PolicyArn=arn)
    iam.attach_role_policy(RoleName=name, PolicyArn="arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess")
    assert iam.list_attached_user_policies(UserName=name)["AttachedPolicies"] == [{"PolicyName": name, "PolicyArn": arn}]
    attached = {p["PolicyArn"] for p in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]}
    assert attached == {arn, "arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess"}
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 2
    assert error_of(iam.delete_policy, PolicyArn=arn)[:2] == ("DeleteConflict", 409)
    missing = f"arn:aws:iam::{account()}:policy/{name}-missing"
    assert error_of(iam.attach_user_policy, UserName=name, PolicyArn=missing)[:2] == ("NoSuchEntity", 404)
    assert error_of(iam.detach_user_policy, UserName=name, PolicyArn=missing)[:2] == ("NoSuchEntity", 404)
    iam.detach_user_policy(UserName=name, PolicyArn=arn)
    iam.detach_role_policy(RoleName=name, PolicyArn=arn)
    iam.detach_role_policy(RoleName=name, PolicyArn="arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess")
    assert iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"] == []
    iam.delete_policy(PolicyArn=arn)
    iam.delete_user(UserName=name)
    iam.delete_role(RoleName=name)


def test_permissions_boundaries(iam, name):
    boundary = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    iam.create_user(UserName=name, PermissionsBoundary=boundary)
    assert iam.get_user(UserName=name)["User"]["PermissionsBoundary"] == {"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": boundary}
    iam.delete_user_permissions_boundary(UserName=name)
    assert "PermissionsBoundary" not in iam.get_user(UserName=name)["User"]
    iam.put_user_permissions_boundary(UserName=name, PermissionsBoundary=boundary)
    assert iam.get_policy(PolicyArn=boundary)["Policy"]["PermissionsBoundaryUsageCount"] >= 1
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_permissions_boundary(RoleName=name, PermissionsBoundary=boundary)
    assert iam.get_role(RoleName=name)["Role"]["PermissionsBoundary"]["PermissionsBoundaryArn"] == boundary
    iam.delete_role_permissions_boundary(RoleName=name)
    assert "PermissionsBoundary" not in iam.get_role(RoleName=name)["Role"]
    missing = f"arn:aws:iam::{account()}:policy/{name}-none"
    assert error_of(iam.put_role_permissions_boundary, RoleName=name, PermissionsBoundary=missing)[0] == "NoSuchEntity"
    iam.delete_user_permissions_boundary(UserName=name)
    iam.delete_user(UserName=name)
    iam.delete_role(RoleName=name)


# Tags


def test_user_and_role_tags(iam, name):
    iam.create_user(UserName=name)
    iam.tag_user(UserName=name, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    iam.tag_user(UserName=name, Tags=[{"Key": "A", "Value": "3"}])
    assert iam.list_user_tags(UserName=name)["Tags"] == [{"Key": "A", "Value": "3"}, {"Key": "b", "Value": "2"}]
    iam.untag_user(UserName=name, TagKeys=["b"])
    assert iam.list_user_tags(UserName=name)["Tags"] == [{"Key": "A", "Value": "3"}]
    too_many = [{"Key": f"k{i}", "Value": ""} for i in range(50)]
    assert error_of(iam.tag_user, UserName=name, Tags=too_many)[:2] == ("LimitExceeded", 409)
    assert error_of(iam.tag_user, UserName=name, Tags=[{"Key": "aws:reserved", "Value": ""}])[0] == "InvalidInput"
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST), Tags=[{"Key": "env", "Value": "dev"}])
    iam.tag_role(RoleName=name, Tags=[{"Key": "owner", "Value": "me"}])
    assert iam.list_role_tags(RoleName=name)["Tags"] == [{"Key": "env", "Value": "dev"}, {"Key": "owner", "Value": "me"}]
    iam.untag_role(RoleName=name, TagKeys=["env", "absent"])
    assert iam.list_role_tags(RoleName=name)["Tags"] == [{"Key": "owner", "Value": "me"}]
    assert error_of(iam.list_role_tags, RoleName=name + "x")[:2] == ("NoSuchEntity", 404)
    iam.delete_user(UserName=name)
    iam.delete_role(RoleName=name)


# Access keys


def test_access_keys(iam, name, client_factory):
    iam.create_user(UserName=name)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    assert key["AccessKeyId"].startswith("AKIA") and len(key["SecretAccessKey"]) == 40 and key["Status"] == "Active"
    second = iam.create_access_key(UserName=name)["AccessKey"]
    assert error_of(iam.create_access_key, UserName=name)[:2] == ("LimitExceeded", 409)
    listed = iam.list_access_keys(UserName=name)["AccessKeyMetadata"]
    assert {k["AccessKeyId"] for k in listed} == {key["AccessKeyId"], second["AccessKeyId"]}
    assert all("SecretAccessKey" not in k for k in listed)
    # The new key authenticates (what it may do is the authorizer's business).
    sts = client_factory("sts", access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    assert sts.get_caller_identity()["Arn"] == f"arn:aws:iam::{account()}:user/{name}"
    iam.update_access_key(UserName=name, AccessKeyId=key["AccessKeyId"], Status="Inactive")
    assert {k["AccessKeyId"]: k["Status"] for k in iam.list_access_keys(UserName=name)["AccessKeyMetadata"]}[key["AccessKeyId"]] == "Inactive"
    assert error_of(sts.get_caller_identity)[0] == "InvalidClientTokenId"
    assert error_of(iam.update_access_key, UserName=name, AccessKeyId="AKIANOSUCHKEY0000000", Status="Active")[:2] == ("NoSuchEntity", 404)
    iam.delete_access_key(UserName=name, AccessKeyId=key["AccessKeyId"])
    iam.delete_access_key(UserName=name, AccessKeyId=second["AccessKeyId"])
    assert error_of(iam.delete_access_key, UserName=name, AccessKeyId=key["AccessKeyId"])[0] == "NoSuchEntity"
    assert error_of(iam.create_access_key, UserName=name + "nobody")[:2] == ("NoSuchEntity", 404)
    iam.delete_user(UserName=name)


def test_root_lists_its_own_keys_without_user_name(iam):
    keys = iam.list_access_keys()["AccessKeyMetadata"]
    assert os.environ["AWS_ACCESS_KEY_ID"] in [k["AccessKeyId"] for k in keys]


def test_aws_cli_iam_round_trip(endpoint, name):
    import subprocess

    env = {**os.environ, "AWS_DEFAULT_REGION": "us-east-1"}
    def cli(*args):
        out = subprocess.run(["aws", "iam", *args, "--endpoint-url", endpoint, "--output", "json"], capture_output=True, text=True, env=env)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout) if out.stdout.strip() else None
    assert cli("create-user", "--user-name", name)["User"]["UserName"] == name
    assert name in [u["UserName"] for u in cli("list-users")["Users"]]
    cli("delete-user", "--user-name", name)


def test_entities_for_policy_account_summary_and_role_description(client_factory):
    from cairn_rest import create_tenant
    _, key, secret = create_tenant("iam-summary")
    iam = client_factory("iam", access_key=key, secret_key=secret)
    before = iam.get_account_summary()["SummaryMap"]
    assert before["Users"] == 0 and before["Roles"] == 0 and before["UsersQuota"] == 5000 and before["AccountAccessKeysPresent"] == 1
    arn = iam.create_policy(PolicyName="reader", PolicyDocument=json.dumps(READ))["Policy"]["Arn"]
    iam.create_user(UserName="ann", Path="/team/")
    iam.create_user(UserName="bob")
    iam.create_group(GroupName="readers")
    iam.create_role(RoleName="ci", AssumeRolePolicyDocument=json.dumps(TRUST))
    for call, kw in ((iam.attach_user_policy, {"UserName": "ann"}), (iam.attach_user_policy, {"UserName": "bob"}),
                     (iam.attach_group_policy, {"GroupName": "readers"}), (iam.attach_role_policy, {"RoleName": "ci"})):
        call(PolicyArn=arn, **kw)
    iam.put_user_permissions_boundary(UserName="bob", PermissionsBoundary=arn)
    everyone = iam.list_entities_for_policy(PolicyArn=arn)
    assert [u["UserName"] for u in everyone["PolicyUsers"]] == ["ann", "bob"]
    assert [g["GroupName"] for g in everyone["PolicyGroups"]] == ["readers"] and [r["RoleName"] for r in everyone["PolicyRoles"]] == ["ci"]
    assert iam.list_entities_for_policy(PolicyArn=arn, EntityFilter="Role")["PolicyUsers"] == []
    assert [u["UserName"] for u in iam.list_entities_for_policy(PolicyArn=arn, PathPrefix="/team/")["PolicyUsers"]] == ["ann"]
    bounded = iam.list_entities_for_policy(PolicyArn=arn, PolicyUsageFilter="PermissionsBoundary")
    assert [u["UserName"] for u in bounded["PolicyUsers"]] == ["bob"] and bounded["PolicyGroups"] == []
    paged = iam.get_paginator("list_entities_for_policy").paginate(PolicyArn=arn, PaginationConfig={"PageSize": 1})
    assert sum(len(p["PolicyUsers"]) + len(p["PolicyGroups"]) + len(p["PolicyRoles"]) for p in paged) == 4
    with pytest.raises(botocore.exceptions.ClientError) as e:
        iam.list_entities_for_policy(PolicyArn=arn, EntityFilter="Robot")
    assert e.value.response["Error"]["Code"] == "ValidationError"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        iam.list_entities_for_policy(PolicyArn=arn.replace("reader", "nobody"))
    assert e.value.response["Error"]["Code"] == "NoSuchEntity"
    after = iam.get_account_summary()["SummaryMap"]
    assert (after["Users"], after["Groups"], after["Roles"], after["Policies"]) == (2, 1, 1, 1)
    role = iam.update_role_description(RoleName="ci", Description="deploys")["Role"]
    assert role["RoleName"] == "ci" and role["Description"] == "deploys"
    assert iam.get_role(RoleName="ci")["Role"]["Description"] == "deploys"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        iam.update_role_description(RoleName="nobody", Description="x")
    assert e.value.response["Error"]["Code"] == "NoSuchEntity"


def test_account_alias_is_one_per_account_and_unique_across_accounts(client_factory):
    from cairn_rest import create_tenant

    def iam_of(name):
        _, key, secret = create_tenant(name)
        return client_factory("iam", access_key=key, secret_key=secret)

    first, second = iam_of("alias-a"), iam_of("alias-b")
    name = f"acme-{uuid.uuid4().hex[:8]}"
    assert first.list_account_aliases()["AccountAliases"] == []
    first.create_account_alias(AccountAlias=name)
    assert first.list_account_aliases()["AccountAliases"] == [name]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        second.create_account_alias(AccountAlias=name)
    assert e.value.response["Error"]["Code"] == "EntityAlreadyExists"
    # A new alias replaces the account's old one, which is free again.
    first.create_account_alias(AccountAlias=name + "-2")
    assert first.list_account_aliases()["AccountAliases"] == [name + "-2"]
    second.create_account_alias(AccountAlias=name)
    for bad in ["Upper-case", "double--hyphen", "-edge", "edge-", "under_score"]:
        with pytest.raises(botocore.exceptions.ClientError) as e:
            first.create_account_alias(AccountAlias=bad)
        assert e.value.response["Error"]["Code"] == "ValidationError", bad
    with pytest.raises(botocore.exceptions.ClientError) as e:
        first.delete_account_alias(AccountAlias=name)
    assert e.value.response["Error"]["Code"] == "NoSuchEntity"
    first.delete_account_alias(AccountAlias=name + "-2")
    assert first.list_account_aliases()["AccountAliases"] == []
    assert second.list_account_aliases()["AccountAliases"] == [name]


def test_passwords_follow_the_accounts_policy_and_users_change_their_own(client_factory):
    from cairn_rest import create_tenant
    account, key, secret = create_tenant("passwords")
    iam = client_factory("iam", access_key=key, secret_key=secret)
    assert error_of(iam.get_account_password_policy)[0] == "NoSuchEntity"
    iam.update_account_password_policy(MinimumPasswordLength=10, RequireNumbers=True, AllowUsersToChangePassword=True,
                                       PasswordReusePrevention=1)
    policy = iam.get_account_password_policy()["PasswordPolicy"]
    assert policy["MinimumPasswordLength"] == 10 and policy["RequireNumbers"] and not policy["ExpirePasswords"]
    iam.create_user(UserName="dana")
    code, status, _ = error_of(iam.create_login_profile, UserName="dana", Password="no-digits-here")
    assert (code, status) == ("PasswordPolicyViolation", 400)
    profile = iam.create_login_profile(UserName="dana", Password="with-digit-1", PasswordResetRequired=True)["LoginProfile"]
    assert profile["UserName"] == "dana" and profile["PasswordResetRequired"] is True
    assert error_of(iam.delete_user, UserName="dana")[0] == "DeleteConflict"
    k = iam.create_access_key(UserName="dana")["AccessKey"]
    dana = client_factory("iam", access_key=k["AccessKeyId"], secret_key=k["SecretAccessKey"])
    assert error_of(dana.change_password, OldPassword="with-digit-1", NewPassword="with-digit-1")[0] == "PasswordPolicyViolation"
    dana.change_password(OldPassword="with-digit-1", NewPassword="another-digit-2")
    assert error_of(dana.change_password, OldPassword="with-digit-1", NewPassword="third-digit-3")[1] == 400
    assert iam.get_login_profile(UserName="dana")["LoginProfile"]["PasswordResetRequired"] is False
    iam.delete_login_profile(UserName="dana")
    iam.delete_account_password_policy()
