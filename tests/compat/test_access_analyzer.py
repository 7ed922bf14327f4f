"""IAM Access Analyzer's ValidatePolicy through boto3's accessanalyzer client and the aws CLI (REST-JSON,
`POST /policy/validation`, signed for access-analyzer)."""
import json
import subprocess

import botocore.exceptions
import pytest

PRETTY = """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "",
      "Effect": "Allow",
      "Action": ["s3:GetObjekt", "iam:PassRole"],
      "Resource": "*"
    }
  ]
}"""


@pytest.fixture()
def aa(client_factory):
    return client_factory("accessanalyzer")


def test_validate_policy_reports_findings_with_locations(aa):
    findings = aa.validate_policy(policyDocument=PRETTY, policyType="IDENTITY_POLICY")["findings"]
    by_code = {f["issueCode"]: f for f in findings}
    assert set(by_code) == {"INVALID_ACTION", "PASS_ROLE_WITH_STAR_IN_RESOURCE", "EMPTY_SID_VALUE"}
    assert [f["findingType"] for f in findings] == ["ERROR", "SECURITY_WARNING", "SUGGESTION"]
    invalid = by_code["INVALID_ACTION"]
    assert invalid["locations"][0]["path"] == [{"value": "Statement"}, {"index": 0}, {"value": "Action"}, {"index": 0}]
    assert invalid["locations"][0]["span"]["start"] == {"line": 7, "column": 17, "offset": 111}
    assert "s3:GetObject" in invalid["findingDetails"]
    assert invalid["learnMoreLink"].startswith("https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#")
    assert aa.validate_policy(policyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}), policyType="IDENTITY_POLICY")["findings"] == []


def test_findings_page_and_policy_types_apply_their_own_rules(aa):
    pages = aa.get_paginator("validate_policy").paginate(policyDocument=PRETTY, policyType="IDENTITY_POLICY", PaginationConfig={"PageSize": 1})
    assert [f["issueCode"] for p in pages for f in p["findings"]] == ["INVALID_ACTION", "PASS_ROLE_WITH_STAR_IN_RESOURCE", "EMPTY_SID_VALUE"]
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]})
    codes = [f["issueCode"] for f in aa.validate_policy(policyDocument=trust, policyType="RESOURCE_POLICY",
                                                        validatePolicyResourceType="AWS::IAM::AssumeRolePolicyDocument")["findings"]]
    assert codes == ["ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"]
    scp = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Principal": "*"}]})
    assert [f["issueCode"] for f in aa.validate_policy(policyDocument=scp, policyType="SERVICE_CONTROL_POLICY")["findings"]] == [
        "SCP_SYNTAX_ERROR_PRINCIPAL"]


def test_bad_requests_are_validation_errors(aa):
    def code(**kwargs):
        with pytest.raises(botocore.exceptions.ClientError) as e:
            aa.validate_policy(**kwargs)
        return e.value.response["Error"]["Code"], e.value.response["ResponseMetadata"]["HTTPStatusCode"]

    assert code(policyDocument=PRETTY, policyType="NOT_A_TYPE") == ("ValidationException", 400)
    with pytest.raises(botocore.exceptions.ClientError) as e:
        aa.validate_policy(policyDocument=PRETTY, policyType="NOT_A_TYPE")
    assert e.value.response.get("reason") == "fieldValidationFailed", e.value.response
    assert code(policyDocument=PRETTY, policyType="IDENTITY_POLICY", validatePolicyResourceType="AWS::S3::Bucket") == ("ValidationException", 400)
    assert code(policyDocument=PRETTY, policyType="IDENTITY_POLICY", locale="XX") == ("ValidationException", 400)
    assert code(policyDocument=PRETTY, policyType="IDENTITY_POLICY", nextToken="forged") == ("ValidationException", 400)
    # A document that is not JSON is a finding, not a refusal: pipelines read it like any other.
    findings = aa.validate_policy(policyDocument="{not json", policyType="IDENTITY_POLICY")["findings"]
    assert [f["issueCode"] for f in findings] == ["JSON_SYNTAX_ERROR"]


