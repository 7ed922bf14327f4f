/// The attribute names AWS reads from an assertion. They are compared exactly: AWS documents them as case-sensitive.
package enum SAMLAttributeName {
    private static let base = "https://aws.amazon.com/SAML/Attributes/"
    package static let role = base + "Role"
    package static let roleSessionName = base + "RoleSessionName"
    package static let sessionDuration = base + "SessionDuration"
    package static let sourceIdentity = base + "SourceIdentity"
    package static let principalTagPrefix = base + "PrincipalTag:"
    package static let transitiveTagKeys = base + "TransitiveTagKeys"
}
