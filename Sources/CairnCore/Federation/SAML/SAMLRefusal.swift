package import Foundation

/// Why AssumeRoleWithSAML refuses a SAML Response. Each case is one rule from SAML 2.0 or from AWS's documented
/// requirements; the server maps cases to STS error codes, and `description` is the message that goes with them.
package enum SAMLRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    case notBase64
    case malformedXML(XMLParseError)
    /// Not a SAML 2.0 Response, or a required element or value is missing or unreadable.
    case malformedResponse(String)
    case signature(XMLSignatureError)
    /// Neither the assertion nor the Response that contains it carries a valid signature.
    case unsigned
    case statusNotSuccess(String)
    case encryptedAssertion
    /// The document holds this many assertions, anywhere; exactly one is accepted.
    case assertionCount(Int)
    case issuerMismatch(found: String, expected: String)
    case subjectConfirmation(String)
    case recipientMismatch(String)
    case audienceMismatch([String])
    case expired(what: String, at: Date)
    case notYetValid(what: String, at: Date)
    case roleAttribute(String)
    case roleSessionName(String)
    case sessionDuration(String)
    case sourceIdentity(String)
    case sessionTags(String)

    package var description: String {
        switch self {
        case .notBase64: "The SAML response is not base64."
        case .malformedXML(let error): "The SAML response is not acceptable XML: \(error)"
        case .malformedResponse(let detail): "The SAML response is malformed: \(detail)."
        case .signature(let error): "The SAML response's signature is not valid: \(error)"
        case .unsigned: "Neither the assertion nor the response containing it is signed."
        case .statusNotSuccess(let status): "The SAML response's status is \(status), not Success."
        case .encryptedAssertion: "Encrypted assertions are not supported."
        case .assertionCount(let count): "The SAML response must contain exactly one assertion; it contains \(count)."
        case .issuerMismatch(let found, let expected):
            "The assertion's issuer \(found) is not the SAML provider's entity ID \(expected)."
        case .subjectConfirmation(let detail): "The assertion's subject confirmation is not acceptable: \(detail)."
        case .recipientMismatch(let url): "The SAML response is addressed to \(url), not to the AWS sign-in SAML endpoint."
        case .audienceMismatch(let audiences):
            "The assertion's audience [\(audiences.joined(separator: ", "))] does not include urn:amazon:webservices."
        case .expired(let what, let instant): "The \(what) expired at \(instant.formatted(.iso8601))."
        case .notYetValid(let what, let instant): "The \(what) is not valid before \(instant.formatted(.iso8601))."
        case .roleAttribute(let detail): "The Role attribute is not acceptable: \(detail)."
        case .roleSessionName(let detail): "The RoleSessionName attribute is not acceptable: \(detail)."
        case .sessionDuration(let detail): "The SessionDuration attribute is not acceptable: \(detail)."
        case .sourceIdentity(let detail): "The SourceIdentity attribute is not acceptable: \(detail)."
        case .sessionTags(let detail): "The session tags are not acceptable: \(detail)."
        }
    }
}
