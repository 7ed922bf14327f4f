import CairnTestSupport
import Foundation
import Testing

/// `DATABASE_READ_URL`: a streaming standby serves event history, yet a caller sees its own call at once, and
/// a standby that lags or is gone hands the read back to the primary. Real processes, a real standby.
@Suite(.serialized) struct ReplicaReadTests {
    static let credentials = TestCredentials(accessKeyId: "AKIAREPLICA000000001", secret: "replica-secret-0123456789abcdef")

    /// `cairn serve` on the primary, reading from the standby.
    func serve(primary: TestCluster, standby: TestCluster, extra: [String: String] = [:]) throws -> CairnProcess {
        let port = CairnProcess.freePort()
        var environment = [
            "CAIRN_DATA_DIR": NSTemporaryDirectory() + "cairn-replica-\(UUID().uuidString.prefix(8))", "CAIRN_LISTEN": "127.0.0.1:\(port)",
            "CAIRN_MIGRATIONS_DIR": TestPostgres.migrationsDirectory.path,
            "DATABASE_URL": "postgres://cairn@/cairn?host=\(primary.socketDirectory)",
            "DATABASE_READ_URL": "postgres://cairn@/cairn?host=\(standby.socketDirectory)",
            "CAIRN_ROOT_ACCESS_KEY_ID": Self.credentials.accessKeyId, "CAIRN_ROOT_SECRET_ACCESS_KEY": Self.credentials.secret,
        ]
        environment.merge(extra) { $1 }
        return try CairnProcess(["serve"], environment: environment, port: port)
    }

    func lookupCreateUsers(_ p: CairnProcess) async -> HTTPProbe.Reply? {
        await HTTPProbe.signedAWSCall(
            port: p.port, service: "cloudtrail", target: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents",
            body: #"{"LookupAttributes":[{"AttributeKey":"EventName","AttributeValue":"CreateUser"}],"MaxResults":50}"#,
            credentials: Self.credentials)
    }

    func createUser(_ p: CairnProcess, _ name: String) async -> Int? {
        await HTTPProbe.signedAWSCall(
            port: p.port, service: "iam", target: nil, body: "Action=CreateUser&UserName=\(name)&Version=2010-05-08",
            credentials: Self.credentials)?.status
    }

    /// The count a process's /metrics reports for one outcome of replica reads.
    func replicaReads(_ p: CairnProcess, _ outcome: String) async throws -> Int {
        let metrics = try await HTTPProbe.request(host: "127.0.0.1", port: p.port, method: "GET", path: "/metrics", headers: [:], body: "")
        let prefix = "cairn_replica_reads_total{outcome=\"\(outcome)\"} "
        for line in metrics.body.split(separator: "\n") where line.hasPrefix(prefix) {
            return Int(Double(line.dropFirst(prefix.count)) ?? 0)
        }
        return 0
    }

    @Test(.timeLimit(.minutes(4)))
    func aStandbyServesEventHistoryAndACallerSeesItsOwnCallAtOnce() async throws {
        let primary = try TestCluster.primary()
        defer { primary.destroy() }
        let standby = try TestCluster.standby(of: primary, synchronous: false)
        defer { standby.destroy() }
        let p = try serve(primary: primary, standby: standby)
        defer { p.stopNow() }
        try await p.waitUntilReady()

        // Each call's own event is in the very next LookupEvents, read from the standby.
        for i in 0..<5 {
            #expect(await createUser(p, "replica-\(i)") == 200)
            let seen = await lookupCreateUsers(p)
            #expect(seen?.status == 200 && seen?.body.contains("replica-\(i)") == true, "call \(i): \(String(describing: seen?.body.prefix(300)))")
        }
        #expect(try await replicaReads(p, "replica") >= 4, "the standby served the reads")

        // A standby that stops replaying is not trusted with a read it has not caught up to: the primary serves it.
        try standby.execute("SELECT pg_wal_replay_pause()")
        #expect(await createUser(p, "while-paused") == 200)
        let paused = await lookupCreateUsers(p)
        #expect(paused?.status == 200 && paused?.body.contains("while-paused") == true)
        #expect(try await replicaReads(p, "lagging") >= 1)

        // A standby that is gone costs nothing but its own outage.
        try standby.crash()
        #expect(await createUser(p, "standby-gone") == 200)
        let gone = await lookupCreateUsers(p)
        #expect(gone?.status == 200 && gone?.body.contains("standby-gone") == true)
        #expect(try await replicaReads(p, "unavailable") >= 1)
    }

