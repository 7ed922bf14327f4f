import CairnStore
import CairnTestSupport
import Foundation
import PostgresNIO
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Audit completeness across a crash: kill -9 `cairn serve` under a mixed load of writes (IAM CreateUser) and
/// reads (DescribeTrails, GetCallerIdentity), restart it, and check that every call answered 2xx has exactly
/// one event and that no write's event exists without its change, nor a change without its event.
@Suite(.serialized) struct EventCrashTests {
    let root = TestCredentials(accessKeyId: "AKIASHAREDROOT000003", secret: "shared-root-secret-crash-0123456789")

    func serve(url: String, keyFile: String, dir: String, port: Int) throws -> CairnProcess {
        let env = [
            "CAIRN_DATA_DIR": dir, "CAIRN_LISTEN": "127.0.0.1:\(port)", "CAIRN_MIGRATIONS_DIR": TestPostgres.migrationsDirectory.path,
            "DATABASE_URL": url, "CAIRN_MASTER_KEY_FILE": keyFile, "CAIRN_ROOT_ACCESS_KEY_ID": root.accessKeyId,
            "CAIRN_ROOT_SECRET_ACCESS_KEY": root.secret,
        ]
        return try CairnProcess(["serve"], environment: env, port: port)
    }

    /// One signed call; the reply's request id when it answered 2xx.
    func call(_ port: Int, service: String, target: String?, body: String) async -> String? {
        guard let reply = await HTTPProbe.signedAWSCall(port: port, service: service, target: target, body: body, credentials: root),
            (200..<300).contains(reply.status)
        else { return nil }
        return reply.headers.first { $0.key.lowercased() == "x-amzn-requestid" }?.value
    }

    @Test func afterKillNineEveryAnsweredCallHasExactlyOneEventAndEveryEventItsChange() async throws {
        let config = try await TestPostgres.shared.emptyDatabase()
        let socketDir = try #require(config.unixSocketPath).replacingOccurrences(of: "/.s.PGSQL.5432", with: "")
        let url = "postgres://\(config.username)@/\(config.database ?? "")?host=\(socketDir)"
        let dir = NSTemporaryDirectory() + "cairn-crash-\(UUID().uuidString.prefix(8))"
        let keyFile = dir + "-master.key"
        defer { for path in [dir, keyFile] { try? FileManager.default.removeItem(atPath: path) } }
        _ = try SecretBox.loadKey(at: keyFile, create: true)
        let port = CairnProcess.freePort()
        let first = try serve(url: url, keyFile: keyFile, dir: dir, port: port)
        defer { first.stopNow() }
        try await first.waitUntilReady()

        // The kill comes once the load is under way (30 calls answered), however slow a busy machine makes them.
        let progress = AnsweredCount()
        let answered = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<6 {
                group.addTask {
                    var ids: [String] = []
                    for i in 0..<10_000 {
                        let id: String?
                        switch i % 3 {
                        case 0:
                            id = await call(
                                port, service: "iam", target: nil, body: "Action=CreateUser&Version=2010-05-08&UserName=crash-\(worker)-\(i)")
                        case 1:
                            id = await call(
                                port, service: "cloudtrail", target: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails",
                                body: "{}")
                        default:
                            id = await call(port, service: "sts", target: nil, body: "Action=GetCallerIdentity&Version=2011-06-15")
                        }
                        guard let id else { return ids }
                        ids.append(id)
                        progress.value.add(1, ordering: .relaxed)
                    }
                    return ids
                }
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(1500))
                for _ in 0..<300 where progress.value.load(ordering: .relaxed) < 30 { try await Task.sleep(for: .milliseconds(100)) }
                first.signal(SIGKILL)
                return []
            }
            var all: [String] = []
            for try await ids in group { all += ids }
            return all
        }
        _ = try await first.waitForExit()
        #expect(answered.count >= 10, "the load ran before the kill: \(answered.count) answered")

        // Restart on the same database, then audit it.
        let second = try serve(url: url, keyFile: keyFile, dir: dir, port: CairnProcess.freePort())
        defer { second.stopNow() }
        try await second.waitUntilReady()
        try await withClient(config) { client in
            var perRequest: [String: Int] = [:]
            for try await (id, n) in try await client.query(
                "SELECT record->>'requestID', count(*)::int8 FROM events GROUP BY 1"
            ).decode((String, Int64).self) { perRequest[id] = Int(n) }
            let missing = answered.filter { perRequest[$0] == nil }
            let doubled = answered.filter { (perRequest[$0] ?? 0) > 1 }
            #expect(missing.isEmpty, "\(missing.count) answered calls have no event")
            #expect(doubled.isEmpty, "\(doubled.count) answered calls have several events")

            var recorded: Set<String> = []
            for try await name in try await client.query(
                "SELECT record->'requestParameters'->>'userName' FROM events WHERE event_name = 'CreateUser' AND error_code IS NULL"
            ).decode(String.self) { recorded.insert(name) }
            var existing: Set<String> = []
            for try await name in try await client.query("SELECT name FROM iam_users WHERE name LIKE 'crash-%'").decode(String.self) {
                existing.insert(name)
            }
            #expect(!existing.isEmpty)
            #expect(
                recorded == existing,
                "events without users: \(recorded.subtracting(existing)); users without events: \(existing.subtracting(recorded))")
        }
    }
}

/// Calls answered so far, counted across the load's tasks.
private final class AnsweredCount: Sendable {
    let value = Atomic<Int>(0)
}
