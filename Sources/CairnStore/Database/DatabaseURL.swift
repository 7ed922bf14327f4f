import Foundation
import NIOSSL
package import PostgresNIO

/// `postgres://user:password@host:port/database?sslmode=…` as libpq reads it, turned into a PostgresNIO
/// client configuration. sslmode: disable, prefer (the default, as libpq's), require, verify-full.
package struct DatabaseURL: Sendable, Equatable {
    package let host: String
    package let port: Int
    package let username: String
    package let password: String?
    package let database: String
    package let sslmode: String

    package init(_ text: String) throws(DatabaseURLError) {
        guard let c = URLComponents(string: text), let scheme = c.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw .malformed("DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        guard let host = c.host, !host.isEmpty else { throw .malformed("DATABASE_URL names no host") }
        guard let user = c.user, !user.isEmpty else { throw .malformed("DATABASE_URL names no user") }
        self.host = host
        port = c.port ?? 5432
        username = user.removingPercentEncoding ?? user
        password = c.password.map { $0.removingPercentEncoding ?? $0 }
        let db = String(c.path.drop(while: { $0 == "/" }))
        database = db.isEmpty ? username : db
        sslmode = c.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslmode) else {
            throw .malformed("DATABASE_URL sslmode \(sslmode) is not one of disable, prefer, require, verify-full")
        }
    }

    package var configuration: PostgresClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        let mode: PostgresClient.Configuration.TLS
        switch sslmode {
        case "disable", "allow": mode = .disable
        case "prefer", "require":
            // libpq's require encrypts without checking the certificate; verify-* check it.
            tls.certificateVerification = .none
            mode = sslmode == "prefer" ? .prefer(tls) : .require(tls)
        default: mode = .require(tls)
        }
        return PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: mode)
    }

    /// The URL with the password hidden, for logs.
    package var redacted: String { "postgres://\(username)@\(host):\(port)/\(database)" }
}

package struct DatabaseURLError: Error, CustomStringConvertible {
    package let description: String
    static func malformed(_ s: String) -> DatabaseURLError { DatabaseURLError(description: s) }
}
