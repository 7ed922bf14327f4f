/// AWS's side of the SAML exchange: the sign-in endpoints a response may be addressed to and the audiences an
/// assertion may be restricted to. Matching is exact on the whole string: a prefix or "contains" test would accept
/// `https://signin.aws.amazon.com/saml.evil.example`.
package enum SAMLServiceProvider {
    /// AWS's SAML service-provider entity ID.
    package static let entityID = "urn:amazon:webservices"

    private static let partitionHosts = ["signin.aws.amazon.com", "signin.amazonaws.cn", "signin.amazonaws-us-gov.com"]

    /// The global sign-in endpoint (`/saml` or `/static/saml`) of each partition, or a regional one such as
    /// `https://us-west-2.signin.aws.amazon.com/saml`.
    package static func isSignInEndpoint(_ url: String) -> Bool {
        guard url.hasPrefix("https://") else { return false }
        let rest = url.dropFirst("https://".count)
        guard let slash = rest.firstIndex(of: "/") else { return false }
        let host = rest[..<slash]
        let path = rest[slash...]
        for partitionHost in partitionHosts {
            if host == partitionHost { return path == "/saml" || path == "/static/saml" }
            if host.hasSuffix("." + partitionHost) {
                return path == "/saml" && isRegion(host.dropLast(partitionHost.count + 1))
            }
        }
        return false
    }

    /// An Audience that names AWS: its entity ID or one of its sign-in endpoints.
    package static func isAudience(_ audience: String) -> Bool {
        audience == entityID || isSignInEndpoint(audience)
    }

    /// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`: lowercase words joined by hyphens, ending in a number.
    private static func isRegion(_ text: Substring) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let number = parts.last, (1...2).contains(number.count), number.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }
}
