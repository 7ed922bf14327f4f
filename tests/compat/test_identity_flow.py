"""Identity end to end with real clients: an IAM user's key, policies evaluated on every call, AssumeRole and
temporary credentials, as boto3 sees them."""
import json
import time
import uuid

import botocore.exceptions
import pytest


def doc(effect, action, resource="*"):
    return json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": effect, "Action": action, "Resource": resource}]})


@pytest.fixture
def names():
    tag = uuid.uuid4().hex[:8]
    return {"user": f"dev-{tag}", "role": f"deployer-{tag}"}


def test_user_is_denied_until_a_policy_allows_then_assumes_a_role(client_factory, names):
    iam = client_factory("iam")
    account = client_factory("sts").get_caller_identity()["Account"]
    user = iam.create_user(UserName=names["user"])["User"]
    key = iam.create_access_key(UserName=names["user"])["AccessKey"]
    as_user = lambda service: client_factory(service, access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])

    # Deny by default: no policy, no IAM read.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        as_user("iam").list_users()
    assert e.value.response["Error"]["Code"] == "AccessDenied"
    assert f"User: {user['Arn']} is not authorized to perform: iam:ListUsers" in e.value.response["Error"]["Message"]
    # GetCallerIdentity needs no permission.
    assert as_user("sts").get_caller_identity()["Arn"] == user["Arn"]

    # A policy takes effect on the next call, without a restart.
    iam.put_user_policy(UserName=names["user"], PolicyName="read", PolicyDocument=doc("Allow", ["iam:List*", "iam:Get*"]))
    assert any(u["UserName"] == names["user"] for u in as_user("iam").list_users()["Users"])

    # A role trusting the account needs the caller's sts:AssumeRole permission too.
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"}, "Action": "sts:AssumeRole"}]})
    role = iam.create_role(RoleName=names["role"], AssumeRolePolicyDocument=trust)["Role"]
    iam.put_role_policy(RoleName=names["role"], PolicyName="admin", PolicyDocument=doc("Allow", "*"))
    with pytest.raises(botocore.exceptions.ClientError) as e:
        as_user("sts").assume_role(RoleArn=role["Arn"], RoleSessionName="ci")
    assert e.value.response["Error"]["Code"] == "AccessDenied"
    iam.put_user_policy(UserName=names["user"], PolicyName="assume", PolicyDocument=doc("Allow", "sts:AssumeRole", role["Arn"]))
    creds = as_user("sts").assume_role(RoleArn=role["Arn"], RoleSessionName="ci", DurationSeconds=900)["Credentials"]
    assert creds["AccessKeyId"].startswith("ASIA")

    session = lambda service: client_factory(service, access_key=creds["AccessKeyId"], secret_key=creds["SecretAccessKey"],
                                             session_token=creds["SessionToken"])
    who = session("sts").get_caller_identity()
    assert who["Arn"] == f"arn:aws:sts::{account}:assumed-role/{names['role']}/ci"
    # The session acts with the role's permissions: it may create a user the user could not.
    session("iam").create_user(UserName=names["user"] + "-x")
    iam.delete_user(UserName=names["user"] + "-x")

    # A forged token is refused; a deleted role's sessions die with it.
    forged = client_factory("sts", access_key=creds["AccessKeyId"], secret_key=creds["SecretAccessKey"], session_token="forged")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        forged.get_caller_identity()
    assert e.value.response["Error"]["Code"] == "InvalidClientTokenId"
    iam.delete_role_policy(RoleName=names["role"], PolicyName="admin")
    iam.delete_role(RoleName=names["role"])
    with pytest.raises(botocore.exceptions.ClientError):
        session("sts").get_caller_identity()


def test_root_cannot_assume_roles(client_factory, names):
    iam = client_factory("iam")
    account = client_factory("sts").get_caller_identity()["Account"]
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"}, "Action": "sts:AssumeRole"}]})
    role = iam.create_role(RoleName=names["role"], AssumeRolePolicyDocument=trust)["Role"]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client_factory("sts").assume_role(RoleArn=role["Arn"], RoleSessionName="root")
    assert "Roles may not be assumed by root accounts." in e.value.response["Error"]["Message"]
    iam.delete_role(RoleName=names["role"])


def test_iam_calls_are_authorized_against_the_named_entity(client_factory, names):
    iam = client_factory("iam")
    account = client_factory("sts").get_caller_identity()["Account"]
    iam.create_user(UserName=names["user"])
    key = iam.create_access_key(UserName=names["user"])["AccessKey"]
    # May manage users named ci-*, and nothing else.
    iam.put_user_policy(UserName=names["user"], PolicyName="ci-users", PolicyDocument=doc(
        "Allow", ["iam:CreateUser", "iam:DeleteUser"], f"arn:aws:iam::{account}:user/ci-*"))
    scoped = client_factory("iam", access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    scoped.create_user(UserName="ci-builder")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        scoped.create_user(UserName="admin")
    assert e.value.response["Error"]["Code"] == "AccessDenied"
    assert f"on resource: arn:aws:iam::{account}:user/admin" in e.value.response["Error"]["Message"]
    scoped.delete_user(UserName="ci-builder")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        scoped.list_users()
    assert f"on resource: arn:aws:iam::{account}:user/" in e.value.response["Error"]["Message"]


def test_tag_conditions_on_iam_calls(client_factory, names):
    iam = client_factory("iam")
    iam.create_user(UserName=names["user"])
    key = iam.create_access_key(UserName=names["user"])["AccessKey"]
    # May create users only with team=ci, and delete only users tagged team=ci.
    iam.put_user_policy(UserName=names["user"], PolicyName="tags", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["iam:CreateUser", "iam:TagUser"], "Resource": "*",
             "Condition": {"StringEquals": {"aws:RequestTag/team": "ci"}}},
            {"Effect": "Allow", "Action": "iam:DeleteUser", "Resource": "*",
             "Condition": {"StringEquals": {"aws:ResourceTag/team": "ci"}}}]}))
    scoped = client_factory("iam", access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    scoped.create_user(UserName=names["user"] + "-ok", Tags=[{"Key": "team", "Value": "ci"}])
    with pytest.raises(botocore.exceptions.ClientError):
        scoped.create_user(UserName=names["user"] + "-no", Tags=[{"Key": "team", "Value": "ops"}])
    iam.create_user(UserName=names["user"] + "-ops", Tags=[{"Key": "team", "Value": "ops"}])
    with pytest.raises(botocore.exceptions.ClientError):
        scoped.delete_user(UserName=names["user"] + "-ops")
    scoped.delete_user(UserName=names["user"] + "-ok")
