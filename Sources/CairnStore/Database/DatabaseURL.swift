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
    /// A directory holding the server's unix socket (libpq's `?host=/path`), instead of a TCP host.
    package let socketDirectory: String?

    package init(_ text: String) throws(DatabaseURLError) {
        guard let c = URLComponents(string: text), let scheme = c.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw .malformed("DATABASE_URL must look like postgres://user:password@host:5432/database")
        }
        let socketHost = c.queryItems?.first(where: { $0.name == "host" })?.value.flatMap { $0.hasPrefix("/") ? $0 : nil }
        socketDirectory = socketHost
        guard let host = c.host.flatMap({ $0.isEmpty ? nil : $0 }) ?? socketHost else {
            throw .malformed("DATABASE_URL names no host")
        }
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
        if let socketDirectory {
            return PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password, database: database)
        }
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

    /// One connection's configuration, for a start-up probe whose failure names its real cause (refused,
    /// wrong password, missing database) instead of a pool's silent retries.
    package func probeConfiguration() throws -> PostgresConnection.Configuration {
        if let socketDirectory {
            return PostgresConnection.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password, database: database)
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        let mode: PostgresConnection.Configuration.TLS
        switch sslmode {
        case "disable", "allow": mode = .disable
        case "prefer", "require":
            tls.certificateVerification = .none
            let context = try NIOSSLContext(configuration: tls)
            mode = sslmode == "prefer" ? .prefer(context) : .require(context)
        default: mode = .require(try NIOSSLContext(configuration: tls))
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: mode)
    }

    /// The URL with the password hidden, for logs.
    package var redacted: String {
        socketDirectory.map { "postgres://\(username)@/\(database)?host=\($0)" } ?? "postgres://\(username)@\(host):\(port)/\(database)"
    }
}

package struct DatabaseURLError: Error, CustomStringConvertible {
    package let description: String
    static func malformed(_ s: String) -> DatabaseURLError { DatabaseURLError(description: s) }
}
