import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Groups and inline policies over REST run the same IAM operations as the Query door.
@Suite struct IAMGroupsRESTTests {
    func json(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    @Test func groupsMembersAndInlinePoliciesRoundTrip() async throws {
        try await withTestServer { server in
            let h = ["content-type": "application/json"]
            let created = try await server.send(.post, "/v1/iam/groups", body: #"{"groupName": "deployers"}"#, headers: h)
            #expect(created.status.code == 201 && (json(created)["arn"] as? String)?.hasSuffix(":group/deployers") == true)
            #expect(try await server.send(.post, "/v1/iam/groups", body: #"{"groupName": "deployers"}"#, headers: h).status.code == 409)
            #expect(try await server.send(.post, "/v1/iam/users", body: #"{"userName": "alice"}"#, headers: h).status.code == 201)
            #expect(try await server.send(.put, "/v1/iam/groups/deployers/members/alice").status.code == 204)
            let group = json(try await server.send(.get, "/v1/iam/groups/deployers"))
            #expect((group["users"] as? [[String: Any]])?.first?["userName"] as? String == "alice")

            let doc = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cairn:ListRegions\",\"Resource\":\"*\"}]}"#
            for owner in ["users/alice", "groups/deployers"] {
                #expect(
                    try await server.send(.put, "/v1/iam/\(owner)/inline-policies/read", body: #"{"policyDocument": "\#(doc)"}"#, headers: h).status
                        .code == 204)
                let listed = json(try await server.send(.get, "/v1/iam/\(owner)/inline-policies"))
                #expect(listed["policyNames"] as? [String] == ["read"])
                let got = json(try await server.send(.get, "/v1/iam/\(owner)/inline-policies/read"))
                #expect((got["policyDocument"] as? String)?.contains("cairn:ListRegions") == true)
            }
            let bad = try await server.send(
                .put, "/v1/iam/users/alice/inline-policies/bad", body: #"{"policyDocument": "{\"Version\":1}"}"#, headers: h)
            #expect(bad.status.code == 400 && json(bad)["code"] as? String == "MalformedPolicyDocument")
            #expect(try await server.send(.get, "/v1/iam/roles/nobody/inline-policies").status.code == 404)
            #expect(
                try await server.send(.delete, "/v1/iam/groups/deployers").status.code == 409, "a group with members and policies cannot be deleted")
            #expect(try await server.send(.delete, "/v1/iam/groups/deployers/inline-policies/read").status.code == 204)
            #expect(try await server.send(.delete, "/v1/iam/groups/deployers/members/alice").status.code == 204)
            #expect(try await server.send(.delete, "/v1/iam/groups/deployers").status.code == 204)
            #expect(try await server.send(.get, "/v1/iam/groups/deployers").status.code == 404)
        }
    }
}
