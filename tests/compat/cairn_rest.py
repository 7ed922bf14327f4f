"""Cairn's REST API from Python: SigV4-signed calls for the service name "cairn" (botocore's own signer), and
helpers that create standalone tenant accounts as the operator and hand back boto3 clients for them."""
import json
import os
import urllib.error
import urllib.request
import uuid

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def call(method, path, body=None, access_key=None, secret_key=None, region=None):
    """A signed REST call; returns (status, decoded JSON body)."""
    endpoint = os.environ["CAIRN_ENDPOINT"].rstrip("/")
    data = json.dumps(body).encode() if body is not None else b""
    headers = {"content-type": "application/json"} if body is not None else {}
    request = AWSRequest(method=method, url=endpoint + path, data=data, headers=headers)
    credentials = Credentials(access_key or os.environ["AWS_ACCESS_KEY_ID"], secret_key or os.environ["AWS_SECRET_ACCESS_KEY"])
    SigV4Auth(credentials, "cairn", region or os.environ.get("AWS_DEFAULT_REGION", "us-east-1")).add_auth(request)
    prepared = urllib.request.Request(request.url, data=data or None, method=method, headers=dict(request.headers))
    try:
        with urllib.request.urlopen(prepared) as r:
            text = r.read().decode()
            return r.status, json.loads(text) if text else {}
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        return e.code, json.loads(text) if text else {}


def create_tenant(prefix="tenant"):
    """A new standalone account, made by the operator; returns (account id, access key id, secret)."""
    name = f"{prefix}-{uuid.uuid4().hex[:8]}"
    status, body = call("POST", "/v1/accounts", {"name": name, "email": f"{name}@tenants.example"})
    assert status == 201, body
    keys = body["credentials"]
    return body["account"]["id"], keys["accessKeyId"], keys["secretAccessKey"]


def tenant_client(client_factory, service, tenant):
    _, key, secret = tenant
    return client_factory(service, access_key=key, secret_key=secret)
