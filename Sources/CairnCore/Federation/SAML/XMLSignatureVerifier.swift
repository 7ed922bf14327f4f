/// Verifies the enveloped XML signatures in a document and says exactly which elements they cover, by
/// `documentOrder`. Readers must then take data only from those elements (or their descendants): checking "some
/// signature is valid" and then reading "some assertion" is the gap every signature-wrapping attack uses.
package struct XMLSignatureVerifier<Cryptography: XMLSignatureCryptography>: Sendable {
    /// The attributes SAML 2.0, SAML 1.x and XML-DSig use as IDs; any value repeated among them is refused.
    package static var idAttributeNames: [String] { ["ID", "Id", "AssertionID", "ResponseID"] }

    package let cryptography: Cryptography

    package init(cryptography: Cryptography) {
        self.cryptography = cryptography
    }

    /// Checks every ds:Signature in the document; one that fails refuses the whole document. Returns the
    /// `documentOrder` of each element a signature covers.
    package func signedElements(in root: XMLElementNode) throws(XMLSignatureError) -> Set<Int> {
        let elements = root.subtree
        var seenIDs: Set<String> = []
        for element in elements {
            for name in Self.idAttributeNames {
                guard let id = element.attribute(name) else { continue }
                guard seenIDs.insert(id).inserted else { throw .duplicateID(id) }
            }
        }
        if root.name.matches("Signature", in: XMLNamespaces.signature) {
            throw .malformedSignature("the document element is a signature with nothing to sign")
        }
        var signed: Set<Int> = []
        for parent in elements {
            for signatureElement in parent.childElements("Signature", in: XMLNamespaces.signature) {
                try verify(XMLSignature(reading: signatureElement), enveloping: parent)
                signed.insert(parent.documentOrder)
            }
        }
        return signed
    }

    private func verify(_ signature: XMLSignature, enveloping parent: XMLElementNode) throws(XMLSignatureError) {
        let parentID = parent.attribute("ID")
        guard parentID == signature.referencedID else {
            throw .referenceNotToParent(uri: "#" + signature.referencedID, parentID: parentID)
        }
        let signedBytes = signature.referenceCanonicalizer.canonicalize(parent, omitting: [signature.element.documentOrder])
        guard cryptography.digest(signedBytes, using: signature.digestAlgorithm) == signature.digestValue else {
            throw .digestMismatch(elementID: signature.referencedID)
        }
        let signedInfoBytes = signature.signedInfoCanonicalizer.canonicalize(signature.signedInfo)
        guard cryptography.isValidSignature(signature.signatureValue, over: signedInfoBytes, using: signature.signatureAlgorithm) else {
            throw .signatureMismatch(elementID: signature.referencedID)
        }
    }
}
