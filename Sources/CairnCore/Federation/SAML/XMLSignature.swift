/// One ds:Signature read for an enveloped signature over its parent, its shape checked but nothing yet verified.
/// Only the single form SAML identity providers produce is accepted: one Reference to `#ID`, the transforms
/// enveloped-signature then exclusive C14N, and the algorithms named in `XMLDigestAlgorithm` and
/// `XMLSignatureAlgorithm`. Anything richer (XPath or XSLT transforms, several references, `URI=""`) is where
/// signature-wrapping and denial-of-service attacks live, and no IdP needs it.
package struct XMLSignature: Sendable, Hashable {
    package static let envelopedSignatureTransform = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

    package let element: XMLElementNode
    package let signedInfo: XMLElementNode
    package let signedInfoCanonicalizer: ExclusiveCanonicalizer
    package let signatureAlgorithm: XMLSignatureAlgorithm
    /// The ID the Reference names, without the `#`.
    package let referencedID: String
    package let referenceCanonicalizer: ExclusiveCanonicalizer
    package let digestAlgorithm: XMLDigestAlgorithm
    package let digestValue: [UInt8]
    package let signatureValue: [UInt8]

    package init(reading element: XMLElementNode) throws(XMLSignatureError) {
        let ds = XMLNamespaces.signature
        self.element = element
        signedInfo = try Self.one("SignedInfo", in: element)
        let signatureValueElement = try Self.one("SignatureValue", in: element)
        guard let signatureValue = Base64Text.decode(signatureValueElement.text), !signatureValue.isEmpty else {
            throw .malformedSignature("SignatureValue is not base64")
        }
        self.signatureValue = signatureValue

        for child in signedInfo.childElements
        where !(child.name.namespaceURI == ds && ["CanonicalizationMethod", "SignatureMethod", "Reference"].contains(child.name.localName)) {
            throw .malformedSignature("SignedInfo contains an unexpected element \(child.name.qualifiedName)")
        }
        signedInfoCanonicalizer = try Self.canonicalizer(from: try Self.one("CanonicalizationMethod", in: signedInfo))
        let signatureMethod = try Self.one("SignatureMethod", in: signedInfo).attribute("Algorithm") ?? ""
        guard let signatureAlgorithm = XMLSignatureAlgorithm(rawValue: signatureMethod) else {
            throw .unsupportedSignatureMethod(signatureMethod)
        }
        self.signatureAlgorithm = signatureAlgorithm

        let reference = try Self.one("Reference", in: signedInfo)
        guard let uri = reference.attribute("URI"), uri.hasPrefix("#"), uri.count > 1 else {
            throw .malformedSignature("the Reference URI must be #ID, not \(reference.attribute("URI") ?? "absent")")
        }
        referencedID = String(uri.dropFirst())

        let transforms = try Self.one("Transforms", in: reference).childElements
        let transformAlgorithms = transforms.map { $0.attribute("Algorithm") ?? "" }
        guard transforms.allSatisfy({ $0.name.matches("Transform", in: ds) }),
            transformAlgorithms == [Self.envelopedSignatureTransform, ExclusiveCanonicalizer.algorithm]
        else { throw .unsupportedTransforms(transformAlgorithms) }
        referenceCanonicalizer = try Self.canonicalizer(from: transforms[1])

        let digestMethod = try Self.one("DigestMethod", in: reference).attribute("Algorithm") ?? ""
        guard let digestAlgorithm = XMLDigestAlgorithm(rawValue: digestMethod) else { throw .unsupportedDigestMethod(digestMethod) }
        self.digestAlgorithm = digestAlgorithm
        guard let digestValue = Base64Text.decode(try Self.one("DigestValue", in: reference).text), !digestValue.isEmpty else {
            throw .malformedSignature("DigestValue is not base64")
        }
        self.digestValue = digestValue
    }

    /// Exactly one child `ds:<localName>`.
    private static func one(_ localName: String, in parent: XMLElementNode) throws(XMLSignatureError) -> XMLElementNode {
        let matches = parent.childElements(localName, in: XMLNamespaces.signature)
        guard matches.count == 1 else {
            throw .malformedSignature("\(parent.name.localName) must contain exactly one \(localName), not \(matches.count)")
        }
        return matches[0]
    }

    /// A CanonicalizationMethod or Transform naming exclusive C14N, with its optional InclusiveNamespaces PrefixList.
    private static func canonicalizer(from method: XMLElementNode) throws(XMLSignatureError) -> ExclusiveCanonicalizer {
        let algorithm = method.attribute("Algorithm") ?? ""
        guard algorithm == ExclusiveCanonicalizer.algorithm else { throw .unsupportedCanonicalization(algorithm) }
        let lists = method.childElements("InclusiveNamespaces", in: XMLNamespaces.exclusiveCanonicalization)
        guard method.childElements.count == lists.count, lists.count <= 1 else {
            throw .malformedSignature("\(method.name.localName) may contain only one InclusiveNamespaces")
        }
        return ExclusiveCanonicalizer(prefixList: lists.first?.attribute("PrefixList") ?? "")
    }
}
