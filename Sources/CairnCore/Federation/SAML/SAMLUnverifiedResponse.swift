/// What an AssumeRoleWithSAML request's Response claims, read before any signature or rule is checked. It only names
/// the caller and fills the record's request parameters for a call that may yet be refused, as AWS records refused
/// calls with the assertion's ID and session name; nothing here decides anything. Values are taken from the single
/// `saml:Assertion` child of the Response, as the validator later reads them; anything unreadable is left out.
package struct SAMLUnverifiedResponse: Sendable, Hashable {
    package let assertionID: String?
    package let issuer: String?
    package let subject: String?
    package let roleSessionName: String?
    package let sourceIdentity: String?
    package let principalTags: [SAMLSessionTag]
    package let transitiveTagKeys: [String]

    /// nil when the text is not base64 of a well-formed Response.
    package init?(base64Response: String) {
        guard let document = Base64Text.decode(base64Response),
            let root = try? StrictXMLParser.parse(document, limits: .samlMessage),
            root.name.matches("Response", in: XMLNamespaces.samlProtocol)
        else { return nil }
        let saml = XMLNamespaces.assertion
        let assertion = root.childElements("Assertion", in: saml).first
        func text(_ element: XMLElementNode?) -> String? {
            guard let value = element?.text.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        assertionID = assertion?.attribute("ID")
        issuer = text(assertion?.childElements("Issuer", in: saml).first)
        subject = text(assertion?.childElements("Subject", in: saml).first?.childElements("NameID", in: saml).first)
        let attributes = assertion.flatMap { try? SAMLAssertionReader.attributes(of: $0) } ?? []
        func single(_ name: String) -> String? {
            let values = attributes.filter { $0.name == name }.flatMap(\.values)
            return values.count == 1 ? values[0] : nil
        }
        roleSessionName = single(SAMLAttributeName.roleSessionName)
        sourceIdentity = single(SAMLAttributeName.sourceIdentity)
        principalTags = attributes.compactMap { attribute in
            guard attribute.name.hasPrefix(SAMLAttributeName.principalTagPrefix), attribute.values.count == 1 else { return nil }
            return SAMLSessionTag(key: String(attribute.name.dropFirst(SAMLAttributeName.principalTagPrefix.count)), value: attribute.values[0])
        }
        transitiveTagKeys = attributes.filter { $0.name == SAMLAttributeName.transitiveTagKeys }.flatMap(\.values)
    }
}
