import PostgresNIO

extension PostgresClient.Configuration {
    /// How long a released connection may stay idle before the pool closes it.
    ///
    /// The pool arms an idle timer (and, by default, a keep-alive timer) each time a connection is released,
    /// and a cancelled `Task.sleep` keeps its few hundred bytes until its deadline would have passed. With
    /// the defaults (60 s idle, 30 s keep-alive) a busy server held about 3 KB per request for a minute:
    /// 253 MB after 73,000 signed calls. A 5 s idle timeout bounds that to a few megabytes.
    ///
    /// Keep-alive is off: a connection idle for 5 s is closed anyway, so there is nothing left to keep alive,
    /// and with both timers at 5 s the pool's shutdown hung about one time in three after an idle spell
    /// (seen here with PostgresNIO 1.33; `ServeProcessTests` stops a server after such a spell).
    static let idleTimeout: Duration = .seconds(5)

    func servicePool() -> Self {
        var configuration = self
        configuration.options.connectionIdleTimeout = Self.idleTimeout
        configuration.options.keepAliveBehavior = nil
        return configuration
    }
}
