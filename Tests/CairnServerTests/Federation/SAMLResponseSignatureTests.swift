import CairnCore
import CairnServer
import Foundation
import Testing

/// End to end: metadata and Responses from tests/saml_fixtures.py (signed by signxml, or by lxml's C14N and
/// cryptography for the PrefixList case) through the strict parser, exclusive C14N, XML-DSig and the SAML rules.
@Suite struct SAMLResponseSignatureTests {
    let validator: SAMLResponseValidator
    let keys: SAMLProviderKeys

    init() throws {
        let metadata = try SAMLMetadata(document: SAMLFixtures.text("metadata.xml"))
        validator = SAMLResponseValidator(provider: metadata)
        keys = try SAMLProviderKeys(metadata: metadata)
    }

    private func validate(_ name: String) throws -> SAMLClaims {
        try validator.validate(document: SAMLFixtures.bytes(name), at: Date(), cryptography: keys)
    }

    @Test func metadataNamesTheProviderAndOnlyItsSigningCertificate() throws {
        #expect(validator.provider.entityID == "https://idp.example.com/saml")
        #expect(validator.provider.signingCertificates == [try SAMLFixtures.certificateDER("cert.pem")])
        #expect(try #require(validator.provider.validUntil) > Date())
    }

    @Test(arguments: ["valid-assertion-signed.xml", "valid-both-signed.xml", "valid-sha1.xml", "valid-comment-in-nameid.xml"])
    func acceptsSignedResponses(name: String) throws {
        let claims = try validate(name)
        #expect(claims.issuer == "https://idp.example.com/saml")
        #expect(claims.subject == "alice@example.com")
        #expect(claims.subjectType == "persistent")
        #expect(claims.audience == "https://signin.aws.amazon.com/saml")
        #expect(claims.audienceRestriction == ["urn:amazon:webservices"])
        #expect(
            claims.session.roles == [
                SAMLRolePair(roleArn: "arn:aws:iam::123456789012:role/Admin", providerArn: "arn:aws:iam::123456789012:saml-provider/ExampleIdP"),
                SAMLRolePair(roleArn: "arn:aws:iam::123456789012:role/ReadOnly", providerArn: "arn:aws:iam::123456789012:saml-provider/ExampleIdP"),
            ])
        #expect(claims.session.roleSessionName == "alice@example.com")
        #expect(claims.session.sessionDuration == 7200)
        #expect(claims.session.sourceIdentity == "alice")
        #expect(
            claims.session.principalTags == [
                SAMLSessionTag(key: "Department", value: "Engineering"), SAMLSessionTag(key: "CostCenter", value: "1234"),
            ])
        #expect(claims.session.transitiveTagKeys == ["Department"])
        #expect(claims.notOnOrAfter > Date())
        #expect(try #require(claims.sessionNotOnOrAfter) > claims.notOnOrAfter)
        #expect(claims.attributes.first { $0.name == "urn:oid:2.5.4.3" }?.values == ["Zo\u{EB} O'Brien & <Co>"])
    }

    @Test func acceptsASignedResponseAroundAnUnsignedAssertion() throws {
        let claims = try validate("valid-response-signed.xml")
        #expect(claims.audience == "https://us-west-2.signin.aws.amazon.com/saml")
        #expect(claims.subject == "alice@example.com")
    }

    @Test func acceptsTheBase64FormSTSReceives() throws {
        let encoded = Data(try SAMLFixtures.bytes("valid-assertion-signed.xml")).base64EncodedString(options: .lineLength76Characters)
        let claims = try validator.validate(base64Response: encoded, at: Date(), cryptography: keys)
        #expect(claims.session.roleSessionName == "alice@example.com")
    }

    @Test(arguments: [
        ("tampered-attribute.xml", SAMLRefusal.signature(.digestMismatch(elementID: "_assertion-1"))),
        ("xsw-second-assertion.xml", .assertionCount(2)),
        ("xsw-duplicate-id.xml", .signature(.duplicateID("_assertion-1"))),
        ("xsw-signature-transplant.xml", .signature(.referenceNotToParent(uri: "#_assertion-1", parentID: "_evil-1"))),
        ("xsw-wrapped-response.xml", .assertionCount(2)),
        ("unsigned.xml", .unsigned),
        ("wrong-audience.xml", .audienceMismatch(["https://sp.example.org/shibboleth"])),
        ("wrong-recipient.xml", .recipientMismatch("https://signin.aws.amazon.com.evil.example/saml")),
        ("wrong-key.xml", .signature(.signatureMismatch(elementID: "_assertion-1"))),
        ("status-failure.xml", .statusNotSuccess("urn:oasis:names:tc:SAML:2.0:status:Requester")),
        ("doctype-entity.xml", .malformedXML(.doctypeNotAllowed(line: 2, column: 1))),
    ])
    func refusesTamperedResponses(name: String, refusal: SAMLRefusal) throws {
        let document = try SAMLFixtures.bytes(name)
        #expect(throws: refusal) { try validator.validate(document: document, at: Date(), cryptography: keys) }
    }

    @Test func refusesAnExpiredAssertion() throws {
        let document = try SAMLFixtures.bytes("expired.xml")
        do {
            _ = try validator.validate(document: document, at: Date(), cryptography: keys)
            Issue.record("an expired assertion was accepted")
        } catch {
            guard case .expired(let what, let instant) = error else {
                Issue.record("refused for the wrong reason: \(error)")
                return
            }
            #expect(what == "assertion's SubjectConfirmationData")
            #expect(instant < Date().addingTimeInterval(-3000))
        }
    }

    @Test func theSameSignedResponseExpiresOnceTheClockPassesItsDeadline() throws {
        let document = try SAMLFixtures.bytes("valid-assertion-signed.xml")
        let claims = try validator.validate(document: document, at: Date(), cryptography: keys)
        let later = claims.notOnOrAfter.addingTimeInterval(SAMLResponseValidator.defaultClockSkew)
        #expect(throws: SAMLRefusal.expired(what: "assertion's SubjectConfirmationData", at: claims.notOnOrAfter)) {
            try validator.validate(document: document, at: later, cryptography: keys)
        }
    }
}
