"""Virtual MFA devices (issue 16) with boto3 and the aws CLI: a device's seed and QR code (read back with zbarimg,
as a phone's camera would), enabling it with two codes from an independent RFC 6238 implementation, and the
MFA-authenticated sessions its codes buy — GetSessionToken and AssumeRole against a trust policy that requires MFA."""
import base64
import json
import os
import subprocess
import tempfile

import botocore.exceptions
import pytest

import mfa_codes
from cairn_rest import create_tenant


@pytest.fixture(scope="module")
def tenant(client_factory):
    account, key, secret = create_tenant("mfa")
    return account, key, secret, lambda service, **kw: client_factory(service, access_key=kw.get("key", key),
                                                                      secret_key=kw.get("secret", secret),
                                                                      session_token=kw.get("token"))


def user_with_key(iam, name, policies):
    iam.create_user(UserName=name)
    for i, doc in enumerate(policies):
        iam.put_user_policy(UserName=name, PolicyName=f"p{i}", PolicyDocument=json.dumps(doc))
    return iam.create_access_key(UserName=name)["AccessKey"]


def test_the_cli_writes_the_qr_code_and_the_seed_and_the_qr_code_holds_the_seed(tenant, tmp_path):
    account, key, secret, _ = tenant
    env = dict(os.environ, AWS_ACCESS_KEY_ID=key, AWS_SECRET_ACCESS_KEY=secret)
    common = ["--endpoint-url", os.environ["CAIRN_ENDPOINT"], "--output", "json"]
    qr, seed_file = tmp_path / "qr.png", tmp_path / "seed.txt"
    out = subprocess.run(["aws", "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "cli-phone", "--outfile", str(qr),
                          "--bootstrap-method", "QRCodePNG"] + common, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    serial = json.loads(out.stdout)["VirtualMFADevice"]["SerialNumber"]
    assert serial == f"arn:aws:iam::{account}:mfa/cli-phone"
    assert qr.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    scanned = subprocess.run(["zbarimg", "--raw", "-q", str(qr)], capture_output=True, text=True, timeout=60)
    assert scanned.returncode == 0, f"zbarimg read no QR code: {scanned.returncode}"
    uri = scanned.stdout.strip()
    assert uri.startswith(f"otpauth://totp/cli-phone@{account}?secret="), uri
    seed = uri.split("secret=")[1]
    assert len(seed) == 64

    out = subprocess.run(["aws", "iam", "create-virtual-mfa-device", "--virtual-mfa-device-name", "cli-token", "--outfile",
                          str(seed_file), "--bootstrap-method", "Base32StringSeed"] + common, env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert len(seed_file.read_text().strip()) == 64
    out = subprocess.run(["aws", "iam", "list-virtual-mfa-devices", "--assignment-status", "Unassigned"] + common, env=env,
                         capture_output=True, text=True, timeout=60)
    serials = [d["SerialNumber"] for d in json.loads(out.stdout)["VirtualMFADevices"]]
    assert serial in serials and f"arn:aws:iam::{account}:mfa/cli-token" in serials


def test_a_device_is_enabled_with_two_codes_and_its_codes_make_mfa_sessions(tenant):
    account, _, _, client = tenant
    iam = client("iam")
    admin = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    mfa_only = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "iam:ListUsers", "Resource": "*",
                                                        "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}
    k = user_with_key(iam, "mfa-ana", [admin, mfa_only])
    created = iam.create_virtual_mfa_device(VirtualMFADeviceName="ana-phone", Tags=[{"Key": "team", "Value": "ops"}])["VirtualMFADevice"]
    serial, seed = created["SerialNumber"], created["Base32StringSeed"]
    assert isinstance(seed, bytes) and len(seed) == 64 and created["QRCodePNG"][:4] == b"\x89PNG"
    step = mfa_codes.now_step()
    with pytest.raises(botocore.exceptions.ClientError) as e:
        iam.enable_mfa_device(UserName="mfa-ana", SerialNumber=serial, AuthenticationCode1=mfa_codes.code(seed, step),
                              AuthenticationCode2=mfa_codes.code(seed, step))
    assert e.value.response["Error"]["Code"] == "InvalidAuthenticationCode"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        iam.enable_mfa_device(UserName="mfa-ana", SerialNumber=serial, AuthenticationCode1="12a456", AuthenticationCode2="123456")
    assert e.value.response["Error"]["Code"] in ("ValidationError", "ValidationException")
    # Two codes of the last two steps: the current step's and the next one's stay unspent for the two sign-ins below.
    iam.enable_mfa_device(UserName="mfa-ana", SerialNumber=serial, AuthenticationCode1=mfa_codes.code(seed, step - 2),
                          AuthenticationCode2=mfa_codes.code(seed, step - 1))
    devices = iam.list_mfa_devices(UserName="mfa-ana")["MFADevices"]
    assert [d["SerialNumber"] for d in devices] == [serial] and devices[0]["UserName"] == "mfa-ana"
    assert iam.get_mfa_device(SerialNumber=serial)["UserName"] == "mfa-ana"
    assert iam.list_mfa_device_tags(SerialNumber=serial)["Tags"] == [{"Key": "team", "Value": "ops"}]
    summary = iam.get_account_summary()["SummaryMap"]
    assert summary["MFADevicesInUse"] == 1 and summary["MFADevices"] >= 1

    as_ana = lambda service, **kw: client(service, key=k["AccessKeyId"], secret=k["SecretAccessKey"], **kw)
    with pytest.raises(botocore.exceptions.ClientError) as e:
        as_ana("iam").list_users()
    assert e.value.response["Error"]["Code"] == "AccessDenied", "the access key alone carries no MFA"
    creds = as_ana("sts").get_session_token(SerialNumber=serial, TokenCode=mfa_codes.code(seed, step), DurationSeconds=900)["Credentials"]
    session = lambda service: client(service, key=creds["AccessKeyId"], secret=creds["SecretAccessKey"], token=creds["SessionToken"])
    assert any(u["UserName"] == "mfa-ana" for u in session("iam").list_users()["Users"])
    with pytest.raises(botocore.exceptions.ClientError) as e:
        as_ana("sts").get_session_token(SerialNumber=serial, TokenCode=mfa_codes.code(seed, step))
    assert e.value.response["Error"]["Code"] == "AccessDenied", "a code works once"

    # A role whose trust policy requires MFA: the CLI passes --serial-number and --token-code.
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:user/mfa-ana"},
                                                      "Action": "sts:AssumeRole",
                                                      "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}
    role = iam.create_role(RoleName="mfa-break-glass", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
    with pytest.raises(botocore.exceptions.ClientError) as e:
        as_ana("sts").assume_role(RoleArn=role, RoleSessionName="no-mfa")
    assert e.value.response["Error"]["Code"] == "AccessDenied"
    out = subprocess.run(["aws", "sts", "assume-role", "--role-arn", role, "--role-session-name", "with-mfa", "--serial-number", serial,
                          "--token-code", mfa_codes.code(seed, step + 1), "--endpoint-url", os.environ["CAIRN_ENDPOINT"], "--output", "json"],
                         env=dict(os.environ, AWS_ACCESS_KEY_ID=k["AccessKeyId"], AWS_SECRET_ACCESS_KEY=k["SecretAccessKey"]),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["AssumedRoleUser"]["Arn"].endswith(":assumed-role/mfa-break-glass/with-mfa")

    with pytest.raises(botocore.exceptions.ClientError) as e:
        iam.delete_virtual_mfa_device(SerialNumber=serial)
    assert e.value.response["Error"]["Code"] == "DeleteConflict"
    iam.deactivate_mfa_device(UserName="mfa-ana", SerialNumber=serial)
    iam.delete_virtual_mfa_device(SerialNumber=serial)
    with pytest.raises(botocore.exceptions.ClientError) as e:
        iam.get_mfa_device(SerialNumber=serial)
    assert e.value.response["Error"]["Code"] == "NoSuchEntity"
