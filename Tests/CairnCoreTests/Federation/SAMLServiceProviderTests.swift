import CairnCore
import Testing

@Suite struct SAMLServiceProviderTests {
    @Test(arguments: [
        "https://signin.aws.amazon.com/saml", "https://signin.aws.amazon.com/static/saml", "https://us-west-2.signin.aws.amazon.com/saml",
        "https://us-gov-west-1.signin.amazonaws-us-gov.com/saml", "https://signin.amazonaws.cn/saml", "https://cn-north-1.signin.amazonaws.cn/saml",
    ])
    func acceptsSignInEndpoints(url: String) {
        #expect(SAMLServiceProvider.isSignInEndpoint(url))
        #expect(SAMLServiceProvider.isAudience(url))
    }

    @Test(arguments: [
        "http://signin.aws.amazon.com/saml", "https://signin.aws.amazon.com/saml/", "https://signin.aws.amazon.com/saml.evil.example",
        "https://signin.aws.amazon.com.evil.example/saml", "https://evil.example/signin.aws.amazon.com/saml",
        "https://evilsignin.aws.amazon.com/saml",
        "https://us-west-2.signin.aws.amazon.com/static/saml", "https://a.b.signin.aws.amazon.com/saml", "https://signin.aws.amazon.com/saml?x=1",
        "https://US-WEST-2.signin.aws.amazon.com/saml",
    ])
    func refusesEverythingElse(url: String) {
        #expect(!SAMLServiceProvider.isSignInEndpoint(url))
    }

    @Test func audienceIsAWSsEntityID() {
        #expect(SAMLServiceProvider.isAudience("urn:amazon:webservices"))
        #expect(!SAMLServiceProvider.isAudience("urn:amazon:webservices:extra"))
        #expect(!SAMLServiceProvider.isAudience("https://sp.example.org/shibboleth"))
    }
}
