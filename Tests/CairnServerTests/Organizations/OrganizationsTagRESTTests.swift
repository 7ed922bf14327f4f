import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// Organizations tags over REST (`/v1/organization/resources/{resourceId}/tags`), and how tag calls are
/// authorized: against the resource's ARN, with the request's tags as condition keys.
@Suite struct OrganizationsTagRESTTests {
    typealias Estate = OrganizationsTagTests.Estate

    func tags(_ body: [String: Any]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (body["tags"] as? [[String: String]] ?? []).map { ($0["key"]!, $0["value"]!) })
    }

    @Test func tagsOverREST() async throws {
        try await withTestServer { s in
            let e = try await OrganizationsTagTests.estate(s, "rest-tags")
            let path = "/v1/organization/resources/\(e.ou)/tags"
            try await s.rest(
                .post, path, ["tags": [["key": "team", "value": "platform"], ["key": "env", "value": "prod"]]], as: e.management, expect: 204)
            let listed = try await s.rest(.get, path, as: e.management, expect: 200)
            #expect(tags(listed) == ["team": "platform", "env": "prod"] && listed["nextToken"] == nil)
            #expect((listed["tags"] as? [[String: String]])?.map { $0["key"]! } == ["env", "team"])
            try await s.rest(.delete, path, query: "key=env&key=absent", as: e.management, expect: 204)
            #expect(tags(try await s.rest(.get, path, as: e.management, expect: 200)) == ["team": "platform"])
            // Pages of 20 and a nextToken, as ListTagsForResource gives them.
            let many = (0..<22).map { ["key": "k\($0)", "value": "v"] }
            try await s.rest(.post, "/v1/organization/resources/\(e.root)/tags", ["tags": many], as: e.management, expect: 204)
            let first = try await s.rest(.get, "/v1/organization/resources/\(e.root)/tags", as: e.management, expect: 200)
            let token = try #require(first["nextToken"] as? String)
            let second = try await s.rest(
                .get, "/v1/organization/resources/\(e.root)/tags",
                query: "nextToken=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
                as: e.management, expect: 200)
            #expect(tags(first).count == 20 && tags(second).count == 2 && second["nextToken"] == nil)

            // Refusals keep AWS's codes and reasons; nothing changes.
            let detail = try await s.restRefused(.post, path, ["tags": [["key": "aws:x", "value": "v"]]], as: e.management, "InvalidInputException")
            #expect(detail.contains("Tags[0].Key"))
            let (status, body) = try await s.rest(.post, path, ["tags": (0..<51).map { ["key": "y\($0)", "value": "v"] }], as: e.management)
            #expect(
                status == 400 && body["code"] as? String == "ConstraintViolationException" && body["reason"] as? String == "MAX_TAG_LIMIT_EXCEEDED",
                "\(body)")
            try await s.restRefused(.get, "/v1/organization/resources/not-an-id/tags", as: e.management, "InvalidInputException")
            try await s.restRefused(.get, "/v1/organization/resources/ou-zzzz-zzzzzzzz/tags", as: e.management, "TargetNotFoundException")
            try await s.restRefused(.post, path, ["tags": [["key": "team", "value": "x"]]], as: e.member, "AccessDeniedException")
            try await s.restRefused(.delete, path, query: "key=team", as: e.member, "AccessDeniedException")
            // A missing body member or query parameter is refused before the operation, naming the REST field.
            let (missing, problem) = try await s.rest(.delete, path, as: e.management)
            #expect(missing == 400 && "\(problem)".contains("key"), "\(problem)")
            #expect(tags(try await s.rest(.get, path, as: e.management, expect: 200)) == ["team": "platform"])
        }
    }

    @Test func tagCallsAreAuthorizedAgainstTheResourceARNAndTheRequestsTags() async throws {
        try await withTestServer { s in
            let e = try await OrganizationsTagTests.estate(s, "arn-tags")
            let ouArn = try #require(
                (try await s.ok("DescribeOrganizationalUnit", ["OrganizationalUnitId": e.ou], as: e.management)["OrganizationalUnit"]
                    as? [String: Any])?[
                        "Arn"] as? String)
            let account = try #require(AccountId(e.management.account))
            let onOU = try await s.createUser("ou-tagger", account: account, inline: [policy("Allow", "organizations:*Tag*", resource: ouArn)])
            let ouTagger = Tenant(account: e.management.account, credentials: onOU.credentials)
            try await s.ok("TagResource", ["ResourceId": e.ou, "Tags": [["Key": "team", "Value": "a"]]], as: ouTagger)
            #expect(
                try await s.ok("ListTagsForResource", ["ResourceId": e.ou], as: ouTagger)["Tags"] as? [[String: String]] == [
                    ["Key": "team", "Value": "a"]
                ])
            let (status, denied) = try await s.organizations(
                "TagResource", ["ResourceId": e.root, "Tags": [["Key": "team", "Value": "a"]]], as: ouTagger)
            let rootArn = "arn:aws:organizations::\(e.management.account):root/\(e.organizationId)/\(e.root)"
            #expect(status == 400 || status == 403)
            #expect(denied["__type"] as? String == "AccessDeniedException" && (denied["message"] as? String ?? "").contains(rootArn), "\(denied)")

            let condition = #"{"StringEquals": {"aws:RequestTag/team": "platform"}}"#
            let onTeam = try await s.createUser(
                "team-tagger", account: account, inline: [policy("Allow", "organizations:TagResource", condition: condition)])
            let teamTagger = Tenant(account: e.management.account, credentials: onTeam.credentials)
            try await s.ok("TagResource", ["ResourceId": e.policy, "Tags": [["Key": "team", "Value": "platform"]]], as: teamTagger)
            let (_, other) = try await s.organizations(
                "TagResource", ["ResourceId": e.policy, "Tags": [["Key": "team", "Value": "other"]]], as: teamTagger)
            #expect(other["__type"] as? String == "AccessDeniedException", "\(other)")
            #expect(try await OrganizationsTagTests.tags(s, e.policy, as: e.management) == ["team": "platform"])
        }
    }
}
