package import CairnPolicy

/// The `saml:` condition keys a role's trust policy sees on AssumeRoleWithSAML, from a verified assertion. The
/// fixed keys come from the assertion itself and the provider; the others from attributes the IdP sent under the
/// OIDs IAM maps (eduPerson, eduOrg and X.500 names; the table in docs/behaviour.md). Keys IAM types as
/// single-valued hold one value; an attribute with several values for such a key is left out rather than cut to one.
package enum SAMLConditionKeys {
    /// `urn:oid:…` attribute names and the key each becomes; `true` when the key is multivalued (ArrayOfString).
    package static let attributeKeys: [String: (key: String, multivalued: Bool)] = [
        "urn:oid:2.5.4.3": ("saml:cn", true),
        "urn:oid:2.5.4.4": ("saml:surname", false),
        "urn:oid:2.5.4.41": ("saml:name", false),
        "urn:oid:2.5.4.42": ("saml:givenName", false),
        "urn:oid:2.5.4.45": ("saml:x500UniqueIdentifier", false),
        "urn:oid:0.9.2342.19200300.100.1.1": ("saml:uid", false),
        "urn:oid:0.9.2342.19200300.100.1.3": ("saml:mail", false),
        "urn:oid:1.2.840.113556.1.4.98": ("saml:primaryGroupSID", false),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.1": ("saml:edupersonaffiliation", true),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.2": ("saml:edupersonnickname", true),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.3": ("saml:edupersonorgdn", false),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.4": ("saml:edupersonorgunitdn", true),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.5": ("saml:edupersonprimaryaffiliation", false),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.6": ("saml:edupersonprincipalname", false),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.7": ("saml:edupersonentitlement", true),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.8": ("saml:edupersonprimaryorgunitdn", false),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.9": ("saml:edupersonscopedaffiliation", true),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.10": ("saml:edupersontargetedid", true),
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.11": ("saml:edupersonassurance", true),
        "urn:oid:1.3.6.1.4.1.5923.1.2.1.2": ("saml:eduorghomepageuri", true),
        "urn:oid:1.3.6.1.4.1.5923.1.2.1.3": ("saml:eduorgidentityauthnpolicyuri", true),
        "urn:oid:1.3.6.1.4.1.5923.1.2.1.4": ("saml:eduorglegalname", true),
        "urn:oid:1.3.6.1.4.1.5923.1.2.1.5": ("saml:eduorgsuperioruri", true),
        "urn:oid:1.3.6.1.4.1.5923.1.2.1.6": ("saml:eduorgwhitepagesuri", true),
    ]

    /// `doc` is `<account>/<provider name>`, as IAM defines `saml:doc`.
    package static func context(_ claims: SAMLClaims, nameQualifier: String, doc: String) -> [String: ContextValue] {
        var context: [String: ContextValue] = [
            "saml:sub": .single(claims.subject),
            "saml:sub_type": .single(claims.subjectType),
            "saml:aud": .single(claims.audience),
            "saml:iss": .single(claims.issuer),
            "saml:namequalifier": .single(nameQualifier),
            "saml:doc": .single(doc),
        ]
        var collected: [String: (values: [String], multivalued: Bool)] = [:]
        for attribute in claims.attributes {
            guard let mapped = attributeKeys[attribute.name] else { continue }
            collected[mapped.key, default: ([], mapped.multivalued)].values += attribute.values
        }
        for (key, entry) in collected where !entry.values.isEmpty {
            if entry.multivalued {
                context[key] = .multiple(entry.values)
            } else if entry.values.count == 1 {
                context[key] = .single(entry.values[0])
            }
            // The common name is also IAM's single-valued saml:commonName.
            if key == "saml:cn", entry.values.count == 1 { context["saml:commonName"] = .single(entry.values[0]) }
        }
        return context
    }
}
