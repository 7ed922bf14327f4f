package import Foundation

/// What Cairn keeps from an identity provider's SAML 2.0 metadata (the document IAM's CreateSAMLProvider and
/// UpdateSAMLProvider take): who the provider is, the certificates its responses must be signed with, and until when
/// the document says it is valid. Everything else in metadata (endpoints, encryption keys, contacts) plays no part in
/// AssumeRoleWithSAML and is not read.
package struct SAMLMetadata: Sendable, Hashable {
    /// IAM's bounds on SAMLMetadataDocument, in characters.
    package static let documentLength = 1000...10_000_000
    private static let protocolEnumeration = "urn:oasis:names:tc:SAML:2.0:protocol"

    package let entityID: String
    /// DER encodings, in document order. Their parsing into keys happens where the cryptography lives.
    package let signingCertificates: [[UInt8]]
    /// The earliest validUntil on the EntityDescriptor or its IDPSSODescriptor, when either has one.
    package let validUntil: Date?

    package init(entityID: String, signingCertificates: [[UInt8]], validUntil: Date?) {
        self.entityID = entityID
        self.signingCertificates = signingCertificates
        self.validUntil = validUntil
    }

    package init(document: String) throws(SAMLMetadataError) {
        let length = document.count
        guard Self.documentLength.contains(length) else { throw .documentLength(length) }
        let root: XMLElementNode
        do {
            root = try StrictXMLParser.parse(document, limits: .samlMetadata)
        } catch {
            throw .malformedXML(error)
        }
        let md = XMLNamespaces.metadata
        guard root.name.matches("EntityDescriptor", in: md) else { throw .notEntityDescriptor(root.name.qualifiedName) }
        guard let entityID = root.attribute("entityID"), !entityID.isEmpty, entityID.count <= 1024 else { throw .missingEntityID }

        let descriptors = root.childElements("IDPSSODescriptor", in: md).filter { descriptor in
            (descriptor.attribute("protocolSupportEnumeration") ?? "").split(separator: " ").contains { $0 == Self.protocolEnumeration }
        }
        guard !descriptors.isEmpty else { throw .missingIdentityProviderDescriptor }

        var validUntil: Date?
        for element in [root] + descriptors {
            guard let text = element.attribute("validUntil") else { continue }
            guard let instant = SAMLDateTime.parse(text) else { throw .invalidValidUntil(text) }
            validUntil = min(validUntil ?? instant, instant)
        }

        var certificates: [[UInt8]] = []
        for descriptor in descriptors {
            for key in descriptor.childElements("KeyDescriptor", in: md) where (key.attribute("use") ?? "signing") == "signing" {
                let ds = XMLNamespaces.signature
                for keyInfo in key.childElements("KeyInfo", in: ds) {
                    for data in keyInfo.childElements("X509Data", in: ds) {
                        for certificate in data.childElements("X509Certificate", in: ds) {
                            guard let der = Base64Text.decode(certificate.text), !der.isEmpty else {
                                throw .unreadableCertificate(index: certificates.count)
                            }
                            certificates.append(der)
                        }
                    }
                }
            }
        }
        guard !certificates.isEmpty else { throw .noSigningCertificate }
        self.init(entityID: entityID, signingCertificates: certificates, validUntil: validUntil)
    }

    package func isExpired(at now: Date) -> Bool {
        validUntil.map { $0 <= now } ?? false
    }
}
