"""STS over the Query protocol and SigV4 refusals, as boto3 and the aws CLI see them."""
import json
import os
import subprocess

import botocore.exceptions
import pytest

from cairn_rest import create_tenant


def test_boto3_get_caller_identity_is_the_operator_root(client_factory):
    ident = client_factory("sts").get_caller_identity()
    assert ident["Account"] == os.environ["CAIRN_OPERATOR_ACCOUNT"]
    assert ident["Arn"] == f"arn:aws:iam::{ident['Account']}:root"
    assert ident["UserId"] == ident["Account"]
    assert ident["ResponseMetadata"]["RequestId"]


def test_aws_cli_get_caller_identity(endpoint):
    out = subprocess.run(
        ["aws", "sts", "get-caller-identity", "--endpoint-url", endpoint, "--output", "json"],
        capture_output=True, text=True, check=True, env={**os.environ, "AWS_DEFAULT_REGION": "us-east-1"},
    )
    assert json.loads(out.stdout)["Account"] == os.environ["CAIRN_OPERATOR_ACCOUNT"]


def test_get_access_key_info_names_the_owning_account_of_any_key_it_issued(client_factory):
    account, key, secret = create_tenant("keyinfo")
    operator = client_factory("sts")
    me = operator.get_caller_identity()["Account"]
    # Any caller may ask; the answer is the key's owner, not the caller.
    assert operator.get_access_key_info(AccessKeyId=key)["Account"] == account
    theirs = client_factory("sts", access_key=key, secret_key=secret)
    assert theirs.get_access_key_info(AccessKeyId=os.environ["AWS_ACCESS_KEY_ID"])["Account"] == me
    with pytest.raises(botocore.exceptions.ClientError) as e:
        operator.get_access_key_info(AccessKeyId="AKIANEVERISSUED00001")
    assert e.value.response["Error"]["Code"] == "InvalidParameterValue"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        operator.get_access_key_info(AccessKeyId="AKIA-NOT-A-VALID-KEY")
    assert e.value.response["Error"]["Code"] == "ValidationError"


def test_unknown_access_key_is_invalid_client_token_id(client_factory):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client_factory("sts", access_key="AKIANOSUCHKEY0000001", secret_key="x" * 40).get_caller_identity()
    assert e.value.response["Error"]["Code"] == "InvalidClientTokenId"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


def test_wrong_secret_is_signature_does_not_match(client_factory):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client_factory("sts", secret_key="y" * 40).get_caller_identity()
    assert e.value.response["Error"]["Code"] == "SignatureDoesNotMatch"


def test_unknown_region_is_refused(client_factory):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client_factory("sts", region_name="mars-north-1").get_caller_identity()
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] in (400, 403)


def test_json_protocol_errors_parse_in_botocore(client_factory):
    # An operation Cairn does not serve (GetEventConfiguration) is refused in the JSON 1.1 error shape.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client_factory("cloudtrail").get_event_configuration(TrailName="configured-trail")
    assert e.value.response["Error"]["Code"] == "UnknownOperationException"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert e.value.response["ResponseMetadata"]["RequestId"]


def test_presigned_get_caller_identity_url(client_factory, endpoint):
    import urllib.request

    url = client_factory("sts").generate_presigned_url("get_caller_identity", Params={}, ExpiresIn=60, HttpMethod="GET")
    with urllib.request.urlopen(url) as r:
        body = r.read().decode()
    assert "<GetCallerIdentityResult>" in body and os.environ["CAIRN_OPERATOR_ACCOUNT"] in body
