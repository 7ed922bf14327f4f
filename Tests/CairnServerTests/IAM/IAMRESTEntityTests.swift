import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The IAM operations the REST door gained after the AWS door: tags, permissions boundaries, a user's groups, group
/// attachments and policy versions — each answering as the Query door does, and refusing bad input without change.
@Suite struct IAMRESTEntityTests {
    let headers = ["content-type": "application/json"]
    let arnQuery = "policyArn=" + "arn:aws:iam::aws:policy/ReadOnlyAccess".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

    /// A trust policy as JSON text escaped for a JSON string.
    let trust =
        #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}"#

    func createDeployer(_ server: TestServer) async throws {
        let r = try await server.send(
            .post, "/v1/iam/roles", body: #"{"roleName":"deployer","assumeRolePolicyDocument":"\#(trust)"}"#, headers: headers)
        #expect(r.status.code == 201, "\(String(buffer: r.body))")
    }

    func json(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    @Test func tagsBoundariesAndGroupsOfUsersAndRoles() async throws {
        try await withTestServer { server in
            #expect(try await server.send(.post, "/v1/iam/users", body: #"{"userName":"rita"}"#, headers: headers).status.code == 201)
            var r = try await server.send(
                .post, "/v1/iam/users/rita/tags", body: #"{"tags":[{"key":"team","value":"core"},{"key":"env","value":"prod"}]}"#, headers: headers)
            #expect(r.status.code == 204, "\(String(buffer: r.body))")
            r = try await server.send(.get, "/v1/iam/users/rita/tags")
            #expect((json(r)["tags"] as? [[String: Any]])?.compactMap { $0["key"] as? String } == ["env", "team"], "\(json(r))")
            #expect(try await server.send(.delete, "/v1/iam/users/rita/tags", query: "tagKeys=env&tagKeys=nope").status.code == 204)
            r = try await server.send(.get, "/v1/iam/users/rita/tags")
            #expect((json(r)["tags"] as? [[String: Any]])?.count == 1)
            r = try await server.send(.delete, "/v1/iam/users/rita/tags")
            #expect(r.status.code == 400, "tagKeys is required: \(String(buffer: r.body))")
            r = try await server.send(.post, "/v1/iam/users/nobody/tags", body: #"{"tags":[{"key":"k","value":"v"}]}"#, headers: headers)
            #expect(r.status.code == 404 && json(r)["code"] as? String == "NoSuchEntity")

            r = try await server.send(
                .put, "/v1/iam/users/rita/permissions-boundary", body: #"{"permissionsBoundary":"arn:aws:iam::aws:policy/ReadOnlyAccess"}"#,
                headers: headers)
            #expect(r.status.code == 204, "\(String(buffer: r.body))")
            r = try await server.send(.get, "/v1/iam/users/rita")
            #expect(String(buffer: r.body).contains("arn:aws:iam::aws:policy/ReadOnlyAccess"), "\(String(buffer: r.body))")
            r = try await server.send(.put, "/v1/iam/users/rita/permissions-boundary", body: #"{"permissionsBoundary":"nope"}"#, headers: headers)
            #expect(r.status.code == 400, "\(String(buffer: r.body))")
            #expect(try await server.send(.delete, "/v1/iam/users/rita/permissions-boundary").status.code == 204)
            r = try await server.send(.get, "/v1/iam/users/rita")
            #expect(!String(buffer: r.body).contains("ReadOnlyAccess"))

            #expect(try await server.send(.post, "/v1/iam/groups", body: #"{"groupName":"auditors"}"#, headers: headers).status.code == 201)
            #expect(try await server.send(.put, "/v1/iam/groups/auditors/members/rita").status.code == 204)
            r = try await server.send(.get, "/v1/iam/users/rita/groups")
            #expect((json(r)["groups"] as? [[String: Any]])?.first?["groupName"] as? String == "auditors", "\(json(r))")
            r = try await server.send(
                .post, "/v1/iam/groups/auditors/attached-policies", body: #"{"policyArn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}"#,
                headers: headers)
            #expect(r.status.code == 204)
            r = try await server.send(.get, "/v1/iam/groups/auditors/attached-policies")
            #expect((json(r)["attachedPolicies"] as? [[String: Any]])?.first?["policyName"] as? String == "ReadOnlyAccess")
            #expect(try await server.send(.delete, "/v1/iam/groups/auditors/attached-policies", query: arnQuery).status.code == 204)
            r = try await server.send(.get, "/v1/iam/groups/auditors/attached-policies")
            #expect((json(r)["attachedPolicies"] as? [Any])?.isEmpty == true)

            try await createDeployer(server)
            #expect(
                try await server.send(.post, "/v1/iam/roles/deployer/tags", body: #"{"tags":[{"key":"team","value":"ci"}]}"#, headers: headers).status
                    .code == 204)
            r = try await server.send(.get, "/v1/iam/roles/deployer/tags")
            #expect((json(r)["tags"] as? [[String: Any]])?.first?["value"] as? String == "ci")
            #expect(try await server.send(.delete, "/v1/iam/roles/deployer/tags", query: "tagKeys=team").status.code == 204)
            r = try await server.send(
                .put, "/v1/iam/roles/deployer/permissions-boundary", body: #"{"permissionsBoundary":"arn:aws:iam::aws:policy/ReadOnlyAccess"}"#,
                headers: headers)
            #expect(r.status.code == 204)
            #expect(try await server.send(.delete, "/v1/iam/roles/deployer/permissions-boundary").status.code == 204)
        }
    }

    @Test func aPolicysVersionsAreMadeReadChosenAndDeleted() async throws {
        try await withTestServer { server in
            let v1 = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cloudtrail:Describe*\",\"Resource\":\"*\"}]}"#
            let v2 = #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cloudtrail:Get*\",\"Resource\":\"*\"}]}"#
            var r = try await server.send(.post, "/v1/iam/policies", body: #"{"policyName":"readers","policyDocument":"\#(v1)"}"#, headers: headers)
            #expect(r.status.code == 201, "\(String(buffer: r.body))")
            let arn = try #require(json(r)["arn"] as? String)
            let q = "policyArn=" + arn.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            r = try await server.send(
                .post, "/v1/iam/policy/versions", query: q, body: #"{"policyDocument":"\#(v2)","setAsDefault":true}"#, headers: headers)
            #expect(r.status.code == 201 && json(r)["versionId"] as? String == "v2" && json(r)["isDefaultVersion"] as? Bool == true, "\(json(r))")
            r = try await server.send(.get, "/v1/iam/policy/versions", query: q)
            #expect((json(r)["versions"] as? [[String: Any]])?.compactMap { $0["versionId"] as? String } == ["v2", "v1"], "\(json(r))")
            r = try await server.send(.get, "/v1/iam/policy/versions/v2", query: q)
            #expect((json(r)["document"] as? String)?.contains("cloudtrail:Get*") == true, "plain JSON, not URL-encoded: \(json(r))")
            r = try await server.send(.delete, "/v1/iam/policy/versions/v2", query: q)
            #expect(r.status.code == 409 && json(r)["code"] as? String == "DeleteConflict", "the default version stays: \(json(r))")
            #expect(
                try await server.send(.put, "/v1/iam/policy/default-version", query: q, body: #"{"versionId":"v1"}"#, headers: headers).status.code
                    == 204)
            #expect(try await server.send(.delete, "/v1/iam/policy/versions/v2", query: q).status.code == 204)
            r = try await server.send(.put, "/v1/iam/policy/default-version", query: q, body: #"{"versionId":"v9"}"#, headers: headers)
            #expect(r.status.code == 404, "\(json(r))")
            r = try await server.send(.post, "/v1/iam/policy/versions", query: q, body: #"{"policyDocument":"not json"}"#, headers: headers)
            #expect(r.status.code == 400 && json(r)["code"] as? String == "MalformedPolicyDocument", "\(json(r))")
            r = try await server.send(.get, "/v1/iam/policy/versions", query: q)
            #expect((json(r)["versions"] as? [Any])?.count == 1, "refusals made no version")
        }
    }

    @Test func usersGroupsAndRolesAreUpdatedAndABadUpdateChangesNothing() async throws {
        try await withTestServer { server in
            #expect(try await server.send(.post, "/v1/iam/users", body: #"{"userName":"rita"}"#, headers: headers).status.code == 201)
            var r = try await server.send(.patch, "/v1/iam/users/rita", body: #"{"newUserName":"rita-ops","newPath":"/ops/"}"#, headers: headers)
            #expect(r.status.code == 204, "\(String(buffer: r.body))")
            r = try await server.send(.get, "/v1/iam/users/rita-ops")
            #expect(json(r)["path"] as? String == "/ops/" && json(r)["arn"] as? String == "arn:aws:iam::\(server.operatorAccount):user/ops/rita-ops")
            #expect(try await server.send(.get, "/v1/iam/users/rita").status.code == 404)

            #expect(try await server.send(.post, "/v1/iam/groups", body: #"{"groupName":"auditors"}"#, headers: headers).status.code == 201)
            #expect(
                try await server.send(.patch, "/v1/iam/groups/auditors", body: #"{"newGroupName":"auditors-eu"}"#, headers: headers).status.code
                    == 204)
            #expect(try await server.send(.get, "/v1/iam/groups/auditors-eu").status.code == 200)

            try await createDeployer(server)
            r = try await server.send(.patch, "/v1/iam/roles/deployer", body: #"{"description":"ci","maxSessionDuration":7200}"#, headers: headers)
            #expect(r.status.code == 204, "\(String(buffer: r.body))")
            r = try await server.send(.patch, "/v1/iam/roles/deployer", body: #"{"maxSessionDuration":10}"#, headers: headers)
            #expect(r.status.code == 400 && (json(r)["detail"] as? String)?.contains("maxSessionDuration") == true, "\(json(r))")
            r = try await server.send(.get, "/v1/iam/roles/deployer")
            #expect(json(r)["maxSessionDuration"] as? Int == 7200 && json(r)["description"] as? String == "ci", "\(json(r))")
            let other = trust.replacingOccurrences(of: "123456789012", with: "210987654321")
            r = try await server.send(.put, "/v1/iam/roles/deployer/trust-policy", body: #"{"policyDocument":"\#(other)"}"#, headers: headers)
            #expect(r.status.code == 204, "\(String(buffer: r.body))")
            r = try await server.send(.get, "/v1/iam/roles/deployer")
            #expect(String(buffer: r.body).contains("210987654321"), "\(String(buffer: r.body))")
            r = try await server.send(.put, "/v1/iam/roles/deployer/trust-policy", body: #"{"policyDocument":"{}"}"#, headers: headers)
            #expect(r.status.code == 400, "\(String(buffer: r.body))")
        }
    }
}
