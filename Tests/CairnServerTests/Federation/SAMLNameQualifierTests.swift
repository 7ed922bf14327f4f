import CairnServer
import Testing

@Suite struct SAMLNameQualifierTests {
    /// AWS's documented example inputs; the expected value computed independently with Python's hashlib.
    @Test func matchesAWSsDefinition() {
        #expect(
            SAMLNameQualifier.value(issuer: "https://example.com/saml", accountID: "123456789012", providerName: "MySAMLIdP")
                == "1uAJanUnBc2XeUkHURMht+xam2c=")
    }
}
