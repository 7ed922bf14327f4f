/// The namespace URIs the SAML and XML-DSig rules look for. Elements are matched on these, never on prefixes.
package enum XMLNamespaces {
    package static let xml = "http://www.w3.org/XML/1998/namespace"
    package static let xmlns = "http://www.w3.org/2000/xmlns/"
    package static let signature = "http://www.w3.org/2000/09/xmldsig#"
    package static let exclusiveCanonicalization = "http://www.w3.org/2001/10/xml-exc-c14n#"
    package static let assertion = "urn:oasis:names:tc:SAML:2.0:assertion"
    package static let samlProtocol = "urn:oasis:names:tc:SAML:2.0:protocol"
    package static let metadata = "urn:oasis:names:tc:SAML:2.0:metadata"
}
