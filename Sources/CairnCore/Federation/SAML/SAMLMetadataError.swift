/// Why an identity provider's metadata document was not accepted (IAM answers these with InvalidInput).
package enum SAMLMetadataError: Error, Sendable, Hashable, CustomStringConvertible {
    case documentLength(Int)
    case malformedXML(XMLParseError)
    case notEntityDescriptor(String)
    case missingEntityID
    case missingIdentityProviderDescriptor
    case noSigningCertificate
    case unreadableCertificate(index: Int)
    case invalidValidUntil(String)

    package var description: String {
        switch self {
        case .documentLength(let count):
            "The metadata document has \(count) characters; it must have between \(SAMLMetadata.documentLength.lowerBound) and "
                + "\(SAMLMetadata.documentLength.upperBound)."
        case .malformedXML(let error): "The metadata document is not acceptable XML: \(error)"
        case .notEntityDescriptor(let name): "The metadata document's root element is \(name), not md:EntityDescriptor."
        case .missingEntityID: "The metadata's EntityDescriptor has no entityID (or one over 1024 characters)."
        case .missingIdentityProviderDescriptor: "The metadata has no IDPSSODescriptor for SAML 2.0."
        case .noSigningCertificate: "The metadata's IDPSSODescriptor has no signing KeyDescriptor with an X509Certificate."
        case .unreadableCertificate(let index): "The metadata's signing certificate number \(index + 1) is not base64."
        case .invalidValidUntil(let value): "The metadata's validUntil \(value) is not a UTC xs:dateTime."
        }
    }
}
