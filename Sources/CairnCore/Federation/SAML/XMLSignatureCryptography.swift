/// The two cryptographic operations an XML signature check needs, supplied by the server target (swift-crypto and
/// swift-certificates), so that everything else about the check (which element is signed, which transforms
/// apply, what bytes are digested) stays pure and testable here.
package protocol XMLSignatureCryptography: Sendable {
    func digest(_ bytes: [UInt8], using algorithm: XMLDigestAlgorithm) -> [UInt8]
    /// True when one of the trusted provider's keys produced `signature` over `signedBytes`.
    func isValidSignature(_ signature: [UInt8], over signedBytes: [UInt8], using algorithm: XMLSignatureAlgorithm) -> Bool
}
