import Foundation
import Testing

@testable import CairnPolicy

@Suite("Simulation JSON contract")
struct SimulationTests {
    func simulate(_ json: String) throws(SimulationError) -> [String: Any] {
        let out = try PolicySimulation.run(requestJSON: Data(json.utf8))
        return (try? JSONSerialization.jsonObject(with: out) as? [String: Any]) ?? [:]
    }

    func error(_ json: String) -> String? {
        do {
            _ = try PolicySimulation.run(requestJSON: Data(json.utf8))
            return nil
        } catch {
            return error.description
        }
    }

    let base =
        #""principal":{"arn":"arn:aws:iam::111111111111:user/alice","account":"111111111111"},"action":"cloudtrail:GetTrail","resource":"arn:aws:cloudtrail:us-east-1:111111111111:trail/main""#

    @Test func acceptsDocumentsAsObjectsOrStringsAndReportsTheContractFields() throws {
        let json = #"""
            {"request": {\#(base), "context": {"aws:RequestedRegion": "us-east-1", "aws:TagKeys": ["a", "b"]}},
             "identityPolicies": [{"Version":"2012-10-17","Statement":{"Sid":"Read","Effect":"Allow","Action":"cloudtrail:Get*","Resource":"*"}},
                                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:SourceVpc\":\"v\"}}}]}"],
             "scps": [[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}]]}
            """#
        let out = try simulate(json)
        #expect(out["decision"] as? String == "Allow")
        #expect(out["decidingPolicyType"] as? String == "identity")
        let matched = try #require(out["matchedStatements"] as? [[String: Any]])
        #expect(
            matched.contains {
                $0["sid"] as? String == "Read" && $0["policyType"] as? String == "identity" && $0["policyIndex"] as? Int == 0
                    && $0["statementIndex"] as? Int == 0
            })
        #expect(matched.contains { $0["policyType"] as? String == "scp" && $0["scpLevel"] as? Int == 0 })
        #expect(out["missingContextKeys"] as? [String] == [])
    }

    @Test func decidingPolicyTypeIsNullWhenNoPolicyDecided() throws {
        let json = #"{"request": {"principal": {"arn": "arn:aws:iam::111111111111:root"}, "action": "cloudtrail:GetTrail", "resource": "*"}}"#
        let out = try simulate(json)
        #expect(out["decision"] as? String == "Allow")
        #expect(out["decidingPolicyType"] is NSNull)
    }

    @Test(arguments: [
        (#"{"request": {"action": "a:b", "resource": "*"}}"#, "request.principal: missing required field"),
        (#"{"request": {"principal": {"account": "1"}, "action": "a:b", "resource": "*"}}"#, "request.principal.arn: missing required field"),
        (#"{"request": {"principal": {"arn": "x"}, "resource": "*"}}"#, "request.action: missing required field"),
        (
            #"{"request": {"principal": {"arn": "x", "tag": {}}, "action": "a:b", "resource": "*"}}"#,
            "request.principal.tag: unknown field (expected one of: arn, account, tags, orgId, orgPaths, isManagementAccount, roleArn, sourceUserArn, isServiceLinkedRole)"
        ),
        (#"{"request": {"principal": {"arn": "x"}, "action": 3, "resource": "*"}}"#, "request.action: expected a string"),
        (
            #"{"request": {"principal": {"arn": "x"}, "action": "a:b", "resource": ""}}"#,
            "request.resource: must not be empty (use \"*\" for actions without a resource)"
        ),
        (
            #"{"identityPolicy": []}"#,
            "identityPolicy: unknown field (expected one of: request, identityPolicies, resourcePolicies, permissionsBoundaries, scps, sessionPolicies, resourcePolicyType)"
        ),
        (
            #"{"request": {"principal": {"arn": "x"}, "action": "a:b", "resource": "*"}, "identityPolicies": [{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEqualz": {"a": "b"}}}]}]}"#,
            "identityPolicies[0].Statement[1].Condition: unknown operator StringEqualz"
        ),
        (
            #"{"request": {"principal": {"arn": "x"}, "action": "a:b", "resource": "*"}, "scps": [[], ["{not json"]]}"#,
            "scps[1][0]: JSON syntax error at byte 1: expected a member name"
        ),
        (
            #"{"request": {"principal": {"arn": "x"}, "action": "a:b", "resource": "*"}, "identityPolicies": [[1]]}"#,
            "identityPolicies[0]: a policy must be a JSON object or a string containing one"
        ),
        (#"{"request": "#, "JSON syntax error at byte 12: unexpected end of input"),
    ])
    func invalidRequestsNameTheField(_ json: String, _ expected: String) {
        #expect(error(json) == expected)
    }

    @Test func jsonLinesGiveOneResultOrErrorPerLine() throws {
        let good = #"{"request": {"principal": {"arn": "arn:aws:iam::111111111111:user/a"}, "action": "a:b", "resource": "*"}}"#
        let out = PolicySimulation.runLines(good + "\n\n{\"request\": 1}\n" + good)
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].contains(#""decision":"ImplicitDeny""#))
        #expect(lines[1].contains(#""error""#) && lines[1].contains("request"))
        #expect(lines[2] == lines[0])
    }

    @Test func resultRoundTripsThroughCodable() throws {
        let req = SimulationRequest(
            request: .init(principal: .init(arn: Fixture.user), action: "cloudtrail:GetTrail", resource: Fixture.trail),
            identityPolicies: [.text(doc(stmt()))])
        let data = try JSONEncoder().encode(req)
        let back = try JSONDecoder().decode(SimulationRequest.self, from: data)
        #expect(back == req)
        let result = try PolicySimulation.run(back)
        #expect(result.decision == .allow)
        let decoded = try JSONDecoder().decode(SimulationResult.self, from: PolicySimulation.encode(result))
        #expect(decoded == result)
    }

    @Test func lintFindingsBecomeWarningsWithoutStoppingEvaluation() throws {
        let req = SimulationRequest(
            request: .init(principal: .init(arn: Fixture.user), action: "cloudtrail:GetTrail", resource: Fixture.trail),
            identityPolicies: [.text(doc(stmt(#""Principal":"*""#)))])
        let result = try PolicySimulation.run(req)
        #expect(result.decision == .allow)
        #expect(result.warnings == ["identityPolicies[0].Statement[0]: Principal/NotPrincipal is not allowed in a identity policy"])
    }
}

@Suite("Policy lint")
struct PolicyLintTests {
    func messages(_ text: String, _ type: PolicyType, _ limit: PolicySizeLimit? = nil) -> [String] {
        PolicyLint.lint(text: text, type: type, sizeLimit: limit).map(\.description)
    }

    @Test func cleanPolicyHasNoIssues() {
        #expect(messages(doc(stmt(action: #""cloudtrail:Get*""#)), .identity).isEmpty)
    }

    @Test func sizeLimitsCountNonWhitespaceForIAMAndEverythingForSCPs() {
        let padded = doc(
            stmt(
                action: #""cloudtrail:GetTrail""#,
                resource: "[" + Array(repeating: #""arn:aws:cloudtrail:us-east-1:111111111111:trail/t""#, count: 50).joined(separator: ", ") + "]"))
        #expect(PolicySizeLimit.inlineUser.measure(padded) < padded.count)
        #expect(messages(padded, .identity, .inlineUser).contains { $0.contains("over the 2048 allowed for inlineUser") })
        #expect(messages(padded, .identity, .inlineRole).isEmpty)
        #expect(PolicySizeLimit.managedPolicy.maximumCharacters == 6_144)
        #expect(PolicySizeLimit.inlineGroup.maximumCharacters == 5_120)
        #expect(PolicySizeLimit.serviceControlPolicy.measure("{ }") == 3)
        #expect(PolicySizeLimit.managedPolicy.measure("{ }") == 2)
    }

    @Test func roleSpecificRules() {
        #expect(
            messages(doc(stmt(#""Principal":"*""#)), .identity) == ["error: Statement[0]: Principal/NotPrincipal is not allowed in a identity policy"]
        )
        #expect(
            messages(doc(stmt()), .resource) == [
                "error: Statement[0]: a resource policy statement needs Principal or NotPrincipal (without one it never applies)"
            ])
        #expect(
            messages(doc(#"{"Effect":"Allow","Action":"sts:AssumeRole","NotPrincipal":{"AWS":"*"}}"#), .trust) == [
                "error: Statement[0].NotPrincipal: NotPrincipal is supported only with \"Effect\": \"Deny\""
            ])
        #expect(messages(doc(stmt(#""Principal":"*""#)), .trust) == ["error: Statement[0]: a trust policy must not have Resource or NotResource"])
        #expect(messages(doc(stmt(resource: nil)), .scp) == ["error: Statement[0].Resource: missing required element (Resource or NotResource)"])
    }

    @Test func valueLevelChecks() {
        let m = messages(
            doc(
                stmt(
                    action: #"["cloudtrail:GetTrail,cloudtrail:ListTrails","GetTrail"]"#,
                    resource: #"["trail/x","arn:aws:cloud*:us-east-1:1:trail/x"]"#, sid: "Dup"),
                stmt(
                    sid: "Dup",
                    #""Condition":{"NumericLessThan":{"k":"ten"},"IpAddress":{"aws:SourceIp":"300.1.1.1"},"DateLessThan":{"aws:CurrentTime":"yesterday"},"Bool":{"aws:SecureTransport":"yes"},"BinaryEquals":{"k":"***"},"ForAllValues:StringEquals":{"aws:TagKeys":"a"}}"#
                )), .identity)
        #expect(
            m.contains(
                "warning: Statement[0].Action[0]: \"cloudtrail:GetTrail,cloudtrail:ListTrails\" contains a comma or space and matches no real action")
        )
        #expect(m.contains("error: Statement[0].Action[1]: \"GetTrail\" must be \"*\" or service:action"))
        #expect(m.contains("error: Statement[0].Resource[0]: \"trail/x\" must be \"*\" or an ARN (arn:partition:service:region:account:resource)"))
        #expect(m.contains("error: Statement[0].Resource[1]: wildcards are not allowed in the service part of an ARN"))
        #expect(m.contains("error: Statement[1].Sid: duplicate Sid \"Dup\" in one policy"))
        #expect(m.contains("error: Statement[1].Condition.NumericLessThan.k: \"ten\" is not a number"))
        #expect(m.contains("error: Statement[1].Condition.IpAddress.aws:SourceIp: \"300.1.1.1\" is not an IP address or CIDR block"))
        #expect(m.contains("error: Statement[1].Condition.DateLessThan.aws:CurrentTime: \"yesterday\" is not an ISO 8601 date or epoch seconds"))
        #expect(m.contains("error: Statement[1].Condition.Bool.aws:SecureTransport: \"yes\" is not true or false"))
        #expect(m.contains("error: Statement[1].Condition.BinaryEquals.k: \"***\" is not base64"))
        #expect(m.contains { $0.hasPrefix("warning: Statement[1].Condition.ForAllValues:StringEquals.aws:TagKeys: ForAllValues with Allow") })
    }

    @Test func versionWarnings() {
        #expect(messages(doc(stmt(), version: nil), .identity).first?.hasPrefix("warning: Version: missing") == true)
        #expect(
            messages(doc(stmt(#""Condition":{"StringEquals":{"k":"${aws:username}"}}"#), version: "2008-10-17"), .identity) == [
                "warning: Statement[0].Condition.StringEquals.k: policy variables need \"Version\": \"2012-10-17\"; the value is literal"
            ])
        #expect(
            messages(doc(stmt(#""Condition":{"NumericEquals":{"k":"${aws:username}"}}"#)), .identity).contains(
                "warning: Statement[0].Condition.NumericEquals.k: NumericEquals does not support policy variables; the value is literal"))
    }

    @Test func parseErrorsAreReportedAsErrorsWithTheirPath() {
        #expect(
            messages(#"{"Statement":{"Effect":"Allow"}}"#, .identity) == ["error: Statement.Action: missing required element (Action or NotAction)"])
    }
}
