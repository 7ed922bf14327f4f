/// One server a DATABASE_URL names: a TCP host and port, or (a name starting with `/`) the directory holding the
/// server's unix socket, as libpq reads `host=`.
package struct DatabaseHost: Sendable, Equatable, CustomStringConvertible {
    package let name: String
    package let port: Int

    package init(name: String, port: Int) {
        self.name = name
        self.port = port
    }

    package var socketDirectory: String? { name.hasPrefix("/") ? name : nil }
    package var socketPath: String { "\(name)/.s.PGSQL.\(port)" }

    package var description: String {
        if socketDirectory != nil { return socketPath }
        return name.contains(":") ? "[\(name)]:\(port)" : "\(name):\(port)"
    }
}
