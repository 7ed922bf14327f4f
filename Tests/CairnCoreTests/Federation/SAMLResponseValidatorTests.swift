import CairnCore
import Foundation
import Testing

/// Envelope rules that hold before any signature can help: these documents carry none.
@Suite struct SAMLResponseValidatorTests {
    private struct NoCryptography: XMLSignatureCryptography {
        func digest(_ bytes: [UInt8], using algorithm: XMLDigestAlgorithm) -> [UInt8] { [] }
        func isValidSignature(_ signature: [UInt8], over signedBytes: [UInt8], using algorithm: XMLSignatureAlgorithm) -> Bool {
            false
        }
    }

    private let validator = SAMLResponseValidator(
        provider: SAMLMetadata(entityID: SAMLAssertionReaderTests.issuer, signingCertificates: [[1]], validUntil: nil))

    private func response(
        status: String = "urn:oasis:names:tc:SAML:2.0:status:Success", body: String = SAMLAssertionReaderTests.assertion()
    )
        -> [UInt8]
    {
        Array(
            """
            <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0" IssueInstant="2025-06-01T12:00:00Z">
              <samlp:Status><samlp:StatusCode Value="\(status)"/></samlp:Status>
              \(body)
            </samlp:Response>
            """.utf8)
    }

    private func validate(_ document: [UInt8]) throws(SAMLRefusal) -> SAMLClaims {
        try validator.validate(document: document, at: SAMLAssertionReaderTests.now, cryptography: NoCryptography())
    }

    @Test func refusesAnUnsignedAssertion() {
        #expect(throws: SAMLRefusal.unsigned) { try validate(response()) }
    }

    @Test func refusesEnvelopeProblems() {
        #expect(throws: SAMLRefusal.statusNotSuccess("urn:oasis:names:tc:SAML:2.0:status:Responder")) {
            try validate(response(status: "urn:oasis:names:tc:SAML:2.0:status:Responder"))
        }
        #expect(throws: SAMLRefusal.assertionCount(0)) { try validate(response(body: "")) }
        #expect(throws: SAMLRefusal.encryptedAssertion) {
            try validate(response(body: #"<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/>"#))
        }
        #expect(throws: SAMLRefusal.malformedResponse("the document element is saml:Assertion, not samlp:Response")) {
            try validate(Array(SAMLAssertionReaderTests.assertion().utf8))
        }
        #expect(throws: SAMLRefusal.notBase64) {
            try validator.validate(base64Response: "not base64!", at: SAMLAssertionReaderTests.now, cryptography: NoCryptography())
        }
        #expect(throws: SAMLRefusal.malformedXML(.undeclaredEntity(name: "x", line: 1, column: 4))) { try validate(Array("<r>&x;</r>".utf8)) }
    }
}
