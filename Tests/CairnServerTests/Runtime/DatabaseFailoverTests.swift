import CairnTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cairn serve` while its database goes away and comes back: calls fail fast with AWS's 503 and Retry-After,
/// the service follows a failover to a promoted standby by itself, and SIGTERM ends the process whatever the
/// database does. Real processes and real PostgreSQL clusters, taken away as a crash or a dead network would.
@Suite(.serialized) struct DatabaseFailoverTests {
    static let credentials = TestCredentials(accessKeyId: "AKIAFAILOVER00000001", secret: "failover-secret-0123456789abcdef")

    func serve(databaseURL: String) throws -> CairnProcess {
        let port = CairnProcess.freePort()
        let env = [
            "CAIRN_DATA_DIR": NSTemporaryDirectory() + "cairn-failover-\(UUID().uuidString.prefix(8))",
            "CAIRN_LISTEN": "127.0.0.1:\(port)", "CAIRN_MIGRATIONS_DIR": TestPostgres.migrationsDirectory.path,
            "DATABASE_URL": databaseURL, "CAIRN_ROOT_ACCESS_KEY_ID": Self.credentials.accessKeyId,
            "CAIRN_ROOT_SECRET_ACCESS_KEY": Self.credentials.secret, "CAIRN_DRAIN_TIMEOUT_SECONDS": "3",
        ]
        return try CairnProcess(["serve"], environment: env, port: port)
    }

    /// IAM CreateUser on the Query door: a write, so it needs the primary.
    func createUser(_ p: CairnProcess, _ name: String) async -> HTTPProbe.Reply? {
        await HTTPProbe.signedAWSCall(
            port: p.port, service: "iam", target: nil, body: "Action=CreateUser&UserName=\(name)&Version=2010-05-08",
            credentials: Self.credentials)
    }

    func getUser(_ p: CairnProcess, _ name: String) async -> HTTPProbe.Reply? {
        await HTTPProbe.signedAWSCall(
            port: p.port, service: "iam", target: nil, body: "Action=GetUser&UserName=\(name)&Version=2010-05-08",
            credentials: Self.credentials)
    }

    /// CloudTrail DescribeTrails on the JSON 1.1 door.
    func describeTrails(_ p: CairnProcess) async -> HTTPProbe.Reply? {
        await HTTPProbe.signedAWSCall(
            port: p.port, service: "cloudtrail", target: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails",
            body: "{}", credentials: Self.credentials)
    }

    /// Retries `call` until it answers `status` or `timeout` passes; the last reply.
    func eventually(
        _ status: Int, within timeout: Duration, _ call: () async -> HTTPProbe.Reply?
    ) async throws -> HTTPProbe.Reply? {
        let deadline = ContinuousClock.now + timeout
        var last: HTTPProbe.Reply?
        while ContinuousClock.now < deadline {
            last = await call()
            if last?.status == status { return last }
            try await Task.sleep(for: .milliseconds(200))
        }
        return last
    }

    func timed<T>(_ work: () async -> T) async -> (T, Duration) {
        let start = ContinuousClock.now
        let value = await work()
        return (value, ContinuousClock.now - start)
    }

    @Test(.timeLimit(.minutes(4)))
    func callsFailFastWithServiceUnavailableWhileTheDatabaseIsGoneAndSucceedOnceItIsBack() async throws {
        let cluster = try TestCluster.primary()
        defer { cluster.destroy() }
        let p = try serve(databaseURL: "postgres://cairn@/cairn?host=\(cluster.socketDirectory)")
        defer { p.stopNow() }
        try await p.waitUntilReady()
        #expect(await createUser(p, "before-crash")?.status == 200)

        // A crash: the server is gone and refuses connections.
        try cluster.crash()
        let refused = try #require(try await eventually(503, within: .seconds(10)) { await createUser(p, "during-crash") })
        #expect(refused.status == 503)
        #expect(refused.headers["retry-after"] == "2")
        #expect(refused.body.contains("<Code>ServiceUnavailable</Code>"), "\(refused.body)")
        let (json, jsonTook) = await timed { await describeTrails(p) }
        #expect(json?.status == 503 && json?.headers["retry-after"] == "2", "\(String(describing: json))")
        #expect(json?.body.contains("\"__type\":\"ServiceUnavailable\"") == true, "\(String(describing: json?.body))")
        #expect(jsonTook < .seconds(2), "a call while no host serves fails without waiting (took \(jsonTook))")

        // Back: calls succeed again without restarting cairn, and nothing refused was written.
        try cluster.start()
        #expect(try await eventually(200, within: .seconds(20)) { await createUser(p, "after-restart") }?.status == 200)
        #expect(await getUser(p, "during-crash")?.status == 404)
        #expect(await getUser(p, "before-crash")?.status == 200)
    }

    @Test(.timeLimit(.minutes(4)))
    func aDatabaseThatStopsAnsweringFailsCallsWithinSecondsAndSigtermStillEndsTheProcess() async throws {
        let cluster = try TestCluster.primary()
        defer { cluster.destroy() }
        let p = try serve(databaseURL: "postgres://cairn@/cairn?host=\(cluster.socketDirectory)")
        defer { p.stopNow() }
        try await p.waitUntilReady()
        #expect(await createUser(p, "before-pause")?.status == 200)

        // Paused: connections are accepted and never answered, as behind a dead network path.
        cluster.pause()
        let (reply, took) = await timed { await createUser(p, "during-pause") }
        #expect(reply?.status == 503, "\(String(describing: reply))")
        #expect(reply?.headers["retry-after"] == "2")
        #expect(took < .seconds(8), "the watch (3 s timeout, 1 s interval) retires the host: the call waited \(took)")

        // SIGTERM with the database still paused: the process ends within its drain timeout (3 s) and the
        // cancellation bound, not after minutes.
        let (exited, stopTook) = await timed {
            p.signal(SIGTERM)
            return try? await p.waitForExit(timeout: .seconds(30))
        }
        #expect(exited != nil, "the process ended on SIGTERM")
        #expect(stopTook < .seconds(12), "SIGTERM took \(stopTook)")
        cluster.resume()
    }

    @Test(.timeLimit(.minutes(5)))
    func theServiceFindsTheWritableHostAndFollowsAFailoverToAPromotedStandby() async throws {
        let primary = try TestCluster.primary()
        defer { primary.destroy() }
        let standby = try TestCluster.standby(of: primary, synchronous: true)
        defer { standby.destroy() }
        // The standby first: target_session_attrs=read-write passes over it to the primary.
        let url = "postgres://cairn@/cairn?host=\(standby.socketDirectory),\(primary.socketDirectory)&target_session_attrs=read-write"
        let p = try serve(databaseURL: url)
        defer { p.stopNow() }
        try await p.waitUntilReady()
        #expect(await createUser(p, "on-the-old-primary")?.status == 200)

        // The primary crashes; the operator (Patroni, in deploy/ha) promotes the standby.
        try primary.crash()
        try standby.promote()
        let after = try await eventually(200, within: .seconds(30)) { await createUser(p, "on-the-new-primary") }
        #expect(after?.status == 200, "\(String(describing: after))")
        // Synchronous replication: the write acknowledged before the crash is on the new primary.
        #expect(await getUser(p, "on-the-old-primary")?.status == 200)
        #expect(await getUser(p, "on-the-new-primary")?.status == 200)
    }
}
