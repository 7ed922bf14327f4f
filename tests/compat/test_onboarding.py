"""Tenant onboarding as automation does it: the management account creates a member account, assumes its
OrganizationAccountAccessRole and acts inside it; SCPs then govern what the member can do."""
import json
import time
import uuid

import botocore.exceptions
import pytest

from cairn_rest import create_tenant, tenant_client
from oidc_idp import IdentityProvider


def test_create_member_assume_its_access_role_and_act_inside(client_factory):
    tenant = create_tenant("onboard")
    management_id = tenant[0]
    orgs = tenant_client(client_factory, "organizations", tenant)
    iam = tenant_client(client_factory, "iam", tenant)
    orgs.create_organization(FeatureSet="ALL")

    status = orgs.create_account(Email=f"app-{uuid.uuid4().hex[:8]}@tenants.example", AccountName="app")["CreateAccountStatus"]
    member = orgs.describe_create_account_status(CreateAccountRequestId=status["Id"])["CreateAccountStatus"]["AccountId"]
    role_arn = f"arn:aws:iam::{member}:role/OrganizationAccountAccessRole"

    # The account goes into the tenants' OU, and the management account's organization trail covers it from then on:
    # the member sees the trail, and cannot change it.
    root_id = orgs.list_roots()["Roots"][0]["Id"]
    ou = orgs.create_organizational_unit(ParentId=root_id, Name="tenants")["OrganizationalUnit"]["Id"]
    orgs.move_account(AccountId=member, SourceParentId=root_id, DestinationParentId=ou)
    assert [p["Id"] for p in orgs.list_parents(ChildId=member)["Parents"]] == [ou]
    orgs.enable_aws_service_access(ServicePrincipal="cloudtrail.amazonaws.com")
    trail = tenant_client(client_factory, "cloudtrail", tenant).create_trail(
        Name="org-audit", S3BucketName="cairn-trail-logs", IsOrganizationTrail=True, IsMultiRegionTrail=True)["TrailARN"]

    # Automation runs as an IAM user of the management account allowed to assume the access role.
    iam.create_user(UserName="automation")
    iam.put_user_policy(UserName="automation", PolicyName="assume", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/OrganizationAccountAccessRole"}]}))
    key = iam.create_access_key(UserName="automation")["AccessKey"]
    sts = client_factory("sts", access_key=key["AccessKeyId"], secret_key=key["SecretAccessKey"])
    creds = sts.assume_role(RoleArn=role_arn, RoleSessionName="onboarding")["Credentials"]
    inside = lambda service: client_factory(service, access_key=creds["AccessKeyId"], secret_key=creds["SecretAccessKey"],
                                            session_token=creds["SessionToken"])
    who = inside("sts").get_caller_identity()
    assert who["Account"] == member
    seen = {t["TrailARN"]: t for t in inside("cloudtrail").describe_trails()["trailList"]}
    assert seen[trail]["IsOrganizationTrail"] is True
    with pytest.raises(botocore.exceptions.ClientError):
        inside("cloudtrail").delete_trail(Name=trail)
    assert who["Arn"] == f"arn:aws:sts::{member}:assumed-role/OrganizationAccountAccessRole/onboarding"

    # Inside the member: the role administers the account.
    member_iam = inside("iam")
    member_iam.create_user(UserName="app-deployer")
    assert [u["UserName"] for u in member_iam.list_users()["Users"]] == ["app-deployer"]

    # The management account's own users are not visible from the member, and vice versa.
    assert "automation" not in [u["UserName"] for u in member_iam.list_users()["Users"]]
    assert "app-deployer" not in [u["UserName"] for u in iam.list_users()["Users"]]

    # The member's CI role trusts the CI system's OpenID Connect provider for one repository; a pipeline run
    # federates in with its token (no AWS credentials), and its session acts as the role.
    idp = IdentityProvider()
    try:
        member_iam.create_open_id_connect_provider(Url=idp.issuer, ClientIDList=["sts.amazonaws.com"], ThumbprintList=[idp.thumbprint])
        member_iam.create_role(RoleName="ci-deploy", AssumeRolePolicyDocument=idp.trust_policy(member, sub="repo:tenants/app:*"))
        member_iam.put_role_policy(RoleName="ci-deploy", PolicyName="read-iam", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"}]}))
        ci = client_factory("sts").assume_role_with_web_identity(
            RoleArn=f"arn:aws:iam::{member}:role/ci-deploy", RoleSessionName="pipeline-1", WebIdentityToken=idp.token())
        c = ci["Credentials"]
        ci_iam = client_factory("iam", access_key=c["AccessKeyId"], secret_key=c["SecretAccessKey"], session_token=c["SessionToken"])
        assert "app-deployer" in [u["UserName"] for u in ci_iam.list_users()["Users"]]
        with pytest.raises(botocore.exceptions.ClientError) as e:
            ci_iam.create_user(UserName="not-from-ci")
        assert e.value.response["Error"]["Code"] == "AccessDenied"
        with pytest.raises(botocore.exceptions.ClientError) as e:
            client_factory("sts").assume_role_with_web_identity(
                RoleArn=f"arn:aws:iam::{member}:role/ci-deploy", RoleSessionName="fork",
                WebIdentityToken=idp.token(sub="repo:attacker/fork:ref:refs/heads/main"))
        assert e.value.response["Error"]["Code"] == "AccessDenied"
    finally:
        idp.close()

    # An SCP at the root denying iam:CreateUser stops the member's session, not the management account.
    root_id = orgs.list_roots()["Roots"][0]["Id"]
    orgs.enable_policy_type(RootId=root_id, PolicyType="SERVICE_CONTROL_POLICY")
    scp = orgs.create_policy(Name="NoNewUsers", Description="d", Type="SERVICE_CONTROL_POLICY", Content=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}]}))
    orgs.attach_policy(PolicyId=scp["Policy"]["PolicySummary"]["Id"], TargetId=root_id)
    with pytest.raises(botocore.exceptions.ClientError) as e:
        member_iam.create_user(UserName="blocked")
    assert e.value.response["Error"]["Code"] == "AccessDenied"
    assert "service control policy" in e.value.response["Error"]["Message"]
    iam.create_user(UserName="still-allowed")

    # A different user without the permission cannot assume the role.
    iam.create_user(UserName="intern")
    intern_key = iam.create_access_key(UserName="intern")["AccessKey"]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client_factory("sts", access_key=intern_key["AccessKeyId"], secret_key=intern_key["SecretAccessKey"]).assume_role(
            RoleArn=role_arn, RoleSessionName="nope")
    assert e.value.response["Error"]["Code"] == "AccessDenied"
    assert management_id != member

    # Offboarding: the management account closes the member. Its session stops working at once; the account stays
    # in the organization, PENDING_CLOSURE and then CLOSED, and what it did stays in the management account's view.
    orgs.close_account(AccountId=member)
    with pytest.raises(botocore.exceptions.ClientError) as e:
        member_iam.list_users()
    assert e.value.response["Error"]["Code"] == "AccountSuspendedException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        inside("sts").get_caller_identity()
    assert e.value.response["Error"]["Code"] == "AccountSuspendedException"
    deadline = time.time() + 20
    while orgs.describe_account(AccountId=member)["Account"]["State"] != "CLOSED" and time.time() < deadline:
        time.sleep(0.5)
    assert orgs.describe_account(AccountId=member)["Account"]["State"] == "CLOSED"
