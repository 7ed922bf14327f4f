"""Client-compatibility tests: real boto3 and aws CLI against a running Cairn.

The Swift test ClientCompatibilityTests starts `cairn serve` and runs this suite with CAIRN_ENDPOINT and the
operator's root credentials in the environment; to run it by hand, start a server and export the same.
"""
import os

import boto3
import pytest


@pytest.fixture(scope="session")
def endpoint():
    url = os.environ.get("CAIRN_ENDPOINT")
    if not url:
        pytest.fail("CAIRN_ENDPOINT is not set: start `cairn serve` and export CAIRN_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY")
    return url


@pytest.fixture(scope="session")
def region():
    return os.environ.get("AWS_DEFAULT_REGION", "us-east-1")


@pytest.fixture(scope="session")
def client_factory(endpoint, region):
    def make(service, access_key=None, secret_key=None, session_token=None, region_name=None):
        return boto3.client(
            service,
            endpoint_url=endpoint,
            region_name=region_name or region,
            aws_access_key_id=access_key or os.environ["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=secret_key or os.environ["AWS_SECRET_ACCESS_KEY"],
            aws_session_token=session_token,
        )

    return make
