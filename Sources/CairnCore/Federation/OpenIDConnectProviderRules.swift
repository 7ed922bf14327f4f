/// IAM's rules for OpenID Connect providers: what a provider URL, a client id and a thumbprint may be, and how a
/// provider is named. IAM keys a provider by its URL without the scheme (the "identifier"); the ARN, the trust
/// policy's `Federated` principal and the condition keys (`<identifier>:sub`) are all built from it.
package enum OpenIDConnectProviderRules {
    /// IAM's quotas: providers per account, client ids per provider, thumbprints per provider.
    package static let maximumPerAccount = 100
    package static let maximumClientIds = 100
    package static let maximumThumbprints = 5

    /// The identifier of a provider URL: `https://` removed, the host lowercased, a trailing `/` dropped. IAM
    /// requires `https://`, a host, and no query or fragment. Cairn also accepts a port (`host:8443`), which IAM
    /// refuses: a self-hosted identity provider often listens on one (docs/behaviour.md).
    package static func identifier(url: String?) throws(ServiceError) -> String {
        guard let url else { throw .missingParameter("url") }
        guard (1...255).contains(url.count) else {
            throw .validation("url", "Member must have length less than or equal to 255")
        }
        guard url.lowercased().hasPrefix("https://") else {
            throw .invalidInput("Invalid OpenID Connect Provider URL: it must begin with https://")
        }
        var rest = Substring(url.dropFirst("https://".count))
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<hostEnd].lowercased()
        let path = rest[hostEnd...]
        let hostPattern = /[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?/
        guard !authority.isEmpty, authority.wholeMatch(of: hostPattern) != nil,
            path.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "?" && $0 != "#" && $0 != "%" })
        else { throw .invalidInput("Invalid OpenID Connect Provider URL: \(url)") }
        return authority + path
    }

    /// The provider's issuer URL, as tokens must carry it in `iss`.
    package static func issuer(_ identifier: String) -> String { "https://" + identifier }

    package static func arn(partition: String, account: AccountId, identifier: String) -> String {
        "arn:\(partition):iam::\(account.value):oidc-provider/\(identifier)"
    }

    /// The account and identifier an `OpenIDConnectProviderArn` member names.
    package static func parse(arn: String?, field: String = "openIDConnectProviderArn") throws(ServiceError) -> (AccountId, String) {
        guard let arn else { throw .missingParameter(field) }
        guard (20...2048).contains(arn.count) else { throw .validation(field, "Member must have length greater than or equal to 20") }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "iam", let account = AccountId(String(parts[4])),
            parts[5].hasPrefix("oidc-provider/"), parts[5].count > "oidc-provider/".count
        else { throw .invalidInput("Invalid ARN: \(arn)") }
        return (account, String(parts[5].dropFirst("oidc-provider/".count)))
    }

    /// A client id (the audience a token must name): 1–255 characters.
    package static func clientId(_ value: String?, field: String) throws(ServiceError) -> String {
        guard let value else { throw .missingParameter(field) }
        guard (1...255).contains(value.count) else { throw .validation(field, "Member must have length between 1 and 255") }
        return value
    }

    package static func clientIds(_ values: [String]?) throws(ServiceError) -> [String] {
        let values = values ?? []
        guard values.count <= maximumClientIds else {
            throw .limitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: \(maximumClientIds)")
        }
        var unique: [String] = []
        for (i, value) in values.enumerated() {
            let id = try clientId(value, field: "clientIDList.\(i + 1).member")
            if !unique.contains(id) { unique.append(id) }
        }
        return unique
    }

    /// Thumbprints: the hex SHA-1 of a certificate in the identity provider's TLS chain, 40 characters each, at
    /// most five. Kept lowercase so a comparison is exact.
    package static func thumbprints(_ values: [String]?) throws(ServiceError) -> [String] {
        let values = values ?? []
        guard values.count <= maximumThumbprints else {
            throw .limitExceeded("Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: \(maximumThumbprints)")
        }
        var unique: [String] = []
        for (i, value) in values.enumerated() {
            guard value.count == 40 else {
                throw .validation("thumbprintList.\(i + 1).member", "Member must have length greater than or equal to 40")
            }
            guard value.allSatisfy(\.isHexDigit) else {
                throw .invalidInput("Thumbprint \(value) is not a hexadecimal SHA-1 fingerprint")
            }
            let lower = value.lowercased()
            if !unique.contains(lower) { unique.append(lower) }
        }
        return unique
    }
}
