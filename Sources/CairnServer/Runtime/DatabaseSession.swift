import CairnStore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// Where the database is: the server DATABASE_URL names, or the embedded one under the data directory,
/// started (and later stopped) by this process when nothing else runs it.
struct DatabaseSession: Sendable {
    /// The hosts the service may use, in the URL's order (the embedded server is one).
    let endpoints: [DatabaseEndpoint]
    /// DATABASE_URL carries the service's writes, so its pools ask for a writable host whatever the URL's
    /// target_session_attrs says, unless it asks for `primary` (stricter: not in recovery). docs/deploy.md.
    let attributes: TargetSessionAttributes
    let description: String
    let embedded: EmbeddedPostgres?
    /// Whether this process started the embedded server (a one-shot command stops only what it started).
    var startedEmbedded = false

    static func open(_ config: CairnConfiguration, logger: Logger) async throws -> DatabaseSession {
        if let url = config.databaseURL {
            let parsed: DatabaseURL
            do { parsed = try DatabaseURL(url) } catch { throw ConfigurationError(error.description) }
            let endpoints: [DatabaseEndpoint]
            do { endpoints = try parsed.endpoints() } catch { throw ConfigurationError("DATABASE_URL: \(error)") }
            try await probe(parsed, endpoints, logger: logger)
            return DatabaseSession(
                endpoints: endpoints, attributes: parsed.targetSessionAttributes == .primary ? .primary : .readWrite,
                description: parsed.redacted, embedded: nil)
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
        let endpoint = DatabaseEndpoint(
            name: pg.socketPath,
            pool: PostgresClient.Configuration(
                unixSocketPath: pg.socketPath, username: EmbeddedPostgres.superuser, password: nil, database: EmbeddedPostgres.database),
            probe: PostgresConnection.Configuration(
                unixSocketPath: pg.socketPath, username: EmbeddedPostgres.superuser, password: nil, database: EmbeddedPostgres.database))
        return DatabaseSession(
            endpoints: [endpoint], attributes: .readWrite, description: "embedded PostgreSQL in \(pg.clusterPath)", embedded: pg,
            startedEmbedded: started)
    }

    /// Connects once to each host in turn, with a deadline, until one answers: a refused connection or a wrong
    /// password is reported at once (the first host's failure), not as a pool's silent retries.
    private static func probe(_ url: DatabaseURL, _ endpoints: [DatabaseEndpoint], logger: Logger) async throws {
        var firstFailure: (any Error)?
        for endpoint in endpoints {
            do {
                try await probe(endpoint, logger: logger)
                return
            } catch {
                firstFailure = firstFailure ?? error
            }
        }
        throw firstFailure ?? ConfigurationError("could not reach the database (\(url.redacted))")
    }

    private static func probe(_ endpoint: DatabaseEndpoint, logger: Logger) async throws {
        let configuration = endpoint.probe
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
                throw ConfigurationError("could not reach the database (\(endpoint.name)) within 15 seconds")
            }
        }
    }

    /// A pool over these hosts, each host's pool configuration shaped by `shape` (the service's pool size, role).
    func pool(
        logger: Logger, on eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        _ shape: (inout PostgresClient.Configuration) -> Void = { _ in }
    ) -> DatabasePool {
        DatabasePool(
            endpoints: endpoints.map { endpoint in
                var shaped = endpoint
                shape(&shaped.pool)
                return shaped
            }, attributes: attributes, eventLoopGroup: eventLoopGroup, logger: logger)
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
