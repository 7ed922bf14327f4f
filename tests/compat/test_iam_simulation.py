"""IAM's policy simulator through boto3 and the aws CLI, as policy-as-code pipelines call it:
SimulateCustomPolicy, SimulatePrincipalPolicy and GetContextKeysFor*Policy over the Query protocol."""
import json
import os
import subprocess
import uuid

import botocore.exceptions
import pytest

ADMIN = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
S3_NO_DELETE = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "Read", "Effect": "Allow", "Action": ["s3:Get*", "s3:List*"], "Resource": "*"},
        {"Sid": "Keep", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::keep"},
    ],
}
MFA_ONLY = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "ec2:StopInstances", "Resource": "*",
                   "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}],
}


@pytest.fixture()
def iam(client_factory):
    return client_factory("iam")


@pytest.fixture()
def name():
    return "s" + uuid.uuid4().hex[:10]


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call(**kwargs)
    return e.value.response["Error"]["Code"], e.value.response["ResponseMetadata"]["HTTPStatusCode"]


def account():
    return os.environ["CAIRN_OPERATOR_ACCOUNT"]


def by_pair(results):
    return {(r["EvalActionName"], r["EvalResourceName"]): r for r in results}


def test_custom_policy_evaluates_every_action_against_every_resource(iam):
    out = iam.simulate_custom_policy(
        PolicyInputList=[json.dumps(S3_NO_DELETE, indent=2)],
        ActionNames=["s3:GetObject", "s3:DeleteBucket", "iam:ListUsers"],
        ResourceArns=["arn:aws:s3:::keep", "arn:aws:s3:::other"],
    )
    results = by_pair(out["EvaluationResults"])
    assert len(results) == 6 and out["IsTruncated"] is False
    get = results[("s3:GetObject", "arn:aws:s3:::keep")]
    assert get["EvalDecision"] == "allowed"
    statement = get["MatchedStatements"][0]
    assert statement["SourcePolicyId"] == "PolicyInputList.1"
    assert statement["SourcePolicyType"] == "IAM Policy"
    # json.dumps(indent=2): "Statement": [ ends line 3 at column 16; the first statement closes on line 12.
    assert statement["StartPosition"] == {"Line": 3, "Column": 17}
    assert statement["EndPosition"] == {"Line": 12, "Column": 6}
    assert get["ResourceSpecificResults"][0]["EvalResourceDecision"] == "allowed"
    assert get["EvalDecisionDetails"] == {}
    assert results[("s3:DeleteBucket", "arn:aws:s3:::keep")]["EvalDecision"] == "explicitDeny"
    assert [s["StartPosition"]["Line"] for s in results[("s3:DeleteBucket", "arn:aws:s3:::keep")]["MatchedStatements"]] == [12]
    assert results[("s3:DeleteBucket", "arn:aws:s3:::other")]["EvalDecision"] == "implicitDeny"
    assert results[("iam:ListUsers", "arn:aws:s3:::other")]["MatchedStatements"] == []


def test_missing_context_values_and_context_entries(iam):
    policy = json.dumps(MFA_ONLY)
    out = iam.simulate_custom_policy(PolicyInputList=[policy], ActionNames=["ec2:StopInstances"])
    result = out["EvaluationResults"][0]
    assert result["EvalResourceName"] == "*"
    assert result["EvalDecision"] == "implicitDeny"
    assert result["MissingContextValues"] == ["aws:MultiFactorAuthPresent"]
    assert "ResourceSpecificResults" not in result and "EvalDecisionDetails" not in result
    out = iam.simulate_custom_policy(
        PolicyInputList=[policy], ActionNames=["ec2:StopInstances"],
        ContextEntries=[{"ContextKeyName": "aws:MultiFactorAuthPresent", "ContextKeyValues": ["true"], "ContextKeyType": "boolean"}])
    assert out["EvaluationResults"][0]["EvalDecision"] == "allowed"
    assert out["EvaluationResults"][0]["MissingContextValues"] == []


