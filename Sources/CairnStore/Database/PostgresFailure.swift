import PostgresNIO

/// What a PostgreSQL error means to Cairn. PSQLError's own description is redacted on purpose, so the
/// store reads the server's fields to decide, and logs `String(reflecting:)` only on the server side.
package struct PostgresFailure: Sendable {
    package let sqlState: String?
    package let serverMessage: String?
    package let constraint: String?
    package let isConnectionProblem: Bool

    package init(_ error: any Error) {
        if let e = error as? PSQLError {
            sqlState = e.serverInfo?[.sqlState]
            serverMessage = e.serverInfo?[.message]
            constraint = e.serverInfo?[.constraintName]
            isConnectionProblem = e.code != .server
        } else {
            sqlState = nil
            serverMessage = nil
            constraint = nil
            isConnectionProblem = false
        }
    }

    package var isUniqueViolation: Bool { sqlState == "23505" }
    package var isAuthenticationFailure: Bool { sqlState == "28P01" || sqlState == "28000" }
    package var isMissingDatabase: Bool { sqlState == "3D000" }

    package var summary: String { serverMessage ?? (isConnectionProblem ? "could not reach the database" : "database error") }
}
