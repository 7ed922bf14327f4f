package import Foundation

/// Reads one signed `saml:Assertion` into claims, applying the rules AWS documents for AssumeRoleWithSAML: the
/// issuer is the provider, exactly one bearer SubjectConfirmation addressed to the AWS sign-in endpoint, an
/// AudienceRestriction naming AWS, and time windows that hold at `now` give or take `clockSkew`.
package struct SAMLAssertionReader: Sendable {
    package static let bearerMethod = "urn:oasis:names:tc:SAML:2.0:cm:bearer"
    private static let nameIDFormatPrefix = "urn:oasis:names:tc:SAML:2.0:nameid-format:"
    /// The longest assertion ID accepted: replay protection keeps it (migration 0037's column allows 1,024); IdPs
    /// write 20–50 characters.
    package static let maximumIDLength = 1024
    private static let unspecifiedNameIDFormat = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"

    package let expectedIssuer: String
    package let now: Date
    package let clockSkew: TimeInterval

    package init(expectedIssuer: String, now: Date, clockSkew: TimeInterval) {
        self.expectedIssuer = expectedIssuer
        self.now = now
        self.clockSkew = clockSkew
    }

    package func read(_ assertion: XMLElementNode) throws(SAMLRefusal) -> SAMLClaims {
        let saml = XMLNamespaces.assertion
        guard assertion.attribute("Version") == "2.0" else { throw .malformedResponse("the assertion's Version is not 2.0") }
        guard let assertionID = assertion.attribute("ID"), (1...Self.maximumIDLength).contains(assertionID.count) else {
            throw .malformedResponse("the assertion needs an ID of 1 to \(Self.maximumIDLength) characters")
        }
        let issuer = try Self.one("Issuer", in: assertion).text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard issuer == expectedIssuer else { throw .issuerMismatch(found: issuer, expected: expectedIssuer) }

        let subject = try Self.one("Subject", in: assertion)
        guard subject.childElements("EncryptedID", in: saml).isEmpty else { throw .malformedResponse("encrypted NameIDs are not supported") }
        let nameID = try Self.one("NameID", in: subject)
        let subjectValue = nameID.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !subjectValue.isEmpty else { throw .malformedResponse("the NameID is empty") }
        let format = nameID.attribute("Format") ?? Self.unspecifiedNameIDFormat
        let subjectType = format.hasPrefix(Self.nameIDFormatPrefix) ? String(format.dropFirst(Self.nameIDFormatPrefix.count)) : format

        let (recipient, notOnOrAfter) = try confirmation(of: subject)

        let conditions = try Self.one("Conditions", in: assertion)
        _ = try window(of: conditions, "assertion's Conditions", requireEnd: false)
        let restrictions = conditions.childElements("AudienceRestriction", in: saml)
        let audiences = restrictions.map { $0.childElements("Audience", in: saml).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) } }
        // Each AudienceRestriction must be met (SAML core §2.5.1.4); one of its Audiences naming AWS meets it.
        guard !restrictions.isEmpty, audiences.allSatisfy({ $0.contains(where: SAMLServiceProvider.isAudience) }) else {
            throw .audienceMismatch(audiences.flatMap { $0 })
        }

        var sessionNotOnOrAfter: Date?
        for statement in assertion.childElements("AuthnStatement", in: saml) {
            guard let text = statement.attribute("SessionNotOnOrAfter") else { continue }
            let instant = try instant(text, "SessionNotOnOrAfter")
            guard now.addingTimeInterval(-clockSkew) < instant else { throw .expired(what: "authentication session", at: instant) }
            sessionNotOnOrAfter = min(sessionNotOnOrAfter ?? instant, instant)
        }

        let attributes = try Self.attributes(of: assertion)
        return SAMLClaims(
            assertionID: assertionID, issuer: issuer, subject: subjectValue, subjectType: subjectType, audience: recipient,
            audienceRestriction: audiences.flatMap { $0 }, session: try SAMLSessionAttributes(attributes: attributes),
            notOnOrAfter: notOnOrAfter, sessionNotOnOrAfter: sessionNotOnOrAfter, attributes: attributes)
    }

    /// Exactly one bearer SubjectConfirmation whose data has a Recipient at AWS and a NotOnOrAfter still ahead.
    private func confirmation(of subject: XMLElementNode) throws(SAMLRefusal) -> (recipient: String, notOnOrAfter: Date) {
        let confirmations = subject.childElements("SubjectConfirmation", in: XMLNamespaces.assertion)
        guard confirmations.count == 1, let confirmation = confirmations.first else {
            throw .subjectConfirmation("there must be exactly one SubjectConfirmation, not \(confirmations.count)")
        }
        guard confirmation.attribute("Method") == Self.bearerMethod else {
            throw .subjectConfirmation("its Method is \(confirmation.attribute("Method") ?? "absent"), not bearer")
        }
        let data = confirmation.childElements("SubjectConfirmationData", in: XMLNamespaces.assertion)
        guard data.count == 1, let recipient = data[0].attribute("Recipient"), data[0].attribute("NotOnOrAfter") != nil else {
            throw .subjectConfirmation("it needs one SubjectConfirmationData with Recipient and NotOnOrAfter")
        }
        guard SAMLServiceProvider.isSignInEndpoint(recipient) else { throw .recipientMismatch(recipient) }
        guard let notOnOrAfter = try window(of: data[0], "assertion's SubjectConfirmationData", requireEnd: true) else {
            throw .subjectConfirmation("it has no NotOnOrAfter")
        }
        return (recipient, notOnOrAfter)
    }

    /// Checks NotBefore and NotOnOrAfter on `element` against now, widened by the clock skew; returns NotOnOrAfter.
    private func window(of element: XMLElementNode, _ what: String, requireEnd: Bool) throws(SAMLRefusal) -> Date? {
        if let text = element.attribute("NotBefore") {
            let notBefore = try instant(text, "NotBefore")
            guard now.addingTimeInterval(clockSkew) >= notBefore else { throw .notYetValid(what: what, at: notBefore) }
        }
        guard let text = element.attribute("NotOnOrAfter") else { return nil }
        let notOnOrAfter = try instant(text, "NotOnOrAfter")
        guard now.addingTimeInterval(-clockSkew) < notOnOrAfter else { throw .expired(what: what, at: notOnOrAfter) }
        return notOnOrAfter
    }

    private func instant(_ text: String, _ name: String) throws(SAMLRefusal) -> Date {
        guard let date = SAMLDateTime.parse(text) else { throw .malformedResponse("\(name) \(text) is not a UTC xs:dateTime") }
        return date
    }

    private static func one(_ localName: String, in parent: XMLElementNode) throws(SAMLRefusal) -> XMLElementNode {
        let matches = parent.childElements(localName, in: XMLNamespaces.assertion)
        guard matches.count == 1 else {
            throw .malformedResponse("\(parent.name.localName) must contain exactly one saml:\(localName), not \(matches.count)")
        }
        return matches[0]
    }

    /// Every attribute of the assertion's attribute statements, in document order.
    package static func attributes(of assertion: XMLElementNode) throws(SAMLRefusal) -> [SAMLAttribute] {
        let saml = XMLNamespaces.assertion
        var result: [SAMLAttribute] = []
        for statement in assertion.childElements("AttributeStatement", in: saml) {
            guard statement.childElements("EncryptedAttribute", in: saml).isEmpty else {
                throw .malformedResponse("encrypted attributes are not supported")
            }
            for attribute in statement.childElements("Attribute", in: saml) {
                guard let name = attribute.attribute("Name"), !name.isEmpty else { throw .malformedResponse("an Attribute has no Name") }
                var values: [String] = []
                for value in attribute.childElements("AttributeValue", in: saml) {
                    guard !value.hasChildElements else {
                        throw .malformedResponse("the attribute \(name) has a structured value, which is not supported")
                    }
                    values.append(value.text.trimmingCharacters(in: .whitespacesAndNewlines))
                }
                result.append(SAMLAttribute(name: name, nameFormat: attribute.attribute("NameFormat"), values: values))
            }
        }
        return result
    }
}
