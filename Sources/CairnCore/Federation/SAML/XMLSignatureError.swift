/// Why an XML signature was not accepted. Every case is a refusal of the whole message: a signature that is present
/// but wrong is never treated as absent.
package enum XMLSignatureError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Two elements carry the same ID: the classic signature-wrapping set-up, where the verifier and the reader
    /// could each pick a different one.
    case duplicateID(String)
    /// The signature is not one ds:SignedInfo with one ds:Reference, a SignatureValue, and the methods it names.
    case malformedSignature(String)
    case unsupportedCanonicalization(String)
    case unsupportedSignatureMethod(String)
    case unsupportedDigestMethod(String)
    /// Transforms other than exactly enveloped-signature followed by exclusive C14N.
    case unsupportedTransforms([String])
    /// The Reference's URI does not name the element the signature is a child of.
    case referenceNotToParent(uri: String, parentID: String?)
    /// The signed element's canonical bytes do not hash to the DigestValue: it was changed after signing.
    case digestMismatch(elementID: String)
    /// No signing certificate of the provider verifies SignatureValue over SignedInfo.
    case signatureMismatch(elementID: String)

    package var description: String {
        switch self {
        case .duplicateID(let id): "More than one element has the ID \(id)."
        case .malformedSignature(let detail): "The XML signature is malformed: \(detail)."
        case .unsupportedCanonicalization(let uri): "The canonicalization method \(uri) is not supported; use exclusive C14N."
        case .unsupportedSignatureMethod(let uri): "The signature method \(uri) is not supported; use rsa-sha256 or rsa-sha1."
        case .unsupportedDigestMethod(let uri): "The digest method \(uri) is not supported; use sha256 or sha1."
        case .unsupportedTransforms(let uris):
            "The transforms [\(uris.joined(separator: ", "))] are not supported; use enveloped-signature then exclusive C14N."
        case .referenceNotToParent(let uri, let parentID):
            "The signature's reference \(uri) does not name the element that carries it (ID \(parentID ?? "none"))."
        case .digestMismatch(let id): "The digest of the element \(id) does not match: it was changed after it was signed."
        case .signatureMismatch(let id): "The signature over the element \(id) is not valid for any of the provider's signing certificates."
        }
    }
}
