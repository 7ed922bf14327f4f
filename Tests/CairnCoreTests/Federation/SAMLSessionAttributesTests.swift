import CairnCore
import Testing

@Suite struct SAMLSessionAttributesTests {
    static let role = "arn:aws:iam::123456789012:role/Admin"
    static let provider = "arn:aws:iam::123456789012:saml-provider/ExampleIdP"
    static let base = "https://aws.amazon.com/SAML/Attributes/"

    private func read(
        _ extra: [SAMLAttribute] = [], roles: [String] = ["\(role),\(provider)"], name: [String]? = ["alice"]
    ) throws(SAMLRefusal)
        -> SAMLSessionAttributes
    {
        var attributes = [SAMLAttribute(name: Self.base + "Role", nameFormat: nil, values: roles)]
        if let name { attributes.append(SAMLAttribute(name: Self.base + "RoleSessionName", nameFormat: nil, values: name)) }
        return try SAMLSessionAttributes(attributes: attributes + extra)
    }

    private func attribute(_ suffix: String, _ values: String...) -> SAMLAttribute {
        SAMLAttribute(name: Self.base + suffix, nameFormat: nil, values: values)
    }

    @Test func readsRolePairsInEitherOrder() throws {
        let session = try read(roles: ["\(Self.role),\(Self.provider)", " \(Self.provider) , arn:aws-us-gov:iam::123456789012:role/path/Ops "])
        #expect(
            session.roles == [
                SAMLRolePair(roleArn: Self.role, providerArn: Self.provider),
                SAMLRolePair(roleArn: "arn:aws-us-gov:iam::123456789012:role/path/Ops", providerArn: Self.provider),
            ])
    }

    @Test(arguments: [
        "\(role)", "\(role),\(role)", "\(role),\(provider),x", "arn:aws:iam::12345:role/A,\(provider)",
        "\(role),arn:aws:iam::123456789012:saml-provider/",
    ])
    func refusesRoleValuesThatAreNotOnePairOfEach(value: String) {
        #expect(throws: SAMLRefusal.roleAttribute("\(value) is not a role ARN and a SAML provider ARN separated by a comma")) {
            try read(roles: [value])
        }
    }

    @Test func requiresARole() {
        #expect(throws: SAMLRefusal.roleAttribute("the assertion has no https://aws.amazon.com/SAML/Attributes/Role attribute value")) {
            try read(roles: [])
        }
    }

    @Test func roleSessionNameRules() throws {
        #expect(try read(name: ["a+b=c,d.e@f-g_h"]).roleSessionName == "a+b=c,d.e@f-g_h")
        #expect(throws: SAMLRefusal.roleSessionName("the assertion has no https://aws.amazon.com/SAML/Attributes/RoleSessionName attribute")) {
            try read(name: nil)
        }
        for bad in [["a"], [String(repeating: "a", count: 65)], ["has space"], ["é-accent"], ["a1", "b2"]] {
            #expect(throws: SAMLRefusal.self) { try read(name: bad) }
        }
        #expect(try read(name: [String(repeating: "a", count: 64)]).roleSessionName.count == 64)
    }

    @Test func sessionDurationRules() throws {
        #expect(try read([attribute("SessionDuration", "900")]).sessionDuration == 900)
        #expect(try read([attribute("SessionDuration", "43200")]).sessionDuration == 43200)
        #expect(try read().sessionDuration == nil)
        for bad in ["899", "43201", "3600s", "-1000", "", "+1000"] {
            #expect(throws: SAMLRefusal.self) { try read([attribute("SessionDuration", bad)]) }
        }
    }

    @Test func sourceIdentityRules() throws {
        #expect(try read([attribute("SourceIdentity", "alice@example.com")]).sourceIdentity == "alice@example.com")
        for bad in ["a", "aws:alice", "AWS:alice", "has space"] {
            #expect(throws: SAMLRefusal.self) { try read([attribute("SourceIdentity", bad)]) }
        }
    }

    @Test func sessionTagRules() throws {
        let session = try read([
            attribute("PrincipalTag:Project", "Blue Sky"), attribute("PrincipalTag:team", "a/b"), attribute("TransitiveTagKeys", "project"),
        ])
        #expect(session.principalTags == [SAMLSessionTag(key: "Project", value: "Blue Sky"), SAMLSessionTag(key: "team", value: "a/b")])
        #expect(session.transitiveTagKeys == ["project"])
        #expect(throws: SAMLRefusal.sessionTags("the tag key project appears more than once (keys are case-insensitive)")) {
            try read([attribute("PrincipalTag:Project", "a"), attribute("PrincipalTag:project", "b")])
        }
        #expect(throws: SAMLRefusal.sessionTags("the transitive tag key Cost is not one of the session's tags")) {
            try read([attribute("PrincipalTag:Project", "a"), attribute("TransitiveTagKeys", "Cost")])
        }
        #expect(throws: SAMLRefusal.sessionTags("aws:reserved is not a valid tag key")) { try read([attribute("PrincipalTag:aws:reserved", "a")]) }
        #expect(throws: SAMLRefusal.self) { try read([attribute("PrincipalTag:Two", "a", "b")]) }
        #expect(throws: SAMLRefusal.self) { try read([attribute("PrincipalTag:Bad", "semi;colon")]) }
    }
}