def test_results_page_with_marker_and_max_items(iam):
    actions = [f"s3:Get{n}" for n in ("Object", "Bucket", "Acl")]
    seen, marker = [], None
    while True:
        kwargs = {"Marker": marker} if marker else {}
        page = iam.simulate_custom_policy(PolicyInputList=[ADMIN], ActionNames=actions, MaxItems=2, **kwargs)
        seen += [r["EvalActionName"] for r in page["EvaluationResults"]]
        if not page["IsTruncated"]:
            break
        marker = page["Marker"]
    assert seen == actions
    paginated = iam.get_paginator("simulate_custom_policy").paginate(
        PolicyInputList=[ADMIN], ActionNames=actions, PaginationConfig={"PageSize": 1})
    assert [r["EvalActionName"] for p in paginated for r in p["EvaluationResults"]] == actions


def test_a_resource_policy_grants_across_accounts_with_the_details(iam):
    caller = f"arn:aws:iam::{account()}:user/alice"
    queue = "arn:aws:sqs:us-east-1:210987654321:jobs"
    grant = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": caller}, "Action": "sqs:SendMessage", "Resource": queue}]})
    identity = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]})
    without = iam.simulate_custom_policy(PolicyInputList=[identity], ActionNames=["sqs:SendMessage"], ResourceArns=[queue],
                                         CallerArn=caller)["EvaluationResults"][0]
    assert without["EvalDecision"] == "implicitDeny"
    assert without["EvalDecisionDetails"] == {"IAM Policy": "allowed", "Resource Policy": "implicitDeny"}
    with_policy = iam.simulate_custom_policy(PolicyInputList=[identity], ActionNames=["sqs:SendMessage"], ResourceArns=[queue],
                                             ResourcePolicy=grant, CallerArn=caller)["EvaluationResults"][0]
    assert with_policy["EvalDecision"] == "allowed"
    assert with_policy["EvalDecisionDetails"] == {"IAM Policy": "allowed", "Resource Policy": "allowed"}
    assert {s["SourcePolicyId"] for s in with_policy["MatchedStatements"]} == {"PolicyInputList.1", "ResourcePolicy"}


def test_principal_policy_reads_the_users_own_and_group_policies_and_boundary(iam, name):
    user = iam.create_user(UserName=name)["User"]
    iam.put_user_policy(UserName=name, PolicyName="inline-read", PolicyDocument=json.dumps(S3_NO_DELETE))
    iam.create_group(GroupName=name)
    iam.add_user_to_group(GroupName=name, UserName=name)
    policy = iam.create_policy(PolicyName=f"{name}-ec2", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}))["Policy"]
    iam.attach_group_policy(GroupName=name, PolicyArn=policy["Arn"])
    out = iam.simulate_principal_policy(PolicySourceArn=user["Arn"], ActionNames=["s3:ListBucket", "ec2:RunInstances", "iam:ListUsers"])
    results = {r["EvalActionName"]: r for r in out["EvaluationResults"]}
    assert results["s3:ListBucket"]["MatchedStatements"][0]["SourcePolicyId"] == f"user_{name}_inline-read"
    assert results["ec2:RunInstances"]["EvalDecision"] == "allowed"
    assert results["ec2:RunInstances"]["MatchedStatements"][0]["SourcePolicyId"] == f"{name}-ec2"
    assert results["iam:ListUsers"]["EvalDecision"] == "implicitDeny"
    assert "PermissionsBoundaryDecisionDetail" not in results["iam:ListUsers"]

    # A boundary passed in the request limits the simulated user as an attached one would.
    s3_only = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
    bounded = iam.simulate_principal_policy(
        PolicySourceArn=user["Arn"], ActionNames=["s3:ListBucket", "ec2:RunInstances"], PermissionsBoundaryPolicyInputList=[s3_only])
    results = {r["EvalActionName"]: r for r in bounded["EvaluationResults"]}
    assert results["s3:ListBucket"]["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": True}
    assert results["ec2:RunInstances"]["EvalDecision"] == "implicitDeny"
    assert results["ec2:RunInstances"]["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": False}

    # Extra identity policies join the stored ones, named by their place in PolicyInputList.
    extra = iam.simulate_principal_policy(PolicySourceArn=user["Arn"], ActionNames=["iam:ListUsers"], PolicyInputList=[ADMIN])
    assert extra["EvaluationResults"][0]["MatchedStatements"][0]["SourcePolicyId"] == "PolicyInputList.1"

    keys = iam.get_context_keys_for_principal_policy(PolicySourceArn=user["Arn"], PolicyInputList=[json.dumps(MFA_ONLY)])
    assert keys["ContextKeyNames"] == ["aws:MultiFactorAuthPresent"]
    group = iam.get_group(GroupName=name)["Group"]
    group_results = iam.simulate_principal_policy(PolicySourceArn=group["Arn"], ActionNames=["ec2:RunInstances", "s3:ListBucket"])
    assert [r["EvalDecision"] for r in group_results["EvaluationResults"]] == ["allowed", "implicitDeny"]


