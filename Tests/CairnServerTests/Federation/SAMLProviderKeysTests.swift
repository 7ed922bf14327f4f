import CairnCore
import CairnServer
import Testing

@Suite struct SAMLProviderKeysTests {
    @Test func refusesCertificatesThatCannotSign() throws {
        #expect(throws: SAMLProviderKeys.Failure.self) { try SAMLProviderKeys(certificates: [[0x30, 0x03, 0x02, 0x01, 0x01]]) }
        #expect(throws: SAMLProviderKeys.Failure.notRSA(index: 1)) {
            try SAMLProviderKeys(certificates: [SAMLFixtures.certificateDER("cert.pem"), SAMLFixtures.certificateDER("ec-cert.pem")])
        }
        // swift-certificates already refuses to read an RSA key under 2048 bits; either refusal will do.
        let small = try SAMLFixtures.certificateDER("small-rsa-cert.pem")
        do throws(SAMLProviderKeys.Failure) {
            _ = try SAMLProviderKeys(certificates: [small])
            Issue.record("a 1024-bit RSA certificate was accepted")
        } catch {
            switch error {
            case .keyTooShort(index: 0, bits: 1024), .unreadableCertificate(index: 0, _): break
            default: Issue.record("refused for the wrong reason: \(error)")
            }
        }
    }

    @Test func digestsAreTheStandardOnes() throws {
        let keys = try SAMLProviderKeys(certificates: [SAMLFixtures.certificateDER("cert.pem")])
        #expect(keys.digest(Array("abc".utf8), using: .sha1) == Base64Text.decode("qZk+NkcGgWq6PiVxeFDCbJzQ2J0="))
        #expect(keys.digest(Array("abc".utf8), using: .sha256) == Base64Text.decode("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="))
    }
}
