import CairnStore
import CairnTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `cairn serve` as an operator runs it: a real process, its embedded PostgreSQL, signals and kill -9.
@Suite(.serialized) struct ServeProcessTests {
    func dataDir() -> String {
        NSTemporaryDirectory() + "cairn-serve-\(UUID().uuidString.prefix(8))"
    }

    func serve(_ dir: String, port: Int, extra: [String: String] = [:]) throws -> CairnProcess {
        var env = ["CAIRN_DATA_DIR": dir, "CAIRN_LISTEN": "127.0.0.1:\(port)", "CAIRN_MIGRATIONS_DIR": TestPostgres.migrationsDirectory.path]
        for (k, v) in extra { env[k] = v }
        return try CairnProcess(["serve"], environment: env, port: port)
    }

    func credentials(in dir: String) throws -> TestCredentials {
        let text = try String(contentsOfFile: dir + "/credentials", encoding: .utf8)
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return TestCredentials(accessKeyId: values["aws_access_key_id"] ?? "", secret: values["aws_secret_access_key"] ?? "")
    }

    func callerArn(_ p: CairnProcess, _ creds: TestCredentials) async throws -> String? {
        let headers = TestSigner.sign(
            method: "GET", path: "/v1/caller-identity", headers: ["host": "127.0.0.1:\(p.port)"], body: Data(),
            region: "us-east-1", service: "cairn", credentials: creds)
        var plain: [String: String] = [:]
        for f in headers { plain[f.name.canonicalName] = f.value }
        let reply = try await HTTPProbe.request(host: "127.0.0.1", port: p.port, method: "GET", path: "/v1/caller-identity", headers: plain, body: "")
        let arn = (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: String])?["arn"]
        if arn == nil { print("caller-identity answered \(reply.status): \(reply.body)") }
        return arn
    }

    func embeddedRunning(_ dir: String) throws -> Bool {
        let bin = try #require(EmbeddedPostgres.locateBinaries(environment: ProcessInfo.processInfo.environment))
        return try embedded(dir, bin).isRunning()
    }

    func embedded(_ dir: String, _ bin: String) throws -> EmbeddedPostgres {
        try EmbeddedPostgres.placed(dataDirectory: URL(fileURLWithPath: dir), binDirectory: bin, serverUser: getuid() == 0 ? "postgres" : nil)
    }

    /// As root, a data directory under a directory the PostgreSQL user may not enter (root's home, mode
    /// 0700) still works, without loosening that directory: the cluster is placed under /var/lib/cairn,
    /// `cairn serve` says where, and the data survives a kill -9 and a restart there.
    @Test(.enabled(if: getuid() == 0, "only root runs the embedded PostgreSQL as another user"))
    func aDataDirectoryUnderARootOnlyParentWorksAndSurvivesKillNine() async throws {
        let parent = NSTemporaryDirectory() + "cairn-home-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let dir = parent + "/checkout/.cairn"
        let bin = try #require(EmbeddedPostgres.locateBinaries(environment: ProcessInfo.processInfo.environment))
        let pg = try embedded(dir, bin)
        defer {
            try? pg.stop()
            try? FileManager.default.removeItem(atPath: parent)
            try? FileManager.default.removeItem(at: pg.clusterRoot)
        }
        #expect(pg.isPlacedAway && pg.clusterPath.hasPrefix(EmbeddedPostgres.sharedRoot))

        let first = try serve(dir, port: CairnProcess.freePort())
        try await first.waitUntilReady()
        #expect(first.stdout.contains("keeps its data in \(pg.clusterPath)"), "\(first.stdout)")
        let mode = try FileManager.default.attributesOfItem(atPath: parent)[.posixPermissions] as? Int
        #expect(mode == 0o700, "the parent keeps its permissions")
        let creds = try credentials(in: dir)
        let arn = try #require(try await callerArn(first, creds))
        first.signal(SIGKILL)
        _ = try await first.waitForExit()

        let second = try serve(dir, port: CairnProcess.freePort())
        defer { second.stopNow() }
        try await second.waitUntilReady()
        #expect(try await callerArn(second, creds) == arn, "the same operator account and credentials after the restart")
        second.signal(SIGTERM)
        #expect(try await second.waitForExit() == 0)
        #expect(try pg.isRunning() == false)
    }

    @Test func firstStartBootstrapsSavesCredentialsAndASecondStartReusesTheData() async throws {
        let dir = dataDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try serve(dir, port: CairnProcess.freePort())
        try await first.waitUntilReady()
        let creds = try credentials(in: dir)
        #expect(first.stdout.contains(creds.secret), "the generated secret is shown once")
        #expect(first.stdout.contains("--endpoint-url \(first.endpoint)"))
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/credentials")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let arn = try #require(try await callerArn(first, creds))
        #expect(!first.stderr.contains(creds.secret), "secrets never reach the log")
        // The service role's pool opens after the migrations that create the role: a first start logs no failures.
        #expect(!(first.stderr + first.stdout).contains("Connection creation failed"), "\(first.stderr)")
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)
        #expect(try embeddedRunning(dir) == false, "a clean stop stops the embedded PostgreSQL")

        let second = try serve(dir, port: CairnProcess.freePort())
        defer { second.stopNow() }
        try await second.waitUntilReady()
        #expect(!second.stdout.contains(creds.secret), "credentials are printed only when generated")
        #expect(try await callerArn(second, creds) == arn)
        second.signal(SIGINT)
        #expect(try await second.waitForExit() == 0)
    }

    /// After a busy spell and an idle one longer than the pool's idle timeout (the pool closing connections
    /// on its own), SIGTERM still ends the process promptly; a pool timer race once made it hang.
    @Test func aServerStopsPromptlyAfterBusyAndIdleSpells() async throws {
        let dir = dataDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for round in 0..<2 {
            let p = try serve(dir, port: CairnProcess.freePort())
            defer { p.stopNow() }
            try await p.waitUntilReady()
            let creds = try credentials(in: dir)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        for _ in 0..<10 {
                            let arn = try await callerArn(p, creds)
                            #expect(arn != nil)
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await Task.sleep(for: .seconds(7))
            p.signal(SIGTERM)
            #expect(try await p.waitForExit(timeout: .seconds(20)) == 0, "round \(round)")
        }
    }

    @Test func aStartAfterKillNineRecoversWhetherPostgresSurvivedOrLeftAStalePidFile() async throws {
        let dir = dataDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = try serve(dir, port: CairnProcess.freePort())
        try await first.waitUntilReady()
        let creds = try credentials(in: dir)
        first.signal(SIGKILL)
        _ = try await first.waitForExit()
        #expect(try embeddedRunning(dir), "the embedded PostgreSQL outlives a killed cairn")

        let adopted = try serve(dir, port: CairnProcess.freePort())
        try await adopted.waitUntilReady()
        #expect(try await callerArn(adopted, creds) != nil)
        // Now kill both cairn and the postmaster: the pid file stays behind.
        let pidText = try String(contentsOfFile: dir + "/pg/postmaster.pid", encoding: .utf8)
        let postmaster = try #require(pid_t(pidText.split(separator: "\n").first ?? ""))
        adopted.signal(SIGKILL)
        _ = try await adopted.waitForExit()
        kill(postmaster, SIGKILL)
        try await Task.sleep(for: .milliseconds(500))
        #expect(FileManager.default.fileExists(atPath: dir + "/pg/postmaster.pid"))

        let recovered = try serve(dir, port: CairnProcess.freePort())
        try await recovered.waitUntilReady()
        #expect(try await callerArn(recovered, creds) != nil)
        recovered.signal(SIGTERM)
        #expect(try await recovered.waitForExit() == 0)
    }

    @Test func twoProcessesStartedTogetherOnOneDatabaseMigrateOnceAndBothServe() async throws {
        let config = try await TestPostgres.shared.emptyDatabase()
        let socketDir = try #require(config.unixSocketPath).replacingOccurrences(of: "/.s.PGSQL.5432", with: "")
        let url = "postgres://\(config.username)@/\(config.database ?? "")?host=\(socketDir)"
        let dirA = dataDir(), dirB = dataDir()
        defer { for path in [dirA, dirB] { try? FileManager.default.removeItem(atPath: path) } }
        let keyFile = dirA + "-master.key"
        defer { try? FileManager.default.removeItem(atPath: keyFile) }
        _ = try SecretBox.loadKey(at: keyFile, create: true)
        let shared = [
            "DATABASE_URL": url, "CAIRN_MASTER_KEY_FILE": keyFile, "CAIRN_ROOT_ACCESS_KEY_ID": "AKIASHAREDROOT000001",
            "CAIRN_ROOT_SECRET_ACCESS_KEY": "shared-root-secret-0123456789",
        ]
        let a = try serve(dirA, port: CairnProcess.freePort(), extra: shared)
        let b = try serve(dirB, port: CairnProcess.freePort(), extra: shared)
        try await a.waitUntilReady()
        try await b.waitUntilReady()
        let creds = TestCredentials(accessKeyId: "AKIASHAREDROOT000001", secret: "shared-root-secret-0123456789")
        let arnA = try await callerArn(a, creds)
        let arnB = try await callerArn(b, creds)
        #expect(arnA != nil && arnA == arnB, "both processes serve one operator account")
        let applied = (a.stderr + b.stderr).components(separatedBy: "applied migration").count - 1
        let known = try Migration.load(from: TestPostgres.migrationsDirectory).count
        #expect(applied == known)
        await a.stop()
        await b.stop()
        // A third process with another key is refused before it serves anything.
        let stranger = try serve(dataDir(), port: CairnProcess.freePort(), extra: ["DATABASE_URL": url])
        #expect(try await stranger.waitForExit() == 1)
        #expect(stranger.stderr.contains("master key"), "\(stranger.stderr)")
    }

    /// `cairn serve` works as cairn_service, not as the user it connects as (here a superuser, who would pass
    /// every privilege check): taking one privilege from the role stops the live server's calls that need it,
    /// and giving it back restores them. The privilege is the one every call needs whatever it has cached:
    /// inserting its event.
    @Test func theServerWorksAsTheServiceRoleNotAsTheConnectingUser() async throws {
        let config = try await TestPostgres.shared.emptyDatabase()
        let socketDir = try #require(config.unixSocketPath).replacingOccurrences(of: "/.s.PGSQL.5432", with: "")
        let url = "postgres://\(config.username)@/\(config.database ?? "")?host=\(socketDir)"
        let dir = dataDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let creds = TestCredentials(accessKeyId: "AKIASHAREDROOT000005", secret: "shared-root-secret-role-0123456789")
        let server = try serve(
            dir, port: CairnProcess.freePort(),
            extra: [
                "DATABASE_URL": url, "CAIRN_ROOT_ACCESS_KEY_ID": creds.accessKeyId, "CAIRN_ROOT_SECRET_ACCESS_KEY": creds.secret,
            ])
        defer { server.stopNow() }
        try await server.waitUntilReady()
        #expect(try await callerArn(server, creds) != nil)
        try await withClient(config) { client in _ = try await client.query("REVOKE INSERT ON events FROM cairn_service") }
        #expect(try await callerArn(server, creds) == nil, "the role, without INSERT on events, cannot record a call, so answers none")
        #expect(server.stderr.contains("permission denied for table events"))
        try await withClient(config) { client in _ = try await client.query("GRANT INSERT ON events TO cairn_service") }
        #expect(try await callerArn(server, creds) != nil)
    }

    @Test func jsonLogsAndPrometheusMetricsFromALiveProcess() async throws {
        let dir = dataDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = try serve(dir, port: CairnProcess.freePort(), extra: ["CAIRN_LOG_FORMAT": "json"])
        defer { p.stopNow() }
        try await p.waitUntilReady()
        _ = try await callerArn(p, try credentials(in: dir))
        let metrics = try await HTTPProbe.request(host: "127.0.0.1", port: p.port, method: "GET", path: "/metrics", headers: [:], body: "")
        for family in ["cairn_operations_total", "cairn_http_requests_total", "cairn_db_duration_seconds", "cairn_operation_duration_seconds"] {
            #expect(metrics.body.contains(family), "\(family) missing from /metrics")
        }
        #expect(metrics.body.contains(#"operation="sts:GetCallerIdentity""#))
        let lines = p.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["message"] != nil, "not a JSON log line: \(line)")
        }
        await p.stop()
    }

    /// The deployed binary links the Swift runtime in, where NIO cannot find the runtime's enqueue hook and Cairn
    /// sets it itself; `CAIRN_EXECUTOR_HOOK=cairn` takes that path in this build. Either way served calls run on
    /// NIO's event loops: Swift's cooperative pool, whose threads a static binary without the hook had
    /// (`…user-initiated-qos`), never starts, and no warning is logged.
    @Test(arguments: ["nio", "cairn"]) func servedCallsRunOnNIOsEventLoopsWhicheverSetsTheHook(_ hook: String) async throws {
        let dir = dataDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = try serve(dir, port: CairnProcess.freePort(), extra: ["CAIRN_EXECUTOR_HOOK": hook])
        defer { p.stopNow() }
        try await p.waitUntilReady()
        let creds = try credentials(in: dir)
        for _ in 0..<20 { #expect(try await callerArn(p, creds) != nil) }
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(p.pid)/task")
        let threads = tasks.map { (try? String(contentsOfFile: "/proc/\(p.pid)/task/\($0)/comm", encoding: .utf8)) ?? "" }
        #expect(threads.contains { $0.hasPrefix("NIO-SGLTN") })
        #expect(!threads.contains { $0.contains("initiated-qos") }, "Swift's cooperative pool ran: \(threads)")
        #expect(!p.stderr.contains("Dispatch's threads"))
        await p.stop()
    }

    @Test func aPortInUseIsOneClearLineAndExitOne() async throws {
        let dir = dataDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let port = CairnProcess.freePort()
        let first = try serve(dir, port: port)
        defer { first.stopNow() }
        try await first.waitUntilReady()
        let second = try serve(dir, port: port)
        #expect(try await second.waitForExit() == 1)
        let lines = second.stderr.split(separator: "\n").filter { $0.hasPrefix("cairn:") }
        #expect(lines.count == 1 && lines[0].contains("already in use"), "\(second.stderr)")
        await first.stop()
    }

    @Test func anUnreachableDatabaseIsOneClearLineAndExitOne() async throws {
        let p = try serve(dataDir(), port: CairnProcess.freePort(), extra: ["DATABASE_URL": "postgres://cairn@127.0.0.1:1/cairn?sslmode=disable"])
        #expect(try await p.waitForExit(timeout: .seconds(60)) == 1)
        #expect(p.stderr.contains("cairn: ") && p.stderr.contains("database"), "\(p.stderr)")
        #expect(!p.stderr.contains("Fatal error") && !p.stderr.contains("Stack"))
    }

    @Test func refusedDatabaseCredentialsAreOneClearLine() async throws {
        let config = try await TestPostgres.shared.freshDatabase()
        let socketDir = try #require(config.unixSocketPath).replacingOccurrences(of: "/.s.PGSQL.5432", with: "")
        let p = try serve(
            dataDir(), port: CairnProcess.freePort(),
            extra: ["DATABASE_URL": "postgres://nosuchrole:wrong@/\(config.database ?? "")?host=\(socketDir)"])
        #expect(try await p.waitForExit() == 1)
        let lines = p.stderr.split(separator: "\n").filter { $0.hasPrefix("cairn:") }
        #expect(lines.count == 1 && lines[0].contains("refused the credentials"), "\(p.stderr)")
        #expect(!p.stderr.contains("wrong"), "the password never reaches the output")
    }

    @Test func badConfigurationIsRefusedWithTheSettingNamed() async throws {
        let p = try serve(dataDir(), port: CairnProcess.freePort(), extra: ["CAIRN_REGIONS": "not a region"])
        #expect(try await p.waitForExit() == 1)
        #expect(p.stderr.contains("CAIRN_REGIONS"))
        let q = try CairnProcess(["serve"], environment: ["CAIRN_LISTEN": "nowhere"], port: 0)
        #expect(try await q.waitForExit() == 1)
        #expect(q.stderr.contains("CAIRN_LISTEN"))
        let r = try serve(dataDir(), port: CairnProcess.freePort(), extra: ["CAIRN_PG_BINDIR": "/nonexistent"])
        #expect(try await r.waitForExit() == 1)
        #expect(r.stderr.contains("postgresql-15") && r.stderr.contains("DATABASE_URL"), "\(r.stderr)")
        // Delivery settings: a bucket endpoint without a key to sign with, an interval out of range.
        let unsigned = try serve(dataDir(), port: CairnProcess.freePort(), extra: ["CAIRN_BUCKET_ENDPOINTS": "logs=http://127.0.0.1:9"])
        #expect(try await unsigned.waitForExit() == 1)
        #expect(unsigned.stderr.contains("CAIRN_S3_ACCESS_KEY_ID"), "\(unsigned.stderr)")
        let interval = try serve(dataDir(), port: CairnProcess.freePort(), extra: ["CAIRN_DELIVERY_INTERVAL_SECONDS": "0"])
        #expect(try await interval.waitForExit() == 1)
        #expect(interval.stderr.contains("CAIRN_DELIVERY_INTERVAL_SECONDS"), "\(interval.stderr)")
    }
}
