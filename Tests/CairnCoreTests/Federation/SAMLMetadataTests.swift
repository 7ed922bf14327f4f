import CairnCore
import Foundation
import Testing

@Suite struct SAMLMetadataTests {
    /// Core reads certificates only as base64 DER; their parsing is CairnServer's, so any bytes stand in here.
    static let signing = String(repeating: "QUJD", count: 300) + "\n  U0lHTklORw=="
    static let encryption = "RU5DUllQVElPTg=="

    static func document(
        root: String = "md:EntityDescriptor", entityID: String = "https://idp.example.com/saml", use: String? = "signing",
        certificate: String = signing, validUntil: String = "2030-01-01T00:00:00Z", protocols: String = "urn:oasis:names:tc:SAML:2.0:protocol"
    ) -> String {
        let useAttribute = use.map { #" use="\#($0)""# } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <\(root) xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="\(entityID)" validUntil="\(validUntil)">
              <md:IDPSSODescriptor protocolSupportEnumeration="\(protocols)" validUntil="2029-06-01T00:00:00Z">
                <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\(encryption)</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                <md:KeyDescriptor\(useAttribute)><ds:KeyInfo><ds:X509Data><ds:X509Certificate>\(certificate)</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>
              </md:IDPSSODescriptor>
            </\(root)>
            """
    }

    @Test func readsEntityIDSigningCertificatesAndValidity() throws {
        let metadata = try SAMLMetadata(document: Self.document())
        #expect(metadata.entityID == "https://idp.example.com/saml")
        #expect(metadata.signingCertificates == [Base64Text.decode(Self.signing)!])
        // The earlier of the EntityDescriptor's and the IDPSSODescriptor's validUntil.
        #expect(metadata.validUntil == SAMLDateTime.parse("2029-06-01T00:00:00Z"))
        #expect(metadata.isExpired(at: SAMLDateTime.parse("2029-06-01T00:00:00Z")!))
        #expect(!metadata.isExpired(at: SAMLDateTime.parse("2029-05-31T23:59:59Z")!))
        // A KeyDescriptor without `use` serves for signing too.
        #expect(try SAMLMetadata(document: Self.document(use: nil)).signingCertificates.count == 1)
    }

    @Test func refusesDocumentsIAMRefuses() {
        #expect(throws: SAMLMetadataError.documentLength(9)) { try SAMLMetadata(document: "<a></a>  ") }
        #expect(throws: SAMLMetadataError.notEntityDescriptor("md:EntitiesDescriptor")) {
            try SAMLMetadata(document: Self.document(root: "md:EntitiesDescriptor"))
        }
        #expect(throws: SAMLMetadataError.missingEntityID) { try SAMLMetadata(document: Self.document(entityID: "")) }
        #expect(throws: SAMLMetadataError.missingIdentityProviderDescriptor) {
            try SAMLMetadata(document: Self.document(protocols: "urn:oasis:names:tc:SAML:1.1:protocol"))
        }
        #expect(throws: SAMLMetadataError.noSigningCertificate) { try SAMLMetadata(document: Self.document(use: "encryption")) }
        #expect(throws: SAMLMetadataError.unreadableCertificate(index: 0)) {
            try SAMLMetadata(document: Self.document(certificate: "not*base64" + String(repeating: "A", count: 400)))
        }
        #expect(throws: SAMLMetadataError.invalidValidUntil("tomorrow")) { try SAMLMetadata(document: Self.document(validUntil: "tomorrow")) }
        let doctype = Self.document().replacingOccurrences(of: "<md:EntityDescriptor", with: "<!DOCTYPE x [<!ENTITY a \"b\">]><md:EntityDescriptor")
        #expect(throws: SAMLMetadataError.malformedXML(.doctypeNotAllowed(line: 2, column: 1))) { try SAMLMetadata(document: doctype) }
    }
}
