import CairnCore
import Foundation
import Testing

/// The assertion rules on their own, on unsigned assertions read directly (the validator refuses those; signed
/// end-to-end cases are in CairnServerTests).
@Suite struct SAMLAssertionReaderTests {
    static let now = SAMLDateTime.parse("2025-06-01T12:00:00Z")!
    static let issuer = "https://idp.example.com/saml"

    static func assertion(
        format: String? = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient", confirmations: Int = 1,
        method: String = "urn:oasis:names:tc:SAML:2.0:cm:bearer", recipient: String = "https://signin.aws.amazon.com/saml",
        notOnOrAfter: String = "2025-06-01T12:05:00Z", conditions: String = #"NotBefore="2025-06-01T11:59:00Z" NotOnOrAfter="2025-06-01T13:00:00Z""#,
        audiences: [[String]] = [["urn:amazon:webservices"]], issuer: String = issuer
    ) -> String {
        let formatAttribute = format.map { #" Format="\#($0)""# } ?? ""
        let confirmation =
            #"<saml:SubjectConfirmation Method="\#(method)"><saml:SubjectConfirmationData Recipient="\#(recipient)" NotOnOrAfter="\#(notOnOrAfter)"/></saml:SubjectConfirmation>"#
        let restrictions = audiences.map { group in
            "<saml:AudienceRestriction>" + group.map { "<saml:Audience>\($0)</saml:Audience>" }.joined() + "</saml:AudienceRestriction>"
        }.joined()
        return """
            <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a" Version="2.0" IssueInstant="2025-06-01T12:00:00Z">
              <saml:Issuer>\(issuer)</saml:Issuer>
              <saml:Subject><saml:NameID\(formatAttribute)> user-7 </saml:NameID>\(String(repeating: confirmation, count: confirmations))</saml:Subject>
              <saml:Conditions \(conditions)>\(restrictions)</saml:Conditions>
              <saml:AttributeStatement>
                <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>arn:aws:iam::123456789012:role/R,arn:aws:iam::123456789012:saml-provider/P</saml:AttributeValue></saml:Attribute>
                <saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>user-7</saml:AttributeValue></saml:Attribute>
              </saml:AttributeStatement>
            </saml:Assertion>
            """
    }

    private func read(_ xml: String, at now: Date = now) throws(SAMLRefusal) -> SAMLClaims {
        let element = try! StrictXMLParser.parse(xml)
        return try SAMLAssertionReader(expectedIssuer: Self.issuer, now: now, clockSkew: 300).read(element)
    }

    @Test func readsClaims() throws {
        let claims = try read(Self.assertion())
        #expect(claims.issuer == Self.issuer)
        #expect(claims.subject == "user-7")
        #expect(claims.subjectType == "transient")
        #expect(claims.audience == "https://signin.aws.amazon.com/saml")
        #expect(claims.notOnOrAfter == SAMLDateTime.parse("2025-06-01T12:05:00Z"))
        #expect(claims.role("arn:aws:iam::123456789012:role/R", provider: "arn:aws:iam::123456789012:saml-provider/P") != nil)
        #expect(claims.role("arn:aws:iam::123456789012:role/Other", provider: "arn:aws:iam::123456789012:saml-provider/P") == nil)
    }

    @Test func subjectTypeFollowsTheFormat() throws {
        #expect(try read(Self.assertion(format: nil)).subjectType == "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified")
        let email = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
        #expect(try read(Self.assertion(format: email)).subjectType == email)
        #expect(try read(Self.assertion(format: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")).subjectType == "persistent")
    }

    @Test func subjectConfirmationRules() {
        #expect(throws: SAMLRefusal.subjectConfirmation("there must be exactly one SubjectConfirmation, not 2")) {
            try read(Self.assertion(confirmations: 2))
        }
        #expect(throws: SAMLRefusal.subjectConfirmation("its Method is urn:oasis:names:tc:SAML:2.0:cm:holder-of-key, not bearer")) {
            try read(Self.assertion(method: "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"))
        }
        #expect(throws: SAMLRefusal.recipientMismatch("https://sp.example.org/acs")) {
            try read(Self.assertion(recipient: "https://sp.example.org/acs"))
        }
    }

    @Test func clockSkewIsFiveMinutesEitherWay() throws {
        let deadline = SAMLDateTime.parse("2025-06-01T12:05:00Z")!
        #expect(throws: Never.self) { try read(Self.assertion(), at: deadline.addingTimeInterval(299)) }
        #expect(throws: SAMLRefusal.expired(what: "assertion's SubjectConfirmationData", at: deadline)) {
            try read(Self.assertion(), at: deadline.addingTimeInterval(300))
        }
        let notBefore = SAMLDateTime.parse("2025-06-01T11:59:00Z")!
        #expect(throws: Never.self) { try read(Self.assertion(), at: notBefore.addingTimeInterval(-300)) }
        #expect(throws: SAMLRefusal.notYetValid(what: "assertion's Conditions", at: notBefore)) {
            try read(Self.assertion(), at: notBefore.addingTimeInterval(-301))
        }
    }

    @Test func everyAudienceRestrictionMustNameAWS() {
        #expect(throws: Never.self) { try read(Self.assertion(audiences: [["https://other.example", "urn:amazon:webservices"]])) }
        #expect(throws: SAMLRefusal.audienceMismatch(["urn:amazon:webservices", "https://other.example"])) {
            try read(Self.assertion(audiences: [["urn:amazon:webservices"], ["https://other.example"]]))
        }
        #expect(throws: SAMLRefusal.audienceMismatch([])) { try read(Self.assertion(audiences: [])) }
    }

    @Test func issuerMustBeTheProvider() {
        #expect(throws: SAMLRefusal.issuerMismatch(found: "https://evil.example", expected: Self.issuer)) {
            try read(Self.assertion(issuer: "https://evil.example"))
        }
    }

    @Test func malformedTimesAreRefusedByName() {
        #expect(throws: SAMLRefusal.malformedResponse("NotOnOrAfter soon is not a UTC xs:dateTime")) {
            try read(Self.assertion(notOnOrAfter: "soon"))
        }
    }

    /// Replay protection keeps the ID, so one longer than it can store is refused as malformed, not left to fail the
    /// database's check.
    @Test func anAssertionIDMustFitWhatReplayProtectionKeeps() throws {
        let fits = String(repeating: "a", count: SAMLAssertionReader.maximumIDLength)
        #expect(try read(Self.assertion().replacingOccurrences(of: #"ID="_a""#, with: #"ID="\#(fits)""#)).assertionID == fits)
        #expect(throws: SAMLRefusal.malformedResponse("the assertion needs an ID of 1 to 1024 characters")) {
            try read(Self.assertion().replacingOccurrences(of: #"ID="_a""#, with: #"ID="\#(fits)b""#))
        }
    }
}
