import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

@Suite struct PolicyEndpointTests {
    static let allowDescribe = """
        {"request": {"principal": {"arn": "arn:aws:iam::123456789012:user/alice", "account": "123456789012"},
                     "action": "cloudtrail:DescribeTrails", "resource": "*"},
         "identityPolicies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cloudtrail:Describe*", "Resource": "*"}]}]}
        """

    func json(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    @Test func simulateReturnsTheEnginesDecision() async throws {
        try await withTestServer { server in
            let allowed = try await server.send(.post, "/v1/policy/simulate", body: Self.allowDescribe, headers: ["content-type": "application/json"])
            #expect(allowed.status == .ok)
            #expect(json(allowed)["decision"] as? String == "Allow")
            let denied = try await server.send(
                .post, "/v1/policy/simulate", body: Self.allowDescribe.replacingOccurrences(of: "DescribeTrails", with: "DeleteTrail"),
                headers: ["content-type": "application/json"])
            #expect(json(denied)["decision"] as? String == "ImplicitDeny")
        }
    }

    @Test func aBadPolicyIsA400ThatNamesTheField() async throws {
        try await withTestServer { server in
            let bad = Self.allowDescribe.replacingOccurrences(of: "\"Effect\": \"Allow\"", with: "\"Effect\": \"Perhaps\"")
            let r = try await server.send(.post, "/v1/policy/simulate", body: bad, headers: ["content-type": "application/json"])
            #expect(r.status.code == 400)
            let detail = json(r)["detail"] as? String ?? ""
            #expect(detail.contains("identityPolicies[0]") && detail.contains("Effect"), "\(detail)")
            let missing = try await server.send(
                .post, "/v1/policy/simulate", body: "{\"identityPolicies\": []}", headers: ["content-type": "application/json"])
            #expect(missing.status.code == 400 && (json(missing)["detail"] as? String ?? "").contains("request"))
            let notJSON = try await server.send(.post, "/v1/policy/simulate", body: "{nope", headers: ["content-type": "application/json"])
            #expect(notJSON.status.code == 400)
        }
    }

    @Test func validateReportsFindingsWithPaths() async throws {
        try await withTestServer { server in
            let doc =
                #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEqualz\":{\"aws:username\":\"x\"}}}]}"#
            let r = try await server.send(
                .post, "/v1/policy/validate", body: "{\"policyDocument\": \"\(doc)\", \"policyType\": \"identity\"}",
                headers: ["content-type": "application/json"])
            #expect(r.status == .ok)
            let body = json(r)
            #expect(body["valid"] as? Bool == false)
            let findings = body["findings"] as? [[String: String]] ?? []
            #expect(findings.contains { $0["path"]?.contains("Condition") == true && $0["message"]?.contains("StringEqualz") == true })
            let missingField = try await server.send(.post, "/v1/policy/validate", body: "{}", headers: ["content-type": "application/json"])
            #expect(missingField.status.code == 400 && (json(missingField)["detail"] as? String ?? "").contains("policyDocument"))
        }
    }
}
