#!/usr/bin/env python3
"""Writes SAML 2.0 fixtures for Cairn's tests into OUTPUT_DIR, signed by signxml (an XML-DSig implementation
independent of Cairn's), so the Swift verifier is checked against signatures it did not make.

Usage: saml_fixtures.py OUTPUT_DIR [ACCOUNT]
  ACCOUNT: the 12-digit account of the roles and the provider (ExampleIdP) the Role attributes name; 123456789012
  unless given (AssumeRoleWithSAML tests pass the account of the server they call).
Needs: pip install signxml cryptography   (signxml brings lxml)

Files written:
  metadata.xml                        the IdP's metadata (signing certificate of key.pem)
  valid-assertion-signed.xml          only the assertion signed (rsa-sha256, sha256)
  valid-response-signed.xml           only the Response signed; regional recipient and Destination
  valid-both-signed.xml               both signed; the assertion's signature uses InclusiveNamespaces PrefixList="xs",
                                      made with lxml's exclusive C14N and cryptography directly (signxml 5.2 writes
                                      no PrefixList on the Reference's transform yet digests with one)
  valid-sha1.xml                      assertion signed with rsa-sha1 and sha1 (as AD FS does by default)
  valid-comment-in-nameid.xml         a comment inserted into the NameID after signing (still valid; read whole)
  tampered-attribute.xml              a tag value changed after signing
  xsw-second-assertion.xml            an unsigned evil assertion added before the signed one
  xsw-duplicate-id.xml                evil assertion reusing the signed one's ID; the original moved to Extensions
  xsw-signature-transplant.xml        the signed assertion's Signature moved into an evil assertion
  xsw-wrapped-response.xml            the signed Response wrapped inside an evil unsigned Response
  unsigned.xml                        no signature at all
  expired.xml                         signed, but every NotOnOrAfter is an hour ago
  wrong-audience.xml                  signed, audience is another service provider
  wrong-recipient.xml                 signed, recipient is not an AWS sign-in endpoint
  wrong-key.xml                       signed with a key that is not in the metadata
  status-failure.xml                  signed Response whose status is Requester
  doctype-entity.xml                  a DOCTYPE declaring an entity that the document uses
  small-rsa-cert.pem, ec-cert.pem     certificates whose keys a SAML provider must not be created with
  session-1.xml … session-3.xml       valid, assertion signed, each with its own assertion ID (_session-N), for
                                      AssumeRoleWithSAML calls that must each succeed once
  role-not-granted.xml                valid, but its Role attribute grants only the role Other
"""

import base64
import copy
import datetime
import hashlib
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from signxml import XMLSigner

ISSUER = "https://idp.example.com/saml"
SAML = "urn:oasis:names:tc:SAML:2.0:assertion"
SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol"
DS = "http://www.w3.org/2000/09/xmldsig#"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
GLOBAL_ENDPOINT = "https://signin.aws.amazon.com/saml"
REGIONAL_ENDPOINT = "https://us-west-2.signin.aws.amazon.com/saml"
ACCOUNT = "123456789012"
PROVIDER_ARN = f"arn:aws:iam::{ACCOUNT}:saml-provider/ExampleIdP"


class SHA1Signer(XMLSigner):
    """signxml refuses SHA-1 by default; older IdPs still use it, so the fixture needs it."""

    def check_deprecated_methods(self):
        pass


def instant(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def make_key_and_certificate(common_name, key=None):
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM)


def pem_body(pem):
    return "".join(line for line in pem.decode().splitlines() if not line.startswith("-----"))


