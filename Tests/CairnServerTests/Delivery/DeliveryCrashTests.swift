import CairnServer
import CairnStore
import CairnTestSupport
import Foundation
import PostgresNIO
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// No event lost to a crash: `cairn serve` delivering every second under load is killed with SIGKILL several
/// times (a pass is often mid-way: files written, progress not committed), restarted each time, and at the end
/// every event of the logging window is in the trail's bucket, re-deliveries keeping their eventIDs and records.
@Suite(.serialized) struct DeliveryCrashTests {
    let root = TestCredentials(accessKeyId: "AKIASHAREDROOT000004", secret: "shared-root-secret-delivery-0123456789")

    func serve(url: String, keyFile: String, dir: String, port: Int) throws -> CairnProcess {
        try CairnProcess(
            ["serve"],
            environment: [
                "CAIRN_DATA_DIR": dir, "CAIRN_LISTEN": "127.0.0.1:\(port)", "CAIRN_MIGRATIONS_DIR": TestPostgres.migrationsDirectory.path,
                "DATABASE_URL": url, "CAIRN_MASTER_KEY_FILE": keyFile, "CAIRN_ROOT_ACCESS_KEY_ID": root.accessKeyId,
                "CAIRN_ROOT_SECRET_ACCESS_KEY": root.secret, "CAIRN_DELIVERY_INTERVAL_SECONDS": "1",
            ], port: port)
    }

    func call(_ port: Int, service: String, target: String?, body: String) async -> Bool {
        guard let reply = await HTTPProbe.signedAWSCall(port: port, service: service, target: target, body: body, credentials: root) else {
            return false
        }
        return (200..<300).contains(reply.status)
    }

    static let trailTarget = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101."

    /// Every record in the bucket's log files: eventID → the distinct record texts seen for it.
    func delivered(_ bucket: URL) throws -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        guard let walker = FileManager.default.enumerator(at: bucket, includingPropertiesForKeys: nil) else { return [:] }
        for case let file as URL in walker where file.path.contains("/CloudTrail/") && file.path.hasSuffix(".json.gz") {
            let json = try JSONSerialization.jsonObject(with: try Gzip.decompress(try Data(contentsOf: file))) as? [String: Any]
            for record in json?["Records"] as? [[String: Any]] ?? [] {
                guard let id = record["eventID"] as? String else { continue }
                let text = String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
                out[id, default: []].insert(text)
            }
        }
        return out
    }

    @Test func killNineDuringDeliveryLosesNoEventAndReDeliveryKeepsEventIds() async throws {
        let config = try await TestPostgres.shared.emptyDatabase()
        let socketDir = try #require(config.unixSocketPath).replacingOccurrences(of: "/.s.PGSQL.5432", with: "")
        let url = "postgres://\(config.username)@/\(config.database ?? "")?host=\(socketDir)"
        let dir = NSTemporaryDirectory() + "cairn-delivery-crash-\(UUID().uuidString.prefix(8))"
        let keyFile = dir + "-master.key"
        defer { for path in [dir, keyFile] { try? FileManager.default.removeItem(atPath: path) } }
        _ = try SecretBox.loadKey(at: keyFile, create: true)

        var port = CairnProcess.freePort()
        var server = try serve(url: url, keyFile: keyFile, dir: dir, port: port)
        try await server.waitUntilReady()
        #expect(
            await call(
                port, service: "cloudtrail", target: Self.trailTarget + "CreateTrail",
                body: #"{"Name":"crash","S3BucketName":"crash-logs","IsMultiRegionTrail":true}"#))
        #expect(await call(port, service: "cloudtrail", target: Self.trailTarget + "StartLogging", body: #"{"Name":"crash"}"#))

        for (round, killAfter) in [1300, 2100, 1700, 2500].enumerated() {
            // The kill comes after its time and after 40 answered calls, so a loaded machine still has load to lose.
            let answeredSoFar = AnsweredCalls()
            let answered = await withTaskGroup(of: Int.self) { group in
                for worker in 0..<4 {
                    group.addTask { [port] in
                        var n = 0
                        for i in 0..<100_000 {
                            let ok: Bool
                            switch i % 3 {
                            case 0:
                                ok = await call(
                                    port, service: "iam", target: nil, body: "Action=CreateUser&Version=2010-05-08&UserName=d\(round)-\(worker)-\(i)")
                            case 1: ok = await call(port, service: "cloudtrail", target: Self.trailTarget + "DescribeTrails", body: "{}")
                            default: ok = await call(port, service: "sts", target: nil, body: "Action=GetCallerIdentity&Version=2011-06-15")
                            }
                            guard ok else { return n }
                            n += 1
                            answeredSoFar.count.add(1, ordering: .relaxed)
                        }
                        return n
                    }
                }
                group.addTask { [server] in
                    try? await Task.sleep(for: .milliseconds(killAfter))
                    while answeredSoFar.count.load(ordering: .relaxed) < 40 { try? await Task.sleep(for: .milliseconds(50)) }
                    server.signal(SIGKILL)
                    return 0
                }
                var total = 0
                for await n in group { total += n }
                return total
            }
            _ = try await server.waitForExit()
            #expect(answered > 10, "round \(round): the load ran before the kill")
            port = CairnProcess.freePort()
            server = try serve(url: url, keyFile: keyFile, dir: dir, port: port)
            try await server.waitUntilReady()
        }
        defer { server.stopNow() }

        // Everything committed from StartLogging on must reach the bucket once the last server catches up.
        let expected = try await withClient(config) { client in
            var ids: Set<String> = []
            for try await id in try await client.query(
                """
                SELECT event_id::text FROM events
                WHERE event_time >= (SELECT start_logging_time FROM trails WHERE name = 'crash')
                """
            ).decode(String.self) { ids.insert(id) }
            return ids
        }
        #expect(expected.count > 100)
        let bucket = URL(fileURLWithPath: dir).appendingPathComponent("buckets/crash-logs")
        var seen: [String: Set<String>] = [:]
        let deadline = Date().addingTimeInterval(60)
        repeat {
            try await Task.sleep(for: .seconds(1))
            seen = try delivered(bucket)
        } while !Set(seen.keys).isSuperset(of: expected) && Date() < deadline
        let files =
            FileManager.default.enumerator(atPath: bucket.path)?.allObjects.compactMap { $0 as? String }.filter { $0.hasSuffix(".json.gz") }.count
            ?? 0
        print("delivery crash test: \(expected.count) events, \(files) log files, \(seen.count) distinct eventIDs delivered")
        let missing = expected.subtracting(seen.keys)
        #expect(missing.isEmpty, "\(missing.count) of \(expected.count) committed events were never delivered")
        let changed = seen.filter { $0.value.count > 1 }
        #expect(changed.isEmpty, "\(changed.count) events were re-delivered with a different record")
    }
}

/// Calls answered in one round of the crash test, counted by every worker.
private final class AnsweredCalls: Sendable {
    let count = Atomic<Int>(0)
}
