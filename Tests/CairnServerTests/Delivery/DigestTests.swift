import CairnServer
import CairnStore
import CairnTestSupport
import Foundation
import Logging
import Testing

/// Log file validation: hourly (here, sub-second) digests chained and signed per region, checked by the same
/// validator `cairn validate-logs` runs, and every kind of tampering found.
@Suite struct DigestTests {
    /// A validated trail with three digests in a chain, and the validator that checks its bucket.
    struct Setup {
        let harness: DeliveryHarness
        let owner: Tenant
        let arn: String
        let scope: LogFileValidator.Scope
        let validator: LogFileValidator
    }

    func chainOfDigests(_ server: TestServer) async throws -> Setup {
        let harness = DeliveryHarness(server, digestInterval: 0.2)
        let owner = try await server.createTenant("owner")
        let started = Date()
        let arn = try #require(
            try await server.trailOK(
                "CreateTrail", ["Name": "signed", "S3BucketName": "signed-logs", "EnableLogFileValidation": true], as: owner)["TrailARN"] as? String)
        try await server.trailOK("StartLogging", ["Name": arn], as: owner)
        for round in 0..<3 {
            try await server.trailOK("GetTrail", ["Name": arn], as: owner)
            try await harness.deliver { try await digestKeys(harness).count > round }
            try await Task.sleep(for: .milliseconds(300))
        }
        let keys = try await server.trailOK("ListPublicKeys", [:], as: owner)
        let list = try #require(keys["PublicKeyList"] as? [[String: Any]])
        #expect(list.count == 1)
        var publicKeys: [String: Data] = [:]
        for key in list {
            publicKeys[try #require(key["Fingerprint"] as? String)] = try #require(Data(base64Encoded: try #require(key["Value"] as? String)))
        }
        let scope = LogFileValidator.Scope(
            bucketName: "signed-logs", keyPrefix: nil, organizationId: nil, trailName: "signed", homeRegion: "us-east-1",
            start: started.addingTimeInterval(-60), end: Date().addingTimeInterval(60))
        return Setup(
            harness: harness, owner: owner, arn: arn, scope: scope,
            validator: LogFileValidator(bucket: harness.bucket("signed-logs"), publicKeys: publicKeys))
    }

    func digestKeys(_ harness: DeliveryHarness) async throws -> [String] {
        try await harness.bucket("signed-logs").list(prefix: "").filter { $0.contains("/CloudTrail-Digest/") }
    }

    func digest(_ harness: DeliveryHarness, _ key: String) async throws -> [String: Any] {
        let object = try #require(try await harness.bucket("signed-logs").get(key: key))
        return try #require(try JSONSerialization.jsonObject(with: try Gzip.decompress(object.body)) as? [String: Any])
    }

