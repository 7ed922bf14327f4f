import CairnCore
import CairnTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// The IAM operations REST gained last: OpenID Connect providers, the account's alias and summary, access keys'
/// last use, the credential report, service-linked roles, role descriptions, a policy's entities and tags, and MFA
/// devices' details and tags — each the Query door's operation, in lower-camel JSON, its refusals in REST's shape.
@Suite struct IAMRESTAccountTests {
    let headers = ["content-type": "application/json"]

    func json(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    /// A query parameter, percent-encoded with SigV4's unreserved characters only.
    func q(_ name: String, _ value: String) -> String {
        name + "=" + value.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "-._~").union(.alphanumerics))!
    }

    @Test func anOpenIDConnectProviderLivesOverREST() async throws {
        try await withTestServer { server in
            let thumbprint = String(repeating: "ab", count: 20)
            var r = try await server.send(
                .post, "/v1/iam/oidc-providers",
                body:
                    #"{"url":"https://token.ci.example","clientIds":["sts.amazonaws.com"],"thumbprints":["\#(thumbprint)"],"tags":[{"key":"team","value":"ci"}]}"#,
                headers: headers)
            #expect(r.status.code == 201, "\(String(buffer: r.body))")
            let arn = try #require(json(r)["providerArn"] as? String)
            #expect(arn == "arn:aws:iam::\(server.operatorAccount):oidc-provider/token.ci.example")
            r = try await server.send(.get, "/v1/iam/oidc-providers")
            #expect(json(r)["providers"] as? [String] == [arn])
            let named = q("providerArn", arn)
            #expect(
                try await server.send(.post, "/v1/iam/oidc-provider/client-ids", query: named, body: #"{"clientId":"ci"}"#, headers: headers).status
                    .code == 204)
            #expect(
                try await server.send(.delete, "/v1/iam/oidc-provider/client-ids", query: named + "&" + q("clientId", "sts.amazonaws.com")).status
                    .code == 204)
            let other = String(repeating: "cd", count: 20)
            #expect(
                try await server.send(
                    .put, "/v1/iam/oidc-provider/thumbprints", query: named, body: #"{"thumbprints":["\#(other)"]}"#, headers: headers
                )
                .status.code == 204)
            r = try await server.send(.get, "/v1/iam/oidc-provider", query: named)
            #expect(json(r)["url"] as? String == "token.ci.example" && json(r)["clientIds"] as? [String] == ["ci"], "\(json(r))")
            #expect(json(r)["thumbprints"] as? [String] == [other])
            #expect(
                try await server.send(
                    .post, "/v1/iam/oidc-provider/tags", query: named, body: #"{"tags":[{"key":"stage","value":"prod"}]}"#, headers: headers
                ).status.code == 204)
            #expect(try await server.send(.delete, "/v1/iam/oidc-provider/tags", query: named + "&" + q("tagKeys", "team")).status.code == 204)
            r = try await server.send(.get, "/v1/iam/oidc-provider/tags", query: named)
            #expect((json(r)["tags"] as? [[String: String]]) == [["key": "stage", "value": "prod"]], "\(json(r))")
            // A bad thumbprint changes nothing; a second provider for the same URL is a conflict.
            r = try await server.send(.put, "/v1/iam/oidc-provider/thumbprints", query: named, body: #"{"thumbprints":["xyz"]}"#, headers: headers)
            #expect(r.status.code == 400, "\(json(r))")
            r = try await server.send(
                .post, "/v1/iam/oidc-providers", body: #"{"url":"https://token.ci.example","thumbprints":["\#(thumbprint)"]}"#, headers: headers)
            #expect(r.status.code == 409, "\(json(r))")
            #expect(try await server.send(.delete, "/v1/iam/oidc-provider", query: named).status.code == 204)
            #expect(try await server.send(.get, "/v1/iam/oidc-provider", query: named).status.code == 404)
        }
    }

    @Test func theAccountsAliasSummaryKeysAndReportOverREST() async throws {
        try await withTestServer { server in
            #expect(try await server.send(.put, "/v1/iam/account-aliases/acme-prod").status.code == 204)
            var r = try await server.send(.get, "/v1/iam/account-aliases")
            #expect(json(r)["accountAliases"] as? [String] == ["acme-prod"])
            #expect(try await server.send(.put, "/v1/iam/account-aliases/Not_Valid").status.code == 400)
            #expect(try await server.send(.delete, "/v1/iam/account-aliases/acme-prod").status.code == 204)
            #expect((json(try await server.send(.get, "/v1/iam/account-aliases"))["accountAliases"] as? [String])?.isEmpty == true)

            #expect(try await server.send(.post, "/v1/iam/users", body: #"{"userName":"sam"}"#, headers: headers).status.code == 201)
            r = try await server.send(.get, "/v1/iam/account-summary")
            let summary = try #require(json(r)["summaryMap"] as? [String: Int])
            #expect(summary["Users"] == 1 && summary["UsersQuota"] != nil, "\(summary)")

            r = try await server.send(.post, "/v1/iam/users/sam/access-keys")
            let key = try #require((json(r)["accessKeyId"] as? String) ?? ((json(r)["accessKey"] as? [String: Any])?["accessKeyId"] as? String))
            r = try await server.send(.get, "/v1/iam/access-keys/\(key)/last-used")
            #expect(json(r)["userName"] as? String == "sam" && json(r)["serviceName"] as? String == "N/A", "\(json(r))")
            #expect(try await server.send(.get, "/v1/iam/access-keys/AKIANOTAKEY000000000/last-used").status.code == 404)

            r = try await server.send(.get, "/v1/iam/credential-report")
            #expect(r.status.code == 410 || r.status.code == 404 || r.status.code == 400, "no report yet: \(r.status.code) \(json(r))")
            var state = ""
            for _ in 0..<50 where state != "COMPLETE" {
                state = json(try await server.send(.post, "/v1/iam/credential-report"))["state"] as? String ?? ""
                if state != "COMPLETE" { try await Task.sleep(for: .milliseconds(100)) }
            }
            r = try await server.send(.get, "/v1/iam/credential-report")
            let csv = try #require(json(r)["content"] as? String)
            #expect(csv.hasPrefix("user,arn,user_creation_time") && csv.contains("\nsam,arn:aws:iam::"), "\(csv.prefix(200))")
        }
    }

    @Test func serviceLinkedRolesDescriptionsPolicyEntitiesTagsAndMFATagsOverREST() async throws {
        try await withTestServer { server in
            var r = try await server.send(
                .post, "/v1/iam/service-linked-roles", body: #"{"awsServiceName":"cloudtrail.amazonaws.com"}"#, headers: headers)
            #expect(r.status.code == 201 && json(r)["roleName"] as? String == "AWSServiceRoleForCloudTrail", "\(json(r))")
            r = try await server.send(.post, "/v1/iam/service-linked-roles", body: #"{"awsServiceName":"nosuch.amazonaws.com"}"#, headers: headers)
            #expect(r.status.code == 400, "\(json(r))")
            r = try await server.send(.delete, "/v1/iam/service-linked-roles/AWSServiceRoleForCloudTrail")
            let task = try #require(json(r)["deletionTaskId"] as? String, "\(json(r))")
            #expect(r.status.code == 202)
            r = try await server.send(.get, "/v1/iam/service-linked-role-deletions", query: q("deletionTaskId", task))
            #expect(["SUCCEEDED", "IN_PROGRESS"].contains(json(r)["status"] as? String ?? ""), "\(json(r))")

            let trust =
                #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"#
            #expect(
                try await server.send(
                    .post, "/v1/iam/roles", body: #"{"roleName":"deployer","assumeRolePolicyDocument":"\#(trust)"}"#, headers: headers
                )
                .status.code == 201)
            r = try await server.send(.put, "/v1/iam/roles/deployer/description", body: #"{"description":"Deploys from CI"}"#, headers: headers)
            #expect(json(r)["description"] as? String == "Deploys from CI", "\(json(r))")

            let document =
                #"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"cloudtrail:DescribeTrails\",\"Resource\":\"*\"}]}"#
            r = try await server.send(
                .post, "/v1/iam/policies", body: #"{"policyName":"trail-reader","policyDocument":"\#(document)"}"#, headers: headers)
            let policy = try #require(json(r)["arn"] as? String, "\(json(r))")
            #expect(
                try await server.send(.post, "/v1/iam/roles/deployer/attached-policies", body: #"{"policyArn":"\#(policy)"}"#, headers: headers)
                    .status.code
                    == 204)
            r = try await server.send(.get, "/v1/iam/policy/entities", query: q("policyArn", policy))
            #expect((json(r)["roles"] as? [[String: String]])?.map { $0["roleName"] } == ["deployer"], "\(json(r))")
            #expect((json(r)["users"] as? [Any])?.isEmpty == true)
            let named = q("policyArn", policy)
            #expect(
                try await server.send(
                    .post, "/v1/iam/policy/tags", query: named, body: #"{"tags":[{"key":"team","value":"audit"}]}"#, headers: headers
                ).status.code == 204)
            r = try await server.send(.get, "/v1/iam/policy/tags", query: named)
            #expect((json(r)["tags"] as? [[String: String]]) == [["key": "team", "value": "audit"]])
            #expect(try await server.send(.delete, "/v1/iam/policy/tags", query: named + "&" + q("tagKeys", "team")).status.code == 204)

            r = try await server.send(.post, "/v1/iam/mfa-devices", body: #"{"virtualMfaDeviceName":"desk-token"}"#, headers: headers)
            let serial = try #require(json(r)["serialNumber"] as? String)
            let device = q("serialNumber", serial)
            #expect(
                try await server.send(
                    .post, "/v1/iam/mfa-device/tags", query: device, body: #"{"tags":[{"key":"owner","value":"ops"}]}"#, headers: headers
                ).status.code == 204)
            r = try await server.send(.get, "/v1/iam/mfa-device/tags", query: device)
            #expect((json(r)["tags"] as? [[String: String]]) == [["key": "owner", "value": "ops"]])
            #expect(try await server.send(.delete, "/v1/iam/mfa-device/tags", query: device + "&" + q("tagKeys", "owner")).status.code == 204)
            r = try await server.send(.get, "/v1/iam/mfa-device", query: device)
            #expect(r.status.code == 404 || json(r)["serialNumber"] as? String == serial, "\(r.status.code) \(json(r))")
        }
    }
}