def test_the_aws_cli_runs_validate_policy(endpoint):
    out = subprocess.run(
        ["aws", "accessanalyzer", "validate-policy", "--endpoint-url", endpoint, "--output", "json",
         "--policy-document", PRETTY, "--policy-type", "IDENTITY_POLICY"],
        capture_output=True, text=True, check=True)
    assert [f["issueCode"] for f in json.loads(out.stdout)["findings"]][0] == "INVALID_ACTION"


REFERENCE = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"},
    {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]})


def test_check_no_new_access(aa):
    narrow = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
    passed = aa.check_no_new_access(newPolicyDocument=narrow, existingPolicyDocument=REFERENCE, policyType="IDENTITY_POLICY")
    assert passed["result"] == "PASS" and passed["reasons"] == []
    escalates = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
        {"Sid": "Escalate", "Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]})
    failed = aa.check_no_new_access(newPolicyDocument=escalates, existingPolicyDocument=REFERENCE, policyType="IDENTITY_POLICY")
    assert failed["result"] == "FAIL"
    assert failed["message"] == "The modified permissions grant new access compared to your existing policy."
    assert failed["reasons"] == [{"description": "New access in the statement with index: 1.", "statementIndex": 1, "statementId": "Escalate"}]


def test_check_access_not_granted(aa):
    policy = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
        {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]})
    ok = aa.check_access_not_granted(policyDocument=policy, access=[{"actions": ["s3:DeleteBucket"]}], policyType="IDENTITY_POLICY")
    assert ok["result"] == "PASS"
    bad = aa.check_access_not_granted(policyDocument=policy, access=[{"actions": ["s3:PutBucketPolicy"]}], policyType="IDENTITY_POLICY")
    assert bad["result"] == "FAIL" and bad["reasons"][0]["statementIndex"] == 0


def test_custom_checks_refuse_bad_input(aa):
    def code(call, **kwargs):
        with pytest.raises(botocore.exceptions.ClientError) as e:
            call(**kwargs)
        return e.value.response["Error"]["Code"]

    assert code(aa.check_no_new_access, newPolicyDocument="{", existingPolicyDocument=REFERENCE,
                policyType="IDENTITY_POLICY") == "InvalidParameterException"
    assert code(aa.check_no_new_access, newPolicyDocument=REFERENCE, existingPolicyDocument=REFERENCE,
                policyType="SERVICE_CONTROL_POLICY") == "ValidationException"
    assert code(aa.check_access_not_granted, policyDocument=REFERENCE, access=[], policyType="IDENTITY_POLICY") == "ValidationException"
    assert code(aa.check_access_not_granted, policyDocument=REFERENCE, access=[{}], policyType="IDENTITY_POLICY") == "ValidationException"


def test_the_aws_cli_runs_check_no_new_access(endpoint):
    out = subprocess.run(
        ["aws", "accessanalyzer", "check-no-new-access", "--endpoint-url", endpoint, "--output", "json",
         "--new-policy-document", REFERENCE, "--existing-policy-document", REFERENCE, "--policy-type", "IDENTITY_POLICY"],
        capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["result"] == "PASS"


def test_check_no_public_access(aa):
    trust_anyone = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]})
    failed = aa.check_no_public_access(policyDocument=trust_anyone, resourceType="AWS::IAM::AssumeRolePolicyDocument")
    assert failed["result"] == "FAIL" and failed["reasons"][0]["statementIndex"] == 0
    org_only = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole",
         "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abcdef1234"}}}]})
    assert aa.check_no_public_access(policyDocument=org_only, resourceType="AWS::IAM::AssumeRolePolicyDocument")["result"] == "PASS"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        aa.check_no_public_access(policyDocument=org_only, resourceType="AWS::EC2::Instance")
    assert e.value.response["Error"]["Code"] == "ValidationException"
