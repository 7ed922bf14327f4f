/// The SignatureMethod algorithms Cairn accepts: RSA PKCS #1 v1.5 with SHA-256, or with SHA-1 for the same older
/// identity providers as `XMLDigestAlgorithm.sha1`. HMAC methods are never accepted: their key would have to be
/// shared with the provider, and metadata carries only certificates.
package enum XMLSignatureAlgorithm: String, Sendable, Hashable, CaseIterable {
    case rsaSHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
    case rsaSHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1"
}
