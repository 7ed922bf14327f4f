import CairnCore
package import Logging
import Metrics
package import PostgresNIO

/// Cairn's database: a connection pool and the secret box. Every correctness rule is enforced here, inside
/// PostgreSQL transactions, so any number of service processes are as correct as one.
package struct Store: Sendable {
    package let pool: DatabasePool
    package let secrets: SecretBox
    package let partition: String

    package init(pool: DatabasePool, secrets: SecretBox, partition: String) {
        self.pool = pool
        self.secrets = secrets
        self.partition = partition
    }

    /// A store over a PostgresNIO pool its caller runs (tests, one-shot commands).
    package init(client: PostgresClient, secrets: SecretBox, partition: String) {
        self.init(pool: DatabasePool(client: client), secrets: secrets, partition: partition)
    }

    /// Runs `body` in one transaction; a thrown error rolls everything back and reaches the caller unchanged.
    package func transaction<R: Sendable>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (Transaction) async throws -> sending R
    ) async throws -> sending R {
        try await measured("transaction") {
            try await pool.withConnection { conn in
                try await conn.inTransaction(logger: logger) { c in
                    try await body(Transaction(connection: c, logger: logger, partition: partition, secrets: secrets))
                }
            }
        }
    }

    /// Reads outside any explicit transaction: what needs no lock and no consistency across statements.
    /// The connection is leased at the first statement (`DeferredLease`): a read the caches answer leases none.
    package func read<R: Sendable>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (Transaction) async throws -> sending R
    ) async throws -> sending R {
        try await measured("read") {
            let lease = DeferredLease(pool: pool)
            do {
                let result = try await body(Transaction(lease: lease, logger: logger, partition: partition, secrets: secrets))
                await lease.end()
                return result
            } catch {
                await lease.end()
                throw pool.outage(from: error)
            }
        }
    }

    /// Reads on a streaming standby once it has replayed `location` (see `ReplicaReads`); nil when it has not
    /// within `wait`.
    package func read<R: Sendable>(
        caughtUpTo location: String, within wait: Duration, logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (Transaction) async throws -> sending R
    ) async throws -> sending R? {
        try await outsideTransaction("replica", logger: logger) { tx in
            let deadline = ContinuousClock.now + wait
            while try await !tx.replication.hasReplayed(location) {
                guard ContinuousClock.now < deadline else { return nil }
                try await Task.sleep(for: .milliseconds(5))
            }
            return try await body(tx)
        }
    }

    /// One write outside an explicit transaction: PostgreSQL commits the single statement on its own, all of
    /// it or none, without the round trips of BEGIN and COMMIT (the event group commit's insert).
    package func autocommit<R: Sendable>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (Transaction) async throws -> sending R
    ) async throws -> sending R {
        try await outsideTransaction("autocommit", logger: logger, body)
    }

    private func outsideTransaction<R: Sendable>(
        _ kind: String, logger: Logger, isolation: isolated (any Actor)? = #isolation, _ body: (Transaction) async throws -> sending R
    ) async throws -> sending R {
        try await measured(kind) {
            try await pool.withConnection { conn in
                try await body(Transaction(connection: conn, logger: logger, partition: partition, secrets: secrets))
            }
        }
    }

    /// Pool-level metrics: database work in flight (a pool near its limit shows here first), how long each
    /// unit of work held a connection, and failures.
    private func measured<R: Sendable>(
        _ kind: String, isolation: isolated (any Actor)? = #isolation, _ work: () async throws -> sending R
    ) async throws -> sending R {
        let dimension = ("kind", kind)
        let inFlight = MetricHandles.shared.meter("cairn_db_in_flight", dimension)
        inFlight.increment()
        let started = ContinuousClock.now
        defer {
            inFlight.decrement()
            MetricHandles.shared.timer("cairn_db_duration_seconds", dimension).recordNanoseconds((ContinuousClock.now - started).nanoseconds)
        }
        do {
            return try await work()
        } catch {
            MetricHandles.shared.counter("cairn_db_errors_total", dimension).increment()
            throw error
        }
    }
}

/// A connection inside a transaction (or, from `read` and `autocommit`, outside one), with the request's
/// logger, the ARN partition and the secret box the repositories need; repositories hang off it so an
/// operation can only touch the database through the transaction it was given.
package struct Transaction: Sendable {
    private enum Source: Sendable {
        case held(PostgresConnection)
        case deferred(DeferredLease)
    }

    private let source: Source
    package let logger: Logger
    package let partition: String
    package let secrets: SecretBox

    init(connection: PostgresConnection, logger: Logger, partition: String, secrets: SecretBox) {
        (source, self.logger, self.partition, self.secrets) = (.held(connection), logger, partition, secrets)
    }

    init(lease: DeferredLease, logger: Logger, partition: String, secrets: SecretBox) {
        (source, self.logger, self.partition, self.secrets) = (.deferred(lease), logger, partition, secrets)
    }

    /// The connection the statements run on; a read's is leased here, at its first statement.
    package func connection() async throws -> PostgresConnection {
        switch source {
        case .held(let connection): connection
        case .deferred(let lease): try await lease.connection()
        }
    }

    package var regions: RegionRepository { RegionRepository(tx: self) }
    package var accounts: AccountRepository { AccountRepository(tx: self) }
    package var accessKeys: AccessKeyRepository { AccessKeyRepository(tx: self) }
    package var events: EventRepository { EventRepository(tx: self) }
    package var roles: RoleRepository { RoleRepository(tx: self) }
    package var principalPolicies: PrincipalPolicyRepository { PrincipalPolicyRepository(tx: self) }
    package var sessions: SessionRepository { SessionRepository(tx: self) }

    @discardableResult
    package func query(_ q: PostgresQuery) async throws -> PostgresRowSequence {
        try await connection().guardedQuery(q, logger: logger)
    }
}

extension Transaction {
    /// Whether a query returns any row; for refusal checks such as IAM's DeleteConflict.
    package func exists(_ q: PostgresQuery) async throws -> Bool {
        for try await _ in try await query(q).decode(Int.self) { return true }
        return false
    }

    /// IAM refuses to delete a user, group or role that still has inline or attached managed policies.
    package func refuseDeleteWhilePoliciesRemain(kind: String, id: String) async throws {
        if try await exists("SELECT 1 FROM iam_inline_policies WHERE principal_kind = \(kind) AND principal_id = \(id)") {
            throw ServiceError.deleteConflict("Cannot delete entity, must delete policies first.")
        }
        if try await exists("SELECT 1 FROM iam_policy_attachments WHERE principal_kind = \(kind) AND principal_id = \(id)") {
            throw ServiceError.deleteConflict("Cannot delete entity, must detach all policies first.")
        }
    }

    /// How many migrations the database has applied (0 before the first).
    package func appliedMigrationCount() async throws -> Int {
        let rows = try await query("SELECT count(*)::int8 FROM schema_migrations")
        for try await n in rows.decode(Int.self) { return n }
        return 0
    }
}
