import PostgresNIO

/// The database cannot serve a call right now: no primary answers, the connection broke mid-call, or the server
/// is shutting down or read-only after a failover. The doors answer it as AWS answers a brief outage — 503 with
/// Retry-After — and the caller retries; a transaction it interrupted was rolled back by PostgreSQL, except a
/// COMMIT whose answer was lost, which may have landed with its event (the one in-doubt case, docs/deploy.md).
package struct DatabaseUnavailable: Error, CustomStringConvertible {
    package let description: String

    package init(_ description: String) { self.description = description }

    /// The error as an outage, or nil when it is something else (a constraint, a bad value, our bug).
    package init?(_ error: any Error) {
        if let e = error as? DatabaseUnavailable {
            self = e
            return
        }
        if let e = error as? PSQLError {
            switch e.code {
            case .server:
                guard let state = e.serverInfo?[.sqlState], Self.meansUnavailable(sqlState: state) else { return nil }
                description = "the database answered SQLSTATE \(state): \(e.serverInfo?[.message] ?? "")"
            case .connectionError, .serverClosedConnection, .uncleanShutdown, .poolClosed, .clientClosedConnection:
                description = "the connection to the database failed (\(e.code))"
            default:
                return nil
            }
            return
        }
        // PostgresNIO hands its pool's circuit-breaker error through unwrapped, from a module it does not export.
        guard String(reflecting: type(of: error)).hasSuffix("ConnectionPoolError") else { return nil }
        description = "the database pool could not connect"
    }

    /// Class 08 (connection exception), 25006 (a read-only transaction: the host became a standby), 57P01–57P03
    /// (the server is shutting down, crashed, or cannot take connections yet), 53300 (too many connections).
    static func meansUnavailable(sqlState: String) -> Bool {
        sqlState.hasPrefix("08") || ["25006", "57P01", "57P02", "57P03", "53300"].contains(sqlState)
    }
}
