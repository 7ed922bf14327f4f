import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// IAM management over REST: the same operations as the Query door, in JSON.
@Suite struct IAMRESTTests {
    static func json(_ r: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])
    }

    @Test func usersAccessKeysAndAttachmentsOverREST() async throws {
        try await withTestServer { server in
            let headers = ["content-type": "application/json"]
            let created = try await server.send(
                .post, "/v1/iam/users", body: #"{"userName":"rita","path":"/ops/","tags":[{"key":"team","value":"core"}]}"#, headers: headers)
            #expect(created.status.code == 201, "\(String(buffer: created.body))")
            #expect(try Self.json(created)["arn"] as? String == "arn:aws:iam::\(server.operatorAccount):user/ops/rita")
            let got = try await server.send(.get, "/v1/iam/users/RITA")
            #expect(try Self.json(got)["userName"] as? String == "rita")
            let dup = try await server.send(.post, "/v1/iam/users", body: #"{"userName":"rita"}"#, headers: headers)
            let dupBody = try Self.json(dup)
            #expect(dup.status.code == 409 && dupBody["code"] as? String == "EntityAlreadyExists")
            let bad = try await server.send(.post, "/v1/iam/users", body: #"{"userName":"no spaces"}"#, headers: headers)
            let badBody = try Self.json(bad)
            #expect(bad.status.code == 400 && (badBody["detail"] as? String)?.contains("userName") == true)

            let key = try await server.send(.post, "/v1/iam/users/rita/access-keys")
            #expect(key.status.code == 201)
            let keyBody = try Self.json(key)
            let keyId = try #require(keyBody["accessKeyId"] as? String)
            #expect((keyBody["secretAccessKey"] as? String)?.count == 40)
            let keys = try await server.send(.get, "/v1/iam/users/rita/access-keys")
            let listed = try Self.json(keys)["accessKeys"] as? [[String: Any]]
            #expect(listed?.map { $0["accessKeyId"] as? String } == [keyId] && !String(buffer: keys.body).contains("secretAccessKey"))
            let inactive = try await server.send(.patch, "/v1/iam/users/rita/access-keys/\(keyId)", body: #"{"status":"Inactive"}"#, headers: headers)
            #expect(inactive.status.code == 204)
            let conflict = try await server.send(.delete, "/v1/iam/users/rita")
            #expect(conflict.status.code == 409)
            #expect(try await server.send(.delete, "/v1/iam/users/rita/access-keys/\(keyId)").status.code == 204)

            let attach = try await server.send(
                .post, "/v1/iam/users/rita/attached-policies", body: #"{"policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}"#, headers: headers)
            #expect(attach.status.code == 204)
            let policy = try await server.send(.get, "/v1/iam/policy", query: "policyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess")
            #expect(try Self.json(policy)["attachmentCount"] as? Int == 1)
            let users = try await server.send(.get, "/v1/iam/users", query: "limit=1")
            let usersBody = try Self.json(users)
            #expect((usersBody["users"] as? [Any])?.count == 1)
        }
    }

    @Test func rolesAndPoliciesOverREST() async throws {
        try await withTestServer { server in
            let headers = ["content-type": "application/json"]
            let trust =
                #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}"#
            let role = try await server.send(
                .post, "/v1/iam/roles", body: #"{"roleName":"deployer","assumeRolePolicyDocument":"\#(trust)"}"#, headers: headers)
            #expect(role.status.code == 201, "\(String(buffer: role.body))")
            let roleBody = try Self.json(role)
            #expect((roleBody["assumeRolePolicyDocument"] as? String)?.hasPrefix("{\"Version\"") == true)
            #expect(try await server.send(.get, "/v1/iam/roles").status.code == 200)
            let doc = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:Get*\",\"Resource\":\"*\"}]}"#
            let policy = try await server.send(
                .post, "/v1/iam/policies", body: #"{"policyName":"readers","policyDocument":"\#(doc)"}"#, headers: headers)
            #expect(policy.status.code == 201)
            let arn = try #require(try Self.json(policy)["arn"] as? String)
            let attach = try await server.send(.post, "/v1/iam/roles/deployer/attached-policies", body: #"{"policyArn":"\#(arn)"}"#, headers: headers)
            #expect(attach.status.code == 204)
            let local = try await server.send(.get, "/v1/iam/policies", query: "scope=Local")
            let localPolicies = try Self.json(local)["policies"] as? [[String: Any]]
            #expect(localPolicies?.map { $0["arn"] as? String } == [arn])
            let encoded = arn.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await server.send(.delete, "/v1/iam/policy", query: "policyArn=\(encoded)").status.code == 409)
            #expect(try await server.send(.delete, "/v1/iam/roles/deployer").status.code == 409)

            // Listing and detaching over REST, as the AWS door does.
            let listed = try Self.json(try await server.send(.get, "/v1/iam/roles/deployer/attached-policies"))
            #expect((listed["attachedPolicies"] as? [[String: Any]])?.map { $0["policyArn"] as? String } == [arn])
            let missing = try await server.send(.delete, "/v1/iam/roles/deployer/attached-policies")
            #expect(missing.status.code == 400 && String(buffer: missing.body).contains("policyArn"))
            let detach = try await server.send(.delete, "/v1/iam/roles/deployer/attached-policies", query: "policyArn=\(encoded)")
            #expect(detach.status.code == 204)
            let again = try await server.send(.delete, "/v1/iam/roles/deployer/attached-policies", query: "policyArn=\(encoded)")
            #expect(again.status.code == 404, "\(String(buffer: again.body))")
            let empty = try Self.json(try await server.send(.get, "/v1/iam/roles/deployer/attached-policies"))
            #expect((empty["attachedPolicies"] as? [Any])?.isEmpty == true)
            #expect(try await server.send(.get, "/v1/iam/users/nobody/attached-policies").status.code == 404)
            #expect(try await server.send(.delete, "/v1/iam/roles/deployer").status.code == 204, "nothing attached any more")
        }
    }
}
