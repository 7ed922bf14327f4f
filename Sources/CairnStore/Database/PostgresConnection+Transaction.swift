package import Logging
package import PostgresNIO

extension PostgresConnection {
    /// BEGIN … COMMIT, rolling back on any error and rethrowing that error unchanged, so a domain refusal
    /// thrown inside a transaction reaches the caller as itself (PostgresNIO's own helper wraps it).
    package func inTransaction<R: Sendable>(
        logger: Logger, isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending R
    ) async throws -> sending R {
        try await guardedQuery("BEGIN", logger: logger)
        let value: R
        do {
            value = try await body(self)
        } catch {
            _ = try? await guardedQuery("ROLLBACK", logger: logger)
            throw error
        }
        try await guardedQuery("COMMIT", logger: logger)
        return value
    }
}
