import CairnCore
import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// GetAccountAuthorizationDetails and GetContextKeysFor*Policy over REST: the Query door's operations in
/// lower-camel JSON, documents as JSON text, refusals in REST's problem shape.
@Suite struct IAMRESTAuthorizationDetailsTests {
    let headers = ["content-type": "application/json"]
    static let conditioned =
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudtrail:DescribeTrails","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#

    func json(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    func body(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func theAccountsAuthorizationDetailsArePagedAndFilteredOverREST() async throws {
        try await withTestServer { server in
            for user in ["alice", "bob"] {
                #expect(try await server.send(.post, "/v1/iam/users", body: #"{"userName":"\#(user)"}"#, headers: headers).status.code == 201)
            }
            let inline = try body(["policyDocument": Self.conditioned])
            let put = try await server.send(.put, "/v1/iam/users/alice/inline-policies/mfa-trails", body: inline, headers: headers)
            #expect(put.status.code < 300, "\(String(buffer: put.body))")
            #expect(try await server.send(.post, "/v1/iam/groups", body: #"{"groupName":"deployers"}"#, headers: headers).status.code == 201)

            var r = try await server.send(.get, "/v1/iam/authorization-details", query: "filter=User")
            #expect(r.status == .ok, "\(String(buffer: r.body))")
            let users = try #require(json(r)["userDetailList"] as? [[String: Any]])
            #expect(users.map { $0["userName"] as? String } == ["alice", "bob"])
            let policies = try #require(users.first?["userPolicyList"] as? [[String: Any]])
            #expect(policies.first?["policyDocument"] as? String == Self.conditioned, "the document as JSON text, not URL-encoded")
            #expect((json(r)["groupDetailList"] as? [Any])?.isEmpty == true && json(r)["isTruncated"] as? Bool == false)

            r = try await server.send(.get, "/v1/iam/authorization-details", query: "filter=User&filter=Group&limit=2")
            #expect(json(r)["isTruncated"] as? Bool == true)
            let token = try #require(json(r)["nextToken"] as? String)
            r = try await server.send(
                .get, "/v1/iam/authorization-details",
                query: "filter=User&filter=Group&limit=2&nextToken=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            #expect((json(r)["groupDetailList"] as? [[String: Any]])?.first?["groupName"] as? String == "deployers", "\(json(r))")
            // A kind IAM does not know is refused before anything is read.
            r = try await server.send(.get, "/v1/iam/authorization-details", query: "filter=Wizard")
            #expect(r.status == .badRequest, "\(String(buffer: r.body))")
        }
    }

    @Test func theConditionKeysOfPoliciesAndOfAPrincipalAreAnsweredOverREST() async throws {
        try await withTestServer { server in
            var r = try await server.send(.post, "/v1/iam/context-keys", body: try body(["policyInputList": [Self.conditioned]]), headers: headers)
            #expect(r.status == .ok && json(r)["contextKeyNames"] as? [String] == ["aws:MultiFactorAuthPresent"], "\(String(buffer: r.body))")
            #expect(try await server.send(.post, "/v1/iam/users", body: #"{"userName":"carol"}"#, headers: headers).status.code == 201)
            _ = try await server.send(
                .put, "/v1/iam/users/carol/inline-policies/mfa", body: try body(["policyDocument": Self.conditioned]), headers: headers)
            let carol = "arn:aws:iam::\(server.operatorAccount):user/carol"
            r = try await server.send(.post, "/v1/iam/context-keys/principal", body: try body(["policySourceArn": carol]), headers: headers)
            #expect(r.status == .ok && json(r)["contextKeyNames"] as? [String] == ["aws:MultiFactorAuthPresent"], "\(String(buffer: r.body))")
            // Refused in REST's shape: a document that is no policy, a principal that does not exist.
            r = try await server.send(.post, "/v1/iam/context-keys", body: try body(["policyInputList": ["{nope"]]), headers: headers)
            #expect(r.status == .badRequest && json(r)["code"] != nil, "\(String(buffer: r.body))")
            r = try await server.send(
                .post, "/v1/iam/context-keys/principal", body: try body(["policySourceArn": carol + "-missing"]), headers: headers)
            #expect(r.status.code == 404 || r.status.code == 400, "\(String(buffer: r.body))")
        }
    }
}
