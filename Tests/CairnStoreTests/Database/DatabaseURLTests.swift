import CairnStore
import Testing

@Suite struct DatabaseURLTests {
    @Test func readsEveryPartAndDefaults() throws {
        let url = try DatabaseURL("postgres://app:p%40ss@db.internal:6543/cairn?sslmode=require")
        #expect(url.host == "db.internal" && url.port == 6543 && url.username == "app")
        #expect(url.password == "p@ss" && url.database == "cairn" && url.sslmode == "require")
        #expect(url.redacted == "postgres://app@db.internal:6543/cairn")
        #expect(url.targetSessionAttributes == .any && url.connectTimeout == .seconds(5))
        let short = try DatabaseURL("postgresql://app@localhost")
        #expect(short.port == 5432 && short.database == "app" && short.sslmode == "prefer")
        let socket = try DatabaseURL("postgres://app@/cairn?host=/var/run/postgresql")
        #expect(socket.socketDirectory == "/var/run/postgresql" && socket.database == "cairn")
        #expect(socket.configuration.unixSocketPath == "/var/run/postgresql/.s.PGSQL.5432")
    }

    /// libpq's multi-host URI: every host in order, each with its own port or the default, and the session
    /// attributes the pools find the primary by.
    @Test func readsSeveralHostsAndTargetSessionAttributes() throws {
        let url = try DatabaseURL(
            "postgres://cairn:pw@pg-a:5433,pg-b,[fd00::7]:6000/cairn?target_session_attrs=read-write&connect_timeout=2")
        #expect(
            url.hosts == [DatabaseHost(name: "pg-a", port: 5433), DatabaseHost(name: "pg-b", port: 5432), DatabaseHost(name: "fd00::7", port: 6000)])
        #expect(url.targetSessionAttributes == .readWrite && url.connectTimeout == .seconds(2))
        #expect(url.redacted == "postgres://cairn@pg-a:5433,pg-b:5432,[fd00::7]:6000/cairn")
        let endpoints = try url.endpoints()
        #expect(endpoints.map(\.name) == ["pg-a:5433", "pg-b:5432", "[fd00::7]:6000"])
        #expect(endpoints[1].pool.host == "pg-b" && endpoints[1].pool.port == 5432)
        #expect(endpoints[0].pool.options.connectTimeout == .seconds(2))

        let sockets = try DatabaseURL("postgres://cairn@/cairn?host=/run/a,/run/b&port=5432&target_session_attrs=prefer-standby")
        #expect(sockets.hosts.map(\.socketPath) == ["/run/a/.s.PGSQL.5432", "/run/b/.s.PGSQL.5432"])
        #expect(sockets.targetSessionAttributes == .preferStandby)
        let ports = try DatabaseURL("postgres://cairn@/cairn?host=h1,h2&port=1,2")
        #expect(ports.hosts.map(\.port) == [1, 2])
    }

    @Test func theAttributesQualifyHostsAsLibpqDoes() {
        #expect(TargetSessionAttributes.readWrite.accepts(inRecovery: false, readOnly: false))
        #expect(!TargetSessionAttributes.readWrite.accepts(inRecovery: true, readOnly: true))
        #expect(!TargetSessionAttributes.readWrite.accepts(inRecovery: false, readOnly: true), "default_transaction_read_only on a primary")
        #expect(TargetSessionAttributes.readOnly.accepts(inRecovery: false, readOnly: true))
        #expect(TargetSessionAttributes.primary.accepts(inRecovery: false, readOnly: true))
        #expect(TargetSessionAttributes.standby.accepts(inRecovery: true, readOnly: true))
        #expect(!TargetSessionAttributes.standby.accepts(inRecovery: false, readOnly: false))
        #expect(TargetSessionAttributes.any.accepts(inRecovery: true, readOnly: true))
    }

    @Test func rejectsWhatItCannotUseNamingThePart() {
        let cases: [(String, String)] = [
            ("mysql://a@b/c", "must look like"), ("postgres://b/c", "names no user"), ("postgres://a@/c", "names no host"),
            ("postgres://a@b/c?sslmode=sometimes", "sslmode"), ("nonsense", "must look like"),
            ("postgres://a@b/c?target_session_attrs=writable", "target_session_attrs"),
            ("postgres://a@b:99999/c", "port 99999"), ("postgres://a@b,,c/d", "names no host"),
            ("postgres://a@/d?host=h1,h2,h3&port=1,2", "2 ports for 3 hosts"), ("postgres://a@b/c?connect_timeout=0", "connect_timeout"),
            ("postgres://a@[::1/c", "no closing ]"),
        ]
        for (bad, naming) in cases {
            #expect(throws: DatabaseURLError.self, "\(bad)") { try DatabaseURL(bad) }
            var message = ""
            do { _ = try DatabaseURL(bad) } catch { message = error.description }
            #expect(message.contains(naming), "\(bad): \(message)")
        }
    }
}
