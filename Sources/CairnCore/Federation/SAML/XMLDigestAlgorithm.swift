/// The DigestMethod algorithms Cairn accepts. SHA-1 stays accepted because AD FS and other older identity providers
/// still sign with it by default and AWS accepts their responses; anything else is refused by name.
package enum XMLDigestAlgorithm: String, Sendable, Hashable, CaseIterable {
    case sha256 = "http://www.w3.org/2001/04/xmlenc#sha256"
    case sha1 = "http://www.w3.org/2000/09/xmldsig#sha1"
}
