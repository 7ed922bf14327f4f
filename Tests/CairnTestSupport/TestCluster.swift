import CairnStore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster that a test takes away and brings back under a running `cairn serve`: stopped as a crash
/// would stop it, paused so that it accepts connections and never answers, or replicated to a standby that the
/// test promotes.
package struct TestCluster: Sendable {
    package let server: EmbeddedPostgres
    package let directory: String

    /// `DATABASE_URL`'s host list names clusters by their socket directories, as libpq's `host=/dir` does.
    package var socketDirectory: String { server.socketDirectory }

    package static var binaries: String? { EmbeddedPostgres.locateBinaries(environment: ProcessInfo.processInfo.environment) }

    /// Where the client tools are (createdb, pg_basebackup, psql): beside the server binaries once their links are
    /// followed (a machine may link only initdb, pg_ctl and postgres into /usr/local/bin).
    private static func tools(_ server: EmbeddedPostgres) -> String {
        URL(fileURLWithPath: server.binDirectory + "/pg_ctl").resolvingSymlinksInPath().deletingLastPathComponent().path
    }
    private static var serverUser: String? { getuid() == 0 ? "postgres" : nil }

    /// A new primary with the database `cairn`.
    package static func primary() throws -> TestCluster {
        let directory = NSTemporaryDirectory() + "cairn-cluster-\(UUID().uuidString.prefix(8))"
        let server = try EmbeddedPostgres.placed(
            dataDirectory: URL(fileURLWithPath: directory), binDirectory: try required(binaries), serverUser: serverUser)
        try server.start()
        try run(
            "\(tools(server))/createdb",
            ["-h", server.socketDirectory, "-p", "5432", "-U", EmbeddedPostgres.superuser, EmbeddedPostgres.database])
        return TestCluster(server: server, directory: directory)
    }

    /// A streaming standby of `primary`, copied with pg_basebackup and started. `synchronous`: from then on the
    /// primary's commits wait for the standby's flush, so a promoted standby has every acknowledged write.
    package static func standby(of primary: TestCluster, synchronous: Bool) throws -> TestCluster {
        let directory = NSTemporaryDirectory() + "cairn-cluster-\(UUID().uuidString.prefix(8))"
        let bin = try required(binaries)
        let server = try EmbeddedPostgres.placed(dataDirectory: URL(fileURLWithPath: directory), binDirectory: bin, serverUser: serverUser)
        try server.prepareDirectories()
        try run(
            "\(tools(server))/pg_basebackup",
            [
                "-D", server.clusterPath, "-h", primary.socketDirectory, "-p", "5432", "-U", EmbeddedPostgres.superuser, "-R", "-X", "stream",
                "-c", "fast",
            ])
        try server.start()
        if synchronous {
            try primary.execute("ALTER SYSTEM SET synchronous_standby_names = '*'")
            try primary.execute("SELECT pg_reload_conf()")
        }
        return TestCluster(server: server, directory: directory)
    }

    /// pg_ctl stop -m immediate: the server ends at once, as a crash ends it, and recovers when started again.
    package func crash() throws {
        try Self.run("\(server.binDirectory)/pg_ctl", ["stop", "-D", server.clusterPath, "-m", "immediate", "-w", "-s"])
    }

    package func start() throws { try server.start() }

    /// Runs one SQL statement with psql as the superuser.
    package func execute(_ statement: String) throws {
        try Self.run(
            "\(Self.tools(server))/psql",
            ["-h", socketDirectory, "-p", "5432", "-U", EmbeddedPostgres.superuser, "-d", "postgres", "-qAt", "-c", statement])
    }

    package func promote() throws {
        try Self.run("\(server.binDirectory)/pg_ctl", ["promote", "-D", server.clusterPath, "-w", "-s"])
    }

    /// SIGSTOP to the server and every backend: connections are accepted by the kernel and never answered, as a
    /// database behind a dead network path behaves.
    package func pause() { signalAll(SIGSTOP) }
    package func resume() { signalAll(SIGCONT) }

    /// Stops the server (resuming it first if paused) and removes its files.
    package func destroy() {
        resume()
        try? server.stop()
        try? FileManager.default.removeItem(at: server.clusterRoot)
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func signalAll(_ signal: Int32) {
        guard let text = try? String(contentsOfFile: server.clusterPath + "/postmaster.pid", encoding: .utf8),
            let first = text.split(separator: "\n").first, let postmaster = Int32(first)
        else { return }
        var pids = [postmaster]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // Fields after the command's closing parenthesis: state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, Int32(fields[1]) == postmaster { pids.append(pid) }
        }
        for pid in pids { kill(pid, signal) }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let result =
            try serverUser.map { try ProcessRunner.run("runuser", ["-u", $0, "--", tool] + arguments, searchPath: nil) }
            ?? ProcessRunner.run(tool, arguments, searchPath: nil)
        guard result.status == 0 else { throw TestSetupError("\(tool) \(arguments.joined(separator: " ")) failed: \(result.output)") }
    }

    private static func required(_ binaries: String?) throws -> String {
        guard let binaries else { throw TestSetupError("no PostgreSQL server binaries") }
        return binaries
    }
}