    @Test func digestsChainSignAndListEveryDeliveredLogFile() async throws {
        try await withTestServer { server in
            let s = try await chainOfDigests(server)
            let keys = try await digestKeys(s.harness)
            #expect(keys.count >= 3)
            let pattern =
                #/^AWSLogs/(\d{12})/CloudTrail-Digest/us-east-1/\d{4}/\d{2}/\d{2}/(\d{12})_CloudTrail-Digest_us-east-1_signed_us-east-1_\d{8}T\d{6}Z\.json\.gz$/#
            #expect(keys.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(keys)")
            let first = try await digest(s.harness, keys[0])
            #expect(first["previousDigestSignature"] is NSNull && first["previousDigestS3Object"] is NSNull)
            #expect(first["digestSignatureAlgorithm"] as? String == "SHA256withRSA" && first["awsAccountId"] as? String == s.owner.account)
            let second = try await digest(s.harness, keys[1])
            #expect(second["previousDigestS3Object"] as? String == keys[0])
            #expect(second["digestStartTime"] as? String == first["digestEndTime"] as? String)
            let signature = try #require(try await s.harness.bucket("signed-logs").get(key: keys[0])?.metadata["signature"])
            #expect(second["previousDigestSignature"] as? String == signature)
            // Every delivered log file is listed by exactly one digest.
            var listed: [String] = []
            for key in keys {
                listed += (try await digest(s.harness, key)["logFiles"] as? [[String: Any]] ?? []).compactMap { $0["s3Object"] as? String }
            }
            let logs = try await s.harness.bucket("signed-logs").list(prefix: "").filter { $0.contains("/CloudTrail/") }
            #expect(listed.sorted() == logs.sorted())
            let findings = try await s.validator.validate(s.scope)
            #expect(findings.allSatisfy { $0.problem == nil }, "\(findings.filter { $0.problem != nil }.map(\.line))")
            #expect(findings.filter { $0.kind == .digest }.count == keys.count)
            let status = try await server.trailOK("GetTrailStatus", ["Name": s.arn], as: s.owner)
            #expect(status["LatestDigestDeliveryTime"] is Double && status["LatestDigestDeliveryError"] == nil)
            // REST names the same key, and refuses a backward range as the CloudTrail door does.
            let rest = try await server.send(.get, "/v1/trail-public-keys", credentials: s.owner.credentials)
            #expect(rest.status.code == 200)
            let fingerprints = (server.json(rest)["publicKeyList"] as? [[String: Any]] ?? []).compactMap { $0["fingerprint"] as? String }
            #expect(fingerprints == Array(s.validator.publicKeys.keys))
            let backward = try await server.send(
                .get, "/v1/trail-public-keys", query: "endTime=2026-01-01T00%3A00%3A00Z&startTime=2026-01-02T00%3A00%3A00Z",
                credentials: s.owner.credentials)
            #expect(
                backward.status.code == 400 && server.json(backward)["code"] as? String == "InvalidTimeRangeException",
                "\(backward.status) \(String(buffer: backward.body))")
        }
    }

    @Test func aModifiedLogFileIsFound() async throws {
        try await withTestServer { server in
            let s = try await chainOfDigests(server)
            let bucket = s.harness.bucket("signed-logs")
            let log = try #require(try await bucket.list(prefix: "").first { $0.contains("/CloudTrail/") })
            try await bucket.put(key: log, body: try Gzip.compress(Data(#"{"Records":[]}"#.utf8)), metadata: [:])
            let bad = try await s.validator.validate(s.scope).filter { $0.problem != nil }
            #expect(bad.map(\.location) == ["signed-logs/\(log)"] && bad.first?.problem == "hash value doesn't match")
        }
    }

    @Test func aDeletedLogFileAndADeletedDigestAreFound() async throws {
        try await withTestServer { server in
            let s = try await chainOfDigests(server)
            let keys = try await digestKeys(s.harness)
            let firstListed = try await digest(s.harness, keys[0])["logFiles"] as? [[String: Any]] ?? []
            let log = try #require(firstListed.first?["s3Object"] as? String)
            try FileManager.default.removeItem(at: s.harness.root.appendingPathComponent("signed-logs/\(log)"))
            try FileManager.default.removeItem(at: s.harness.root.appendingPathComponent("signed-logs/\(keys[1])"))
            let bad = try await s.validator.validate(s.scope).filter { $0.problem != nil }
            #expect(bad.contains { $0.location == "signed-logs/\(keys[2])" && $0.problem!.contains("has been deleted") }, "\(bad.map(\.line))")
            #expect(bad.contains { $0.location == "signed-logs/\(log)" && $0.problem == "not found" }, "\(bad.map(\.line))")
        }
    }

    @Test func aModifiedOrMovedDigestAndAMovedLogFileAreFound() async throws {
        try await withTestServer { server in
            let s = try await chainOfDigests(server)
            let bucket = s.harness.bucket("signed-logs")
            let keys = try await digestKeys(s.harness)
            // Modified: the same digest with one log file fewer no longer matches its signature.
            let original = try #require(try await bucket.get(key: keys[0]))
            var content = try await digest(s.harness, keys[0])
            content["logFiles"] = []
            try await bucket.put(
                key: keys[0], body: try Gzip.compress(try JSONSerialization.data(withJSONObject: content)), metadata: original.metadata)
            var bad = try await s.validator.validate(s.scope).filter { $0.problem != nil }
            #expect(bad.contains { $0.location == "signed-logs/\(keys[0])" && $0.problem == "signature verification failed" }, "\(bad.map(\.line))")
            #expect(bad.contains { $0.location == "signed-logs/\(keys[1])" && $0.problem!.contains("has been modified") })
            try await bucket.put(key: keys[0], body: original.body, metadata: original.metadata)
            // Moved: a log file under another name is missing where its digest says, and unlisted where it is.
            let logs = try await bucket.list(prefix: "").filter { $0.contains("/CloudTrail/") }
            let log = try #require(logs.first)
            let moved = log.replacingOccurrences(of: ".json.gz", with: "X.json.gz")
            let folder = s.harness.root.appendingPathComponent("signed-logs")
            try FileManager.default.moveItem(at: folder.appendingPathComponent(log), to: folder.appendingPathComponent(moved))
            bad = try await s.validator.validate(s.scope).filter { $0.problem != nil }
            #expect(bad.contains { $0.location == "signed-logs/\(log)" && $0.problem == "not found" }, "\(bad.map(\.line))")
            #expect(
                bad.contains {
                    $0.location == "signed-logs/\(moved)" && $0.problem == "has been moved from its original location signed-logs/\(log)"
                }, "\(bad.map(\.line))")
            // A digest copied elsewhere says where it belongs.
            try FileManager.default.moveItem(at: folder.appendingPathComponent(moved), to: folder.appendingPathComponent(log))
            let copy = keys[2].dropLast(24) + "20000101T000000Z.json.gz"
            try await bucket.put(
                key: String(copy), body: try #require(try await bucket.get(key: keys[2])).body,
                metadata: try #require(try await bucket.get(key: keys[2])).metadata)
            let wide = LogFileValidator.Scope(
                bucketName: "signed-logs", keyPrefix: nil, organizationId: nil, trailName: "signed", homeRegion: "us-east-1",
                start: Date(timeIntervalSince1970: 946_684_700), end: s.scope.end)
            bad = try await s.validator.validate(wide).filter { $0.problem != nil }
            #expect(bad.map(\.line) == ["Digest file\tsigned-logs/\(copy)\tINVALID: has been moved from its original location"])
        }
    }

    @Test func stoppingLoggingWritesAFinalDigestAndRestartingStartsANewChain() async throws {
        try await withTestServer { server in
            let s = try await chainOfDigests(server)
            let before = try await digestKeys(s.harness).count
            try await server.trailOK("StopLogging", ["Name": s.arn], as: s.owner)
            // The final digest comes at once (not after the interval), and lists the log file with StopLogging.
            // On a loaded machine a regular digest may come first, in a pass that does not yet see the stop as
            // settled; the chain must close in a following pass.
            func chainOpen() async throws -> Bool {
                try await server.store.read(logger: Logger(label: "t")) { tx in try await tx.exists("SELECT 1 FROM trail_digest_chains WHERE open") }
            }
            try await s.harness.deliver {
                guard try await digestKeys(s.harness).count > before else { return false }
                return try await !chainOpen()
            }
            #expect(try await !chainOpen())
            // The StopLogging event is listed by the final digest, or by a regular one the same pass or the one
            // before wrote just ahead of it; the final digest closes the chain either way.
            var logKeys: [String] = []
            for key in try await digestKeys(s.harness).dropFirst(before - 1) {
                logKeys += (try await digest(s.harness, key)["logFiles"] as? [[String: Any]] ?? []).compactMap { $0["s3Object"] as? String }
            }
            var names: [String] = []
            for key in logKeys {
                let object = try #require(try await s.harness.bucket("signed-logs").get(key: key))
                let records =
                    (try JSONSerialization.jsonObject(with: try Gzip.decompress(object.body)) as? [String: Any])?["Records"] as? [[String: Any]] ?? []
                names += records.compactMap { $0["eventName"] as? String }
            }
            #expect(names.contains("StopLogging"))
            try await server.trailOK("StartLogging", ["Name": s.arn], as: s.owner)
            try await server.trailOK("GetTrail", ["Name": s.arn], as: s.owner)
            let count = try await digestKeys(s.harness).count
            try await s.harness.deliver { try await digestKeys(s.harness).count > count }
            let restarted = try await digest(s.harness, try await digestKeys(s.harness).last!)
            #expect(restarted["previousDigestS3Object"] is NSNull)
            let all = try await s.validator.validate(
                LogFileValidator.Scope(
                    bucketName: "signed-logs", keyPrefix: nil, organizationId: nil, trailName: "signed", homeRegion: "us-east-1",
                    start: s.scope.start, end: Date().addingTimeInterval(60)))
            #expect(all.allSatisfy { $0.problem == nil }, "\(all.filter { $0.problem != nil }.map(\.line))")
        }
    }

    @Test func deletingATrailDeliversItsLastEventsAndAFinalDigestThenForgetsIt() async throws {
        try await withTestServer { server in
            let s = try await chainOfDigests(server)
            let before = try await digestKeys(s.harness).count
            try await server.trailOK("DeleteTrail", ["Name": s.arn], as: s.owner)
            try await s.harness.deliver {
                try await server.store.read(logger: Logger(label: "t")) { tx in try await !tx.exists("SELECT 1 FROM retired_trails") }
            }
            // The DeleteTrail event is in the final digest, or in a regular digest written just ahead of it.
            let keys = try await digestKeys(s.harness)
            #expect(keys.count >= before + 1)
            var names: [String] = []
            for digestKey in keys.dropFirst(before) {
                for entry in try await digest(s.harness, digestKey)["logFiles"] as? [[String: Any]] ?? [] {
                    let key = try #require(entry["s3Object"] as? String)
                    let object = try #require(try await s.harness.bucket("signed-logs").get(key: key))
                    let records =
                        (try JSONSerialization.jsonObject(with: try Gzip.decompress(object.body)) as? [String: Any])?["Records"] as? [[String: Any]]
                        ?? []
                    names += records.compactMap { $0["eventName"] as? String }
                }
            }
            #expect(names.contains("DeleteTrail"))
            let leftovers = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.exists(
                    "SELECT 1 FROM trail_log_files UNION ALL SELECT 1 FROM trail_digest_chains UNION ALL SELECT 1 FROM trail_delivery_backlog")
            }
            #expect(!leftovers)
            let findings = try await s.validator.validate(
                LogFileValidator.Scope(
                    bucketName: "signed-logs", keyPrefix: nil, organizationId: nil, trailName: "signed", homeRegion: "us-east-1",
                    start: s.scope.start, end: Date().addingTimeInterval(60)))
            #expect(findings.allSatisfy { $0.problem == nil }, "\(findings.filter { $0.problem != nil }.map(\.line))")
        }
    }

    @Test func listPublicKeysRefusesABackwardRangeAndAForeignToken() async throws {
        try await withTestServer { server in
            let owner = try await server.createTenant("owner")
            try await server.trailRefused(
                "ListPublicKeys", ["StartTime": 2_000_000_000, "EndTime": 1_000_000_000], as: owner, "InvalidTimeRangeException")
            // Instants no timestamp can hold are refused, not passed to the database.
            try await server.trailRefused("ListPublicKeys", ["StartTime": 1, "EndTime": 1e20], as: owner, "InvalidTimeRangeException")
            try await server.trailRefused("ListPublicKeys", ["StartTime": -1e20], as: owner, "InvalidTimeRangeException")
            try await server.trailRefused("ListPublicKeys", ["NextToken": "abc"], as: owner, "InvalidTokenException")
            #expect((try await server.trailOK("ListPublicKeys", [:], as: owner))["PublicKeyList"] as? [Any] != nil)
        }
    }
}
