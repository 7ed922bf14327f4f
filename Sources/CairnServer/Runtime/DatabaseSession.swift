import CairnStore
import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// Where the database is: the server DATABASE_URL names, or the embedded one under the data directory,
/// started (and later stopped) by this process when nothing else runs it.
struct DatabaseSession: Sendable {
    let configuration: PostgresClient.Configuration
    let description: String
    let embedded: EmbeddedPostgres?
    /// Whether this process started the embedded server (a one-shot command stops only what it started).
    var startedEmbedded = false

    static func open(_ config: CairnConfiguration, logger: Logger) async throws -> DatabaseSession {
        if let url = config.databaseURL {
            let parsed: DatabaseURL
            do { parsed = try DatabaseURL(url) } catch { throw ConfigurationError(error.description) }
            try await probe(parsed, logger: logger)
            return DatabaseSession(configuration: parsed.configuration, description: parsed.redacted, embedded: nil)
        }
        guard let bin = EmbeddedPostgres.locateBinaries(environment: ProcessInfo.processInfo.environment) else {
            throw ConfigurationError(
                "no PostgreSQL server binaries found (initdb, pg_ctl): install the Debian package postgresql-15, or set DATABASE_URL to an existing server"
            )
        }
        let serverUser = getuid() == 0 ? "postgres" : nil
        if serverUser != nil, getpwnam("postgres") == nil {
            throw ConfigurationError(
                "cairn runs as root and PostgreSQL refuses to: create the system user 'postgres' (apt-get install postgresql-15 does), or set DATABASE_URL"
            )
        }
        let pg: EmbeddedPostgres
        let started: Bool
        do {
            pg = try EmbeddedPostgres.placed(dataDirectory: config.dataDirectory, binDirectory: bin, serverUser: serverUser)
            started = try pg.start()
            logger.info("embedded PostgreSQL \(started ? "started" : "already running")", metadata: ["socket": "\(pg.socketPath)"])
        } catch {
            throw ConfigurationError("\(error)")
        }
        try await createDatabaseIfMissing(pg, logger: logger)
        let configuration = PostgresClient.Configuration(
            unixSocketPath: pg.socketPath, username: EmbeddedPostgres.superuser, password: nil,
            database: EmbeddedPostgres.database)
        return DatabaseSession(
            configuration: configuration, description: "embedded PostgreSQL in \(pg.clusterPath)", embedded: pg, startedEmbedded: started)
    }

    /// Connects once, with a deadline, so that a refused connection or a wrong password is reported at once.
    private static func probe(_ url: DatabaseURL, logger: Logger) async throws {
        let configuration = try url.probeConfiguration()
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                let conn = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 0, logger: logger)
                try await conn.close()
                return true
            }
            group.addTask {
                try await Task.sleep(for: .seconds(15))
                return false
            }
            defer { group.cancelAll() }
            guard try await group.next() == true else {
                throw ConfigurationError("could not reach the database (\(url.redacted)) within 15 seconds")
            }
        }
    }

    /// CREATE DATABASE cannot run inside a transaction or the target database, so it goes through the
    /// maintenance database once; a race with another process creating it is harmless.
    private static func createDatabaseIfMissing(_ pg: EmbeddedPostgres, logger: Logger) async throws {
        let conf = PostgresConnection.Configuration(
            unixSocketPath: pg.socketPath, username: EmbeddedPostgres.superuser, password: nil, database: "postgres")
        let conn = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: conf, id: 1, logger: logger)
        defer { Task { try? await conn.close() } }
        var exists = false
        let rows = try await conn.query("SELECT 1 FROM pg_database WHERE datname = \(EmbeddedPostgres.database)", logger: logger)
        for try await _ in rows.decode(Int.self) { exists = true }
        if !exists {
            do {
                try await conn.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(EmbeddedPostgres.database)"), logger: logger)
            } catch  where PostgresFailure(error).sqlState == "42P04" {
                // Another process created it first.
            }
        }
    }
}
