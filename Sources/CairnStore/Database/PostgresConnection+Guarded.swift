package import Logging
package import PostgresNIO

extension PostgresConnection {
    /// A query that fails, rather than waits for ever, on a connection that has closed.
    ///
    /// PostgresNIO writes a query to its channel from whichever thread asks, and when the channel has closed by the
    /// time the write reaches it, the query's promise is dropped and its caller waits for ever (postgres-nio#487
    /// fixed it and #501 reverted the fix). The failover test met it: the primary closed a connection between two
    /// statements of a PutAuditEvents, whose next statement never answered, and neither did the call.
    @discardableResult
    package func guardedQuery(_ query: PostgresQuery, logger: Logger) async throws -> PostgresRowSequence {
        try await startedOnEventLoop { try await self.query(query, logger: logger) }
    }

    /// `guardedQuery` for a prepared statement, which PostgresNIO writes the same way.
    func guardedExecute<Statement: PostgresPreparedStatement>(
        _ statement: Statement, logger: Logger
    ) async throws -> [Statement.Row] {
        let sequence = try await startedOnEventLoop { try await self.execute(statement, logger: logger) }
        var rows: [Statement.Row] = []
        for try await row in sequence { rows.append(row) }
        return rows
    }

    /// Runs `start` — a statement up to its write — on the channel's own event loop, in the same turn of that loop
    /// as a check that the channel is open: the channel is either closed at the check (the call fails at once, as
    /// DatabaseUnavailable) or open for the write (PostgresNIO then fails the statement itself when the connection
    /// goes). Only the start runs there; the rows are read back on the caller's executor.
    private func startedOnEventLoop<R>(_ start: () async throws -> R) async throws -> R {
        try await withTaskExecutorPreference(EventLoopTaskExecutor(eventLoop)) {
            guard !isClosed else { throw DatabaseUnavailable("the connection to the database closed") }
            return try await start()
        }
    }
}
