import PostgresNIO

extension PostgresClient.Configuration {
    /// The serving pool's timers. The pool arms a keep-alive and an idle-timeout timer each time a connection
    /// goes back to it, and a cancelled `Task.sleep` keeps its few hundred bytes until its deadline would have
    /// passed. With the defaults (30 s and 60 s) a busy server held about 3 KB per request for a minute:
    /// 250 MB after 75,000 signed calls. Five seconds bound that to tens of megabytes and still ping an idle
    /// connection before any firewall forgets it.
    static let poolTimer: Duration = .seconds(5)

    func servicePool() -> Self {
        var configuration = self
        configuration.options.connectionIdleTimeout = Self.poolTimer
        configuration.options.keepAliveBehavior = .init(frequency: Self.poolTimer)
        return configuration
    }
}
