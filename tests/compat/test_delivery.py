"""Trail delivery as AWS's own tools see it: log files and digests delivered to an S3-compatible bucket
(moto_server's S3), validated by `aws cloudtrail validate-logs`; and `cairn validate-logs` on a directory
bucket. The Swift test that runs this suite maps the bucket `validated-trail-logs` to moto_server and
delivers every second, with a digest every two seconds."""
import datetime
import gzip
import json
import os
import subprocess
import time

import boto3
import pytest

from trail_support import HOME, Account, Organization

S3_BUCKET = "validated-trail-logs"


def s3():
    endpoint = os.environ.get("CAIRN_S3_ENDPOINT")
    if not endpoint:
        pytest.fail("CAIRN_S3_ENDPOINT is not set: run moto_server and map validated-trail-logs to it (see ClientCompatibilityTests)")
    return boto3.client("s3", endpoint_url=endpoint, region_name=HOME, aws_access_key_id="testing", aws_secret_access_key="testing")


@pytest.fixture(scope="module")
def bucket():
    client = s3()
    try:
        client.create_bucket(Bucket=S3_BUCKET)
    except client.exceptions.BucketAlreadyOwnedByYou:
        pass
    return client


def wait_for(what, predicate, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}")


def keys(client, prefix):
    out = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=S3_BUCKET, Prefix=prefix):
        out += [o["Key"] for o in page.get("Contents", [])]
    return out