def metadata(certificate_pem, other_certificate_pem, now):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="{DS}"
    entityID="{ISSUER}" validUntil="{instant(now + datetime.timedelta(days=365))}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>
{pem_body(certificate_pem)}
      </ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:KeyDescriptor use="encryption">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>{pem_body(other_certificate_pem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
"""


def attribute(name, *values):
    rendered = "".join(f'<saml:AttributeValue xsi:type="xs:string">{value}</saml:AttributeValue>' for value in values)
    return f'<saml:Attribute Name="{name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">{rendered}</saml:Attribute>'


def assertion_xml(now, assertion_id="_assertion-1", *, name_id="alice@example.com", recipient=GLOBAL_ENDPOINT,
                  audience="urn:amazon:webservices", lifetime=datetime.timedelta(hours=1), role="Admin",
                  placeholder=True, grants_read_only=True):
    base = "https://aws.amazon.com/SAML/Attributes/"
    end = now + lifetime
    attributes = "".join([
        attribute(base + "Role", f"arn:aws:iam::{ACCOUNT}:role/{role},{PROVIDER_ARN}",
                  *([f"{PROVIDER_ARN},arn:aws:iam::{ACCOUNT}:role/ReadOnly"] if grants_read_only else [])),
        attribute(base + "RoleSessionName", "alice@example.com"),
        attribute(base + "SessionDuration", "7200"),
        attribute(base + "SourceIdentity", "alice"),
        attribute(base + "PrincipalTag:Department", "Engineering"),
        attribute(base + "PrincipalTag:CostCenter", "1234"),
        attribute(base + "TransitiveTagKeys", "Department"),
        attribute("urn:oid:2.5.4.3", "Zo\u00eb O'Brien &amp; &lt;Co&gt;"),
    ])
    signature = f'<ds:Signature xmlns:ds="{DS}" Id="placeholder"/>' if placeholder else ""
    return f"""<saml:Assertion xmlns:saml="{SAML}" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="{assertion_id}" IssueInstant="{instant(now)}" Version="2.0">
  <saml:Issuer>{ISSUER}</saml:Issuer>{signature}
  <saml:Subject>
    <saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">{name_id}</saml:NameID>
    <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
      <saml:SubjectConfirmationData NotOnOrAfter="{instant(end)}" Recipient="{recipient}"/>
    </saml:SubjectConfirmation>
  </saml:Subject>
  <saml:Conditions NotBefore="{instant(end - lifetime - datetime.timedelta(minutes=1))}" NotOnOrAfter="{instant(end)}">
    <saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>
  </saml:Conditions>
  <saml:AuthnStatement AuthnInstant="{instant(now)}" SessionIndex="_session-1" SessionNotOnOrAfter="{instant(now + datetime.timedelta(hours=8))}">
    <saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>
  </saml:AuthnStatement>
  <saml:AttributeStatement>{attributes}</saml:AttributeStatement>
</saml:Assertion>"""


def response_xml(now, assertion, *, response_id="_response-1", destination=GLOBAL_ENDPOINT, placeholder=False,
                 status="urn:oasis:names:tc:SAML:2.0:status:Success", extensions=""):
    signature = f'<ds:Signature xmlns:ds="{DS}" Id="placeholder"/>' if placeholder else ""
    return f"""<samlp:Response xmlns:samlp="{SAMLP}" xmlns:saml="{SAML}" ID="{response_id}" Version="2.0"
    IssueInstant="{instant(now)}" Destination="{destination}">
  <saml:Issuer>{ISSUER}</saml:Issuer>{signature}{extensions}
  <samlp:Status><samlp:StatusCode Value="{status}"/></samlp:Status>
  {assertion}
</samlp:Response>"""


def sign(xml, key, certificate, *, sha1=False):
    element = etree.fromstring(xml.encode())
    if sha1:
        signer = SHA1Signer(signature_algorithm="rsa-sha1", digest_algorithm="sha1", c14n_algorithm=EXC_C14N)
    else:
        signer = XMLSigner(signature_algorithm="rsa-sha256", digest_algorithm="sha256", c14n_algorithm=EXC_C14N)
    signed = signer.sign(element, key=key, cert=certificate)
    return etree.tostring(signed, encoding="unicode")


def sign_with_prefix_list(xml, key, certificate, prefixes):
    """An enveloped signature whose Reference transform and SignedInfo canonicalization both carry an
    InclusiveNamespaces PrefixList, computed with lxml's exclusive C14N."""
    element = etree.fromstring(xml.encode())
    placeholder = element.find(f"{{{DS}}}Signature")
    parent = placeholder.getparent()
    position = parent.index(placeholder)
    parent.remove(placeholder)
    c14n = etree.tostring(element, method="c14n", exclusive=True, with_comments=False, inclusive_ns_prefixes=prefixes)
    digest = base64.b64encode(hashlib.sha256(c14n).digest()).decode()
    prefix_list = " ".join(prefixes)
    signature = etree.fromstring(f"""<ds:Signature xmlns:ds="{DS}"><ds:SignedInfo>\
<ds:CanonicalizationMethod Algorithm="{EXC_C14N}"><ec:InclusiveNamespaces xmlns:ec="{EXC_C14N}" PrefixList="{prefix_list}"/></ds:CanonicalizationMethod>\
<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
<ds:Reference URI="#{element.get('ID')}"><ds:Transforms>\
<ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>\
<ds:Transform Algorithm="{EXC_C14N}"><ec:InclusiveNamespaces xmlns:ec="{EXC_C14N}" PrefixList="{prefix_list}"/></ds:Transform>\
</ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>\
<ds:DigestValue>{digest}</ds:DigestValue></ds:Reference></ds:SignedInfo></ds:Signature>""")
    parent.insert(position, signature)
    signed_info = signature.find(f"{{{DS}}}SignedInfo")
    signed_info_c14n = etree.tostring(signed_info, method="c14n", exclusive=True, with_comments=False,
                                      inclusive_ns_prefixes=prefixes)
    private_key = serialization.load_pem_private_key(key, password=None)
    value = private_key.sign(signed_info_c14n, padding.PKCS1v15(), hashes.SHA256())
    etree.SubElement(signature, f"{{{DS}}}SignatureValue").text = base64.b64encode(value).decode()
    key_info = etree.SubElement(signature, f"{{{DS}}}KeyInfo")
    x509_data = etree.SubElement(key_info, f"{{{DS}}}X509Data")
    etree.SubElement(x509_data, f"{{{DS}}}X509Certificate").text = pem_body(certificate)
    return etree.tostring(element, encoding="unicode")


def document(xml):
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


def main():
    global ACCOUNT, PROVIDER_ARN
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    if len(sys.argv) == 3:
        ACCOUNT = sys.argv[2]
        PROVIDER_ARN = f"arn:aws:iam::{ACCOUNT}:saml-provider/ExampleIdP"
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    key, certificate = make_key_and_certificate("idp.example.com")
    other_key, other_certificate = make_key_and_certificate("attacker.example")
    files = {"metadata.xml": metadata(certificate, other_certificate, now), "key.pem": key.decode(),
             "cert.pem": certificate.decode()}

    signed_assertion = sign(assertion_xml(now), key, certificate)
    files["valid-assertion-signed.xml"] = document(response_xml(now, signed_assertion))

    regional = assertion_xml(now, recipient=REGIONAL_ENDPOINT, placeholder=False)
    files["valid-response-signed.xml"] = document(
        sign(response_xml(now, regional, destination=REGIONAL_ENDPOINT, placeholder=True), key, certificate))

    inner = sign_with_prefix_list(assertion_xml(now), key, certificate, ["xs"])
    files["valid-both-signed.xml"] = document(sign(response_xml(now, inner, placeholder=True), key, certificate))

    files["valid-sha1.xml"] = document(response_xml(now, sign(assertion_xml(now), key, certificate, sha1=True)))

    commented = files["valid-assertion-signed.xml"].replace(">alice@example.com</saml:NameID>", ">alice<!---->@example.com</saml:NameID>")
    assert commented != files["valid-assertion-signed.xml"]
    files["valid-comment-in-nameid.xml"] = commented

    tampered = files["valid-assertion-signed.xml"].replace(">Engineering<", ">Finance<")
    assert tampered != files["valid-assertion-signed.xml"]
    files["tampered-attribute.xml"] = tampered

    evil = assertion_xml(now, "_evil-1", name_id="mallory@example.com", role="OrganizationAccountAccessRole", placeholder=False)
    files["xsw-second-assertion.xml"] = document(response_xml(now, evil + signed_assertion))

    evil_same_id = assertion_xml(now, "_assertion-1", name_id="mallory@example.com", placeholder=False)
    files["xsw-duplicate-id.xml"] = document(response_xml(
        now, evil_same_id, extensions=f"<samlp:Extensions>{signed_assertion}</samlp:Extensions>"))

    original = etree.fromstring(signed_assertion.encode())
    stolen = original.find(f"{{{DS}}}Signature")
    transplant = etree.fromstring(assertion_xml(now, "_evil-1", name_id="mallory@example.com", placeholder=False).encode())
    transplant.insert(1, copy.deepcopy(stolen))
    files["xsw-signature-transplant.xml"] = document(response_xml(now, etree.tostring(transplant, encoding="unicode")))

    signed_response = files["valid-response-signed.xml"].split("\n", 1)[1]
    files["xsw-wrapped-response.xml"] = document(response_xml(
        now, evil, response_id="_evil-response",
        extensions=f"<samlp:Extensions>{signed_response}</samlp:Extensions>"))

    files["unsigned.xml"] = document(response_xml(now, assertion_xml(now, placeholder=False)))

    past = now - datetime.timedelta(hours=2)
    files["expired.xml"] = document(response_xml(now, sign(assertion_xml(past), key, certificate)))

    files["wrong-audience.xml"] = document(response_xml(
        now, sign(assertion_xml(now, audience="https://sp.example.org/shibboleth"), key, certificate)))

    files["wrong-recipient.xml"] = document(response_xml(
        now, sign(assertion_xml(now, recipient="https://signin.aws.amazon.com.evil.example/saml"), key, certificate)))

    files["wrong-key.xml"] = document(response_xml(now, sign(assertion_xml(now), other_key, other_certificate)))

    files["status-failure.xml"] = document(sign(response_xml(
        now, "", placeholder=True, status="urn:oasis:names:tc:SAML:2.0:status:Requester"), key, certificate))

    body = files["valid-assertion-signed.xml"].split("\n", 1)[1].replace(">alice@example.com</saml:NameID>", ">&who;</saml:NameID>")
    files["doctype-entity.xml"] = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                                   '<!DOCTYPE samlp:Response [<!ENTITY who "alice@example.com">]>\n' + body)

    files["small-rsa-cert.pem"] = make_key_and_certificate(
        "small.example", rsa.generate_private_key(public_exponent=65537, key_size=1024))[1].decode()
    files["ec-cert.pem"] = make_key_and_certificate("ec.example", ec.generate_private_key(ec.SECP256R1()))[1].decode()

    for n in range(1, 4):
        files[f"session-{n}.xml"] = document(response_xml(now, sign(assertion_xml(now, f"_session-{n}"), key, certificate)))
    files["role-not-granted.xml"] = document(response_xml(
        now, sign(assertion_xml(now, "_other-role", role="Other", grants_read_only=False), key, certificate)))

    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
