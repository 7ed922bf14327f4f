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

    /// Connections the pool keeps open however quiet the server is. The pool arms no timer for these when
    /// they are released, and a timer is a `Task.sleep`, which Swift schedules on a Dispatch queue even though
    /// the global executor is NIO's: under load that woke Dispatch's threads about four times per call.
    static let standingConnections = 16

    func servicePool() -> Self {
        var configuration = self
        configuration.options.connectionIdleTimeout = Self.idleTimeout
        configuration.options.keepAliveBehavior = nil
        configuration.options.minimumConnections = Self.standingConnections
        return configuration
    }
}
