package import Foundation

/// What a verified SAML Response says, in the shape AssumeRoleWithSAML answers with and trust policies test
/// (`saml:sub`, `saml:sub_type`, `saml:aud`, `saml:iss`, …). Only ever produced by `SAMLResponseValidator`, after
/// the signature and every rule held, and only from the element the signature covers.
package struct SAMLClaims: Sendable, Hashable {
    /// The assertion's ID: what the record names (`sAMLAssertionID`) and what replay protection remembers.
    package let assertionID: String
    /// The assertion's Issuer: the provider's entity ID. Input to NameQualifier.
    package let issuer: String
    /// The NameID value (`saml:sub`).
    package let subject: String
    /// The NameID Format with `urn:oasis:names:tc:SAML:2.0:nameid-format:` removed (`persistent`, `transient`),
    /// any other format as written, and SAML's default `…:1.1:nameid-format:unspecified` when none is given.
    package let subjectType: String
    /// The SubjectConfirmationData Recipient, which STS returns as Audience (`saml:aud`).
    package let audience: String
    /// Every Audience value in the assertion's AudienceRestriction elements.
    package let audienceRestriction: [String]
    /// The AWS attributes: roles, session name and duration, source identity, session tags.
    package let session: SAMLSessionAttributes
    /// The SubjectConfirmationData NotOnOrAfter: the assertion cannot be presented after this.
    package let notOnOrAfter: Date
    /// The AuthnStatement's SessionNotOnOrAfter, which caps the session's expiry when present.
    package let sessionNotOnOrAfter: Date?
    package let attributes: [SAMLAttribute]

    package init(
        assertionID: String, issuer: String, subject: String, subjectType: String, audience: String, audienceRestriction: [String],
        session: SAMLSessionAttributes, notOnOrAfter: Date, sessionNotOnOrAfter: Date?, attributes: [SAMLAttribute]
    ) {
        self.assertionID = assertionID
        self.issuer = issuer
        self.subject = subject
        self.subjectType = subjectType
        self.audience = audience
        self.audienceRestriction = audienceRestriction
        self.session = session
        self.notOnOrAfter = notOnOrAfter
        self.sessionNotOnOrAfter = sessionNotOnOrAfter
        self.attributes = attributes
    }

    /// The Role value naming this role and provider, if the IdP granted it: the caller's RoleArn and PrincipalArn
    /// must both match one pair.
    package func role(_ roleArn: String, provider providerArn: String) -> SAMLRolePair? {
        session.roles.first { $0.roleArn == roleArn && $0.providerArn == providerArn }
    }
}
