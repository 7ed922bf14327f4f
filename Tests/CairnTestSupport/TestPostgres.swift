import Foundation
import Logging
import NIOPosix
import PostgresNIO

@testable import CairnStore

/// One embedded PostgreSQL for the whole test run, with a migrated template database; every test gets its
/// own database cloned from the template, so tests are isolated and can run in parallel.
package actor TestPostgres {
    package static let shared = TestPostgres()

    package static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    package static let migrationsDirectory = repositoryRoot.appendingPathComponent("migrations")

    nonisolated(unsafe) private static var clusterToStop: EmbeddedPostgres?
    private var server: Task<EmbeddedPostgres, any Error>?
    private var counter = 0
    private let logger = Logger(label: "cairn.tests")

    /// The running server, started on first use and stopped when the test process exits.
    package func embedded() async throws -> EmbeddedPostgres {
        // Actors are reentrant: every concurrent first caller must wait on the one start, not begin another.
        if let server { return try await server.value }
        let start = Task { try await self.start() }
        server = start
        return try await start.value
    }

    private func start() async throws -> EmbeddedPostgres {
        guard let bin = EmbeddedPostgres.locateBinaries(environment: ProcessInfo.processInfo.environment) else {
            throw TestSetupError("PostgreSQL server binaries not found; install postgresql-15")
        }
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cairn-tests-\(getpid())")
        // Hundreds of tests run in parallel, each with a small pool, beside the cairn processes some start: 600 was
        // reached on a clean clone's run once the federation suites joined ("sorry, too many clients already").
        let pg = EmbeddedPostgres(
            dataDirectory: dir, binDirectory: bin, serverUser: getuid() == 0 ? "postgres" : nil,
            settings: ["max_connections": "1200", "shared_buffers": "64MB", "fsync": "off"])
        try pg.start()
        Self.clusterToStop = pg
        atexit {
            if let pg = TestPostgres.clusterToStop {
                try? pg.stop()
                try? FileManager.default.removeItem(at: pg.dataDirectory)
            }
        }
        try await admin(pg) { conn in
            try await conn.query("DROP DATABASE IF EXISTS cairn_template", logger: self.logger)
            try await conn.query("CREATE DATABASE cairn_template", logger: self.logger)
        }
        let client = PostgresClient(configuration: Self.configuration(pg, database: "cairn_template"), backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            try await MigrationRunner(migrations: try Migration.load(from: Self.migrationsDirectory), logger: logger).run(on: client)
            group.cancelAll()
        }
        // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
        try await admin(pg) { conn in
            try await conn.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'cairn_template' AND pid <> pg_backend_pid()",
                logger: self.logger)
        }
        return pg
    }

    /// A new database, a copy of the migrated template.
    package func freshDatabase() async throws -> PostgresClient.Configuration {
        let pg = try await embedded()
        counter += 1
        let name = "t\(getpid())_\(counter)"
        var attempt = 0
        while true {
            do {
                try await admin(pg) { conn in
                    try await conn.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE cairn_template"), logger: self.logger)
                }
                return Self.configuration(pg, database: name)
            } catch  where attempt < 50 && PostgresFailure(error).sqlState == "55006" {
                // A terminated backend can linger for a moment after the template was built.
                attempt += 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// An empty database with no migrations applied, for the migration runner's own tests.
    package func emptyDatabase() async throws -> PostgresClient.Configuration {
        let pg = try await embedded()
        counter += 1
        let name = "e\(getpid())_\(counter)"
        var attempt = 0
        while true {
            do {
                try await admin(pg) { conn in
                    try await conn.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: self.logger)
                }
                return Self.configuration(pg, database: name)
            } catch  where attempt < 50 && PostgresFailure(error).sqlState == "55006" {
                attempt += 1
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    package static func configuration(_ pg: EmbeddedPostgres, database: String) -> PostgresClient.Configuration {
        var c = PostgresClient.Configuration(
            unixSocketPath: pg.socketPath, username: EmbeddedPostgres.superuser, password: nil, database: database)
        c.options.maximumConnections = 8
        return c
    }

    private func admin(_ pg: EmbeddedPostgres, _ body: @Sendable (PostgresConnection) async throws -> Void) async throws {
        let conf = PostgresConnection.Configuration(
            unixSocketPath: pg.socketPath, username: EmbeddedPostgres.superuser, password: nil, database: "postgres")
        let conn = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: conf, id: 1, logger: logger)
        do {
            try await body(conn)
        } catch {
            try? await conn.close()
            // PSQLError hides its details on purpose; a test setup failure needs them.
            if error is PSQLError, PostgresFailure(error).sqlState != "55006" { throw TestSetupError(String(reflecting: error)) }
            throw error
        }
        try await conn.close()
    }
}

package struct TestSetupError: Error, CustomStringConvertible {
    package let description: String
    package init(_ d: String) { description = d }
}
