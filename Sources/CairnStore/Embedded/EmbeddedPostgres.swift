package import Foundation

/// The PostgreSQL that `cairn` runs for itself when no DATABASE_URL is given: a cluster (`pg/`) reachable only
/// through a unix socket in a directory only its owner can enter (`run/`), both under the data directory.
///
/// PostgreSQL refuses to run as root, so when cairn is root the cluster belongs to an unprivileged system
/// user (`postgres`) and every server command runs as that user. That user must be able to reach the cluster;
/// when the data directory sits under a directory it may not enter (root's home is mode 0700 on most machines
/// and containers), the cluster lives under `/var/lib/cairn/embedded/` instead, in a directory named after the
/// data directory, so the same data directory always finds the same cluster (`placed(…)`).
package struct EmbeddedPostgres: Sendable {
    package static let superuser = "cairn"
    package static let database = "cairn"
    static let port = 5432
    /// Where clusters of data directories the server user cannot reach are kept.
    package static let sharedRoot = "/var/lib/cairn/embedded"

    package let dataDirectory: URL
    /// The directory holding `pg/` and `run/`: the data directory, or its place under `sharedRoot`.
    package let clusterRoot: URL
    package let binDirectory: String
    package let serverUser: String?
    /// Server settings passed with `-c` at start (the test suite raises max_connections, for example).
    package let settings: [String: String]

    package var clusterPath: String { clusterRoot.appendingPathComponent("pg").path }
    package var logPath: String { clusterPath + "/server.log" }
    /// Whether the cluster lives away from the data directory (under `sharedRoot`).
    package var isPlacedAway: Bool { clusterRoot != dataDirectory }

    /// Unix socket paths are limited to 107 bytes; a deep data directory falls back to a short path in /tmp
    /// derived from the data directory, so the same data directory always finds the same socket.
    package var socketDirectory: String {
        let preferred = clusterRoot.appendingPathComponent("run").path
        if preferred.utf8.count + 20 < 100 { return preferred }
        return "/tmp/cairn-pg-\(Self.fingerprint(dataDirectory))"
    }

    package var socketPath: String { "\(socketDirectory)/.s.PGSQL.\(Self.port)" }

    package init(
        dataDirectory: URL, clusterRoot: URL? = nil, binDirectory: String, serverUser: String?, settings: [String: String] = [:]
    ) {
        self.dataDirectory = dataDirectory.standardizedFileURL
        self.clusterRoot = (clusterRoot ?? dataDirectory).standardizedFileURL
        self.binDirectory = binDirectory
        self.serverUser = serverUser
        self.settings = settings
    }

    /// The embedded PostgreSQL of a data directory, placed where its server user can reach it: a cluster that
    /// already exists is used where it is; a new one goes under the data directory when the server user can
    /// enter every directory above it, else under `sharedRoot`.
    package static func placed(
        dataDirectory: URL, binDirectory: String, serverUser: String?, settings: [String: String] = [:]
    ) throws -> EmbeddedPostgres {
        let local = EmbeddedPostgres(dataDirectory: dataDirectory, binDirectory: binDirectory, serverUser: serverUser, settings: settings)
        guard let user = serverUser else { return local }
        let away = EmbeddedPostgres(
            dataDirectory: dataDirectory, clusterRoot: URL(fileURLWithPath: sharedRoot).appendingPathComponent(awayName(local.dataDirectory)),
            binDirectory: binDirectory, serverUser: serverUser, settings: settings)
        let fm = FileManager.default
        if fm.fileExists(atPath: local.clusterPath + "/PG_VERSION") { return local }
        if fm.fileExists(atPath: away.clusterPath + "/PG_VERSION") { return away }
        return try firstUnreachableAncestor(of: local.dataDirectory, for: user) == nil ? local : away
    }

    /// The directory under `sharedRoot` for a data directory: its last component, for the reader, and a
    /// fingerprint of its whole path, so two data directories never share a cluster.
    static func awayName(_ dataDirectory: URL) -> String {
        let base = dataDirectory.lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        return "\(base.isEmpty ? "data" : base)-\(fingerprint(dataDirectory))"
    }

    static func fingerprint(_ dataDirectory: URL) -> String {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for b in dataDirectory.path.utf8 { hash = (hash ^ UInt64(b)) &* 1_099_511_628_211 }
        return String(hash, radix: 36)
    }

    /// The first directory above `directory` that `user` may not pass through, if any.
    static func firstUnreachableAncestor(of directory: URL, for user: String) throws -> String? {
        var ancestor = directory.deletingLastPathComponent()
        while ancestor.path != "/" {
            let probe = try ProcessRunner.run("runuser", ["-u", user, "--", "test", "-x", ancestor.path], searchPath: nil)
            if probe.status != 0 { return ancestor.path }
            ancestor = ancestor.deletingLastPathComponent()
        }
        return nil
    }

    /// Finds the server binaries: CAIRN_PG_BINDIR, PATH, `pg_config --bindir`, then the newest
    /// /usr/lib/postgresql/*/bin.
    package static func locateBinaries(environment: [String: String]) -> String? {
        let fm = FileManager.default
        func has(_ dir: String) -> Bool {
            fm.isExecutableFile(atPath: dir + "/initdb") && fm.isExecutableFile(atPath: dir + "/pg_ctl")
        }
        // An explicit directory is the only place looked at, so a wrong one is reported, not papered over.
        if let explicit = environment["CAIRN_PG_BINDIR"], !explicit.isEmpty { return has(explicit) ? explicit : nil }
        for dir in (environment["PATH"] ?? "").split(separator: ":").map(String.init) where has(dir) { return dir }
        if let out = try? ProcessRunner.run("pg_config", ["--bindir"], searchPath: environment["PATH"]),
            out.status == 0
        {
            let dir = out.output.trimmingCharacters(in: .whitespacesAndNewlines)
            if has(dir) { return dir }
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).compactMap { Int($0) }.sorted(by: >)
        for v in versions where has("\(root)/\(v)/bin") { return "\(root)/\(v)/bin" }
        return nil
    }

    /// Creates the cluster once, then makes sure a server is running on it. Returns true when this call started
    /// the server (a server left running by a killed cairn is adopted, not restarted).
    @discardableResult
    package func start() throws -> Bool {
        try prepareDirectories()
        if !FileManager.default.fileExists(atPath: clusterPath + "/PG_VERSION") { try initialize() }
        if try isRunning() { return false }
        // Lock files left by a killed server would make the new one refuse to start: its pid may even
        // still exist as a zombie, which passes PostgreSQL's own liveness check. Nothing answers on the
        // socket, so they are stale.
        for stale in [clusterPath + "/postmaster.pid", socketPath + ".lock", socketPath] {
            try? FileManager.default.removeItem(atPath: stale)
        }
        let extra = settings.sorted { $0.key < $1.key }.map { " -c \($0.key)=\($0.value)" }.joined()
        let options = "-c listen_addresses='' -k \(socketDirectory) -p \(Self.port)\(extra)"
        let result = try serverCommand(
            "pg_ctl", ["start", "-D", clusterPath, "-w", "-t", "60", "-l", logPath, "-s", "-o", options])
        guard result.status == 0 else {
            throw EmbeddedPostgresError.startFailed(lastLines(of: logPath) ?? result.output)
        }
        return true
    }

    package func stop() throws {
        guard try isRunning() else { return }
        let result = try serverCommand("pg_ctl", ["stop", "-D", clusterPath, "-m", "fast", "-w", "-t", "60", "-s"])
        guard result.status == 0 else { throw EmbeddedPostgresError.stopFailed(result.output) }
    }

    package func isRunning() throws -> Bool {
        guard FileManager.default.fileExists(atPath: clusterPath + "/PG_VERSION") else { return false }
        // pg_ctl status: 0 running, 3 not running, 4 no accessible data directory. It trusts the pid file,
        // so the socket must also accept a connection.
        return try serverCommand("pg_ctl", ["status", "-D", clusterPath]).status == 0
            && UnixSocketProbe.accepts(socketPath)
    }

    private func initialize() throws {
        let fm = FileManager.default
        // An initdb killed half-way leaves a directory without PG_VERSION; initdb wants it empty.
        for entry in (try? fm.contentsOfDirectory(atPath: clusterPath)) ?? [] {
            try fm.removeItem(atPath: clusterPath + "/" + entry)
        }
        let result = try serverCommand(
            "initdb", ["-D", clusterPath, "-U", Self.superuser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-instructions"])
        guard result.status == 0 else { throw EmbeddedPostgresError.initFailed(result.output) }
    }

    package func prepareDirectories() throws {
        let fm = FileManager.default
        try fm.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        if isPlacedAway {
            // Root's own: every step down to the cluster root may be passed, not listed, by the server user.
            try fm.createDirectory(at: clusterRoot, withIntermediateDirectories: true)
            for dir in [URL(fileURLWithPath: Self.sharedRoot).deletingLastPathComponent(), URL(fileURLWithPath: Self.sharedRoot), clusterRoot] {
                try fm.setAttributes([.posixPermissions: 0o711], ofItemAtPath: dir.path)
            }
        }
        for dir in [clusterPath, socketDirectory] where !fm.fileExists(atPath: dir) {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        for dir in [clusterPath, socketDirectory] {
            try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dir)
        }
        guard let user = serverUser else { return }
        // The server user must be able to walk down to its directories; the directory holding them lets it
        // pass without listing (the credentials file beside it stays 0600 and root's).
        try fm.setAttributes([.posixPermissions: 0o711], ofItemAtPath: clusterRoot.path)
        for dir in [clusterPath, socketDirectory] {
            let chown = try ProcessRunner.run("chown", ["-R", "\(user):\(user)", dir], searchPath: nil)
            guard chown.status == 0 else { throw EmbeddedPostgresError.permission(chown.output) }
        }
        if let blocked = try Self.firstUnreachableAncestor(of: clusterRoot, for: user) {
            throw EmbeddedPostgresError.unreachableByServerUser(blocked, user)
        }
    }

    private func serverCommand(_ tool: String, _ args: [String]) throws -> ProcessRunner.Result {
        let path = "\(binDirectory)/\(tool)"
        if let user = serverUser {
            return try ProcessRunner.run("runuser", ["-u", user, "--", path] + args, searchPath: nil)
        }
        return try ProcessRunner.run(path, args, searchPath: nil)
    }

    private func lastLines(of path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").suffix(5).joined(separator: "\n")
    }
}

package enum EmbeddedPostgresError: Error, CustomStringConvertible {
    case initFailed(String)
    case startFailed(String)
    case stopFailed(String)
    case permission(String)
    case unreachableByServerUser(String, String)

    package var description: String {
        switch self {
        case .initFailed(let o): "initdb failed: \(o.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .startFailed(let o): "the embedded PostgreSQL did not start: \(o.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .stopFailed(let o): "the embedded PostgreSQL did not stop: \(o)"
        case .permission(let o): "could not hand the data directory to the PostgreSQL user: \(o)"
        case .unreachableByServerUser(let dir, let user):
            "the PostgreSQL user '\(user)' cannot enter \(dir); choose a CAIRN_DATA_DIR it can reach, or set DATABASE_URL"
        }
    }
}
