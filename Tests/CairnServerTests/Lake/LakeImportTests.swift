import CairnStore
import CairnTestSupport
import Foundation
import Logging
import Testing

@testable import CairnServer

/// Lake imports: a trail's delivered log files copied into a store, so it holds events from before its creation.
@Suite struct LakeImportTests {
    @Test func importingATrailsDeliveredFilesBringsEarlierEventsIntoTheStore() async throws {
        try await withTestServer { server in
            let harness = DeliveryHarness(server)
            let owner = try await server.createTenant("import")
            let trail = try #require(
                try await server.trailOK("CreateTrail", ["Name": "history", "S3BucketName": "old-logs"], as: owner)["TrailARN"] as? String)
            try await server.trailOK("StartLogging", ["Name": trail], as: owner)
            for i in 0..<3 { try await server.trailOK("AddTags", ["ResourceId": trail, "TagsList": [["Key": "k\(i)", "Value": "v"]]], as: owner) }
            try await harness.deliver {
                try await harness.records(in: "old-logs").values.flatMap { $0 }.filter { $0["eventName"] as? String == "AddTags" }.count == 3
            }
            let arn = try #require(try await server.trailOK("CreateEventDataStore", ["Name": "imported"], as: owner)["EventDataStoreArn"] as? String)
            let id = String(arn.split(separator: "/").last!)
            // A broken file beside the real ones is one failure, not the end of the import.
            try await harness.bucket("old-logs").put(
                key: "AWSLogs/\(owner.account)/CloudTrail/us-east-1/2026/01/01/broken.json.gz", body: Data("not gzip".utf8), metadata: [:])
            let started = try await server.trailOK(
                "StartImport",
                [
                    "Destinations": [arn],
                    "ImportSource": [
                        "S3": [
                            "S3LocationUri": "s3://old-logs/AWSLogs/\(owner.account)", "S3BucketRegion": "us-east-1",
                            "S3BucketAccessRoleArn": "arn:aws:iam::\(owner.account):role/import",
                        ]
                    ],
                ], as: owner)
            let importId = try #require(started["ImportId"] as? String)
            #expect(started["ImportStatus"] as? String == "INITIALIZING")
            try await server.trailRefused(
                "StartImport",
                [
                    "Destinations": [arn],
                    "ImportSource": ["S3": ["S3LocationUri": "s3://old-logs", "S3BucketRegion": "us-east-1", "S3BucketAccessRoleArn": "r"]],
                ],
                as: owner, "AccountHasOngoingImportException")
            try await LakeImportWorker(store: server.store, buckets: LogBuckets(directory: harness.root), logger: Logger(label: "import")).runQueued()
            let got = try await server.trailOK("GetImport", ["ImportId": importId], as: owner)
            #expect(got["ImportStatus"] as? String == "COMPLETED", "\(got)")
            let stats = try #require(got["ImportStatistics"] as? [String: Any])
            #expect((stats["EventsCompleted"] as? Int ?? 0) >= 4 && stats["FailedEntries"] as? Int == 1, "\(stats)")
            let failures = try #require(
                try await server.trailOK("ListImportFailures", ["ImportId": importId], as: owner)["Failures"] as? [[String: Any]])
            #expect(failures.count == 1 && (failures.first?["Location"] as? String)?.hasSuffix("broken.json.gz") == true)
            #expect((try await server.trailOK("ListImports", ["Destination": arn], as: owner)["Imports"] as? [Any])?.count == 1)

            let queryId = try #require(
                try await server.trailOK(
                    "StartQuery", ["QueryStatement": "SELECT count(*) AS n FROM \(id) WHERE eventName = 'AddTags'"], as: owner)["QueryId"] as? String)
            try await LakeQueryWorker(store: server.store, lakeStore: server.store, timeoutSeconds: 10, logger: Logger(label: "lake")).runQueued()
            let rows = try await server.trailOK("GetQueryResults", ["QueryId": queryId], as: owner)["QueryResultRows"] as? [[[String: String]]]
            #expect(rows == [[["n": "3"]]], "the three AddTags made before the store exist in it only as imported: \(rows ?? [])")
            try await server.trailRefused("GetImport", ["ImportId": importId], as: try await server.createTenant("other"), "ImportNotFoundException")
        }
    }
}
