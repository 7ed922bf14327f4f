package import Foundation

/// Checks a SAML Response for AssumeRoleWithSAML against the provider's metadata and returns its claims. The order
/// matters: the XML is parsed strictly, every signature is verified, and only then is the single assertion read,
/// and read only if it is the element a signature covers (or a child of the signed Response). That last check is
/// the defence against signature wrapping: the bytes that were verified and the bytes that are believed are the same.
package struct SAMLResponseValidator: Sendable {
    /// Five minutes either way: enough for the clock drift of an on-premises IdP, small against the hour-long
    /// assertion lifetimes IdPs issue. Applied to every NotBefore and NotOnOrAfter.
    package static let defaultClockSkew: TimeInterval = 300
    package static let successStatus = "urn:oasis:names:tc:SAML:2.0:status:Success"

    package let provider: SAMLMetadata
    package let clockSkew: TimeInterval

    package init(provider: SAMLMetadata, clockSkew: TimeInterval = Self.defaultClockSkew) {
        self.provider = provider
        self.clockSkew = clockSkew
    }

    /// The SAMLAssertion parameter as STS receives it: the base64 of the Response document.
    package func validate(
        base64Response: String, at now: Date, cryptography: some XMLSignatureCryptography
    ) throws(SAMLRefusal)
        -> SAMLClaims
    {
        guard let document = Base64Text.decode(base64Response) else { throw .notBase64 }
        return try validate(document: document, at: now, cryptography: cryptography)
    }

    package func validate(
        document: [UInt8], at now: Date, cryptography: some XMLSignatureCryptography
    ) throws(SAMLRefusal)
        -> SAMLClaims
    {
        let root: XMLElementNode
        do {
            root = try StrictXMLParser.parse(document, limits: .samlMessage)
        } catch {
            throw .malformedXML(error)
        }
        let samlp = XMLNamespaces.samlProtocol
        let saml = XMLNamespaces.assertion
        guard root.name.matches("Response", in: samlp) else {
            throw .malformedResponse("the document element is \(root.name.qualifiedName), not samlp:Response")
        }
        guard root.attribute("Version") == "2.0" else { throw .malformedResponse("the Response's Version is not 2.0") }

        let signed: Set<Int>
        do {
            signed = try XMLSignatureVerifier(cryptography: cryptography).signedElements(in: root)
        } catch {
            throw .signature(error)
        }

        let statuses = root.childElements("Status", in: samlp)
        let codes = statuses.flatMap { $0.childElements("StatusCode", in: samlp) }
        guard statuses.count == 1, codes.count == 1, let code = codes[0].attribute("Value") else {
            throw .malformedResponse("the Response needs one Status with one StatusCode")
        }
        guard code == Self.successStatus else { throw .statusNotSuccess(code) }

        if let destination = root.attribute("Destination"), !SAMLServiceProvider.isSignInEndpoint(destination) {
            throw .recipientMismatch(destination)
        }

        let elements = root.subtree
        if elements.contains(where: { $0.name.matches("EncryptedAssertion", in: saml) }) { throw .encryptedAssertion }
        let assertions = elements.filter { $0.name.matches("Assertion", in: saml) }
        guard assertions.count == 1 else { throw .assertionCount(assertions.count) }
        guard let assertion = root.childElements("Assertion", in: saml).first else {
            throw .malformedResponse("the assertion is not a direct child of the Response")
        }
        guard signed.contains(root.documentOrder) || signed.contains(assertion.documentOrder) else { throw .unsigned }

        let responseIssuers = root.childElements("Issuer", in: saml)
        guard responseIssuers.count <= 1 else { throw .malformedResponse("the Response has more than one Issuer") }
        if let issuer = responseIssuers.first?.text.trimmingCharacters(in: .whitespacesAndNewlines), issuer != provider.entityID {
            throw .issuerMismatch(found: issuer, expected: provider.entityID)
        }
        return try SAMLAssertionReader(expectedIssuer: provider.entityID, now: now, clockSkew: clockSkew).read(assertion)
    }
}
