import CairnServer
import CairnStore
import CairnTestSupport
import Foundation
import Logging
import Testing

/// Trail delivery end to end: calls on a live server, a delivery pass over the same database, and the files
/// in the bucket.
@Suite struct TrailDeliveryTests {
    @Test func aLoggingTrailDeliversEachOfItsAccountsEventsOnceInCloudTrailsLayout() async throws {
        try await withTestServer { server in
            let harness = DeliveryHarness(server)
            let owner = try await server.createTenant("owner")
            let stranger = try await server.createTenant("stranger")
            let arn = try #require(
                try await server.trailOK("CreateTrail", ["Name": "audit", "S3BucketName": "owner-logs", "S3KeyPrefix": "team"], as: owner)["TrailARN"]
                    as? String)
            let before = try await harness.storedEvents(account: owner.account, since: .distantPast).map(\.id)
            try await server.trailOK("StartLogging", ["Name": arn], as: owner)
            try await server.trailOK("DescribeTrails", [:], as: owner)
            try await server.trailOK("GetTrailStatus", ["Name": arn], as: owner)
            try await server.trailOK("DescribeTrails", [:], as: owner, region: "eu-west-1")  // another region: not this trail's
            try await server.trailOK("DescribeTrails", [:], as: stranger)  // another account: never
            let expected = Set(
                try await harness.storedEvents(account: owner.account, since: .distantPast).filter { $0.region == "us-east-1" }.map(\.id)
            )
            .subtracting(before)
            try await harness.deliver { try await harness.deliveredIds("owner-logs").isSuperset(of: expected) }
            let records = try await harness.records(in: "owner-logs")
            let delivered = records.values.flatMap { $0 }.compactMap { $0["eventID"] as? String }
            #expect(Set(delivered) == expected, "exactly the owner's us-east-1 events since StartLogging")
            #expect(delivered.count == Set(delivered).count, "each event once")
            #expect(
                records.values.flatMap { $0 }.allSatisfy {
                    $0["recipientAccountId"] as? String == owner.account && $0["awsRegion"] as? String == "us-east-1"
                })
            for key in records.keys {
                let pattern =
                    #/^team/AWSLogs/(\d{12})/CloudTrail/us-east-1/\d{4}/\d{2}/\d{2}/(\d{12})_CloudTrail_us-east-1_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/#
                let match = try #require(key.wholeMatch(of: pattern), "key \(key)")
                #expect(match.1 == owner.account && match.2 == owner.account)
            }
            let status = try await server.trailOK("GetTrailStatus", ["Name": arn], as: owner)
            #expect(status["LatestDeliveryTime"] is Double && status["LatestDeliveryError"] == nil)
            // A second pass finds nothing new to deliver.
            let again = try #require(try await harness.delivery.deliverOnce(now: Date()))
            #expect(again.logFiles <= 1)
            #expect(
                Set(try await harness.records(in: "owner-logs").values.flatMap { $0 }.compactMap { $0["eventID"] as? String }).isSuperset(
                    of: expected))
        }
    }

    @Test func eventsOutsideTheLoggingWindowAndUnselectedEventsAreNotDelivered() async throws {
        try await withTestServer { server in
            let harness = DeliveryHarness(server)
            let owner = try await server.createTenant("owner")
            let arn = try #require(
                try await server.trailOK("CreateTrail", ["Name": "writes", "S3BucketName": "writes-only"], as: owner)["TrailARN"] as? String)
            try await server.trailOK("DescribeTrails", [:], as: owner)  // before logging
            try await server.trailOK("PutEventSelectors", ["TrailName": arn, "EventSelectors": [["ReadWriteType": "WriteOnly"]]], as: owner)
            try await server.trailOK("StartLogging", ["Name": arn], as: owner)
            try await server.trailOK("DescribeTrails", [:], as: owner)  // a read: not selected
            try await server.trailOK("AddTags", ["ResourceId": arn, "TagsList": [["Key": "k", "Value": "v"]]], as: owner)  // a write
            try await server.trailOK("StopLogging", ["Name": arn], as: owner)
            try await server.trailOK("AddTags", ["ResourceId": arn, "TagsList": [["Key": "after", "Value": "stop"]]], as: owner)  // after
            try await harness.deliver {
                try await harness.records(in: "writes-only").values.flatMap { $0 }.contains { $0["eventName"] as? String == "StopLogging" }
            }
            let names = try await harness.records(in: "writes-only").values.flatMap { $0 }.compactMap { $0["eventName"] as? String }.sorted()
            #expect(names == ["AddTags", "StartLogging", "StopLogging"])
            let tags = try await harness.records(in: "writes-only").values.flatMap { $0 }.filter { $0["eventName"] as? String == "AddTags" }
            #expect(tags.count == 1)
        }
    }

    @Test func globalServiceEventsFollowIncludeGlobalServiceEvents() async throws {
        try await withTestServer { server in
            let harness = DeliveryHarness(server)
            let owner = try await server.createTenant("owner")
            let west = try #require(
                try await server.trailOK(
                    "CreateTrail", ["Name": "west", "S3BucketName": "west-logs"], as: owner, region: "us-west-2")["TrailARN"] as? String)
            let quiet = try #require(
                try await server.trailOK(
                    "CreateTrail", ["Name": "quiet", "S3BucketName": "quiet-logs", "IncludeGlobalServiceEvents": false], as: owner)["TrailARN"]
                    as? String)
            try await server.trailOK("StartLogging", ["Name": west], as: owner, region: "us-west-2")
            try await server.trailOK("StartLogging", ["Name": quiet], as: owner)
            let user = try await server.send(
                .post, "/", body: "Action=CreateUser&UserName=delivered&Version=2010-05-08", service: "iam", credentials: owner.credentials,
                headers: ["content-type": "application/x-www-form-urlencoded; charset=utf-8"])
            #expect(user.status.code == 200)
            try await harness.deliver {
                try await harness.records(in: "west-logs").values.flatMap { $0 }.contains { $0["eventName"] as? String == "CreateUser" }
            }
            // The us-west-2 trail takes the global event (recorded in us-east-1); the trail without global events does not.
            let westKeys = try await harness.records(in: "west-logs").filter { $0.value.contains { $0["eventName"] as? String == "CreateUser" } }.keys
            #expect(westKeys.allSatisfy { $0.contains("/CloudTrail/us-east-1/") })
            let quietNames = try await harness.records(in: "quiet-logs").values.flatMap { $0 }.compactMap { $0["eventSource"] as? String }
            #expect(!quietNames.contains("iam.amazonaws.com"))
        }
    }

    @Test func anOrganizationTrailCollectsEveryMembersEventsUnderTheOrganizationFolder() async throws {
        try await withTestServer { server in
            let harness = DeliveryHarness(server)
            let management = try await server.createTenant("management")
            let member = try await server.createTenant("member")
            try await server.organizationForTrails(management: management, members: [member])
            let orgId = try #require(
                (try await server.ok("DescribeOrganization", [:], as: management)["Organization"] as? [String: Any])?["Id"] as? String)
            let arn = try #require(
                try await server.trailOK(
                    "CreateTrail", ["Name": "org", "S3BucketName": "org-logs", "IsOrganizationTrail": true, "IsMultiRegionTrail": true],
                    as: management)["TrailARN"] as? String)
            try await server.trailOK("StartLogging", ["Name": arn], as: management)
            try await server.trailOK("DescribeTrails", [:], as: member, region: "eu-central-1")
            try await harness.deliver {
                try await harness.records(in: "org-logs").keys.contains {
                    $0.hasPrefix("AWSLogs/\(orgId)/\(member.account)/CloudTrail/eu-central-1/")
                }
            }
            let keys = try await harness.records(in: "org-logs").keys
            #expect(keys.allSatisfy { $0.hasPrefix("AWSLogs/\(orgId)/") })
            #expect(keys.contains { $0.hasPrefix("AWSLogs/\(orgId)/\(management.account)/CloudTrail/us-east-1/") })
        }
    }

    @Test func aBucketThatRefusesKeepsItsEventsUntilItAcceptsAndStatusSaysWhy() async throws {
        try await withTestServer { server in
            let harness = DeliveryHarness(server)
            let owner = try await server.createTenant("owner")
            let arn = try #require(
                try await server.trailOK("CreateTrail", ["Name": "blocked", "S3BucketName": "blocked-logs"], as: owner)["TrailARN"] as? String)
            // A plain file where the bucket's directory should be: every write fails.
            try FileManager.default.createDirectory(at: harness.root, withIntermediateDirectories: true)
            let blocker = harness.root.appendingPathComponent("blocked-logs")
            #expect(FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8)))
            try await server.trailOK("StartLogging", ["Name": arn], as: owner)
            try await server.trailOK("DescribeTrails", [:], as: owner)
            let owed = Set(try await harness.storedEvents(account: owner.account, since: .distantPast).filter { $0.region == "us-east-1" }.map(\.id))
            try await harness.deliver {
                (try await server.trailOK("GetTrailStatus", ["Name": arn], as: owner))["LatestDeliveryError"] as? String == "AccessDenied"
            }
            try FileManager.default.removeItem(at: blocker)
            try await harness.deliver {
                try await harness.deliveredIds("blocked-logs").isSuperset(of: owed.subtracting(try await eventsBeforeLogging(server, owner)))
            }
            let status = try await server.trailOK("GetTrailStatus", ["Name": arn], as: owner)
            #expect(status["LatestDeliveryError"] == nil && status["LatestDeliveryTime"] is Double)
            let backlog = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.exists("SELECT 1 FROM trail_delivery_backlog")
            }
            #expect(!backlog)
        }
    }

    @Test func aKeyPrefixCannotClimbOutOfADirectoryBucket() async throws {
        try await withTestServer { server in
            let harness = DeliveryHarness(server)
            let owner = try await server.createTenant("owner")
            let arn = try #require(
                try await server.trailOK(
                    "CreateTrail", ["Name": "climber", "S3BucketName": "climber-logs", "S3KeyPrefix": "../victim-logs"], as: owner)["TrailARN"]
                    as? String)
            try await server.trailOK("StartLogging", ["Name": arn], as: owner)
            // A minute, not the default 20 s: on a clean clone's run the whole suite starts at once.
            try await harness.deliver(
                until: {
                    (try await server.trailOK("GetTrailStatus", ["Name": arn], as: owner))["LatestDeliveryError"] as? String == "InvalidObjectName"
                }, timeout: 60)
            #expect(!FileManager.default.fileExists(atPath: harness.root.appendingPathComponent("victim-logs").path))
            #expect(try await harness.deliveredIds("climber-logs").isEmpty)
        }
    }

    /// The owner's events from before StartLogging (CreateTrail and the rest).
    private func eventsBeforeLogging(_ server: TestServer, _ owner: Tenant) async throws -> Set<String> {
        try await server.store.read(logger: Logger(label: "t")) { tx in
            var out: Set<String> = []
            let rows = try await tx.query(
                """
                SELECT event_id::text FROM events e WHERE account_id = \(owner.account)
                  AND event_time < (SELECT start_logging_time FROM trails WHERE owner_account_id = \(owner.account) LIMIT 1)
                """)
            for try await id in rows.decode(String.self) { out.insert(id) }
            return out
        }
    }
}
