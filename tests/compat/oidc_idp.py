"""An OpenID Connect identity provider on loopback, over real TLS, for the AssumeRoleWithWebIdentity tests: a CA and
a `localhost` certificate made fresh for each run (nothing stored), a discovery document, a JWK set with one RSA key,
and ID tokens signed with it, as a CI system's token service issues them."""
import base64
import datetime
import hashlib
import json
import os
import ssl
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _integer(n):
    return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))


class IdentityProvider:
    def __init__(self):
        now = datetime.datetime.now(datetime.timezone.utc)
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Cairn compat identity provider CA")])
        ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
              .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
              .not_valid_after(now + datetime.timedelta(days=1))
              .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
              .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                           data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
                                           encipher_only=False, decipher_only=False), critical=True)
              .sign(ca_key, hashes.SHA256()))
        leaf_key = ec.generate_private_key(ec.SECP256R1())
        leaf = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
                .issuer_name(ca_name).public_key(leaf_key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
                .sign(ca_key, hashes.SHA256()))
        self.thumbprint = hashlib.sha1(ca.public_bytes(serialization.Encoding.DER)).hexdigest()
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        numbers = self._key.public_key().public_numbers()
        self._jwks = json.dumps({"keys": [{"kty": "RSA", "kid": "compat-key", "use": "sig", "alg": "RS256",
                                           "n": _integer(numbers.n), "e": _integer(numbers.e)}]}).encode()
        self._dir = tempfile.mkdtemp(prefix="cairn-idp-")
        chain, key = os.path.join(self._dir, "chain.pem"), os.path.join(self._dir, "key.pem")
        with open(chain, "wb") as f:
            f.write(leaf.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM))
        with open(key, "wb") as f:
            f.write(leaf_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(chain, key)
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = provider._document(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.issuer = f"https://localhost:{self._server.server_address[1]}"
        self.identifier = self.issuer[len("https://"):]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def _document(self, path):
        if path == "/.well-known/openid-configuration":
            return json.dumps({"issuer": self.issuer, "jwks_uri": self.issuer + "/jwks",
                               "id_token_signing_alg_values_supported": ["RS256"]}).encode()
        return self._jwks if path == "/jwks" else None

    def token(self, **claims):
        """An ID token as GitHub Actions' token service writes one; `claims` replace the defaults."""
        now = int(time.time())
        body = {"iss": self.issuer, "aud": "sts.amazonaws.com", "sub": "repo:tenants/app:ref:refs/heads/main",
                "iat": now, "nbf": now - 5, "exp": now + 600, "repository": "tenants/app"}
        body.update(claims)
        header = {"alg": "RS256", "kid": "compat-key", "typ": "JWT"}
        signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(body).encode())
        signature = self._key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return signing_input + "." + b64url(signature)

    def provider_arn(self, account):
        return f"arn:aws:iam::{account}:oidc-provider/{self.identifier}"

    def trust_policy(self, account, sub="repo:tenants/app:*"):
        """A role trust policy for this provider's tokens of the given subject pattern, audience sts.amazonaws.com."""
        return json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Federated": self.provider_arn(account)},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {f"{self.identifier}:aud": "sts.amazonaws.com"},
                          "StringLike": {f"{self.identifier}:sub": sub}}}]})

    def close(self):
        self._server.shutdown()