def test_context_keys_for_a_custom_policy_in_document_order(iam):
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}",
        "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2015-08-16T12:00:00Z"}}}]})
    assert iam.get_context_keys_for_custom_policy(PolicyInputList=[policy])["ContextKeyNames"] == ["aws:username", "aws:CurrentTime"]


def test_bad_simulations_are_refused_in_iams_words(iam):
    arn = f"arn:aws:iam::{account()}:user/nobody-{uuid.uuid4().hex[:6]}"
    assert error_of(iam.simulate_principal_policy, PolicySourceArn=arn, ActionNames=["s3:GetObject"]) == ("NoSuchEntity", 404)
    assert error_of(iam.simulate_custom_policy, PolicyInputList=['{"Statement": 3}'], ActionNames=["s3:GetObject"]) == ("InvalidInput", 400)
    assert error_of(iam.simulate_custom_policy, PolicyInputList=[ADMIN], ActionNames=["s3:GetObject"],
                    ResourcePolicy=ADMIN.replace('"Effect"', '"Principal":"*","Effect"')) == ("InvalidInput", 400)
    assert error_of(iam.simulate_custom_policy, PolicyInputList=[ADMIN], ActionNames=["s3:GetObject"],
                    PermissionsBoundaryPolicyInputList=[ADMIN, ADMIN]) == ("InvalidInput", 400)
    assert error_of(iam.simulate_custom_policy, PolicyInputList=[ADMIN], ActionNames=["s3:GetObject"],
                    ContextEntries=[{"ContextKeyName": "aws:EpochTime", "ContextKeyValues": ["soon"], "ContextKeyType": "numeric"}]) \
        == ("InvalidInput", 400)
    assert error_of(iam.simulate_custom_policy, PolicyInputList=[ADMIN], ActionNames=["s3:GetObject"], Marker="not-a-marker")[1] == 400
    assert error_of(iam.get_context_keys_for_custom_policy, PolicyInputList=["not json"]) == ("InvalidInput", 400)


def test_the_aws_cli_runs_simulate_custom_policy(endpoint):
    out = subprocess.run(
        ["aws", "iam", "simulate-custom-policy", "--endpoint-url", endpoint, "--output", "json",
         "--policy-input-list", json.dumps(S3_NO_DELETE), "--action-names", "s3:GetObject", "s3:DeleteBucket",
         "--resource-arns", "arn:aws:s3:::keep"],
        capture_output=True, text=True, check=True)
    decisions = [r["EvalDecision"] for r in json.loads(out.stdout)["EvaluationResults"]]
    assert decisions == ["allowed", "explicitDeny"]
