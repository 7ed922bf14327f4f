"""Service-linked roles (issue 16) with boto3 and the aws CLI: made where AWS puts them, refused any change with IAM's
UnmodifiableEntity, and deleted through a deletion task whose status says why not while the service uses the role."""
import json
import os
import subprocess

import botocore.exceptions
import pytest

from cairn_rest import create_tenant


@pytest.fixture(scope="module")
def iam(client_factory):
    account, key, secret = create_tenant("slr")
    return account, key, secret, client_factory("iam", access_key=key, secret_key=secret)


def test_a_service_linked_role_is_made_protected_and_deleted(iam):
    account, key, secret, client = iam
    role = client.create_service_linked_role(AWSServiceName="organizations.amazonaws.com")["Role"]
    assert role["Arn"] == f"arn:aws:iam::{account}:role/aws-service-role/organizations.amazonaws.com/AWSServiceRoleForOrganizations"
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"] == {"Service": "organizations.amazonaws.com"}
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.put_role_policy(RoleName="AWSServiceRoleForOrganizations", PolicyName="more",
                               PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                                   {"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    assert e.value.response["Error"]["Code"] == "UnmodifiableEntity"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.delete_role(RoleName="AWSServiceRoleForOrganizations")
    assert e.value.response["Error"]["Code"] == "UnmodifiableEntity"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.create_service_linked_role(AWSServiceName="organizations.amazonaws.com")
    assert e.value.response["Error"]["Code"] == "InvalidInput"

    env = dict(os.environ, AWS_ACCESS_KEY_ID=key, AWS_SECRET_ACCESS_KEY=secret)
    out = subprocess.run(["aws", "iam", "delete-service-linked-role", "--role-name", "AWSServiceRoleForOrganizations",
                          "--endpoint-url", os.environ["CAIRN_ENDPOINT"], "--output", "json"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    task = json.loads(out.stdout)["DeletionTaskId"]
    status = client.get_service_linked_role_deletion_status(DeletionTaskId=task)
    assert status["Status"] == "SUCCEEDED", status
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.get_role(RoleName="AWSServiceRoleForOrganizations")
    assert e.value.response["Error"]["Code"] == "NoSuchEntity"
