import Foundation
import NIOSSL
package import PostgresNIO

/// `postgres://user:password@host1:port1,host2:port2/database?sslmode=…&target_session_attrs=…` as libpq reads it,
/// turned into PostgresNIO configurations, one per host. libpq's URI forms: several hosts in the authority, or a
/// `host=` parameter (a comma-separated list; a value starting with `/` is a directory holding the server's unix
/// socket), `port=` likewise, sslmode (disable, allow, prefer — the default, as libpq's —, require, verify-ca,
/// verify-full), target_session_attrs (see `TargetSessionAttributes`) and connect_timeout in seconds.
package struct DatabaseURL: Sendable, Equatable {
    package let hosts: [DatabaseHost]
    package let username: String
    package let password: String?
    package let database: String
    package let sslmode: String
    package let targetSessionAttributes: TargetSessionAttributes
    /// libpq's connect_timeout: how long one host may take to accept a connection (libpq waits forever when unset;
    /// Cairn's default is 5 s, so a host that is gone costs a failover seconds, not minutes).
    package let connectTimeout: Duration

    /// The first host, as single-host code and logs name it.
    package var host: String { hosts[0].name }
    package var port: Int { hosts[0].port }
    package var socketDirectory: String? { hosts[0].socketDirectory }

    package init(_ text: String) throws(DatabaseURLError) {
        let form = "DATABASE_URL must look like postgres://user:password@host:5432/database"
        var rest = Substring(text)
        guard let schemeEnd = rest.range(of: "://"), ["postgres", "postgresql"].contains(rest[..<schemeEnd.lowerBound]) else {
            throw .malformed(form)
        }
        rest = rest[schemeEnd.upperBound...]
        var queryText = Substring("")
        if let q = rest.firstIndex(of: "?") {
            queryText = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userInfo = Substring("")
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        let parameters = try Self.parameters(queryText)
        let (user, password) = Self.credentials(userInfo)
        guard let user, !user.isEmpty else { throw .malformed("DATABASE_URL names no user") }
        username = user
        self.password = password
        let db = Self.decoded(path)
        database = db.isEmpty ? user : db
        sslmode = parameters["sslmode"] ?? "prefer"
        guard ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"].contains(sslmode) else {
            throw .malformed("DATABASE_URL sslmode \(sslmode) is not one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        let attributes = parameters["target_session_attrs"] ?? "any"
        guard let target = TargetSessionAttributes(rawValue: attributes) else {
            throw .malformed(
                "DATABASE_URL target_session_attrs \(attributes) is not one of \(TargetSessionAttributes.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        targetSessionAttributes = target
        if let seconds = parameters["connect_timeout"] {
            guard let n = Int(seconds), (1...600).contains(n) else {
                throw .malformed("DATABASE_URL connect_timeout must be a whole number of seconds from 1 to 600")
            }
            connectTimeout = .seconds(n)
        } else {
            connectTimeout = .seconds(5)
        }
        hosts = try Self.hosts(authority: rest, hostParameter: parameters["host"], portParameter: parameters["port"])
    }

    /// The authority's `host[:port]` list, or the `host=`/`port=` parameters (which win, as in libpq).
    private static func hosts(authority: Substring, hostParameter: String?, portParameter: String?) throws(DatabaseURLError) -> [DatabaseHost] {
        var names: [String] = []
        var ports: [String?] = []
        if let hostParameter, !hostParameter.isEmpty {
            names = hostParameter.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            ports = Array(repeating: nil, count: names.count)
        } else if !authority.isEmpty {
            for entry in authority.split(separator: ",", omittingEmptySubsequences: false) {
                let (name, port) = try hostAndPort(entry)
                names.append(name)
                ports.append(port)
            }
        }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else { throw .malformed("DATABASE_URL names no host") }
        if let portParameter {
            let listed = portParameter.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard listed.count == 1 || listed.count == names.count else {
                throw .malformed("DATABASE_URL gives \(listed.count) ports for \(names.count) hosts")
            }
            ports = listed.count == 1 ? Array(repeating: listed[0], count: names.count) : listed
        }
        return try zip(names, ports).map { (name, portText) throws(DatabaseURLError) in
            var port = 5432
            if let portText, !portText.isEmpty {
                guard let p = Int(portText), (1...65_535).contains(p) else { throw .malformed("DATABASE_URL port \(portText) is not a port number") }
                port = p
            }
            return DatabaseHost(name: name, port: port)
        }
    }

    private static func hostAndPort(_ entry: Substring) throws(DatabaseURLError) -> (String, String?) {
        if entry.hasPrefix("[") {
            guard let close = entry.firstIndex(of: "]") else { throw .malformed("DATABASE_URL host \(entry) has no closing ]") }
            let name = String(entry[entry.index(after: entry.startIndex)..<close])
            let after = entry[entry.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { throw .malformed("DATABASE_URL host \(entry) is malformed") }
            return (name, after.isEmpty ? nil : String(after.dropFirst()))
        }
        let parts = entry.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        return (decoded(parts[0]), parts.count == 2 ? String(parts[1]) : nil)
    }

    private static func parameters(_ query: Substring) throws(DatabaseURLError) -> [String: String] {
        var values: [String: String] = [:]
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[decoded(kv[0])] = kv.count == 2 ? decoded(kv[1]) : ""
        }
        return values
    }

    private static func credentials(_ userInfo: Substring) -> (String?, String?) {
        guard !userInfo.isEmpty else { return (nil, nil) }
        let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        return (decoded(parts[0]), parts.count == 2 ? decoded(parts[1]) : nil)
    }

    private static func decoded(_ s: Substring) -> String {
        String(s).removingPercentEncoding ?? String(s)
    }

    /// Every host's pool and probe configurations, in the URL's order (the order libpq tries them in).
    package func endpoints() throws -> [DatabaseEndpoint] {
        try hosts.map { host in
            DatabaseEndpoint(name: host.description, pool: configuration(host), probe: try probeConfiguration(host))
        }
    }

    /// The first host's pool configuration.
    package var configuration: PostgresClient.Configuration { configuration(hosts[0]) }

    private func configuration(_ host: DatabaseHost) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if host.socketDirectory != nil {
            configuration = PostgresClient.Configuration(
                unixSocketPath: host.socketPath, username: username, password: password, database: database)
        } else {
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
            configuration = PostgresClient.Configuration(
                host: host.name, port: host.port, username: username, password: password, database: database, tls: mode)
        }
        configuration.options.connectTimeout = connectTimeout
        return configuration
    }

    /// The first host's configuration for one connection: a start-up probe whose failure names its real cause
    /// (refused, wrong password, missing database) instead of a pool's silent retries.
    package func probeConfiguration() throws -> PostgresConnection.Configuration {
        try probeConfiguration(hosts[0])
    }

    private func probeConfiguration(_ host: DatabaseHost) throws -> PostgresConnection.Configuration {
        if host.socketDirectory != nil {
            return PostgresConnection.Configuration(unixSocketPath: host.socketPath, username: username, password: password, database: database)
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
        var configuration = PostgresConnection.Configuration(
            host: host.name, port: host.port, username: username, password: password, database: database, tls: mode)
        configuration.options.connectTimeout = .init(connectTimeout)
        return configuration
    }

    /// The URL with the password hidden, for logs.
    package var redacted: String {
        if hosts.contains(where: { $0.socketDirectory != nil }) {
            return "postgres://\(username)@/\(database)?host=\(hosts.map(\.name).joined(separator: ","))"
        }
        return "postgres://\(username)@\(hosts.map(\.description).joined(separator: ","))/\(database)"
    }
}

package struct DatabaseURLError: Error, CustomStringConvertible {
    package let description: String
    static func malformed(_ s: String) -> DatabaseURLError { DatabaseURLError(description: s) }
}
