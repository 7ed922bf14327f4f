package import CairnPolicy
package import Foundation

/// An OpenID Connect ID token (a JWS in compact form) as sts:AssumeRoleWithWebIdentity receives it, read but not
/// yet trusted: its header, its claims, and the bytes its signature covers. Whether the signature holds is the
/// caller's to check with the issuer's key; `check` applies the claim rules once it does.
package struct WebIdentityToken: Sendable {
    /// JOSE `alg`: RS256, RS384, RS512, ES256 or ES384 are the ones Cairn verifies.
    package let algorithm: String
    package let keyId: String?
    package let claims: JSONObject
    /// `base64url(header) "." base64url(payload)`, the bytes the signature covers.
    package let signingInput: Data
    package let signature: Data

    /// STS's answer to a token it cannot read, or whose signature or claims do not hold.
    package static func invalid(_ detail: String) -> ServiceError {
        ServiceError(code: "InvalidIdentityToken", status: 400, message: detail)
    }

    package init(parsing text: String?) throws(ServiceError) {
        guard let text, !text.isEmpty else { throw .missingParameter("webIdentityToken") }
        guard (4...20000).contains(text.count) else {
            throw .validation("webIdentityToken", "Member must have length less than or equal to 20000")
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerBytes = Self.base64URL(parts[0]), let payloadBytes = Self.base64URL(parts[1]),
            let signature = Self.base64URL(parts[2]),
            case .object(let header)? = JSONValue.parse(headerBytes), case .object(let claims)? = JSONValue.parse(payloadBytes)
        else { throw Self.invalid("The web identity token is not a signed JSON Web Token.") }
        guard let algorithm = header["alg"]?.stringValue else { throw Self.invalid("The web identity token's header has no alg.") }
        self.algorithm = algorithm
        keyId = header["kid"]?.stringValue
        self.claims = claims
        signingInput = Data((parts[0] + "." + parts[1]).utf8)
        self.signature = signature
    }

    package var issuer: String? { claims["iss"]?.stringValue }
    package var subject: String? { claims["sub"]?.stringValue }

    /// `aud` is a string or a list of strings (OpenID Connect Core §2).
    package var audiences: [String] {
        switch claims["aud"] {
        case .string(let s)?: [s]
        case .array(let items)?: items.compactMap(\.stringValue)
        default: []
        }
    }

    package var authenticationMethods: [String] {
        if case .array(let items)? = claims["amr"] { return items.compactMap(\.stringValue) }
        return claims["amr"]?.stringValue.map { [$0] } ?? []
    }

    /// The token's session tags (`https://aws.amazon.com/tags`: `principal_tags`, each a one-value list, and
    /// `transitive_tag_keys`), as AWS reads them; a claim of another shape is InvalidIdentityToken.
    package func sessionTags() throws(ServiceError) -> (tags: [(key: String?, value: String?)], transitiveKeys: [String]) {
        guard let claim = claims["https://aws.amazon.com/tags"] else { return ([], []) }
        guard case .object(let members) = claim else { throw Self.invalid("The token's https://aws.amazon.com/tags claim is not an object.") }
        var tags: [(key: String?, value: String?)] = []
        if let principal = members["principal_tags"] {
            guard case .object(let entries) = principal else { throw Self.invalid("principal_tags must be an object of one-value lists.") }
            for (key, value) in entries {
                guard case .array(let values) = value, values.count == 1, let one = values[0].stringValue else {
                    throw Self.invalid("The session tag \(key) must have exactly one string value.")
                }
                tags.append((key, one))
            }
        }
        var transitive: [String] = []
        if let keys = members["transitive_tag_keys"] {
            guard case .array(let list) = keys, list.allSatisfy({ $0.stringValue != nil }) else {
                throw Self.invalid("transitive_tag_keys must be a list of strings.")
            }
            transitive = list.compactMap(\.stringValue)
        }
        return (tags, transitive)
    }

    /// The token's own source identity (`https://aws.amazon.com/source_identity`), as AWS reads it.
    package var sourceIdentity: String? { claims["https://aws.amazon.com/source_identity"]?.stringValue }

    private func time(_ claim: String) -> Date? { claims[claim]?.doubleValue.map(Date.init(timeIntervalSince1970:)) }

    /// The rules a verified token's claims must meet for a provider: issued by it (`iss` is the provider's
    /// URL), for one of its client ids (`aud`), about someone (`sub`), and current (`exp` after now, `nbf` and
    /// `iat` not in the future, with `leeway` seconds for clocks that differ). Errors are STS's.
    package func check(issuer expected: String, clientIds: [String], now: Date, leeway: TimeInterval = 60) throws(ServiceError) {
        guard let issuer, issuer == expected || issuer == expected + "/" else {
            throw Self.invalid("The token's issuer \(issuer ?? "(none)") is not the provider's URL \(expected).")
        }
        guard audiences.contains(where: clientIds.contains) else { throw Self.invalid("Incorrect token audience") }
        guard let subject, !subject.isEmpty else { throw Self.invalid("The web identity token has no sub claim.") }
        guard let expires = time("exp") else { throw Self.invalid("The web identity token has no exp claim.") }
        guard expires.addingTimeInterval(leeway) > now else {
            throw ServiceError(
                code: "ExpiredTokenException", status: 400,
                message:
                    "Token expired: current date/time \(Int(now.timeIntervalSince1970)) must be before the expiration date/time \(Int(expires.timeIntervalSince1970))"
            )
        }
        if let notBefore = time("nbf"), notBefore.addingTimeInterval(-leeway) > now {
            throw Self.invalid("The web identity token is not valid before \(Int(notBefore.timeIntervalSince1970)).")
        }
        if let issued = time("iat"), issued.addingTimeInterval(-leeway) > now {
            throw Self.invalid("The web identity token was issued in the future.")
        }
    }

    /// RFC 7515's base64url without padding; nil when the text is not that.
    package static func base64URL(_ text: Substring) -> Data? { Base64URL.decode(text) }
}