    func cloudTrail(_ p: CairnProcess, _ operation: String, _ body: [String: Any]) async throws -> [String: Any] {
        let text = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let reply = await HTTPProbe.signedAWSCall(
            port: p.port, service: "cloudtrail", target: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.\(operation)", body: text,
            credentials: Self.credentials)
        #expect(reply?.status == 200, "\(operation): \(String(describing: reply?.body))")
        return (try? JSONSerialization.jsonObject(with: Data((reply?.body ?? "").utf8)) as? [String: Any]) ?? [:]
    }

    /// Starts a Lake query and waits for it to end; its status and rows.
    func query(_ p: CairnProcess, _ statement: String, within seconds: Double = 30) async throws -> (String, [[[String: String]]]) {
        let id = try #require(try await cloudTrail(p, "StartQuery", ["QueryStatement": statement])["QueryId"] as? String)
        let deadline = Date().addingTimeInterval(seconds)
        var status = "QUEUED"
        while ["QUEUED", "RUNNING"].contains(status), Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
            status = try await cloudTrail(p, "DescribeQuery", ["QueryId": id])["QueryStatus"] as? String ?? ""
        }
        let rows = try await cloudTrail(p, "GetQueryResults", ["QueryId": id])["QueryResultRows"] as? [[[String: String]]] ?? []
        return (status, rows)
    }

    /// Lake queries run on the standby: a standby that stops replaying answers without what it has not replayed, and
    /// CancelQuery stops a statement running there (the worker is then free for the next query well within the timeout).
    @Test(.timeLimit(.minutes(4)))
    func lakeQueriesRunOnTheStandbyAndACancelReachesThem() async throws {
        let primary = try TestCluster.primary()
        defer { primary.destroy() }
        let standby = try TestCluster.standby(of: primary, synchronous: false)
        defer { standby.destroy() }
        let p = try serve(primary: primary, standby: standby, extra: ["CAIRN_LAKE_QUERY_TIMEOUT_SECONDS": "120"])
        defer { p.stopNow() }
        try await p.waitUntilReady()
        let arn = try #require(try await cloudTrail(p, "CreateEventDataStore", ["Name": "replica-lake"])["EventDataStoreArn"] as? String)
        let store = String(arn.split(separator: "/").last!)
        #expect(await createUser(p, "lake-before") == 200)
        let count = "SELECT count(*) AS users FROM \(store) WHERE eventName = 'CreateUser'"
        var (status, rows) = try await query(p, count)
        for _ in 0..<20 where rows != [[["users": "1"]]] {
            try await Task.sleep(for: .milliseconds(250))
            (status, rows) = try await query(p, count)
        }
        #expect(status == "FINISHED" && rows == [[["users": "1"]]], "\(status) \(rows)")

        try standby.execute("SELECT pg_wal_replay_pause()")
        #expect(await createUser(p, "lake-while-paused") == 200)
        (status, rows) = try await query(p, count)
        #expect(status == "FINISHED" && rows == [[["users": "1"]]], "the paused standby has not replayed the second user: \(rows)")
        try standby.execute("SELECT pg_wal_replay_resume()")
        (status, rows) = try await query(p, count)
        for _ in 0..<20 where rows != [[["users": "2"]]] {
            try await Task.sleep(for: .milliseconds(250))
            (status, rows) = try await query(p, count)
        }
        #expect(rows == [[["users": "2"]]], "\(rows)")

        // A runaway statement on the standby, cancelled: the one worker is free again long before the 120 s timeout.
        let slow = try #require(
            try await cloudTrail(
                p, "StartQuery", ["QueryStatement": "SELECT count(*) FROM \(store) a" + "bcdefghi".map { " CROSS JOIN \(store) \($0)" }.joined()])[
                    "QueryId"] as? String)
        for _ in 0..<50 {
            if try await cloudTrail(p, "DescribeQuery", ["QueryId": slow])["QueryStatus"] as? String == "RUNNING" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let cancelled = try await cloudTrail(p, "CancelQuery", ["QueryId": slow])
        #expect(cancelled["QueryStatus"] as? String == "CANCELLED")
        let started = ContinuousClock.now
        (status, _) = try await query(p, count, within: 60)
        #expect(status == "FINISHED" && ContinuousClock.now - started < .seconds(30), "the next query waited for the cancelled one")
    }
}
