import CairnStore
import Foundation
import NIOCore
import PostgresNIO

/// Turns a startup failure into one line on stderr and exit status 1: an operator needs the cause, not a
/// stack trace.
package enum FailureReport {
    package static func exitOnFailure(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            FileHandle.standardError.write(Data("cairn: \(line(for: error))\n".utf8))
            exit(1)
        }
    }

    package static func line(for error: any Error) -> String {
        switch error {
        case let e as ConfigurationError: return e.description
        case let e as MigrationError: return e.description
        case let e as SecretBoxError: return e.description
        case let e as BootstrapError: return e.description
        case let e as IOError where e.errnoCode == EADDRINUSE:
            return "the listen address is already in use (choose another with --listen or CAIRN_LISTEN)"
        case let e as IOError: return "network error: \(e.description)"
        case is PSQLError:
            let f = PostgresFailure(error)
            if f.isAuthenticationFailure { return "the database refused the credentials in DATABASE_URL (\(f.summary))" }
            if f.isMissingDatabase { return "the database named in DATABASE_URL does not exist (\(f.summary))" }
            if f.isConnectionProblem {
                let cause = (error as? PSQLError)?.underlying.map { " (\($0))" } ?? ""
                return "could not reach the database\(cause): check DATABASE_URL and that the server runs"
            }
            return "database error: \(f.summary)"
        default:
            let text = String(describing: error)
            if text.contains("Address already in use") {
                return "the listen address is already in use (choose another with --listen or CAIRN_LISTEN)"
            }
            return text
        }
    }
}
