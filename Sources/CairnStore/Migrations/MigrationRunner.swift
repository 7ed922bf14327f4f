package import Logging
package import PostgresNIO

/// Applies pending migrations, each in its own transaction, under a PostgreSQL advisory lock so that any
/// number of processes starting at once apply each migration exactly once.
package struct MigrationRunner: Sendable {
    /// The advisory lock key: "cairn" as a number, fixed forever.
    static let lockKey: Int64 = 0x6361_6972_6e00

    package let migrations: [Migration]
    package let logger: Logger

    package init(migrations: [Migration], logger: Logger) {
        self.migrations = migrations
        self.logger = logger
    }

    /// Returns the names of the migrations this call applied.
    @discardableResult
    package func run(on client: PostgresClient) async throws -> [String] {
        try await run(on: DatabasePool(client: client))
    }

    /// Returns the names of the migrations this call applied.
    @discardableResult
    package func run(on pool: DatabasePool) async throws -> [String] {
        try await pool.withConnection { conn in
            try await conn.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            do {
                let applied = try await apply(on: conn)
                try await conn.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return applied
            } catch {
                _ = try? await conn.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw error
            }
        }
    }

    /// The versions recorded as applied, with their checksums.
    package func appliedVersions(on conn: PostgresConnection) async throws -> [Int: (name: String, checksum: String)] {
        try await conn.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
        var applied: [Int: (String, String)] = [:]
        let rows = try await conn.query("SELECT version, name, checksum FROM schema_migrations", logger: logger)
        for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
            applied[version] = (name, checksum)
        }
        return applied
    }

    private func apply(on conn: PostgresConnection) async throws -> [String] {
        let applied = try await appliedVersions(on: conn)
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for (version, record) in applied.sorted(by: { $0.key < $1.key }) {
            guard let m = byVersion[version] else { throw MigrationError.missingFile(version: version, name: record.name) }
            if m.checksum != record.checksum { throw MigrationError.changedAfterApply(m.name) }
        }
        var done: [String] = []
        for m in migrations where applied[m.version] == nil {
            let statements = SQLStatementSplitter.split(m.sql)
            try await conn.inTransaction(logger: logger) { tx in
                for (i, statement) in statements.enumerated() {
                    do {
                        try await tx.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    } catch {
                        throw MigrationError.failed(m.name, statement: i, reason: PostgresFailure(error).summary)
                    }
                }
                try await tx.query(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(m.version), \(m.name), \(m.checksum))",
                    logger: logger)
            }
            logger.info("applied migration", metadata: ["migration": "\(m.name)"])
            done.append(m.name)
        }
        return done
    }

    /// True when every known migration is applied: what /readyz reports.
    package func isCurrent(on pool: DatabasePool) async throws -> Bool {
        try await pool.withConnection { conn in
            let rows = try await conn.query("SELECT count(*) FROM schema_migrations", logger: logger)
            var count = 0
            for try await c in rows.decode(Int.self) { count = c }
            return count >= migrations.count
        }
    }
}
