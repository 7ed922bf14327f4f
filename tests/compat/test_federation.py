"""Federation through an OpenID Connect provider (issue 16), with boto3 and the aws CLI: IAM's provider operations,
and sts:AssumeRoleWithWebIdentity, which botocore sends unsigned, from a token of a TLS identity provider on loopback
trusted through its thumbprint."""
import json
import os
import subprocess

import botocore.exceptions
import pytest

from cairn_rest import create_tenant
from oidc_idp import IdentityProvider


@pytest.fixture(scope="module")
def idp():
    provider = IdentityProvider()
    yield provider
    provider.close()


@pytest.fixture(scope="module")
def tenant(client_factory):
    account, key, secret = create_tenant("federation")
    return account, lambda service: client_factory(service, access_key=key, secret_key=secret)


def test_a_provider_is_created_read_changed_and_deleted_as_iam_does_it(tenant):
    account, client = tenant
    iam = client("iam")
    arn = iam.create_open_id_connect_provider(
        Url="https://token.actions.githubusercontent.com", ClientIDList=["sts.amazonaws.com"],
        ThumbprintList=["6938fd4d98bab03faadb97b34396831e3780aea1"], Tags=[{"Key": "team", "Value": "ci"}])["OpenIDConnectProviderArn"]
    assert arn == f"arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com"
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert got["Url"] == "token.actions.githubusercontent.com" and got["ClientIDList"] == ["sts.amazonaws.com"]
    assert got["Tags"] == [{"Key": "team", "Value": "ci"}] and got["CreateDate"].year >= 2026
    assert {"Arn": arn} in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]
    iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="cairn")
    iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn, ClientID="sts.amazonaws.com")
    iam.update_open_id_connect_provider_thumbprint(OpenIDConnectProviderArn=arn, ThumbprintList=["a" * 40])
    iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=arn, Tags=[{"Key": "stage", "Value": "prod"}])
    iam.untag_open_id_connect_provider(OpenIDConnectProviderArn=arn, TagKeys=["team"])
    got = iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert got["ClientIDList"] == ["cairn"] and got["ThumbprintList"] == ["a" * 40]
    assert iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn)["Tags"] == [{"Key": "stage", "Value": "prod"}]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        iam.create_open_id_connect_provider(Url="https://token.actions.githubusercontent.com", ClientIDList=["x"])
    assert e.value.response["Error"]["Code"] == "EntityAlreadyExists"
    iam.delete_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    with pytest.raises(botocore.exceptions.ClientError) as e:
        iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
    assert e.value.response["Error"]["Code"] == "NoSuchEntity"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        iam.create_open_id_connect_provider(Url="http://plain.example.com", ClientIDList=["x"])
    assert e.value.response["Error"]["Code"] == "InvalidInput"


def test_a_ci_token_becomes_role_credentials_and_a_bad_one_does_not(tenant, idp, client_factory):
    account, client = tenant
    iam = client("iam")
    iam.create_open_id_connect_provider(Url=idp.issuer, ClientIDList=["sts.amazonaws.com"], ThumbprintList=[idp.thumbprint])
    iam.create_role(RoleName="gha-deployer", AssumeRolePolicyDocument=idp.trust_policy(account))
    role = f"arn:aws:iam::{account}:role/gha-deployer"
    sts = client_factory("sts")  # the call is unsigned: botocore sends no credentials for it
    answer = sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="run-42", WebIdentityToken=idp.token())
    assert answer["SubjectFromWebIdentityToken"] == "repo:tenants/app:ref:refs/heads/main"
    assert answer["Provider"] == idp.provider_arn(account) and answer["Audience"] == "sts.amazonaws.com"
    assert answer["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{account}:assumed-role/gha-deployer/run-42"
    c = answer["Credentials"]
    who = client_factory("sts", access_key=c["AccessKeyId"], secret_key=c["SecretAccessKey"], session_token=c["SessionToken"])
    assert who.get_caller_identity()["Arn"] == answer["AssumedRoleUser"]["Arn"]

    refusals = [
        (idp.token(sub="repo:someone/else:ref:refs/heads/main"), "AccessDenied"),
        (idp.token(aud="another-audience"), "InvalidIdentityToken"),
        (idp.token(exp=1), "ExpiredTokenException"),
        ("not-a-token", "InvalidIdentityToken"),
    ]
    for token, code in refusals:
        with pytest.raises(botocore.exceptions.ClientError) as e:
            sts.assume_role_with_web_identity(RoleArn=role, RoleSessionName="run-43", WebIdentityToken=token)
        assert e.value.response["Error"]["Code"] == code, (code, e.value.response["Error"])


def test_the_aws_cli_federates_in_with_a_token_file(tenant, idp, tmp_path):
    account, client = tenant
    client("iam").create_role(RoleName="cli-deployer", AssumeRolePolicyDocument=idp.trust_policy(account))
    token = tmp_path / "token"
    token.write_text(idp.token())
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE=str(tmp_path / "none"), AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "none"),
               AWS_ROLE_ARN=f"arn:aws:iam::{account}:role/cli-deployer", AWS_WEB_IDENTITY_TOKEN_FILE=str(token),
               AWS_ROLE_SESSION_NAME="cli-run", AWS_ENDPOINT_URL=os.environ["CAIRN_ENDPOINT"])
    out = subprocess.run(["aws", "sts", "get-caller-identity", "--output", "json"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["Arn"] == f"arn:aws:sts::{account}:assumed-role/cli-deployer/cli-run"


def test_session_and_federation_tokens_act_as_the_user_within_stss_limits(tenant, client_factory):
    account, client = tenant
    iam = client("iam")
    iam.create_user(UserName="broker")
    iam.put_user_policy(UserName="broker", PolicyName="all", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="broker")["AccessKey"]
    sts = client_factory("sts", access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    user_arn = f"arn:aws:iam::{account}:user/broker"

    c = sts.get_session_token(DurationSeconds=900)["Credentials"]
    assert c["AccessKeyId"].startswith("ASIA")
    own = lambda service: client_factory(service, access_key=c["AccessKeyId"], secret_key=c["SecretAccessKey"], session_token=c["SessionToken"])
    assert own("sts").get_caller_identity()["Arn"] == user_arn
    own("cloudtrail").describe_trails()
    with pytest.raises(botocore.exceptions.ClientError) as e:
        own("iam").list_users()
    assert e.value.response["Error"]["Code"] == "AccessDenied" and "MFA" in e.value.response["Error"]["Message"]

    fed = sts.get_federation_token(Name="alice", Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudtrail:DescribeTrails", "Resource": "*"}]}))
    assert fed["FederatedUser"] == {"FederatedUserId": f"{account}:alice", "Arn": f"arn:aws:sts::{account}:federated-user/alice"}
    f = fed["Credentials"]
    as_fed = lambda service: client_factory(service, access_key=f["AccessKeyId"], secret_key=f["SecretAccessKey"], session_token=f["SessionToken"])
    assert as_fed("sts").get_caller_identity()["Arn"] == fed["FederatedUser"]["Arn"]
    as_fed("cloudtrail").describe_trails()
    with pytest.raises(botocore.exceptions.ClientError) as e:
        as_fed("cloudtrail").list_trails()
    assert e.value.response["Error"]["Code"] == "AccessDeniedException"

    out = subprocess.run(["aws", "sts", "get-session-token", "--duration-seconds", "900", "--endpoint-url", os.environ["CAIRN_ENDPOINT"],
                          "--output", "json"],
                         env=dict(os.environ, AWS_ACCESS_KEY_ID=key["AccessKeyId"], AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"]),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["Credentials"]["AccessKeyId"].startswith("ASIA")
