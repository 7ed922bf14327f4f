import CairnTestSupport
import Foundation
import HTTPTypes
import Testing

/// The trail API over REST: the same operations, rules and errors as the CloudTrail door, in lower-camel JSON.
@Suite struct TrailRESTTests {
    func rest(
        _ server: TestServer, _ method: HTTPRequestMethod, _ path: String, query: String = "", body: String = "", as tenant: Tenant? = nil,
        region: String = TestServer.region
    ) async throws -> (status: Int, body: [String: Any]) {
        let r = try await server.send(
            method.value, path, query: query, body: body, region: region, credentials: tenant?.credentials,
            headers: body.isEmpty ? [:] : ["content-type": "application/json"])
        return (Int(r.status.code), server.json(r))
    }

    /// An ARN as a path segment: every reserved character percent-encoded, the slash included.
    func segment(_ arn: String) -> String {
        arn.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))!
    }

    @Test func aTrailsWholeLifeOverREST() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            let created = try await rest(
                server, .post, "/v1/trails",
                body:
                    #"{"name": "rest-trail", "s3BucketName": "rest-logs", "isMultiRegionTrail": true, "tagsList": [{"key": "team", "value": "platform"}]}"#,
                as: owner)
            #expect(created.status == 201, "\(created.body)")
            let arn = try #require(created.body["trailARN"] as? String)
            #expect(arn == "arn:aws:cloudtrail:us-east-1:\(owner.account):trail/rest-trail")
            #expect(created.body["includeGlobalServiceEvents"] as? Bool == true && created.body["homeRegion"] == nil)

            // By name at home, by encoded ARN from another region.
            let byName = try await rest(server, .get, "/v1/trails/rest-trail", as: owner)
            #expect(
                byName.status == 200 && byName.body["homeRegion"] as? String == "us-east-1"
                    && byName.body["hasCustomEventSelectors"] as? Bool == false)
            let byARN = try await rest(server, .get, "/v1/trails/\(segment(arn))", as: owner, region: "eu-west-1")
            #expect(byARN.status == 200 && byARN.body["trailARN"] as? String == arn, "\(byARN.body)")

            let described = try await rest(server, .get, "/v1/trails", query: "includeShadowTrails=false", as: owner, region: "eu-west-1")
            #expect((described.body["trailList"] as? [[String: Any]])?.isEmpty == true)
            let shadows = try await rest(server, .get, "/v1/trails", as: owner, region: "eu-west-1")
            #expect((shadows.body["trailList"] as? [[String: Any]])?.first?["trailARN"] as? String == arn)
            let summaries = try await rest(server, .get, "/v1/trail-summaries", as: owner)
            #expect((summaries.body["trails"] as? [[String: Any]])?.first?["homeRegion"] as? String == "us-east-1")

            let updated = try await rest(
                server, .patch, "/v1/trails/rest-trail", body: #"{"isMultiRegionTrail": false, "s3KeyPrefix": "logs"}"#, as: owner)
            #expect(updated.status == 200 && updated.body["isMultiRegionTrail"] as? Bool == false, "\(updated.body)")
            #expect(updated.body["includeGlobalServiceEvents"] as? Bool == false && updated.body["s3KeyPrefix"] as? String == "logs")

            #expect(try await rest(server, .post, "/v1/trails/rest-trail/start-logging", as: owner).status == 204)
            let status = try await rest(server, .get, "/v1/trails/rest-trail/status", as: owner)
            #expect(status.body["isLogging"] as? Bool == true && status.body["startLoggingTime"] is String, "\(status.body)")
            #expect(try await rest(server, .post, "/v1/trails/rest-trail/stop-logging", as: owner).status == 204)
            #expect(try await rest(server, .get, "/v1/trails/rest-trail/status", as: owner).body["isLogging"] as? Bool == false)

            let selectors = try await rest(server, .get, "/v1/trails/rest-trail/event-selectors", as: owner)
            #expect((selectors.body["eventSelectors"] as? [[String: Any]])?.first?["readWriteType"] as? String == "All")
            let advanced = try await rest(
                server, .put, "/v1/trails/rest-trail/event-selectors",
                body:
                    #"{"advancedEventSelectors": [{"name": "writes", "fieldSelectors": [{"field": "eventCategory", "equals": ["Management"]}, {"field": "readOnly", "equals": ["false"]}]}]}"#,
                as: owner)
            #expect(advanced.status == 200 && advanced.body["eventSelectors"] == nil, "\(advanced.body)")
            #expect((advanced.body["advancedEventSelectors"] as? [[String: Any]])?.first?["name"] as? String == "writes")

            #expect(
                try await rest(server, .get, "/v1/trails/rest-trail/insight-selectors", as: owner).body["code"] as? String
                    == "InsightNotEnabledException")
            let insights = try await rest(
                server, .put, "/v1/trails/rest-trail/insight-selectors", body: #"{"insightSelectors": [{"insightType": "ApiCallRateInsight"}]}"#,
                as: owner)
            #expect(insights.status == 200, "\(insights.body)")
            #expect((insights.body["insightSelectors"] as? [[String: Any]])?.first?["eventCategories"] as? [String] == ["Management"])

            #expect(
                try await rest(server, .post, "/v1/trails/\(segment(arn))/tags", body: #"{"tagsList": [{"key": "env", "value": "prod"}]}"#, as: owner)
                    .status == 204)
            let tags = try await rest(server, .get, "/v1/trails/\(segment(arn))/tags", as: owner)
            #expect(Set(((tags.body["tagsList"] as? [[String: Any]]) ?? []).compactMap { $0["key"] as? String }) == ["team", "env"])
            #expect(try await rest(server, .delete, "/v1/trails/\(segment(arn))/tags", query: "key=team", as: owner).status == 204)
            let left = try await rest(server, .get, "/v1/trails/\(segment(arn))/tags", as: owner)
            #expect(((left.body["tagsList"] as? [[String: Any]]) ?? []).compactMap { $0["key"] as? String } == ["env"])

            #expect(try await rest(server, .delete, "/v1/trails/rest-trail", as: owner).status == 204)
            #expect(try await rest(server, .get, "/v1/trails/rest-trail", as: owner).body["code"] as? String == "TrailNotFoundException")
        }
    }

    @Test func restRefusalsAreProblemsNamingTheRuleAndChangeNothing() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            let badName = try await rest(server, .post, "/v1/trails", body: #"{"name": "my--trail", "s3BucketName": "rest-logs"}"#, as: owner)
            #expect(badName.status == 400 && badName.body["code"] as? String == "InvalidTrailNameException", "\(badName.body)")
            let badBucket = try await rest(server, .post, "/v1/trails", body: #"{"name": "ok-trail", "s3BucketName": "Bad_Bucket"}"#, as: owner)
            #expect(badBucket.body["code"] as? String == "InvalidS3BucketNameException")
            let combo = try await rest(
                server, .post, "/v1/trails",
                body: #"{"name": "ok-trail", "s3BucketName": "rest-logs", "isMultiRegionTrail": true, "includeGlobalServiceEvents": false}"#,
                as: owner)
            #expect(combo.body["code"] as? String == "InvalidParameterCombinationException")
            #expect(combo.body["detail"] as? String == "Multi-Region trail must include global service events.")
            let wrongType = try await rest(server, .post, "/v1/trails", body: #"{"name": "ok-trail", "s3BucketName": 7}"#, as: owner)
            #expect(wrongType.status == 400, "\(wrongType.body)")
            let both = try await rest(
                server, .put, "/v1/trails/none-such/event-selectors", body: #"{"eventSelectors": [], "advancedEventSelectors": []}"#, as: owner)
            #expect(both.status == 400)
            let badARN = try await rest(server, .get, "/v1/trails/\(segment("arn:aws:cloudtrail:us-east-1:12:trail/x"))", as: owner)
            #expect(badARN.body["code"] as? String == "CloudTrailARNInvalidException", "\(badARN.body)")
            let listed = try await rest(server, .get, "/v1/trails", as: owner)
            #expect((listed.body["trailList"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func cloudTrailDelegatedAdministratorsOverREST() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("member")
            try await server.organizationForTrails(management: management, members: [member])
            let body = #"{"memberAccountId": "\#(member.account)"}"#
            #expect(try await rest(server, .post, "/v1/organization/trail-delegated-administrators", body: body, as: management).status == 204)
            let again = try await rest(server, .post, "/v1/organization/trail-delegated-administrators", body: body, as: management)
            #expect(again.body["code"] as? String == "AccountRegisteredException", "\(again.body)")
            let byMember = try await rest(server, .delete, "/v1/organization/trail-delegated-administrators/\(member.account)", as: member)
            #expect(byMember.body["code"] as? String == "NotOrganizationManagementAccountException", "\(byMember.body)")
            #expect(
                try await rest(server, .delete, "/v1/organization/trail-delegated-administrators/\(member.account)", as: management).status == 204)
        }
    }
}

/// The few HTTP methods these tests use, spelled as the test server's request type wants them.
enum HTTPRequestMethod {
    case get, post, put, patch, delete
    var value: HTTPRequest.Method {
        switch self {
        case .get: .get
        case .post: .post
        case .put: .put
        case .patch: .patch
        case .delete: .delete
        }
    }
}