def cli(account, *args, extra_env=None):
    env = dict(os.environ)
    env.update({
        "AWS_ACCESS_KEY_ID": account.key, "AWS_SECRET_ACCESS_KEY": account.secret, "AWS_DEFAULT_REGION": HOME,
        "AWS_ENDPOINT_URL_S3": os.environ["CAIRN_S3_ENDPOINT"], "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    })
    env.update(extra_env or {})
    return subprocess.run(["aws", *args, "--endpoint-url", os.environ["CAIRN_ENDPOINT"]], env=env, capture_output=True, text=True, timeout=120)


def validated_trail(client_factory, bucket_name, name="validated"):
    """A tenant with a logging, validated trail that has made a few calls; returns (account, arn, prefix, start)."""
    account = Account(client_factory, "delivery")
    ct = account.ct()
    start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=2)
    prefix = f"tenant-{account.id}"
    arn = ct.create_trail(Name=name, S3BucketName=bucket_name, S3KeyPrefix=prefix, EnableLogFileValidation=True)["TrailARN"]
    ct.start_logging(Name=arn)
    for _ in range(3):
        ct.describe_trails()
        ct.get_trail_status(Name=arn)
    return account, arn, prefix, start


def test_aws_validate_logs_accepts_cairns_files_on_s3_and_finds_tampering(client_factory, bucket):
    account, arn, prefix, start = validated_trail(client_factory, S3_BUCKET)
    digest_prefix = f"{prefix}/AWSLogs/{account.id}/CloudTrail-Digest/{HOME}/"
    log_prefix = f"{prefix}/AWSLogs/{account.id}/CloudTrail/{HOME}/"
    wait_for("two digests", lambda: len(keys(bucket, digest_prefix)) >= 2)
    # The delivered records are CloudTrail's, including the calls above, each with its eventID.
    records = []
    for key in keys(bucket, log_prefix):
        assert key.endswith(".json.gz")
        records += json.loads(gzip.decompress(bucket.get_object(Bucket=S3_BUCKET, Key=key)["Body"].read()))["Records"]
    assert {"StartLogging", "DescribeTrails", "GetTrailStatus"} <= {r["eventName"] for r in records}
    assert all(r["recipientAccountId"] == account.id and r["eventID"] for r in records)
    digest = bucket.get_object(Bucket=S3_BUCKET, Key=keys(bucket, digest_prefix)[-1])
    assert digest["Metadata"]["signature-algorithm"] == "SHA256withRSA"

    status = account.ct().get_trail_status(Name=arn)
    assert "LatestDeliveryTime" in status and "LatestDigestDeliveryTime" in status and "LatestDeliveryError" not in status
    public = account.ct().list_public_keys()["PublicKeyList"]
    assert len(public) == 1 and public[0]["Fingerprint"] and public[0]["Value"]

    run = cli(account, "cloudtrail", "validate-logs", "--trail-arn", arn, "--start-time", start.strftime("%Y-%m-%dT%H:%M:%SZ"), "--verbose")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "INVALID" not in run.stdout
    assert "digest files valid" in run.stdout and "log files valid" in run.stdout, run.stdout

    # Change one listed log file: the CLI names it and fails.
    listed = json.loads(gzip.decompress(bucket.get_object(Bucket=S3_BUCKET, Key=keys(bucket, digest_prefix)[0])["Body"].read()))["logFiles"]
    assert listed, "the first digest lists the first log files"
    victim = listed[0]["s3Object"]
    bucket.put_object(Bucket=S3_BUCKET, Key=victim, Body=gzip.compress(b'{"Records":[]}'))
    run = cli(account, "cloudtrail", "validate-logs", "--trail-arn", arn, "--start-time", start.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"s3://{S3_BUCKET}/{victim}\tINVALID: hash value doesn't match" in run.stdout + run.stderr, run.stdout + run.stderr


def test_aws_validate_logs_checks_an_organization_trail_per_member_account(client_factory, bucket):
    org = Organization(client_factory)
    member = org.invite()
    ct = org.management.ct()
    start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=2)
    prefix = f"org-{org.id}"
    arn = ct.create_trail(Name="org-validated", S3BucketName=S3_BUCKET, S3KeyPrefix=prefix, IsOrganizationTrail=True,
                          IsMultiRegionTrail=True, EnableLogFileValidation=True)["TrailARN"]
    ct.start_logging(Name=arn)
    member.ct().describe_trails()
    member.ct().get_trail_status(Name=arn)
    member_digests = f"{prefix}/AWSLogs/{org.id}/{member.id}/CloudTrail-Digest/{HOME}/"
    wait_for("two digests of the member account", lambda: len(keys(bucket, member_digests)) >= 2)
    # The CLI finds the organization id itself (DescribeOrganization, through its own organizations client).
    run = cli(org.management, "cloudtrail", "validate-logs", "--trail-arn", arn, "--account-id", member.id,
              "--start-time", start.strftime("%Y-%m-%dT%H:%M:%SZ"),
              extra_env={"AWS_ENDPOINT_URL_ORGANIZATIONS": os.environ["CAIRN_ENDPOINT"]})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "INVALID" not in run.stdout and "digest files valid" in run.stdout, run.stdout
    # Without --account-id the CLI asks for it, as it does against AWS.
    run = cli(org.management, "cloudtrail", "validate-logs", "--trail-arn", arn, "--start-time", start.strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert run.returncode != 0 and "--account-id" in run.stderr, run.stdout + run.stderr


def test_cairn_validate_logs_checks_a_directory_bucket_offline(client_factory):
    account, arn, prefix, start = validated_trail(client_factory, "directory-trail-logs", name="local")
    root = os.path.join(os.environ["CAIRN_DATA_DIR"], "buckets", "directory-trail-logs", prefix, "AWSLogs", account.id)

    def digests():
        folder = os.path.join(root, "CloudTrail-Digest")
        return sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs if f.endswith(".json.gz")) if os.path.isdir(folder) else []

    wait_for("two digests in the directory bucket", lambda: len(digests()) >= 2)
    env = dict(os.environ)
    env.update({"DATABASE_URL": os.environ["CAIRN_DATABASE_URL"]})
    command = [os.environ["CAIRN_BIN"], "validate-logs", "--trail-arn", arn, "--start-time", start.strftime("%Y-%m-%dT%H:%M:%SZ")]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "INVALID" not in run.stdout and "digest files valid" in run.stdout, run.stdout

    # Delete the oldest digest's first log file: reported, exit status 1.
    with gzip.open(digests()[0]) as f:
        first = json.load(f)["logFiles"][0]["s3Object"]
    os.remove(os.path.join(os.environ["CAIRN_DATA_DIR"], "buckets", "directory-trail-logs", first))
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stdout + run.stderr
    assert f"Log file\tdirectory-trail-logs/{first}\tINVALID: not found" in run.stdout, run.stdout + run.stderr


def test_cairn_decrypt_opens_a_kms_trails_files(client_factory):
    account = Account(client_factory, "delivery")
    ct = account.ct()
    prefix = f"sealed-{account.id}"
    arn = ct.create_trail(Name="sealed", S3BucketName="directory-trail-logs", S3KeyPrefix=prefix, KmsKeyId="alias/audit")["TrailARN"]
    ct.start_logging(Name=arn)
    ct.describe_trails()
    root = os.path.join(os.environ["CAIRN_DATA_DIR"], "buckets", "directory-trail-logs", prefix)

    def logs():
        return [os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".json.gz") and "/CloudTrail/" in d + "/"]

    sealed = wait_for("an encrypted log file", logs)[0]
    with open(sealed, "rb") as f:
        assert f.read(17) == b"CAIRN-ENVELOPE-1\n"
    env = dict(os.environ)
    env.update({"DATABASE_URL": os.environ["CAIRN_DATABASE_URL"]})
    run = subprocess.run([os.environ["CAIRN_BIN"], "decrypt", sealed], env=env, capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr
    records = json.loads(gzip.decompress(run.stdout))["Records"]
    assert {"StartLogging"} <= {r["eventName"] for r in records} and all(r["recipientAccountId"] == account.id for r in records)
    # A file that is not Cairn's envelope is refused with a reason, not decrypted.
    plain = os.path.join(os.environ["CAIRN_DATA_DIR"], "not-sealed.json.gz")
    with open(plain, "wb") as f:
        f.write(gzip.compress(b"{}"))
    run = subprocess.run([os.environ["CAIRN_BIN"], "decrypt", plain], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "not encrypted by Cairn" in run.stderr, run.stderr
