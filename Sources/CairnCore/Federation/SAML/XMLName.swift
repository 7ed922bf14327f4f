/// An element's or attribute's name after namespace resolution. Every comparison the SAML and XML-DSig rules make
/// is on `namespaceURI` + `localName`: the prefix is the document author's choice, and matching on it would let
/// `<evil:Assertion xmlns:evil="urn:other">` pass for an assertion.
package struct XMLName: Sendable, Hashable {
    /// The prefix as written, "" when there is none. Kept because canonical output writes names as written.
    package let prefix: String
    package let localName: String
    /// "" when the name is in no namespace.
    package let namespaceURI: String

    package init(prefix: String, localName: String, namespaceURI: String) {
        self.prefix = prefix
        self.localName = localName
        self.namespaceURI = namespaceURI
    }

    /// The name as it appears in the document (`prefix:local`, or `local`).
    package var qualifiedName: String { prefix.isEmpty ? localName : prefix + ":" + localName }

    package func matches(_ localName: String, in namespaceURI: String) -> Bool {
        self.localName == localName && self.namespaceURI == namespaceURI
    }
}
